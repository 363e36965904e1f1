package m365lint.dlp.workload_not_covered_test

import rego.v1

import data.m365lint.dlp.workload_not_covered as rule
import data.m365lint.lib.dlp_testdata as td

findings(policies, rules) := found if {
	found := rule.deny with input as td.tenant(policies, rules)
}

labels := {
	"exchange": "Exchange email",
	"sharepoint": "SharePoint sites",
	"onedrive": "OneDrive accounts",
	"teams": "Teams chats and channel messages",
	"endpoint": "devices (Endpoint DLP)",
}

uncovered(w, related) := object.union(
	{"path": ["dlp", "policies"], "message": sprintf("No enforced DLP policy covers all %s", [labels[w]]), "details": {"workload": w}},
	{"related": related | count(related) > 0},
)

test_passes_when_one_enforced_policy_covers_every_workload if {
	findings([td.policy], [td.rule]) == set()
}

test_passes_for_microsoft365dsc_policies_without_workload_lists if {
	findings([td.dsc_policy], [td.dsc_rule]) == set()
}

test_passes_when_workloads_are_covered_by_different_policies if {
	rest := object.union(td.policy, {"exchangeLocation": [], "workload": ["SharePoint", "OneDriveForBusiness", "Teams", "EndpointDevices"]})
	findings([rest, td.exchange_policy], [td.rule, td.exchange_rule]) == set()
}

test_location_names_compare_ignoring_case if {
	policy := object.union(td.policy, {"teamsLocation": ["all"]})
	findings([policy], [td.rule]) == set()
}

test_fires_once_per_workload_without_policies if {
	findings([], []) == {uncovered(w, []) | some w in ["exchange", "sharepoint", "onedrive", "teams", "endpoint"]}
}

test_uses_the_configured_workloads if {
	found := rule.deny with input as td.tenant([td.exchange_policy], [td.exchange_rule])
		with data.m365lint.params.dlp_workloads as ["exchange", "teams"]
	found == {uncovered("teams", [])}
}

test_a_policy_in_test_mode_does_not_cover if {
	policy := object.union(td.exchange_policy, {"mode": "TestWithoutNotifications"})
	found := rule.deny with input as td.tenant([policy], [td.exchange_rule])
		with data.m365lint.params.dlp_workloads as ["exchange"]
	found == {uncovered("exchange", [{
		"path": ["dlp", "policies", 0, "mode"],
		"message": "Policy 'Kundendaten Österreich' is in test mode (TestWithoutNotifications): it only logs matches",
	}])}
}

test_a_policy_without_enabled_rules_does_not_cover if {
	disabled := object.union(td.exchange_rule, {"disabled": true})
	found := rule.deny with input as td.tenant([td.exchange_policy], [disabled])
		with data.m365lint.params.dlp_workloads as ["exchange"]
	found == {uncovered("exchange", [{"path": ["dlp", "policies", 0], "message": "Policy 'Kundendaten Österreich' has no enabled rule"}])}
}

test_not_assessed_when_a_policy_would_cover_but_its_rules_have_no_disabled_state if {
	unknown := object.remove(td.exchange_rule, ["disabled"])
	found := rule.deny with input as td.tenant([td.exchange_policy], [unknown])
		with data.m365lint.params.dlp_workloads as ["exchange"]
	found == set()
	reasons := rule.not_assessed with input as td.tenant([td.exchange_policy], [unknown])
		with data.m365lint.params.dlp_workloads as ["exchange"]
	reasons == {"Policy 'Kundendaten Österreich' would cover all Exchange email, but it has no rule known to be enabled: whether its rules are disabled is not in the export"}
}

test_not_assessed_when_a_policy_would_cover_but_its_state_is_unknown if {
	no_mode := object.remove(td.exchange_policy, ["mode"])
	unknown_enabled := object.union(td.exchange_policy, {"enabled": null})
	found := rule.deny with input as td.tenant([no_mode], [td.exchange_rule])
		with data.m365lint.params.dlp_workloads as ["exchange"]
	found == set()
	no_mode_reasons := rule.not_assessed with input as td.tenant([no_mode], [td.exchange_rule])
		with data.m365lint.params.dlp_workloads as ["exchange"]
	no_mode_reasons == {"Policy 'Kundendaten Österreich' would cover all Exchange email, but it has no mode in the export, so whether it runs is unknown"}
	enabled_reasons := rule.not_assessed with input as td.tenant([unknown_enabled], [td.exchange_rule])
		with data.m365lint.params.dlp_workloads as ["exchange"]
	enabled_reasons == {"Policy 'Kundendaten Österreich' would cover all Exchange email, but it has no enabled state in the export, so whether it runs is unknown"}
}

