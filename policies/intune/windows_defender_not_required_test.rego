package m365lint.intune.windows_defender_not_required_test

import rego.v1

import data.m365lint.intune.windows_defender_not_required as rule
import data.m365lint.lib.intune_testdata as td

findings(policies) := found if {
	found := rule.deny with input as td.tenant(policies)
}

reasons(policies) := found if {
	found := rule.not_assessed with input as td.tenant(policies)
}

every_kind := [
	td.windows_policy, td.windows81_policy, td.ios_policy, td.macos_policy,
	td.android_work_profile_policy, td.aosp_policy, td.default_policy,
]

v1_windows_policy := object.remove(td.windows_policy, ["defenderEnabled", "rtpEnabled", "antivirusRequired", "activeFirewallRequired", "tpmRequired"])

test_passes_when_windows_requires_defender if {
	findings(every_kind) == set()
	reasons(every_kind) == set()
}

test_fires_once_per_defender_setting_not_required if {
	policy := object.union(td.windows_policy, {"defenderEnabled": false, "rtpEnabled": false, "antivirusRequired": null, "activeFirewallRequired": false})
	findings([policy]) == {
		{
			"path": ["intune", "compliance_policies", 0, "defenderEnabled"],
			"message": "Windows compliance policy 'Windows 11 – Basisschutz' does not require Microsoft Defender Antimalware (defenderEnabled)",
		},
		{
			"path": ["intune", "compliance_policies", 0, "rtpEnabled"],
			"message": "Windows compliance policy 'Windows 11 – Basisschutz' does not require real-time protection (rtpEnabled)",
		},
		{
			"path": ["intune", "compliance_policies", 0, "antivirusRequired"],
			"message": "Windows compliance policy 'Windows 11 – Basisschutz' does not require an antivirus (antivirusRequired)",
		},
		{
			"path": ["intune", "compliance_policies", 0, "activeFirewallRequired"],
			"message": "Windows compliance policy 'Windows 11 – Basisschutz' does not require an active firewall (activeFirewallRequired)",
		},
	}
}

test_fires_for_real_time_protection_alone if {
	policy := object.union(td.windows_policy, {"rtpEnabled": false})
	findings([policy]) == {{
		"path": ["intune", "compliance_policies", 0, "rtpEnabled"],
		"message": "Windows compliance policy 'Windows 11 – Basisschutz' does not require real-time protection (rtpEnabled)",
	}}
}

test_a_v1_export_is_not_assessed if {
	findings([v1_windows_policy]) == set()
	reasons([v1_windows_policy]) == {"'Windows 11 – Basisschutz' (Windows 10 and later) was exported without the Graph beta Defender settings (activeFirewallRequired, antivirusRequired, defenderEnabled, rtpEnabled), as a Graph v1.0 export is; export it from the beta endpoint"}
}

test_a_partial_export_is_not_assessed if {
	policy := object.remove(td.windows_policy, ["rtpEnabled"])
	findings([policy]) == set()
	reasons([policy]) == {"'Windows 11 – Basisschutz' (Windows 10 and later) was exported without rtpEnabled, so it cannot be judged"}
}

test_other_windows_kinds_are_not_judged if {
	findings([td.windows81_policy]) == set()
	reasons([td.windows81_policy]) == set()
}

test_not_assessed_without_compliance_policies if {
	found := rule.not_assessed with input as td.settings_only_tenant(td.secure_settings)
	found == {"The export has no Intune compliance policies (deviceManagement/deviceCompliancePolicies): only the tenant's compliance settings were exported"}
}
