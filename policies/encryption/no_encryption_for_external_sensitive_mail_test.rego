package m365lint.encryption.no_encryption_for_external_sensitive_mail_test

import rego.v1

import data.m365lint.dlp.no_enforced_dlp_policy as dlp001
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
		"belongs to policy 'Finanzdaten extern', which is in test mode (TestWithNotifications): it shows policy tips but blocks nothing",
	)
}

test_a_dlp_rule_of_a_policy_turned_off_is_a_near_miss if {
	dlp_near_miss({"enabled": false}, {}, ["dlp", "policies", 0, "enabled"], "belongs to policy 'Finanzdaten extern', which is not enabled (enabled is false)")
}

test_a_dlp_rule_of_a_policy_on_some_mailboxes_is_a_near_miss if {
	dlp_near_miss(
		{"exchangeLocation": ["einkauf@northwindtraders.de", "Geschäftsleitung"]},
		{},
		["dlp", "policies", 0, "exchangeLocation"],
		"belongs to policy 'Finanzdaten extern', which covers only some Exchange email: Geschäftsleitung, einkauf@northwindtraders.de",
	)
	dlp_near_miss(
		{"exchangeLocation": []},
		{},
		["dlp", "policies", 0, "exchangeLocation"],
		"belongs to policy 'Finanzdaten extern', which does not include Exchange email",
	)
}

test_a_dlp_rule_for_other_workloads_is_a_near_miss if {
	dlp_near_miss({}, {"workload": ["SharePoint", "OneDriveForBusiness"]}, ["dlp", "rules", 1, "workload"], "applies to SharePoint, OneDriveForBusiness, not Exchange")
}

test_a_dlp_rule_for_internal_content_is_a_near_miss if {
	dlp_near_miss({}, {"accessScope": "InOrganization"}, ["dlp", "rules", 1, "accessScope"], "applies only to content shared inside the organization (InOrganization)")
}

# A rule built in the advanced rule editor, whose AccessScope condition only its AdvancedRule
# holds: ingest lifts it to `accessScope`, located at the AdvancedRule text.
advanced_rule_scoped(scope) := object.union(td.dlp_encrypt_rule, {
	"isAdvancedRule": true,
	"accessScope": scope,
	"advancedRule": {"Version": "1.0", "Condition": {"Operator": "And", "SubConditions": [
		{"ConditionName": "ContentContainsSensitiveInformation", "Value": [{"Groups": [{"Name": "Default", "Operator": "Or", "Sensitivetypes": [{"Name": "Credit Card Number"}]}]}]},
		{"ConditionName": "AccessScope", "Value": scope},
	]}},
})

test_an_advanced_rule_for_mail_sent_outside_the_organization_encrypts_it if {
	document := tenant([td.disclaimer_rule], [td.dlp_policy], [advanced_rule_scoped("NotInOrganization")])
	findings(document) == set()
	reasons(document) == set()
}

test_an_advanced_rule_for_internal_content_is_a_near_miss if {
	dlp_near_miss({}, advanced_rule_scoped("InOrganization"), ["dlp", "rules", 1, "accessScope"], "applies only to content shared inside the organization (InOrganization)")
}

test_an_orphaned_dlp_rule_is_a_near_miss if {
	dlp_near_miss({}, {"parentPolicyName": "Altlast 2019", "policy": "9d1e3f5a-7b2c-4d68-8e0a-c1b3d5f7a9e2"}, ["dlp", "rules", 1, "parentPolicyName"], "belongs to policy 'Altlast 2019', which is not in the export")
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
	reasons(document) == {"DLP rule 'Kreditkarten extern verschlüsseln' would encrypt mail sent outside the organization, but it belongs to policy 'Finanzdaten extern', which has no enabled state in the export, so whether it runs is unknown"}
}

test_a_dlp_rule_of_a_policy_without_exchange_among_its_workloads_is_a_near_miss if {
	dlp_near_miss({"workload": ["SharePoint"]}, {}, ["dlp", "policies", 0, "workload"], "belongs to policy 'Finanzdaten extern', which does not list Exchange among its workloads")
}

test_a_dlp_rule_counts_only_when_every_policy_it_belongs_to_is_enforced if {
	testing := object.union(td.dlp_policy, {"name": "Finanzdaten Test", "displayName": "Finanzdaten Test", "guid": "0b6d2f4e-8a1c-4e3b-9d5f-7c2a4e6b8d1f", "mode": "TestWithoutNotifications"})
	dlp_rule := object.union(td.dlp_encrypt_rule, {"policy": "0b6d2f4e-8a1c-4e3b-9d5f-7c2a4e6b8d1f"})
	findings(tenant([td.disclaimer_rule], [td.dlp_policy, testing], [dlp_rule])) == near_miss(
		["dlp", "policies", 1, "mode"],
		"DLP rule 'Kreditkarten extern verschlüsseln' belongs to policy 'Finanzdaten Test', which is in test mode (TestWithoutNotifications): it only logs matches",
	)
}

