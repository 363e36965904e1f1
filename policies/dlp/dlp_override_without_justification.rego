# METADATA
# title: Blocking DLP rule lets users override without a justification
# description: >-
#   One finding per DLP rule that is set to block access (`blockAccess` true, whatever its
#   scope) and whose `notifyAllowOverride` contains `WithoutJustification`, pointing at that
#   value: a user can dismiss the block without saying why. Reading chosen for fewer false
#   passes: every such rule that is not disabled counts, whatever its policy's mode, since a
#   policy in test mode or off (DLP002) brings the override with it when it is turned on; an
#   absent `notifyAllowOverride` allows no override (Microsoft365DSC leaves it out when unset).
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

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
dlp_rules := data.m365lint.lib.dlp.rules

deny contains finding.at(
	dlp.rule_at(j, ["notifyAllowOverride", k]),
	sprintf("Rule %s is set to block access but lets users override the block without a justification", [dlp.rule_label(r)]),
) if {
	some j, r in dlp_rules
	not dlp.rule_disabled(r)
	r.blockAccess == true
	some k, value in dlp.array_at(r, ["notifyAllowOverride"])
	value == "WithoutJustification"
}
