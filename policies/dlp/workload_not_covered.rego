# METADATA
# title: Workload is not covered by an enforced DLP policy
# description: >-
#   One finding per workload of `dlp_workloads` (default: exchange, sharepoint, onedrive,
#   teams, endpoint) that no enforced DLP policy covers everywhere, pointing at the policy
#   collection, with the workload in `details`. A policy covers a workload when it is enforced,
#   its location for the workload (`exchangeLocation`, `sharePointLocation`, `oneDriveLocation`,
#   `teamsLocation`, `endpointDlpLocation`) includes `All`, and, where the export has the
#   policy's `workload` list (Microsoft365DSC has none), that list names the workload
#   (`Exchange`, `SharePoint`, `OneDriveForBusiness`, `Teams`, `EndpointDevices`). Readings
#   chosen for fewer false passes: a location with exceptions (e.g. `oneDriveLocationException`)
#   does not cover the workload everywhere, as a narrowed Conditional Access policy does not
#   cover all users; and a policy without an enabled rule (`disabled` false) protects
#   nothing, so it does not cover anything. The finding lists, for each policy that includes the workload's
#   location or lists the workload, every reason it falls short. A workload that some policy
#   would cover but for what the export lacks (the policy's mode or enabled state, or whether
#   its rules are disabled) is not assessed rather than failed.
# related_resources:
#   - ref: https://learn.microsoft.com/purview/dlp-policy-reference
#     description: "Microsoft Learn: Data loss prevention policy reference (locations)"
# custom:
#   id: DLP004
#   name: workload-not-covered
#   severity: high
#   area: dlp
#   requires: [dlp]
#   rationale: >-
#     Sensitive data leaves by whichever channel is not watched: a DLP policy that covers mail
#     but not Teams chat, OneDrive sharing or copies to USB drives leaves an open door. Zero
#     Trust's "assume breach" asks for the same protection on every path data can take, and
#     the information protection workshop maps DLP onto Exchange, SharePoint, OneDrive, Teams
#     and devices alike.
#   remediation: >-
#     In the Microsoft Purview portal, open Data loss prevention > Policies, edit an enforced
#     policy and, under Locations, turn on the missing location with "All" included and no
#     exclusions (PowerShell: `Set-DlpCompliancePolicy -Identity <name> -TeamsLocation All`,
#     and likewise `-ExchangeLocation`, `-SharePointLocation`, `-OneDriveLocation`,
#     `-EndpointDlpLocation`). Endpoint DLP needs devices onboarded to Microsoft Purview.
#   references:
#     - {framework: SCuBA, id: MS.SECURITYSUITE.3.2v1}
#     - {framework: CIS, id: 3.2.2, note: "Teams only"}
package m365lint.dlp.workload_not_covered

import rego.v1

import data.m365lint.lib.dlp
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
dlp_params := data.m365lint.lib.dlp.params
dlp_policies := data.m365lint.lib.dlp.policies
dlp_policy_collection := data.m365lint.lib.dlp.policy_collection
dlp_rules := data.m365lint.lib.dlp.rules
dlp_workloads := data.m365lint.lib.dlp.workloads

required_workloads := {w | some w in dlp.array_at(dlp_params, ["dlp_workloads"]); dlp_workloads[w]}

# Policy i has an enabled rule (one whose disabled state is unknown does not count).
has_enabled_rule(i) if i in policies_with_enabled_rule

policies_with_enabled_rule contains i if {
	some j, r in dlp_rules
	dlp.rule_enabled(r)
	some i in dlp.parents(j)
}

# Policy i has a rule whose disabled state is not in the export.
has_unknown_rule(i) if i in policies_with_unknown_rule

policies_with_unknown_rule contains i if {
	some j, r in dlp_rules
	not is_boolean(r.disabled)
	some i in dlp.parents(j)
}

rule_states_unknown(i) := true if has_unknown_rule(i)

else := false

no_enabled_rule_reason(i) := "has no rule known to be enabled: whether its rules are disabled is not in the export" if {
	has_unknown_rule(i)
} else := "has no enabled rule"

# Why policy i does not cover workload w everywhere, in the shape of lib/dlp.rego's
# `policy_shortfalls` (`unknown` marks what the export lacks).
# `w` is one of `required_workloads`: the shortfalls are computed once per tenant, for each
# policy and required workload, since several rules below ask for them again and again (regorus
# memoizes rules, not functions; docs/performance.md).
shortfalls(i, w) := shortfalls_by_policy[i][w]

shortfalls_by_policy[i] := {w: found |
	some w in required_workloads
	found := own | dlp.coverage_shortfalls(i, w)
} if {
	some i, _ in dlp_policies
	own := dlp.policy_shortfalls(i) | rule_shortfalls(i)
}

rule_shortfalls(i) := {s |
	not has_enabled_rule(i)
	s := {"unknown": rule_states_unknown(i), "path": dlp.policy_at(i, []), "reason": no_enabled_rule_reason(i)}
}

covered(w) if {
	some i, _ in dlp_policies
	count(shortfalls(i, w)) == 0
}

# Policies that are about workload w: they include some of its locations or list it.
candidates(w) := {i |
	some i, p in dlp_policies
	count(dlp.location_names(p, w)) > 0
} | {i |
	some i, p in dlp_policies
	dlp_workloads[w].workload in {x | some x in dlp.array_at(p, ["workload"])}
}

near_misses(w) := {finding.evidence(s.path, sprintf("Policy %s %s", [dlp.policy_label(dlp_policies[i]), s.reason])) |
	some i in candidates(w)
	some s in shortfalls(i, w)
}

# Policies that would cover workload w but for what the export lacks (a mode or enabled state,
# or whether their rules are disabled): whether w is covered cannot be told.
undecided(w) := {i |
	some i, _ in dlp_policies
	found := shortfalls(i, w)
	count(found) > 0
	every s in found {
		s.unknown == true
	}
}

deny contains object.union(
	finding.missing(dlp_policy_collection, sprintf("No enforced DLP policy covers all %s", [dlp_workloads[w].label]), near_misses(w)),
	{"details": {"workload": w}},
) if {
	some w in required_workloads
	not covered(w)
	count(undecided(w)) == 0
}

not_assessed contains sprintf("Policy %s would cover all %s, but it %s", [
	dlp.policy_label(dlp_policies[i]),
	dlp_workloads[w].label,
	concat(" and ", sort([s.reason | some s in shortfalls(i, w)])),
]) if {
	some w in required_workloads
	not covered(w)
	some i in undecided(w)
}
