# METADATA
# title: DLP rule detects required sensitive information but neither blocks nor encrypts
# description: >-
#   One finding per rule of an enforced DLP policy (not disabled; a rule whose disabled state
#   is not exported is judged as on) that detects a sensitive information type of
#   `dlp_required_info_types` but neither blocks access for everyone (`blockAccess` true with
#   `blockAccessScope` `All`) nor encrypts (an `encryptRMSTemplate`). The finding points at
#   `blockAccessScope` when the rule blocks only some people (`PerUser`: external users,
#   `PerAnonymousUser`: anonymous links), otherwise at `blockAccess`. Reading chosen for fewer
#   false passes: every detecting rule must block or encrypt, not just one per type, because a
#   rule that only notifies lets the content it matches leave (typically the "low volume" rule
#   of a template, whose matches are not caught by the "high volume" rule that blocks). An
#   absent `encryptRMSTemplate` means none (Microsoft365DSC leaves out unset parameters). Not
#   assessed when there is no finding and a required type is detected by no enforced rule
#   (DLP003 reports it), when a blocking rule's scope is not in the export, or when an
#   enforced rule whose condition could not be read neither blocks nor encrypts.
# related_resources:
#   - ref: https://learn.microsoft.com/purview/dlp-policy-reference#actions
#     description: "Microsoft Learn: Data loss prevention policy reference (actions)"
# custom:
#   id: DLP005
#   name: sensitive-content-not-blocked
#   severity: medium
#   area: dlp
#   requires: [dlp]
#   rationale: >-
#     Detecting sensitive content and telling the user is not protecting it: a rule that only
#     notifies or reports lets payment card numbers and national identifiers leave the
#     organization. The information protection workshop's target is to block sharing of
#     sensitive data with people who should not have it, or to encrypt it so that only
#     authorized recipients can read it.
#   remediation: >-
#     In the Microsoft Purview portal, open Data loss prevention > Policies, edit the policy and
#     its rule, and under Actions choose "Restrict access or encrypt the content in Microsoft
#     365 locations" > "Block everyone", or for Exchange "Encrypt email messages" (PowerShell:
#     `Set-DlpComplianceRule -Identity <rule> -BlockAccess $true -BlockAccessScope All`, or
#     `-EncryptRMSTemplate "Encrypt"`). Keep user overrides with a business justification if
#     people need them.
#   references:
#     - {framework: SCuBA, id: MS.SECURITYSUITE.3.3v1}
package m365lint.dlp.sensitive_content_not_blocked

import rego.v1

import data.m365lint.lib.dlp
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
dlp_policies := data.m365lint.lib.dlp.policies
dlp_required_info_types := data.m365lint.lib.dlp.required_info_types
dlp_required_types_detected := data.m365lint.lib.dlp.required_types_detected
dlp_rules := data.m365lint.lib.dlp.rules

# The required types rule j detects, as configured.
required_detected(j) := sort(dlp_required_types_detected[j])

protects(r) if dlp.blocks_everyone(r)

protects(r) if dlp.encrypts(r)

scope_known(r) if not r.blockAccess == true

scope_known(r) if is_string(r.blockAccessScope)

scope_effects := {
	"PerUser": "blocks only people outside the organization (blockAccessScope PerUser)",
	"PerAnonymousUser": "blocks only people using an anonymous link (blockAccessScope PerAnonymousUser)",
}

# Where the finding about rule j points, and what the rule does instead of protecting.
shortfall(j) := {"path": dlp.rule_at(j, ["blockAccessScope"]), "effect": object.get(scope_effects, r.blockAccessScope, sprintf("blocks access with blockAccessScope %s", [r.blockAccessScope]))} if {
	r := dlp_rules[j]
	r.blockAccess == true
} else := {"path": dlp.rule_at(j, ["blockAccess"]), "effect": "does not block access"} if {
	"blockAccess" in object.keys(dlp_rules[j])
} else := {"path": dlp.rule_at(j, []), "effect": "does not block access"}

deny contains finding.at(s.path, sprintf("Rule %s of enforced policy %s detects %s but %s and does not encrypt", [
	dlp.rule_label(r),
	concat(", ", sort([dlp.policy_label(dlp_policies[i]) | some i in dlp.parents(j)])),
	concat(", ", types),
	s.effect,
])) if {
	some j, r in dlp_rules
	dlp.in_force(j)
	types := required_detected(j)
	count(types) > 0
	scope_known(r)
	not protects(r)
	s := shortfall(j)
}

not_assessed contains sprintf("No enabled rule of an enforced DLP policy detects '%s' (see DLP003), so whether its content is blocked cannot be judged", [t]) if {
	some t in dlp_required_info_types
	not detected_by_counting_rule(t)
}

not_assessed contains sprintf("Rule %s blocks access, but its blockAccessScope is not in the export, so whether it blocks everyone is unknown", [dlp.rule_label(r)]) if {
	some j, r in dlp_rules
	dlp.in_force(j)
	count(dlp_required_types_detected[j]) > 0
	not scope_known(r)
	not dlp.encrypts(r)
}

not_assessed contains sprintf("Rule %s of an enforced policy neither blocks access for everyone nor encrypts, and its condition could not be read from the export, so it may detect required types", [dlp.rule_label(r)]) if {
	some j, r in dlp_rules
	dlp.in_force(j)
	dlp.condition_unknown(r)
	not protects(r)
}

detected_by_counting_rule(t) if {
	some j, _ in dlp_rules
	dlp.counts(j)
	t in dlp_required_types_detected[j]
}
