# METADATA
# title: Conditional Access policy has no effect
# description: >-
#   One finding per enforced Conditional Access policy (state `enabled`, or no state in the
#   export: an unknown state is treated as on) that cannot change any sign-in: it has
#   no grant control (no built-in control, authentication strength, custom control or terms
#   of use) and no enabled session control (a session control with `isEnabled` true,
#   `disableResilienceDefaults` true, or a continuous access evaluation mode); or its users
#   include `None`; or it includes no user, group, role or guest at all; or it excludes every
#   user, group, role and guest type it includes. Policies for workload identities
#   (`clientApplications` includes service principals, where Graph sets users to `None`) are
#   not judged on their users. Readings chosen for fewer false passes: the same holds for
#   cloud apps, so a policy whose apps include `None`, that targets no app, user action or
#   authentication context, or that excludes every app it includes is reported too; a
#   session control whose `isEnabled` is missing is not enabled. Each finding points at the
#   value that empties the policy.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-policies
#     description: "Microsoft Learn: Building a Conditional Access policy"
# custom:
#   id: CA015
#   name: policy-without-effect
#   severity: low
#   area: conditional_access
#   requires: [conditional_access]
#   rationale: >-
#     A policy that is on but applies to no one, or applies and does nothing, looks like
#     protection in the portal and in reviews while protecting nothing. It usually hides a
#     mistake: a scope left at None after testing, a grant removed, an exclusion that swallowed
#     the whole target group.
#   remediation: >-
#     Open the policy and give it a real scope (Users, Target resources) and an effect (Grant
#     or an enabled Session control), or delete it if it is no longer wanted.
#   references: []
package m365lint.conditional_access.policy_without_effect

import rego.v1

import data.m365lint.lib.conditional_access as ca
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
ca_guest_types := data.m365lint.lib.conditional_access.guest_types
ca_policies := data.m365lint.lib.conditional_access.policies

toggles := ["applicationEnforcedRestrictions", "cloudAppSecurity", "persistentBrowser", "signInFrequency", "secureSignInSession"]

enabled_session_control(p) if {
	some name in toggles
	ca.session_control(p, name).isEnabled == true
}

enabled_session_control(p) if object.get(p, ["sessionControls", "disableResilienceDefaults"], null) == true

enabled_session_control(p) if is_string(ca.session_control(p, "continuousAccessEvaluation").mode)

workload_identities(p) if count(ca.array_at(p, ["conditions", "clientApplications", "includeServicePrincipals"])) > 0

workload_identities(p) if is_object(object.get(p, ["conditions", "clientApplications", "servicePrincipalFilter"], null))

users(p, field) := ca.array_at(p, ["conditions", "users", field])

apps(p, field) := ca.array_at(p, ["conditions", "applications", field])

# Enforced policies judged on their users.
for_users contains i if {
	some i, p in ca_policies
	ca.maybe_enforced(p)
	not workload_identities(p)
}

deny contains finding.at(
	ca.at(i, ["grantControls"]),
	sprintf("Policy %s has no grant control and no enabled session control: it changes nothing", [ca.label(p)]),
) if {
	some i, p in ca_policies
	ca.maybe_enforced(p)
	count(ca.controls(p)) == 0
	not enabled_session_control(p)
}

deny contains finding.at(
	ca.at(i, ["conditions", "users", "includeUsers", j]),
	sprintf("Policy %s includes users None: it applies to no one", [ca.label(p)]),
) if {
	some i in for_users
	p := ca_policies[i]
	some j, user in users(p, "includeUsers")
	lower(user) == "none"
}

deny contains finding.at(
	ca.at(i, ["conditions", "users", "includeUsers"]),
	sprintf("Policy %s includes no user, group, role or guest: it applies to no one", [ca.label(p)]),
) if {
	some i in for_users
	p := ca_policies[i]
	count(users(p, "includeUsers")) == 0
	count(users(p, "includeGroups")) == 0
	count(users(p, "includeRoles")) == 0
	not ca.guests_condition(p, "includeGuestsOrExternalUsers")
}

deny contains finding.at(
	ca.at(i, ["conditions", "users"]),
	sprintf("Policy %s excludes every user, group, role and guest it includes: it applies to no one", [ca.label(p)]),
) if {
	some i in for_users
	p := ca_policies[i]
	includes_someone(p)
	every_inclusion_excluded(p)
}

includes_someone(p) if count([user | some user in users(p, "includeUsers"); lower(user) != "none"]) > 0

includes_someone(p) if count(users(p, "includeGroups")) > 0

includes_someone(p) if count(users(p, "includeRoles")) > 0

includes_someone(p) if ca.guests_condition(p, "includeGuestsOrExternalUsers")

every_inclusion_excluded(p) if {
	not ca.all_users(p)
	every user in users(p, "includeUsers") {
		user_excluded(p, user)
	}
	count(ca.lowered(users(p, "includeGroups")) - ca.lowered(users(p, "excludeGroups"))) == 0
	count(ca.lowered(users(p, "includeRoles")) - ca.lowered(users(p, "excludeRoles"))) == 0
	not guests_left(p)
}

user_excluded(_, user) if lower(user) == "none"

user_excluded(p, user) if {
	not ca.guests_user(user)
	lower(user) in ca.lowered(users(p, "excludeUsers"))
}

user_excluded(p, user) if {
	ca.guests_user(user)
	every t in ca_guest_types {
		fully_excluded_guest_type(p, t)
	}
}

# Some included guest type is not excluded from every tenant the policy includes it from.
guests_left(p) if {
	condition := ca.guests_condition(p, "includeGuestsOrExternalUsers")
	some t in ca.condition_guest_types(condition)
	not fully_excluded_guest_type(p, t)
}

fully_excluded_guest_type(p, t) if {
	t in ca_guest_types
	some user in users(p, "excludeUsers")
	ca.guests_user(user)
}

fully_excluded_guest_type(p, t) if {
	condition := ca.guests_condition(p, "excludeGuestsOrExternalUsers")
	t in ca.condition_guest_types(condition)
	ca.all_external_tenants(condition)
}

deny contains finding.at(
	ca.at(i, ["conditions", "applications", "includeApplications", j]),
	sprintf("Policy %s targets cloud apps None: it applies to nothing", [ca.label(p)]),
) if {
	some i, p in ca_policies
	ca.maybe_enforced(p)
	some j, app in apps(p, "includeApplications")
	lower(app) == "none"
}

deny contains finding.at(
	ca.at(i, ["conditions", "applications", "includeApplications"]),
	sprintf("Policy %s targets no cloud app, user action or authentication context: it applies to nothing", [ca.label(p)]),
) if {
	some i, p in ca_policies
	ca.maybe_enforced(p)
	count(apps(p, "includeApplications")) == 0
	count(apps(p, "includeUserActions")) == 0
	count(apps(p, "includeAuthenticationContextClassReferences")) == 0
}

deny contains finding.at(
	ca.at(i, ["conditions", "applications", "excludeApplications"]),
	sprintf("Policy %s excludes every cloud app it includes: it applies to nothing", [ca.label(p)]),
) if {
	some i, p in ca_policies
	ca.maybe_enforced(p)
	included := ca.lowered(apps(p, "includeApplications"))
	count(included - {"none"}) > 0
	count(included - ca.lowered(apps(p, "excludeApplications"))) == 0
	count(apps(p, "includeUserActions")) == 0
	count(apps(p, "includeAuthenticationContextClassReferences")) == 0
}
