# Shared definitions for Conditional Access rules (catalog.md, "Shared definitions"):
# enforced, broad and narrowed policies, grants, approved exclusions, and the shortfalls that
# make a policy a near miss. Every shortfall points at the exact offending value.
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

# ---------------------------------------------------------------------------------------------
# State

enforced(p) if p.state == "enabled"

report_only(p) if p.state == "enabledForReportingButNotEnforced"

disabled(p) if p.state == "disabled"

# ---------------------------------------------------------------------------------------------
# Grants

grant(p) := p.grantControls if is_object(p.grantControls)

builtin_controls(p) := {c | some c in grant(p).builtInControls}

blocks(p) if "block" in builtin_controls(p)

# MFA grant: `mfa`, or any authentication strength.
mfa_grant(p) if "mfa" in builtin_controls(p)

mfa_grant(p) if is_object(grant(p).authenticationStrength)

requires_compliant_device(p) if "compliantDevice" in builtin_controls(p)

# ---------------------------------------------------------------------------------------------
# Scope

lowered(values) := {lower(v) | some v in values; is_string(v)}

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

user_label("GuestsOrExternalUsers") := "all guests and external users"

user_label(user) := sprintf("user %s", [user]) if user != "GuestsOrExternalUsers"

# ---------------------------------------------------------------------------------------------
# Shortfalls: why policy i is not an enforced, broad, un-narrowed policy. Each is
# {"category", "path", "reason"}; `reason` completes a sentence that starts with the policy's
# name. A policy with no shortfalls applies to everyone, always.

shortfalls(i) := ((enforcement(i) | breadth(i)) | narrowing(i)) | exclusions(i)

# The reasons a policy falls short, leaving out the narrowing categories a rule expects (e.g.
# "client_apps" for a legacy-authentication policy).
shortfalls_except(i, expected) := {s | some s in shortfalls(i); not s.category in expected}

# Policy i satisfies an "all users, always" requirement (but for the expected narrowing).
satisfies(i, expected) if count(shortfalls_except(i, expected)) == 0

# Near misses among `candidates` (policy indexes): one piece of evidence per shortfall of each
# candidate that does not satisfy the requirement.
near_misses(candidates, expected) := {evidence |
	some i in candidates
	some s in shortfalls_except(i, expected)
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

exclusions(i) := (((roles_excluded(i) | users_excluded(i)) | groups_excluded(i)) | guests_excluded(i)) | apps_excluded(i)

roles_excluded(i) := {s |
	some j, role in policies[i].conditions.users.excludeRoles
	s := {
		"category": "exclusions",
		"path": at(i, ["conditions", "users", "excludeRoles", j]),
		"reason": sprintf("excludes directory role %s", [roles.label(role)]),
	}
}

users_excluded(i) := {s |
	some j, user in policies[i].conditions.users.excludeUsers
	not approved_user(user)
	s := {
		"category": "exclusions",
		"path": at(i, ["conditions", "users", "excludeUsers", j]),
		"reason": sprintf("excludes %s, which is not an approved exclusion", [user_label(user)]),
	}
}

groups_excluded(i) := {s |
	some j, group in policies[i].conditions.users.excludeGroups
	not approved_group(group)
	s := {
		"category": "exclusions",
		"path": at(i, ["conditions", "users", "excludeGroups", j]),
		"reason": sprintf("excludes group %s, which is not an approved exclusion", [group]),
	}
}

guests_excluded(i) := {s |
	is_object(policies[i].conditions.users.excludeGuestsOrExternalUsers)
	s := {
		"category": "exclusions",
		"path": at(i, ["conditions", "users", "excludeGuestsOrExternalUsers"]),
		"reason": "excludes guests or external users",
	}
}

apps_excluded(i) := {s |
	some j, app in policies[i].conditions.applications.excludeApplications
	not approved_application(app)
	s := {
		"category": "exclusions",
		"path": at(i, ["conditions", "applications", "excludeApplications", j]),
		"reason": sprintf("excludes application %s, which is not an approved exclusion", [app]),
	}
}

narrowing(i) := ((((risk(i) | platforms(i)) | locations(i)) | device_filter(i)) | client_apps(i)) | authentication_flows(i)

risk_nouns := {
	"userRiskLevels": "user risk",
	"signInRiskLevels": "sign-in risk",
	"servicePrincipalRiskLevels": "service principal risk",
	"insiderRiskLevels": "insider risk",
}

risk(i) := {s |
	some field, noun in risk_nouns
	levels := policies[i].conditions[field]
	count(levels) > 0
	s := {
		"category": "risk",
		"path": at(i, ["conditions", field]),
		"reason": sprintf("applies only at %s %s", [noun, concat(", ", levels)]),
	}
}

platforms(i) := {s |
	included := policies[i].conditions.platforms.includePlatforms
	count(included) > 0
	not "all" in lowered(included)
	s := {
		"category": "platforms",
		"path": at(i, ["conditions", "platforms", "includePlatforms"]),
		"reason": sprintf("applies only to platforms %s", [concat(", ", included)]),
	}
} | {s |
	excluded := policies[i].conditions.platforms.excludePlatforms
	count(excluded) > 0
	s := {
		"category": "platforms",
		"path": at(i, ["conditions", "platforms", "excludePlatforms"]),
		"reason": sprintf("excludes platforms %s", [concat(", ", excluded)]),
	}
}

locations(i) := {s |
	included := policies[i].conditions.locations.includeLocations
	count(included) > 0
	not "all" in lowered(included)
	s := {
		"category": "locations",
		"path": at(i, ["conditions", "locations", "includeLocations"]),
		"reason": sprintf("applies only in locations %s", [concat(", ", included)]),
	}
} | {s |
	excluded := policies[i].conditions.locations.excludeLocations
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
	types := policies[i].conditions.clientAppTypes
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
	methods := policies[i].conditions.authenticationFlows.transferMethods
	count(methods) > 0
	s := {
		"category": "authentication_flows",
		"path": at(i, ["conditions", "authenticationFlows", "transferMethods"]),
		"reason": sprintf("applies only to authentication flows %s", [concat(", ", methods)]),
	}
}
