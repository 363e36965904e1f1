package m365lint.dlp.sensitive_info_type_unprotected_test

import rego.v1

import data.m365lint.dlp.sensitive_info_type_unprotected as rule
import data.m365lint.lib.dlp_testdata as td

findings(policies, rules) := found if {
	found := rule.deny with input as td.tenant(policies, rules)
}

ssn_name := "U.S. Social Security Number (SSN)"

itin_name := "U.S. Individual Taxpayer Identification Number (ITIN)"

unprotected(type_name, related) := object.union(
	{"path": ["dlp", "rules"], "message": sprintf("No enabled rule of an enforced DLP policy detects '%s'", [type_name]), "details": {"infoType": type_name}},
	{"related": related | count(related) > 0},
)

every_type_unprotected(related) := {
	unprotected("Credit Card Number", related),
	unprotected(ssn_name, related),
	unprotected(itin_name, related),
}

test_passes_when_an_enforced_rule_detects_every_type_in_a_flat_list if {
	findings([td.policy], [td.rule]) == set()
}

test_passes_when_the_types_are_spread_over_rules_and_forms if {
	grouped := object.union(td.rule, {"name": "Gruppiert", "sensitiveInfoTypes": [td.sit("Credit Card Number", "50842eb7-edc8-4019-85dd-5a5c1f2bb085", "grouped", "Karten")]})
	advanced := object.union(td.exchange_rule, {"name": "Erweitert", "isAdvancedRule": true, "advancedRule": {"Version": "1.0"}, "sensitiveInfoTypes": [
		td.sit(ssn_name, "a44669fe-0d48-453d-a9b1-2cc83f2cba77", "advanced", "US"),
		td.sit(itin_name, "e55e2a32-f92d-4985-a35d-a0b269eb687b", "advanced", null),
	]})
	findings([td.policy, td.exchange_policy], [grouped, advanced]) == set()
}

test_names_compare_ignoring_case_and_spaces if {
	shouting := object.union(td.rule, {"sensitiveInfoTypes": [
		td.sit(" CREDIT CARD NUMBER", null, "list", null),
		td.sit("u.s. social security number (ssn)", null, "list", null),
		td.sit("U.S. Individual Taxpayer Identification Number (ITIN) ", null, "list", null),
	]})
	findings([td.policy], [shouting]) == set()
}

test_passes_for_microsoft365dsc_exports if {
	findings([td.dsc_policy], [td.dsc_rule]) == set()
}

test_fires_once_per_missing_type if {
	only_cards := object.union(td.rule, {"sensitiveInfoTypes": [td.credit_card, td.iban]})
	findings([td.policy], [only_cards]) == {unprotected(ssn_name, []), unprotected(itin_name, [])}
}

test_fires_for_every_type_without_rules if {
	findings([td.policy], []) == every_type_unprotected([])
}

test_uses_the_configured_types if {
	found := rule.deny with input as td.tenant([td.policy], [td.rule])
		with data.m365lint.params.dlp_required_info_types as ["Credit Card Number", "International Banking Account Number (IBAN)"]
	found == {unprotected("International Banking Account Number (IBAN)", [])}
}

test_no_configured_types_pass if {
	found := rule.deny with input as td.tenant([], [])
		with data.m365lint.params.dlp_required_info_types as []
	found == set()
}

test_a_disabled_rule_is_a_near_miss if {
	disabled := object.union(td.rule, {"disabled": true})
	findings([td.policy], [disabled]) == every_type_unprotected([{
		"path": ["dlp", "rules", 0, "disabled"],
		"message": "Rule 'Finanzdaten blockieren' detects it but is disabled",
	}])
}

test_a_rule_of_a_policy_in_test_mode_is_a_near_miss if {
	policy := object.union(td.policy, {"mode": "TestWithNotifications"})
	findings([policy], [td.rule]) == every_type_unprotected([{
		"path": ["dlp", "policies", 0, "mode"],
		"message": "Rule 'Finanzdaten blockieren' detects it but belongs to policy 'U.S. Financial Data', which is in test mode (TestWithNotifications): it shows policy tips but blocks nothing",
	}])
}

test_a_rule_of_a_disabled_policy_is_a_near_miss if {
	policy := object.union(td.policy, {"enabled": false})
	findings([policy], [td.rule]) == every_type_unprotected([{
		"path": ["dlp", "policies", 0, "enabled"],
		"message": "Rule 'Finanzdaten blockieren' detects it but belongs to policy 'U.S. Financial Data', which is not enabled (enabled is false)",
	}])
}

test_an_orphaned_rule_is_a_near_miss if {
	orphan := object.union(td.dsc_rule, {"parentPolicyName": "Gelöschte Richtlinie"})
	findings([td.dsc_policy], [orphan]) == every_type_unprotected([{
		"path": ["dlp", "rules", 0, "parentPolicyName"],
		"message": "Rule 'Finanzdaten blockieren' detects it but belongs to policy 'Gelöschte Richtlinie', which is not in the export",
	}])
}

test_a_rule_with_an_unreadable_condition_detects_nothing if {
	unreadable := object.remove(td.dsc_rule, ["sensitiveInfoTypes"])
	findings([td.dsc_policy], [unreadable]) == every_type_unprotected([{
		"path": ["dlp", "rules", 0],
		"message": "Rule 'Finanzdaten blockieren' may detect it, but its condition could not be read from the export",
	}])
}

test_an_advanced_rule_without_its_document_detects_nothing if {
	unreadable := object.union(td.rule, {"isAdvancedRule": true, "sensitiveInfoTypes": []})
	findings([td.policy], [unreadable]) == every_type_unprotected([{
		"path": ["dlp", "rules", 0, "isAdvancedRule"],
		"message": "Rule 'Finanzdaten blockieren' may detect it, but its condition could not be read from the export",
	}])
}

test_an_unreadable_rule_that_does_not_count_is_no_near_miss if {
	unreadable := object.union(object.remove(td.dsc_rule, ["sensitiveInfoTypes"]), {"disabled": true})
	findings([td.dsc_policy], [unreadable]) == every_type_unprotected([])
}

test_an_unreadable_rule_is_listed_only_for_the_types_it_may_detect if {
	unreadable := object.union(object.remove(td.dsc_rule, ["sensitiveInfoTypes"]), {"name": "Unlesbar"})
	cards := object.union(td.dsc_rule, {"sensitiveInfoTypes": [td.credit_card]})
	evidence := [{"path": ["dlp", "rules", 0], "message": "Rule 'Unlesbar' may detect it, but its condition could not be read from the export"}]
	findings([td.dsc_policy], [unreadable, cards]) == {unprotected(ssn_name, evidence), unprotected(itin_name, evidence)}
}
