package m365lint.lib.intune_test

import rego.v1

import data.m365lint.lib.intune
import data.m365lint.lib.intune_testdata as td

# Versions

test_versions_compare_numerically_part_by_part if {
	intune.compare_versions("10.0.19045", "10.0.9") == 1
	intune.compare_versions("10.0.9", "10.0.19045") == -1
	intune.compare_versions("17.10", "17.6") == 1
	intune.compare_versions("9", "10") == -1
	intune.compare_versions("10.0.22631.4317", "10.0.22631.4317") == 0
}

test_missing_version_parts_count_as_zero if {
	intune.compare_versions("10.0", "10.0.0") == 0
	intune.compare_versions("14", "14.0.0.0") == 0
	intune.compare_versions("10.0", "10.0.1") == -1
	intune.compare_versions("13.0.1", "13") == 1
}

test_leading_zeros_and_surrounding_spaces_do_not_matter if {
	intune.compare_versions("10.00.019045", "10.0.19045") == 0
	intune.compare_versions(" 17.5 ", "17.5") == 0
}

test_only_dotted_numbers_are_versions if {
	intune.valid_version("10.0.22631.4317")
	intune.valid_version("14")
	not intune.valid_version("")
	not intune.valid_version("17.5 beta")
	not intune.valid_version("10..1")
	not intune.valid_version(".1")
	not intune.valid_version("v17")
	not intune.valid_version(17)
	not intune.valid_version(null)
}

# Kinds

test_kinds_separate_windows_versions_and_android_management if {
	intune.kind(td.windows_policy) == "windows"
	intune.kind(td.windows81_policy) == "windows81"
	intune.kind(td.android_work_profile_policy) == "android:workProfile"
	intune.kind(td.aosp_policy) == "android:aospDeviceOwner"
	not intune.kind(td.default_policy)
	not intune.kind({"@odata.type": "#microsoft.graph.futureCompliancePolicy", "displayName": "Neu"})
}

test_policies_are_described_by_name_and_kind if {
	intune.described(td.ios_policy) == "'iOS/iPadOS – Geschäftsführung' (iOS/iPadOS)"
	intune.described(object.remove(td.macos_policy, ["displayName"])) == "'d93b6e1a-4c7f-4285-b9d2-7e0a5c3f8b14' (macOS)"
	intune.label({"displayName": ""}) == "(unnamed policy)"
}

test_the_default_policy_is_recognized_by_its_type if {
	intune.default_policy(td.default_policy)
	intune.default_policy({"@odata.type": "microsoft.graph.DefaultDeviceCompliancePolicy"})
	not intune.default_policy(td.windows_policy)
}

# Settings

test_a_setting_is_judged_only_where_the_kind_has_it if {
	intune.has_setting(td.windows_policy, "bitLockerEnabled")
	not intune.has_setting(td.windows81_policy, "bitLockerEnabled")
	not intune.has_setting(td.ios_policy, "storageRequireEncryption")
	not intune.has_setting(td.aosp_policy, "deviceThreatProtectionEnabled")
	not intune.has_setting(td.default_policy, "passwordRequired")
}

test_false_and_null_settings_are_exported_but_not_enabled if {
	policy := object.union(td.windows_policy, {"bitLockerEnabled": false, "tpmRequired": null})
	intune.not_enabled(policy, "bitLockerEnabled")
	intune.not_enabled(policy, "tpmRequired")
	not intune.not_enabled(policy, "secureBootEnabled")
	not intune.unexported(policy, "tpmRequired")
}

test_a_setting_the_export_lacks_is_unexported_not_disabled if {
	policy := object.remove(td.windows_policy, ["defenderEnabled"])
	intune.unexported(policy, "defenderEnabled")
	not intune.not_enabled(policy, "defenderEnabled")
	not intune.unexported(td.windows81_policy, "defenderEnabled")
}

# Assignments

test_a_group_all_devices_or_all_users_assignment_assigns if {
	intune.assigned(td.windows_policy)
	intune.assigned(td.macos_policy)
	intune.assigned(object.union(td.ios_policy, {"assignments": [{"target": {"@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget"}}]}))
}

test_no_assignment_or_only_exclusions_is_unassigned if {
	intune.unassigned(object.union(td.ios_policy, {"assignments": []}))
	only_exclusions := object.union(td.ios_policy, {"assignments": [td.exclusion_target("8d2a6c41-f3e5-47b9-a018-c6e4b2d9f571")]})
	intune.unassigned(only_exclusions)
	not intune.assigned(only_exclusions)
	not intune.assignment_unknown(only_exclusions)
}

test_assignments_not_exported_cannot_be_told if {
	policy := object.remove(td.ios_policy, ["assignments"])
	not intune.assigned(policy)
	not intune.unassigned(policy)
	intune.assignment_unknown(policy)
	intune.assignment_unknown_reason(policy) == "'iOS/iPadOS – Geschäftsführung' was exported without its assignments"
}

test_an_assignment_target_without_a_type_cannot_be_told if {
	policy := object.union(td.ios_policy, {"assignments": [{"target": {"groupId": "e1c59b7d-2a64-4f38-8d1e-93b0a6c7f245"}}]})
	intune.assignment_unknown(policy)
	intune.assignment_unknown_reason(policy) == "'iOS/iPadOS – Geschäftsführung' has an assignment whose target type is not in the export"
}

# Devices without a compliance policy

