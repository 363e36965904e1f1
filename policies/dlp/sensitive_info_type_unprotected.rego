# METADATA
# title: Required sensitive information type is not detected by an enforced DLP rule
# description: >-
#   One finding per sensitive information type of `dlp_required_info_types` (default: Credit
#   Card Number, U.S. Social Security Number (SSN), U.S. Individual Taxpayer Identification
#   Number (ITIN)) that no enabled rule of an enforced DLP policy detects, pointing at the rule
#   collection, with the type in `details`. What a rule detects is its `sensitiveInfoTypes`,
#   which unifies the flat list, the grouped form and the AdvancedRule document (exceptions are
#   never detections); names compare ignoring case and surrounding spaces. A rule whose
#   condition could not be read from the export (no `sensitiveInfoTypes`, or an advanced rule
#   without a readable AdvancedRule) counts as detecting nothing. Reading chosen for fewer false
#   passes: a type that only such a rule might detect is reported as a finding, not as not
#   assessed, so that it never drops out of a report that has other findings; the finding's
#   near misses name the unreadable rule. The near misses also list every rule that detects the
#   type but does not count: disabled, in a policy that is in test mode or off, or whose
#   policy is not in the export.
# related_resources:
#   - ref: https://learn.microsoft.com/purview/sit-sensitive-information-type-learn-about
#     description: "Microsoft Learn: Learn about sensitive information types"
# custom:
#   id: DLP003
#   name: sensitive-info-type-unprotected
#   severity: high
#   area: dlp
#   requires: [dlp]
#   rationale: >-
#     DLP protects only what its rules look for. Payment card numbers and national identifiers
#     are what attackers and careless sharing expose most, and what breach-notification laws
#     and PCI DSS hold an organization to; a type no enforced rule detects can leave by mail,
#     link or chat without any control or trace.
#   remediation: >-
#     In the Microsoft Purview portal, open Data loss prevention > Policies, edit an enforced
#     policy (or create one from the "U.S. Financial Data" or "U.S. Personally Identifiable
#     Information (PII) Data" template) and add the missing sensitive information type to a
#     rule's "Content contains" condition (PowerShell: `Set-DlpComplianceRule -Identity <rule>
#     -ContentContainsSensitiveInformation @{Name="<type>"}`). If a rule's condition could not
#     be read, re-export the rules with `Get-DlpComplianceRule | ConvertTo-Json -Depth 10`.
#   references:
#     - {framework: SCuBA, id: MS.SECURITYSUITE.3.1v1}
package m365lint.dlp.sensitive_info_type_unprotected

import rego.v1

import data.m365lint.lib.dlp
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
dlp_required_info_types := data.m365lint.lib.dlp.required_info_types
dlp_rule_collection := data.m365lint.lib.dlp.rule_collection
dlp_required_types_detected := data.m365lint.lib.dlp.required_types_detected
dlp_rules := data.m365lint.lib.dlp.rules

# `type_name` is one of `dlp_required_info_types`.
protected(type_name) if {
	some j, _ in dlp_rules
	dlp.counts(j)
	type_name in dlp_required_types_detected[j]
}

# Rules that detect the type but do not count, one piece of evidence per reason.
near_misses(type_name) := {e |
	some j, r in dlp_rules
	type_name in dlp_required_types_detected[j]
	not dlp.counts(j)
	some s in dlp.rule_shortfalls(j)
	e := finding.evidence(s.path, sprintf("Rule %s detects it but %s", [dlp.rule_label(r), s.reason]))
} | {e |
	some j, r in dlp_rules
	dlp.condition_unknown(r)
	dlp.counts(j)
	e := finding.evidence(
		dlp.condition_path(j),
		sprintf("Rule %s may detect it, but its condition could not be read from the export", [dlp.rule_label(r)]),
	)
}

deny contains object.union(
	finding.missing(dlp_rule_collection, sprintf("No enabled rule of an enforced DLP policy detects '%s'", [type_name]), near_misses(type_name)),
	{"details": {"infoType": type_name}},
) if {
	some type_name in dlp_required_info_types
	not protected(type_name)
}
