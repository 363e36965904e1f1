package m365lint.intune.device_threat_level_not_enforced_test

import rego.v1

import data.m365lint.intune.device_threat_level_not_enforced as rule
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

test_passes_when_every_policy_enforces_a_threat_level if {
	findings(every_kind) == set()
	reasons(every_kind) == set()
}

test_fires_when_threat_protection_is_off if {
	policy := object.union(td.ios_policy, {"deviceThreatProtectionEnabled": false, "deviceThreatProtectionRequiredSecurityLevel": "unavailable"})
	findings([policy]) == {{
		"path": ["intune", "compliance_policies", 0, "deviceThreatProtectionEnabled"],
		"message": "Compliance policy 'iOS/iPadOS – Geschäftsführung' (iOS/iPadOS) does not require a device threat level (deviceThreatProtectionEnabled): a device under attack stays compliant",
	}}
}

test_fires_when_the_level_is_above_the_maximum if {
	policy := object.union(td.windows_policy, {"deviceThreatProtectionRequiredSecurityLevel": "high"})
	findings([policy]) == {{
		"path": ["intune", "compliance_policies", 0, "deviceThreatProtectionRequiredSecurityLevel"],
		"message": "Compliance policy 'Windows 11 – Basisschutz' (Windows 10 and later) lets devices at threat level high stay compliant, above the configured maximum medium (max_device_threat_level)",
	}}
}

test_fires_when_enabled_without_a_level if {
	policies := [
		object.union(td.macos_policy, {"deviceThreatProtectionRequiredSecurityLevel": "unavailable"}),
		object.union(td.android_device_admin_policy, {"deviceThreatProtectionRequiredSecurityLevel": null}),
	]
	findings(policies) == {
		{
			"path": ["intune", "compliance_policies", 0, "deviceThreatProtectionRequiredSecurityLevel"],
			"message": "Compliance policy 'macOS – Entwickler-Macs' (macOS) enables device threat protection without a threat level (deviceThreatProtectionRequiredSecurityLevel is 'unavailable')",
		},
		{
			"path": ["intune", "compliance_policies", 1, "deviceThreatProtectionRequiredSecurityLevel"],
			"message": "Compliance policy 'Android – Geräteadministrator' (Android device administrator) enables device threat protection without a threat level (deviceThreatProtectionRequiredSecurityLevel is null)",
		},
	}
}

test_the_maximum_is_a_parameter if {
	found := rule.deny with input as td.tenant(td.baseline) with data.m365lint.params.max_device_threat_level as "secured"
	{f.path | some f in found} == {
		["intune", "compliance_policies", 0, "deviceThreatProtectionRequiredSecurityLevel"],
		["intune", "compliance_policies", 1, "deviceThreatProtectionRequiredSecurityLevel"],
		["intune", "compliance_policies", 3, "deviceThreatProtectionRequiredSecurityLevel"],
	}
	passing := rule.deny with input as td.tenant([object.union(td.ios_policy, {"deviceThreatProtectionRequiredSecurityLevel": "high"})]) with data.m365lint.params.max_device_threat_level as "high"
	passing == set()
}

test_the_defender_risk_score_does_not_stand_in if {
	policy := object.union(td.ios_policy, {"deviceThreatProtectionEnabled": false, "advancedThreatProtectionRequiredSecurityLevel": "low"})
	count(findings([policy])) == 1
}

test_kinds_without_the_setting_are_not_judged if {
	findings([td.aosp_policy, td.windows81_policy]) == set()
	reasons([td.aosp_policy, td.windows81_policy]) == set()
}

test_a_missing_setting_is_not_assessed if {
	off := object.remove(td.windows_policy, ["deviceThreatProtectionEnabled"])
	no_level := object.remove(td.ios_policy, ["deviceThreatProtectionRequiredSecurityLevel"])
	findings([off, no_level]) == set()
	reasons([off, no_level]) == {
		"'Windows 11 – Basisschutz' (Windows 10 and later) was exported without deviceThreatProtectionEnabled, so it cannot be judged",
		"'iOS/iPadOS – Geschäftsführung' (iOS/iPadOS) was exported without deviceThreatProtectionRequiredSecurityLevel, so it cannot be judged",
	}
}

test_not_assessed_without_compliance_policies if {
	found := rule.not_assessed with input as td.settings_only_tenant(td.secure_settings)
	found == {"The export has no Intune compliance policies (deviceManagement/deviceCompliancePolicies): only the tenant's compliance settings were exported"}
}
