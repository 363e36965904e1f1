# METADATA
# title: High sign-in risk is not challenged
# description: >-
#   Fails when no enforced Conditional Access policy for all users and all cloud apps applies
#   at high sign-in risk (`signInRiskLevels` includes `high`) and blocks access or requires
#   MFA (the `mfa` control or an authentication strength). The policy must be on (not
#   report-only), exclude no directory roles and only approved users, groups or apps, and
#   must not be narrowed by any other condition (user risk, platforms, locations, device
#   filter, client apps, authentication flows). Reading chosen for fewer false passes: MFA
#   must be a condition of access, so under operator `OR` no other control (such as a
#   compliant device or terms of use) may stand beside it. ScubaGear accepts only a block;
#   requiring MFA also passes here, as CIS and Microsoft recommend. The finding lists every
#   sign-in-risk policy that falls short, and why.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/identity/conditional-access/policy-risk-based-sign-in
#     description: "Microsoft Learn: Require multifactor authentication for elevated sign-in risk"
# custom:
#   id: CA005
#   name: high-sign-in-risk-not-challenged
#   severity: high
#   area: conditional_access
#   requires: [conditional_access]
#   rationale: >-
#     High sign-in risk means Microsoft Entra ID Protection believes this sign-in is not the
#     account owner: a password spray, an anonymous proxy, impossible travel, a token replay.
#     Letting it through on the password alone hands the session to the attacker; a block or
#     an MFA challenge stops it. Zero Trust's "verify explicitly" uses exactly these signals.
#   remediation: >-
#     Create a Conditional Access policy with Users = All users (exclude only your
#     emergency-access accounts), Target resources = All cloud apps, Conditions > Sign-in risk
#     = High (and Medium if you can), and Grant = Require authentication strength (or Require
#     multifactor authentication) as the only grant control, or Block access. Set Session >
#     Sign-in frequency = Every time. Validate it in report-only mode, then set it to On.
#     Requires Microsoft Entra ID P2.
#   references:
#     - {framework: SCuBA, id: MS.AAD.2.3v1, inspired: true, note: "ScubaGear accepts only a block"}
#     - {framework: CIS, id: 5.2.2.7}
package m365lint.conditional_access.high_sign_in_risk_not_challenged

import rego.v1

import data.m365lint.lib.conditional_access as ca
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
ca_collection := data.m365lint.lib.conditional_access.collection
ca_policies := data.m365lint.lib.conditional_access.policies

sign_in_risk_levels(p) := ca.array_at(p, ["conditions", "signInRiskLevels"])

# Policies that react to sign-in risk with a block or MFA.
candidates contains i if {
	some i, p in ca_policies
	count(sign_in_risk_levels(p)) > 0
	challenging(p)
}

challenging(p) if ca.blocks(p)

challenging(p) if ca.mfa_grant(p)

# The sign-in risk condition is what this rule is about.
expected := {"sign_in_risk"}

accepted := {"block", "mfa", "authenticationStrength"}

shortfalls(i) := (ca.shortfalls_except(i, expected) | risk_shortfalls(i)) | ca.grant_shortfalls(i, accepted, "a block or MFA")

risk_shortfalls(i) := {s |
	levels := sign_in_risk_levels(ca_policies[i])
	not "high" in levels
	s := {
		"category": "sign_in_risk",
		"path": ca.at(i, ["conditions", "signInRiskLevels"]),
		"reason": sprintf("applies at sign-in risk %s but not high", [concat(", ", levels)]),
	}
}

satisfied if {
	some i in candidates
	count(shortfalls(i)) == 0
}

near_misses contains evidence if {
	some i in candidates
	some evidence in ca.explain(i, shortfalls(i))
}

deny contains finding.missing(
	ca_collection,
	"No enforced policy blocks access or requires MFA at high sign-in risk for all users and all cloud apps",
	near_misses,
) if {
	not satisfied
}
