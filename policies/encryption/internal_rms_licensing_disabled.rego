# METADATA
# title: IRM is turned off for internal messages
# description: >-
#   Fails when the IRM configuration's `InternalLicensingEnabled` is `false`: users cannot
#   protect mail sent inside the organization with Information Rights Management, and Outlook
#   on the web and Outlook cannot open or apply protection for internal recipients. The
#   finding points at the value. Not assessed when the IRM configuration
#   (`Get-IRMConfiguration`, or Microsoft365DSC's EXOIRMConfiguration) was not exported, or
#   when it does not hold a boolean there (missing or null): the export cannot say, and that
#   is never a pass.
# related_resources:
#   - ref: https://learn.microsoft.com/powershell/module/exchange/set-irmconfiguration
#     description: "Microsoft Learn: Set-IRMConfiguration"
# custom:
#   id: ENC002
#   name: internal-rms-licensing-disabled
#   severity: medium
#   area: encryption
#   requires: [encryption]
#   rationale: >-
#     Most sensitive information never leaves the tenant: board papers, HR cases, salary data
#     travel between colleagues. Zero Trust assumes breach, so internal mail needs persistent
#     protection too; with internal licensing off, a compromised or over-shared mailbox exposes
#     it in clear text.
#   remediation: >-
#     In Exchange Online PowerShell run `Set-IRMConfiguration -InternalLicensingEnabled $true`
#     and verify with `Test-IRMConfiguration -Sender admin@yourdomain -Recipient
#     colleague@yourdomain`.
#   references:
#     - {framework: ZTA, id: "35025"}
package m365lint.encryption.internal_rms_licensing_disabled

import rego.v1

import data.m365lint.lib.encryption as enc
import data.m365lint.lib.finding

field := "internalLicensingEnabled"

deny contains finding.at(
	enc.irm_path(field),
	"IRM is turned off for internal messages (InternalLicensingEnabled is false): mail between colleagues cannot be protected",
) if {
	enc.irm_setting(field) == false
}

not_assessed contains reason if {
	reason := enc.irm_unknown(field)
}
