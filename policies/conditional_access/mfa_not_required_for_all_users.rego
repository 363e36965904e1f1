# METADATA
# title: MFA is not required for all users
# description: >-
#   Fails when no enforced Conditional Access policy requires multifactor authentication
#   (the `mfa` grant control, or any authentication strength) for all users and all cloud
#   apps, always. The policy must be on (not report-only), include All users and All cloud
#   apps, exclude no directory roles and only approved users, groups or apps, and must not be
#   narrowed by user or sign-in risk, platforms, locations, a device filter, client app types
#   that leave out browsers or modern clients, or authentication flows. Unlike ScubaGear, a
#   policy that only applies at high risk or outside trusted locations does not pass. The
#   finding lists every MFA policy that falls short, and why.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-mfa-strength
#     description: "Microsoft Learn: Require MFA for all users"
# custom:
#   id: CA002
#   name: mfa-not-required-for-all-users
#   severity: critical
#   area: conditional_access
#   requires: [conditional_access]
#   rationale: >-
#     Multifactor authentication blocks the vast majority of account-compromise attacks that
#     start with a stolen, guessed or phished password. Zero Trust's "verify explicitly" means
#     every user proves who they are on every sign-in, not only when a risk signal fires or
#     when they are off the corporate network.
#   remediation: >-
#     Create a Conditional Access policy with Users = All users (exclude only your
#     emergency-access accounts), Target resources = All cloud apps, no risk, location,
#     platform or device-filter conditions, and Grant = Require authentication strength
#     (Multifactor authentication or stronger). Validate it in report-only mode, then set it
#     to On.
#   references:
#     - {framework: SCuBA, id: MS.AAD.3.2v2}
#     - {framework: CIS, id: 5.2.2.2}
#     - {framework: Workshop, id: ZT}
package m365lint.conditional_access.mfa_not_required_for_all_users

import rego.v1

import data.m365lint.lib.conditional_access as ca
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
ca_collection := data.m365lint.lib.conditional_access.collection
ca_policies := data.m365lint.lib.conditional_access.policies

candidates contains i if {
	some i, p in ca_policies
	ca.mfa_grant(p)
}

satisfied if {
	some i in candidates
	ca.satisfies(i, set())
}

deny contains finding.missing(
	ca_collection,
	"No enforced policy requires MFA for all users and all cloud apps without narrowing conditions",
	ca.near_misses(candidates, set()),
) if {
	not satisfied
}
