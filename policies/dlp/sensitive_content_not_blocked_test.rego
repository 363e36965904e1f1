package m365lint.dlp.sensitive_content_not_blocked_test

import rego.v1

import data.m365lint.dlp.sensitive_content_not_blocked as rule
import data.m365lint.lib.dlp_testdata as td

findings(policies, rules) := found if {
	found := rule.deny with input as td.tenant(policies, rules)
}

reasons(policies, rules) := found if {
	found := rule.not_assessed with input as td.tenant(policies, rules)
}

all_types := "Credit Card Number, U.S. Individual Taxpayer Identification Number (ITIN), U.S. Social Security Number (SSN)"

notify_only := object.union(td.rule, {"blockAccess": false, "blockAccessScope": null})

test_passes_when_the_detecting_rule_blocks_everyone if {
	findings([td.policy], [td.rule]) == set()
	reasons([td.policy], [td.rule]) == set()
}

test_passes_when_the_detecting_rule_encrypts if {
	encrypting := object.union(notify_only, {"encryptRMSTemplate": "Encrypt"})
	findings([td.policy], [encrypting]) == set()
	reasons([td.policy], [encrypting]) == set()
}

test_rules_without_required_types_are_not_judged if {
	other := object.union(td.exchange_rule, {"blockAccess": false})
	findings([td.policy, td.exchange_policy], [td.rule, other]) == set()
}

test_fires_when_a_detecting_rule_only_notifies if {
	findings([td.policy], [notify_only]) == {{
		"path": ["dlp", "rules", 0, "blockAccess"],
		"message": sprintf("Rule 'Finanzdaten blockieren' of enforced policy 'U.S. Financial Data' detects %s but does not block access and does not encrypt", [all_types]),
	}}
}

test_fires_for_a_low_volume_rule_beside_a_blocking_rule if {
	low_volume := object.union(notify_only, {"name": "Geringes Volumen", "sensitiveInfoTypes": [td.credit_card]})
	findings([td.policy], [td.rule, low_volume]) == {{
		"path": ["dlp", "rules", 1, "blockAccess"],
		"message": "Rule 'Geringes Volumen' of enforced policy 'U.S. Financial Data' detects Credit Card Number but does not block access and does not encrypt",
	}}
}

test_fires_when_only_external_users_are_blocked if {
	external := object.union(td.rule, {"blockAccessScope": "PerUser", "sensitiveInfoTypes": [td.ssn]})
	findings([td.policy], [external]) == {{
		"path": ["dlp", "rules", 0, "blockAccessScope"],
		"message": "Rule 'Finanzdaten blockieren' of enforced policy 'U.S. Financial Data' detects U.S. Social Security Number (SSN) but blocks only people outside the organization (blockAccessScope PerUser) and does not encrypt",
	}}
}

test_fires_when_only_anonymous_links_are_blocked if {
	anonymous := object.union(td.rule, {"blockAccessScope": "PerAnonymousUser", "sensitiveInfoTypes": [td.itin]})
	findings([td.policy], [anonymous]) == {{
		"path": ["dlp", "rules", 0, "blockAccessScope"],
		"message": "Rule 'Finanzdaten blockieren' of enforced policy 'U.S. Financial Data' detects U.S. Individual Taxpayer Identification Number (ITIN) but blocks only people using an anonymous link (blockAccessScope PerAnonymousUser) and does not encrypt",
	}}
}

test_fires_for_a_microsoft365dsc_rule_without_blocking if {
	dsc := object.remove(object.union(td.dsc_rule, {"blockAccess": false}), ["blockAccessScope"])
	findings([td.dsc_policy], [dsc]) == {{
		"path": ["dlp", "rules", 0, "blockAccess"],
		"message": sprintf("Rule 'Finanzdaten blockieren' of enforced policy 'U.S. Financial Data' detects %s but does not block access and does not encrypt", [all_types]),
	}}
}

test_fires_when_block_access_is_not_in_the_export if {
	silent := object.remove(td.dsc_rule, ["blockAccess", "blockAccessScope"])
	findings([td.dsc_policy], [silent]) == {{
		"path": ["dlp", "rules", 0],
		"message": sprintf("Rule 'Finanzdaten blockieren' of enforced policy 'U.S. Financial Data' detects %s but does not block access and does not encrypt", [all_types]),
	}}
}

test_a_rule_without_disabled_state_is_judged if {
	unknown := object.remove(notify_only, ["disabled"])
	findings([td.policy], [unknown]) == {{
		"path": ["dlp", "rules", 0, "blockAccess"],
		"message": sprintf("Rule 'Finanzdaten blockieren' of enforced policy 'U.S. Financial Data' detects %s but does not block access and does not encrypt", [all_types]),
	}}
}

test_rules_that_are_not_in_force_are_not_judged if {
	disabled := object.union(notify_only, {"disabled": true})
	in_test := object.union(td.exchange_policy, {"mode": "TestWithNotifications"})
	tested := object.union(td.exchange_rule, {"blockAccess": false, "sensitiveInfoTypes": [td.ssn]})
	findings([td.policy, in_test], [disabled, tested]) == set()
}

test_not_assessed_when_a_required_type_is_not_detected if {
	cards := object.union(td.rule, {"sensitiveInfoTypes": [td.credit_card]})
	findings([td.policy], [cards]) == set()
	reasons([td.policy], [cards]) == {
		"No enabled rule of an enforced DLP policy detects 'U.S. Social Security Number (SSN)' (see DLP003), so whether its content is blocked cannot be judged",
		"No enabled rule of an enforced DLP policy detects 'U.S. Individual Taxpayer Identification Number (ITIN)' (see DLP003), so whether its content is blocked cannot be judged",
	}
}

test_not_assessed_when_the_block_scope_is_not_in_the_export if {
	unscoped := object.remove(td.dsc_rule, ["blockAccessScope"])
	findings([td.dsc_policy], [unscoped]) == set()
	reasons([td.dsc_policy], [unscoped]) == {"Rule 'Finanzdaten blockieren' blocks access, but its blockAccessScope is not in the export, so whether it blocks everyone is unknown"}
}

test_not_assessed_when_an_unreadable_rule_does_not_protect if {
	unreadable := object.remove(object.union(td.dsc_rule, {"name": "Unlesbar", "blockAccess": false}), ["sensitiveInfoTypes"])
	findings([td.dsc_policy], [td.dsc_rule, unreadable]) == set()
	reasons([td.dsc_policy], [td.dsc_rule, unreadable]) == {"Rule 'Unlesbar' of an enforced policy neither blocks access for everyone nor encrypts, and its condition could not be read from the export, so it may detect required types"}
}

test_an_unreadable_rule_that_blocks_everyone_is_fine if {
	unreadable := object.remove(object.union(td.dsc_rule, {"name": "Unlesbar"}), ["sensitiveInfoTypes"])
	reasons([td.dsc_policy], [td.dsc_rule, unreadable]) == set()
}
