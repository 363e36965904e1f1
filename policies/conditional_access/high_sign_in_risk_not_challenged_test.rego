package m365lint.conditional_access.high_sign_in_risk_not_challenged_test

import rego.v1

import data.m365lint.conditional_access.high_sign_in_risk_not_challenged as rule
import data.m365lint.lib.testdata as td

message := "No enforced policy blocks access or requires MFA at high sign-in risk for all users and all cloud apps"

findings(policies) := found if {
	found := rule.deny with input as td.tenant(policies)
}

near_miss(path, text) := {{
	"path": ["conditional_access", "policies"],
	"message": message,
	"related": [{"path": path, "message": text}],
}}

test_passes_with_mfa_at_medium_and_high_sign_in_risk if {
	findings([td.mfa_policy, td.sign_in_risk_policy]) == set()
}

test_passes_with_a_block_at_high_sign_in_risk if {
	policy := object.union(td.sign_in_risk_policy, {
		"conditions": {"signInRiskLevels": ["high"]},
		"grantControls": {"builtInControls": ["block"]},
	})
	findings([policy]) == set()
}

test_passes_with_mfa_and_a_compliant_device_under_and if {
	policy := object.union(td.sign_in_risk_policy, {"grantControls": {"operator": "AND", "builtInControls": ["mfa", "compliantDevice"]}})
	findings([policy]) == set()
}

test_fires_without_any_sign_in_risk_policy if {
	findings([td.mfa_policy, td.user_risk_policy]) == {{"path": ["conditional_access", "policies"], "message": message}}
}

test_fires_when_the_policy_is_report_only if {
	policy := object.union(td.sign_in_risk_policy, {"state": "enabledForReportingButNotEnforced"})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "state"],
		"'MFA at medium or high sign-in risk' is report-only (enabledForReportingButNotEnforced)",
	)
}

test_fires_when_high_sign_in_risk_is_left_out if {
	policy := object.union(td.sign_in_risk_policy, {"conditions": {"signInRiskLevels": ["medium"]}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "signInRiskLevels"],
		"'MFA at medium or high sign-in risk' applies at sign-in risk medium but not high",
	)
}

test_fires_when_a_compliant_device_can_replace_mfa if {
	policy := object.union(td.sign_in_risk_policy, {"grantControls": {"operator": "OR", "builtInControls": ["mfa", "compliantDevice"]}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "grantControls", "operator"],
		"'MFA at medium or high sign-in risk' requires only one of its controls (operator OR), so users can satisfy it with compliantDevice instead of a block or MFA",
	)
}

test_fires_when_terms_of_use_can_replace_mfa if {
	policy := object.union(td.sign_in_risk_policy, {"grantControls": {"termsOfUse": ["3f5c9a1e-7b2d-4c8e-9f0a-1b2c3d4e5f6a"]}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "grantControls", "operator"],
		"'MFA at medium or high sign-in risk' requires only one of its controls (operator OR), so users can satisfy it with terms of use 3f5c9a1e-7b2d-4c8e-9f0a-1b2c3d4e5f6a instead of a block or MFA",
	)
}

test_fires_when_the_policy_also_needs_user_risk if {
	policy := object.union(td.sign_in_risk_policy, {"conditions": {"userRiskLevels": ["high"]}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "userRiskLevels"],
		"'MFA at medium or high sign-in risk' applies only at user risk high",
	)
}

test_fires_when_the_policy_applies_to_some_platforms_only if {
	policy := object.union(td.sign_in_risk_policy, {"conditions": {"platforms": {"includePlatforms": ["windows", "macOS"], "excludePlatforms": []}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "platforms", "includePlatforms"],
		"'MFA at medium or high sign-in risk' applies only to platforms windows, macOS",
	)
}

test_fires_when_the_policy_excludes_a_role if {
	policy := object.union(td.sign_in_risk_policy, {"conditions": {"users": {"excludeRoles": ["62e90394-69f5-4237-9190-012177145e10"]}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "users", "excludeRoles", 0],
		"'MFA at medium or high sign-in risk' excludes directory role Global Administrator (62e90394-69f5-4237-9190-012177145e10)",
	)
}

test_fires_when_the_policy_excludes_an_unapproved_user if {
	policy := object.union(td.sign_in_risk_policy, {"conditions": {"users": {"excludeUsers": ["jürgen.weiß@contoso.com"]}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "users", "excludeUsers", 0],
		"'MFA at medium or high sign-in risk' excludes user jürgen.weiß@contoso.com, which is not an approved exclusion",
	)
}

test_fires_when_the_policy_is_disabled if {
	policy := object.union(td.sign_in_risk_policy, {"state": "disabled"})
	findings([policy]) == near_miss(["conditional_access", "policies", 0, "state"], "'MFA at medium or high sign-in risk' is disabled")
}

test_every_other_narrowing_condition_is_a_near_miss if {
	cases := td.narrowing_cases_except({"sign_in_risk"})
	# Guards against a vacuous pass: 11 cases, at most two left out.
	count(cases) >= 9
	every case in cases {
		findings([object.union(td.sign_in_risk_policy, {"conditions": case.conditions})]) == near_miss(
			td.narrowing_path(case),
			sprintf("'MFA at medium or high sign-in risk' %s", [case.reason]),
		)
	}
}
