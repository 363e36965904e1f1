package m365lint.encryption.encryption_rule_not_enforced_test

import rego.v1

import data.m365lint.encryption.encryption_rule_not_enforced as rule
import data.m365lint.lib.encryption_testdata as td

findings(rules) := found if {
	found := rule.deny with input as td.encryption({"transport_rules": rules})
}

reasons(rules) := found if {
	found := rule.not_assessed with input as td.encryption({"transport_rules": rules})
}

template_action := {
	"path": ["encryption", "transport_rules", 1, "applyRightsProtectionTemplate"],
	"message": "Transport rule 'Vertrauliches extern verschlüsseln' applies the RMS template 'Encrypt'",
}

test_passes_when_every_encrypting_rule_is_enforced if {
	findings([td.disclaimer_rule, td.encrypt_external_rule]) == set()
	reasons([td.disclaimer_rule, td.encrypt_external_rule]) == set()
}

test_rules_that_do_not_encrypt_are_out_of_scope if {
	disabled := object.union(td.disclaimer_rule, {"state": "Disabled", "mode": "Audit"})
	findings([disabled, td.remove_encryption_rule]) == set()
}

test_fires_on_a_disabled_rule if {
	disabled := object.union(td.encrypt_external_rule, {"state": "Disabled"})
	findings([td.disclaimer_rule, disabled]) == {{
		"path": ["encryption", "transport_rules", 1, "state"],
		"message": "Transport rule 'Vertrauliches extern verschlüsseln' applies the RMS template 'Encrypt' but is disabled",
		"related": [template_action],
	}}
}

test_fires_on_a_rule_in_audit_mode if {
	audit := object.union(td.encrypt_external_rule, {"mode": "Audit"})
	findings([td.disclaimer_rule, audit]) == {{
		"path": ["encryption", "transport_rules", 1, "mode"],
		"message": "Transport rule 'Vertrauliches extern verschlüsseln' applies the RMS template 'Encrypt' but is in Audit mode: it logs matches and encrypts nothing",
		"related": [template_action],
	}}
}

test_fires_on_a_rule_in_audit_and_notify_mode if {
	audit := object.union(td.encrypt_external_rule, {"mode": "AuditAndNotify"})
	findings([td.disclaimer_rule, audit]) == {{
		"path": ["encryption", "transport_rules", 1, "mode"],
		"message": "Transport rule 'Vertrauliches extern verschlüsseln' applies the RMS template 'Encrypt' but is in AuditAndNotify mode: it logs matches and encrypts nothing",
		"related": [template_action],
	}}
}

test_a_disabled_rule_in_audit_mode_is_one_finding_on_its_state if {
	both := object.union(td.encrypt_external_rule, {"state": "Disabled", "mode": "Audit", "applyOME": true})
	findings([td.disclaimer_rule, both]) == {{
		"path": ["encryption", "transport_rules", 1, "state"],
		"message": "Transport rule 'Vertrauliches extern verschlüsseln' applies Office 365 Message Encryption (ApplyOME) and applies the RMS template 'Encrypt' but is disabled (and in Audit mode)",
		"related": [
			{"path": ["encryption", "transport_rules", 1, "applyOME"], "message": "Transport rule 'Vertrauliches extern verschlüsseln' applies Office 365 Message Encryption (ApplyOME)"},
			template_action,
		],
	}}
}

test_fires_once_per_rule if {
	first := object.union(td.encrypt_external_rule, {"state": "Disabled"})
	second := object.union(td.encrypt_external_rule, {"name": "Legacy OME – Lieferanten", "applyRightsProtectionTemplate": null, "applyOME": true, "mode": "Audit"})
	{f.path | some f in findings([first, second])} == {
		["encryption", "transport_rules", 0, "state"],
		["encryption", "transport_rules", 1, "mode"],
	}
}

test_not_assessed_when_an_encrypting_rule_has_no_state_or_mode if {
	stateless := object.remove(td.encrypt_external_rule, ["state"])
	findings([stateless]) == set()
	reasons([stateless]) == {"Transport rule 'Vertrauliches extern verschlüsseln' applies the RMS template 'Encrypt', but the export does not say whether it is enforced: it has no state"}
	neither := object.union(td.encrypt_external_rule, {"state": null, "mode": null})
	reasons([neither]) == {"Transport rule 'Vertrauliches extern verschlüsseln' applies the RMS template 'Encrypt', but the export does not say whether it is enforced: it has no state and no mode"}
}

test_a_known_problem_is_reported_even_when_the_state_is_unknown if {
	audit := object.union(object.remove(td.encrypt_external_rule, ["state"]), {"mode": "Audit"})
	count(findings([audit])) == 1
}

test_not_assessed_without_transport_rules if {
	document := td.encryption({"irm": td.irm})
	found := rule.deny with input as document
	found == set()
	not_assessed := rule.not_assessed with input as document
	not_assessed == {"Transport rules (Get-TransportRule) were not exported"}
}
