package m365lint.dlp.dlp_incidents_not_reported_test

import rego.v1

import data.m365lint.dlp.dlp_incidents_not_reported as rule
import data.m365lint.lib.dlp_testdata as td

findings(policies, rules) := found if {
	found := rule.deny with input as td.tenant(policies, rules)
}

message := "Rule 'Finanzdaten blockieren' of enforced policy 'U.S. Financial Data' raises no alert and sends no incident report when it matches"

test_passes_when_the_rule_alerts_or_reports if {
	alert_only := object.union(td.rule, {"generateIncidentReport": []})
	report_only := object.union(td.exchange_rule, {"generateAlert": []})
	findings([td.policy, td.exchange_policy], [alert_only, report_only]) == set()
}

test_fires_when_both_lists_are_empty if {
	silent := object.union(td.rule, {"generateAlert": [], "generateIncidentReport": []})
	findings([td.policy], [silent]) == {{
		"path": ["dlp", "rules", 0, "generateAlert"],
		"message": message,
		"related": [{"path": ["dlp", "rules", 0, "generateIncidentReport"], "message": "Rule 'Finanzdaten blockieren' has no incident report recipient either"}],
	}}
}

test_false_and_blank_recipients_name_no_one if {
	silent := object.union(td.rule, {"generateAlert": ["false"], "generateIncidentReport": [""]})
	findings([td.policy], [silent]) == {{
		"path": ["dlp", "rules", 0, "generateAlert"],
		"message": message,
		"related": [{"path": ["dlp", "rules", 0, "generateIncidentReport"], "message": "Rule 'Finanzdaten blockieren' has no incident report recipient either"}],
	}}
}

test_fires_when_the_alert_list_is_absent if {
	silent := object.union(object.remove(td.dsc_rule, ["generateAlert"]), {"generateIncidentReport": []})
	findings([td.dsc_policy], [silent]) == {{"path": ["dlp", "rules", 0, "generateIncidentReport"], "message": message}}
}

test_fires_when_the_incident_list_is_absent if {
	silent := object.union(object.remove(td.dsc_rule, ["generateIncidentReport"]), {"generateAlert": []})
	findings([td.dsc_policy], [silent]) == {{"path": ["dlp", "rules", 0, "generateAlert"], "message": message}}
}

test_fires_when_both_lists_are_absent if {
	silent := object.remove(td.dsc_rule, ["generateAlert", "generateIncidentReport"])
	findings([td.dsc_policy], [silent]) == {{"path": ["dlp", "rules", 0], "message": message}}
}

test_rules_that_are_not_in_force_are_not_judged if {
	disabled := object.union(td.rule, {"generateAlert": [], "generateIncidentReport": [], "disabled": true})
	off := object.union(td.exchange_policy, {"mode": "Disable", "enabled": false})
	silent := object.union(td.exchange_rule, {"generateAlert": [], "generateIncidentReport": []})
	findings([td.policy, off], [disabled, silent]) == set()
}
