package m365lint.intune.platform_without_compliance_policy_test

import rego.v1

import data.m365lint.intune.platform_without_compliance_policy as rule
import data.m365lint.lib.intune_testdata as td

findings(policies) := found if {
	found := rule.deny with input as td.tenant(policies)
}

reasons(document) := found if {
	found := rule.not_assessed with input as document
}

missing(platform, name) := {
	"path": ["intune", "compliance_policies"],
	"message": sprintf("No compliance policy is assigned for %s devices", [name]),
	"details": {"platform": platform},
}

with_near_miss(platform, name, path, message) := object.union(missing(platform, name), {"related": [{"path": path, "message": message}]})

android := "Android (work profile, device owner or device administrator)"

test_passes_with_an_assigned_policy_per_platform if {
	findings(td.baseline) == set()
	reasons(td.tenant(td.baseline)) == set()
}

test_fires_once_per_platform_without_a_policy if {
	findings([]) == {
		missing("windows", "Windows 10 and later"),
		missing("ios", "iOS/iPadOS"),
		missing("macos", "macOS"),
		missing("android", android),
	}
}

test_only_the_configured_platforms_are_required if {
	found := rule.deny with input as td.tenant([td.ios_policy]) with data.m365lint.params.platforms as ["ios", "macos"]
	found == {missing("macos", "macOS")}
}

test_an_unassigned_policy_does_not_count if {
	policy := object.union(td.ios_policy, {"assignments": []})
	findings([td.windows_policy, policy, td.macos_policy, td.android_work_profile_policy]) == {with_near_miss(
		"ios", "iOS/iPadOS",
		["intune", "compliance_policies", 1, "assignments"],
		"Compliance policy 'iOS/iPadOS – Geschäftsführung' is not assigned to any group",
	)}
}

test_a_policy_that_only_excludes_groups_does_not_count if {
	policy := object.union(td.macos_policy, {"assignments": [td.exclusion_target("8d2a6c41-f3e5-47b9-a018-c6e4b2d9f571")]})
	findings([td.windows_policy, td.ios_policy, policy, td.android_work_profile_policy]) == {with_near_miss(
		"macos", "macOS",
		["intune", "compliance_policies", 2, "assignments"],
		"Compliance policy 'macOS – Entwickler-Macs' only excludes groups and includes none",
	)}
}

test_older_windows_policies_do_not_count_for_windows if {
	findings([td.windows81_policy, td.ios_policy, td.macos_policy, td.android_work_profile_policy]) == {with_near_miss(
		"windows", "Windows 10 and later",
		["intune", "compliance_policies", 0, "platform"],
		"Compliance policy 'Windows 8.1 – Kassensysteme' is a Windows 8.1 policy, which does not apply to Windows 10 and later",
	)}
}

test_aosp_policies_do_not_count_for_android if {
	findings([td.windows_policy, td.ios_policy, td.macos_policy, td.aosp_policy]) == {with_near_miss(
		"android", android,
		["intune", "compliance_policies", 3, "androidManagement"],
		"Compliance policy 'Android (AOSP) – Datenbrillen' is an Android (AOSP) policy, which does not count for work profile, device owner or device administrator devices",
	)}
}

test_legacy_android_for_work_policies_do_not_count_for_android if {
	policy := object.union(td.android_work_profile_policy, {
		"@odata.type": "#microsoft.graph.androidForWorkCompliancePolicy",
		"androidManagement": "androidForWork",
		"displayName": "Android for Work (alt)",
	})
	findings([td.windows_policy, td.ios_policy, td.macos_policy, policy]) == {with_near_miss(
		"android", android,
		["intune", "compliance_policies", 3, "androidManagement"],
		"Compliance policy 'Android for Work (alt)' is an Android for Work (legacy) policy, which does not count for work profile, device owner or device administrator devices",
	)}
}

test_device_owner_and_device_administrator_policies_count_for_android if {
	findings([td.windows_policy, td.ios_policy, td.macos_policy, td.android_device_owner_policy]) == set()
	findings([td.windows_policy, td.ios_policy, td.macos_policy, td.android_device_admin_policy]) == set()
}

test_one_assigned_policy_is_enough if {
	unassigned := object.union(td.windows_policy, {"id": "11111111-2222-4333-8444-555555555555", "assignments": []})
	findings(array.concat(td.baseline, [unassigned])) == set()
}

test_a_platform_whose_policies_lack_assignments_is_not_assessed if {
	policy := object.remove(td.ios_policy, ["assignments"])
	policies := [td.windows_policy, policy, td.macos_policy, td.android_work_profile_policy]
	findings(policies) == set()
	reasons(td.tenant(policies)) == {"Whether a compliance policy is assigned for iOS/iPadOS devices cannot be told: 'iOS/iPadOS – Geschäftsführung' was exported without its assignments"}
}

test_an_assignment_without_a_target_type_cannot_be_told if {
	policy := object.union(td.ios_policy, {"assignments": [{"target": {"groupId": "e1c59b7d-2a64-4f38-8d1e-93b0a6c7f245"}}]})
	policies := [td.windows_policy, policy, td.macos_policy, td.android_work_profile_policy]
	findings(policies) == set()
	reasons(td.tenant(policies)) == {"Whether a compliance policy is assigned for iOS/iPadOS devices cannot be told: 'iOS/iPadOS – Geschäftsführung' has an assignment whose target type is not in the export"}
}

test_an_assigned_policy_decides_despite_others_without_assignments if {
	unknown := object.remove(object.union(td.ios_policy, {"id": "11111111-2222-4333-8444-555555555555"}), ["assignments"])
	policies := array.concat(td.baseline, [unknown])
	findings(policies) == set()
	reasons(td.tenant(policies)) == set()
}

test_other_platforms_still_fire_when_one_cannot_be_told if {
	policy := object.remove(td.ios_policy, ["assignments"])
	findings([policy]) == {
		missing("windows", "Windows 10 and later"),
		missing("macos", "macOS"),
		missing("android", android),
	}
}

test_the_platforms_parameter_is_compared_in_lower_case if {
	found := rule.deny with input as td.tenant([td.ios_policy]) with data.m365lint.params.platforms as ["iOS", "macOS"]
	found == {missing("macos", "macOS")}
}

test_not_assessed_without_compliance_policies if {
	rule.deny == set() with input as td.settings_only_tenant(td.secure_settings)
	reasons(td.settings_only_tenant(td.secure_settings)) == {"The export has no Intune compliance policies (deviceManagement/deviceCompliancePolicies): only the tenant's compliance settings were exported"}
}
