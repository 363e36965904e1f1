package m365lint.encryption.no_encryption_for_external_sensitive_mail_test

import rego.v1

import data.m365lint.encryption.no_encryption_for_external_sensitive_mail as rule
import data.m365lint.lib.encryption_testdata as td

message := "No enabled, enforcing transport rule or enforced DLP rule encrypts mail sent outside the organization"

findings(document) := found if {
	found := rule.deny with input as document
}

reasons(document) := found if {
	found := rule.not_assessed with input as document
}

# Transport rules and DLP, both exported.
tenant(rules, dlp_policies, dlp_rules) := td.document({
	"encryption": {"irm": td.irm, "transport_rules": rules},
	"dlp": td.dlp(dlp_policies, dlp_rules),
})

near_miss(path, text) := {{
	"path": ["encryption", "transport_rules"],
	"message": message,
	"related": [{"path": path, "message": text}],
}}

transport_near_miss(values, field, reason) := found if {
	rule_under_test := object.union(td.encrypt_external_rule, values)
	found := findings(tenant([td.disclaimer_rule, rule_under_test], [td.dlp_policy], [td.dlp_notify_rule])) == near_miss(
		["encryption", "transport_rules", 1, field],
		sprintf("Transport rule 'Vertrauliches extern verschlüsseln' %s", [reason]),
	)
}

dlp_near_miss(policy_values, rule_values, path, reason) := found if {
	policy := object.union(td.dlp_policy, policy_values)
	dlp_rule := object.union(td.dlp_encrypt_rule, rule_values)
	found := findings(tenant([td.disclaimer_rule], [policy], [td.dlp_notify_rule, dlp_rule])) == near_miss(
		path,
		sprintf("DLP rule 'Kreditkarten extern verschlüsseln' %s", [reason]),
	)
}

test_passes_with_an_enforced_transport_rule_for_external_mail if {
	document := tenant([td.disclaimer_rule, td.encrypt_external_rule], [td.dlp_policy], [td.dlp_notify_rule])
	findings(document) == set()
	reasons(document) == set()
}

test_passes_with_legacy_ome if {
	ome := object.union(td.encrypt_external_rule, {"applyRightsProtectionTemplate": null, "applyOME": true})
	findings(tenant([ome], [], [])) == set()
	reasons(tenant([ome], [], [])) == set()
}

test_passes_with_an_enforced_dlp_rule_that_encrypts_exchange_mail if {
	document := tenant([td.disclaimer_rule], [td.dlp_policy], [td.dlp_encrypt_rule])
	findings(document) == set()
	reasons(document) == set()
}

test_passes_with_a_microsoft365dsc_dlp_rule if {
	policy := object.remove(td.dlp_policy, ["enabled", "guid", "workload"])
	dlp_rule := object.remove(td.dlp_encrypt_rule, ["policy", "guid", "workload"])
	findings(tenant([], [policy], [dlp_rule])) == set()
	reasons(tenant([], [policy], [dlp_rule])) == set()
}

test_a_qualifying_transport_rule_passes_without_dlp if {
	document := td.encryption({"transport_rules": [td.encrypt_external_rule]})
	findings(document) == set()
	reasons(document) == set()
}

test_a_qualifying_dlp_rule_passes_without_transport_rules if {
	document := td.document({"encryption": {"irm": td.irm}, "dlp": td.dlp([td.dlp_policy], [td.dlp_encrypt_rule])})
	findings(document) == set()
	reasons(document) == set()
}

test_fires_when_no_rule_encrypts if {
	findings(tenant([td.disclaimer_rule], [td.dlp_policy], [td.dlp_notify_rule])) == {{"path": ["encryption", "transport_rules"], "message": message}}
	findings(tenant([], [], [])) == {{"path": ["encryption", "transport_rules"], "message": message}}
}

test_a_disabled_transport_rule_is_a_near_miss if {
	transport_near_miss({"state": "Disabled"}, "state", "is disabled")
}

test_a_transport_rule_in_audit_mode_is_a_near_miss if {
	transport_near_miss({"mode": "Audit"}, "mode", "is in Audit mode, so it encrypts nothing")
	transport_near_miss({"mode": "AuditAndNotify"}, "mode", "is in AuditAndNotify mode, so it encrypts nothing")
}

test_a_transport_rule_for_internal_mail_is_a_near_miss if {
	transport_near_miss({"sentToScope": "InOrganization"}, "sentToScope", "applies to recipients InOrganization, not to mail sent outside the organization (NotInOrganization)")
}

test_a_transport_rule_without_recipient_scope_is_a_near_miss if {
	transport_near_miss(
		{"sentToScope": null, "sentTo": ["einkauf@fabrikam.com"]},
		"sentToScope",
		"has no recipient scope condition, so it does not apply to all mail sent outside the organization (SentToScope NotInOrganization)",
	)
}

test_a_transport_rule_excepting_external_mail_is_a_near_miss if {
	transport_near_miss({"exceptIfSentToScope": "NotInOrganization"}, "exceptIfSentToScope", "makes an exception for mail sent outside the organization")
}

