# METADATA
# title: Compliant device required on a platform without an assigned compliance policy
# description: >-
#   One finding per platform of parameter `platforms` (default Windows, iOS, Android, macOS) on
#   which a Conditional Access policy that may be enforcing (state `enabled`, or no state in
#   the export) requires a compliant device (`compliantDevice` among its grant controls), while
#   no compliance policy for that platform is assigned. A policy applies on a platform when it
#   has no platform condition, or includes `all` or the platform, and does not exclude it.
#   Whether a platform has an assigned compliance policy is decided exactly as for DEV001: a
#   compliance policy counts for its own platform only (Windows 8.1, Windows Phone 8.1 and
#   Windows 10 Mobile policies do not count for Windows 10 and later; for Android only work
#   profile, device owner and device administrator policies count), and is assigned when one
#   of its assignments targets a group, all users, all devices or a Configuration Manager
#   collection (an exclusion-only assignment does not assign). The finding points at the
#   compliance policy list, with `details.platform`, and lists the Conditional Access policies
#   concerned and the near misses (the platform's unassigned or exclusion-only policies, and
#   policies of a neighbouring kind that do not count). Readings chosen for fewer false passes:
#   any such Conditional Access policy counts, whatever its users, apps and other conditions,
#   and also when a compliant device is one of several alternatives (operator OR). Not
#   assessed for a platform when compliance policies were not exported, or when none of its
#   policies is known to be assigned and one was exported without its assignments or with an
#   assignment whose target type is not in the export.
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
import data.m365lint.lib.intune
import data.m365lint.lib.zero_trust as zt

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
ca_policies := data.m365lint.lib.conditional_access.policies
intune_collection := data.m365lint.lib.intune.collection
intune_platforms := data.m365lint.lib.intune.platforms
intune_policies := data.m365lint.lib.intune.policies
zt_compliance_policies_requiring := data.m365lint.lib.zero_trust.compliance_policies_requiring

# CA policies that require a compliant device on `platform`.
requiring(platform) := {i |
	some i in zt_compliance_policies_requiring
	zt.covers_platform(ca_policies[i], platform)
}

platform_text(p, platform) := sprintf("on %s", [intune.platform_name(platform)]) if {
	included := ca.lowered(ca.array_at(p, ["conditions", "platforms", "includePlatforms"]))
	platform in included
} else := "on all platforms"

requiring_evidence(platform) := {finding.evidence(zt.compliant_device_path(i), message) |
	some i in requiring(platform)
	p := ca_policies[i]
	message := sprintf("Policy %s requires a compliant device %s", [ca.label(p), platform_text(p, platform)])
}

# Whether the platform has an assigned compliance policy is decided as for DEV001.
deny contains object.union(
	finding.missing(
		intune_collection,
		sprintf("Conditional Access requires a compliant device on %s, but no compliance policy for %s is assigned: those devices are judged by the tenant default alone (compliant unless devices without a policy are marked not compliant, otherwise locked out)", [
			intune.platform_name(platform),
			intune.coverage_name(platform),
		]),
		requiring_evidence(platform) | intune.near_misses(platform),
	),
	{"details": {"platform": platform}},
) if {
	some platform in intune_platforms
	count(requiring(platform)) > 0
	intune.unprotected(platform)
}

not_assessed contains reason if {
	not intune_policies
	some platform in intune_platforms
	count(requiring(platform)) > 0
	reason := sprintf("Compliance policies were not exported, so whether %s has an assigned compliance policy is unknown", [intune.platform_name(platform)])
}

not_assessed contains intune.coverage_unknown_reason(platform) if {
	some platform in intune_platforms
	count(requiring(platform)) > 0
	intune.coverage_unknown(platform)
}
