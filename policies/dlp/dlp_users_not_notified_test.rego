package m365lint.dlp.dlp_users_not_notified_test

import rego.v1

import data.m365lint.dlp.dlp_users_not_notified as rule
import data.m365lint.lib.dlp_testdata as td

findings(policies, rules) := found if {
	found := rule.deny with input as td.tenant(policies, rules)
}

message := "Rule 'Finanzdaten blockieren' of enforced policy 'U.S. Financial Data' notifies no one when it matches: no email and no policy tip"

test_passes_when_enforced_rules_notify if {
	findings([td.policy, td.exchange_policy], [td.rule, td.exchange_rule]) == set()
}

test_fires_for_an_empty_notify_user if {
	silent := object.union(td.rule, {"notifyUser": []})
	findings([td.policy], [silent]) == {{"path": ["dlp", "rules", 0, "notifyUser"], "message": message}}
}

test_fires_when_notify_user_is_absent if {
	# Microsoft365DSC leaves out parameters that are not set.
	silent := object.remove(td.dsc_rule, ["notifyUser"])
	findings([td.dsc_policy], [silent]) == {{"path": ["dlp", "rules", 0], "message": message}}
}

test_blank_recipients_notify_no_one if {
	silent := object.union(td.rule, {"notifyUser": ["", "  "]})
	findings([td.policy], [silent]) == {{"path": ["dlp", "rules", 0, "notifyUser"], "message": message}}
}

test_a_rule_without_disabled_state_is_judged if {
	silent := object.remove(object.union(td.rule, {"notifyUser": []}), ["disabled"])
	findings([td.policy], [silent]) == {{"path": ["dlp", "rules", 0, "notifyUser"], "message": message}}
}

test_rules_that_are_not_in_force_are_not_judged if {
	disabled := object.union(td.rule, {"notifyUser": [], "disabled": true})
	in_test := object.union(td.exchange_policy, {"mode": "TestWithoutNotifications"})
	tested := object.union(td.exchange_rule, {"notifyUser": []})
	orphan := object.union(td.rule, {"name": "Verwaist", "parentPolicyName": "Alt", "policy": "Alt", "notifyUser": []})
	findings([td.policy, in_test], [disabled, tested, orphan]) == set()
}
