# METADATA
# title: No sensitivity label encrypts
# description: >-
#   Fails when sensitivity labels are exported and no label that is itself enabled (`Disabled`
#   false, or not in the export) has encryption on: an `encrypt` label action whose `disabled`
#   setting is not `true` and whose protection type is not `removeprotection` (Get-Label),
#   `EncryptionEnabled` (Microsoft365DSC) or `hasProtection` (Graph). An empty label list fails
#   too. The finding points at the label list and lists the near misses: labels whose
#   encryption is on but which are disabled, encrypt actions that are turned off, and actions
#   that remove protection. Not assessed when labels were not exported, or when no label
#   encrypts but the export cannot say for some enabled label (encryption or the label's state
#   not in it, e.g. a Graph export without `hasProtection`): unknown never counts as
#   encrypting, and never as a pass.
# related_resources:
#   - ref: https://learn.microsoft.com/purview/encryption-sensitivity-labels
#     description: "Microsoft Learn: Restrict access to content by using sensitivity labels to apply encryption"
# custom:
#   id: ENC007
#   name: no-encrypting-sensitivity-label
#   severity: medium
#   area: encryption
#   requires: [encryption]
#   rationale: >-
#     Sensitivity labels are how users classify what they write; a label that encrypts makes
#     the protection travel with the document or message, to any device, cloud or recipient.
#     Without one, labelling is only a marking: the CISO workshop's information protection
#     module and the FastTrack MIP workshop both expect the highly confidential labels to
#     encrypt.
#   remediation: >-
#     In the Microsoft Purview portal > Information Protection > Sensitivity labels, edit your
#     Confidential / Highly Confidential labels: Items > Control access (encryption), assign
#     permissions to your organization (and named partners), and make sure the label itself is
#     enabled and published in a label policy. In PowerShell: `Set-Label -Identity '<label>'
#     -EncryptionEnabled $true -EncryptionProtectionType Template -EncryptionRightsDefinitions
#     'contoso.com:VIEW,VIEWRIGHTSDATA,DOCEDIT,EDIT,PRINT,EXTRACT,REPLY,REPLYALL,FORWARD,OBJMODEL'`.
#   references:
#     - {framework: ZTA, id: "35013"}
#     - {framework: CIS, id: 3.3.1, inspired: true, note: "CIS asks for published sensitivity label policies"}
package m365lint.encryption.no_encrypting_sensitivity_label

import rego.v1

import data.m365lint.lib.encryption as enc
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
enc_encrypting_labels := data.m365lint.lib.encryption.encrypting_labels
enc_labels_exported := data.m365lint.lib.encryption.labels_exported
enc_labels_path := data.m365lint.lib.encryption.labels_path
enc_unknown_labels := data.m365lint.lib.encryption.unknown_labels

near_misses contains finding.evidence(enc.label_at(i, ["disabled"]), sprintf("Label %s has encryption on, but the label is disabled", [enc.label_name(l)])) if {
	some i, l in input.encryption.labels
	l.encryptionEnabled == true
	enc.label_off(l)
}

near_misses contains finding.evidence(enc.label_at(i, ["labelActions", j, "settings", "disabled"]), sprintf("Label %s has an encrypt action that is turned off (disabled = %s)", [enc.label_name(l), a.settings.disabled])) if {
	some i, l in input.encryption.labels
	some j, a in object.get(l, "labelActions", [])
	a.type == "encrypt"
	enc.same_text(a.settings.disabled, "true")
}

near_misses contains finding.evidence(enc.label_at(i, ["labelActions", j, "settings", "protectiontype"]), sprintf("Label %s removes protection instead of encrypting (protectiontype = %s)", [enc.label_name(l), a.settings.protectiontype])) if {
	some i, l in input.encryption.labels
	some j, a in object.get(l, "labelActions", [])
	a.type == "encrypt"
	enc.same_text(a.settings.protectiontype, "removeprotection")
}

deny contains finding.missing(enc_labels_path, "Sensitivity labels are exported, but no enabled label encrypts", near_misses) if {
	enc_labels_exported
	count(enc_encrypting_labels) == 0
	count(enc_unknown_labels) == 0
}

not_assessed contains "Sensitivity labels (Get-Label) were not exported" if {
	not enc_labels_exported
}

not_assessed contains reason if {
	count(enc_encrypting_labels) == 0
	some i in enc_unknown_labels
	reason := enc.label_unknown_reason(i)
}
