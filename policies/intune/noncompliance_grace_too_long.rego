# METADATA
# title: Non-compliant devices are marked non-compliant too late
# description: >-
#   One finding per compliance policy whose export includes its actions for non-compliance
#   (`scheduledActionsForRule` with their `scheduledActionConfigurations`) and that has no
#   `block` action ("Mark device noncompliant"), or whose earliest `block` action waits more
#   than `max_noncompliance_grace_hours` (default 24) hours (`gracePeriodHours`). Policies
#   exported without their actions are not assessed for this rule, and, as an export may
#   leave out some policies' actions, the rule does not pass while any policy lacks them:
#   when there is no finding and some policy's actions (or a block action's grace period)
#   are not in the export, the rule is not assessed and names those policies. The tenant-wide
#   default policy is ignored.
# related_resources:
#   - ref: https://learn.microsoft.com/mem/intune/protect/actions-for-noncompliance
#     description: "Microsoft Learn: Configure actions for noncompliant devices"
# custom:
#   id: DEV011
#   name: noncompliance-grace-too-long
#   severity: medium
#   area: intune
#   requires: [intune]
#   rationale: >-
#     Until the "Mark device noncompliant" action runs, a device that fails its compliance
#     policy (encryption off, jailbroken, outdated OS) is still reported compliant and passes
#     Conditional Access. A grace period of days or weeks turns compliance into a suggestion;
#     the device security workshop marks devices non-compliant within a day and uses
#     notifications, not delay, to give users time to fix them.
#   remediation: >-
#     In the Intune admin center, open the policy under Devices > Compliance > Properties >
#     Actions for noncompliance: keep "Mark device noncompliant" with a schedule of at most
#     the configured maximum (24 hours by default; 0 is immediately), and add a notification
#     email or push notification at once so users can fix their device.
#   references:
#     - {framework: Workshop, id: FT-DEV}
package m365lint.intune.noncompliance_grace_too_long

import rego.v1

import data.m365lint.lib.finding
import data.m365lint.lib.intune

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
intune_params := data.m365lint.lib.intune.params
intune_policies := data.m365lint.lib.intune.policies
intune_policies_not_exported := data.m365lint.lib.intune.policies_not_exported

maximum := intune_params.max_noncompliance_grace_hours

judged contains i if {
	some i, p in intune_policies
	not intune.default_policy(p)
	is_array(p.scheduledActionsForRule)
}

# The block actions of policy i: [path, gracePeriodHours or null].
blocks(i) := [[intune.at(i, ["scheduledActionsForRule", j, "scheduledActionConfigurations", k, "gracePeriodHours"]), hours] |
	some j, rule in intune_policies[i].scheduledActionsForRule
	some k, action in intune.array_at(rule, ["scheduledActionConfigurations"])
	action.actionType == "block"
	hours := object.get(action, "gracePeriodHours", null)
]

known_hours(i) := [block[1] | some block in blocks(i); is_number(block[1])]

in_time(i) if {
	some hours in known_hours(i)
	hours <= maximum
}

unknown_hours(i) if {
	some block in blocks(i)
	not is_number(block[1])
}

deny contains finding.at(
	intune.at(i, ["scheduledActionsForRule"]),
	sprintf("Compliance policy %s never marks non-compliant devices as non-compliant: it has no 'Mark device noncompliant' (block) action", [intune.label(intune_policies[i])]),
) if {
	some i in judged
	count(blocks(i)) == 0
}

deny contains finding.at(path, message) if {
	some i in judged
	not in_time(i)
	not unknown_hours(i)
	earliest := min(known_hours(i))
	path := sort([block[0] | some block in blocks(i); block[1] == earliest])[0]
	message := sprintf("Compliance policy %s marks non-compliant devices as non-compliant only after %d hours, more than the %d allowed (max_noncompliance_grace_hours)", [
		intune.label(intune_policies[i]), earliest, maximum,
	])
}

undecided := {i |
	some i, p in intune_policies
	not intune.default_policy(p)
	not is_array(p.scheduledActionsForRule)
}

not_assessed contains intune_policies_not_exported if not intune_policies

not_assessed contains sprintf("Whether every compliance policy marks non-compliant devices in time cannot be told: %s exported without actions for non-compliance", [
	intune.labels(undecided),
]) if {
	count(undecided) > 0
}

not_assessed contains sprintf("%s has a 'Mark device noncompliant' action whose grace period is not in the export", [intune.label(intune_policies[i])]) if {
	some i in judged
	not in_time(i)
	unknown_hours(i)
}
