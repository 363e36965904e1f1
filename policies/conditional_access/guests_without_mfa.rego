# METADATA
# title: Guests and external users are not required to use MFA
# description: >-
#   Fails when some type of guest or external user (internal guests, B2B collaboration
#   guests and members, B2B direct connect users, other external users, service providers)
#   is covered by no enforced Conditional Access policy that requires MFA (the `mfa` control
#   or an authentication strength) for all cloud apps. A type is covered by a policy that
#   includes All users, or all guests (`GuestsOrExternalUsers`), or the type from all
#   external tenants (`includeGuestsOrExternalUsers`), and does not exclude it
#   (`GuestsOrExternalUsers` in `excludeUsers`, even when approved for other rules, or the
#   type in `excludeGuestsOrExternalUsers`, from any tenant). The policy must be on (not
#   report-only), exclude no directory roles and only approved users, groups or apps, and
#   must not be narrowed by risk, platform, location, device filter, client app or
#   authentication flow conditions. Readings chosen for fewer false passes: MFA must be a
#   condition of access, so under operator `OR` no other control (a compliant device, terms
#   of use) may stand beside it; a guest exclusion whose types cannot be read excludes every
#   type. The finding names the uncovered types and lists the MFA policies that include them
#   but fall short, and why.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/identity/conditional-access/policy-guests-mfa-strength
#     description: "Microsoft Learn: Require multifactor authentication for guest access"
# custom:
#   id: CA013
#   name: guests-without-mfa
#   severity: medium
#   area: conditional_access
#   requires: [conditional_access]
#   rationale: >-
#     Guests sign in with credentials the organization does not manage: a partner's weak
#     password policy or a consumer account becomes a way into your Teams, SharePoint and
#     apps. Zero Trust verifies every identity explicitly, internal or external; an all-users
#     MFA policy that quietly excludes guests leaves exactly those accounts on a password.
#   remediation: >-
#     Remove the guest exclusion from your all-users MFA policy, or create a Conditional
#     Access policy with Users = Guest or external users (all types, all external tenants),
#     Target resources = All cloud apps, and Grant = Require authentication strength (or
#     Require multifactor authentication) as the only grant control. Consider trusting MFA
#     from partner tenants in cross-tenant access settings so guests are not prompted twice.
#     Validate in report-only mode, then set it to On.
#   references:
#     - {framework: SCuBA, id: MS.AAD.3.2v2, inspired: true, note: "ScubaGear checks MFA for all users"}
#     - {framework: Workshop, id: ZT}
package m365lint.conditional_access.guests_without_mfa

import rego.v1

import data.m365lint.lib.conditional_access as ca
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
ca_collection := data.m365lint.lib.conditional_access.collection
ca_guest_types := data.m365lint.lib.conditional_access.guest_types
ca_excluded_guest_types := data.m365lint.lib.conditional_access.excluded_guest_types
ca_included_guest_types := data.m365lint.lib.conditional_access.included_guest_types
ca_policies := data.m365lint.lib.conditional_access.policies

accepted := {"mfa", "authenticationStrength"}

# MFA policies that name some guest type, from all or some external tenants.
candidates contains i if {
	some i, p in ca_policies
	ca.mfa_grant(p)
	count(named_guest_types[i]) > 0
}

# The guest types policy i names: those it applies to, and those its guests condition lists
# even if only for some external tenants.
named_guest_types[i] := ca_included_guest_types[i] | listed_guest_types(p) if some i, p in ca_policies

listed_guest_types(p) := ca.condition_guest_types(condition) if {
	condition := ca.guests_condition(p, "includeGuestsOrExternalUsers")
} else := set()

# Who the policy includes, and guest exclusions, are weighed type by type below.
expected := {"users", "guests"}

shortfalls(i) := ca.shortfalls_except(i, expected) | ca.grant_shortfalls(i, accepted, "MFA")

covered contains t if {
	some i in candidates
	count(shortfalls(i)) == 0
	some t in ca_included_guest_types[i] - ca_excluded_guest_types[i]
}

uncovered := ca_guest_types - covered

# Why candidate i leaves out uncovered types it could have covered.
scope_shortfalls(i) := {s |
	some j, user in ca.array_at(ca_policies[i], ["conditions", "users", "excludeUsers"])
	ca.guests_user(user)
	s := {
		"path": ca.at(i, ["conditions", "users", "excludeUsers", j]),
		"reason": "excludes all guests and external users",
	}
} | {s |
	condition := ca.guests_condition(ca_policies[i], "excludeGuestsOrExternalUsers")
	count(uncovered & ca_excluded_guest_types[i]) > 0
	s := {
		"path": ca.at(i, ["conditions", "users", "excludeGuestsOrExternalUsers"]),
		"reason": sprintf("excludes guests or external users%s", [ca.guests_condition_text(condition)]),
	}
} | {s |
	condition := ca.guests_condition(ca_policies[i], "includeGuestsOrExternalUsers")
	not ca.all_external_tenants(condition)
	s := {
		"path": ca.at(i, ["conditions", "users", "includeGuestsOrExternalUsers", "externalTenants"]),
		"reason": sprintf("applies only to guests%s", [ca.tenants_text(condition)]),
	}
} | {s |
	p := ca_policies[i]
	not ca.all_users(p)
	not all_guests_included(p)
	condition := ca.guests_condition(p, "includeGuestsOrExternalUsers")
	ca.all_external_tenants(condition)
	count(uncovered - ca.condition_guest_types(condition)) > 0
	s := {
		"path": ca.at(i, ["conditions", "users", "includeGuestsOrExternalUsers", "guestOrExternalUserTypes"]),
		"reason": sprintf("applies only to guest types %s", [concat(", ", sort(ca.condition_guest_types(condition)))]),
	}
}

all_guests_included(p) if {
	some user in ca.array_at(p, ["conditions", "users", "includeUsers"])
	ca.guests_user(user)
}

# Candidates that name an uncovered type but fall short, or leave uncovered types out.
near_misses contains evidence if {
	some i in candidates
	count(uncovered & named_guest_types[i]) > 0
	some evidence in ca.explain(i, shortfalls(i) | scope_shortfalls(i))
}

near_misses contains evidence if {
	some i in candidates
	count(shortfalls(i)) == 0
	some evidence in ca.explain(i, scope_shortfalls(i))
}

deny contains object.union(
	finding.missing(
		ca_collection,
		sprintf("No enforced policy requires MFA for all cloud apps of these guest and external user types: %s", [concat(", ", sort(uncovered))]),
		near_misses,
	),
	{"details": {"uncoveredGuestTypes": sort(uncovered)}},
) if {
	count(uncovered) > 0
}
