# Shared definitions for Conditional Access rules (catalog.md, "Shared definitions"):
# enforced, broad and narrowed policies, grants, approved exclusions, privileged roles, guests,
# and the shortfalls that make a policy a near miss. Every shortfall points at the exact
# offending value.
package m365lint.lib.conditional_access

import rego.v1

import data.m365lint.lib.roles

policies := input.conditional_access.policies

params := data.m365lint.params

# The path of the policy collection: what findings about a missing policy point at.
collection := ["conditional_access", "policies"]

# The path of a value inside policy i.
at(i, rest) := array.concat(["conditional_access", "policies", i], rest)

# The Microsoft Rights Management app: excluding it is always approved (see ZT003).
rights_management_app := "00000012-0000-0000-c000-000000000000"

# How messages name a policy.
label(p) := sprintf("'%s'", [p.displayName]) if {
	is_string(p.displayName)
	p.displayName != ""
}

else := sprintf("'%s'", [p.id]) if is_string(p.id)

else := "(unnamed policy)"

# The array at `path` below `obj`; [] when it is missing, null or not an array, so that rules
# never iterate over null (which regorus rejects).
array_at(obj, path) := value if {
	value := object.get(obj, path, [])
	is_array(value)
} else := []

# Up to three items of a sorted list, joined by `separator`, and how many more there are.
abbreviated(items, separator) := concat(separator, items) if count(items) <= 3

else := sprintf("%s and %d more", [concat(separator, array.slice(items, 0, 3)), count(items) - 3])

# ---------------------------------------------------------------------------------------------
# State

enforced(p) if p.state == "enabled"

report_only(p) if p.state == "enabledForReportingButNotEnforced"

disabled(p) if p.state == "disabled"

# Policy p may be enforcing: it is on, or its state is not in the export. Rules that warn about
# what an enforced policy does treat an unknown state as on, so that missing data never passes.
maybe_enforced(p) if {
	not report_only(p)
	not disabled(p)
}

# ---------------------------------------------------------------------------------------------
# Grants

grant(p) := p.grantControls if is_object(p.grantControls)

builtin_controls(p) := {c | some c in array_at(p, ["grantControls", "builtInControls"])}

blocks(p) if "block" in builtin_controls(p)

# MFA grant: `mfa`, or any authentication strength.
mfa_grant(p) if "mfa" in builtin_controls(p)

mfa_grant(p) if is_object(grant(p).authenticationStrength)

requires_compliant_device(p) if "compliantDevice" in builtin_controls(p)

# Every control of p's grant a user may have to satisfy: built-in controls by their Graph name,
# "authenticationStrength", and custom controls and terms of use by a descriptive name.
controls(p) := ((builtin_controls(p) | strength_control(p)) | custom_controls(p)) | terms_of_use(p)

strength_control(p) := {"authenticationStrength" | is_object(grant(p).authenticationStrength)}

custom_controls(p) := {sprintf("custom control %s", [c]) | some c in array_at(p, ["grantControls", "customAuthenticationFactors"])}

terms_of_use(p) := {sprintf("terms of use %s", [t]) | some t in array_at(p, ["grantControls", "termsOfUse"])}

and_operator(p) if grant(p).operator == "AND"

operator_text(p) := grant(p).operator if is_string(grant(p).operator)

else := "not set"

# Why policy i does not make one of the `accepted` controls a condition of access (category
# "grant"); `wanted` names them in messages, e.g. "MFA". With operator AND one accepted control
# is enough; otherwise (OR, or no operator) a user may satisfy any one control, so every
# control must be accepted.
grant_shortfalls(i, accepted, wanted) := {s |
	count(controls(policies[i])) == 0
	s := {
		"category": "grant",
		"path": at(i, ["grantControls"]),
		"reason": sprintf("has no grant controls, so it does not require %s", [wanted]),
	}
} | {s |
	found := controls(policies[i])
	count(found) > 0
	count(found & accepted) == 0
	s := {
		"category": "grant",
		"path": at(i, ["grantControls", "builtInControls"]),
		"reason": sprintf("requires %s, not %s", [concat(", ", sort(found)), wanted]),
	}
} | {s |
	p := policies[i]
	not and_operator(p)
	count(controls(p) & accepted) > 0
	alternatives := controls(p) - accepted
	count(alternatives) > 0
	s := {
		"category": "grant",
		"path": at(i, ["grantControls", "operator"]),
		"reason": sprintf("requires only one of its controls (operator %s), so users can satisfy it with %s instead of %s", [operator_text(p), concat(", ", sort(alternatives)), wanted]),
	}
}

