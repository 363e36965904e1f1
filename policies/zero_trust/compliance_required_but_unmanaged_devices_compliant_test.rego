package m365lint.zero_trust.compliance_required_but_unmanaged_devices_compliant_test

import rego.v1

import data.m365lint.lib.encryption_testdata as data_td
import data.m365lint.lib.testdata as td
import data.m365lint.zero_trust.compliance_required_but_unmanaged_devices_compliant as rule

message := "Devices with no compliance policy assigned are marked compliant (secureByDefault is false), so they pass Conditional Access policies that require a compliant device"

tenant(policies, intune) := data_td.document({"conditional_access": {"policies": policies}, "intune": intune})

findings(policies, intune) := found if {
	found := rule.deny with input as tenant(policies, intune)
}

reasons(policies, intune) := found if {
	found := rule.not_assessed with input as tenant(policies, intune)
}

intune(secure) := {"compliance_policies": data_td.every_platform, "settings": data_td.settings(secure)}

requiring(i, name) := {
	"path": ["conditional_access", "policies", i, "grantControls", "builtInControls", 0],
	"message": sprintf("Policy '%s' requires a compliant device", [name]),
}

test_passes_when_devices_without_a_policy_are_not_compliant if {
	findings([td.mfa_policy, td.managed_device_policy], intune(true)) == set()
	reasons([td.mfa_policy, td.managed_device_policy], intune(true)) == set()
}

test_passes_when_no_policy_requires_a_compliant_device if {
	hybrid_only := object.union(td.managed_device_policy, {"grantControls": {"builtInControls": ["domainJoinedDevice"]}})
	findings([td.mfa_policy, hybrid_only], intune(false)) == set()
	reasons([td.mfa_policy, hybrid_only], intune(false)) == set()
}

test_fires_when_a_policy_requires_a_compliant_device if {
	findings([td.mfa_policy, td.managed_device_policy], intune(false)) == {{
		"path": ["intune", "settings", "secureByDefault"],
		"message": message,
		"related": [requiring(1, "Require a managed device")],
	}}
}

test_lists_every_policy_that_requires_a_compliant_device if {
	narrow := object.union(td.managed_device_policy, {
		"id": "6a1f3c5e-8b2d-4e47-9c06-d1e3f5a7b9c2",
		"displayName": "Compliant device for iOS – Finanzen",
		"conditions": {"users": {"includeUsers": [], "includeGroups": ["Finanzen"]}, "platforms": {"includePlatforms": ["iOS"], "excludePlatforms": []}},
		"grantControls": {"operator": "OR", "builtInControls": ["compliantDevice", "mfa"]},
	})
	stateless := object.remove(object.union(td.managed_device_policy, {"displayName": "Ohne Status"}), ["state"])
	findings([td.managed_device_policy, narrow, stateless], intune(false)) == {{
		"path": ["intune", "settings", "secureByDefault"],
		"message": message,
		"related": [
			requiring(0, "Require a managed device"),
			requiring(1, "Compliant device for iOS – Finanzen"),
			requiring(2, "Ohne Status"),
		],
	}}
}

test_report_only_and_disabled_policies_are_out_of_scope if {
	report_only := object.union(td.managed_device_policy, {"state": "enabledForReportingButNotEnforced"})
	disabled := object.union(td.managed_device_policy, {"state": "disabled"})
	findings([report_only, disabled], intune(false)) == set()
	reasons([report_only, disabled], {"compliance_policies": []}) == set()
}

test_not_assessed_without_the_compliance_settings if {
	findings([td.managed_device_policy], {"compliance_policies": data_td.every_platform}) == set()
	reasons([td.managed_device_policy], {"compliance_policies": data_td.every_platform}) == {"The export has no Intune compliance settings (GET /beta/deviceManagement?$select=settings, or Microsoft365DSC IntuneDeviceManagementComplianceSettings)"}
}

test_not_assessed_when_the_settings_lack_secure_by_default if {
	without := {"settings": object.remove(data_td.settings(true), ["secureByDefault"])}
	findings([td.managed_device_policy], without) == set()
	reasons([td.managed_device_policy], without) == {"The exported Intune compliance settings do not include secureByDefault"}
}

# A null setting is not true: it fails, as for DEV002 (catalog: "is not `true`").
test_fires_when_the_setting_is_null if {
	intune_settings := {"compliance_policies": [], "settings": object.union(data_td.settings(true), {"secureByDefault": null})}
	findings([td.managed_device_policy], intune_settings) == {{
		"path": ["intune", "settings", "secureByDefault"],
		"message": "Devices with no compliance policy assigned are marked compliant (secureByDefault is null), so they pass Conditional Access policies that require a compliant device",
		"related": [requiring(0, "Require a managed device")],
	}}
	reasons([td.managed_device_policy], intune_settings) == set()
}

test_missing_settings_do_not_matter_without_a_policy_requiring_compliance if {
	reasons([td.mfa_policy], {"compliance_policies": []}) == set()
}
