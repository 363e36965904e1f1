# METADATA
# title: No DLP policy is enforced
# description: >-
#   Fails when no enforced DLP policy has an enabled rule. A policy is enforced when its `mode`
#   is `Enable` and `enabled` is true; Microsoft365DSC exports no `enabled` (it turns a policy
#   off with `mode` `Disable`), so a policy without `enabled` is judged by its mode alone. A rule
#   counts when its `disabled` is `false` and every policy it belongs to (joined by
#   `parentPolicyName` or `policy`, to the policy's name or GUID) is enforced. When no rule
#   counts but some rule falls short only for what the export lacks (its disabled state, the
#   name of its policy, or that policy's mode or enabled state), the rule is not assessed
#   rather than passed or failed. The finding lists the near misses: each
#   policy with enabled rules that is in test mode, turned off or not enabled (pointing at its
#   `mode` or `enabled`), each enforced policy whose rules are all disabled (pointing at each
#   rule's `disabled`) or that has no rule at all, and each enabled rule whose parent policy is
#   not in the export.
# related_resources:
#   - ref: https://learn.microsoft.com/purview/dlp-create-deploy-policy
#     description: "Microsoft Learn: Create and deploy data loss prevention policies"
# custom:
#   id: DLP001
#   name: no-enforced-dlp-policy
#   severity: critical
#   area: dlp
#   requires: [dlp]
#   rationale: >-
#     Without an enforced DLP policy nothing stops sensitive data (card numbers, national
#     identifiers, health data) from leaving the organization by mail, sharing links, chat or
#     removable media. The information protection workshops put DLP at the centre of "assume
#     breach" for data: know where sensitive content is, and stop it from leaving, whoever
#     holds the credentials.
#   remediation: >-
#     In the Microsoft Purview portal, go to Data loss prevention > Policies and create a policy
#     from a template that fits your data (for example "U.S. Financial Data"), covering
#     Exchange, SharePoint, OneDrive, Teams and devices. Run it in simulation mode to review the
#     matches, then select "Turn the policy on immediately" (PowerShell:
#     `Set-DlpCompliancePolicy -Identity <name> -Mode Enable`) and check that its rules are
#     enabled (`Set-DlpComplianceRule -Identity <rule> -Disabled $false`).
#   references:
#     - {framework: CIS, id: 3.2.1}
#     - {framework: ZTA, id: "35030"}
#     - {framework: Workshop, id: FT-INFO}
package m365lint.dlp.no_enforced_dlp_policy

import rego.v1

import data.m365lint.lib.dlp
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
dlp_policies := data.m365lint.lib.dlp.policies
dlp_policy_collection := data.m365lint.lib.dlp.policy_collection
dlp_rules := data.m365lint.lib.dlp.rules

satisfied if {
	some j, _ in dlp_rules
	dlp.counts(j)
}

# Rules that may count: every reason they do not is something the export lacks (their
# disabled state, the name of their policy, or that policy's mode or enabled state).
unknown_rules contains j if {
	some j, _ in dlp_rules
	shortfalls := dlp.rule_shortfalls(j)
	count(shortfalls) > 0
	every s in shortfalls {
		s.unknown
	}
}

# The enabled rules of policy i.
enabled_rules(i) := {j |
	some j, r in dlp_rules
	i in dlp.parents(j)
	dlp.rule_enabled(r)
}

# A policy with enabled rules that is not enforced.
near_misses contains finding.evidence(s.path, sprintf("Policy %s has enabled rules but %s", [dlp.policy_label(p), s.reason])) if {
	some i, p in dlp_policies
	count(enabled_rules(i)) > 0
	some s in dlp.policy_shortfalls(i)
}

# An enforced policy whose rules are all disabled.
near_misses contains finding.evidence(dlp.rule_at(j, ["disabled"]), sprintf("Rule %s of enforced policy %s is disabled", [dlp.rule_label(r), dlp.policy_label(p)])) if {
	some i, p in dlp_policies
	dlp.enforced(p)
	count(enabled_rules(i)) == 0
	some j, r in dlp_rules
	i in dlp.parents(j)
	dlp.rule_disabled(r)
}

# An enforced policy without any rule.
near_misses contains finding.evidence(dlp.policy_at(i, []), sprintf("Policy %s is enforced but has no rules in the export", [dlp.policy_label(p)])) if {
	some i, p in dlp_policies
	dlp.enforced(p)
	every j, _ in dlp_rules {
		not i in dlp.parents(j)
	}
}

# An enabled rule whose parent policy is missing from the export, or that names none.
near_misses contains finding.evidence(s.path, sprintf("Enabled rule %s %s", [dlp.rule_label(r), s.reason])) if {
	some j, r in dlp_rules
	dlp.rule_enabled(r)
	count(dlp.parents(j)) == 0
	some s in dlp.rule_shortfalls(j)
}

deny contains finding.missing(dlp_policy_collection, "No enforced DLP policy has an enabled rule", near_misses) if {
	not satisfied
	count(unknown_rules) == 0
}

not_assessed contains sprintf("Rule %s would be an enabled rule of an enforced policy, but it %s", [
	dlp.rule_label(dlp_rules[j]),
	concat(" and ", sort([s.reason | some s in dlp.rule_shortfalls(j)])),
]) if {
	not satisfied
	some j in unknown_rules
}