test_devices_without_a_policy_count_as_compliant_unless_secure_by_default_is_true if {
	not intune.unmanaged_devices_compliant with input as td.settings_only_tenant(td.secure_settings)
	intune.unmanaged_devices_compliant with input as td.settings_only_tenant(object.union(td.secure_settings, {"secureByDefault": false}))
	intune.unmanaged_devices_compliant with input as td.settings_only_tenant(object.union(td.secure_settings, {"secureByDefault": null}))
	not intune.unmanaged_devices_unknown with input as td.settings_only_tenant(object.union(td.secure_settings, {"secureByDefault": null}))
}

test_whether_devices_without_a_policy_count_as_compliant_may_be_unknown if {
	missing := intune.unmanaged_devices_unknown with input as td.settings_only_tenant(object.remove(td.secure_settings, ["secureByDefault"]))
	missing == "The exported Intune compliance settings do not include secureByDefault"
	not intune.unmanaged_devices_compliant with input as td.settings_only_tenant(object.remove(td.secure_settings, ["secureByDefault"]))
	absent := intune.unmanaged_devices_unknown with input as td.policies_only_tenant(td.baseline)
	absent == intune.settings_not_exported
}

# Platform coverage

coverage_tenant(policies) := td.tenant(policies)

test_the_platforms_parameter_is_read_in_lower_case if {
	params := object.union(data.m365lint.params, {"platforms": ["Windows", "iOS", 7]})
	found := intune.platforms with data.m365lint.params as params
	found == {"windows", "ios"}
}

test_platforms_have_a_short_and_a_coverage_name if {
	intune.platform_name("ios") == "iOS"
	intune.coverage_name("ios") == "iOS/iPadOS"
	intune.coverage_name("android") == "Android (work profile, device owner or device administrator)"
	intune.platform_name("linux") == "linux"
	intune.coverage_name("linux") == "linux"
}

test_a_policy_counts_for_its_own_platform_only if {
	intune.counts_for(td.windows_policy, "windows")
	not intune.counts_for(td.windows81_policy, "windows")
	intune.counts_for(td.android_work_profile_policy, "android")
	intune.counts_for(td.android_device_owner_policy, "android")
	intune.counts_for(td.android_device_admin_policy, "android")
	not intune.counts_for(td.aosp_policy, "android")
	not intune.counts_for(td.ios_policy, "android")
	not intune.counts_for(td.default_policy, "windows")
}

test_a_platform_is_protected_by_an_assigned_policy if {
	intune.protected("ios") with input as coverage_tenant(td.baseline)
	not intune.unprotected("ios") with input as coverage_tenant(td.baseline)
	unassigned := object.union(td.ios_policy, {"assignments": []})
	intune.unprotected("ios") with input as coverage_tenant([unassigned])
	not intune.coverage_unknown("ios") with input as coverage_tenant([unassigned])
}

test_an_untyped_assignment_target_leaves_a_platform_undecided if {
	untyped := object.union(td.ios_policy, {"assignments": [{"target": {"groupId": "e1c59b7d-2a64-4f38-8d1e-93b0a6c7f245"}}]})
	not intune.protected("ios") with input as coverage_tenant([untyped])
	not intune.unprotected("ios") with input as coverage_tenant([untyped])
	intune.coverage_unknown("ios") with input as coverage_tenant([untyped])
	reason := intune.coverage_unknown_reason("ios") with input as coverage_tenant([untyped])
	reason == "Whether a compliance policy is assigned for iOS/iPadOS devices cannot be told: 'iOS/iPadOS – Geschäftsführung' has an assignment whose target type is not in the export"
}

test_nothing_is_decided_without_policies if {
	not intune.unprotected("ios") with input as td.settings_only_tenant(td.secure_settings)
	not intune.coverage_unknown("ios") with input as td.settings_only_tenant(td.secure_settings)
}

test_near_misses_name_unassigned_policies_and_neighbouring_kinds if {
	unassigned := object.union(td.android_work_profile_policy, {"assignments": []})
	excluding := object.union(td.windows_policy, {"assignments": [td.exclusion_target("8d2a6c41-f3e5-47b9-a018-c6e4b2d9f571")]})
	policies := [unassigned, td.aosp_policy, excluding, td.windows81_policy]
	android := intune.near_misses("android") with input as coverage_tenant(policies)
	android == {
		{"path": ["intune", "compliance_policies", 0, "assignments"], "message": "Compliance policy 'Android – Arbeitsprofil (BYOD)' is not assigned to any group"},
		{"path": ["intune", "compliance_policies", 1, "androidManagement"], "message": "Compliance policy 'Android (AOSP) – Datenbrillen' is an Android (AOSP) policy, which does not count for work profile, device owner or device administrator devices"},
	}
	windows := intune.near_misses("windows") with input as coverage_tenant(policies)
	windows == {
		{"path": ["intune", "compliance_policies", 2, "assignments"], "message": "Compliance policy 'Windows 11 – Basisschutz' only excludes groups and includes none"},
		{"path": ["intune", "compliance_policies", 3, "platform"], "message": "Compliance policy 'Windows 8.1 – Kassensysteme' is a Windows 8.1 policy, which does not apply to Windows 10 and later"},
	}
}

# Collections

test_policies_and_settings_are_undefined_when_not_exported if {
	not intune.policies with input as td.settings_only_tenant(td.secure_settings)
	not intune.settings with input as td.policies_only_tenant([])
	count(intune.policies) == 0 with input as td.tenant([])
}

test_long_lists_of_policies_are_abbreviated if {
	intune.abbreviated(["'a'", "'b'", "'c'", "'d'", "'e'"], ", ") == "'a', 'b', 'c' and 2 more"
	intune.abbreviated(["'a'", "'b'"], ", ") == "'a', 'b'"
}
