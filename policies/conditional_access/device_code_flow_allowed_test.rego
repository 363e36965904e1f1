package m365lint.conditional_access.device_code_flow_allowed_test

import rego.v1

import data.m365lint.conditional_access.device_code_flow_allowed as rule
import data.m365lint.lib.testdata as td

message := "No enforced policy blocks the device code flow for all users and all cloud apps"

findings(policies) := found if {
	found := rule.deny with input as td.tenant(policies)
}

near_miss(path, text) := {{
	"path": ["conditional_access", "policies"],
	"message": message,
	"related": [{"path": path, "message": text}],
}}

test_passes_with_an_enforced_broad_block if {
	findings([td.mfa_policy, td.device_code_block_policy]) == set()
}

test_passes_when_the_block_also_covers_authentication_transfer if {
	policy := object.union(td.device_code_block_policy, {"conditions": {"authenticationFlows": {"transferMethods": ["deviceCodeFlow", "authenticationTransfer"]}}})
	findings([policy]) == set()
}

test_fires_without_any_authentication_flow_policy if {
	findings([td.mfa_policy, td.legacy_block_policy]) == {{"path": ["conditional_access", "policies"], "message": message}}
}

test_mfa_for_the_device_code_flow_is_not_a_block if {
	policy := object.union(td.device_code_block_policy, {"grantControls": {"builtInControls": ["mfa"]}})
	findings([policy]) == {{"path": ["conditional_access", "policies"], "message": message}}
}

test_fires_when_the_block_is_report_only if {
	policy := object.union(td.device_code_block_policy, {"state": "enabledForReportingButNotEnforced"})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "state"],
		"'Block device code flow' is report-only (enabledForReportingButNotEnforced)",
	)
}

test_fires_when_only_authentication_transfer_is_blocked if {
	policy := object.union(td.device_code_block_policy, {"conditions": {"authenticationFlows": {"transferMethods": ["authenticationTransfer"]}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "authenticationFlows", "transferMethods"],
		"'Block device code flow' blocks only authenticationTransfer, not deviceCodeFlow",
	)
}

test_fires_when_the_block_skips_trusted_locations if {
	policy := object.union(td.device_code_block_policy, {"conditions": {"locations": {"includeLocations": ["All"], "excludeLocations": ["AllTrusted"]}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "locations", "excludeLocations"],
		"'Block device code flow' excludes locations AllTrusted",
	)
}

test_fires_when_the_block_excludes_an_unapproved_group if {
	policy := object.union(td.device_code_block_policy, {"conditions": {"users": {"excludeGroups": ["Teams-Räume"]}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "users", "excludeGroups", 0],
		"'Block device code flow' excludes group Teams-Räume, which is not an approved exclusion",
	)
}

test_an_approved_group_for_shared_devices_passes if {
	policy := object.union(td.device_code_block_policy, {"conditions": {"users": {"excludeGroups": ["Teams-Räume"]}}})
	params := object.union(data.m365lint.params, {"approved_exclusions": {"groups": ["Teams-Räume"]}})
	found := rule.deny with input as td.tenant([policy]) with data.m365lint.params as params
	found == set()
}

test_fires_when_the_block_targets_some_apps_only if {
	policy := object.union(td.device_code_block_policy, {"conditions": {"applications": {"includeApplications": ["00000003-0000-0ff1-ce00-000000000000"]}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "applications", "includeApplications"],
		"'Block device code flow' does not target all cloud apps",
	)
}

test_fires_when_the_block_applies_to_android_only if {
	policy := object.union(td.device_code_block_policy, {"conditions": {"platforms": {"includePlatforms": ["android"], "excludePlatforms": []}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "platforms", "includePlatforms"],
		"'Block device code flow' applies only to platforms android",
	)
}

test_every_other_narrowing_condition_is_a_near_miss if {
	cases := td.narrowing_cases_except({"authentication_flows"})
	# Guards against a vacuous pass: 11 cases, at most two left out.
	count(cases) >= 9
	every case in cases {
		findings([object.union(td.device_code_block_policy, {"conditions": case.conditions})]) == near_miss(
			td.narrowing_path(case),
			sprintf("'Block device code flow' %s", [case.reason]),
		)
	}
}
