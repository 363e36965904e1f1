# METADATA
# title: Compliance status stays valid too long without a check-in
# description: >-
#   Fails when the tenant's compliance settings set `deviceComplianceCheckinThresholdDays`
#   (portal: "Compliance status validity period (days)") above `max_checkin_threshold_days`
#   (default 30): a device that stopped checking in keeps its last compliance status that
#   long. Not assessed when the compliance settings were not exported, or were exported
#   without a number of days.
# related_resources:
#   - ref: https://learn.microsoft.com/mem/intune/protect/device-compliance-get-started#compliance-policy-settings
#     description: "Microsoft Learn: compliance policy settings (compliance status validity period)"
# custom:
#   id: DEV013
#   name: compliance-validity-too-long
#   severity: low
#   area: intune
#   requires: [intune]
#   rationale: >-
#     A device that no longer checks in (lost, stolen, wiped and restored, or deliberately
#     kept offline) is not being evaluated, yet keeps the compliant status it last had for
#     the whole validity period and passes Conditional Access with it. A short period keeps
#     the verification behind every access recent.
#   remediation: >-
#     In the Intune admin center, go to Endpoint security > Device compliance > Compliance
#     policy settings and set Compliance status validity period (days) to the configured
#     maximum (30 by default) or less.
#   references: []
package m365lint.intune.compliance_validity_too_long

import rego.v1

import data.m365lint.lib.finding
import data.m365lint.lib.intune

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
intune_params := data.m365lint.lib.intune.params
intune_settings := data.m365lint.lib.intune.settings
intune_settings_not_exported := data.m365lint.lib.intune.settings_not_exported

setting := "deviceComplianceCheckinThresholdDays"

maximum := intune_params.max_checkin_threshold_days

deny contains finding.at(
	intune.setting_path(setting),
	sprintf("Compliance status stays valid for %d days without a check-in, more than the %d allowed (max_checkin_threshold_days)", [days, maximum]),
) if {
	days := intune_settings[setting]
	is_number(days)
	days > maximum
}

not_assessed contains intune_settings_not_exported if not intune_settings

not_assessed contains sprintf("The exported Intune compliance settings do not give %s as a number of days", [setting]) if {
	settings := intune_settings
	not is_number(object.get(settings, setting, null))
}
