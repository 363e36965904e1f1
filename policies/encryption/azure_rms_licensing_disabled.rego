# METADATA
# title: Azure Rights Management is turned off for Exchange Online
# description: >-
#   Fails when the IRM configuration's `AzureRMSLicensingEnabled` is `false`: Exchange Online
#   cannot use Azure Rights Management, so Microsoft Purview Message Encryption, the Encrypt and
#   Do Not Forward options, and transport or DLP rules that encrypt cannot work. The finding
#   points at the value. Not assessed when the IRM configuration (`Get-IRMConfiguration`, or
#   Microsoft365DSC's EXOIRMConfiguration) was not exported, or when it does not hold a boolean
#   there (missing or null): the export cannot say, and that is never a pass.
# related_resources:
#   - ref: https://learn.microsoft.com/purview/set-up-new-message-encryption-capabilities
#     description: "Microsoft Learn: Set up Microsoft Purview Message Encryption"
# custom:
#   id: ENC001
#   name: azure-rms-licensing-disabled
#   severity: high
#   area: encryption
#   requires: [encryption]
#   rationale: >-
#     Message encryption is how sensitive mail stays protected after it leaves the tenant: only
#     the intended recipients can read it, wherever it is forwarded or stored. The FastTrack
#     information security workshop builds Office 365 Message Encryption on Azure Rights
#     Management; with Azure RMS licensing off, every encryption control configured on top of
#     it (mail flow rules, DLP actions, labels used in Outlook) silently does nothing.
#   remediation: >-
#     In Exchange Online PowerShell run `Set-IRMConfiguration -AzureRMSLicensingEnabled $true`,
#     then check the service with `Test-IRMConfiguration -Sender admin@yourdomain` (it must
#     report OVERALL RESULT: PASS). Make sure the Azure Rights Management service is activated
#     (`Get-AipService` / Microsoft Purview portal > Information Protection).
#   references:
#     - {framework: ZTA, id: "35024"}
#     - {framework: Workshop, id: FT-INFO, note: "Office 365 Message Encryption"}
package m365lint.encryption.azure_rms_licensing_disabled

import rego.v1

import data.m365lint.lib.encryption as enc
import data.m365lint.lib.finding

field := "azureRMSLicensingEnabled"

deny contains finding.at(
	enc.irm_path(field),
	"Azure Rights Management is turned off for Exchange Online (AzureRMSLicensingEnabled is false): message encryption and rules that encrypt cannot work",
) if {
	enc.irm_setting(field) == false
}

not_assessed contains reason if {
	reason := enc.irm_unknown(field)
}
