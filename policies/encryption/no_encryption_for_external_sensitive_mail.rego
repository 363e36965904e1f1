# METADATA
# title: Mail sent outside the organization is not encrypted by any rule
# description: >-
#   Fails when no mail flow (transport) rule and no DLP rule encrypts mail sent outside the
#   organization. A transport rule counts when it applies encryption (an RMS template in
#   `ApplyRightsProtectionTemplate`, or `ApplyOME`), is enabled (`State` Enabled) and enforcing
#   (`Mode` Enforce), applies to recipients outside the organization (`SentToScope`
#   NotInOrganization) without excepting them (`ExceptIfSentToScope`); other conditions
#   (sensitive content, senders) are expected. `ActivationDate` and `ExpiryDate` are not
#   weighed (policies have no clock). A DLP rule counts when it encrypts (`EncryptRMSTemplate`),
#   is enforced exactly as DLP001 judges it (`Disabled` false, and every policy it belongs to,
#   joined by name or GUID, enforced: mode Enable and `Enabled` true, or absent as in
#   Microsoft365DSC exports), belongs only to policies that cover all Exchange mail as for
#   DLP004 (`ExchangeLocation` All, and Exchange among the policy's workloads where exported),
#   applies to Exchange where its own workload is exported, and is not limited to content
#   shared inside the organization (`AccessScope` InOrganization, also where only the rule's
#   AdvancedRule says so, directly under its top-level And: ingest lifts it to `accessScope`).
#   Readings chosen for fewer false passes: a transport rule without the NotInOrganization
#   recipient scope (one limited to some recipients or domains, or triggered only by a
#   keyword) does not count, since it leaves other external mail unencrypted. The finding lists every encrypting rule that falls
#   short, and why. Not assessed when transport rules were not exported, or when DLP policies
#   and rules were not exported (a DLP rule may encrypt, and a finding would then be a guess),
#   or when an encrypting rule falls short only for what the export lacks (a transport rule's
#   state or mode; a DLP rule's disabled state or parent policy, or that policy's mode or
#   enabled state); any qualifying rule in what was exported is a pass.
# related_resources:
#   - ref: https://learn.microsoft.com/purview/define-mail-flow-rules-to-encrypt-email
#     description: "Microsoft Learn: Define mail flow rules to encrypt email messages"
# custom:
#   id: ENC004
#   name: no-encryption-for-external-sensitive-mail
#   severity: high
#   area: encryption
#   requires: [encryption]
#   rationale: >-
#     Once a message leaves the tenant, only encryption keeps it under the organization's
#     control: a mis-addressed, forwarded or intercepted message stays unreadable to anyone
#     without rights. The CISO workshop's information protection module asks for persistent
#     encryption of sensitive data that crosses the boundary; users forget to press Encrypt, so
#     a rule must do it for them.
#   remediation: >-
#     In the Exchange admin center > Mail flow > Rules, add a rule: Apply this rule if The
#     recipient is located Outside the organization (and, typically, The message contains
#     sensitive information types you care about); Do the following Apply Office 365 Message
#     Encryption and rights protection (template Encrypt); Rule mode Enforce; enabled. Or in
#     PowerShell: `New-TransportRule -Name 'Encrypt sensitive external mail' -SentToScope
#     NotInOrganization -MessageContainsDataClassifications @{Name='Credit Card Number'}
#     -ApplyRightsProtectionTemplate 'Encrypt' -Mode Enforce`. Alternatively, a DLP policy on
#     all Exchange locations with a rule whose action is Encrypt the message, turned on.
#   references:
#     - {framework: ZTA, id: "35029"}
#     - {framework: Workshop, id: CISO-M5, note: "persistent encryption"}
package m365lint.encryption.no_encryption_for_external_sensitive_mail

import rego.v1

import data.m365lint.lib.dlp
import data.m365lint.lib.encryption as enc
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
dlp_rules := data.m365lint.lib.dlp.rules
enc_dlp_shortfalls := data.m365lint.lib.encryption.dlp_shortfalls
enc_encrypting_transport_rules := data.m365lint.lib.encryption.encrypting_transport_rules
enc_external_mail_encrypted := data.m365lint.lib.encryption.external_mail_encrypted
enc_external_mail_unknown := data.m365lint.lib.encryption.external_mail_unknown
enc_transport_rules_path := data.m365lint.lib.encryption.transport_rules_path

near_misses contains evidence if {
	some i in enc_encrypting_transport_rules
	label := enc.transport_rule_label(input.encryption.transport_rules[i])
	some s in enc.external_shortfalls(i)
	evidence := finding.evidence(s.path, sprintf("Transport rule %s %s", [label, s.reason]))
}

near_misses contains evidence if {
	some k, shortfalls in enc_dlp_shortfalls
	label := dlp.rule_label(dlp_rules[k])
	some s in shortfalls
	evidence := finding.evidence(s.path, sprintf("DLP rule %s %s", [label, s.reason]))
}

deny contains finding.missing(
	enc_transport_rules_path,
	"No enabled, enforcing transport rule or enforced DLP rule encrypts mail sent outside the organization",
	near_misses,
) if {
	not enc_external_mail_encrypted
	count(enc_external_mail_unknown) == 0
}

not_assessed contains reason if {
	some reason in enc_external_mail_unknown
}
