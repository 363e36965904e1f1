package m365lint.intune.jailbroken_devices_allowed_test

import rego.v1

import data.m365lint.intune.jailbroken_devices_allowed as rule
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

test_passes_when_ios_and_android_block_compromised_devices if {
	findings(every_kind) == set()
	reasons(every_kind) == set()
}

test_fires_for_ios_allowing_jailbroken_devices if {
	policy := object.union(td.ios_policy, {"securityBlockJailbrokenDevices": false})
	findings([td.windows_policy, policy]) == {{
		"path": ["intune", "compliance_policies", 1, "securityBlockJailbrokenDevices"],
		"message": "Compliance policy 'iOS/iPadOS – Geschäftsführung' (iOS/iPadOS) does not block jailbroken devices (securityBlockJailbrokenDevices): a compromised device can be compliant",
	}}
}

test_fires_for_every_kind_of_android_allowing_rooted_devices if {
	policies := [
		object.union(td.android_work_profile_policy, {"securityBlockJailbrokenDevices": false}),
		object.union(td.android_device_owner_policy, {"securityBlockJailbrokenDevices": null}),
		object.union(td.aosp_policy, {"securityBlockJailbrokenDevices": false}),
	]
	findings(policies) == {
		{
			"path": ["intune", "compliance_policies", 0, "securityBlockJailbrokenDevices"],
			"message": "Compliance policy 'Android – Arbeitsprofil (BYOD)' (Android Enterprise personally-owned work profile) does not block rooted devices (securityBlockJailbrokenDevices): a compromised device can be compliant",
		},
		{
			"path": ["intune", "compliance_policies", 1, "securityBlockJailbrokenDevices"],
			"message": "Compliance policy 'Android Enterprise – Vollständig verwaltet' (Android Enterprise fully managed, dedicated or corporate-owned work profile) does not block rooted devices (securityBlockJailbrokenDevices): a compromised device can be compliant",
		},
		{
			"path": ["intune", "compliance_policies", 2, "securityBlockJailbrokenDevices"],
			"message": "Compliance policy 'Android (AOSP) – Datenbrillen' (Android (AOSP)) does not block rooted devices (securityBlockJailbrokenDevices): a compromised device can be compliant",
		},
	}
}

test_desktop_policies_are_not_judged if {
	findings([object.union(td.windows_policy, {"securityBlockJailbrokenDevices": false}), td.macos_policy]) == set()
	reasons([td.windows_policy, td.macos_policy]) == set()
}

test_a_policy_exported_without_the_setting_is_not_assessed if {
	policy := object.remove(td.android_device_owner_policy, ["securityBlockJailbrokenDevices"])
	findings([policy]) == set()
	reasons([policy]) == {"'Android Enterprise – Vollständig verwaltet' (Android Enterprise fully managed, dedicated or corporate-owned work profile) was exported without securityBlockJailbrokenDevices, so it cannot be judged"}
}

test_not_assessed_without_compliance_policies if {
	found := rule.not_assessed with input as td.settings_only_tenant(td.secure_settings)
	found == {"The export has no Intune compliance policies (deviceManagement/deviceCompliancePolicies): only the tenant's compliance settings were exported"}
}
