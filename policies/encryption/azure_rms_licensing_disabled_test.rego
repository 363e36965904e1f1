package m365lint.encryption.azure_rms_licensing_disabled_test

import rego.v1

import data.m365lint.encryption.azure_rms_licensing_disabled as rule
import data.m365lint.lib.encryption_testdata as td

findings(document) := found if {
	found := rule.deny with input as document
}

reasons(document) := found if {
	found := rule.not_assessed with input as document
}

with_irm(values) := td.encryption({"irm": object.union(td.irm, values)})

test_passes_when_azure_rms_licensing_is_on if {
	findings(with_irm({"azureRMSLicensingEnabled": true})) == set()
	reasons(with_irm({"azureRMSLicensingEnabled": true})) == set()
}

test_fires_when_azure_rms_licensing_is_off if {
	findings(with_irm({"azureRMSLicensingEnabled": false})) == {{
		"path": ["encryption", "irm", "azureRMSLicensingEnabled"],
		"message": "Azure Rights Management is turned off for Exchange Online (AzureRMSLicensingEnabled is false): message encryption and rules that encrypt cannot work",
	}}
}

test_not_assessed_without_the_irm_configuration if {
	document := td.encryption({"transport_rules": [td.encrypt_external_rule], "labels": [td.encrypting_label]})
	findings(document) == set()
	reasons(document) == {"The IRM configuration (Get-IRMConfiguration) was not exported"}
}

test_not_assessed_when_the_configuration_does_not_include_the_setting if {
	document := td.encryption({"irm": object.remove(td.irm, ["azureRMSLicensingEnabled"])})
	findings(document) == set()
	reasons(document) == {"The exported IRM configuration does not include AzureRMSLicensingEnabled"}
}

test_not_assessed_when_the_setting_is_null if {
	findings(with_irm({"azureRMSLicensingEnabled": null})) == set()
	reasons(with_irm({"azureRMSLicensingEnabled": null})) == {"The exported IRM configuration has AzureRMSLicensingEnabled = null, not true or false"}
}
