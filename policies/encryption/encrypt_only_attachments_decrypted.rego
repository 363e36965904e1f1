# METADATA
# title: Attachments of Encrypt-Only mail are decrypted on download
# description: >-
#   Fails when the IRM configuration's `DecryptAttachmentForEncryptOnly` is `true`: recipients
#   who download an attachment of a message protected with Encrypt-Only get it without
#   encryption, and it can then be shared with anyone. The finding points at the value. Not
#   assessed when the IRM configuration (`Get-IRMConfiguration`, or Microsoft365DSC's
#   EXOIRMConfiguration) was not exported, or when it does not hold a boolean there (missing
#   or null): the export cannot say, and that is never a pass.
# related_resources:
#   - ref: https://learn.microsoft.com/powershell/module/exchange/set-irmconfiguration
#     description: "Microsoft Learn: Set-IRMConfiguration (DecryptAttachmentForEncryptOnly)"
# custom:
#   id: ENC008
#   name: encrypt-only-attachments-decrypted
#   severity: low
#   area: encryption
#   requires: [encryption]
#   rationale: >-
#     Persistent protection means the data stays encrypted wherever it goes. Decrypting
#     Encrypt-Only attachments on download trades that for convenience: the message is
#     protected, but the spreadsheet or contract attached to it leaves as a plain file.
#   remediation: >-
#     In Exchange Online PowerShell run `Set-IRMConfiguration -DecryptAttachmentForEncryptOnly
#     $false`. Recipients then open attachments in Office apps that respect the protection; for
#     partners without compatible apps, use a sensitivity label with explicit rights instead.
#   references: []
package m365lint.encryption.encrypt_only_attachments_decrypted

import rego.v1

import data.m365lint.lib.encryption as enc
import data.m365lint.lib.finding

field := "decryptAttachmentForEncryptOnly"

deny contains finding.at(
	enc.irm_path(field),
	"Attachments of Encrypt-Only mail are decrypted when recipients download them (DecryptAttachmentForEncryptOnly is true): they leave without protection",
) if {
	enc.irm_setting(field) == true
}

not_assessed contains reason if {
	reason := enc.irm_unknown(field)
}
