# METADATA
# title: Windows compliance policy does not require device health attestation
# description: >-
#   One finding per health attestation setting a Windows 10 and later (or Windows 10 Mobile)
#   compliance policy does not require: `secureBootEnabled` or `codeIntegrityEnabled` not
#   true (either one fails: both are needed, the stricter reading of "without Secure Boot and
#   code integrity"), and, where the export has it (Graph beta, Windows 10 and later only),
#   `tpmRequired` not true. A policy exported without `secureBootEnabled` or
#   `codeIntegrityEnabled` is not assessed for it (named in the reasons when there is no
#   finding); a missing `tpmRequired` is not judged. Windows 8.1 and Windows Phone 8.1
#   policies have none of these settings and are not judged.
# related_resources:
#   - ref: https://learn.microsoft.com/mem/intune/protect/compliance-policy-create-windows#device-health
#     description: "Microsoft Learn: Windows compliance settings (Windows Health Attestation Service evaluation rules)"
# custom:
#   id: DEV009
#   name: windows-health-attestation-missing
#   severity: medium
#   area: intune
#   requires: [intune]
#   rationale: >-
#     Health attestation is the device proving, from measured boot, that it started an
#     untampered Windows: Secure Boot keeps bootkits out, code integrity keeps unsigned
#     drivers and system files out, and a TPM anchors the measurements. Without these checks
#     a device compromised below the OS still reports itself compliant; with them, Zero Trust
#     verifies the device explicitly before it reaches corporate data.
#   remediation: >-
#     In the Intune admin center, open the Windows policy under Devices > Compliance >
#     Properties > Compliance settings and set Device Health > Require Secure Boot to be
#     enabled on the device and Require code integrity to Require, and System Security >
#     Trusted Platform Module (TPM) to Require.
#   references:
#     - {framework: Workshop, id: FT-DEV}
package m365lint.intune.windows_health_attestation_missing

import rego.v1

import data.m365lint.lib.finding
import data.m365lint.lib.intune

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
intune_policies := data.m365lint.lib.intune.policies
intune_policies_not_exported := data.m365lint.lib.intune.policies_not_exported

requirements := {
	"secureBootEnabled": "Secure Boot",
	"codeIntegrityEnabled": "code integrity",
	"tpmRequired": "a Trusted Platform Module",
}

# Settings judged only where the export has them.
optional := {"tpmRequired"}

deny contains finding.at(
	intune.at(i, [name]),
	sprintf("Windows compliance policy %s does not require %s (%s)", [intune.described(p), text, name]),
) if {
	some i, p in intune_policies
	some name, text in requirements
	intune.has_setting(p, name)
	intune.not_enabled(p, name)
}

unexported(p) := sort([name |
	some name, _ in requirements
	not name in optional
	intune.unexported(p, name)
])

not_assessed contains intune_policies_not_exported if not intune_policies

not_assessed contains intune.unexported_reason(p, missing) if {
	some p in intune_policies
	missing := unexported(p)
	count(missing) > 0
}
