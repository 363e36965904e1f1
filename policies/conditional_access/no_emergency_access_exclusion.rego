# METADATA
# title: Protective policy does not exclude the emergency-access accounts
# description: >-
#   One finding per enforced Conditional Access policy (state `enabled`, or no state in the
#   export: an unknown state is treated as on) that includes All users and blocks
#   access or requires MFA (including an authentication strength) or a compliant or hybrid
#   joined device, but does not exclude every configured emergency-access account: one
#   finding for the users of `emergency_access.users` missing from `excludeUsers` (matched by
#   object id or user principal name, ignoring case), one for the groups of
#   `emergency_access.groups` missing from `excludeGroups`, each pointing at that list.
#   Readings chosen for fewer false passes: every configured user and every configured group
#   must be excluded, since group membership is not in the export; narrowing conditions do
#   not take a policy out of scope, because it can still lock the accounts out when they
#   apply. When no emergency-access account is configured at all, one info-level finding says
#   so and lists the policies it could not check.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access
#     description: "Microsoft Learn: Manage emergency access admin accounts"
# custom:
#   id: CA011
#   name: no-emergency-access-exclusion
#   severity: medium
#   area: conditional_access
#   requires: [conditional_access]
#   rationale: >-
#     A Conditional Access policy that blocks or requires MFA or a device for everyone can lock
#     out every administrator at once: an MFA outage, a federation failure, a mistaken
#     location or device rule. Emergency-access ("break-glass") accounts excluded from such
#     policies are how an organization regains control; they only work if every lockout-prone
#     policy excludes them.
#   remediation: >-
#     List your emergency-access accounts under [parameters.emergency_access] in m365lint.toml
#     (users by object id or user principal name, or their group). Then, in each reported
#     policy, add them under Users > Exclude > Users and groups. Protect and monitor the
#     accounts themselves (long random passwords or FIDO2 keys kept offline, sign-in alerts).
#   references:
#     - {framework: CIS, id: 1.1.2, inspired: true, note: "CIS asks for two emergency-access accounts"}
package m365lint.conditional_access.no_emergency_access_exclusion

import rego.v1

import data.m365lint.lib.conditional_access as ca
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
ca_collection := data.m365lint.lib.conditional_access.collection
ca_params := data.m365lint.lib.conditional_access.params
ca_policies := data.m365lint.lib.conditional_access.policies

managed_device(p) if count(ca.builtin_controls(p) & {"compliantDevice", "domainJoinedDevice"}) > 0

protective(p) if ca.blocks(p)

protective(p) if ca.mfa_grant(p)

protective(p) if managed_device(p)

effect(p) := "blocks access" if ca.blocks(p)

else := "requires MFA" if {
	not managed_device(p)
}

else := "requires a managed device" if {
	not ca.mfa_grant(p)
}

else := "requires MFA and a managed device" if ca.and_operator(p)

else := "requires MFA or a managed device"

# Enforced all-users policies that could lock everyone out.
scoped contains i if {
	some i, p in ca_policies
	ca.maybe_enforced(p)
	ca.all_users(p)
	protective(p)
}

configured(kind) := {value | some value in ca.array_at(ca_params, ["emergency_access", kind]); is_string(value)}

missing(i, kind, field) := sort([value |
	some value in configured(kind)
	not lower(value) in ca.lowered(ca.array_at(ca_policies[i], ["conditions", "users", field]))
])

noun("users", 1) := "account"

noun("users", n) := "accounts" if n != 1

noun("groups", 1) := "group"

noun("groups", n) := "groups" if n != 1

deny contains finding.detailed(
	ca.at(i, ["conditions", "users", field]),
	sprintf("Policy %s %s for all users but does not exclude emergency-access %s %s: a mistake or an outage could lock every administrator out", [
		ca.label(p), effect(p), noun(kind, count(absent)), concat(", ", absent),
	]),
	{"policyId": object.get(p, "id", null), "kind": kind, "missing": absent},
) if {
	some i in scoped
	p := ca_policies[i]
	some kind, field in {"users": "excludeUsers", "groups": "excludeGroups"}
	absent := missing(i, kind, field)
	count(absent) > 0
}

unchecked contains finding.evidence(
	ca.at(i, ["conditions", "users", "excludeUsers"]),
	sprintf("%s %s for all users; check that it excludes your emergency-access accounts", [ca.label(p), effect(p)]),
) if {
	some i in scoped
	p := ca_policies[i]
}

deny contains object.union(
	finding.missing(
		ca_collection,
		"No emergency-access accounts are configured ([parameters.emergency_access] in m365lint.toml), so m365lint cannot check that lockout-prone policies exclude them",
		unchecked,
	),
	{"severity": "info"},
) if {
	count(configured("users")) + count(configured("groups")) == 0
}