# Phishing-resistant: an authentication strength whose allowed combinations are all within
# these methods (compared ignoring case).
phishing_resistant_methods := {"windowshelloforbusiness", "fido2", "x509certificatemultifactor"}

strength_combinations(p) := {c | some c in array_at(p, ["grantControls", "authenticationStrength", "allowedCombinations"]); is_string(c)}

strength_label(p) := sprintf("'%s'", [grant(p).authenticationStrength.displayName]) if {
	is_string(grant(p).authenticationStrength.displayName)
} else := sprintf("'%s'", [grant(p).authenticationStrength.id]) if {
	is_string(grant(p).authenticationStrength.id)
} else := "(unnamed)"

# Why policy i does not make a phishing-resistant authentication strength a condition of
# access (category "grant"). An empty or unexported list of combinations is not resistant.
phishing_resistance_shortfalls(i) := grant_shortfalls(i, {"authenticationStrength"}, "a phishing-resistant authentication strength") | {s |
	p := policies[i]
	is_object(grant(p).authenticationStrength)
	count(strength_combinations(p)) == 0
	s := {
		"category": "grant",
		"path": at(i, ["grantControls", "authenticationStrength"]),
		"reason": sprintf("requires authentication strength %s, whose allowed combinations are not in the export", [strength_label(p)]),
	}
} | {s |
	p := policies[i]
	weak := {c | some c in strength_combinations(p); not lower(c) in phishing_resistant_methods}
	count(weak) > 0
	s := {
		"category": "grant",
		"path": at(i, ["grantControls", "authenticationStrength", "allowedCombinations"]),
		"reason": sprintf("requires authentication strength %s, which also allows methods that are not phishing-resistant: %s", [strength_label(p), abbreviated(sort(weak), "; ")]),
	}
}

# ---------------------------------------------------------------------------------------------
# Sessions

# Session control `name` of policy p (e.g. "signInFrequency"), when set.
session_control(p, name) := control if {
	control := object.get(p, ["sessionControls", name], null)
	is_object(control)
}

# ---------------------------------------------------------------------------------------------
# Scope

lowered(values) := {lower(v) | some v in values; is_string(v)} if is_array(values)

else := {lower(v) | some v in values; is_string(v)} if is_set(values)

else := set()

all_users(p) if "all" in lowered(p.conditions.users.includeUsers)

all_apps(p) if "all" in lowered(p.conditions.applications.includeApplications)

# Users and groups may be given by object id or by name (user principal name, group display
# name), as exporters differ; matching ignores case.
emergency_users := lowered(params.emergency_access.users)

emergency_groups := lowered(params.emergency_access.groups)

approved_user(user) if lower(user) in emergency_users

approved_user(user) if lower(user) in lowered(params.approved_exclusions.users)

approved_group(group) if lower(group) in emergency_groups

approved_group(group) if lower(group) in lowered(params.approved_exclusions.groups)

approved_application(app) if lower(app) == rights_management_app

approved_application(app) if lower(app) in lowered(params.approved_exclusions.applications)

# `GuestsOrExternalUsers` in a users list stands for every guest and external user.
guests_user(user) if lower(user) == "guestsorexternalusers"

# Excluding guests and external users is approved by `GuestsOrExternalUsers` in
# `approved_exclusions.users`, whichever form the policy uses: the literal in `excludeUsers`,
# or the structured `excludeGuestsOrExternalUsers` condition (which may name only some guest
# types or tenants: approving all guests approves any part of them).
guests_exclusion_approved if approved_user("GuestsOrExternalUsers")

user_label(user) := "all guests and external users" if guests_user(user)

else := sprintf("user %s", [user])

# ---------------------------------------------------------------------------------------------
# Privileged roles (parameter `privileged_roles`: role template ids)

