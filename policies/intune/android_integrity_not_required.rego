# METADATA
# title: Android compliance policy does not require device integrity
# description: >-
#   One finding per integrity setting an Android compliance policy leaves off:
#   `securityPreventInstallAppsFromUnknownSources` not true (apps from unknown sources are
#   allowed; judged on work profile, device administrator and legacy Android for Work
#   policies, the kinds that have the setting), and
#   `securityRequireSafetyNetAttestationBasicIntegrity` not true (no Play Integrity basic
#   integrity verdict is required; judged on every kind but AOSP, which has no Google Play
#   services). A policy exported without a setting its kind has is not assessed (named in the
#   reasons when there is no finding).
# related_resources:
#   - ref: https://learn.microsoft.com/mem/intune/protect/compliance-policy-create-android-for-work#device-health
#     description: "Microsoft Learn: Android Enterprise compliance settings (Play Integrity verdict)"
# custom:
#   id: DEV012
#   name: android-integrity-not-required
#   severity: low
#   area: intune
#   requires: [intune]
#   rationale: >-
#     Google's Play Integrity verdict tells whether an Android device runs a genuine,
#     unmodified system; apps from unknown sources bypass Play Protect's review. Without
#     these checks a tampered or sideloaded device can report itself compliant, so the
#     device's claims cannot be verified explicitly.
#   remediation: >-
#     In the Intune admin center, open the Android policy under Devices > Compliance >
#     Properties > Compliance settings: set Device Health > Play Integrity Verdict to Check
#     basic integrity (or basic integrity and device integrity), and, for device administrator
#     and work profile policies, Device Security > Block apps from unknown sources to Block.
#   references:
#     - {framework: Workshop, id: FT-DEV}
package m365lint.intune.android_integrity_not_required

import rego.v1

import data.m365lint.lib.finding
import data.m365lint.lib.intune

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
intune_policies := data.m365lint.lib.intune.policies
intune_policies_not_exported := data.m365lint.lib.intune.policies_not_exported

requirements := {
	"securityPreventInstallAppsFromUnknownSources": "allows apps from unknown sources",
	"securityRequireSafetyNetAttestationBasicIntegrity": "does not require the Play Integrity basic integrity verdict",
}

deny contains finding.at(
	intune.at(i, [name]),
	sprintf("Android compliance policy %s %s (%s)", [intune.described(p), text, name]),
) if {
	some i, p in intune_policies
	some name, text in requirements
	intune.has_setting(p, name)
	intune.not_enabled(p, name)
}

not_assessed contains intune_policies_not_exported if not intune_policies

not_assessed contains intune.unexported_reason(p, missing) if {
	some p in intune_policies
	missing := sort([name | some name, _ in requirements; intune.unexported(p, name)])
	count(missing) > 0
}
