package m365lint.lib.encryption_test

import rego.v1

import data.m365lint.lib.encryption as enc
import data.m365lint.lib.encryption_testdata as td

rules_document(rules) := td.encryption({"transport_rules": rules})

shortfalls_of(rule) := found if {
	found := enc.external_shortfalls(0) with input as rules_document([rule])
}

reasons_of(rule) := {s.reason | some s in shortfalls_of(rule)}

test_powershell_names_capitalize_the_canonical_field if {
	enc.powershell_name("azureRMSLicensingEnabled") == "AzureRMSLicensingEnabled"
	enc.powershell_name("decryptAttachmentForEncryptOnly") == "DecryptAttachmentForEncryptOnly"
}

test_irm_settings_are_read_only_as_booleans if {
	enc.irm_setting("azureRMSLicensingEnabled") with input as td.encryption({"irm": td.irm})
	not enc.irm_setting("azureRMSLicensingEnabled") with input as td.encryption({"irm": object.remove(td.irm, ["azureRMSLicensingEnabled"])})
	not enc.irm_setting("azureRMSLicensingEnabled") with input as td.encryption({"irm": object.union(td.irm, {"azureRMSLicensingEnabled": null})})
}

test_irm_unknowns_say_why if {
	not enc.irm_unknown("azureRMSLicensingEnabled") with input as td.encryption({"irm": td.irm})
	absent := enc.irm_unknown("azureRMSLicensingEnabled") with input as td.encryption({"labels": []})
	absent == "The IRM configuration (Get-IRMConfiguration) was not exported"
	missing := enc.irm_unknown("internalLicensingEnabled") with input as td.encryption({"irm": object.remove(td.irm, ["internalLicensingEnabled"])})
	missing == "The exported IRM configuration does not include InternalLicensingEnabled"
	null_value := enc.irm_unknown("internalLicensingEnabled") with input as td.encryption({"irm": object.union(td.irm, {"internalLicensingEnabled": null})})
	null_value == "The exported IRM configuration has InternalLicensingEnabled = null, not true or false"
}

test_encryption_actions_are_templates_and_legacy_ome if {
	enc.encryption_actions(td.encrypt_external_rule) == {{"field": "applyRightsProtectionTemplate", "text": "applies the RMS template 'Encrypt'"}}
	ome := object.union(td.disclaimer_rule, {"applyOME": true})
	enc.encryption_actions(ome) == {{"field": "applyOME", "text": "applies Office 365 Message Encryption (ApplyOME)"}}
	both := object.union(td.encrypt_external_rule, {"applyOME": true})
	enc.actions_text(both) == "applies Office 365 Message Encryption (ApplyOME) and applies the RMS template 'Encrypt'"
	not enc.encrypts(td.disclaimer_rule)
	not enc.encrypts(object.union(td.disclaimer_rule, {"applyRightsProtectionTemplate": "  "}))
}

test_removals_are_listed_in_field_order if {
	rule := object.union(td.remove_encryption_rule, {"removeOME": true, "removeRMSAttachmentEncryption": true})
	enc.removals(rule) == ["removeOME", "removeOMEv2", "removeRMSAttachmentEncryption"]
	enc.removals(td.encrypt_external_rule) == []
}

test_a_qualifying_rule_has_no_shortfalls if {
	shortfalls_of(td.encrypt_external_rule) == set()
	found := enc.external_transport_rules with input as rules_document([td.encrypt_external_rule])
	found == {0}
}

test_state_mode_and_scope_are_shortfalls if {
	reasons_of(object.union(td.encrypt_external_rule, {"state": "Disabled"})) == {"is disabled"}
	reasons_of(object.union(td.encrypt_external_rule, {"mode": "AuditAndNotify"})) == {"is in AuditAndNotify mode, so it encrypts nothing"}
	reasons_of(object.union(td.encrypt_external_rule, {"sentToScope": "InOrganization"})) == {"applies to recipients InOrganization, not to mail sent outside the organization (NotInOrganization)"}
	reasons_of(object.union(td.encrypt_external_rule, {"sentToScope": null})) == {"has no recipient scope condition, so it does not apply to all mail sent outside the organization (SentToScope NotInOrganization)"}
	reasons_of(object.union(td.encrypt_external_rule, {"exceptIfSentToScope": "NotInOrganization"})) == {"makes an exception for mail sent outside the organization"}
}

