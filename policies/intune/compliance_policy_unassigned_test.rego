package m365lint.intune.compliance_policy_unassigned_test

import rego.v1

import data.m365lint.intune.compliance_policy_unassigned as rule
import data.m365lint.lib.intune_testdata as td

findings(policies) := found if {
	found := rule.deny with input as td.tenant(policies)
}

reasons(document) := found if {
	found := rule.not_assessed with input as document
}

test_passes_when_every_policy_is_assigned if {
	findings(td.baseline) == set()
	reasons(td.tenant(td.baseline)) == set()
}

test_passes_without_policies if {
	findings([]) == set()
	reasons(td.tenant([])) == set()
}

test_fires_for_a_policy_without_assignments if {
	policy := object.union(td.macos_policy, {"assignments": []})
	findings([td.windows_policy, policy]) == {{
		"path": ["intune", "compliance_policies", 1, "assignments"],
		"message": "Compliance policy 'macOS – Entwickler-Macs' is not assigned to any group: it judges no device",
	}}
}

test_fires_for_a_policy_that_only_excludes_groups if {
	policy := object.union(td.windows_policy, {"assignments": [td.exclusion_target("8d2a6c41-f3e5-47b9-a018-c6e4b2d9f571")]})
	findings([policy]) == {{
		"path": ["intune", "compliance_policies", 0, "assignments"],
		"message": "Compliance policy 'Windows 11 – Basisschutz' only excludes groups and includes none: it judges no device",
	}}
}

test_the_default_policy_is_ignored if {
	findings([td.default_policy]) == set()
	reasons(td.tenant([td.default_policy, object.remove(td.default_policy, ["assignments"])])) == set()
}

test_policies_without_exported_assignments_are_not_judged if {
	policy := object.remove(td.ios_policy, ["assignments"])
	findings([policy]) == set()
	reasons(td.tenant([policy])) == {"Whether every compliance policy is assigned cannot be told: 'iOS/iPadOS – Geschäftsführung' was exported without its assignments"}
}

test_a_partial_export_is_not_assessed_rather_than_passed if {
	without := [object.remove(p, ["assignments"]) | some p in [td.ios_policy, td.macos_policy, td.android_work_profile_policy, td.aosp_policy]]
	policies := array.concat([td.windows_policy], without)
	findings(policies) == set()
	reasons(td.tenant(policies)) == {"Whether every compliance policy is assigned cannot be told: 'Android (AOSP) – Datenbrillen' was exported without its assignments; 'Android – Arbeitsprofil (BYOD)' was exported without its assignments; 'iOS/iPadOS – Geschäftsführung' was exported without its assignments and 1 more"}
}

test_an_assignment_target_without_a_type_is_not_judged if {
	policy := object.union(td.ios_policy, {"assignments": [{"target": {"groupId": "e1c59b7d-2a64-4f38-8d1e-93b0a6c7f245"}}]})
	findings([policy]) == set()
	reasons(td.tenant([policy])) == {"Whether every compliance policy is assigned cannot be told: 'iOS/iPadOS – Geschäftsführung' has an assignment whose target type is not in the export"}
}

test_not_assessed_without_compliance_policies if {
	rule.deny == set() with input as td.settings_only_tenant(td.secure_settings)
	reasons(td.settings_only_tenant(td.secure_settings)) == {"The export has no Intune compliance policies (deviceManagement/deviceCompliancePolicies): only the tenant's compliance settings were exported"}
}
