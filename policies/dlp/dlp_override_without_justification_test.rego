package m365lint.dlp.dlp_override_without_justification_test

import rego.v1

import data.m365lint.dlp.dlp_override_without_justification as rule
import data.m365lint.lib.dlp_testdata as td

findings(policies, rules) := found if {
	found := rule.deny with input as td.tenant(policies, rules)
}

test_passes_when_overrides_need_a_justification if {
	none := object.union(td.exchange_rule, {"notifyAllowOverride": []})
	findings([td.policy, td.exchange_policy], [td.rule, none]) == set()
}

test_passes_when_the_override_list_is_absent if {
	findings([td.dsc_policy], [object.remove(td.dsc_rule, ["notifyAllowOverride"])]) == set()
}

test_fires_at_the_override_value if {
	lax := object.union(td.rule, {"notifyAllowOverride": ["FalsePositive", "WithoutJustification"]})
	findings([td.policy], [lax]) == {{
		"path": ["dlp", "rules", 0, "notifyAllowOverride", 1],
		"message": "Rule 'Finanzdaten blockieren' is set to block access but lets users override the block without a justification",
	}}
}

test_fires_whatever_the_block_scope if {
	lax := object.union(td.dsc_rule, {"blockAccessScope": "PerUser", "notifyAllowOverride": ["WithoutJustification"]})
	findings([td.dsc_policy], [lax]) == {{
		"path": ["dlp", "rules", 0, "notifyAllowOverride", 0],
		"message": "Rule 'Finanzdaten blockieren' is set to block access but lets users override the block without a justification",
	}}
}

test_a_rule_that_does_not_block_is_not_judged if {
	lax := object.union(td.rule, {"blockAccess": false, "notifyAllowOverride": ["WithoutJustification"]})
	findings([td.policy], [lax]) == set()
}

test_a_disabled_rule_is_not_judged if {
	disabled := object.union(td.rule, {"disabled": true, "notifyAllowOverride": ["WithoutJustification"]})
	findings([td.policy], [disabled]) == set()
}

test_rules_of_policies_in_test_mode_or_off_are_judged if {
	in_test := object.union(td.exchange_policy, {"mode": "TestWithNotifications"})
	tested := object.union(td.exchange_rule, {"notifyAllowOverride": ["WithoutJustification"]})
	off := object.union(td.policy, {"mode": "Disable", "enabled": false})
	dormant := object.remove(object.union(td.rule, {"notifyAllowOverride": ["WithAcknowledgement", "WithoutJustification"]}), ["disabled"])
	findings([off, in_test], [dormant, tested]) == {
		{
			"path": ["dlp", "rules", 0, "notifyAllowOverride", 1],
			"message": "Rule 'Finanzdaten blockieren' is set to block access but lets users override the block without a justification",
		},
		{
			"path": ["dlp", "rules", 1, "notifyAllowOverride", 0],
			"message": "Rule 'Kundendaten – extern' is set to block access but lets users override the block without a justification",
		},
	}
}
