# METADATA
# title: Devices without a compliance policy are marked compliant
# description: >-
#   Fails when the tenant's compliance settings do not set `secureByDefault` to `true`
#   (portal: "Mark devices with no compliance policy assigned as" Compliant): a device that no
#   compliance policy targets then counts as compliant, and passes every Conditional Access
#   policy that requires a compliant device. The finding points at the value (false or null).
#   Not assessed when the compliance settings were not exported, or were exported without
#   `secureByDefault`.
# related_resources:
#   - ref: https://learn.microsoft.com/mem/intune/protect/device-compliance-get-started#compliance-policy-settings
#     description: "Microsoft Learn: compliance policy settings (mark devices with no compliance policy assigned as)"
# custom:
#   id: DEV002
#   name: devices-without-policy-compliant
#   severity: high
#   area: intune
#   requires: [intune]
#   rationale: >-
#     Zero Trust verifies explicitly: a device is trusted because it was checked, not because
#     nothing checked it. With this setting at Compliant, any enrolled device outside the
#     groups your compliance policies target (a new platform, a forgotten group, a policy
#     unassigned by mistake) is reported compliant, and a Conditional Access policy that
#     requires a compliant device lets it in.
#   remediation: >-
#     In the Intune admin center, go to Endpoint security > Device compliance > Compliance
#     policy settings and set "Mark devices with no compliance policy assigned as" to Not
#     compliant. First make sure every platform you support has an assigned compliance policy
#     (see DEV001), or those devices lose access.
#   references:
#     - {framework: CIS, id: "4.1"}
#     - {framework: Workshop, id: ZT}
package m365lint.intune.devices_without_policy_compliant

import rego.v1

import data.m365lint.lib.finding
import data.m365lint.lib.intune

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
intune_unmanaged_devices_compliant := data.m365lint.lib.intune.unmanaged_devices_compliant
intune_unmanaged_devices_unknown := data.m365lint.lib.intune.unmanaged_devices_unknown

deny contains finding.at(
	intune.setting_path("secureByDefault"),
	"Devices with no compliance policy assigned are marked compliant (secureByDefault is not true): an unmanaged device passes every Conditional Access check for a compliant device",
) if {
	intune_unmanaged_devices_compliant
}

not_assessed contains intune_unmanaged_devices_unknown
