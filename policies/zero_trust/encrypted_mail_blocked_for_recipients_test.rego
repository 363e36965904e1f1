package m365lint.zero_trust.encrypted_mail_blocked_for_recipients_test

import rego.v1

import data.m365lint.lib.encryption_testdata as data_td
import data.m365lint.lib.testdata as td
import data.m365lint.zero_trust.encrypted_mail_blocked_for_recipients as rule

# Encryption in use: a transport rule encrypts mail sent outside the organization; labels
# exported, none encrypting; DLP exported, no rule encrypting.
encrypting := {
	"encryption": {"irm": data_td.irm, "transport_rules": [data_td.encrypt_external_rule], "labels": [data_td.marking_label]},
	"dlp": data_td.dlp([data_td.dlp_policy], [data_td.dlp_notify_rule]),
}

# Encryption not in use, as every export shows.
not_encrypting := {
	"encryption": {"irm": data_td.irm, "transport_rules": [data_td.disclaimer_rule], "labels": [data_td.marking_label]},
	"dlp": data_td.dlp([data_td.dlp_policy], [data_td.dlp_notify_rule]),
}

tenant(policies, parts) := data_td.document(object.union(parts, {"conditional_access": {"policies": policies}}))

findings(policies, parts) := found if {
	found := rule.deny with input as tenant(policies, parts)
}

reasons(policies, parts) := found if {
	found := rule.not_assessed with input as tenant(policies, parts)
}

block_all := object.union(td.mfa_policy, {
	"id": "c7e9a1b3-5d2f-4e68-9a0c-b2d4f6a8c0e1",
	"displayName": "Zugriff sperren – alle Benutzer",
	"grantControls": {"builtInControls": ["block"]},
})

transport_evidence := {
	"path": ["encryption", "transport_rules", 0, "applyRightsProtectionTemplate"],
	"message": "Transport rule 'Vertrauliches extern verschlüsseln' applies the RMS template 'Encrypt' to mail sent outside the organization",
}

rms := "00000012-0000-0000-c000-000000000000"

finding_for(i, name, effect, guests, related) := {
	"path": ["conditional_access", "policies", i, "conditions", "applications", "excludeApplications"],
	"message": sprintf("Policy '%s' %s for %s on all cloud apps without excluding the Microsoft Rights Management app (%s): external recipients cannot open the encrypted mail this tenant sends", [name, effect, guests, rms]),
	"related": related,
}

control(i, j, name, text) := {"path": ["conditional_access", "policies", i, "grantControls", "builtInControls", j], "message": sprintf("Policy '%s' %s", [name, text])}

test_passes_when_no_policy_blocks_recipients if {
	findings([td.mfa_policy, td.legacy_block_policy, td.device_code_block_policy], encrypting) == set()
	reasons([td.mfa_policy, td.legacy_block_policy, td.device_code_block_policy], encrypting) == set()
}

test_passes_when_the_rights_management_app_is_excluded if {
	excluded := object.union(block_all, {"conditions": {"applications": {"excludeApplications": [upper(rms)]}}})
	findings([excluded], encrypting) == set()
}

test_passes_when_guests_are_excluded if {
	no_guests := object.union(td.managed_device_policy, {"conditions": {"users": {"excludeUsers": ["GuestsOrExternalUsers"]}}})
	findings([no_guests], encrypting) == set()
	members_only := object.union(td.managed_device_policy, {"conditions": {"users": {"includeUsers": [], "includeGroups": ["Alle Mitarbeitenden"]}}})
	findings([members_only], encrypting) == set()
}

test_passes_when_encryption_is_not_in_use if {
	findings([block_all, td.managed_device_policy], not_encrypting) == set()
	reasons([block_all, td.managed_device_policy], not_encrypting) == set()
}

test_fires_on_a_blocking_policy_for_everyone if {
	findings([td.mfa_policy, block_all], encrypting) == {finding_for(1, "Zugriff sperren – alle Benutzer", "blocks access", "all guests and external users", [
		control(1, 0, "Zugriff sperren – alle Benutzer", "blocks access"),
		transport_evidence,
	])}
}

test_fires_on_a_managed_device_policy if {
	findings([td.managed_device_policy], encrypting) == {finding_for(0, "Require a managed device", "requires a compliant or hybrid joined device", "all guests and external users", [
		control(0, 0, "Require a managed device", "requires a compliant device, which a recipient's device is not in this tenant"),
		control(0, 1, "Require a managed device", "requires a hybrid joined device, which a recipient's device is not"),
		transport_evidence,
	])}
}

test_fires_when_a_device_control_stands_beside_mfa if {
	either := object.union(td.managed_device_policy, {"grantControls": {"operator": "OR", "builtInControls": ["mfa", "compliantDevice"]}})
	findings([either], encrypting) == {finding_for(0, "Require a managed device", "requires a compliant device", "all guests and external users", [
		control(0, 1, "Require a managed device", "requires a compliant device, which a recipient's device is not in this tenant"),
		transport_evidence,
	])}
}

