# METADATA
# title: Conditional Access policy is in report-only mode
# description: >-
#   One finding per policy whose state is `enabledForReportingButNotEnforced` (report-only):
#   it evaluates sign-ins and logs what it would have done, but enforces nothing.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-report-only
#     description: "Microsoft Learn: Conditional Access report-only mode"
# custom:
#   id: CA009
#   name: policy-report-only
#   severity: low
#   area: conditional_access
#   requires: [conditional_access]
#   rationale: >-
#     Report-only mode is for validating a policy before turning it on. A policy left in it
#     looks like protection in the portal while protecting nothing; the identity workshop's
#     deployment plan ends with every validated policy switched to On.
#   remediation: >-
#     Review the policy's report-only results in the sign-in logs (Conditional Access >
#     Insights and reporting); when it would not lock out legitimate users, set Enable policy
#     to On. If it is no longer wanted, delete it.
#   references:
#     - {framework: Workshop, id: CISO-M3}
package m365lint.conditional_access.policy_report_only

import rego.v1

import data.m365lint.lib.conditional_access as ca
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
ca_policies := data.m365lint.lib.conditional_access.policies

deny contains finding.at(
	ca.at(i, ["state"]),
	sprintf("Policy %s is report-only: it logs what it would do and enforces nothing", [ca.label(p)]),
) if {
	some i, p in ca_policies
	ca.report_only(p)
}
