package m365lint.conditional_access.no_emergency_access_exclusion_test

import rego.v1

import data.m365lint.conditional_access.no_emergency_access_exclusion as rule
import data.m365lint.lib.testdata as td

# Findings with emergency-access accounts configured (user bg-1111@..., group 9e4b8c1d-...).
findings(policies) := found if {
	found := rule.deny with input as td.tenant(policies) with data.m365lint.params as td.params_with_emergency_access
}

excluding(policy, users) := object.union(policy, {"conditions": {"users": users}})

both_excluded := {"excludeUsers": ["BG-1111@contoso.onmicrosoft.com"], "excludeGroups": ["9E4B8C1D-2F3A-4B5C-8D6E-7F8091A2B3C4"]}

test_passes_when_every_protective_policy_excludes_the_accounts if {
	findings([excluding(td.mfa_policy, both_excluded), excluding(td.legacy_block_policy, both_excluded)]) == set()
}

test_policies_not_for_all_users_are_out_of_scope if {
	findings([td.admin_phishing_resistant_policy, td.guest_mfa_policy]) == set()
}

test_report_only_and_session_only_policies_are_out_of_scope if {
	report_only := object.union(td.mfa_policy, {"state": "enabledForReportingButNotEnforced"})
	session_only := object.union(td.admin_session_policy, {"conditions": {"users": {"includeUsers": ["All"], "includeRoles": []}}})
	findings([report_only, session_only]) == set()
}

test_fires_per_policy_and_kind_of_missing_exclusion if {
	policy := excluding(td.mfa_policy, {"excludeUsers": ["a3c9e2f1-7b4d-4e8a-9c6f-2d1e0b9a8c7f"]})
	findings([policy]) == {
		{
			"path": ["conditional_access", "policies", 0, "conditions", "users", "excludeUsers"],
			"message": "Policy 'Require MFA for all users' requires MFA for all users but does not exclude emergency-access account bg-1111@contoso.onmicrosoft.com: a mistake or an outage could lock every administrator out",
			"details": {"policyId": "11111111-1111-4111-8111-111111111111", "kind": "users", "missing": ["bg-1111@contoso.onmicrosoft.com"]},
		},
		{
			"path": ["conditional_access", "policies", 0, "conditions", "users", "excludeGroups"],
			"message": "Policy 'Require MFA for all users' requires MFA for all users but does not exclude emergency-access group 9e4b8c1d-2f3a-4b5c-8d6e-7f8091a2b3c4: a mistake or an outage could lock every administrator out",
			"details": {"policyId": "11111111-1111-4111-8111-111111111111", "kind": "groups", "missing": ["9e4b8c1d-2f3a-4b5c-8d6e-7f8091a2b3c4"]},
		},
	}
}

test_lists_every_missing_account if {
	params := object.union(data.m365lint.params, {"emergency_access": {"users": ["notfall-zwei@contoso.onmicrosoft.com", "b7e2c9a4-1f3d-4e8b-a6c5-9d0e2f4a7b31"], "groups": []}})
	found := rule.deny with input as td.tenant([td.legacy_block_policy]) with data.m365lint.params as params
	found == {{
		"path": ["conditional_access", "policies", 0, "conditions", "users", "excludeUsers"],
		"message": "Policy 'Block legacy authentication' blocks access for all users but does not exclude emergency-access accounts b7e2c9a4-1f3d-4e8b-a6c5-9d0e2f4a7b31, notfall-zwei@contoso.onmicrosoft.com: a mistake or an outage could lock every administrator out",
		"details": {"policyId": "22222222-2222-4222-8222-222222222222", "kind": "users", "missing": ["b7e2c9a4-1f3d-4e8b-a6c5-9d0e2f4a7b31", "notfall-zwei@contoso.onmicrosoft.com"]},
	}}
}

test_managed_device_policies_are_in_scope if {
	policy := excluding(td.managed_device_policy, {"excludeUsers": ["bg-1111@contoso.onmicrosoft.com"]})
	findings([policy]) == {{
		"path": ["conditional_access", "policies", 0, "conditions", "users", "excludeGroups"],
		"message": "Policy 'Require a managed device' requires a managed device for all users but does not exclude emergency-access group 9e4b8c1d-2f3a-4b5c-8d6e-7f8091a2b3c4: a mistake or an outage could lock every administrator out",
		"details": {"policyId": "66666666-6666-4666-8666-666666666666", "kind": "groups", "missing": ["9e4b8c1d-2f3a-4b5c-8d6e-7f8091a2b3c4"]},
	}}
}

test_narrowed_policies_are_in_scope if {
	policy := excluding(
		object.union(td.sign_in_risk_policy, {"grantControls": {"operator": "AND", "builtInControls": ["mfa", "compliantDevice"]}}),
		{"excludeGroups": ["9e4b8c1d-2f3a-4b5c-8d6e-7f8091a2b3c4"]},
	)
	findings([policy]) == {{
		"path": ["conditional_access", "policies", 0, "conditions", "users", "excludeUsers"],
		"message": "Policy 'MFA at medium or high sign-in risk' requires MFA and a managed device for all users but does not exclude emergency-access account bg-1111@contoso.onmicrosoft.com: a mistake or an outage could lock every administrator out",
		"details": {"policyId": "55555555-5555-4555-8555-555555555555", "kind": "users", "missing": ["bg-1111@contoso.onmicrosoft.com"]},
	}}
}

test_one_info_finding_when_no_account_is_configured if {
	report_only := object.union(td.device_code_block_policy, {"state": "enabledForReportingButNotEnforced"})
	or_device := object.union(td.managed_device_policy, {"grantControls": {"builtInControls": ["mfa", "compliantDevice"]}})
	found := rule.deny with input as td.tenant([td.mfa_policy, report_only, or_device])
	found == {{
		"path": ["conditional_access", "policies"],
		"message": "No emergency-access accounts are configured ([parameters.emergency_access] in m365lint.toml), so m365lint cannot check that lockout-prone policies exclude them",
		"related": [
			{
				"path": ["conditional_access", "policies", 0, "conditions", "users", "excludeUsers"],
				"message": "'Require MFA for all users' requires MFA for all users; check that it excludes your emergency-access accounts",
			},
			{
				"path": ["conditional_access", "policies", 2, "conditions", "users", "excludeUsers"],
				"message": "'Require a managed device' requires MFA or a managed device for all users; check that it excludes your emergency-access accounts",
			},
		],
		"severity": "info",
	}}
}

test_the_info_finding_stands_alone_without_protective_policies if {
	found := rule.deny with input as td.tenant([])
	found == {{
		"path": ["conditional_access", "policies"],
		"message": "No emergency-access accounts are configured ([parameters.emergency_access] in m365lint.toml), so m365lint cannot check that lockout-prone policies exclude them",
		"severity": "info",
	}}
}

test_a_policy_without_state_is_judged_as_on if {
	policy := excluding(object.remove(td.mfa_policy, ["state"]), {"excludeUsers": ["bg-1111@contoso.onmicrosoft.com"]})
	findings([policy]) == {{
		"path": ["conditional_access", "policies", 0, "conditions", "users", "excludeGroups"],
		"message": "Policy 'Require MFA for all users' requires MFA for all users but does not exclude emergency-access group 9e4b8c1d-2f3a-4b5c-8d6e-7f8091a2b3c4: a mistake or an outage could lock every administrator out",
		"details": {"policyId": "11111111-1111-4111-8111-111111111111", "kind": "groups", "missing": ["9e4b8c1d-2f3a-4b5c-8d6e-7f8091a2b3c4"]},
	}}
}
