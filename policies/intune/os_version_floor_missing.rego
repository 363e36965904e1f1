# METADATA
# title: Compliance policy sets no minimum OS version
# description: >-
#   One finding per compliance policy whose `osMinimumVersion` is unset (null or empty), or,
#   when `min_os_version.<platform>` is configured for its platform (windows, ios, macos,
#   android; Windows 8.1, Windows Phone and Windows 10 Mobile policies only need a minimum to
#   be set), lower than that floor. Versions are compared as dotted numbers, part by part
#   (`10.0.19045` is higher than `10.0.9`; missing parts count as 0). A policy exported without
#   `osMinimumVersion`, or whose minimum is not a dotted version while a floor is configured,
#   is not assessed (named in the reasons when there is no finding). The tenant-wide default
#   policy and policies of an unknown type are ignored.
# related_resources:
#   - ref: https://learn.microsoft.com/mem/intune/protect/compliance-policy-create-windows#device-properties
#     description: "Microsoft Learn: Windows compliance settings (device properties, minimum OS version)"
# custom:
#   id: DEV006
#   name: os-version-floor-missing
#   severity: medium
#   area: intune
#   requires: [intune]
#   rationale: >-
#     Devices on an OS version that no longer receives security updates carry known,
#     exploited vulnerabilities. A minimum OS version in compliance keeps such devices away
#     from corporate data until they are updated: the device security workshop's patch
#     hygiene baseline, enforced at access time.
#   remediation: >-
#     In the Intune admin center, open the policy under Devices > Compliance > Properties >
#     Compliance settings > Device Properties and set Minimum OS version to the oldest release
#     you still support (at least the configured floor), for example 10.0.22631 for
#     Windows 11 23H2. Tell users through the non-compliance notification how to update.
#   references:
#     - {framework: Workshop, id: FT-DEV}
package m365lint.intune.os_version_floor_missing

import rego.v1

import data.m365lint.lib.finding
import data.m365lint.lib.intune

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
intune_params := data.m365lint.lib.intune.params
intune_policies := data.m365lint.lib.intune.policies
intune_policies_not_exported := data.m365lint.lib.intune.policies_not_exported

judged contains i if {
	some i, p in intune_policies
	intune.has_setting(p, "osMinimumVersion")
}

# The configured floor for policy p's platform.
floor(p) := version if {
	version := intune_params.min_os_version[p.platform]
	is_string(version)
}

unset(p) if p.osMinimumVersion == null

unset(p) if {
	is_string(p.osMinimumVersion)
	trim_space(p.osMinimumVersion) == ""
}

deny contains finding.at(
	intune.at(i, ["osMinimumVersion"]),
	sprintf("Compliance policy %s sets no minimum OS version (osMinimumVersion): devices on any OS version, however outdated, can be compliant", [intune.described(p)]),
) if {
	some i in judged
	p := intune_policies[i]
	intune.exported(p, "osMinimumVersion")
	unset(p)
}

deny contains finding.at(
	intune.at(i, ["osMinimumVersion"]),
	sprintf("Compliance policy %s allows OS versions from %s, below the configured floor %s (min_os_version.%s)", [
		intune.described(p), trim_space(p.osMinimumVersion), minimum, p.platform,
	]),
) if {
	some i in judged
	p := intune_policies[i]
	minimum := floor(p)
	intune.valid_version(p.osMinimumVersion)
	intune.compare_versions(p.osMinimumVersion, minimum) < 0
}

not_assessed contains intune_policies_not_exported if not intune_policies

not_assessed contains intune.unexported_reason(p, ["osMinimumVersion"]) if {
	some i in judged
	p := intune_policies[i]
	not intune.exported(p, "osMinimumVersion")
}

not_assessed contains sprintf("%s requires OS version '%s', which is not a dotted version and cannot be compared with min_os_version.%s", [
	intune.described(p), p.osMinimumVersion, p.platform,
]) if {
	some i in judged
	p := intune_policies[i]
	floor(p)
	intune.exported(p, "osMinimumVersion")
	not unset(p)
	not intune.valid_version(p.osMinimumVersion)
}
