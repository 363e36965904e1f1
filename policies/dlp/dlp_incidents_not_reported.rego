# METADATA
# title: Enforced DLP rule raises no alert and sends no incident report
# description: >-
#   One finding per rule of an enforced DLP policy (not disabled; a rule whose disabled state
#   is not exported is judged as on) that has no `generateAlert` recipient and no
#   `generateIncidentReport` recipient. The finding points at `generateAlert` (or at the rule
#   when the export has no `generateAlert`), and lists `generateIncidentReport` as related.
#   Reading chosen for fewer false passes: an empty, null or absent list names no one (Security
#   & Compliance PowerShell writes none as `[]` or null, Microsoft365DSC leaves unset parameters
#   out), and so do empty strings and "false".
# related_resources:
#   - ref: https://learn.microsoft.com/purview/dlp-configure-view-alerts-policies
#     description: "Microsoft Learn: Configure and view alerts for data loss prevention policies"
# custom:
#   id: DLP007
#   name: dlp-incidents-not-reported
#   severity: low
#   area: dlp
#   requires: [dlp]
#   rationale: >-
#     A DLP match is a potential data leak; when a rule raises no alert and sends no incident
#     report, nobody in security or compliance sees it, repeated attempts go unnoticed and
#     overrides are never reviewed. The CISO workshop's information protection module asks for
#     continuous monitoring of sensitive data, which starts with matches reaching a person.
#   remediation: >-
#     In the Microsoft Purview portal, open Data loss prevention > Policies, edit the policy's
#     rule and, under Incident reports, turn on alerts to admins (and, if wanted, email incident
#     reports to your compliance team) (PowerShell: `Set-DlpComplianceRule -Identity <rule>
#     -GenerateAlert SiteAdmin -GenerateIncidentReport dlp-team@contoso.com
#     -ReportSeverityLevel High`).
#   references:
#     - {framework: Workshop, id: CISO-M5, note: "continuous monitoring"}
package m365lint.dlp.dlp_incidents_not_reported

import rego.v1

import data.m365lint.lib.dlp
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
dlp_policies := data.m365lint.lib.dlp.policies
dlp_rules := data.m365lint.lib.dlp.rules

message(j, r) := sprintf("Rule %s of enforced policy %s raises no alert and sends no incident report when it matches", [
	dlp.rule_label(r),
	concat(", ", sort([dlp.policy_label(dlp_policies[i]) | some i in dlp.parents(j)])),
])

silent(j) if {
	r := dlp_rules[j]
	dlp.in_force(j)
	count(dlp.recipients(r, "generateAlert")) == 0
	count(dlp.recipients(r, "generateIncidentReport")) == 0
}

exported(r, field) if field in object.keys(r)

deny contains finding.missing(dlp.rule_at(j, ["generateAlert"]), message(j, r), related) if {
	some j, r in dlp_rules
	silent(j)
	exported(r, "generateAlert")
	related := {finding.evidence(dlp.rule_at(j, ["generateIncidentReport"]), sprintf("Rule %s has no incident report recipient either", [dlp.rule_label(r)])) |
		exported(r, "generateIncidentReport")
	}
}

deny contains finding.at(dlp.rule_at(j, ["generateIncidentReport"]), message(j, r)) if {
	some j, r in dlp_rules
	silent(j)
	not exported(r, "generateAlert")
	exported(r, "generateIncidentReport")
}

deny contains finding.at(dlp.rule_at(j, []), message(j, r)) if {
	some j, r in dlp_rules
	silent(j)
	not exported(r, "generateAlert")
	not exported(r, "generateIncidentReport")
}
