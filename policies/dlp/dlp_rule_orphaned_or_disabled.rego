# METADATA
# title: DLP rule is disabled or has no parent policy
# description: >-
#   One finding per DLP rule whose `disabled` is true, pointing at it (the rule protects
#   nothing), and one per rule whose parent policy is not in the export, pointing at the
#   `parentPolicyName` (or `policy`) that names it: joined by name or by GUID, no exported
#   policy matches, so the rule is stale or the policy export is incomplete. A rule that names
#   no parent policy at all is not assessed.
# related_resources:
#   - ref: https://learn.microsoft.com/powershell/module/exchange/get-dlpcompliancerule
#     description: "Microsoft Learn: Get-DlpComplianceRule"
# custom:
#   id: DLP009
#   name: dlp-rule-orphaned-or-disabled
#   severity: info
#   area: dlp
#   requires: [dlp]
#   rationale: >-
#     Disabled and orphaned rules are configuration drift: they look like protection when
#     someone reads the rule list, but they detect and block nothing. Removing or re-enabling
#     them keeps the DLP configuration reviewable, and an orphan often reveals an export that
#     missed a policy.
#   remediation: >-
#     Review each rule: re-enable it if it is still wanted (PowerShell:
#     `Set-DlpComplianceRule -Identity <rule> -Disabled $false`), or remove it
#     (`Remove-DlpComplianceRule -Identity <rule>`). For an orphaned rule, first check that
#     the policy export is complete (`Get-DlpCompliancePolicy | ConvertTo-Json -Depth 10`).
package m365lint.dlp.dlp_rule_orphaned_or_disabled

import rego.v1

import data.m365lint.lib.dlp
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
dlp_rules := data.m365lint.lib.dlp.rules

deny contains finding.at(dlp.rule_at(j, ["disabled"]), sprintf("DLP rule %s is disabled", [dlp.rule_label(r)])) if {
	some j, r in dlp_rules
	dlp.rule_disabled(r)
}

deny contains finding.at(
	dlp.rule_at(j, [field]),
	sprintf("DLP rule %s belongs to policy '%s', which is not in the export", [dlp.rule_label(r), r[field]]),
) if {
	some j, r in dlp_rules
	dlp.orphaned(j)
	field := dlp.parent_field(r)
}

not_assessed contains sprintf("DLP rule %s names no parent policy, so whether it is orphaned is unknown", [dlp.rule_label(r)]) if {
	some j, r in dlp_rules
	dlp.parentless(j)
}
