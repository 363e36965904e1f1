# METADATA
# title: Compliance policy allows jailbroken or rooted devices
# description: >-
#   One finding per iOS/iPadOS or Android compliance policy (every kind of Android policy, as
#   Microsoft Graph gives each the setting) whose `securityBlockJailbrokenDevices` is not
#   `true` (false or null). A policy exported without the setting (older Android device owner
#   exports lack it) is not assessed (named in the reasons when there is no finding).
# related_resources:
#   - ref: https://learn.microsoft.com/mem/intune/protect/compliance-policy-create-ios#device-health
#     description: "Microsoft Learn: iOS/iPadOS compliance settings (jailbroken devices)"
# custom:
#   id: DEV007
#   name: jailbroken-devices-allowed
#   severity: high
#   area: intune
#   requires: [intune]
#   rationale: >-
#     A jailbroken or rooted device has lost the operating system's sandbox and integrity
#     guarantees: any app can read another's data, including managed corporate apps, and the
#     other compliance checks report whatever the compromised OS tells them. Zero Trust
#     assumes breach; a device known to be compromised must not count as compliant.
#   remediation: >-
#     In the Intune admin center, open the policy under Devices > Compliance > Properties >
#     Compliance settings > Device Health and set Jailbroken devices (iOS/iPadOS) or Rooted
#     devices (Android) to Block.
#   references:
#     - {framework: Workshop, id: FT-DEV}
package m365lint.intune.jailbroken_devices_allowed

import rego.v1

import data.m365lint.lib.finding
import data.m365lint.lib.intune

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
intune_policies := data.m365lint.lib.intune.policies
intune_policies_not_exported := data.m365lint.lib.intune.policies_not_exported

setting := "securityBlockJailbrokenDevices"

state(p) := "jailbroken" if intune.kind(p) == "ios"

else := "rooted"

deny contains finding.at(
	intune.at(i, [setting]),
	sprintf("Compliance policy %s does not block %s devices (%s): a compromised device can be compliant", [intune.described(p), state(p), setting]),
) if {
	some i, p in intune_policies
	intune.has_setting(p, setting)
	intune.not_enabled(p, setting)
}

not_assessed contains intune_policies_not_exported if not intune_policies

not_assessed contains intune.unexported_reason(p, [setting]) if {
	some p in intune_policies
	intune.unexported(p, setting)
}
