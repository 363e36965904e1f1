package m365lint.dlp.no_enforced_dlp_policy_test

import rego.v1

import data.m365lint.dlp.no_enforced_dlp_policy as rule
import data.m365lint.lib.dlp_testdata as td

message := "No enforced DLP policy has an enabled rule"

findings(policies, rules) := found if {
	found := rule.deny with input as td.tenant(policies, rules)
}

reasons(policies, rules) := found if {
	found := rule.not_assessed with input as td.tenant(policies, rules)
}

near_misses(related) := {{"path": ["dlp", "policies"], "message": message, "related": related}}

test_passes_with_an_enforced_policy_and_an_enabled_rule if {
	findings([td.policy], [td.rule]) == set()
	reasons([td.policy], [td.rule]) == set()
}

test_passes_for_a_microsoft365dsc_policy_without_enabled if {
	findings([td.dsc_policy], [td.dsc_rule]) == set()
}

test_rules_join_by_guid_alone if {
	rule_by_guid := object.remove(td.rule, ["parentPolicyName"])
	findings([td.policy], [rule_by_guid]) == set()
}

test_rules_join_by_name_ignoring_case_and_spaces if {
	rule_by_name := object.union(object.remove(td.rule, ["policy"]), {"parentPolicyName": " u.s. financial DATA "})
	findings([td.policy], [rule_by_name]) == set()
}

test_fires_without_any_policy if {
	findings([], []) == {{"path": ["dlp", "policies"], "message": message}}
}

test_fires_when_the_policy_is_in_test_mode if {
	policy := object.union(td.policy, {"mode": "TestWithNotifications"})
	findings([policy], [td.rule]) == near_misses([{
		"path": ["dlp", "policies", 0, "mode"],
		"message": "Policy 'U.S. Financial Data' has enabled rules but is in test mode (TestWithNotifications): it shows policy tips but blocks nothing",
	}])
}

test_fires_when_the_policy_is_off if {
	policy := object.union(td.policy, {"mode": "Disable", "enabled": false})
	findings([policy], [td.rule]) == near_misses([
		{"path": ["dlp", "policies", 0, "enabled"], "message": "Policy 'U.S. Financial Data' has enabled rules but is not enabled (enabled is false)"},
		{"path": ["dlp", "policies", 0, "mode"], "message": "Policy 'U.S. Financial Data' has enabled rules but is turned off (mode Disable)"},
	])
}

test_fires_when_enabled_is_false_despite_mode_enable if {
	policy := object.union(td.policy, {"enabled": false})
	findings([policy], [td.rule]) == near_misses([{
		"path": ["dlp", "policies", 0, "enabled"],
		"message": "Policy 'U.S. Financial Data' has enabled rules but is not enabled (enabled is false)",
	}])
}

test_fires_when_a_microsoft365dsc_policy_is_disabled if {
	policy := object.union(td.dsc_policy, {"mode": "Disable"})
	findings([policy], [td.dsc_rule]) == near_misses([{
		"path": ["dlp", "policies", 0, "mode"],
		"message": "Policy 'U.S. Financial Data' has enabled rules but is turned off (mode Disable)",
	}])
}

test_fires_when_every_rule_of_the_enforced_policy_is_disabled if {
	disabled := object.union(td.rule, {"disabled": true})
	findings([td.policy], [disabled]) == near_misses([{
		"path": ["dlp", "rules", 0, "disabled"],
		"message": "Rule 'Finanzdaten blockieren' of enforced policy 'U.S. Financial Data' is disabled",
	}])
}

test_fires_when_the_enforced_policy_has_no_rules if {
	findings([td.policy], []) == near_misses([{
		"path": ["dlp", "policies", 0],
		"message": "Policy 'U.S. Financial Data' is enforced but has no rules in the export",
	}])
}

test_fires_when_the_enabled_rule_is_orphaned if {
	orphan := object.union(td.rule, {"parentPolicyName": "Alte Richtlinie", "policy": "9d1c3b6e-0a44-4f7e-b2d9-5c8e7a6f1b20"})
	findings([], [orphan]) == near_misses([{
		"path": ["dlp", "rules", 0, "parentPolicyName"],
		"message": "Enabled rule 'Finanzdaten blockieren' belongs to policy 'Alte Richtlinie', which is not in the export",
	}])
}

test_fires_when_a_rule_names_no_parent if {
	parentless := object.remove(td.rule, ["parentPolicyName", "policy"])
	findings([], [parentless]) == near_misses([{
		"path": ["dlp", "rules", 0],
		"message": "Enabled rule 'Finanzdaten blockieren' names no parent policy",
	}])
}

test_a_rule_of_two_policies_counts_only_if_both_are_enforced if {
	# The export is inconsistent: the rule's name points at one policy, its GUID at another.
	test_mode := object.union(td.exchange_policy, {"mode": "TestWithoutNotifications"})
	confused := object.union(td.rule, {"policy": "064bda5c-c942-49e1-8633-6328ecf0ad22"})
	findings([td.policy, test_mode], [confused]) == near_misses([{
		"path": ["dlp", "policies", 1, "mode"],
		"message": "Policy 'Kundendaten Österreich' has enabled rules but is in test mode (TestWithoutNotifications): it only logs matches",
	}])
}

test_lists_every_near_miss if {
	test_mode := object.union(td.exchange_policy, {"mode": "TestWithoutNotifications"})
	disabled := object.union(td.rule, {"disabled": true})
	findings([td.policy, test_mode], [disabled, td.exchange_rule]) == near_misses([
		{"path": ["dlp", "policies", 1, "mode"], "message": "Policy 'Kundendaten Österreich' has enabled rules but is in test mode (TestWithoutNotifications): it only logs matches"},
		{"path": ["dlp", "rules", 0, "disabled"], "message": "Rule 'Finanzdaten blockieren' of enforced policy 'U.S. Financial Data' is disabled"},
	])
}

test_not_assessed_when_the_only_rule_has_no_disabled_state if {
	unknown := object.remove(td.rule, ["disabled"])
	findings([td.policy], [unknown]) == set()
	reasons([td.policy], [unknown]) == {"Rule 'Finanzdaten blockieren' of enforced policy 'U.S. Financial Data' has no disabled state in the export, so whether any enforced policy has an enabled rule is unknown"}
}

test_a_rule_without_disabled_state_does_not_hide_an_enabled_rule if {
	unknown := object.union(object.remove(td.rule, ["disabled"]), {"name": "Ohne Status"})
	findings([td.policy], [unknown, td.rule]) == set()
	reasons([td.policy], [unknown, td.rule]) == set()
}
