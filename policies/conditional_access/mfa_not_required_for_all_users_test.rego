package m365lint.conditional_access.mfa_not_required_for_all_users_test

import rego.v1

import data.m365lint.conditional_access.mfa_not_required_for_all_users as rule
import data.m365lint.lib.testdata as td

message := "No enforced policy requires MFA for all users and all cloud apps without narrowing conditions"

findings(policies) := found if {
	found := rule.deny with input as td.tenant(policies)
}

near_miss(path, text) := {{
	"path": ["conditional_access", "policies"],
	"message": message,
	"related": [{"path": path, "message": text}],
}}

test_passes_with_an_enforced_broad_mfa_policy if {
	findings([td.legacy_block_policy, td.mfa_policy]) == set()
}

test_an_authentication_strength_is_an_mfa_grant if {
	policy := object.union(td.mfa_policy, {"grantControls": {
		"builtInControls": [],
		"authenticationStrength": {"id": "00000000-0000-0000-0000-000000000004", "displayName": "Phishing-resistant MFA", "allowedCombinations": ["fido2"]},
	}})
	findings([policy]) == set()
}

test_fires_without_any_mfa_policy if {
	findings([td.legacy_block_policy]) == {{"path": ["conditional_access", "policies"], "message": message}}
}

test_fires_when_mfa_is_report_only if {
	policy := object.union(td.mfa_policy, {"state": "enabledForReportingButNotEnforced"})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "state"],
		"'Require MFA for all users' is report-only (enabledForReportingButNotEnforced)",
	)
}

test_fires_when_mfa_is_disabled if {
	policy := object.union(td.mfa_policy, {"state": "disabled"})
	findings([policy]) == near_miss(["conditional_access", "policies", 0, "state"], "'Require MFA for all users' is disabled")
}

test_fires_when_mfa_applies_only_at_high_user_risk if {
	policy := object.union(td.mfa_policy, {"conditions": {"userRiskLevels": ["high"]}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "userRiskLevels"],
		"'Require MFA for all users' applies only at user risk high",
	)
}

test_fires_when_mfa_applies_only_to_some_platforms if {
	policy := object.union(td.mfa_policy, {"conditions": {"platforms": {"includePlatforms": ["android", "iOS"], "excludePlatforms": []}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "platforms", "includePlatforms"],
		"'Require MFA for all users' applies only to platforms android, iOS",
	)
}

test_fires_when_mfa_skips_trusted_locations if {
	policy := object.union(td.mfa_policy, {"conditions": {"locations": {"includeLocations": ["All"], "excludeLocations": ["AllTrusted"]}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "locations", "excludeLocations"],
		"'Require MFA for all users' excludes locations AllTrusted",
	)
}

test_fires_when_mfa_is_narrowed_by_a_device_filter if {
	policy := object.union(td.mfa_policy, {"conditions": {"devices": {"deviceFilter": {"mode": "include", "rule": "device.trustType -eq \"ServerAD\""}}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "devices", "deviceFilter"],
		"'Require MFA for all users' applies only to devices that match the filter 'device.trustType -eq \"ServerAD\"'",
	)
}

test_fires_when_mfa_covers_browsers_only if {
	policy := object.union(td.mfa_policy, {"conditions": {"clientAppTypes": ["browser"]}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "clientAppTypes"],
		"'Require MFA for all users' applies only to client apps browser",
	)
}

test_fires_when_mfa_excludes_a_role if {
	policy := object.union(td.mfa_policy, {"conditions": {"users": {"excludeRoles": ["d29b2b05-8046-44ba-8758-1e26182fcf32"]}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "users", "excludeRoles", 0],
		"'Require MFA for all users' excludes directory role Directory Synchronization Accounts (d29b2b05-8046-44ba-8758-1e26182fcf32)",
	)
}

test_fires_when_mfa_excludes_guests if {
	policy := object.union(td.mfa_policy, {"conditions": {"users": {"excludeUsers": ["GuestsOrExternalUsers"]}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "users", "excludeUsers", 0],
		"'Require MFA for all users' excludes all guests and external users, which is not an approved exclusion",
	)
}

test_lists_every_near_miss_with_its_reason if {
	report_only := object.union(td.mfa_policy, {"state": "enabledForReportingButNotEnforced"})
	admins := object.union(td.mfa_policy, {
		"id": "33333333-3333-4333-8333-333333333333",
		"displayName": "MFA for admins",
		"conditions": {"users": {"includeUsers": [], "includeRoles": ["62e90394-69f5-4237-9190-012177145e10"]}},
	})
	findings([report_only, admins]) == {{
		"path": ["conditional_access", "policies"],
		"message": message,
		"related": [
			{"path": ["conditional_access", "policies", 0, "state"], "message": "'Require MFA for all users' is report-only (enabledForReportingButNotEnforced)"},
			{"path": ["conditional_access", "policies", 1, "conditions", "users", "includeUsers"], "message": "'MFA for admins' does not include all users"},
		],
	}}
}
