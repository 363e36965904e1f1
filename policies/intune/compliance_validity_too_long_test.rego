package m365lint.intune.compliance_validity_too_long_test

import rego.v1

import data.m365lint.intune.compliance_validity_too_long as rule
import data.m365lint.lib.intune_testdata as td

findings(settings) := found if {
	found := rule.deny with input as td.tenant_with_settings(td.baseline, settings)
}

reasons(document) := found if {
	found := rule.not_assessed with input as document
}

test_passes_at_the_maximum if {
	findings(td.secure_settings) == set()
	reasons(td.tenant_with_settings(td.baseline, td.secure_settings)) == set()
	findings(object.union(td.secure_settings, {"deviceComplianceCheckinThresholdDays": 1})) == set()
}

test_fires_above_the_maximum if {
	findings(object.union(td.secure_settings, {"deviceComplianceCheckinThresholdDays": 90})) == {{
		"path": ["intune", "settings", "deviceComplianceCheckinThresholdDays"],
		"message": "Compliance status stays valid for 90 days without a check-in, more than the 30 allowed (max_checkin_threshold_days)",
	}}
}

test_the_maximum_is_a_parameter if {
	found := rule.deny with input as td.tenant(td.baseline) with data.m365lint.params.max_checkin_threshold_days as 14
	found == {{
		"path": ["intune", "settings", "deviceComplianceCheckinThresholdDays"],
		"message": "Compliance status stays valid for 30 days without a check-in, more than the 14 allowed (max_checkin_threshold_days)",
	}}
}

test_passes_on_settings_alone if {
	found := rule.deny with input as td.settings_only_tenant(td.secure_settings)
	found == set()
}

test_not_assessed_without_the_settings if {
	rule.deny == set() with input as td.policies_only_tenant(td.baseline)
	reasons(td.policies_only_tenant(td.baseline)) == {"The export has no Intune compliance settings (GET /beta/deviceManagement?$select=settings, or Microsoft365DSC IntuneDeviceManagementComplianceSettings)"}
}

test_not_assessed_without_a_number_of_days if {
	missing := object.remove(td.secure_settings, ["deviceComplianceCheckinThresholdDays"])
	null_days := object.union(td.secure_settings, {"deviceComplianceCheckinThresholdDays": null})
	findings(missing) == set()
	findings(null_days) == set()
	reasons(td.tenant_with_settings(td.baseline, missing)) == {"The exported Intune compliance settings do not give deviceComplianceCheckinThresholdDays as a number of days"}
	reasons(td.tenant_with_settings(td.baseline, null_days)) == {"The exported Intune compliance settings do not give deviceComplianceCheckinThresholdDays as a number of days"}
}
