package m365lint.dlp.dlp_policy_in_test_mode_test

import rego.v1

import data.m365lint.dlp.dlp_policy_in_test_mode as rule
import data.m365lint.lib.dlp_testdata as td

findings(policies) := found if {
	found := rule.deny with input as td.tenant(policies, [])
}

test_passes_when_policies_are_enforced_or_off if {
	off := object.union(td.exchange_policy, {"mode": "Disable", "enabled": false})
	pending := object.union(td.dsc_policy, {"name": "Alt", "mode": "PendingDeletion"})
	findings([td.policy, off, pending]) == set()
}

test_fires_once_per_policy_in_test_mode if {
	with_tips := object.union(td.policy, {"mode": "TestWithNotifications"})
	silent := object.union(td.exchange_policy, {"mode": "TestWithoutNotifications"})
	findings([with_tips, td.dsc_policy, silent]) == {
		{
			"path": ["dlp", "policies", 0, "mode"],
			"message": "DLP policy 'U.S. Financial Data' is in test mode (TestWithNotifications): it shows policy tips but blocks nothing",
		},
		{
			"path": ["dlp", "policies", 2, "mode"],
			"message": "DLP policy 'Kundendaten Österreich' is in test mode (TestWithoutNotifications): it only logs matches, silently",
		},
	}
}

test_fires_for_a_microsoft365dsc_policy_in_test_mode if {
	policy := object.union(td.dsc_policy, {"mode": "TestWithNotifications"})
	findings([policy]) == {{
		"path": ["dlp", "policies", 0, "mode"],
		"message": "DLP policy 'U.S. Financial Data' is in test mode (TestWithNotifications): it shows policy tips but blocks nothing",
	}}
}
