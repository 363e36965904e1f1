package m365lint.intune.noncompliance_grace_too_long_test

import rego.v1

import data.m365lint.intune.noncompliance_grace_too_long as rule
import data.m365lint.lib.intune_testdata as td

findings(policies) := found if {
	found := rule.deny with input as td.tenant(policies)
}

reasons(policies) := found if {
	found := rule.not_assessed with input as td.tenant(policies)
}

block_path(i, j, k) := ["intune", "compliance_policies", i, "scheduledActionsForRule", j, "scheduledActionConfigurations", k, "gracePeriodHours"]

action(type, hours) := {"id": "c2a5e7f1-3b9d-4e08-a6c4-1f7d2b8e5a93", "actionType": type, "gracePeriodHours": hours}

with_actions(policy, actions) := object.union(policy, {"scheduledActionsForRule": [{"id": "r", "ruleName": null, "scheduledActionConfigurations": actions}]})

test_passes_when_devices_are_marked_within_the_maximum if {
	findings(td.baseline) == set()
	reasons(td.baseline) == set()
}

test_fires_when_the_block_waits_too_long if {
	policy := object.union(td.ios_policy, {"scheduledActionsForRule": td.actions_blocking_after(72)})
	findings([td.windows_policy, policy]) == {{
		"path": block_path(1, 0, 1),
		"message": "Compliance policy 'iOS/iPadOS – Geschäftsführung' marks non-compliant devices as non-compliant only after 72 hours, more than the 24 allowed (max_noncompliance_grace_hours)",
	}}
}

test_fires_when_there_is_no_block_action if {
	policy := with_actions(td.macos_policy, [action("notification", 0), action("retire", 720)])
	empty := object.union(td.windows_policy, {"scheduledActionsForRule": []})
	findings([policy, empty]) == {
		{
			"path": ["intune", "compliance_policies", 0, "scheduledActionsForRule"],
			"message": "Compliance policy 'macOS – Entwickler-Macs' never marks non-compliant devices as non-compliant: it has no 'Mark device noncompliant' (block) action",
		},
		{
			"path": ["intune", "compliance_policies", 1, "scheduledActionsForRule"],
			"message": "Compliance policy 'Windows 11 – Basisschutz' never marks non-compliant devices as non-compliant: it has no 'Mark device noncompliant' (block) action",
		},
	}
}

test_the_earliest_block_action_counts if {
	findings([with_actions(td.ios_policy, [action("block", 168), action("block", 12)])]) == set()
	findings([with_actions(td.ios_policy, [action("block", 168), action("block", 48)])]) == {{
		"path": block_path(0, 0, 1),
		"message": "Compliance policy 'iOS/iPadOS – Geschäftsführung' marks non-compliant devices as non-compliant only after 48 hours, more than the 24 allowed (max_noncompliance_grace_hours)",
	}}
}

test_the_maximum_is_a_parameter if {
	found := rule.deny with input as td.tenant(td.baseline) with data.m365lint.params.max_noncompliance_grace_hours as 12
	found == {
		{
			"path": block_path(0, 0, 1),
			"message": "Compliance policy 'Windows 11 – Basisschutz' marks non-compliant devices as non-compliant only after 24 hours, more than the 12 allowed (max_noncompliance_grace_hours)",
		},
		{
			"path": block_path(3, 0, 1),
			"message": "Compliance policy 'Android – Arbeitsprofil (BYOD)' marks non-compliant devices as non-compliant only after 24 hours, more than the 12 allowed (max_noncompliance_grace_hours)",
		},
	}
}

test_policies_exported_without_actions_are_not_judged if {
	without := object.remove(td.ios_policy, ["scheduledActionsForRule"])
	findings([without]) == set()
	reasons([without]) == {"Whether every compliance policy marks non-compliant devices in time cannot be told: 'iOS/iPadOS – Geschäftsführung' exported without actions for non-compliance"}
}

test_a_partial_export_is_not_assessed_rather_than_passed if {
	without := [object.remove(p, ["scheduledActionsForRule"]) | some p in [td.ios_policy, td.macos_policy]]
	policies := array.concat([td.windows_policy], without)
	findings(policies) == set()
	reasons(policies) == {"Whether every compliance policy marks non-compliant devices in time cannot be told: 'iOS/iPadOS – Geschäftsführung', 'macOS – Entwickler-Macs' exported without actions for non-compliance"}
}

test_a_block_action_without_a_grace_period_is_not_assessed if {
	policy := with_actions(td.ios_policy, [{"actionType": "block"}, action("block", 72)])
	findings([policy]) == set()
	reasons([policy]) == {"'iOS/iPadOS – Geschäftsführung' has a 'Mark device noncompliant' action whose grace period is not in the export"}
	findings([with_actions(td.ios_policy, [{"actionType": "block"}, action("block", 0)])]) == set()
	reasons([with_actions(td.ios_policy, [{"actionType": "block"}, action("block", 0)])]) == set()
}

test_the_default_policy_is_ignored if {
	findings([td.default_policy, object.remove(td.default_policy, ["scheduledActionsForRule"])]) == set()
	reasons([td.default_policy]) == set()
}

test_not_assessed_without_compliance_policies if {
	found := rule.not_assessed with input as td.settings_only_tenant(td.secure_settings)
	found == {"The export has no Intune compliance policies (deviceManagement/deviceCompliancePolicies): only the tenant's compliance settings were exported"}
}
