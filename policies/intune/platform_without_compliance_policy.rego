# METADATA
# title: A platform has no assigned compliance policy
# description: >-
#   One finding per platform of the `platforms` parameter (default windows, ios, android,
#   macos) for which no compliance policy is assigned. A policy counts for its own platform
#   only: Windows 8.1, Windows Phone 8.1 and Windows 10 Mobile policies do not count for
#   Windows 10 and later, and for Android only work profile, device owner (fully managed,
#   dedicated, corporate-owned work profile) and device administrator policies count, not AOSP
#   or legacy Android for Work ones. A policy is assigned when one of its assignments targets a
#   group, all users, all devices or a Configuration Manager collection; one with no
#   assignment, or only exclusion groups, is not. A policy exported without its assignments
#   (Graph without `$expand`, IntuneCD for an unassigned policy) does not count as assigned:
#   a platform with no assigned policy but some policy exported without assignments is not
#   assessed (whether it is protected cannot be told) rather than passed or failed. The finding lists the platform's unassigned
#   policies and the policies of a neighbouring kind that do not count, and why.
# related_resources:
#   - ref: https://learn.microsoft.com/mem/intune/protect/device-compliance-get-started
#     description: "Microsoft Learn: Use compliance policies to set rules for devices you manage with Intune"
# custom:
#   id: DEV001
#   name: platform-without-compliance-policy
#   severity: high
#   area: intune
#   requires: [intune]
#   rationale: >-
#     Device compliance is how Zero Trust verifies the device as well as the user: Conditional
#     Access can only require a compliant device if Intune has rules to judge it by. Devices of
#     a platform that no assigned policy covers are judged by nothing but the tenant default,
#     so they reach corporate data without encryption, a passcode or a patched OS being
#     checked. The device security workshop starts with a compliance policy per platform.
#   remediation: >-
#     In the Intune admin center, go to Devices > Compliance > Create policy, pick the
#     platform (for Android: Android Enterprise or device administrator), configure at least
#     encryption, a password, a minimum OS version and jailbreak detection, and under
#     Assignments include the groups (or All users / All devices) that enroll devices of that
#     platform.
#   references:
#     - {framework: ZTA, id: "24541–24547"}
#     - {framework: Workshop, id: FT-DEV}
package m365lint.intune.platform_without_compliance_policy

import rego.v1

import data.m365lint.lib.finding
import data.m365lint.lib.intune

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
intune_collection := data.m365lint.lib.intune.collection
intune_platforms := data.m365lint.lib.intune.platforms
intune_policies := data.m365lint.lib.intune.policies
intune_policies_not_exported := data.m365lint.lib.intune.policies_not_exported

deny contains object.union(
	finding.missing(
		intune_collection,
		sprintf("No compliance policy is assigned for %s devices", [intune.coverage_name(platform)]),
		intune.near_misses(platform),
	),
	{"details": {"platform": platform}},
) if {
	some platform in intune_platforms
	intune.unprotected(platform)
}

not_assessed contains intune_policies_not_exported if not intune_policies

not_assessed contains intune.coverage_unknown_reason(platform) if {
	some platform in intune_platforms
	intune.coverage_unknown(platform)
}
