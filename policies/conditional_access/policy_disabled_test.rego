package m365lint.conditional_access.policy_disabled_test

import rego.v1

import data.m365lint.conditional_access.policy_disabled as rule
import data.m365lint.lib.testdata as td

findings(policies) := found if {
	found := rule.deny with input as td.tenant(policies)
}

test_passes_when_no_policy_is_disabled if {
	report_only := object.union(td.mfa_policy, {"state": "enabledForReportingButNotEnforced"})
	findings([td.legacy_block_policy, report_only]) == set()
}

test_fires_once_per_disabled_policy if {
	disabled := object.union(td.mfa_policy, {"state": "disabled"})
	findings([td.legacy_block_policy, disabled]) == {{
		"path": ["conditional_access", "policies", 1, "state"],
		"message": "Policy 'Require MFA for all users' is disabled",
	}}
}