test_missing_state_and_mode_are_unknown_not_disqualifying if {
	rule := object.remove(td.encrypt_external_rule, ["state", "mode"])
	shortfalls_of(rule) == {
		{"unknown": true, "path": ["encryption", "transport_rules", 0, "state"], "reason": "has no state (Enabled or Disabled) in the export"},
		{"unknown": true, "path": ["encryption", "transport_rules", 0, "mode"], "reason": "has no mode (Audit or Enforce) in the export"},
	}
	reasons := enc.external_mail_unknown with input as td.document({"encryption": {"transport_rules": [rule]}, "dlp": td.dlp([], [])})
	reasons == {"Transport rule 'Vertrauliches extern verschlüsseln' would encrypt mail sent outside the organization, but it has no mode (Audit or Enforce) in the export and has no state (Enabled or Disabled) in the export"}
}

test_an_unknown_beside_a_definite_shortfall_is_a_near_miss_not_an_unknown if {
	rule := object.union(object.remove(td.encrypt_external_rule, ["mode"]), {"state": "Disabled"})
	reasons := enc.external_mail_unknown with input as td.document({"encryption": {"transport_rules": [rule]}, "dlp": td.dlp([], [])})
	reasons == set()
}

test_dlp_rules_join_their_policy_by_name_or_guid if {
	policies := [td.dlp_policy]
	by_name := object.remove(td.dlp_encrypt_rule, ["policy"])
	by_guid := object.union(object.remove(td.dlp_encrypt_rule, ["parentPolicyName"]), {"policy": "F005E181-D22F-4801-AAA6-9D41765C718D"})
	by_policy_name := object.union(object.remove(td.dlp_encrypt_rule, ["parentPolicyName"]), {"policy": "Finanzdaten extern"})
	orphan := object.union(td.dlp_encrypt_rule, {"parentPolicyName": "Gelöscht", "policy": "00000000-0000-0000-0000-000000000000"})
	found := enc.external_dlp_rules with input as td.document({"dlp": td.dlp(policies, [by_name, by_guid, by_policy_name, orphan])})
	found == {0, 1, 2}
}

test_dlp_shortfalls_point_at_the_rule_or_its_policy if {
	rule := object.union(td.dlp_encrypt_rule, {"disabled": true, "workload": ["SharePoint"], "accessScope": "InOrganization"})
	policy := object.union(td.dlp_policy, {"mode": "TestWithoutNotifications", "exchangeLocation": ["einkauf@northwindtraders.de"]})
	found := enc.dlp_shortfalls with input as td.document({"dlp": td.dlp([policy], [rule])})
	found == {0: {
		{"unknown": false, "path": ["dlp", "rules", 0, "disabled"], "reason": "is disabled"},
		{"unknown": false, "path": ["dlp", "rules", 0, "workload"], "reason": "applies to SharePoint, not Exchange"},
		{"unknown": false, "path": ["dlp", "rules", 0, "accessScope"], "reason": "applies only to content shared inside the organization (InOrganization)"},
		{"unknown": false, "path": ["dlp", "policies", 0, "mode"], "reason": "belongs to policy 'Finanzdaten extern', which is in test mode (TestWithoutNotifications): it only logs matches"},
		{"unknown": false, "path": ["dlp", "policies", 0, "exchangeLocation"], "reason": "belongs to policy 'Finanzdaten extern', which covers only some Exchange email: einkauf@northwindtraders.de"},
	}}
}

test_dlp_shortfalls_are_kept_only_for_rules_that_encrypt if {
	found := enc.dlp_shortfalls with input as td.document({"dlp": td.dlp([td.dlp_policy], [td.dlp_notify_rule, td.dlp_encrypt_rule])})
	found == {1: set()}
}

test_an_orphaned_dlp_rule_is_not_enforced if {
	rule := object.union(td.dlp_encrypt_rule, {"parentPolicyName": "Gelöscht", "policy": null})
	found := enc.dlp_shortfalls with input as td.document({"dlp": td.dlp([td.dlp_policy], [rule])})
	found == {0: {{"unknown": false, "path": ["dlp", "rules", 0, "parentPolicyName"], "reason": "belongs to policy 'Gelöscht', which is not in the export"}}}
}