test_every_shortfall_of_a_transport_rule_is_listed if {
	disabled_audit := object.union(td.encrypt_external_rule, {"state": "Disabled", "mode": "Audit", "sentToScope": "InOrganization"})
	findings(tenant([disabled_audit], [], [])) == {{
		"path": ["encryption", "transport_rules"],
		"message": message,
		"related": [
			{"path": ["encryption", "transport_rules", 0, "mode"], "message": "Transport rule 'Vertrauliches extern verschlüsseln' is in Audit mode, so it encrypts nothing"},
			{"path": ["encryption", "transport_rules", 0, "sentToScope"], "message": "Transport rule 'Vertrauliches extern verschlüsseln' applies to recipients InOrganization, not to mail sent outside the organization (NotInOrganization)"},
			{"path": ["encryption", "transport_rules", 0, "state"], "message": "Transport rule 'Vertrauliches extern verschlüsseln' is disabled"},
		],
	}}
}

test_a_disabled_dlp_rule_is_a_near_miss if {
	dlp_near_miss({}, {"disabled": true}, ["dlp", "rules", 1, "disabled"], "is disabled")
}

test_a_dlp_rule_of_a_policy_in_test_mode_is_a_near_miss if {
	dlp_near_miss(
		{"mode": "TestWithNotifications"},
		{},
		["dlp", "policies", 0, "mode"],
		"belongs to policy 'Finanzdaten extern', which is in TestWithNotifications mode, not Enable",
	)
}

test_a_dlp_rule_of_a_policy_turned_off_is_a_near_miss if {
	dlp_near_miss({"enabled": false}, {}, ["dlp", "policies", 0, "enabled"], "belongs to policy 'Finanzdaten extern', which is turned off")
}

test_a_dlp_rule_of_a_policy_on_some_mailboxes_is_a_near_miss if {
	dlp_near_miss(
		{"exchangeLocation": ["einkauf@northwindtraders.de", "Geschäftsleitung"]},
		{},
		["dlp", "policies", 0, "exchangeLocation"],
		"belongs to policy 'Finanzdaten extern', which does not cover all Exchange mail (location einkauf@northwindtraders.de, Geschäftsleitung)",
	)
	dlp_near_miss(
		{"exchangeLocation": []},
		{},
		["dlp", "policies", 0, "exchangeLocation"],
		"belongs to policy 'Finanzdaten extern', which does not cover all Exchange mail (location none)",
	)
}

test_a_dlp_rule_for_other_workloads_is_a_near_miss if {
	dlp_near_miss({}, {"workload": ["SharePoint", "OneDriveForBusiness"]}, ["dlp", "rules", 1, "workload"], "applies to SharePoint, OneDriveForBusiness, not Exchange")
}

test_a_dlp_rule_for_internal_content_is_a_near_miss if {
	dlp_near_miss({}, {"accessScope": "InOrganization"}, ["dlp", "rules", 1, "accessScope"], "applies only to content shared inside the organization (InOrganization)")
}

test_an_orphaned_dlp_rule_is_a_near_miss if {
	dlp_near_miss({}, {"parentPolicyName": "Altlast 2019", "policy": "9d1e3f5a-7b2c-4d68-8e0a-c1b3d5f7a9e2"}, ["dlp", "rules", 1, "parentPolicyName"], "belongs to no policy in the export, so it is not enforced")
}

test_not_assessed_without_transport_rules if {
	document := td.document({"encryption": {"irm": td.irm}, "dlp": td.dlp([td.dlp_policy], [td.dlp_notify_rule])})
	findings(document) == set()
	reasons(document) == {"Transport rules (Get-TransportRule) were not exported, so a mail flow rule may encrypt mail sent outside the organization"}
}

test_not_assessed_without_dlp_when_no_transport_rule_encrypts if {
	audit := object.union(td.encrypt_external_rule, {"mode": "Audit"})
	document := td.encryption({"irm": td.irm, "transport_rules": [td.disclaimer_rule, audit]})
	findings(document) == set()
	reasons(document) == {"DLP policies and rules (Get-DlpCompliancePolicy, Get-DlpComplianceRule) were not exported, so a DLP rule may encrypt mail sent outside the organization"}
}

test_not_assessed_when_a_rule_falls_short_only_for_want_of_its_state if {
	stateless := object.remove(td.encrypt_external_rule, ["state"])
	document := tenant([stateless], [td.dlp_policy], [td.dlp_notify_rule])
	findings(document) == set()
	reasons(document) == {"Transport rule 'Vertrauliches extern verschlüsseln' would encrypt mail sent outside the organization, but it has no state (Enabled or Disabled) in the export"}
}

test_not_assessed_when_a_dlp_rule_falls_short_only_for_want_of_its_policy_state if {
	policy := object.union(td.dlp_policy, {"enabled": null})
	document := tenant([td.disclaimer_rule], [policy], [td.dlp_encrypt_rule])
	findings(document) == set()
	reasons(document) == {"DLP rule 'Kreditkarten extern verschlüsseln' would encrypt mail sent outside the organization, but it belongs to policy 'Finanzdaten extern', whose enabled setting is not in the export"}
}
