package m365lint.zero_trust.encryption_action_without_rms_test

import rego.v1

import data.m365lint.lib.encryption_testdata as td
import data.m365lint.zero_trust.encryption_action_without_rms as rule

message := "Transport or DLP rules apply encryption while Azure Rights Management is turned off (AzureRMSLicensingEnabled is false): the encryption silently fails"

rms_off := object.union(td.irm, {"azureRMSLicensingEnabled": false})

tenant(irm, rules, dlp_rules) := td.document({
	"encryption": {"irm": irm, "transport_rules": rules},
	"dlp": td.dlp([td.dlp_policy], dlp_rules),
})

findings(document) := found if {
	found := rule.deny with input as document
}

reasons(document) := found if {
	found := rule.not_assessed with input as document
}

transport_action := {
	"path": ["encryption", "transport_rules", 1, "applyRightsProtectionTemplate"],
	"message": "Transport rule 'Vertrauliches extern verschlüsseln' applies the RMS template 'Encrypt'",
}

dlp_action := {
	"path": ["dlp", "rules", 1, "encryptRMSTemplate"],
	"message": "DLP rule 'Kreditkarten extern verschlüsseln' encrypts with the template 'Encrypt'",
}

test_passes_when_azure_rms_is_on if {
	document := tenant(td.irm, [td.disclaimer_rule, td.encrypt_external_rule], [td.dlp_notify_rule, td.dlp_encrypt_rule])
	findings(document) == set()
	reasons(document) == set()
}

test_passes_when_no_rule_encrypts if {
	document := tenant(rms_off, [td.disclaimer_rule], [td.dlp_notify_rule])
	findings(document) == set()
	reasons(document) == set()
}

test_fires_when_rules_encrypt_without_azure_rms if {
	document := tenant(rms_off, [td.disclaimer_rule, td.encrypt_external_rule], [td.dlp_notify_rule, td.dlp_encrypt_rule])
	findings(document) == {{
		"path": ["encryption", "irm", "azureRMSLicensingEnabled"],
		"message": message,
		"related": [dlp_action, transport_action],
	}}
}

test_rules_in_audit_or_test_mode_count if {
	audit := object.union(td.encrypt_external_rule, {"mode": "Audit", "applyOME": true})
	document := td.document({
		"encryption": {"irm": rms_off, "transport_rules": [td.disclaimer_rule, audit]},
		"dlp": td.dlp([object.union(td.dlp_policy, {"mode": "TestWithNotifications"})], [td.dlp_notify_rule, td.dlp_encrypt_rule]),
	})
	findings(document) == {{
		"path": ["encryption", "irm", "azureRMSLicensingEnabled"],
		"message": message,
		"related": [
			dlp_action,
			{"path": ["encryption", "transport_rules", 1, "applyOME"], "message": "Transport rule 'Vertrauliches extern verschlüsseln' applies Office 365 Message Encryption (ApplyOME)"},
			transport_action,
		],
	}}
}

test_disabled_rules_and_policies_turned_off_do_not_count if {
	disabled := object.union(td.encrypt_external_rule, {"state": "Disabled"})
	disabled_dlp := object.union(td.dlp_encrypt_rule, {"disabled": true})
	findings(tenant(rms_off, [td.disclaimer_rule, disabled], [disabled_dlp])) == set()
	off := td.document({
		"encryption": {"irm": rms_off, "transport_rules": []},
		"dlp": td.dlp([object.union(td.dlp_policy, {"mode": "Disable"})], [td.dlp_encrypt_rule]),
	})
	findings(off) == set()
	turned_off := td.document({
		"encryption": {"irm": rms_off, "transport_rules": []},
		"dlp": td.dlp([object.union(td.dlp_policy, {"enabled": false})], [td.dlp_encrypt_rule]),
	})
	findings(turned_off) == set()
	disabled_orphan := td.document({
		"encryption": {"irm": rms_off, "transport_rules": []},
		"dlp": td.dlp([], [object.union(td.dlp_encrypt_rule, {"disabled": true})]),
	})
	findings(disabled_orphan) == set()
	reasons(disabled_orphan) == set()
}

# The encrypting DLP rule, its policy missing from the export.
orphan_document(irm, transport_rules) := td.document({
	"encryption": {"irm": irm, "transport_rules": transport_rules},
	"dlp": td.dlp([], [td.dlp_notify_rule, td.dlp_encrypt_rule]),
})

test_not_assessed_when_the_only_encrypting_rule_has_no_policy_in_the_export if {
	orphan := orphan_document(rms_off, [td.disclaimer_rule])
	findings(orphan) == set()
	reasons(orphan) == {"DLP rule 'Kreditkarten extern verschlüsseln' applies encryption, but it belongs to policy 'Finanzdaten extern', which is not in the export, so whether it runs is unknown"}
	unknown_rms := orphan_document(object.remove(td.irm, ["azureRMSLicensingEnabled"]), [td.disclaimer_rule])
	findings(unknown_rms) == set()
	reasons(unknown_rms) == reasons(orphan)
	parentless := td.document({
		"encryption": {"irm": rms_off, "transport_rules": []},
		"dlp": td.dlp([td.dlp_policy], [object.remove(td.dlp_encrypt_rule, ["parentPolicyName", "policy"])]),
	})
	findings(parentless) == set()
	reasons(parentless) == {"DLP rule 'Kreditkarten extern verschlüsseln' applies encryption, but it names no parent policy, so whether it runs is unknown"}
}

test_an_orphaned_encrypting_rule_does_not_decide_when_rms_is_on_or_others_encrypt if {
	rms_on := orphan_document(td.irm, [td.disclaimer_rule])
	findings(rms_on) == set()
	reasons(rms_on) == set()
	with_transport_rule := orphan_document(rms_off, [td.disclaimer_rule, td.encrypt_external_rule])
	findings(with_transport_rule) == {{
		"path": ["encryption", "irm", "azureRMSLicensingEnabled"],
		"message": message,
		"related": [transport_action],
	}}
	reasons(with_transport_rule) == set()
}

test_a_rule_without_state_counts if {
	stateless := object.remove(td.encrypt_external_rule, ["state"])
	count(findings(tenant(rms_off, [td.disclaimer_rule, stateless], []))) == 1
}

test_not_assessed_when_rules_encrypt_but_the_irm_configuration_is_missing if {
	document := td.document({"encryption": {"transport_rules": [td.encrypt_external_rule]}, "dlp": td.dlp([], [])})
	findings(document) == set()
	reasons(document) == {"Rules apply encryption, but the IRM configuration (Get-IRMConfiguration) was not exported"}
	null_setting := tenant(object.union(td.irm, {"azureRMSLicensingEnabled": null}), [td.encrypt_external_rule], [])
	reasons(null_setting) == {"Rules apply encryption, but the exported IRM configuration has AzureRMSLicensingEnabled = null, not true or false"}
}

test_not_assessed_when_no_exported_rule_encrypts_but_transport_rules_are_missing if {
	document := td.document({"encryption": {"irm": rms_off}, "dlp": td.dlp([td.dlp_policy], [td.dlp_notify_rule])})
	findings(document) == set()
	reasons(document) == {"Transport rules (Get-TransportRule) were not exported, so a mail flow rule may apply encryption"}
	rms_on := td.document({"encryption": {"irm": td.irm}, "dlp": td.dlp([td.dlp_policy], [td.dlp_notify_rule])})
	reasons(rms_on) == set()
}
