package m365lint.intune.storage_encryption_not_required_test

import rego.v1

import data.m365lint.intune.storage_encryption_not_required as rule
import data.m365lint.lib.intune_testdata as td

findings(policies) := found if {
	found := rule.deny with input as td.tenant(policies)
}

reasons(policies) := found if {
	found := rule.not_assessed with input as td.tenant(policies)
}

every_kind := [
	td.windows_policy, td.windows81_policy, td.ios_policy, td.macos_policy,
	td.android_work_profile_policy, td.android_device_owner_policy, td.android_device_admin_policy,
	td.aosp_policy, td.default_policy,
]

test_passes_when_every_policy_requires_encryption if {
	findings(every_kind) == set()
	reasons(every_kind) == set()
}

test_windows_passes_with_either_bitlocker_or_storage_encryption if {
	findings([object.union(td.windows_policy, {"bitLockerEnabled": false})]) == set()
	findings([object.union(td.windows_policy, {"storageRequireEncryption": false})]) == set()
}

test_fires_for_windows_without_bitlocker_or_storage_encryption if {
	policy := object.union(td.windows_policy, {"bitLockerEnabled": false, "storageRequireEncryption": null})
	findings([policy]) == {{
		"path": ["intune", "compliance_policies", 0, "bitLockerEnabled"],
		"message": "Compliance policy 'Windows 11 – Basisschutz' (Windows 10 and later) requires neither BitLocker nor storage encryption",
		"related": [{
			"path": ["intune", "compliance_policies", 0, "storageRequireEncryption"],
			"message": "'Windows 11 – Basisschutz' does not require storage encryption (storageRequireEncryption) either",
		}],
	}}
}

test_fires_for_windows_81_without_storage_encryption if {
	policy := object.union(td.windows81_policy, {"storageRequireEncryption": false})
	findings([policy]) == {{
		"path": ["intune", "compliance_policies", 0, "storageRequireEncryption"],
		"message": "Compliance policy 'Windows 8.1 – Kassensysteme' (Windows 8.1) does not require storage encryption (storageRequireEncryption)",
	}}
}

test_fires_for_macos_and_every_kind_of_android_without_storage_encryption if {
	policies := [object.union(p, {"storageRequireEncryption": false}) | some p in [
		td.macos_policy, td.android_work_profile_policy, td.android_device_owner_policy,
		td.android_device_admin_policy, td.aosp_policy,
	]]
	findings(policies) == {
		{
			"path": ["intune", "compliance_policies", 0, "storageRequireEncryption"],
			"message": "Compliance policy 'macOS – Entwickler-Macs' (macOS) does not require storage encryption (storageRequireEncryption)",
		},
		{
			"path": ["intune", "compliance_policies", 1, "storageRequireEncryption"],
			"message": "Compliance policy 'Android – Arbeitsprofil (BYOD)' (Android Enterprise personally-owned work profile) does not require storage encryption (storageRequireEncryption)",
		},
		{
			"path": ["intune", "compliance_policies", 2, "storageRequireEncryption"],
			"message": "Compliance policy 'Android Enterprise – Vollständig verwaltet' (Android Enterprise fully managed, dedicated or corporate-owned work profile) does not require storage encryption (storageRequireEncryption)",
		},
		{
			"path": ["intune", "compliance_policies", 3, "storageRequireEncryption"],
			"message": "Compliance policy 'Android – Geräteadministrator' (Android device administrator) does not require storage encryption (storageRequireEncryption)",
		},
		{
			"path": ["intune", "compliance_policies", 4, "storageRequireEncryption"],
			"message": "Compliance policy 'Android (AOSP) – Datenbrillen' (Android (AOSP)) does not require storage encryption (storageRequireEncryption)",
		},
	}
}

test_fires_for_ios_without_a_passcode if {
	policy := object.union(td.ios_policy, {"passcodeRequired": false})
	findings([policy]) == {{
		"path": ["intune", "compliance_policies", 0, "passcodeRequired"],
		"message": "Compliance policy 'iOS/iPadOS – Geschäftsführung' (iOS/iPadOS) does not require a passcode, so iOS does not encrypt the device's data (passcodeRequired)",
	}}
}

test_an_unassigned_policy_is_judged_too if {
	policy := object.union(td.macos_policy, {"assignments": [], "storageRequireEncryption": false})
	count(findings([policy])) == 1
}

test_a_setting_the_export_lacks_is_not_assessed if {
	policy := object.remove(object.union(td.windows_policy, {"bitLockerEnabled": false}), ["storageRequireEncryption"])
	findings([policy]) == set()
	reasons([policy]) == {"'Windows 11 – Basisschutz' (Windows 10 and later) was exported without storageRequireEncryption, so it cannot be judged"}
}

test_one_required_setting_is_enough_even_if_the_other_is_missing if {
	policy := object.remove(td.windows_policy, ["storageRequireEncryption"])
	findings([policy]) == set()
	reasons([policy]) == set()
}

test_ios_without_passcode_required_is_not_assessed if {
	policy := object.remove(td.ios_policy, ["passcodeRequired"])
	findings([policy]) == set()
	reasons([policy]) == {"'iOS/iPadOS – Geschäftsführung' (iOS/iPadOS) was exported without passcodeRequired, so it cannot be judged"}
}

test_not_assessed_without_compliance_policies if {
	found := rule.not_assessed with input as td.settings_only_tenant(td.secure_settings)
	found == {"The export has no Intune compliance policies (deviceManagement/deviceCompliancePolicies): only the tenant's compliance settings were exported"}
}
