package m365lint.conditional_access.high_user_risk_not_remediated_test

import rego.v1

import data.m365lint.conditional_access.high_user_risk_not_remediated as rule
import data.m365lint.lib.testdata as td

message := "No enforced policy blocks access or requires a password change with MFA at high user risk for all users and all cloud apps"

findings(policies) := found if {
	found := rule.deny with input as td.tenant(policies)
}

near_miss(path, text) := {{
	"path": ["conditional_access", "policies"],
	"message": message,
	"related": [{"path": path, "message": text}],
}}

test_passes_with_a_password_change_and_mfa_at_high_user_risk if {
	findings([td.mfa_policy, td.user_risk_policy]) == set()
}

test_passes_with_a_block_at_medium_and_high_user_risk if {
	policy := object.union(td.user_risk_policy, {
		"conditions": {"userRiskLevels": ["medium", "high"]},
		"grantControls": {"operator": "OR", "builtInControls": ["block"]},
	})
	findings([policy]) == set()
}

test_an_authentication_strength_counts_as_mfa if {
	policy := object.union(td.user_risk_policy, {"grantControls": {
		"builtInControls": ["passwordChange"],
		"authenticationStrength": td.mfa_strength,
	}})
	findings([policy]) == set()
}

test_fires_without_any_user_risk_policy if {
	findings([td.mfa_policy, td.sign_in_risk_policy]) == {{"path": ["conditional_access", "policies"], "message": message}}
}

test_fires_when_the_policy_is_report_only if {
	policy := object.union(td.user_risk_policy, {"state": "enabledForReportingButNotEnforced"})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "state"],
		"'Password change at high user risk' is report-only (enabledForReportingButNotEnforced)",
	)
}

test_fires_when_either_control_suffices if {
	policy := object.union(td.user_risk_policy, {"grantControls": {"operator": "OR"}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "grantControls", "operator"],
		"'Password change at high user risk' requires a password change or MFA (operator OR), not both (AND)",
	)
}

test_fires_when_mfa_is_required_without_a_password_change if {
	policy := object.union(td.user_risk_policy, {"grantControls": {"operator": "OR", "builtInControls": ["mfa"]}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "grantControls", "builtInControls"],
		"'Password change at high user risk' requires MFA but no password change, so the compromised password stays valid",
	)
}

test_fires_when_a_password_change_is_required_without_mfa if {
	policy := object.union(td.user_risk_policy, {"grantControls": {"builtInControls": ["passwordChange"]}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "grantControls", "builtInControls"],
		"'Password change at high user risk' requires a password change without MFA, so whoever holds the password can change it",
	)
}

test_fires_when_high_user_risk_is_left_out if {
	policy := object.union(td.user_risk_policy, {"conditions": {"userRiskLevels": ["low", "medium"]}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "userRiskLevels"],
		"'Password change at high user risk' applies at user risk low, medium but not high",
	)
}

test_fires_when_a_password_change_policy_has_no_user_risk_condition if {
	policy := object.union(td.user_risk_policy, {"conditions": {"userRiskLevels": []}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "userRiskLevels"],
		"'Password change at high user risk' has no user risk condition, so it is not a high user risk policy",
	)
}

test_fires_when_the_policy_also_needs_sign_in_risk if {
	policy := object.union(td.user_risk_policy, {"conditions": {"signInRiskLevels": ["high"]}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "signInRiskLevels"],
		"'Password change at high user risk' applies only at sign-in risk high",
	)
}

test_fires_when_the_policy_skips_trusted_locations if {
	policy := object.union(td.user_risk_policy, {"conditions": {"locations": {"includeLocations": ["All"], "excludeLocations": ["AllTrusted"]}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "locations", "excludeLocations"],
		"'Password change at high user risk' excludes locations AllTrusted",
	)
}

test_fires_when_the_policy_excludes_an_unapproved_group if {
	policy := object.union(td.user_risk_policy, {"conditions": {"users": {"excludeGroups": ["Sales – Außendienst"]}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "users", "excludeGroups", 0],
		"'Password change at high user risk' excludes group Sales – Außendienst, which is not an approved exclusion",
	)
}

test_fires_when_the_policy_covers_some_users_only if {
	policy := object.union(td.user_risk_policy, {"conditions": {"users": {"includeUsers": [], "includeGroups": ["0d9c8b7a-6f5e-4d3c-9b2a-1f0e9d8c7b6a"]}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "users", "includeUsers"],
		"'Password change at high user risk' does not include all users",
	)
}

test_emergency_access_exclusions_are_approved if {
	policy := object.union(td.user_risk_policy, {"conditions": {"users": {"excludeUsers": ["bg-1111@contoso.onmicrosoft.com"]}}})
	found := rule.deny with input as td.tenant([policy]) with data.m365lint.params as td.params_with_emergency_access
	found == set()
}

test_every_other_narrowing_condition_is_a_near_miss if {
	cases := td.narrowing_cases_except({"user_risk"})
	# Guards against a vacuous pass: 11 cases, at most two left out.
	count(cases) >= 9
	every case in cases {
		findings([object.union(td.user_risk_policy, {"conditions": case.conditions})]) == near_miss(
			td.narrowing_path(case),
			sprintf("'Password change at high user risk' %s", [case.reason]),
		)
	}
}
