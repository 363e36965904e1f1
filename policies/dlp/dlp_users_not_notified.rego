# METADATA
# title: Enforced DLP rule does not notify users
# description: >-
#   One finding per rule of an enforced DLP policy (not disabled; a rule whose disabled state
#   is not exported is judged as on) that notifies no one: its `notifyUser` is empty, pointing
#   at it, or absent, pointing at the rule. Reading chosen for fewer false passes: an absent
#   `notifyUser` counts as empty, because Security & Compliance PowerShell writes "no one" as
#   `[]` or null and Microsoft365DSC leaves parameters that are not set out of its export.
# related_resources:
#   - ref: https://learn.microsoft.com/purview/use-notifications-and-policy-tips
#     description: "Microsoft Learn: Send email notifications and show policy tips for DLP policies"
# custom:
#   id: DLP006
#   name: dlp-users-not-notified
#   severity: low
#   area: dlp
#   requires: [dlp]
#   rationale: >-
#     A policy tip or notification tells people, at the moment they share, that the content is
#     sensitive and why the action is blocked or audited. Without it users cannot correct a
#     mistake, report a false positive or learn the policy, and silent blocking drives them to
#     workarounds; the information protection workshop pairs every DLP action with user
#     education.
#   remediation: >-
#     In the Microsoft Purview portal, open Data loss prevention > Policies, edit the policy's
#     rule and, under User notifications, turn on notifications and policy tips for the owner
#     or last modifier (PowerShell: `Set-DlpComplianceRule -Identity <rule> -NotifyUser
#     Owner,LastModifier -NotifyUserType Email,PolicyTip`).
#   references:
#     - {framework: SCuBA, id: MS.SECURITYSUITE.3.4v1}
package m365lint.dlp.dlp_users_not_notified

import rego.v1

import data.m365lint.lib.dlp
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
dlp_policies := data.m365lint.lib.dlp.policies
dlp_rules := data.m365lint.lib.dlp.rules

deny contains finding.at(
	path,
	sprintf("Rule %s of enforced policy %s notifies no one when it matches: no email and no policy tip", [
		dlp.rule_label(r),
		concat(", ", sort([dlp.policy_label(dlp_policies[i]) | some i in dlp.parents(j)])),
	]),
) if {
	some j, r in dlp_rules
	dlp.in_force(j)
	count(dlp.recipients(r, "notifyUser")) == 0
	path := notify_path(j)
}

notify_path(j) := dlp.rule_at(j, ["notifyUser"]) if "notifyUser" in object.keys(dlp_rules[j])

else := dlp.rule_at(j, [])
