# METADATA
# title: High user risk is not remediated
# description: >-
#   Fails when no enforced Conditional Access policy for all users and all cloud apps applies
#   at high user risk (`userRiskLevels` includes `high`) and either blocks access or requires
#   a password change together with MFA (the `mfa` control or an authentication strength)
#   under operator `AND`. The policy must be on (not report-only), exclude no directory roles
#   and only approved users, groups or apps, and must not be narrowed by any other condition
#   (sign-in risk, platforms, locations, device filter, client apps, authentication flows).
#   Readings chosen for fewer false passes: under operator `OR` a user may satisfy MFA alone
#   and keep the compromised password, so it does not count; MFA without a password change
#   does not count either. Unlike ScubaGear, which accepts only a block, a secure password
#   change also passes, as CIS and Microsoft recommend. The finding lists every user-risk
#   policy that falls short, and why.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/identity/conditional-access/policy-risk-based-user
#     description: "Microsoft Learn: Require a secure password change for elevated user risk"
# custom:
#   id: CA004
#   name: high-user-risk-not-remediated
#   severity: high
#   area: conditional_access
#   requires: [conditional_access]
#   rationale: >-
#     High user risk means Microsoft Entra ID Protection believes the account itself is
#     compromised, typically because its credentials leaked. Until the password is changed
#     (after proving identity with MFA) or access is blocked, the attacker keeps a working
#     password. Zero Trust's "assume breach" calls for automatic remediation, not a log entry.
#   remediation: >-
#     Create a Conditional Access policy with Users = All users (exclude only your
#     emergency-access accounts), Target resources = All cloud apps, Conditions > User risk =
#     High, and Grant = Grant access with Require authentication strength (or Require
#     multifactor authentication) and Require password change, Require all the selected
#     controls. Validate it in report-only mode, then set it to On. Requires Microsoft Entra
#     ID P2.
#   references:
#     - {framework: SCuBA, id: MS.AAD.2.1v1, inspired: true, note: "ScubaGear accepts only a block"}
#     - {framework: CIS, id: 5.2.2.6}
package m365lint.conditional_access.high_user_risk_not_remediated

import rego.v1

import data.m365lint.lib.conditional_access as ca
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
ca_collection := data.m365lint.lib.conditional_access.collection
ca_policies := data.m365lint.lib.conditional_access.policies

password_change(p) if "passwordChange" in ca.builtin_controls(p)

user_risk_levels(p) := ca.array_at(p, ["conditions", "userRiskLevels"])

# Policies that react to user risk, or require a password change.
candidates contains i if {
	some i, p in ca_policies
	count(user_risk_levels(p)) > 0
	remediating(p)
}

candidates contains i if {
	some i, p in ca_policies
	password_change(p)
}

remediating(p) if ca.blocks(p)

remediating(p) if password_change(p)

remediating(p) if ca.mfa_grant(p)

# The user risk condition is what this rule is about.
expected := {"user_risk"}

shortfalls(i) := (ca.shortfalls_except(i, expected) | risk_shortfalls(i)) | grant_shortfalls(i)

risk_shortfalls(i) := {s |
	count(user_risk_levels(ca_policies[i])) == 0
	s := {
		"category": "user_risk",
		"path": ca.at(i, ["conditions", "userRiskLevels"]),
		"reason": "has no user risk condition, so it is not a high user risk policy",
	}
} | {s |
	levels := user_risk_levels(ca_policies[i])
	count(levels) > 0
	not "high" in levels
	s := {
		"category": "user_risk",
		"path": ca.at(i, ["conditions", "userRiskLevels"]),
		"reason": sprintf("applies at user risk %s but not high", [concat(", ", levels)]),
	}
}

grant_shortfalls(i) := {s |
	p := ca_policies[i]
	not ca.blocks(p)
	password_change(p)
	not ca.mfa_grant(p)
	s := {
		"category": "grant",
		"path": ca.at(i, ["grantControls", "builtInControls"]),
		"reason": "requires a password change without MFA, so whoever holds the password can change it",
	}
} | {s |
	p := ca_policies[i]
	not ca.blocks(p)
	not password_change(p)
	ca.mfa_grant(p)
	s := {
		"category": "grant",
		"path": ca.at(i, ["grantControls", "builtInControls"]),
		"reason": "requires MFA but no password change, so the compromised password stays valid",
	}
} | {s |
	p := ca_policies[i]
	not ca.blocks(p)
	password_change(p)
	ca.mfa_grant(p)
	not ca.and_operator(p)
	s := {
		"category": "grant",
		"path": ca.at(i, ["grantControls", "operator"]),
		"reason": sprintf("requires a password change or MFA (operator %s), not both (AND)", [ca.operator_text(p)]),
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
	"No enforced policy blocks access or requires a password change with MFA at high user risk for all users and all cloud apps",
	near_misses,
) if {
	not satisfied
}
