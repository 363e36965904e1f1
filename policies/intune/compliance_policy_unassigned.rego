# METADATA
# title: Compliance policy is not assigned
# description: >-
#   One finding per compliance policy whose export includes its assignments and that has none,
#   or only exclusion groups: it judges no device. Policies exported without their assignments
#   are not assessed for this rule. Because an export may leave out exactly the unassigned
#   policies (IntuneCD writes no assignments for them), the rule does not pass while any
#   policy lacks its assignments: when there is no finding and some policy was exported
#   without assignments (or with an assignment target of unknown type), the rule is not
#   assessed and names those policies. The tenant-wide default policy, which cannot be
#   assigned, is ignored.
# related_resources:
#   - ref: https://learn.microsoft.com/mem/intune/protect/create-compliance-policy
#     description: "Microsoft Learn: create and assign a compliance policy"
# custom:
#   id: DEV003
#   name: compliance-policy-unassigned
#   severity: medium
#   area: intune
#   requires: [intune]
#   rationale: >-
#     An unassigned compliance policy protects nothing while looking like protection in the
#     portal and in reviews: the settings it holds (encryption, passcode, OS version) are
#     checked on no device. It is often a pilot never rolled out, or a policy whose group
#     assignment was removed by mistake.
#   remediation: >-
#     In the Intune admin center, open the policy under Devices > Compliance, and under
#     Properties > Assignments include the groups (or All users / All devices) whose devices it
#     must judge. If the policy is no longer needed, delete it.
#   references:
#     - {framework: ZTA, id: "24541"}
package m365lint.intune.compliance_policy_unassigned

import rego.v1

import data.m365lint.lib.finding
import data.m365lint.lib.intune

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
intune_policies := data.m365lint.lib.intune.policies
intune_policies_not_exported := data.m365lint.lib.intune.policies_not_exported

deny contains finding.at(intune.at(i, ["assignments"]), message) if {
	some i, p in intune_policies
	not intune.default_policy(p)
	intune.unassigned(p)
	message := unassigned_message(p)
}

unassigned_message(p) := sprintf("Compliance policy %s is not assigned to any group: it judges no device", [intune.label(p)]) if {
	count(p.assignments) == 0
} else := sprintf("Compliance policy %s only excludes groups and includes none: it judges no device", [intune.label(p)])

undecided := {i |
	some i, p in intune_policies
	not intune.default_policy(p)
	intune.assignment_unknown(p)
}

not_assessed contains intune_policies_not_exported if not intune_policies

not_assessed contains sprintf("Whether every compliance policy is assigned cannot be told: %s", [
	intune.abbreviated(sort([intune.assignment_unknown_reason(intune_policies[i]) | some i in undecided]), "; "),
]) if {
	count(undecided) > 0
}
