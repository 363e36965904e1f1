package m365lint.intune.devices_without_policy_compliant_test

import rego.v1

import data.m365lint.intune.devices_without_policy_compliant as rule
import data.m365lint.lib.intune_testdata as td

findings(settings) := found if {
	found := rule.deny with input as td.tenant_with_settings(td.baseline, settings)
}

reasons(document) := found if {
	found := rule.not_assessed with input as document
}

finding_at_secure_by_default := {{
	"path": ["intune", "settings", "secureByDefault"],
	"message": "Devices with no compliance policy assigned are marked compliant (secureByDefault is not true): an unmanaged device passes every Conditional Access check for a compliant device",
}}

test_passes_when_devices_without_a_policy_are_not_compliant if {
	findings(td.secure_settings) == set()
	reasons(td.tenant_with_settings(td.baseline, td.secure_settings)) == set()
}

test_fires_when_devices_without_a_policy_are_compliant if {
	findings(object.union(td.secure_settings, {"secureByDefault": false})) == finding_at_secure_by_default
}

test_fires_when_the_setting_is_null if {
	findings(object.union(td.secure_settings, {"secureByDefault": null})) == finding_at_secure_by_default
}

test_passes_on_settings_alone if {
	found := rule.deny with input as td.settings_only_tenant(td.secure_settings)
	found == set()
}

test_not_assessed_without_the_settings if {
	rule.deny == set() with input as td.policies_only_tenant(td.baseline)
	reasons(td.policies_only_tenant(td.baseline)) == {"The export has no Intune compliance settings (GET /beta/deviceManagement?$select=settings, or Microsoft365DSC IntuneDeviceManagementComplianceSettings)"}
}

test_not_assessed_when_the_settings_lack_secure_by_default if {
	settings := object.remove(td.secure_settings, ["secureByDefault"])
	findings(settings) == set()
	reasons(td.tenant_with_settings(td.baseline, settings)) == {"The exported Intune compliance settings do not include secureByDefault"}
}