privileged_roles := {lower(role) | some role in array_at(params, ["privileged_roles"]); is_string(role)}

# Policy p applies to holders of directory role `role`: it includes all users, or the role (by
# template id or, as Microsoft365DSC exports it, by display name).
includes_role(p, role) if all_users(p)

includes_role(p, role) if {
	some value in array_at(p, ["conditions", "users", "includeRoles"])
	roles.matches(value, role)
}

# The privileged roles policy i applies to (as `includes_role`), by policy index: computed once
# per tenant, for the rules that ask it for every policy and privileged role (regorus memoizes
# rules, not functions; docs/performance.md).
privileged_roles_of[i] := privileged_roles if {
	some i, p in policies
	all_users(p)
}

privileged_roles_of[i] := {privileged_role_keys[lower(value)] |
	some value in array_at(p, ["conditions", "users", "includeRoles"])
	is_string(value)
} if {
	some i, p in policies
	not all_users(p)
}

# Each privileged role by what a policy may name it by, lower case: its template id and, as
# Microsoft365DSC exports roles, its display name (`roles.matches`).
privileged_role_keys := {key: role |
	some role in privileged_roles
	some key in {role} | {lower(name) | name := role_names[role]}
}

role_names := data.m365lint.lib.roles.names

# ---------------------------------------------------------------------------------------------
# Guests and external users

guest_types := {
	"internalGuest",
	"b2bCollaborationGuest",
	"b2bCollaborationMember",
	"b2bDirectConnectUser",
	"otherExternalUser",
	"serviceProvider",
}

# The known guest or external user types a guests condition names.
condition_guest_types(condition) := {t | some t in array_at(condition, ["guestOrExternalUserTypes"]); t in guest_types}

all_external_tenants(condition) if object.get(condition, ["externalTenants", "membershipKind"], null) == "all"

guests_condition(p, field) := condition if {
	condition := object.get(p, ["conditions", "users", field], null)
	is_object(condition)
}

# Policy p applies to guest type t: all users, all guests (`GuestsOrExternalUsers`), or the
# type from every external tenant.
includes_guest_type(p, t) if t in guest_types_included(p)

guest_types_included(p) := guest_types if all_users(p)

else := guest_types if {
	some user in array_at(p, ["conditions", "users", "includeUsers"])
	guests_user(user)
} else := condition_guest_types(condition) if {
	condition := guests_condition(p, "includeGuestsOrExternalUsers")
	all_external_tenants(condition)
} else := set()

# Policy p exempts guest type t, from some or all external tenants. An exclusion that names no
# known type is taken to exclude every type: what cannot be read cannot be relied on.
excludes_guest_type(p, t) if t in guest_types_excluded(p)

guest_types_excluded(p) := guest_types if {
	some user in array_at(p, ["conditions", "users", "excludeUsers"])
	guests_user(user)
} else := guest_types if {
	condition := guests_condition(p, "excludeGuestsOrExternalUsers")
	count(condition_guest_types(condition)) == 0
} else := condition_guest_types(condition) if {
	condition := guests_condition(p, "excludeGuestsOrExternalUsers")
} else := set()

# The guest types each policy applies to and exempts, by policy index: computed once per
# tenant for the rules that ask for every policy and type (regorus memoizes rules, not
# functions; docs/performance.md).
included_guest_types[i] := guest_types_included(p) if some i, p in policies

excluded_guest_types[i] := guest_types_excluded(p) if some i, p in policies

guests_condition_text(condition) := sprintf("%s%s", [types, tenants]) if {
	named := condition_guest_types(condition)
	types := guest_types_text(named)
	tenants := tenants_text(condition)
}

guest_types_text(named) := sprintf(" (%s)", [concat(", ", sort(named))]) if count(named) > 0

else := ""

tenants_text(condition) := "" if all_external_tenants(condition)

else := sprintf(" from tenants %s", [concat(", ", members)]) if {
	members := array_at(condition, ["externalTenants", "members"])
	count(members) > 0
} else := " from unspecified tenants"

# ---------------------------------------------------------------------------------------------
# Shortfalls: why policy i is not an enforced, broad, un-narrowed policy. Each is
# {"category", "path", "reason"}; `reason` completes a sentence that starts with the policy's
# name. A policy with no shortfalls applies to everyone, always.

