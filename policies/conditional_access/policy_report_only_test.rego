package m365lint.conditional_access.policy_report_only_test

import rego.v1

import data.m365lint.conditional_access.policy_report_only as rule
import data.m365lint.lib.testdata as td

findings(policies) := found if {
	found := rule.deny with input as td.tenant(policies)
}

test_passes_when_every_policy_is_on_or_off if {
	disabled := object.union(td.legacy_block_policy, {"state": "disabled"})
	findings([td.mfa_policy, disabled]) == set()
}

test_fires_once_per_report_only_policy if {
	first := object.union(td.mfa_policy, {"state": "enabledForReportingButNotEnforced"})
	second := object.union(td.legacy_block_policy, {"state": "enabledForReportingButNotEnforced"})
	findings([td.mfa_policy, first, second]) == {
		{
			"path": ["conditional_access", "policies", 1, "state"],
			"message": "Policy 'Require MFA for all users' is report-only: it logs what it would do and enforces nothing",
		},
		{
			"path": ["conditional_access", "policies", 2, "state"],
			"message": "Policy 'Block legacy authentication' is report-only: it logs what it would do and enforces nothing",
		},
	}
}
