package m365lint.lib.dlp_test

import rego.v1

import data.m365lint.lib.dlp
import data.m365lint.lib.dlp_testdata as td

parents_of(policies, rules, j) := found if {
	found := dlp.parents(j) with input as td.tenant(policies, rules)
}

counts_of(policies, rules) := found if {
	found := {j | some j, _ in rules; dlp.counts(j)} with input as td.tenant(policies, rules)
}

test_enforced_needs_mode_enable_and_enabled_true if {
	dlp.enforced(td.policy)
	not dlp.enforced(object.union(td.policy, {"enabled": false}))
	not dlp.enforced(object.union(td.policy, {"enabled": null}))
	not dlp.enforced(object.union(td.policy, {"mode": "TestWithNotifications"}))
	not dlp.enforced(object.union(td.policy, {"mode": "enable"}))
	not dlp.enforced(object.remove(td.policy, ["mode"]))
}

test_a_policy_without_enabled_is_judged_by_its_mode if {
	dlp.enforced(td.dsc_policy)
	not dlp.enforced(object.union(td.dsc_policy, {"mode": "Disable"}))
}

test_policy_shortfalls_name_mode_and_enabled if {
	found := dlp.policy_shortfalls(0) with input as td.tenant([object.union(td.policy, {"mode": "PendingDeletion", "enabled": false})], [])
	found == {
		{"unknown": false, "path": ["dlp", "policies", 0, "mode"], "reason": "is pending deletion (mode PendingDeletion)"},
		{"unknown": false, "path": ["dlp", "policies", 0, "enabled"], "reason": "is not enabled (enabled is false)"},
	}
}

test_policy_shortfalls_the_export_cannot_settle_are_unknown if {
	no_mode := dlp.policy_shortfalls(0) with input as td.tenant([object.remove(td.policy, ["mode"])], [])
	no_mode == {{"unknown": true, "path": ["dlp", "policies", 0], "reason": "has no mode in the export, so whether it runs is unknown"}}
	null_enabled := dlp.policy_shortfalls(0) with input as td.tenant([object.union(td.policy, {"enabled": null})], [])
	null_enabled == {{"unknown": true, "path": ["dlp", "policies", 0, "enabled"], "reason": "has no enabled state in the export, so whether it runs is unknown"}}
	dlp.policy_shortfalls(0) == set() with input as td.tenant([td.dsc_policy], [])
}

test_rule_shortfalls_mark_what_the_export_cannot_settle if {
	rule := object.union(object.remove(td.rule, ["disabled"]), {"parentPolicyName": "", "policy": null})
	unknown := dlp.rule_shortfalls(0) with input as td.tenant([td.policy], [rule])
	unknown == {
		{"unknown": true, "path": ["dlp", "rules", 0], "reason": "has no disabled state in the export, so whether it runs is unknown"},
		{"unknown": true, "path": ["dlp", "rules", 0], "reason": "names no parent policy"},
	}
	testing := dlp.rule_shortfalls(0) with input as td.tenant([object.union(td.policy, {"mode": "TestWithNotifications"})], [object.union(td.rule, {"disabled": true})])
	testing == {
		{"unknown": false, "path": ["dlp", "rules", 0, "disabled"], "reason": "is disabled"},
		{"unknown": false, "path": ["dlp", "policies", 0, "mode"], "reason": "belongs to policy 'U.S. Financial Data', which is in test mode (TestWithNotifications): it shows policy tips but blocks nothing"},
	}
}

test_a_rule_may_run_unless_disabled_or_its_policy_is_switched_off if {
	rules := [td.rule, object.remove(td.rule, ["disabled"]), object.union(td.rule, {"disabled": true}), object.union(td.rule, {"parentPolicyName": "Andere", "policy": "Andere"})]
	running := {j | some j, _ in rules; dlp.may_run(j)} with input as td.tenant([object.union(td.policy, {"mode": "TestWithoutNotifications"})], rules)
	running == {0, 1}
	off := {j | some j, _ in rules; dlp.may_run(j)} with input as td.tenant([object.union(td.policy, {"mode": "Disable"})], rules)
	off == set()
	dlp.switched_off(object.union(td.policy, {"enabled": false}))
	dlp.switched_off(object.union(td.policy, {"mode": "PendingDeletion"}))
	not dlp.switched_off(object.union(td.policy, {"enabled": null}))
	not dlp.switched_off(object.union(td.policy, {"mode": "TestWithNotifications"}))
}

test_rules_join_by_parent_name_or_by_guid if {
	parents_of([td.exchange_policy, td.policy], [td.rule], 0) == {1}
	parents_of([td.exchange_policy, td.policy], [object.remove(td.rule, ["parentPolicyName"])], 0) == {1}
	parents_of([td.exchange_policy, td.policy], [object.remove(td.rule, ["policy"])], 0) == {1}
}