test_what_the_export_lacks_about_a_dlp_rule_is_unknown if {
	rule := object.remove(td.dlp_encrypt_rule, ["disabled", "parentPolicyName", "policy"])
	found := enc.dlp_shortfalls with input as td.document({"dlp": td.dlp([td.dlp_policy], [rule])})
	found == {0: {
		{"unknown": true, "path": ["dlp", "rules", 0], "reason": "has no disabled state in the export, so whether it runs is unknown"},
		{"unknown": true, "path": ["dlp", "rules", 0], "reason": "names no parent policy"},
	}}
}

test_labels_encrypt_only_when_on_and_enabled if {
	enc.label_encrypts(td.encrypting_label)
	not enc.label_encrypts(object.union(td.encrypting_label, {"disabled": true}))
	not enc.label_encrypts(object.union(td.encrypting_label, {"disabled": null}))
	enc.label_encrypts(object.remove(td.encrypting_label, ["disabled"]))
	not enc.label_encrypts(td.marking_label)
	not enc.label_encrypts(td.graph_label_without_protection)
}

test_labels_whose_encryption_or_state_is_not_exported_are_unknown if {
	labels := [
		td.encrypting_label,
		td.graph_label_without_protection,
		object.union(td.graph_label_without_protection, {"disabled": true}),
		object.union(td.encrypting_label, {"disabled": null}),
		td.marking_label,
	]
	found := enc.unknown_labels with input as td.encryption({"labels": labels})
	found == {1, 3}
}

test_encryption_is_in_use_with_an_external_rule_or_an_encrypting_label if {
	enc.encryption_in_use with input as td.encryption({"transport_rules": [td.encrypt_external_rule]})
	enc.encryption_in_use with input as td.encryption({"labels": [td.marking_label, td.encrypting_label]})
	enc.encryption_in_use with input as td.document({"dlp": td.dlp([td.dlp_policy], [td.dlp_encrypt_rule])})
	not enc.encryption_in_use with input as td.document({
		"encryption": {"transport_rules": [td.disclaimer_rule], "labels": [td.marking_label]},
		"dlp": td.dlp([td.dlp_policy], [td.dlp_notify_rule]),
	})
}

test_encryption_use_is_unknown_when_an_export_is_missing if {
	found := enc.encryption_use_unknown with input as td.encryption({"irm": td.irm})
	found == {
		"Transport rules (Get-TransportRule) were not exported, so a mail flow rule may encrypt mail sent outside the organization",
		"DLP policies and rules (Get-DlpCompliancePolicy, Get-DlpComplianceRule) were not exported, so a DLP rule may encrypt mail sent outside the organization",
		"Sensitivity labels were not exported, so a label may encrypt",
	}
	settled := enc.encryption_use_unknown with input as td.document({
		"encryption": {"transport_rules": [td.disclaimer_rule], "labels": [td.marking_label]},
		"dlp": td.dlp([td.dlp_policy], [td.dlp_notify_rule]),
	})
	settled == set()
	unknown_label := enc.encryption_use_unknown with input as td.document({
		"encryption": {"transport_rules": [], "labels": [td.graph_label_without_protection]},
		"dlp": td.dlp([], []),
	})
	unknown_label == {"The export does not say whether label 'Streng vertraulich' encrypts (e.g. a Graph export without hasProtection)"}
}

test_evidence_points_at_each_encryption_action if {
	found := enc.encryption_in_use_evidence with input as td.document({
		"encryption": {"transport_rules": [td.disclaimer_rule, td.encrypt_external_rule], "labels": [td.encrypting_label]},
		"dlp": td.dlp([td.dlp_policy], [td.dlp_encrypt_rule]),
	})
	found == {
		{"path": ["encryption", "transport_rules", 1, "applyRightsProtectionTemplate"], "message": "Transport rule 'Vertrauliches extern verschlüsseln' applies the RMS template 'Encrypt' to mail sent outside the organization"},
		{"path": ["dlp", "rules", 0, "encryptRMSTemplate"], "message": "DLP rule 'Kreditkarten extern verschlüsseln' encrypts Exchange mail with the template 'Encrypt'"},
		{"path": ["encryption", "labels", 0, "encryptionEnabled"], "message": "Sensitivity label 'Vertraulich' encrypts"},
	}
}
