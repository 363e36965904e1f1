package m365lint.encryption.encryption_removed_from_mail_test

import rego.v1

import data.m365lint.encryption.encryption_removed_from_mail as rule
import data.m365lint.lib.encryption_testdata as td

findings(rules) := found if {
	found := rule.deny with input as td.encryption({"transport_rules": rules})
}

label := "Transport rule 'Scanner – Verschlüsselung entfernen'"

test_passes_without_a_rule_that_removes_encryption if {
	findings([td.encrypt_external_rule, td.disclaimer_rule]) == set()
}

test_a_disabled_removal_rule_does_not_fire if {
	findings([object.union(td.remove_encryption_rule, {"state": "Disabled"})]) == set()
}

test_fires_high_when_the_rule_can_reach_external_recipients if {
	findings([td.encrypt_external_rule, td.remove_encryption_rule]) == {{
		"path": ["encryption", "transport_rules", 1, "removeOMEv2"],
		"message": sprintf("%s removes Purview Message Encryption (RemoveOMEv2), including mail sent outside the organization", [label]),
	}}
}

test_fires_high_for_mail_sent_outside_the_organization if {
	external := object.union(td.remove_encryption_rule, {"sentToScope": "NotInOrganization", "removeOMEv2": false, "removeRMSAttachmentEncryption": true})
	findings([external]) == {{
		"path": ["encryption", "transport_rules", 0, "removeRMSAttachmentEncryption"],
		"message": sprintf("%s removes encryption from attachments (RemoveRMSAttachmentEncryption) from mail sent outside the organization", [label]),
	}}
}

test_fires_medium_when_limited_to_internal_recipients if {
	internal := object.union(td.remove_encryption_rule, {"sentToScope": "InOrganization", "removeOMEv2": false, "removeOME": true})
	findings([internal]) == {{
		"path": ["encryption", "transport_rules", 0, "removeOME"],
		"message": sprintf("%s removes legacy Office 365 Message Encryption (RemoveOME) for mail that stays inside the organization", [label]),
		"severity": "medium",
	}}
	excepted := object.union(td.remove_encryption_rule, {"exceptIfSentToScope": "NotInOrganization"})
	findings([excepted]) == {{
		"path": ["encryption", "transport_rules", 0, "removeOMEv2"],
		"message": sprintf("%s removes Purview Message Encryption (RemoveOMEv2) for mail that stays inside the organization", [label]),
		"severity": "medium",
	}}
}

test_several_removals_are_one_finding_listing_the_others if {
	all_three := object.union(td.remove_encryption_rule, {"removeOME": true, "removeRMSAttachmentEncryption": true})
	findings([all_three]) == {{
		"path": ["encryption", "transport_rules", 0, "removeOME"],
		"message": sprintf("%s removes legacy Office 365 Message Encryption (RemoveOME) and removes Purview Message Encryption (RemoveOMEv2) and removes encryption from attachments (RemoveRMSAttachmentEncryption), including mail sent outside the organization", [label]),
		"related": [
			{"path": ["encryption", "transport_rules", 0, "removeOMEv2"], "message": sprintf("%s also removes Purview Message Encryption (RemoveOMEv2)", [label])},
			{"path": ["encryption", "transport_rules", 0, "removeRMSAttachmentEncryption"], "message": sprintf("%s also removes encryption from attachments (RemoveRMSAttachmentEncryption)", [label])},
		],
	}}
}

test_a_rule_in_audit_mode_fires_and_says_so if {
	audit := object.union(td.remove_encryption_rule, {"mode": "Audit"})
	findings([audit]) == {{
		"path": ["encryption", "transport_rules", 0, "removeOMEv2"],
		"message": sprintf("%s removes Purview Message Encryption (RemoveOMEv2), including mail sent outside the organization (it is in Audit mode now, and acts as soon as it is enforced)", [label]),
	}}
}

test_a_rule_without_state_is_taken_to_be_enabled if {
	stateless := object.remove(td.remove_encryption_rule, ["state"])
	findings([stateless]) == {{
		"path": ["encryption", "transport_rules", 0, "removeOMEv2"],
		"message": sprintf("%s removes Purview Message Encryption (RemoveOMEv2), including mail sent outside the organization (its state is not in the export, so it is taken to be enabled)", [label]),
	}}
}

test_fires_once_per_rule if {
	second := object.union(td.remove_encryption_rule, {"name": "Archiv – Anhänge entschlüsseln", "removeOMEv2": false, "removeRMSAttachmentEncryption": true})
	{f.path | some f in findings([td.remove_encryption_rule, second])} == {
		["encryption", "transport_rules", 0, "removeOMEv2"],
		["encryption", "transport_rules", 1, "removeRMSAttachmentEncryption"],
	}
}

test_not_assessed_without_transport_rules if {
	document := td.encryption({"irm": td.irm})
	found := rule.deny with input as document
	found == set()
	reasons := rule.not_assessed with input as document
	reasons == {"Transport rules (Get-TransportRule) were not exported"}
}
