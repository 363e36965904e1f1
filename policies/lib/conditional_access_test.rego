package m365lint.lib.conditional_access_test

import rego.v1

import data.m365lint.lib.conditional_access as ca
import data.m365lint.lib.testdata as td

shortfalls_of(policy) := found if {
	found := ca.shortfalls(0) with input as td.tenant([policy])
}

test_a_broad_enforced_policy_has_no_shortfalls if {
	shortfalls_of(td.mfa_policy) == set()
}

test_object_union_merges_nested_objects if {
	td.legacy_block_policy.conditions.users.includeUsers == ["All"]
	td.legacy_block_policy.conditions.clientAppTypes == ["exchangeActiveSync", "other"]
}

test_every_narrowing_condition_is_a_shortfall if {
	policy := object.union(td.mfa_policy, {"conditions": {
		"userRiskLevels": ["high"],
		"signInRiskLevels": ["medium", "high"],
		"platforms": {"includePlatforms": ["android", "iOS"], "excludePlatforms": []},
		"locations": {"includeLocations": ["All"], "excludeLocations": ["AllTrusted"]},
		"devices": {"deviceFilter": {"mode": "exclude", "rule": "device.isCompliant -eq True"}},
		"clientAppTypes": ["browser"],
		"authenticationFlows": {"transferMethods": ["deviceCodeFlow"]},
	}})
	{s.category | some s in shortfalls_of(policy)} == {
		"risk", "platforms", "locations", "devices", "client_apps", "authentication_flows",
	}
	{"category": "locations", "path": ["conditional_access", "policies", 0, "conditions", "locations", "excludeLocations"], "reason": "excludes locations AllTrusted"} in shortfalls_of(policy)
	{"category": "devices", "path": ["conditional_access", "policies", 0, "conditions", "devices", "deviceFilter"], "reason": "applies only to devices that do not match the filter 'device.isCompliant -eq True'"} in shortfalls_of(policy)
}

test_all_platforms_and_all_client_apps_do_not_narrow if {
	policy := object.union(td.mfa_policy, {"conditions": {
		"platforms": {"includePlatforms": ["all"], "excludePlatforms": []},
		"locations": {"includeLocations": ["All"], "excludeLocations": []},
		"clientAppTypes": ["browser", "mobileAppsAndDesktopClients"],
	}})
	shortfalls_of(policy) == set()
}

test_missing_state_is_a_shortfall_not_a_pass if {
	policy := object.remove(td.mfa_policy, ["state"])
	{"category": "state", "path": ["conditional_access", "policies", 0, "state"], "reason": "is not enabled"} in shortfalls_of(policy)
}

test_missing_user_scope_is_a_shortfall if {
	policy := object.union(td.mfa_policy, {"conditions": {"users": {"includeUsers": [], "includeGroups": ["g1"]}}})
	{"category": "users", "path": ["conditional_access", "policies", 0, "conditions", "users", "includeUsers"], "reason": "does not include all users"} in shortfalls_of(policy)
}

test_approved_exclusions_match_ids_and_names_ignoring_case if {
	policy := object.union(td.mfa_policy, {"conditions": {"users": {
		"excludeUsers": ["BG-1111@contoso.onmicrosoft.com"],
		"excludeGroups": ["9E4B8C1D-2F3A-4B5C-8D6E-7F8091A2B3C4"],
	}}})
	found := ca.shortfalls(0) with input as td.tenant([policy])
		with data.m365lint.params as td.params_with_emergency_access
	found == set()
}

test_rights_management_app_exclusion_is_approved if {
	policy := object.union(td.mfa_policy, {"conditions": {"applications": {"excludeApplications": ["00000012-0000-0000-c000-000000000000", "app-x"]}}})
	shortfalls_of(policy) == {{
		"category": "exclusions",
		"path": ["conditional_access", "policies", 0, "conditions", "applications", "excludeApplications", 1],
		"reason": "excludes application app-x, which is not an approved exclusion",
	}}
}

test_role_exclusions_name_the_role if {
	policy := object.union(td.mfa_policy, {"conditions": {"users": {"excludeRoles": ["62e90394-69f5-4237-9190-012177145e10"]}}})
	shortfalls_of(policy) == {{
		"category": "exclusions",
		"path": ["conditional_access", "policies", 0, "conditions", "users", "excludeRoles", 0],
		"reason": "excludes directory role Global Administrator (62e90394-69f5-4237-9190-012177145e10)",
	}}
}

test_label_falls_back_to_the_id if {
	ca.label({"id": "abc", "displayName": null}) == "'abc'"
	ca.label({}) == "(unnamed policy)"
}
