package m365lint.intune.weak_device_password_test

import rego.v1

import data.m365lint.intune.weak_device_password as rule
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

test_passes_with_strong_passwords_everywhere if {
	findings(every_kind) == set()
	reasons(every_kind) == set()
}

test_fires_when_no_password_is_required if {
	policy := object.union(td.windows_policy, {"passwordRequired": false, "passwordMinimumLength": null, "passwordBlockSimple": false})
	findings([policy]) == {{
		"path": ["intune", "compliance_policies", 0, "passwordRequired"],
		"message": "Compliance policy 'Windows 11 – Basisschutz' (Windows 10 and later) does not require a password to unlock the device (passwordRequired)",
	}}
}

test_fires_when_ios_requires_no_passcode if {
	policy := object.union(td.ios_policy, {"passcodeRequired": null})
	findings([policy]) == {{
		"path": ["intune", "compliance_policies", 0, "passcodeRequired"],
		"message": "Compliance policy 'iOS/iPadOS – Geschäftsführung' (iOS/iPadOS) does not require a passcode to unlock the device (passcodeRequired)",
	}}
}

test_fires_below_the_desktop_minimum_on_windows_and_macos if {
	windows := object.union(td.windows_policy, {"passwordMinimumLength": 6})
	macos := object.union(td.macos_policy, {"passwordMinimumLength": 7})
	findings([windows, macos]) == {
		{
			"path": ["intune", "compliance_policies", 0, "passwordMinimumLength"],
			"message": "Compliance policy 'Windows 11 – Basisschutz' (Windows 10 and later) allows passwords of 6 characters (passwordMinimumLength); at least 8 is required on desktop devices",
		},
		{
			"path": ["intune", "compliance_policies", 1, "passwordMinimumLength"],
			"message": "Compliance policy 'macOS – Entwickler-Macs' (macOS) allows passwords of 7 characters (passwordMinimumLength); at least 8 is required on desktop devices",
		},
	}
}

test_older_windows_kinds_use_the_desktop_minimum if {
	policy := object.union(td.windows81_policy, {"passwordMinimumLength": 6})
	findings([policy]) == {{
		"path": ["intune", "compliance_policies", 0, "passwordMinimumLength"],
		"message": "Compliance policy 'Windows 8.1 – Kassensysteme' (Windows 8.1) allows passwords of 6 characters (passwordMinimumLength); at least 8 is required on desktop devices",
	}}
}

test_fires_below_the_mobile_minimum_on_ios_and_android if {
	ios := object.union(td.ios_policy, {"passcodeMinimumLength": 4})
	android := object.union(td.android_device_admin_policy, {"passwordMinimumLength": 4})
	findings([ios, android]) == {
		{
			"path": ["intune", "compliance_policies", 0, "passcodeMinimumLength"],
			"message": "Compliance policy 'iOS/iPadOS – Geschäftsführung' (iOS/iPadOS) allows passcodes of 4 characters (passcodeMinimumLength); at least 6 is required on mobile devices",
		},
		{
			"path": ["intune", "compliance_policies", 1, "passwordMinimumLength"],
			"message": "Compliance policy 'Android – Geräteadministrator' (Android device administrator) allows passwords of 4 characters (passwordMinimumLength); at least 6 is required on mobile devices",
		},
	}
}

test_the_minimum_lengths_are_parameters if {
	found := rule.deny with input as td.tenant([td.ios_policy, td.windows_policy]) with data.m365lint.params.min_password_length as {"desktop": 14, "mobile": 6}
	found == {{
		"path": ["intune", "compliance_policies", 1, "passwordMinimumLength"],
		"message": "Compliance policy 'Windows 11 – Basisschutz' (Windows 10 and later) allows passwords of 12 characters (passwordMinimumLength); at least 14 is required on desktop devices",
	}}
}

test_fires_when_no_minimum_length_is_set if {
	policy := object.union(td.android_work_profile_policy, {"passwordMinimumLength": null, "requiredPasswordComplexity": "high"})
	findings([policy]) == {{
		"path": ["intune", "compliance_policies", 0, "passwordMinimumLength"],
		"message": "Compliance policy 'Android – Arbeitsprofil (BYOD)' (Android Enterprise personally-owned work profile) sets no minimum password length (passwordMinimumLength); at least 6 is required on mobile devices",
	}}
}

test_fires_when_simple_passwords_are_allowed if {
	windows := object.union(td.windows_policy, {"passwordBlockSimple": false})
	ios := object.union(td.ios_policy, {"passcodeBlockSimple": false})
	findings([windows, ios]) == {
		{
			"path": ["intune", "compliance_policies", 0, "passwordBlockSimple"],
			"message": "Compliance policy 'Windows 11 – Basisschutz' (Windows 10 and later) does not block simple passwords such as 1234 or 1111 (passwordBlockSimple)",
		},
		{
			"path": ["intune", "compliance_policies", 1, "passcodeBlockSimple"],
			"message": "Compliance policy 'iOS/iPadOS – Geschäftsführung' (iOS/iPadOS) does not block simple passcodes such as 1234 or 1111 (passcodeBlockSimple)",
		},
	}
}

test_one_finding_per_weak_setting if {
	policy := object.union(td.macos_policy, {"passwordMinimumLength": 4, "passwordBlockSimple": false})
	{f.path | some f in findings([policy])} == {
		["intune", "compliance_policies", 0, "passwordMinimumLength"],
		["intune", "compliance_policies", 0, "passwordBlockSimple"],
	}
}

test_android_has_no_simple_password_setting if {
	findings([object.remove(td.android_device_owner_policy, ["passwordBlockSimple"])]) == set()
	reasons([td.android_device_owner_policy]) == set()
}

test_a_missing_required_setting_is_not_assessed if {
	policy := object.remove(td.macos_policy, ["passwordRequired"])
	findings([policy]) == set()
	reasons([policy]) == {"'macOS – Entwickler-Macs' (macOS) was exported without passwordRequired, so it cannot be judged"}
}

test_missing_length_and_simple_settings_are_not_assessed if {
	policy := object.remove(td.windows_policy, ["passwordMinimumLength", "passwordBlockSimple"])
	findings([policy]) == set()
	reasons([policy]) == {"'Windows 11 – Basisschutz' (Windows 10 and later) was exported without passwordBlockSimple, passwordMinimumLength, so it cannot be judged"}
}

test_settings_of_a_policy_without_password_need_not_be_exported if {
	policy := object.remove(object.union(td.windows_policy, {"passwordRequired": false}), ["passwordMinimumLength"])
	count(findings([policy])) == 1
	reasons([policy]) == set()
}

test_not_assessed_without_compliance_policies if {
	found := rule.not_assessed with input as td.settings_only_tenant(td.secure_settings)
	found == {"The export has no Intune compliance policies (deviceManagement/deviceCompliancePolicies): only the tenant's compliance settings were exported"}
}
