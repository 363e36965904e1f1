# METADATA
# title: Compliance policy does not require storage encryption
# description: >-
#   One finding per compliance policy that does not require the device's storage to be
#   encrypted. Windows 10 and later and Windows 10 Mobile: neither `bitLockerEnabled` nor
#   `storageRequireEncryption` is true (the finding points at `bitLockerEnabled`, with
#   `storageRequireEncryption` as related evidence). Windows 8.1, Windows Phone 8.1, macOS
#   (FileVault) and every kind of Android policy (AOSP and legacy Android for Work included):
#   `storageRequireEncryption` is not true. iOS/iPadOS: `passcodeRequired` is not true, as
#   iOS encrypts data with the passcode. A setting that is false or null fails; a policy
#   exported without the setting it needs is not assessed (named in the reasons when there is
#   no finding). Every policy is judged, assigned or not: an unassigned policy may be assigned
#   tomorrow. The tenant-wide default policy and policies of an unknown type are ignored.
# related_resources:
#   - ref: https://learn.microsoft.com/mem/intune/protect/compliance-policy-create-windows#device-security
#     description: "Microsoft Learn: Windows compliance settings (encryption of data storage, BitLocker)"
# custom:
#   id: DEV004
#   name: storage-encryption-not-required
#   severity: high
#   area: intune
#   requires: [intune]
#   rationale: >-
#     A lost or stolen device whose storage is not encrypted gives its finder every cached
#     mail, file and token. Encryption at rest is the first device control of the information
#     protection workshop and of the device security workshop; requiring it in compliance
#     makes unencrypted devices lose access to corporate data through Conditional Access.
#   remediation: >-
#     In the Intune admin center, open the policy under Devices > Compliance > Properties >
#     Compliance settings. Windows: Device Health > Require BitLocker, or System Security >
#     Encryption of data storage on device = Require. macOS: System Security > Require
#     encryption of data storage (FileVault). Android: System security > Encryption of data
#     storage on device = Require. iOS/iPadOS: System Security > Require a password to unlock
#     mobile devices = Require.
#   references:
#     - {framework: Workshop, id: CISO-M5}
#     - {framework: Workshop, id: FT-DEV}
package m365lint.intune.storage_encryption_not_required

import rego.v1

import data.m365lint.lib.finding
import data.m365lint.lib.intune

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
intune_policies := data.m365lint.lib.intune.policies
intune_policies_not_exported := data.m365lint.lib.intune.policies_not_exported

# The settings that each require encryption, in the order findings point at them; a policy
# needs one of those its kind has.
encryption_settings := ["bitLockerEnabled", "storageRequireEncryption", "passcodeRequired"]

applicable(p) := [name | some name in encryption_settings; intune.has_setting(p, name)]

encrypts(p) if {
	some name in applicable(p)
	intune.enabled(p, name)
}

judged contains i if {
	some i, p in intune_policies
	count(applicable(p)) > 0
	not encrypts(p)
}

unexported(p) := sort([name | some name in applicable(p); not intune.exported(p, name)])

setting_names := {
	"bitLockerEnabled": "BitLocker (bitLockerEnabled)",
	"storageRequireEncryption": "storage encryption (storageRequireEncryption)",
	"passcodeRequired": "a passcode (passcodeRequired)",
}

message(p) := sprintf("Compliance policy %s does not require a passcode, so iOS does not encrypt the device's data (passcodeRequired)", [intune.described(p)]) if {
	intune.kind(p) == "ios"
} else := sprintf("Compliance policy %s requires neither BitLocker nor storage encryption", [intune.described(p)]) if {
	count(applicable(p)) > 1
} else := sprintf("Compliance policy %s does not require storage encryption (storageRequireEncryption)", [intune.described(p)])

deny contains {
	"path": intune.at(i, [first]),
	"message": message(p),
	"related": [finding.evidence(intune.at(i, [name]), sprintf("%s does not require %s either", [intune.label(p), setting_names[name]])) |
		some name in array.slice(names, 1, count(names))
	],
} if {
	some i in judged
	p := intune_policies[i]
	count(unexported(p)) == 0
	names := applicable(p)
	count(names) > 1
	first := names[0]
}

deny contains finding.at(intune.at(i, [name]), message(p)) if {
	some i in judged
	p := intune_policies[i]
	count(unexported(p)) == 0
	[name] := applicable(p)
}

not_assessed contains intune_policies_not_exported if not intune_policies

not_assessed contains intune.unexported_reason(p, missing) if {
	some i in judged
	p := intune_policies[i]
	missing := unexported(p)
	count(missing) > 0
}