shortfalls(i) := all_shortfalls[i]

# Every policy's shortfalls, computed once per evaluation: rules ask for them many times
# (once per role, per guest type ...), and functions are not memoized while rules are.
all_shortfalls[i] := ((enforcement(i) | breadth(i)) | narrowing(i)) | exclusions(i) if some i, _ in policies

# The reasons a policy falls short, leaving out the narrowing categories a rule expects (e.g.
# "client_apps" for a legacy-authentication policy).
shortfalls_except(i, expected) := {s | some s in shortfalls(i); not s.category in expected}

# Policy i satisfies an "all users, always" requirement (but for the expected narrowing).
satisfies(i, expected) if count(shortfalls_except(i, expected)) == 0

# Near misses among `candidates` (policy indexes): one piece of evidence per shortfall of each
# candidate that does not satisfy the requirement.
near_misses(candidates, expected) := {evidence |
	some i in candidates
	some evidence in explain(i, shortfalls_except(i, expected))
}

# One piece of evidence per shortfall of policy i in `found`: "<policy> <reason>" at its path.
explain(i, found) := {evidence |
	some s in found
	evidence := {"path": s.path, "message": sprintf("%s %s", [label(policies[i]), s.reason])}
}

state_reasons := {
	"enabledForReportingButNotEnforced": "is report-only (enabledForReportingButNotEnforced)",
	"disabled": "is disabled",
}

enforcement(i) := {s |
	state := object.get(policies[i], "state", null)
	state != "enabled"
	s := {
		"category": "state",
		"path": at(i, ["state"]),
		"reason": object.get(state_reasons, state, "is not enabled"),
	}
}

breadth(i) := {s |
	p := policies[i]
	not all_users(p)
	s := {"category": "users", "path": at(i, ["conditions", "users", "includeUsers"]), "reason": "does not include all users"}
} | {s |
	p := policies[i]
	not all_apps(p)
	s := {
		"category": "applications",
		"path": at(i, ["conditions", "applications", "includeApplications"]),
		"reason": "does not target all cloud apps",
	}
}

exclusions(i) := ((((roles_excluded(i) | users_excluded(i)) | groups_excluded(i)) | all_guests_excluded(i)) | guests_excluded(i)) | apps_excluded(i)

roles_excluded(i) := {s |
	some j, role in array_at(policies[i], ["conditions", "users", "excludeRoles"])
	s := {
		"category": "exclusions",
		"path": at(i, ["conditions", "users", "excludeRoles", j]),
		"reason": sprintf("excludes directory role %s", [roles.label(role)]),
	}
}

users_excluded(i) := {s |
	some j, user in array_at(policies[i], ["conditions", "users", "excludeUsers"])
	not guests_user(user)
	not approved_user(user)
	s := {
		"category": "exclusions",
		"path": at(i, ["conditions", "users", "excludeUsers", j]),
		"reason": sprintf("excludes %s, which is not an approved exclusion", [user_label(user)]),
	}
}

groups_excluded(i) := {s |
	some j, group in array_at(policies[i], ["conditions", "users", "excludeGroups"])
	not approved_group(group)
	s := {
		"category": "exclusions",
		"path": at(i, ["conditions", "users", "excludeGroups", j]),
		"reason": sprintf("excludes group %s, which is not an approved exclusion", [group]),
	}
}

# Guest exclusions have their own category: rules about guests weigh them type by type.
all_guests_excluded(i) := {s |
	some j, user in array_at(policies[i], ["conditions", "users", "excludeUsers"])
	guests_user(user)
	not approved_user(user)
	s := {
		"category": "guests",
		"path": at(i, ["conditions", "users", "excludeUsers", j]),
		"reason": sprintf("excludes %s, which is not an approved exclusion", [user_label(user)]),
	}
}

guests_excluded(i) := {s |
	not guests_exclusion_approved
	condition := guests_condition(policies[i], "excludeGuestsOrExternalUsers")
	s := {
		"category": "guests",
		"path": at(i, ["conditions", "users", "excludeGuestsOrExternalUsers"]),
		"reason": sprintf("excludes guests or external users%s, which is not an approved exclusion", [guests_condition_text(condition)]),
	}
}

