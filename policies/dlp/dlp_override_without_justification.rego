# METADATA
# title: Blocking DLP rule lets users override without a justification
# description: >-
#   One finding per rule of an enforced DLP policy (not disabled; a rule whose disabled state
#   is not exported is judged as on) that blocks access (`blockAccess` true, whatever its scope)
#   and whose `notifyAllowOverride` contains `WithoutJustification`, pointing at that value: a
#   user can dismiss the block without saying why. Rules of policies in test mode or off block
#   nothing and are left to DLP002; an absent `notifyAllowOverride` allows no override.
# related_resources:
#   - ref: https://learn.microsoft.com/purview/dlp-policy-reference#user-overrides
#     description: "Microsoft Learn: Data loss prevention policy reference (user overrides)"
# custom:
#   id: DLP008
#   name: dlp-override-without-justification
#   severity: medium
#   area: dlp
#   requires: [dlp]
#   rationale: >-
#     An override without justification turns a block into a click-through: anyone, including
#     an attacker using a compromised account, can send the sensitive content anyway and leave
#     no reason to review. A required business justification keeps the user's flexibility
#     while making every exception accountable and auditable.
#   remediation: >-
#     In the Microsoft Purview portal, open Data loss prevention > Policies, edit the policy's
#     rule and, under User overrides, require a business justification to override (PowerShell:
#     `Set-DlpComplianceRule -Identity <rule> -NotifyAllowOverride WithJustification`), or turn
#     overrides off for content that must never leave.
package m365lint.dlp.dlp_override_without_justification

import rego.v1

import data.m365lint.lib.dlp
import data.m365lint.lib.finding

deny contains finding.at(
	dlp.rule_at(j, ["notifyAllowOverride", k]),
	sprintf("Rule %s blocks access but lets users override the block without a justification", [dlp.rule_label(r)]),
) if {
	some j, r in dlp.rules
	dlp.in_force(j)
	r.blockAccess == true
	some k, value in dlp.array_at(r, ["notifyAllowOverride"])
	value == "WithoutJustification"
}
