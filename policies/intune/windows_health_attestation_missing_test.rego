package m365lint.intune.windows_health_attestation_missing_test

import rego.v1

import data.m365lint.intune.windows_health_attestation_missing as rule
import data.m365lint.lib.intune_testdata as td

findings(policies) := found if {
	found := rule.deny with input as td.tenant(policies)
}

reasons(policies) := found if {
	found := rule.not_assessed with input as td.tenant(policies)
}

windows_mobile_policy := {
	"@odata.type": "#microsoft.graph.windows10MobileCompliancePolicy",
	"platform": "windowsMobile",
	"androidManagement": null,
	"id": "3e5a7c9b-1d2f-4b46-8c8e-0a2b4c6d8e0f",
	"displayName": "Windows 10 Mobile – Lagerscanner",
	"secureBootEnabled": true,
	"codeIntegrityEnabled": true,
}

every_kind := [
	td.windows_policy, td.windows81_policy, windows_mobile_policy, td.ios_policy, td.macos_policy,
	td.android_work_profile_policy, td.aosp_policy, td.default_policy,
]

test_passes_when_windows_requires_health_attestation if {
	findings(every_kind) == set()
	reasons(every_kind) == set()
}

test_fires_once_per_setting_not_required if {
	policy := object.union(td.windows_policy, {"secureBootEnabled": false, "codeIntegrityEnabled": false, "tpmRequired": null})
	findings([policy]) == {
		{
			"path": ["intune", "compliance_policies", 0, "secureBootEnabled"],
			"message": "Windows compliance policy 'Windows 11 – Basisschutz' (Windows 10 and later) does not require Secure Boot (secureBootEnabled)",
		},
		{
			"path": ["intune", "compliance_policies", 0, "codeIntegrityEnabled"],
			"message": "Windows compliance policy 'Windows 11 – Basisschutz' (Windows 10 and later) does not require code integrity (codeIntegrityEnabled)",
		},
		{
			"path": ["intune", "compliance_policies", 0, "tpmRequired"],
			"message": "Windows compliance policy 'Windows 11 – Basisschutz' (Windows 10 and later) does not require a Trusted Platform Module (tpmRequired)",
		},
	}
}

test_either_missing_setting_fires if {
	policy := object.union(td.windows_policy, {"codeIntegrityEnabled": false})
	findings([policy]) == {{
		"path": ["intune", "compliance_policies", 0, "codeIntegrityEnabled"],
		"message": "Windows compliance policy 'Windows 11 – Basisschutz' (Windows 10 and later) does not require code integrity (codeIntegrityEnabled)",
	}}
}

test_windows_10_mobile_is_judged_without_tpm if {
	policy := object.union(windows_mobile_policy, {"secureBootEnabled": false, "tpmRequired": false})
	findings([policy]) == {{
		"path": ["intune", "compliance_policies", 0, "secureBootEnabled"],
		"message": "Windows compliance policy 'Windows 10 Mobile – Lagerscanner' (Windows 10 Mobile) does not require Secure Boot (secureBootEnabled)",
	}}
}

test_tpm_is_judged_only_where_exported if {
	policy := object.remove(td.windows_policy, ["tpmRequired"])
	findings([policy]) == set()
	reasons([policy]) == set()
}

test_a_missing_secure_boot_or_code_integrity_setting_is_not_assessed if {
	policy := object.remove(td.windows_policy, ["secureBootEnabled", "codeIntegrityEnabled"])
	findings([policy]) == set()
	reasons([policy]) == {"'Windows 11 – Basisschutz' (Windows 10 and later) was exported without codeIntegrityEnabled, secureBootEnabled, so it cannot be judged"}
}

test_not_assessed_without_compliance_policies if {
	found := rule.not_assessed with input as td.settings_only_tenant(td.secure_settings)
	found == {"The export has no Intune compliance policies (deviceManagement/deviceCompliancePolicies): only the tenant's compliance settings were exported"}
}