apps_excluded(i) := {s |
	some j, app in array_at(policies[i], ["conditions", "applications", "excludeApplications"])
	not approved_application(app)
	s := {
		"category": "exclusions",
		"path": at(i, ["conditions", "applications", "excludeApplications", j]),
		"reason": sprintf("excludes application %s, which is not an approved exclusion", [app]),
	}
}

narrowing(i) := ((((risk(i) | platforms(i)) | locations(i)) | device_filter(i)) | client_apps(i)) | authentication_flows(i)

# Each risk condition is its own category: risk-based rules expect exactly one of them.
risk_conditions := {
	"userRiskLevels": {"category": "user_risk", "noun": "user risk"},
	"signInRiskLevels": {"category": "sign_in_risk", "noun": "sign-in risk"},
	"servicePrincipalRiskLevels": {"category": "service_principal_risk", "noun": "service principal risk"},
	"insiderRiskLevels": {"category": "insider_risk", "noun": "insider risk"},
}

risk(i) := {s |
	some field, condition in risk_conditions
	levels := array_at(policies[i], ["conditions", field])
	count(levels) > 0
	s := {
		"category": condition.category,
		"path": at(i, ["conditions", field]),
		"reason": sprintf("applies only at %s %s", [condition.noun, concat(", ", levels)]),
	}
}

platforms(i) := {s |
	included := array_at(policies[i], ["conditions", "platforms", "includePlatforms"])
	count(included) > 0
	not "all" in lowered(included)
	s := {
		"category": "platforms",
		"path": at(i, ["conditions", "platforms", "includePlatforms"]),
		"reason": sprintf("applies only to platforms %s", [concat(", ", included)]),
	}
} | {s |
	excluded := array_at(policies[i], ["conditions", "platforms", "excludePlatforms"])
	count(excluded) > 0
	s := {
		"category": "platforms",
		"path": at(i, ["conditions", "platforms", "excludePlatforms"]),
		"reason": sprintf("excludes platforms %s", [concat(", ", excluded)]),
	}
}

locations(i) := {s |
	included := array_at(policies[i], ["conditions", "locations", "includeLocations"])
	count(included) > 0
	not "all" in lowered(included)
	s := {
		"category": "locations",
		"path": at(i, ["conditions", "locations", "includeLocations"]),
		"reason": sprintf("applies only in locations %s", [concat(", ", included)]),
	}
} | {s |
	excluded := array_at(policies[i], ["conditions", "locations", "excludeLocations"])
	count(excluded) > 0
	s := {
		"category": "locations",
		"path": at(i, ["conditions", "locations", "excludeLocations"]),
		"reason": sprintf("excludes locations %s", [concat(", ", excluded)]),
	}
}

device_filter(i) := {s |
	filter := policies[i].conditions.devices.deviceFilter
	is_object(filter)
	s := {
		"category": "devices",
		"path": at(i, ["conditions", "devices", "deviceFilter"]),
		"reason": sprintf("applies only to devices that %s the filter '%s'", [filter_verb(filter.mode), filter.rule]),
	}
}

filter_verb("exclude") := "do not match"

filter_verb(mode) := "match" if mode != "exclude"

# Client app types leave out browsers or modern clients (an empty list or `all` covers both).
client_apps(i) := {s |
	types := array_at(policies[i], ["conditions", "clientAppTypes"])
	count(types) > 0
	not "all" in types
	count({"browser", "mobileAppsAndDesktopClients"} - {t | some t in types}) > 0
	s := {
		"category": "client_apps",
		"path": at(i, ["conditions", "clientAppTypes"]),
		"reason": sprintf("applies only to client apps %s", [concat(", ", types)]),
	}
}

authentication_flows(i) := {s |
	methods := array_at(policies[i], ["conditions", "authenticationFlows", "transferMethods"])
	count(methods) > 0
	s := {
		"category": "authentication_flows",
		"path": at(i, ["conditions", "authenticationFlows", "transferMethods"]),
		"reason": sprintf("applies only to authentication flows %s", [concat(", ", methods)]),
	}
}
