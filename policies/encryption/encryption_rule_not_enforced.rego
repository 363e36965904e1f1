# METADATA
# title: Mail flow rule that encrypts is not enforced
# description: >-
#   One finding per transport (mail flow) rule that applies encryption (an RMS template in
#   `ApplyRightsProtectionTemplate`, or `ApplyOME`) but does not act: it is disabled (`State`
#   Disabled; the finding points at the state), or its `Mode` is `Audit`, `AuditAndNotify` or
#   any other value than `Enforce` (the finding points at the mode). Each finding lists the
#   rule's encryption actions. Not assessed when transport rules were not exported, or when an
#   encrypting rule that is otherwise enforced has no state or no mode in the export (it cannot
#   be shown to act, nor not to).
# related_resources:
#   - ref: https://learn.microsoft.com/exchange/security-and-compliance/mail-flow-rules/mail-flow-rules
#     description: "Microsoft Learn: Mail flow rules (transport rules) in Exchange Online"
# custom:
#   id: ENC005
#   name: encryption-rule-not-enforced
#   severity: medium
#   area: encryption
#   requires: [encryption]
#   rationale: >-
#     A mail flow rule in Audit mode or disabled looks like encryption in the Exchange admin
#     center while it encrypts nothing: sensitive mail leaves in clear text and reviewers
#     believe it is protected. Audit mode is for testing a new rule; the information security
#     workshop's rollout ends with every validated rule enforced.
#   remediation: >-
#     Check the rule's matches in the message trace or the Mail flow reports; when it matches
#     the intended mail, set it to enforce in the Exchange admin center (Mail flow > Rules >
#     the rule > Rule mode Enforce, and turn it on), or run `Set-TransportRule -Identity
#     '<name>' -Mode Enforce` and `Enable-TransportRule -Identity '<name>'`. Delete rules that
#     are no longer wanted.
#   references: []
package m365lint.encryption.encryption_rule_not_enforced

import rego.v1

import data.m365lint.lib.encryption as enc
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
enc_encrypting_transport_rules := data.m365lint.lib.encryption.encrypting_transport_rules
enc_transport_rules_exported := data.m365lint.lib.encryption.transport_rules_exported

# Why encrypting rule i does not act: {"path", "reason"}, disabled first.
problem(i) := {"path": enc.transport_rule_at(i, ["state"]), "reason": reason} if {
	r := input.encryption.transport_rules[i]
	enc.rule_disabled(r)
	reason := sprintf("is disabled%s", [mode_note(r)])
} else := {"path": enc.transport_rule_at(i, ["mode"]), "reason": sprintf("is in %s mode: it logs matches and encrypts nothing", [r.mode])} if {
	r := input.encryption.transport_rules[i]
	is_string(r.mode)
	r.mode != "Enforce"
}

mode_note(r) := sprintf(" (and in %s mode)", [r.mode]) if {
	is_string(r.mode)
	r.mode != "Enforce"
} else := ""

actions(i) := {finding.evidence(enc.transport_rule_at(i, [a.field]), sprintf("Transport rule %s %s", [enc.transport_rule_label(r), a.text])) |
	r := input.encryption.transport_rules[i]
	some a in enc.encryption_actions(r)
}

deny contains object.union(
	finding.at(found.path, sprintf("Transport rule %s %s but %s", [enc.transport_rule_label(r), enc.actions_text(r), found.reason])),
	{"related": finding.in_document_order(actions(i))},
) if {
	some i in enc_encrypting_transport_rules
	r := input.encryption.transport_rules[i]
	found := problem(i)
}

not_assessed contains "Transport rules (Get-TransportRule) were not exported" if {
	not enc_transport_rules_exported
}

not_assessed contains reason if {
	some i in enc_encrypting_transport_rules
	not problem(i)
	r := input.encryption.transport_rules[i]
	unknown := [text | some text in unknowns(r)]
	count(unknown) > 0
	reason := sprintf("Transport rule %s %s, but the export does not say whether it is enforced: it has no %s", [enc.transport_rule_label(r), enc.actions_text(r), concat(" and no ", unknown)])
}

unknowns(r) := [text |
	some field in ["state", "mode"]
	not known(r, field)
	text := field
]

known(r, "state") if r.state in {"Enabled", "Disabled"}

known(r, "mode") if is_string(r.mode)