test_not_assessed_when_a_dlp_rule_has_no_disabled_state if {
	document := tenant([td.disclaimer_rule], [td.dlp_policy], [object.remove(td.dlp_encrypt_rule, ["disabled"])])
	findings(document) == set()
	reasons(document) == {"DLP rule 'Kreditkarten extern verschlüsseln' would encrypt mail sent outside the organization, but it has no disabled state in the export, so whether it runs is unknown"}
}

test_not_assessed_when_a_dlp_rule_names_no_policy if {
	document := tenant([td.disclaimer_rule], [td.dlp_policy], [object.remove(td.dlp_encrypt_rule, ["parentPolicyName", "policy"])])
	findings(document) == set()
	reasons(document) == {"DLP rule 'Kreditkarten extern verschlüsseln' would encrypt mail sent outside the organization, but it names no parent policy"}
}

test_not_assessed_when_a_dlp_policy_has_no_mode if {
	document := tenant([td.disclaimer_rule], [object.remove(td.dlp_policy, ["mode"])], [td.dlp_encrypt_rule])
	findings(document) == set()
	reasons(document) == {"DLP rule 'Kreditkarten extern verschlüsseln' would encrypt mail sent outside the organization, but it belongs to policy 'Finanzdaten extern', which has no mode in the export, so whether it runs is unknown"}
}

test_a_missing_disabled_state_beside_a_definite_shortfall_is_a_near_miss if {
	dlp_rule := object.remove(td.dlp_encrypt_rule, ["disabled"])
	policy := object.union(td.dlp_policy, {"enabled": false})
	findings(tenant([td.disclaimer_rule], [policy], [dlp_rule])) == {{
		"path": ["encryption", "transport_rules"],
		"message": message,
		"related": [
			{"path": ["dlp", "policies", 0, "enabled"], "message": "DLP rule 'Kreditkarten extern verschlüsseln' belongs to policy 'Finanzdaten extern', which is not enabled (enabled is false)"},
			{"path": ["dlp", "rules", 0], "message": "DLP rule 'Kreditkarten extern verschlüsseln' has no disabled state in the export, so whether it runs is unknown"},
		],
	}}
}

# ENC004 counts a DLP rule as enforced exactly when DLP001 does: with the encrypting rule the
# only DLP rule, ENC004 passes through it when, and only when, DLP001 passes.
test_agrees_with_dlp001_about_enforcement if {
	variants := [
		[td.dlp_policy, td.dlp_encrypt_rule],
		[object.remove(td.dlp_policy, ["enabled"]), td.dlp_encrypt_rule],
		[object.union(td.dlp_policy, {"enabled": false}), td.dlp_encrypt_rule],
		[object.union(td.dlp_policy, {"enabled": null}), td.dlp_encrypt_rule],
		[object.union(td.dlp_policy, {"mode": "TestWithNotifications"}), td.dlp_encrypt_rule],
		[object.remove(td.dlp_policy, ["mode"]), td.dlp_encrypt_rule],
		[td.dlp_policy, object.union(td.dlp_encrypt_rule, {"disabled": true})],
		[td.dlp_policy, object.union(td.dlp_encrypt_rule, {"disabled": null})],
		[td.dlp_policy, object.remove(td.dlp_encrypt_rule, ["disabled"])],
		[td.dlp_policy, object.union(td.dlp_encrypt_rule, {"parentPolicyName": "Gelöscht", "policy": "Gelöscht"})],
		[td.dlp_policy, object.union(object.remove(td.dlp_encrypt_rule, ["parentPolicyName"]), {"policy": " FINANZDATEN EXTERN "})],
	]
	passes := [[enc004, dlp001_passes] |
		some variant in variants
		document := tenant([], [variant[0]], [variant[1]])
		enc004 := count(rule.deny) + count(rule.not_assessed) == 0 with input as document
		dlp001_passes := count(dlp001.deny) + count(dlp001.not_assessed) == 0 with input as document
	]
	passes == [[true, true], [true, true], [false, false], [false, false], [false, false], [false, false], [false, false], [false, false], [false, false], [false, false], [true, true]]
}
