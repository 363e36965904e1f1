# METADATA
# title: Compliant device required on a platform without an assigned compliance policy
# description: >-
#   One finding per platform of parameter `platforms` (default Windows, iOS, Android, macOS) on
#   which a Conditional Access policy that may be enforcing (state `enabled`, or no state in
#   the export) requires a compliant device (`compliantDevice` among its grant controls), while
#   no compliance policy for that platform is assigned. A policy applies on a platform when it
#   has no platform condition, or includes `all` or the platform, and does not exclude it. A
#   compliance policy is assigned when one of its assignments targets users, devices or a group
#   (an exclusion-only assignment does not assign); Android counts with a work profile, device
#   owner or device administrator policy (as for DEV001). The finding points at the compliance
#   policy list, with `details.platform`, and lists the Conditional Access policies concerned
#   and the near misses (unassigned or exclusion-only policies for the platform). Readings
#   chosen for fewer false passes: any such Conditional Access policy counts, whatever its
#   users, apps and other conditions, and also when a compliant device is one of several
#   alternatives (operator OR). Not assessed for a platform when compliance policies were not
#   exported, or when a compliance policy for it was exported without its assignments.
# related_resources:
#   - ref: https://learn.microsoft.com/mem/intune/protect/create-compliance-policy
#     description: "Microsoft Learn: Create a compliance policy in Microsoft Intune"
# custom:
#   id: ZT002
#   name: compliance-required-without-platform-policy
#   severity: high
#   area: zero_trust
#   requires: [conditional_access, intune]
#   rationale: >-
#     A device on a platform that no assigned compliance policy covers is never evaluated:
#     Intune marks it compliant or not compliant by the tenant default alone. Either the
#     Conditional Access device requirement lets every such device in unchecked, or it locks
#     out every user of that platform. Zero Trust's device pillar needs a compliance policy for
#     every platform that Conditional Access asks to be compliant.
#   remediation: >-
#     In the Intune admin center > Devices > Compliance, create a compliance policy for the
#     platform (for Android, one per enrollment type you use: personally-owned work profile,
#     fully managed / corporate-owned, device administrator) with at least encryption, a
#     password and a minimum OS version, and assign it to All users or the groups that use
#     that platform. Or exclude the platform from the Conditional Access policy and block it
#     in a separate policy if it must not be used.
#   references:
#     - {framework: ZTA, id: "24824"}
#     - {framework: ZTA, id: "24541–24547", note: "one test per platform"}
package m365lint.zero_trust.compliance_required_without_platform_policy

import rego.v1

import data.m365lint.lib.conditional_access as ca
import data.m365lint.lib.finding
import data.m365lint.lib.zero_trust as zt

# CA policies that require a compliant device on `platform`.
requiring(platform) := {i |
	some i in zt.compliance_policies_requiring
	zt.covers_platform(ca.policies[i], platform)
}

platform_text(p, platform) := sprintf("on %s", [zt.platform_name(platform)]) if {
	included := ca.lowered(ca.array_at(p, ["conditions", "platforms", "includePlatforms"]))
	platform in included
} else := "on all platforms"

requiring_evidence(platform) := {finding.evidence(zt.compliant_device_path(i), message) |
	some i in requiring(platform)
	p := ca.policies[i]
	message := sprintf("Policy %s requires a compliant device %s", [ca.label(p), platform_text(p, platform)])
}

# Platforms where the exports cannot say whether a compliance policy is assigned.
unknown contains platform if {
	some platform in zt.platforms
	not platform in zt.platforms_assigned
	some cp in input.intune.compliance_policies
	zt.for_platform(cp, platform)
	zt.assignments_unknown(cp)
}

deny contains object.union(
	finding.missing(
		zt.compliance_policies_path,
		sprintf("Conditional Access requires a compliant device on %s, but no compliance policy for %s is assigned: those devices are judged by the tenant default alone (compliant unless devices without a policy are marked not compliant, otherwise locked out)", [name, name]),
		requiring_evidence(platform) | zt.compliance_near_misses(platform),
	),
	{"details": {"platform": platform}},
) if {
	zt.compliance_policies_exported
	some platform in zt.platforms
	count(requiring(platform)) > 0
	not platform in zt.platforms_assigned
	not platform in unknown
	name := zt.platform_name(platform)
}

not_assessed contains reason if {
	not zt.compliance_policies_exported
	some platform in zt.platforms
	count(requiring(platform)) > 0
	reason := sprintf("Compliance policies were not exported, so whether %s has an assigned compliance policy is unknown", [zt.platform_name(platform)])
}

not_assessed contains reason if {
	some platform in unknown
	count(requiring(platform)) > 0
	some cp in input.intune.compliance_policies
	zt.for_platform(cp, platform)
	zt.assignments_unknown(cp)
	reason := sprintf("Compliance policy %s for %s was exported without its assignments, so whether %s has an assigned compliance policy is unknown", [zt.compliance_policy_label(cp), zt.platform_name(platform), zt.platform_name(platform)])
}
