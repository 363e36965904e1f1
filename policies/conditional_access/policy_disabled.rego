# METADATA
# title: Conditional Access policy is disabled
# description: One finding per policy whose state is `disabled`.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/identity/conditional-access/plan-conditional-access
#     description: "Microsoft Learn: Plan a Conditional Access deployment"
# custom:
#   id: CA014
#   name: policy-disabled
#   severity: info
#   area: conditional_access
#   requires: [conditional_access]
#   rationale: >-
#     A disabled policy is stale configuration: it protects nothing, yet reviewers may read
#     it as a control that exists. Keeping only live policies makes the set reviewable.
#   remediation: >-
#     Turn the policy on (after validating it in report-only mode) if its protection is
#     wanted; otherwise delete it.
#   references: []
package m365lint.conditional_access.policy_disabled

import rego.v1

import data.m365lint.lib.conditional_access as ca
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
ca_policies := data.m365lint.lib.conditional_access.policies

deny contains finding.at(ca.at(i, ["state"]), sprintf("Policy %s is disabled", [ca.label(p)])) if {
	some i, p in ca_policies
	ca.disabled(p)
}
