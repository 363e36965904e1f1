package m365lint.encryption.ome_simplified_client_access_disabled_test

import rego.v1

import data.m365lint.encryption.ome_simplified_client_access_disabled as rule
import data.m365lint.lib.encryption_testdata as td

findings(document) := found if {
	found := rule.deny with input as document
}

reasons(document) := found if {
	found := rule.not_assessed with input as document
}

with_irm(values) := td.encryption({"irm": object.union(td.irm, values)})

test_passes_when_simplified_client_access_is_on if {
	findings(with_irm({"simplifiedClientAccessEnabled": true})) == set()
	reasons(with_irm({"simplifiedClientAccessEnabled": true})) == set()
}

test_fires_when_simplified_client_access_is_off if {
	findings(with_irm({"simplifiedClientAccessEnabled": false})) == {{
		"path": ["encryption", "irm", "simplifiedClientAccessEnabled"],
		"message": "Outlook on the web does not offer the Encrypt button (SimplifiedClientAccessEnabled is false): users there cannot encrypt a message",
	}}
}

test_not_assessed_without_the_irm_configuration if {
	document := td.encryption({"transport_rules": [td.encrypt_external_rule], "labels": [td.encrypting_label]})
	findings(document) == set()
	reasons(document) == {"The IRM configuration (Get-IRMConfiguration) was not exported"}
}

test_not_assessed_when_the_configuration_does_not_include_the_setting if {
	document := td.encryption({"irm": object.remove(td.irm, ["simplifiedClientAccessEnabled"])})
	findings(document) == set()
	reasons(document) == {"The exported IRM configuration does not include SimplifiedClientAccessEnabled"}
}

test_not_assessed_when_the_setting_is_null if {
	findings(with_irm({"simplifiedClientAccessEnabled": null})) == set()
	reasons(with_irm({"simplifiedClientAccessEnabled": null})) == {"The exported IRM configuration has SimplifiedClientAccessEnabled = null, not true or false"}
}
