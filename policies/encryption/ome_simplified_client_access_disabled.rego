# METADATA
# title: Outlook on the web does not offer the Encrypt button
# description: >-
#   Fails when the IRM configuration's `SimplifiedClientAccessEnabled` is `false`: Outlook on
#   the web does not show the Encrypt and Protect buttons, so users there cannot encrypt a
#   message themselves. The finding points at the value. Not assessed when the IRM
#   configuration (`Get-IRMConfiguration`, or Microsoft365DSC's EXOIRMConfiguration) was not
#   exported, or when it does not hold a boolean there (missing or null): the export cannot
#   say, and that is never a pass.
# related_resources:
#   - ref: https://learn.microsoft.com/powershell/module/exchange/set-irmconfiguration
#     description: "Microsoft Learn: Set-IRMConfiguration"
# custom:
#   id: ENC003
#   name: ome-simplified-client-access-disabled
#   severity: low
#   area: encryption
#   requires: [encryption]
#   rationale: >-
#     Mail flow and DLP rules only catch what they are written for; users are the ones who know
#     that a message is sensitive. The FastTrack information security workshop asks for
#     encryption that users can apply themselves in every client, Outlook on the web included.
#   remediation: >-
#     In Exchange Online PowerShell run `Set-IRMConfiguration -SimplifiedClientAccessEnabled
#     $true`. The Encrypt button appears in Outlook on the web within a few hours.
#   references:
#     - {framework: ZTA, id: "35026"}
package m365lint.encryption.ome_simplified_client_access_disabled

import rego.v1

import data.m365lint.lib.encryption as enc
import data.m365lint.lib.finding

field := "simplifiedClientAccessEnabled"

deny contains finding.at(
	enc.irm_path(field),
	"Outlook on the web does not offer the Encrypt button (SimplifiedClientAccessEnabled is false): users there cannot encrypt a message",
) if {
	enc.irm_setting(field) == false
}

not_assessed contains reason if {
	reason := enc.irm_unknown(field)
}
