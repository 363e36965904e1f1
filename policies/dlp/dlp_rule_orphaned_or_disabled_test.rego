package m365lint.dlp.dlp_rule_orphaned_or_disabled_test

import rego.v1

import data.m365lint.dlp.dlp_rule_orphaned_or_disabled as rule
import data.m365lint.lib.dlp_testdata as td

findings(policies, rules) := found if {
	found := rule.deny with input as td.tenant(policies, rules)
}

reasons(policies, rules) := found if {
	found := rule.not_assessed with input as td.tenant(policies, rules)
}

test_passes_when_every_rule_is_enabled_and_has_its_policy if {
	findings([td.policy, td.exchange_policy], [td.rule, td.exchange_rule]) == set()
	reasons([td.policy, td.exchange_policy], [td.rule, td.exchange_rule]) == set()
}

test_rules_of_policies_that_are_off_are_not_reported if {
	off := object.union(td.policy, {"mode": "Disable", "enabled": false})
	findings([off], [td.rule]) == set()
}

test_fires_for_a_disabled_rule if {
	disabled := object.union(td.rule, {"disabled": true})
	findings([td.policy], [disabled]) == {{"path": ["dlp", "rules", 0, "disabled"], "message": "DLP rule 'Finanzdaten blockieren' is disabled"}}
}

test_fires_for_a_rule_whose_policy_is_missing if {
	findings([td.exchange_policy], [td.rule, td.exchange_rule]) == {{
		"path": ["dlp", "rules", 0, "parentPolicyName"],
		"message": "DLP rule 'Finanzdaten blockieren' belongs to policy 'U.S. Financial Data', which is not in the export",
	}}
}

test_fires_at_the_policy_guid_when_the_rule_has_no_parent_name if {
	by_guid := object.remove(td.rule, ["parentPolicyName"])
	findings([td.exchange_policy], [by_guid]) == {{
		"path": ["dlp", "rules", 0, "policy"],
		"message": "DLP rule 'Finanzdaten blockieren' belongs to policy 'f005e181-d22f-4801-aaa6-9d41765c718d', which is not in the export",
	}}
}

test_fires_twice_for_a_disabled_orphan if {
	disabled := object.union(td.dsc_rule, {"disabled": true})
	findings([], [disabled]) == {
		{"path": ["dlp", "rules", 0, "disabled"], "message": "DLP rule 'Finanzdaten blockieren' is disabled"},
		{"path": ["dlp", "rules", 0, "parentPolicyName"], "message": "DLP rule 'Finanzdaten blockieren' belongs to policy 'U.S. Financial Data', which is not in the export"},
	}
}

test_not_assessed_when_a_rule_names_no_parent if {
	parentless := object.remove(td.rule, ["parentPolicyName", "policy"])
	findings([td.policy], [parentless]) == set()
	reasons([td.policy], [parentless]) == {"DLP rule 'Finanzdaten blockieren' names no parent policy, so whether it is orphaned is unknown"}
}
