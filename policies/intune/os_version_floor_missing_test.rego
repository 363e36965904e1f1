package m365lint.intune.os_version_floor_missing_test

import rego.v1

import data.m365lint.intune.os_version_floor_missing as rule
import data.m365lint.lib.intune_testdata as td

findings(policies) := found if {
	found := rule.deny with input as td.tenant(policies)
}

reasons(policies) := found if {
	found := rule.not_assessed with input as td.tenant(policies)
}

with_floors(policies, floors) := found if {
	found := rule.deny with input as td.tenant(policies) with data.m365lint.params.min_os_version as floors
}

every_kind := [
	td.windows_policy, td.windows81_policy, td.ios_policy, td.macos_policy,
	td.android_work_profile_policy, td.android_device_owner_policy, td.android_device_admin_policy,
	td.aosp_policy, td.default_policy,
]

test_passes_when_every_policy_sets_a_minimum if {
	findings(every_kind) == set()
	reasons(every_kind) == set()
}

test_fires_when_no_minimum_is_set if {
	policies := [object.union(td.windows81_policy, {"osMinimumVersion": null}), object.union(td.ios_policy, {"osMinimumVersion": ""})]
	findings(policies) == {
		{
			"path": ["intune", "compliance_policies", 0, "osMinimumVersion"],
			"message": "Compliance policy 'Windows 8.1 – Kassensysteme' (Windows 8.1) sets no minimum OS version (osMinimumVersion): devices on any OS version, however outdated, can be compliant",
		},
		{
			"path": ["intune", "compliance_policies", 1, "osMinimumVersion"],
			"message": "Compliance policy 'iOS/iPadOS – Geschäftsführung' (iOS/iPadOS) sets no minimum OS version (osMinimumVersion): devices on any OS version, however outdated, can be compliant",
		},
	}
}

test_fires_below_the_configured_floor_comparing_numerically if {
	policy := object.union(td.windows_policy, {"osMinimumVersion": "10.0.9200"})
	with_floors([policy], {"windows": "10.0.19045"}) == {{
		"path": ["intune", "compliance_policies", 0, "osMinimumVersion"],
		"message": "Compliance policy 'Windows 11 – Basisschutz' (Windows 10 and later) allows OS versions from 10.0.9200, below the configured floor 10.0.19045 (min_os_version.windows)",
	}}
}

test_passes_at_or_above_the_floor if {
	with_floors(every_kind, {"windows": "10.0.22631", "ios": "17.6", "macos": "14", "android": "10"}) == set()
	with_floors([object.union(td.ios_policy, {"osMinimumVersion": "17.10"})], {"ios": "17.6"}) == set()
}

test_each_platform_has_its_own_floor if {
	with_floors(every_kind, {"android": "13"}) == {
		{
			"path": ["intune", "compliance_policies", 6, "osMinimumVersion"],
			"message": "Compliance policy 'Android – Geräteadministrator' (Android device administrator) allows OS versions from 12.0, below the configured floor 13 (min_os_version.android)",
		},
		{
			"path": ["intune", "compliance_policies", 7, "osMinimumVersion"],
			"message": "Compliance policy 'Android (AOSP) – Datenbrillen' (Android (AOSP)) allows OS versions from 10.0, below the configured floor 13 (min_os_version.android)",
		},
	}
}

test_the_windows_floor_does_not_apply_to_windows_81 if {
	with_floors([td.windows81_policy], {"windows": "10.0.19045"}) == set()
}

test_a_missing_minimum_is_not_assessed if {
	policy := object.remove(td.macos_policy, ["osMinimumVersion"])
	findings([policy]) == set()
	reasons([policy]) == {"'macOS – Entwickler-Macs' (macOS) was exported without osMinimumVersion, so it cannot be judged"}
}

test_an_unreadable_minimum_is_not_assessed_when_a_floor_is_set if {
	policy := object.union(td.ios_policy, {"osMinimumVersion": "17.5 (21F79)"})
	findings([policy]) == set()
	with_floors([policy], {"ios": "17.0"}) == set()
	found := rule.not_assessed with input as td.tenant([policy]) with data.m365lint.params.min_os_version as {"ios": "17.0"}
	found == {"'iOS/iPadOS – Geschäftsführung' (iOS/iPadOS) requires OS version '17.5 (21F79)', which is not a dotted version and cannot be compared with min_os_version.ios"}
	reasons([policy]) == set()
}

test_not_assessed_without_compliance_policies if {
	found := rule.not_assessed with input as td.settings_only_tenant(td.secure_settings)
	found == {"The export has no Intune compliance policies (deviceManagement/deviceCompliancePolicies): only the tenant's compliance settings were exported"}
}

test_a_missing_minimum_with_a_floor_gives_one_reason if {
	policy := object.remove(td.macos_policy, ["osMinimumVersion"])
	found := rule.not_assessed with input as td.tenant([policy]) with data.m365lint.params.min_os_version as {"macos": "14"}
	found == {"'macOS – Entwickler-Macs' (macOS) was exported without osMinimumVersion, so it cannot be judged"}
}
