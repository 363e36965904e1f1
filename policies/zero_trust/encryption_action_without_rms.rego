# METADATA
# title: Rules encrypt mail while Azure Rights Management is off
# description: >-
#   Fails when the IRM configuration's `AzureRMSLicensingEnabled` is `false` while transport
#   (mail flow) rules or DLP rules apply encryption: a transport rule with an RMS template
#   (`ApplyRightsProtectionTemplate`) or `ApplyOME` that is not disabled (`State` Enabled, or
#   no state in the export), or a DLP rule with `EncryptRMSTemplate` that is not disabled and
#   whose policy is not turned off (`enabled` not false, mode not Disable or PendingDeletion).
#   Encryption then silently fails and the mail goes out as it is. The finding points at
#   `AzureRMSLicensingEnabled` and lists every such rule's encryption action. Readings chosen
#   for fewer false passes: rules in Audit mode and DLP policies in a test mode count too,
#   since they fail the moment they are enforced. Not assessed when rules encrypt but the IRM
#   configuration was not exported or does not hold a boolean there, or when no exported rule
#   encrypts but transport rules were not exported, or when, with Azure Rights Management not
#   known to be on, the only encrypting rules are DLP rules (not disabled) whose policy is not
#   in the export or that name none: whether they run cannot be told, so neither a pass nor a
#   finding would be sound.
# related_resources:
#   - ref: https://learn.microsoft.com/purview/set-up-new-message-encryption-capabilities
#     description: "Microsoft Learn: Set up Microsoft Purview Message Encryption"
# custom:
#   id: ZT004
#   name: encryption-action-without-rms
#   severity: high
#   area: zero_trust
#   requires: [encryption, dlp]
#   rationale: >-
#     Zero Trust assumes breach and verifies that controls actually hold. A mail flow or DLP
#     rule that encrypts looks like protection in every review, but without Azure Rights
#     Management behind it the action fails silently: sensitive mail the organization believes
#     is encrypted leaves in clear text.
#   remediation: >-
#     In Exchange Online PowerShell run `Set-IRMConfiguration -AzureRMSLicensingEnabled $true`
#     and check it with `Test-IRMConfiguration -Sender admin@yourdomain` (OVERALL RESULT:
#     PASS). Then send a test message that matches each listed rule and confirm it arrives
#     encrypted.
#   references:
#     - {framework: Workshop, id: ZT}
package m365lint.zero_trust.encryption_action_without_rms

import rego.v1

import data.m365lint.lib.dlp
import data.m365lint.lib.encryption as enc
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
dlp_rules := data.m365lint.lib.dlp.rules
enc_encrypting_dlp_rules := data.m365lint.lib.encryption.encrypting_dlp_rules
enc_encrypting_transport_rules := data.m365lint.lib.encryption.encrypting_transport_rules
enc_transport_rules_exported := data.m365lint.lib.encryption.transport_rules_exported

field := "azureRMSLicensingEnabled"

encrypting contains finding.evidence(enc.transport_rule_at(i, [a.field]), sprintf("Transport rule %s %s", [enc.transport_rule_label(r), a.text])) if {
	some i in enc_encrypting_transport_rules
	r := input.encryption.transport_rules[i]
	enc.rule_maybe_enabled(r)
	some a in enc.encryption_actions(r)
}

encrypting contains finding.evidence(dlp.rule_at(k, ["encryptRMSTemplate"]), sprintf("DLP rule %s encrypts with the template '%s'", [dlp.rule_label(r), r.encryptRMSTemplate])) if {
	some k in enc_encrypting_dlp_rules
	dlp.may_run(k)
	r := dlp_rules[k]
}

deny contains object.union(
	finding.at(enc.irm_path(field), "Transport or DLP rules apply encryption while Azure Rights Management is turned off (AzureRMSLicensingEnabled is false): the encryption silently fails"),
	{"related": finding.in_document_order(encrypting)},
) if {
	count(encrypting) > 0
	enc.irm_setting(field) == false
}

not_assessed contains sprintf("Rules apply encryption, but %s", [lower_first(reason)]) if {
	count(encrypting) > 0
	reason := enc.irm_unknown(field)
}

not_assessed contains "Transport rules (Get-TransportRule) were not exported, so a mail flow rule may apply encryption" if {
	count(encrypting) == 0
	not enc.irm_setting(field) == true
	not enc_transport_rules_exported
}

# Encrypting DLP rules, not known to be disabled, whose policy the export cannot show: it is
# missing from the export, or the rule names none. Whether they run is unknown.
undecided contains k if {
	some k in enc_encrypting_dlp_rules
	not dlp.rule_disabled(dlp_rules[k])
	count(dlp.parents(k)) == 0
}

undecided_reason(k) := reason if {
	dlp.orphaned(k)
	r := dlp_rules[k]
	reason := sprintf("belongs to policy '%s', which is not in the export", [r[dlp.parent_field(r)]])
} else := "names no parent policy"

not_assessed contains sprintf("DLP rule %s applies encryption, but it %s, so whether it runs is unknown", [
	dlp.rule_label(dlp_rules[k]),
	undecided_reason(k),
]) if {
	count(encrypting) == 0
	not enc.irm_setting(field) == true
	some k in undecided
}

lower_first(text) := concat("", [lower(substring(text, 0, 1)), substring(text, 1, -1)])
