# METADATA
# title: Compliant device required, but devices without a compliance policy count as compliant
# description: >-
#   Fails when a Conditional Access policy that may be enforcing (state `enabled`, or no state
#   in the export) has `compliantDevice` among its grant controls, while Intune's tenant-wide
#   compliance setting `secureByDefault` ("Mark devices with no compliance policy assigned as")
#   is not `true` (false, or null, as for DEV002): a device no compliance policy applies to is
#   marked compliant, and passes the Conditional Access check without having been evaluated at
#   all. The finding points at `secureByDefault` and lists the policies that require a
#   compliant device. Readings chosen for fewer false passes: any such policy counts, whatever
#   its users, apps and conditions, and also when a compliant device is one of several
#   alternatives (operator OR), since the unevaluated device then still satisfies it. Not
#   assessed when a policy requires a compliant device but the Intune compliance settings were
#   not exported, or were exported without `secureByDefault`.
# related_resources:
#   - ref: https://learn.microsoft.com/mem/intune/protect/device-compliance-get-started#compliance-policy-settings
#     description: "Microsoft Learn: Device compliance policies in Microsoft Intune (compliance policy settings)"
# custom:
#   id: ZT001
#   name: compliance-required-but-unmanaged-devices-compliant
#   severity: critical
#   area: zero_trust
#   requires: [conditional_access, intune]
#   rationale: >-
#     Zero Trust treats identity and device as one decision: "require a compliant device" is
#     only as strong as the compliance verdict behind it. With Intune marking devices that have
#     no compliance policy as compliant, an unmanaged, unencrypted or compromised device that
#     is enrolled but outside every policy's assignment walks through the device check, and
#     the identity control gives a false sense of assurance.
#   remediation: >-
#     In the Intune admin center > Endpoint security > Device compliance > Compliance policy
#     settings, set "Mark devices with no compliance policy assigned as" to Not compliant (Graph:
#     PATCH /beta/deviceManagement with settings.secureByDefault = true). First make sure every
#     platform your users enroll has an assigned compliance policy (see DEV001 and ZT002), or
#     those devices lose access.
#   references:
#     - {framework: Workshop, id: ZT}
#     - {framework: CIS, id: "4.1", note: "together with 5.2.2.9: the compliance setting behind a device requirement"}
#     - {framework: CIS, id: 5.2.2.9, note: "together with 4.1"}
package m365lint.zero_trust.compliance_required_but_unmanaged_devices_compliant

import rego.v1

import data.m365lint.lib.conditional_access as ca
import data.m365lint.lib.finding
import data.m365lint.lib.intune
import data.m365lint.lib.zero_trust as zt

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
ca_policies := data.m365lint.lib.conditional_access.policies
intune_settings := data.m365lint.lib.intune.settings
intune_unmanaged_devices_compliant := data.m365lint.lib.intune.unmanaged_devices_compliant
intune_unmanaged_devices_unknown := data.m365lint.lib.intune.unmanaged_devices_unknown
zt_compliance_policies_requiring := data.m365lint.lib.zero_trust.compliance_policies_requiring

setting := intune.setting_path("secureByDefault")

requiring contains finding.evidence(zt.compliant_device_path(i), sprintf("Policy %s requires a compliant device", [ca.label(ca_policies[i])])) if {
	some i in zt_compliance_policies_requiring
}

deny contains object.union(
	finding.at(setting, sprintf("Devices with no compliance policy assigned are marked compliant (secureByDefault is %s), so they pass Conditional Access policies that require a compliant device", [json.marshal(intune_settings.secureByDefault)])),
	{"related": finding.in_document_order(requiring)},
) if {
	count(requiring) > 0
	intune_unmanaged_devices_compliant
}

not_assessed contains intune_unmanaged_devices_unknown if count(requiring) > 0
