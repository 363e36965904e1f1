# METADATA
# title: Compliance policy does not enforce a device threat level
# description: >-
#   One finding per compliance policy on a platform with the setting (Windows 10 and later,
#   iOS/iPadOS, macOS, and Android work profile, device owner, device administrator and
#   legacy Android for Work) that does not require a device threat level no higher than
#   `max_device_threat_level` (default medium; order secured < low < medium < high).
#   `deviceThreatProtectionEnabled` not true: the finding points at it. Enabled, but
#   `deviceThreatProtectionRequiredSecurityLevel` above the maximum, or not a level at all
#   (`unavailable`, `notSet`, null): the finding points at the level. Only these two settings
#   count: the separate Defender for Endpoint risk score of mobile policies
#   (`advancedThreatProtectionRequiredSecurityLevel`) does not stand in for them. A policy
#   exported without a setting it needs is not assessed (named in the reasons when there is
#   no finding).
# related_resources:
#   - ref: https://learn.microsoft.com/mem/intune/protect/advanced-threat-protection-configure
#     description: "Microsoft Learn: Configure Microsoft Defender for Endpoint in Intune (compliance policy device threat level)"
# custom:
#   id: DEV008
#   name: device-threat-level-not-enforced
#   severity: medium
#   area: intune
#   requires: [intune]
#   rationale: >-
#     Configuration checks say how a device is set up, not whether it is under attack right
#     now. Tying compliance to the threat level Microsoft Defender for Endpoint (or a mobile
#     threat defense partner) reports makes a device under active attack lose access to
#     corporate data within minutes: assume breach, and verify the device's health at every
#     access, as the device security workshop's Defender integration does.
#   remediation: >-
#     Connect Microsoft Defender for Endpoint to Intune (Endpoint security > Microsoft
#     Defender for Endpoint, with compliance policy evaluation on for each platform). Then open
#     the policy under Devices > Compliance > Properties > Compliance settings and set Require
#     the device to be at or under the machine risk score / Device Threat Level to the
#     configured maximum (Medium by default) or lower.
#   references:
#     - {framework: Workshop, id: FT-DEV, note: "Microsoft Defender ATP (MDATP) integration"}
package m365lint.intune.device_threat_level_not_enforced

import rego.v1

import data.m365lint.lib.finding
import data.m365lint.lib.intune

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
intune_params := data.m365lint.lib.intune.params
intune_policies := data.m365lint.lib.intune.policies
intune_policies_not_exported := data.m365lint.lib.intune.policies_not_exported
intune_threat_levels := data.m365lint.lib.intune.threat_levels

enabled_setting := "deviceThreatProtectionEnabled"

level_setting := "deviceThreatProtectionRequiredSecurityLevel"

maximum := intune_params.max_device_threat_level

judged contains i if {
	some i, p in intune_policies
	intune.has_setting(p, enabled_setting)
}

deny contains finding.at(
	intune.at(i, [enabled_setting]),
	sprintf("Compliance policy %s does not require a device threat level (%s): a device under attack stays compliant", [intune.described(p), enabled_setting]),
) if {
	some i in judged
	p := intune_policies[i]
	intune.not_enabled(p, enabled_setting)
}

acceptable(level) if intune_threat_levels[level] <= intune_threat_levels[maximum]

level_text(level) := sprintf("'%s'", [level]) if is_string(level)

else := "null"

deny contains finding.at(intune.at(i, [level_setting]), message) if {
	some i in judged
	p := intune_policies[i]
	intune.enabled(p, enabled_setting)
	intune.exported(p, level_setting)
	level := p[level_setting]
	not intune_threat_levels[level]
	message := sprintf("Compliance policy %s enables device threat protection without a threat level (%s is %s)", [intune.described(p), level_setting, level_text(level)])
}

deny contains finding.at(intune.at(i, [level_setting]), message) if {
	some i in judged
	p := intune_policies[i]
	intune.enabled(p, enabled_setting)
	level := p[level_setting]
	intune_threat_levels[level]
	not acceptable(level)
	message := sprintf("Compliance policy %s lets devices at threat level %s stay compliant, above the configured maximum %s (max_device_threat_level)", [intune.described(p), level, maximum])
}

unexported(p) := [enabled_setting] if {
	intune.unexported(p, enabled_setting)
} else := [level_setting] if {
	intune.enabled(p, enabled_setting)
	intune.unexported(p, level_setting)
} else := []

not_assessed contains intune_policies_not_exported if not intune_policies

not_assessed contains intune.unexported_reason(p, missing) if {
	some i in judged
	p := intune_policies[i]
	missing := unexported(p)
	count(missing) > 0
}
