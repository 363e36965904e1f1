# METADATA
# title: Administrator sessions are not bounded
# description: >-
#   Fails when some privileged role (parameter `privileged_roles`) is covered by no enforced
#   Conditional Access policy, for all cloud apps, that both sets an enabled sign-in frequency
#   of at most `admin_sign_in_frequency_hours` (a value in hours, or in days counted as 24
#   hours each; "Every time" is within any limit) and an enabled persistent browser session
#   control with mode `never`. A policy covers a role when it includes All users or lists the
#   role in `includeRoles` (by template id, or by display name as Microsoft365DSC exports
#   it). The policy must be on (not report-only), exclude no directory roles and only
#   approved users, groups or apps, and must not be narrowed by risk, platform, location,
#   device filter, client app or authentication flow conditions. Readings chosen for fewer
#   false passes: both controls must be in one policy, as the catalog states; a frequency
#   without a value or unit, or a control whose `isEnabled` is not true, does not count; a
#   policy for the admin portals only leaves the roles' other sessions unbounded. The finding
#   names every uncovered role and lists the policies that cover some of them but fall short,
#   and why.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/identity/conditional-access/concept-session-lifetime
#     description: "Microsoft Learn: Configure adaptive session lifetime policies"
# custom:
#   id: CA012
#   name: admin-session-unbounded
#   severity: medium
#   area: conditional_access
#   requires: [conditional_access]
#   rationale: >-
#     An administrator's session token is worth as much as the password and the MFA that
#     produced it: stolen from a browser profile or by an adversary-in-the-middle proxy, it
#     keeps working until it expires. Short sign-in frequency and no persistent browser
#     sessions bound how long a stolen or forgotten admin session stays useful, as CIS and the
#     identity workshop recommend for privileged access.
#   remediation: >-
#     Create a Conditional Access policy with Users = Select users and groups > Directory roles
#     = every privileged role (exclude only your emergency-access accounts), Target resources =
#     All cloud apps, and Session > Sign-in frequency = Periodic reauthentication, at most
#     your configured hours (4 by default), and Persistent browser session = Never persistent.
#     Validate in report-only mode, then set it to On.
#   references:
#     - {framework: CIS, id: 5.2.2.4}
package m365lint.conditional_access.admin_session_unbounded

import rego.v1

import data.m365lint.lib.conditional_access as ca
import data.m365lint.lib.finding
import data.m365lint.lib.roles

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
ca_collection := data.m365lint.lib.conditional_access.collection
ca_params := data.m365lint.lib.conditional_access.params
ca_policies := data.m365lint.lib.conditional_access.policies
ca_privileged_roles := data.m365lint.lib.conditional_access.privileged_roles
ca_privileged_roles_of := data.m365lint.lib.conditional_access.privileged_roles_of

limit := ca_params.admin_sign_in_frequency_hours

# Policies with a sign-in frequency or persistent browser control for some privileged role.
candidates contains i if {
	some i, p in ca_policies
	some name in ["signInFrequency", "persistentBrowser"]
	ca.session_control(p, name)
	count(ca_privileged_roles_of[i]) > 0
}

# Roles are what this rule is about: an admin policy need not include all users.
expected := {"users"}

shortfalls(i) := (ca.shortfalls_except(i, expected) | frequency_shortfalls(i)) | browser_shortfalls(i)

unit_hours := {"hours": 1, "days": 24}

frequency_path(i, rest) := ca.at(i, array.concat(["sessionControls", "signInFrequency"], rest))

frequency_shortfalls(i) := {s |
	not ca.session_control(ca_policies[i], "signInFrequency")
	s := {
		"category": "session",
		"path": ca.at(i, ["sessionControls"]),
		"reason": "sets no sign-in frequency",
	}
} | {s |
	control := ca.session_control(ca_policies[i], "signInFrequency")
	object.get(control, "isEnabled", null) != true
	s := {
		"category": "session",
		"path": frequency_path(i, ["isEnabled"]),
		"reason": "does not enable its sign-in frequency",
	}
} | {s |
	control := ca.session_control(ca_policies[i], "signInFrequency")
	not every_time(control)
	not hours(control)
	s := {
		"category": "session",
		"path": frequency_path(i, []),
		"reason": "sets a sign-in frequency without a value in hours or days",
	}
} | {s |
	control := ca.session_control(ca_policies[i], "signInFrequency")
	not every_time(control)
	hours(control) > limit
	s := {
		"category": "session",
		"path": frequency_path(i, ["value"]),
		"reason": sprintf("asks for a new sign-in only every %s, more than the %s allowed (admin_sign_in_frequency_hours)", [quantity(control.value, control.type), quantity(limit, "hours")]),
	}
}

# "1 day", "8 hours".
quantity(1, units) := sprintf("1 %s", [trim_suffix(units, "s")])

quantity(n, units) := sprintf("%d %s", [n, units]) if n != 1

every_time(control) if object.get(control, "frequencyInterval", null) == "everyTime"

# The sign-in frequency in hours; undefined without a positive value and a known unit.
hours(control) := control.value * unit_hours[control.type] if {
	is_number(control.value)
	control.value > 0
}

browser_shortfalls(i) := {s |
	not ca.session_control(ca_policies[i], "persistentBrowser")
	s := {
		"category": "session",
		"path": ca.at(i, ["sessionControls"]),
		"reason": "does not set persistent browser sessions to never",
	}
} | {s |
	control := ca.session_control(ca_policies[i], "persistentBrowser")
	object.get(control, "isEnabled", null) != true
	s := {
		"category": "session",
		"path": ca.at(i, ["sessionControls", "persistentBrowser", "isEnabled"]),
		"reason": "does not enable its persistent browser session control",
	}
} | {s |
	control := ca.session_control(ca_policies[i], "persistentBrowser")
	object.get(control, "mode", null) != "never"
	s := {
		"category": "session",
		"path": ca.at(i, ["sessionControls", "persistentBrowser", "mode"]),
		"reason": sprintf("sets persistent browser sessions to %v, not never", [object.get(control, "mode", null)]),
	}
}

covered contains role if {
	some i in candidates
	count(shortfalls(i)) == 0
	some role in ca_privileged_roles_of[i]
}

uncovered := ca_privileged_roles - covered

near_misses contains evidence if {
	some i in candidates
	count(uncovered & ca_privileged_roles_of[i]) > 0
	some evidence in ca.explain(i, shortfalls(i))
}

names := sort([roles.name(role) | some role in uncovered])

deny contains object.union(
	finding.missing(
		ca_collection,
		sprintf("No enforced policy limits sign-in frequency to %s and disables persistent browser sessions for all cloud apps of these privileged roles: %s", [quantity(limit, "hours"), concat(", ", names)]),
		near_misses,
	),
	{"details": {
		"maxHours": limit,
		"uncoveredRoles": [{"id": pair[1], "name": pair[0]} | some pair in sort([[roles.name(role), role] | some role in uncovered])],
	}},
) if {
	count(uncovered) > 0
}
