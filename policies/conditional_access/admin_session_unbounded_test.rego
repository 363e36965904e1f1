package m365lint.conditional_access.admin_session_unbounded_test

import rego.v1

import data.m365lint.conditional_access.admin_session_unbounded as rule
import data.m365lint.lib.testdata as td

global_admin := "62e90394-69f5-4237-9190-012177145e10"

role_admin := "e8611ab8-c189-46e8-94e1-60213ab1f814"

two_roles := object.union(data.m365lint.params, {"privileged_roles": [global_admin, role_admin]})

findings(policies) := found if {
	found := rule.deny with input as td.tenant(policies)
}

# Findings when only Global Administrator and Privileged Role Administrator are privileged.
findings_for_two_roles(policies) := found if {
	found := rule.deny with input as td.tenant(policies) with data.m365lint.params as two_roles
}

admins := object.union(td.admin_session_policy, {"conditions": {"users": {"includeRoles": [global_admin, role_admin]}}})

message_for_both := "No enforced policy limits sign-in frequency to 4 hours and disables persistent browser sessions for all cloud apps of these privileged roles: Global Administrator, Privileged Role Administrator"

both_uncovered := {"maxHours": 4, "uncoveredRoles": [
	{"id": global_admin, "name": "Global Administrator"},
	{"id": role_admin, "name": "Privileged Role Administrator"},
]}

near_miss(path, text) := {{
	"path": ["conditional_access", "policies"],
	"message": message_for_both,
	"related": [{"path": path, "message": text}],
	"details": both_uncovered,
}}

with_frequency(policy, frequency) := object.union(policy, {"sessionControls": {"signInFrequency": frequency}})

test_passes_when_every_privileged_role_is_bounded if {
	findings([td.mfa_policy, td.admin_session_policy]) == set()
}

test_passes_with_days_within_a_larger_limit if {
	policy := with_frequency(admins, {"value": 1, "type": "days"})
	params := object.union(two_roles, {"admin_sign_in_frequency_hours": 24})
	found := rule.deny with input as td.tenant([policy]) with data.m365lint.params as params
	found == set()
}

test_passes_with_every_time if {
	policy := with_frequency(admins, {"value": null, "type": null, "frequencyInterval": "everyTime"})
	findings_for_two_roles([policy]) == set()
}

test_passes_with_an_all_users_session_policy_combined_with_a_grant if {
	policy := object.union(td.mfa_policy, {"sessionControls": td.admin_session_policy.sessionControls})
	findings_for_two_roles([policy]) == set()
}

test_fires_without_any_session_policy if {
	findings_for_two_roles([td.mfa_policy]) == {{
		"path": ["conditional_access", "policies"],
		"message": message_for_both,
		"details": both_uncovered,
	}}
}

test_fires_for_the_roles_a_policy_leaves_out if {
	policy := object.union(admins, {"conditions": {"users": {"includeRoles": ["Global Administrator"]}}})
	findings_for_two_roles([policy]) == {{
		"path": ["conditional_access", "policies"],
		"message": "No enforced policy limits sign-in frequency to 4 hours and disables persistent browser sessions for all cloud apps of these privileged roles: Privileged Role Administrator",
		"details": {"maxHours": 4, "uncoveredRoles": [{"id": role_admin, "name": "Privileged Role Administrator"}]},
	}}
}

test_fires_when_the_frequency_is_too_long if {
	policy := with_frequency(admins, {"value": 1, "type": "days"})
	findings_for_two_roles([policy]) == near_miss(
		["conditional_access", "policies", 0, "sessionControls", "signInFrequency", "value"],
		"'Admin session lifetime' asks for a new sign-in only every 1 day, more than the 4 hours allowed (admin_sign_in_frequency_hours)",
	)
}

test_fires_when_the_frequency_exceeds_a_configured_limit if {
	policy := with_frequency(admins, {"value": 2})
	params := object.union(two_roles, {"admin_sign_in_frequency_hours": 1})
	found := rule.deny with input as td.tenant([policy]) with data.m365lint.params as params
	found == {{
		"path": ["conditional_access", "policies"],
		"message": "No enforced policy limits sign-in frequency to 1 hour and disables persistent browser sessions for all cloud apps of these privileged roles: Global Administrator, Privileged Role Administrator",
		"related": [{
			"path": ["conditional_access", "policies", 0, "sessionControls", "signInFrequency", "value"],
			"message": "'Admin session lifetime' asks for a new sign-in only every 2 hours, more than the 1 hour allowed (admin_sign_in_frequency_hours)",
		}],
		"details": {"maxHours": 1, "uncoveredRoles": both_uncovered.uncoveredRoles},
	}}
}