test_fires_on_a_guest_policy_naming_some_types if {
	guests := object.union(block_all, {"conditions": {"users": {"includeUsers": [], "includeGuestsOrExternalUsers": {
		"guestOrExternalUserTypes": ["otherExternalUser", "b2bCollaborationGuest"],
		"externalTenants": {"@odata.type": "#microsoft.graph.conditionalAccessAllExternalTenants", "membershipKind": "all"},
	}}}})
	findings([guests], encrypting) == {finding_for(0, "Zugriff sperren – alle Benutzer", "blocks access", "guests and external users of types b2bCollaborationGuest, otherExternalUser", [
		control(0, 0, "Zugriff sperren – alle Benutzer", "blocks access"),
		transport_evidence,
	])}
}

test_fires_on_a_policy_for_the_rights_management_app_itself if {
	rms_only := object.union(block_all, {"conditions": {"applications": {"includeApplications": [rms]}}})
	found := findings([rms_only], encrypting)
	{f.message | some f in found} == {sprintf("Policy 'Zugriff sperren – alle Benutzer' blocks access for all guests and external users on the Microsoft Rights Management app without excluding the Microsoft Rights Management app (%s): external recipients cannot open the encrypted mail this tenant sends", [rms])}
}

test_location_and_platform_conditions_do_not_take_a_policy_out_of_scope if {
	outside := object.union(td.managed_device_policy, {"conditions": {"locations": {"includeLocations": ["All"], "excludeLocations": ["AllTrusted"]}}})
	count(findings([outside], encrypting)) == 1
	platforms := object.union(block_all, {"conditions": {"platforms": {"includePlatforms": ["all"], "excludePlatforms": ["windows", "iOS", "android", "macOS"]}}})
	count(findings([platforms], encrypting)) == 1
}

test_policies_for_legacy_clients_flows_or_risk_are_out_of_scope if {
	risky := object.union(block_all, {"conditions": {"signInRiskLevels": ["high"]}})
	user_risk := object.union(block_all, {"conditions": {"userRiskLevels": ["high"]}})
	findings([td.legacy_block_policy, td.device_code_block_policy, risky, user_risk], encrypting) == set()
}

test_report_only_and_disabled_policies_are_out_of_scope if {
	report_only := object.union(block_all, {"state": "enabledForReportingButNotEnforced"})
	disabled := object.union(td.managed_device_policy, {"state": "disabled"})
	findings([report_only, disabled], encrypting) == set()
}

test_a_policy_without_state_counts if {
	stateless := object.remove(block_all, ["state"])
	count(findings([stateless], encrypting)) == 1
}

test_an_encrypting_label_or_dlp_rule_is_encryption_in_use if {
	labels := object.union(not_encrypting, {"encryption": {"labels": [data_td.encrypting_label]}})
	findings([block_all], labels) == {finding_for(0, "Zugriff sperren – alle Benutzer", "blocks access", "all guests and external users", [
		control(0, 0, "Zugriff sperren – alle Benutzer", "blocks access"),
		{"path": ["encryption", "labels", 0, "encryptionEnabled"], "message": "Sensitivity label 'Vertraulich' encrypts"},
	])}
	dlp := object.union(not_encrypting, {"dlp": data_td.dlp([data_td.dlp_policy], [data_td.dlp_encrypt_rule])})
	findings([block_all], dlp) == {finding_for(0, "Zugriff sperren – alle Benutzer", "blocks access", "all guests and external users", [
		control(0, 0, "Zugriff sperren – alle Benutzer", "blocks access"),
		{"path": ["dlp", "rules", 0, "encryptRMSTemplate"], "message": "DLP rule 'Kreditkarten extern verschlüsseln' encrypts Exchange mail with the template 'Encrypt'"},
	])}
}

test_not_assessed_when_encryption_use_is_unknown if {
	only_irm := {"encryption": {"irm": data_td.irm}}
	findings([block_all], only_irm) == set()
	reasons([block_all], only_irm) == {
		"Whether encryption is in use cannot be told: Transport rules (Get-TransportRule) were not exported, so a mail flow rule may encrypt mail sent outside the organization",
		"Whether encryption is in use cannot be told: DLP policies and rules (Get-DlpCompliancePolicy, Get-DlpComplianceRule) were not exported, so a DLP rule may encrypt mail sent outside the organization",
		"Whether encryption is in use cannot be told: Sensitivity labels were not exported, so a label may encrypt",
	}
	unknown_label := object.union(not_encrypting, {"encryption": {"labels": [data_td.graph_label_without_protection]}})
	reasons([block_all], unknown_label) == {"Whether encryption is in use cannot be told: The export does not say whether label 'Streng vertraulich' encrypts (e.g. a Graph export without hasProtection)"}
}

test_unknown_encryption_use_does_not_matter_without_a_blocking_policy if {
	reasons([td.mfa_policy], {"encryption": {"irm": data_td.irm}}) == set()
}
