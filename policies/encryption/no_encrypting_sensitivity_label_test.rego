package m365lint.encryption.no_encrypting_sensitivity_label_test

import rego.v1

import data.m365lint.encryption.no_encrypting_sensitivity_label as rule
import data.m365lint.lib.encryption_testdata as td

message := "Sensitivity labels are exported, but no enabled label encrypts"

findings(labels) := found if {
	found := rule.deny with input as td.encryption({"labels": labels})
}

reasons(labels) := found if {
	found := rule.not_assessed with input as td.encryption({"labels": labels})
}

near_miss(path, text) := {{
	"path": ["encryption", "labels"],
	"message": message,
	"related": [{"path": path, "message": text}],
}}

# The encrypting label with its encrypt action's settings changed.
with_encrypt_settings(values) := object.union(td.encrypting_label, {
	"labelActions": [object.union(td.encrypting_label.labelActions[0], {"settings": values})],
	"encryptionEnabled": false,
})

test_passes_with_an_enabled_encrypting_label if {
	findings([td.marking_label, td.encrypting_label]) == set()
	reasons([td.marking_label, td.encrypting_label]) == set()
}

test_passes_with_a_microsoft365dsc_or_graph_label_that_encrypts if {
	dsc := object.remove(td.encrypting_label, ["labelActions", "guid", "settings"])
	findings([dsc]) == set()
	graph := object.union(td.graph_label_without_protection, {"encryptionEnabled": true})
	findings([graph]) == set()
}

test_an_encrypting_label_among_unknown_ones_passes if {
	findings([td.graph_label_without_protection, td.encrypting_label]) == set()
	reasons([td.graph_label_without_protection, td.encrypting_label]) == set()
}

test_fires_when_no_label_encrypts if {
	findings([td.marking_label]) == {{"path": ["encryption", "labels"], "message": message}}
}

test_fires_when_labels_are_exported_but_none_exists if {
	findings([]) == {{"path": ["encryption", "labels"], "message": message}}
	reasons([]) == set()
}

test_a_disabled_encrypting_label_is_a_near_miss if {
	disabled := object.union(td.encrypting_label, {"disabled": true})
	findings([td.marking_label, disabled]) == near_miss(
		["encryption", "labels", 1, "disabled"],
		"Label 'Vertraulich' has encryption on, but the label is disabled",
	)
}

test_an_encrypt_action_turned_off_is_a_near_miss if {
	turned_off := with_encrypt_settings({"disabled": "True"})
	findings([turned_off]) == near_miss(
		["encryption", "labels", 0, "labelActions", 0, "settings", "disabled"],
		"Label 'Vertraulich' has an encrypt action that is turned off (disabled = True)",
	)
}

test_an_action_that_removes_protection_is_a_near_miss if {
	removes := with_encrypt_settings({"protectiontype": "removeprotection"})
	findings([removes]) == near_miss(
		["encryption", "labels", 0, "labelActions", 0, "settings", "protectiontype"],
		"Label 'Vertraulich' removes protection instead of encrypting (protectiontype = removeprotection)",
	)
}

test_not_assessed_without_labels if {
	document := td.encryption({"irm": td.irm})
	found := rule.deny with input as document
	found == set()
	not_assessed := rule.not_assessed with input as document
	not_assessed == {"Sensitivity labels (Get-Label) were not exported"}
}

test_not_assessed_when_the_export_cannot_say_whether_a_label_encrypts if {
	findings([td.marking_label, td.graph_label_without_protection]) == set()
	reasons([td.marking_label, td.graph_label_without_protection]) == {"The export does not say whether label 'Streng vertraulich' encrypts (e.g. a Graph export without hasProtection)"}
}

test_not_assessed_when_the_export_cannot_say_whether_an_encrypting_label_is_enabled if {
	unknown_state := object.union(td.encrypting_label, {"disabled": null})
	findings([unknown_state]) == set()
	reasons([unknown_state]) == {"The export does not say whether label 'Vertraulich' is enabled"}
}

test_a_disabled_label_of_unknown_encryption_does_not_block_the_verdict if {
	off := object.union(td.graph_label_without_protection, {"disabled": true})
	findings([td.marking_label, off]) == {{"path": ["encryption", "labels"], "message": message}}
}
