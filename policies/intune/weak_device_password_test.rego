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
	policy := object.union(td.android_work_profile_policy, {"passwordMinimumLength": null, "requiredPasswordComplexity": "none"})
	findings([policy]) == {{
		"path": ["intune", "compliance_policies", 0, "passwordMinimumLength"],
		"message": "Compliance policy 'Android – Arbeitsprofil (BYOD)' (Android Enterprise personally-owned work profile) sets no minimum password length (passwordMinimumLength); at least 6 is required on mobile devices",
	}}
}

# Android password complexity (requiredPasswordComplexity)

# A work profile policy that sets only a complexity, as Intune writes it for Android 12+.
complexity_only(policy, band) := object.union(policy, {
	"passwordRequired": false,
	"passwordMinimumLength": null,
	"requiredPasswordComplexity": band,
})

test_high_complexity_stands_in_for_password_and_minimum_length if {
	policies := [
		complexity_only(td.android_work_profile_policy, "high"),
		complexity_only(td.android_device_admin_policy, "high"),
	]
	findings(policies) == set()
	reasons(policies) == set()
}

test_fires_with_low_complexity_and_no_minimum_length if {
	findings([complexity_only(td.android_work_profile_policy, "low")]) == {{
		"path": ["intune", "compliance_policies", 0, "requiredPasswordComplexity"],
		"message": "Compliance policy 'Android – Arbeitsprofil (BYOD)' (Android Enterprise personally-owned work profile) sets no minimum password length (passwordMinimumLength), and password complexity low (requiredPasswordComplexity) allows patterns and PINs such as 1234; at least 6 is required on mobile devices",
	}}
}

test_medium_complexity_guarantees_only_four_characters if {
	policy := complexity_only(td.android_device_admin_policy, "medium")
	findings([policy]) == {{
		"path": ["intune", "compliance_policies", 0, "requiredPasswordComplexity"],
		"message": "Compliance policy 'Android – Geräteadministrator' (Android device administrator) sets no minimum password length (passwordMinimumLength), and password complexity medium (requiredPasswordComplexity) guarantees only 4 characters; at least 6 is required on mobile devices",
	}}
	count(rule.deny) == 0 with input as td.tenant([policy]) with data.m365lint.params.min_password_length as {"desktop": 8, "mobile": 4}
}

test_high_complexity_is_weighed_against_the_minimum_parameter if {
	found := rule.deny with input as td.tenant([complexity_only(td.android_work_profile_policy, "HIGH")]) with data.m365lint.params.min_password_length as {"desktop": 8, "mobile": 8}
	found == {{
		"path": ["intune", "compliance_policies", 0, "requiredPasswordComplexity"],
		"message": "Compliance policy 'Android – Arbeitsprofil (BYOD)' (Android Enterprise personally-owned work profile) sets no minimum password length (passwordMinimumLength), and password complexity high (requiredPasswordComplexity) guarantees only 6 characters; at least 8 is required on mobile devices",
	}}
}

test_no_complexity_and_no_password_required_fires_once if {
	findings([complexity_only(td.android_work_profile_policy, "none")]) == {{
		"path": ["intune", "compliance_policies", 0, "passwordRequired"],
		"message": "Compliance policy 'Android – Arbeitsprofil (BYOD)' (Android Enterprise personally-owned work profile) does not require a password to unlock the device (passwordRequired)",
	}}
	findings([complexity_only(td.android_work_profile_policy, null)]) == findings([complexity_only(td.android_work_profile_policy, "none")])
}

test_an_explicit_minimum_length_is_judged_on_its_own if {
	short := object.union(td.android_work_profile_policy, {"passwordMinimumLength": 4, "requiredPasswordComplexity": "high"})
	findings([short]) == {{
		"path": ["intune", "compliance_policies", 0, "passwordMinimumLength"],
		"message": "Compliance policy 'Android – Arbeitsprofil (BYOD)' (Android Enterprise personally-owned work profile) allows passwords of 4 characters (passwordMinimumLength); at least 6 is required on mobile devices",
	}}
	long_enough := object.union(td.android_work_profile_policy, {"passwordMinimumLength": 6, "requiredPasswordComplexity": "low"})
	findings([long_enough]) == set()
	reasons([long_enough]) == set()
}

test_fully_managed_and_aosp_policies_have_no_complexity_setting if {
	owner := object.union(complexity_only(td.android_device_owner_policy, "high"), {"passwordRequired": true})
	findings([owner]) == {{
		"path": ["intune", "compliance_policies", 0, "passwordMinimumLength"],
		"message": "Compliance policy 'Android Enterprise – Vollständig verwaltet' (Android Enterprise fully managed, dedicated or corporate-owned work profile) sets no minimum password length (passwordMinimumLength); at least 6 is required on mobile devices",
	}}
	aosp := object.remove(object.union(td.aosp_policy, {"passwordRequired": false}), ["requiredPasswordComplexity"])
	count(findings([aosp])) == 1
	reasons([owner, aosp]) == set()
}

test_a_missing_complexity_is_not_assessed_where_it_would_decide if {
	no_password := object.remove(complexity_only(td.android_work_profile_policy, "high"), ["requiredPasswordComplexity"])
	findings([no_password]) == set()
	reasons([no_password]) == {"'Android – Arbeitsprofil (BYOD)' (Android Enterprise personally-owned work profile) was exported without requiredPasswordComplexity, so it cannot be judged"}
	no_length := object.union(no_password, {"passwordRequired": true})
	findings([no_length]) == set()
	reasons([no_length]) == {"'Android – Arbeitsprofil (BYOD)' (Android Enterprise personally-owned work profile) was exported without requiredPasswordComplexity, so it cannot be judged"}
	unknown_requirement := object.remove(td.android_device_admin_policy, ["passwordRequired"])
	reasons([unknown_requirement]) == {"'Android – Geräteadministrator' (Android device administrator) was exported without passwordRequired, requiredPasswordComplexity, so it cannot be judged"}
}

test_a_complexity_that_needs_a_lock_settles_an_unexported_password_requirement if {
	policy := object.remove(complexity_only(td.android_work_profile_policy, "high"), ["passwordRequired"])
	findings([policy]) == set()
	reasons([policy]) == set()
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
