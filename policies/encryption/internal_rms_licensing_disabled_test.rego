package m365lint.encryption.internal_rms_licensing_disabled_test

import rego.v1

import data.m365lint.encryption.internal_rms_licensing_disabled as rule
import data.m365lint.lib.encryption_testdata as td

findings(document) := found if {
	found := rule.deny with input as document
}

reasons(document) := found if {
	found := rule.not_assessed with input as document
}

with_irm(values) := td.encryption({"irm": object.union(td.irm, values)})

test_passes_when_internal_licensing_is_on if {
	findings(with_irm({"internalLicensingEnabled": true})) == set()
	reasons(with_irm({"internalLicensingEnabled": true})) == set()
}

test_fires_when_internal_licensing_is_off if {
	findings(with_irm({"internalLicensingEnabled": false})) == {{
		"path": ["encryption", "irm", "internalLicensingEnabled"],
		"message": "IRM is turned off for internal messages (InternalLicensingEnabled is false): mail between colleagues cannot be protected",
	}}
}

test_not_assessed_without_the_irm_configuration if {
	document := td.encryption({"transport_rules": [td.encrypt_external_rule], "labels": [td.encrypting_label]})
	findings(document) == set()
	reasons(document) == {"The IRM configuration (Get-IRMConfiguration) was not exported"}
}

test_not_assessed_when_the_configuration_does_not_include_the_setting if {
	document := td.encryption({"irm": object.remove(td.irm, ["internalLicensingEnabled"])})
	findings(document) == set()
	reasons(document) == {"The exported IRM configuration does not include InternalLicensingEnabled"}
}

test_not_assessed_when_the_setting_is_null if {
	findings(with_irm({"internalLicensingEnabled": null})) == set()
	reasons(with_irm({"internalLicensingEnabled": null})) == {"The exported IRM configuration has InternalLicensingEnabled = null, not true or false"}
}