test_an_unknown_beside_a_definite_shortfall_is_a_near_miss if {
	# Whatever its state, a policy on some mailboxes does not cover all Exchange email.
	some_mailboxes := object.union(object.remove(td.exchange_policy, ["mode"]), {"exchangeLocation": ["finance@contoso.com"]})
	found := rule.deny with input as td.tenant([some_mailboxes], [td.exchange_rule])
		with data.m365lint.params.dlp_workloads as ["exchange"]
	found == {uncovered("exchange", [
		{"path": ["dlp", "policies", 0], "message": "Policy 'Kundendaten Österreich' has no mode in the export, so whether it runs is unknown"},
		{"path": ["dlp", "policies", 0, "exchangeLocation"], "message": "Policy 'Kundendaten Österreich' covers only some Exchange email: finance@contoso.com"},
	])}
	reasons := rule.not_assessed with input as td.tenant([some_mailboxes], [td.exchange_rule])
		with data.m365lint.params.dlp_workloads as ["exchange"]
	reasons == set()
}

test_a_failing_workload_outweighs_an_undecided_one if {
	no_mode := object.remove(td.exchange_policy, ["mode"])
	found := rule.deny with input as td.tenant([no_mode], [td.exchange_rule])
		with data.m365lint.params.dlp_workloads as ["exchange", "teams"]
	{f.details.workload | some f in found} == {"teams"}
}

test_specific_locations_do_not_cover if {
	policy := object.union(td.policy, {"teamsLocation": ["Vorstand", "finanzen@fabrikamgesundheit.de"]})
	found := rule.deny with input as td.tenant([policy], [td.rule])
	found == {uncovered("teams", [{
		"path": ["dlp", "policies", 0, "teamsLocation"],
		"message": "Policy 'U.S. Financial Data' covers only some Teams chats and channel messages: Vorstand, finanzen@fabrikamgesundheit.de",
	}])}
}

test_location_exceptions_do_not_cover if {
	policy := object.union(td.policy, {"oneDriveLocationException": ["https://fabrikam-my.sharepoint.com/personal/amelie_laurent_fabrikam_de"]})
	found := rule.deny with input as td.tenant([policy], [td.rule])
	found == {uncovered("onedrive", [{
		"path": ["dlp", "policies", 0, "oneDriveLocationException"],
		"message": "Policy 'U.S. Financial Data' excludes OneDrive accounts https://fabrikam-my.sharepoint.com/personal/amelie_laurent_fabrikam_de",
	}])}
}

test_an_exported_workload_list_must_name_the_workload if {
	policy := object.union(td.policy, {"workload": ["Exchange", "SharePoint", "OneDriveForBusiness", "Teams"]})
	found := rule.deny with input as td.tenant([policy], [td.rule])
	found == {uncovered("endpoint", [{
		"path": ["dlp", "policies", 0, "workload"],
		"message": "Policy 'U.S. Financial Data' does not list EndpointDevices among its workloads",
	}])}
}

test_a_listed_workload_without_its_location_is_a_near_miss if {
	policy := object.union(td.policy, {"endpointDlpLocation": []})
	found := rule.deny with input as td.tenant([policy], [td.rule])
	found == {uncovered("endpoint", [{
		"path": ["dlp", "policies", 0, "endpointDlpLocation"],
		"message": "Policy 'U.S. Financial Data' does not include devices (Endpoint DLP)",
	}])}
}

test_a_missing_location_does_not_cover if {
	policy := object.remove(td.dsc_policy, ["endpointDlpLocation"])
	findings([policy], [td.dsc_rule]) == {uncovered("endpoint", [])}
}

test_lists_every_reason_of_a_near_miss if {
	policy := object.union(td.policy, {"mode": "TestWithNotifications", "teamsLocationException": ["Team Vorstand"]})
	found := rule.deny with input as td.tenant([policy], [td.rule])
		with data.m365lint.params.dlp_workloads as ["teams"]
	found == {uncovered("teams", [
		{"path": ["dlp", "policies", 0, "mode"], "message": "Policy 'U.S. Financial Data' is in test mode (TestWithNotifications): it shows policy tips but blocks nothing"},
		{"path": ["dlp", "policies", 0, "teamsLocationException"], "message": "Policy 'U.S. Financial Data' excludes Teams chats and channel messages Team Vorstand"},
	])}
}
