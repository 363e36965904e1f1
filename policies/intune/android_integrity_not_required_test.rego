package m365lint.intune.android_integrity_not_required_test

import rego.v1

import data.m365lint.intune.android_integrity_not_required as rule
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

test_passes_when_android_requires_integrity if {
	findings(every_kind) == set()
	reasons(every_kind) == set()
}

test_fires_when_unknown_sources_are_allowed if {
	policy := object.union(td.android_device_admin_policy, {"securityPreventInstallAppsFromUnknownSources": false})
	findings([policy]) == {{
		"path": ["intune", "compliance_policies", 0, "securityPreventInstallAppsFromUnknownSources"],
		"message": "Android compliance policy 'Android – Geräteadministrator' (Android device administrator) allows apps from unknown sources (securityPreventInstallAppsFromUnknownSources)",
	}}
}

test_fires_when_basic_integrity_is_not_required if {
	policies := [
		object.union(td.android_work_profile_policy, {"securityRequireSafetyNetAttestationBasicIntegrity": false}),
		object.union(td.android_device_owner_policy, {"securityRequireSafetyNetAttestationBasicIntegrity": null}),
	]
	findings(policies) == {
		{
			"path": ["intune", "compliance_policies", 0, "securityRequireSafetyNetAttestationBasicIntegrity"],
			"message": "Android compliance policy 'Android – Arbeitsprofil (BYOD)' (Android Enterprise personally-owned work profile) does not require the Play Integrity basic integrity verdict (securityRequireSafetyNetAttestationBasicIntegrity)",
		},
		{
			"path": ["intune", "compliance_policies", 1, "securityRequireSafetyNetAttestationBasicIntegrity"],
			"message": "Android compliance policy 'Android Enterprise – Vollständig verwaltet' (Android Enterprise fully managed, dedicated or corporate-owned work profile) does not require the Play Integrity basic integrity verdict (securityRequireSafetyNetAttestationBasicIntegrity)",
		},
	}
}

test_both_settings_fire_separately if {
	policy := object.union(td.android_work_profile_policy, {
		"securityPreventInstallAppsFromUnknownSources": false,
		"securityRequireSafetyNetAttestationBasicIntegrity": false,
	})
	count(findings([policy])) == 2
}

test_kinds_without_a_setting_are_not_judged_on_it if {
	owner := object.union(td.android_device_owner_policy, {"securityPreventInstallAppsFromUnknownSources": false})
	aosp := object.union(td.aosp_policy, {"securityRequireSafetyNetAttestationBasicIntegrity": false})
	findings([owner, aosp, td.ios_policy]) == set()
	reasons([td.android_device_owner_policy, td.aosp_policy, td.ios_policy]) == set()
}

test_a_missing_setting_is_not_assessed if {
	policy := object.remove(td.android_work_profile_policy, ["securityPreventInstallAppsFromUnknownSources", "securityRequireSafetyNetAttestationBasicIntegrity"])
	findings([policy]) == set()
	reasons([policy]) == {"'Android – Arbeitsprofil (BYOD)' (Android Enterprise personally-owned work profile) was exported without securityPreventInstallAppsFromUnknownSources, securityRequireSafetyNetAttestationBasicIntegrity, so it cannot be judged"}
}

test_not_assessed_without_compliance_policies if {
	found := rule.not_assessed with input as td.settings_only_tenant(td.secure_settings)
	found == {"The export has no Intune compliance policies (deviceManagement/deviceCompliancePolicies): only the tenant's compliance settings were exported"}
}
