# METADATA
# title: Protective policy excludes an unapproved user, group or role
# description: >-
#   One finding per user, group or directory role excluded from an enforced policy that
#   blocks access or requires MFA (including an authentication strength) or a compliant
#   device, unless the user or group is an approved exclusion (an emergency-access account,
#   or listed in `approved_exclusions`). Role exclusions are never approved: they exempt
#   everyone who holds the role, now and later. Users and groups match by id or by name,
#   ignoring case. Guests and external users are excluded either by `GuestsOrExternalUsers`
#   in `excludeUsers` or by the structured `excludeGuestsOrExternalUsers` condition (some or
#   all guest types, from some or all tenants); both are approved by `GuestsOrExternalUsers`
#   in `approved_exclusions.users`. The finding points at the excluded entry (the structured
#   condition as a whole).
# related_resources:
#   - ref: https://learn.microsoft.com/entra/identity/conditional-access/plan-conditional-access#user-exclusions
#     description: "Microsoft Learn: Conditional Access user exclusions"
# custom:
#   id: CA010
#   name: unapproved-exclusion
#   severity: high
#   area: conditional_access
#   requires: [conditional_access]
#   rationale: >-
#     Exclusions are how strong policies quietly stop applying: a group added "temporarily",
#     a service account, a role. Attackers look for the accounts that are exempt from MFA.
#     Each exclusion should be a documented, reviewed decision.
#   remediation: >-
#     Remove the exclusion, or, if it is deliberate (an emergency-access account, a
#     documented service account), list it under [parameters.approved_exclusions] (or
#     [parameters.emergency_access]) in m365lint.toml.
#   references:
#     - {framework: SCuBA, id: CapExclusions, note: "ScubaGear's configurable CA exclusions"}
#     - {framework: CIS, id: 5.2.2}
package m365lint.conditional_access.unapproved_exclusion

import rego.v1

import data.m365lint.lib.conditional_access as ca
import data.m365lint.lib.finding
import data.m365lint.lib.roles

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
ca_guests_exclusion_approved := data.m365lint.lib.conditional_access.guests_exclusion_approved
ca_policies := data.m365lint.lib.conditional_access.policies

protective(p) if ca.blocks(p)

protective(p) if ca.mfa_grant(p)

protective(p) if ca.requires_compliant_device(p)

# Enforced protective policies: the ones whose exclusions matter.
scoped contains i if {
	some i, p in ca_policies
	ca.enforced(p)
	protective(p)
}

deny contains finding.detailed(
	ca.at(i, ["conditions", "users", "excludeUsers", j]),
	sprintf("Policy %s excludes %s, which is not an approved exclusion", [ca.label(p), ca.user_label(user)]),
	{"policyId": object.get(p, "id", null), "kind": "user", "excluded": user},
) if {
	some i in scoped
	p := ca_policies[i]
	some j, user in p.conditions.users.excludeUsers
	not ca.approved_user(user)
}

deny contains finding.detailed(
	ca.at(i, ["conditions", "users", "excludeGroups", j]),
	sprintf("Policy %s excludes group %s, which is not an approved exclusion", [ca.label(p), group]),
	{"policyId": object.get(p, "id", null), "kind": "group", "excluded": group},
) if {
	some i in scoped
	p := ca_policies[i]
	some j, group in p.conditions.users.excludeGroups
	not ca.approved_group(group)
}

deny contains finding.detailed(
	ca.at(i, ["conditions", "users", "excludeGuestsOrExternalUsers"]),
	sprintf("Policy %s excludes guests or external users%s, which is not an approved exclusion", [ca.label(p), ca.guests_condition_text(condition)]),
	{"policyId": object.get(p, "id", null), "kind": "guests", "excluded": "GuestsOrExternalUsers"},
) if {
	some i in scoped
	p := ca_policies[i]
	condition := ca.guests_condition(p, "excludeGuestsOrExternalUsers")
	not ca_guests_exclusion_approved
}

deny contains finding.detailed(
	ca.at(i, ["conditions", "users", "excludeRoles", j]),
	sprintf("Policy %s excludes directory role %s: everyone who holds the role is exempt", [ca.label(p), roles.label(role)]),
	{"policyId": object.get(p, "id", null), "kind": "role", "excluded": role},
) if {
	some i in scoped
	p := ca_policies[i]
	some j, role in p.conditions.users.excludeRoles
}
