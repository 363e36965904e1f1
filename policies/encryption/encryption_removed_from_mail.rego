# METADATA
# title: Mail flow rule removes encryption from mail
# description: >-
#   One finding per transport (mail flow) rule that removes encryption (`RemoveOMEv2`,
#   `RemoveOME` or `RemoveRMSAttachmentEncryption` is true) and is enabled (`State` Enabled, or
#   no state in the export: an unknown state is treated as on), pointing at its first removal
#   action and listing the others. The finding is high when the rule can apply to mail sent
#   outside the organization, and medium (a severity override) when it is limited to
#   recipients inside the organization (`SentToScope` InOrganization, or `ExceptIfSentToScope`
#   NotInOrganization). Readings chosen for fewer false passes: any rule without that internal
#   limit can reach external recipients, whatever its other conditions; a rule in Audit mode is
#   reported too (noted in the message), since it removes encryption as soon as it is enforced.
#   Not assessed when transport rules were not exported.
# related_resources:
#   - ref: https://learn.microsoft.com/purview/define-mail-flow-rules-to-encrypt-email
#     description: "Microsoft Learn: Define mail flow rules to encrypt or remove encryption from email messages"
# custom:
#   id: ENC006
#   name: encryption-removed-from-mail
#   severity: high
#   area: encryption
#   requires: [encryption]
#   rationale: >-
#     A rule that strips encryption undoes what users, labels and DLP applied on purpose: the
#     message, or its attachments, continue in clear text. Sent outside the organization, that
#     data is beyond recall; even internally, it can then be forwarded or synced anywhere.
#     Persistent protection only holds if nothing in the mail flow removes it.
#   remediation: >-
#     Review why the rule exists (often a scanner, archive or journaling workaround). Delete it,
#     or narrow it to the one system that needs clear text (Conditions: The sender is; The
#     recipient is located Inside the organization) and disable it when that need ends:
#     `Disable-TransportRule -Identity '<name>'` or `Remove-TransportRule -Identity '<name>'`.
#     Prefer granting that system super-user rights over removing encryption in transit.
#   references: []
package m365lint.encryption.encryption_removed_from_mail

import rego.v1

import data.m365lint.lib.encryption as enc
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
enc_removal_actions := data.m365lint.lib.encryption.removal_actions
enc_transport_rules_exported := data.m365lint.lib.encryption.transport_rules_exported

removal_finding(i, r) := f if {
	fields := enc.removals(r)
	count(fields) > 0
	texts := [enc_removal_actions[field] | some field in fields]
	others := {finding.evidence(enc.transport_rule_at(i, [field]), sprintf("Transport rule %s also %s", [enc.transport_rule_label(r), enc_removal_actions[field]])) |
		some field in array.slice(fields, 1, count(fields))
	}
	message := sprintf("Transport rule %s %s%s%s%s", [enc.transport_rule_label(r), concat(" and ", texts), scope_text(r), mode_text(r), state_text(r)])
	f := object.union(finding.at(enc.transport_rule_at(i, [fields[0]]), message), related(others))
}

related(others) := {"related": finding.in_document_order(others)} if count(others) > 0

else := {}

scope_text(r) := " for mail that stays inside the organization" if enc.internal_only(r)

else := " from mail sent outside the organization" if r.sentToScope == "NotInOrganization"

else := ", including mail sent outside the organization"

mode_text(r) := sprintf(" (it is in %s mode now, and acts as soon as it is enforced)", [r.mode]) if {
	is_string(r.mode)
	r.mode != "Enforce"
} else := ""

state_text(r) := " (its state is not in the export, so it is taken to be enabled)" if not enc.rule_enabled(r)

else := ""

deny contains f if {
	some i, r in input.encryption.transport_rules
	enc.rule_maybe_enabled(r)
	not enc.internal_only(r)
	f := removal_finding(i, r)
}

deny contains object.union(f, {"severity": "medium"}) if {
	some i, r in input.encryption.transport_rules
	enc.rule_maybe_enabled(r)
	enc.internal_only(r)
	f := removal_finding(i, r)
}

not_assessed contains "Transport rules (Get-TransportRule) were not exported" if {
	not enc_transport_rules_exported
}
