# METADATA
# title: A managed device is not required
# description: >-
#   Fails when no enforced Conditional Access policy for all users and all cloud apps requires
#   a compliant device (`compliantDevice`) or a Microsoft Entra hybrid joined device
#   (`domainJoinedDevice`). The policy must be on (not report-only), exclude no directory
#   roles and only approved users, groups or apps, and must not be narrowed by risk, platform,
#   location, device filter, client app or authentication flow conditions. Readings chosen for
#   fewer false passes: the catalog asks for a broad policy, and a policy limited to some
#   platforms or client apps leaves the others unmanaged, so it does not pass either; the
#   managed device must be a condition of access, so under operator `OR` every other control
#   must also be a managed-device control (`mfa OR compliantDevice` lets an unmanaged device
#   in with MFA). The finding lists every managed-device policy that falls short, and why.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-device-compliance
#     description: "Microsoft Learn: Require a compliant device, Microsoft Entra hybrid joined device, or MFA for all users"
# custom:
#   id: CA006
#   name: managed-device-not-required
#   severity: medium
#   area: conditional_access
#   requires: [conditional_access]
#   rationale: >-
#     Zero Trust treats the device as part of every access decision: a valid password and MFA
#     on an unmanaged, unpatched or infected device still hand corporate data to a machine no
#     one controls. Requiring a compliant or hybrid-joined device ties access to Intune
#     compliance (encryption, OS version, Defender health), as the FastTrack device security
#     workshop recommends.
#   remediation: >-
#     Create a Conditional Access policy with Users = All users (exclude only your
#     emergency-access accounts), Target resources = All cloud apps, no platform, location or
#     client-app conditions, and Grant = Require device to be marked as compliant and/or
#     Require Microsoft Entra hybrid joined device (Require one of the selected controls, with
#     no other control selected). Make sure every platform has an assigned Intune compliance
#     policy first, validate in report-only mode, then set it to On.
#   references:
#     - {framework: SCuBA, id: MS.AAD.3.7v1}
#     - {framework: CIS, id: 5.2.2.9}
#     - {framework: ZTA, id: "24824"}
package m365lint.conditional_access.managed_device_not_required

import rego.v1

import data.m365lint.lib.conditional_access as ca
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
ca_collection := data.m365lint.lib.conditional_access.collection
ca_policies := data.m365lint.lib.conditional_access.policies

accepted := {"compliantDevice", "domainJoinedDevice"}

# Policies that require a managed device in some way.
candidates contains i if {
	some i, p in ca_policies
	count(ca.builtin_controls(p) & accepted) > 0
}

shortfalls(i) := ca.shortfalls(i) | ca.grant_shortfalls(i, accepted, "a compliant or hybrid joined device")

satisfied if {
	some i in candidates
	count(shortfalls(i)) == 0
}

near_misses contains evidence if {
	some i in candidates
	some evidence in ca.explain(i, shortfalls(i))
}

deny contains finding.missing(
	ca_collection,
	"No enforced policy requires a compliant or hybrid joined device for all users and all cloud apps",
	near_misses,
) if {
	not satisfied
}
