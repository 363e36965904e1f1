package m365lint.encryption.encrypt_only_attachments_decrypted_test

import rego.v1

import data.m365lint.encryption.encrypt_only_attachments_decrypted as rule
import data.m365lint.lib.encryption_testdata as td

findings(document) := found if {
	found := rule.deny with input as document
}

reasons(document) := found if {
	found := rule.not_assessed with input as document
}

with_irm(values) := td.encryption({"irm": object.union(td.irm, values)})

test_passes_when_decrypting_attachments_is_off if {
	findings(with_irm({"decryptAttachmentForEncryptOnly": false})) == set()
	reasons(with_irm({"decryptAttachmentForEncryptOnly": false})) == set()
}

test_fires_when_decrypting_attachments_is_on if {
	findings(with_irm({"decryptAttachmentForEncryptOnly": true})) == {{
		"path": ["encryption", "irm", "decryptAttachmentForEncryptOnly"],
		"message": "Attachments of Encrypt-Only mail are decrypted when recipients download them (DecryptAttachmentForEncryptOnly is true): they leave without protection",
	}}
}

test_not_assessed_without_the_irm_configuration if {
	document := td.encryption({"transport_rules": [td.encrypt_external_rule], "labels": [td.encrypting_label]})
	findings(document) == set()
	reasons(document) == {"The IRM configuration (Get-IRMConfiguration) was not exported"}
}

test_not_assessed_when_the_configuration_does_not_include_the_setting if {
	document := td.encryption({"irm": object.remove(td.irm, ["decryptAttachmentForEncryptOnly"])})
	findings(document) == set()
	reasons(document) == {"The exported IRM configuration does not include DecryptAttachmentForEncryptOnly"}
}

test_not_assessed_when_the_setting_is_null if {
	findings(with_irm({"decryptAttachmentForEncryptOnly": null})) == set()
	reasons(with_irm({"decryptAttachmentForEncryptOnly": null})) == {"The exported IRM configuration has DecryptAttachmentForEncryptOnly = null, not true or false"}
}
