package m365lint.conditional_access.managed_device_not_required_test

import rego.v1

import data.m365lint.conditional_access.managed_device_not_required as rule
import data.m365lint.lib.testdata as td

message := "No enforced policy requires a compliant or hybrid joined device for all users and all cloud apps"

findings(policies) := found if {
	found := rule.deny with input as td.tenant(policies)
}

near_miss(path, text) := {{
	"path": ["conditional_access", "policies"],
	"message": message,
	"related": [{"path": path, "message": text}],
}}

test_passes_with_a_compliant_or_hybrid_joined_device_for_everyone if {
	findings([td.mfa_policy, td.managed_device_policy]) == set()
}

test_passes_with_a_compliant_device_alone if {
	policy := object.union(td.managed_device_policy, {"grantControls": {"builtInControls": ["compliantDevice"]}})
	findings([policy]) == set()
}

test_passes_with_mfa_and_a_compliant_device_under_and if {
	policy := object.union(td.managed_device_policy, {"grantControls": {"operator": "AND", "builtInControls": ["mfa", "compliantDevice"]}})
	findings([policy]) == set()
}

test_fires_without_any_managed_device_policy if {
	findings([td.mfa_policy, td.legacy_block_policy]) == {{"path": ["conditional_access", "policies"], "message": message}}
}

test_fires_when_mfa_can_replace_the_managed_device if {
	policy := object.union(td.managed_device_policy, {"grantControls": {"builtInControls": ["compliantDevice", "domainJoinedDevice", "mfa"]}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "grantControls", "operator"],
		"'Require a managed device' requires only one of its controls (operator OR), so users can satisfy it with mfa instead of a compliant or hybrid joined device",
	)
}

test_fires_when_the_policy_is_report_only if {
	policy := object.union(td.managed_device_policy, {"state": "enabledForReportingButNotEnforced"})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "state"],
		"'Require a managed device' is report-only (enabledForReportingButNotEnforced)",
	)
}

test_fires_when_the_policy_applies_to_windows_only if {
	policy := object.union(td.managed_device_policy, {"conditions": {"platforms": {"includePlatforms": ["windows"], "excludePlatforms": []}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "platforms", "includePlatforms"],
		"'Require a managed device' applies only to platforms windows",
	)
}

test_fires_when_the_policy_leaves_out_browsers if {
	policy := object.union(td.managed_device_policy, {"conditions": {"clientAppTypes": ["mobileAppsAndDesktopClients"]}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "clientAppTypes"],
		"'Require a managed device' applies only to client apps mobileAppsAndDesktopClients",
	)
}

test_fires_when_the_policy_targets_office_365_only if {
	policy := object.union(td.managed_device_policy, {"conditions": {"applications": {"includeApplications": ["Office365"]}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "applications", "includeApplications"],
		"'Require a managed device' does not target all cloud apps",
	)
}

test_fires_when_the_policy_excludes_guests if {
	policy := object.union(td.managed_device_policy, {"conditions": {"users": {"excludeUsers": ["GuestsOrExternalUsers"]}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "users", "excludeUsers", 0],
		"'Require a managed device' excludes all guests and external users, which is not an approved exclusion",
	)
}

test_fires_when_the_policy_excludes_an_unapproved_app if {
	policy := object.union(td.managed_device_policy, {"conditions": {"applications": {"excludeApplications": ["d4ebce55-015a-49b5-a083-c84d1797ae8c"]}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "applications", "excludeApplications", 0],
		"'Require a managed device' excludes application d4ebce55-015a-49b5-a083-c84d1797ae8c, which is not an approved exclusion",
	)
}

test_approved_exclusions_do_not_fire if {
	policy := object.union(td.managed_device_policy, {"conditions": {
		"users": {"excludeGroups": ["Kiosk-Geräte Zürich"]},
		"applications": {"excludeApplications": ["00000012-0000-0000-c000-000000000000"]},
	}})
	params := object.union(data.m365lint.params, {"approved_exclusions": {"groups": ["kiosk-geräte zürich"]}})
	found := rule.deny with input as td.tenant([policy]) with data.m365lint.params as params
	found == set()
}

test_every_other_narrowing_condition_is_a_near_miss if {
	every case in td.narrowing_cases_except(set()) {
		findings([object.union(td.managed_device_policy, {"conditions": case.conditions})]) == near_miss(
			td.narrowing_path(case),
			sprintf("'Require a managed device' %s", [case.reason]),
		)
	}
}
