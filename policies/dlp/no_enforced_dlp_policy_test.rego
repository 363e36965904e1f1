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

test_not_assessed_when_the_only_enabled_rule_names_no_parent if {
	parentless := object.remove(td.rule, ["parentPolicyName", "policy"])
	findings([], [parentless]) == set()
	reasons([], [parentless]) == {"Rule 'Finanzdaten blockieren' would be an enabled rule of an enforced policy, but it names no parent policy"}
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
	reasons([td.policy], [unknown]) == {"Rule 'Finanzdaten blockieren' would be an enabled rule of an enforced policy, but it has no disabled state in the export, so whether it runs is unknown"}
}

test_not_assessed_when_the_enforcement_of_the_only_policy_is_unknown if {
	no_mode := object.remove(td.policy, ["mode"])
	findings([no_mode], [td.rule]) == set()
	reasons([no_mode], [td.rule]) == {"Rule 'Finanzdaten blockieren' would be an enabled rule of an enforced policy, but it belongs to policy 'U.S. Financial Data', which has no mode in the export, so whether it runs is unknown"}
	unknown_enabled := object.union(td.policy, {"enabled": "Unbekannt"})
	findings([unknown_enabled], [td.rule]) == set()
	reasons([unknown_enabled], [td.rule]) == {"Rule 'Finanzdaten blockieren' would be an enabled rule of an enforced policy, but it belongs to policy 'U.S. Financial Data', which has no enabled state in the export, so whether it runs is unknown"}
}

test_every_unknown_of_a_rule_is_named if {
	both := object.remove(td.rule, ["disabled"])
	reasons([object.remove(td.policy, ["mode"])], [both]) == {"Rule 'Finanzdaten blockieren' would be an enabled rule of an enforced policy, but it belongs to policy 'U.S. Financial Data', which has no mode in the export, so whether it runs is unknown and has no disabled state in the export, so whether it runs is unknown"}
}

test_an_unknown_beside_a_definite_shortfall_fails if {
	test_mode_unknown_rule := object.remove(td.rule, ["disabled"])
	test_mode := object.union(td.policy, {"mode": "TestWithNotifications"})
	count(findings([test_mode], [test_mode_unknown_rule])) == 1
	reasons([test_mode], [test_mode_unknown_rule]) == set()
}

test_a_rule_without_disabled_state_does_not_hide_an_enabled_rule if {
	unknown := object.union(object.remove(td.rule, ["disabled"]), {"name": "Ohne Status"})
	findings([td.policy], [unknown, td.rule]) == set()
	reasons([td.policy], [unknown, td.rule]) == set()
}
