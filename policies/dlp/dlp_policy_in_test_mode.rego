# METADATA
# title: DLP policy is in test mode
# description: >-
#   One finding per DLP policy whose `mode` is `TestWithNotifications` or
#   `TestWithoutNotifications` (simulation), pointing at its `mode`: the policy detects
#   sensitive content and may show policy tips, but blocks, encrypts and restricts nothing.
#   Policies that are off (`Disable`) or pending deletion are not in test mode and are not
#   reported here.
# related_resources:
#   - ref: https://learn.microsoft.com/purview/dlp-simulation-mode-learn
#     description: "Microsoft Learn: Learn about running a DLP policy in simulation mode"
# custom:
#   id: DLP002
#   name: dlp-policy-in-test-mode
#   severity: medium
#   area: dlp
#   requires: [dlp]
#   rationale: >-
#     Test (simulation) mode is for tuning a policy before it protects anything. A policy left
#     in it looks like protection in the portal and in audits while sensitive data still
#     leaves the organization; the information protection workshop's deployment plan ends
#     with every tuned policy turned on.
#   remediation: >-
#     Review the policy's matches in Activity explorer and the DLP alerts, adjust the rules to
#     remove false positives, then in the Microsoft Purview portal open Data loss prevention >
#     Policies, edit the policy and choose "Turn the policy on immediately" (PowerShell:
#     `Set-DlpCompliancePolicy -Identity <name> -Mode Enable`). Delete policies that are no
#     longer wanted.
#   references:
#     - {framework: Workshop, id: CISO-M5}
package m365lint.dlp.dlp_policy_in_test_mode

import rego.v1

import data.m365lint.lib.dlp
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
dlp_policies := data.m365lint.lib.dlp.policies

effects := {
	"TestWithNotifications": "it shows policy tips but blocks nothing",
	"TestWithoutNotifications": "it only logs matches, silently",
}

deny contains finding.at(
	dlp.policy_at(i, ["mode"]),
	sprintf("DLP policy %s is in test mode (%s): %s", [dlp.policy_label(p), p.mode, effects[p.mode]]),
) if {
	some i, p in dlp_policies
	dlp.in_test_mode(p)
}