test_microsoft365dsc_rules_join_by_name if {
	parents_of([td.dsc_policy], [td.dsc_rule], 0) == {0}
	by_policy_name := object.union(object.remove(td.dsc_rule, ["parentPolicyName"]), {"policy": "U.S. Financial Data"})
	parents_of([td.dsc_policy], [by_policy_name], 0) == {0}
}

test_an_unknown_parent_joins_nothing if {
	parents_of([td.policy], [object.union(td.rule, {"parentPolicyName": "Andere", "policy": "Andere"})], 0) == set()
	parents_of([td.policy], [object.union(td.rule, {"parentPolicyName": "", "policy": null})], 0) == set()
}

test_a_rule_counts_when_enabled_in_an_enforced_policy if {
	counts_of([td.policy], [td.rule, object.union(td.rule, {"disabled": true}), object.remove(td.rule, ["disabled"])]) == {0}
	counts_of([object.union(td.policy, {"mode": "TestWithoutNotifications"})], [td.rule]) == set()
	counts_of([], [td.rule]) == set()
}

test_in_force_treats_an_unknown_disabled_state_as_on if {
	found := {j | some j, _ in input.dlp.rules; dlp.in_force(j)} with input as td.tenant(
		[td.policy],
		[object.remove(td.rule, ["disabled"]), object.union(td.rule, {"disabled": true})],
	)
	found == {0}
}

test_condition_unknown if {
	dlp.condition_unknown(object.remove(td.dsc_rule, ["sensitiveInfoTypes"]))
	dlp.condition_unknown(object.union(td.rule, {"isAdvancedRule": true, "sensitiveInfoTypes": []}))
	not dlp.condition_unknown(object.union(td.rule, {"isAdvancedRule": true, "advancedRule": {"Version": "1.0"}}))
	not dlp.condition_unknown(td.rule)
	not dlp.condition_unknown(object.union(td.rule, {"sensitiveInfoTypes": []}))
}

test_detects_compares_names_ignoring_case_and_spaces if {
	dlp.detects(td.rule, "  credit card number ")
	not dlp.detects(td.rule, "Credit Card")
	not dlp.detects(object.remove(td.rule, ["sensitiveInfoTypes"]), "Credit Card Number")
}

test_recipients_ignore_blank_and_false if {
	dlp.recipients(object.union(td.rule, {"generateAlert": ["", " false ", "SiteAdmin", null]}), "generateAlert") == {"SiteAdmin"}
	dlp.recipients(object.remove(td.rule, ["generateAlert"]), "generateAlert") == set()
}

test_the_workload_table_maps_every_parameter_value if {
	{w | some w, _ in dlp.workloads} == {"exchange", "sharepoint", "onedrive", "teams", "endpoint"}
	[dlp.workloads[w].workload | some w in ["exchange", "sharepoint", "onedrive", "teams", "endpoint"]] == ["Exchange", "SharePoint", "OneDriveForBusiness", "Teams", "EndpointDevices"]
	[dlp.workloads[w].location | some w in ["exchange", "sharepoint", "onedrive", "teams", "endpoint"]] == ["exchangeLocation", "sharePointLocation", "oneDriveLocation", "teamsLocation", "endpointDlpLocation"]
}

test_location_names_read_names_and_location_objects if {
	policy := object.union(td.policy, {"exchangeLocation": [{"Name": "All", "DisplayName": "All"}]})
	dlp.location_names(policy, "exchange") == ["All"]
	dlp.includes_all(policy, "exchange")
	not dlp.includes_all(object.union(td.policy, {"teamsLocation": ["Vorstand"]}), "teams")
}

test_counting_rules_and_rules_in_force_are_the_indexes_counts_and_in_force_hold_for if {
	rules := [td.rule, object.union(td.rule, {"disabled": true}), object.remove(td.rule, ["disabled"]), td.exchange_rule]
	policies := [td.policy, object.union(td.exchange_policy, {"mode": "TestWithNotifications"})]
	counting := dlp.counting_rules with input as td.tenant(policies, rules)
	counting == {0}
	counting == counts_of(policies, rules)
	in_force := dlp.rules_in_force with input as td.tenant(policies, rules)
	in_force == {0, 2}
}

test_required_types_detected_by_each_rule_as_configured if {
	lower_case := object.union(td.rule, {"sensitiveInfoTypes": [object.union(td.ssn, {"name": "  u.s. social security number (ssn) "})]})
	found := dlp.required_types_detected with input as td.tenant([td.policy], [td.rule, td.exchange_rule, lower_case, object.remove(td.rule, ["sensitiveInfoTypes"])])
	found == {
		0: {"Credit Card Number", "U.S. Social Security Number (SSN)", "U.S. Individual Taxpayer Identification Number (ITIN)"},
		1: set(),
		2: {"U.S. Social Security Number (SSN)"},
		3: set(),
	}
}