test_fires_when_the_frequency_has_no_value if {
	policy := with_frequency(admins, {"value": null, "type": null, "frequencyInterval": null})
	findings_for_two_roles([policy]) == near_miss(
		["conditional_access", "policies", 0, "sessionControls", "signInFrequency"],
		"'Admin session lifetime' sets a sign-in frequency without a value in hours or days",
	)
}

test_fires_when_the_frequency_is_not_enabled if {
	policy := with_frequency(admins, {"isEnabled": false})
	findings_for_two_roles([policy]) == near_miss(
		["conditional_access", "policies", 0, "sessionControls", "signInFrequency", "isEnabled"],
		"'Admin session lifetime' does not enable its sign-in frequency",
	)
}

test_fires_when_there_is_no_frequency if {
	policy := object.union(admins, {"sessionControls": {"signInFrequency": null}})
	findings_for_two_roles([policy]) == near_miss(
		["conditional_access", "policies", 0, "sessionControls"],
		"'Admin session lifetime' sets no sign-in frequency",
	)
}

test_fires_when_browser_sessions_persist if {
	policy := object.union(admins, {"sessionControls": {"persistentBrowser": {"mode": "always"}}})
	findings_for_two_roles([policy]) == near_miss(
		["conditional_access", "policies", 0, "sessionControls", "persistentBrowser", "mode"],
		"'Admin session lifetime' sets persistent browser sessions to always, not never",
	)
}

test_fires_when_the_browser_control_is_not_enabled if {
	policy := object.union(admins, {"sessionControls": {"persistentBrowser": {"isEnabled": false}}})
	findings_for_two_roles([policy]) == near_miss(
		["conditional_access", "policies", 0, "sessionControls", "persistentBrowser", "isEnabled"],
		"'Admin session lifetime' does not enable its persistent browser session control",
	)
}

test_fires_when_the_two_controls_are_in_different_policies if {
	frequency_only := object.union(admins, {"sessionControls": {"persistentBrowser": null}})
	browser_only := object.union(admins, {
		"id": "dddddddd-dddd-4ddd-8ddd-dddddddddddd",
		"displayName": "Admin browser sessions",
		"sessionControls": {"signInFrequency": null},
	})
	findings_for_two_roles([frequency_only, browser_only]) == {{
		"path": ["conditional_access", "policies"],
		"message": message_for_both,
		"related": [
			{
				"path": ["conditional_access", "policies", 0, "sessionControls"],
				"message": "'Admin session lifetime' does not set persistent browser sessions to never",
			},
			{
				"path": ["conditional_access", "policies", 1, "sessionControls"],
				"message": "'Admin browser sessions' sets no sign-in frequency",
			},
		],
		"details": both_uncovered,
	}}
}

test_fires_when_the_policy_is_report_only if {
	policy := object.union(admins, {"state": "enabledForReportingButNotEnforced"})
	findings_for_two_roles([policy]) == near_miss(
		["conditional_access", "policies", 0, "state"],
		"'Admin session lifetime' is report-only (enabledForReportingButNotEnforced)",
	)
}

test_fires_when_the_policy_covers_the_admin_portals_only if {
	policy := object.union(admins, {"conditions": {"applications": {"includeApplications": ["MicrosoftAdminPortals"]}}})
	findings_for_two_roles([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "applications", "includeApplications"],
		"'Admin session lifetime' does not target all cloud apps",
	)
}

test_fires_when_the_policy_applies_only_on_unmanaged_devices if {
	policy := object.union(admins, {"conditions": {"devices": {"deviceFilter": {"mode": "exclude", "rule": "device.isCompliant -eq True"}}}})
	findings_for_two_roles([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "devices", "deviceFilter"],
		"'Admin session lifetime' applies only to devices that do not match the filter 'device.isCompliant -eq True'",
	)
}

test_fires_when_the_policy_excludes_an_unapproved_user if {
	policy := object.union(admins, {"conditions": {"users": {"excludeUsers": ["f0e1d2c3-b4a5-4697-8a8b-9c0d1e2f3a4b"]}}})
	findings_for_two_roles([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "users", "excludeUsers", 0],
		"'Admin session lifetime' excludes user f0e1d2c3-b4a5-4697-8a8b-9c0d1e2f3a4b, which is not an approved exclusion",
	)
}

test_every_other_narrowing_condition_is_a_near_miss if {
	every case in td.narrowing_cases_except(set()) {
		findings_for_two_roles([object.union(admins, {"conditions": case.conditions})]) == near_miss(
			td.narrowing_path(case),
			sprintf("'Admin session lifetime' %s", [case.reason]),
		)
	}
}
