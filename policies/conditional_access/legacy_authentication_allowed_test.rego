package m365lint.conditional_access.legacy_authentication_allowed_test

import rego.v1

import data.m365lint.conditional_access.legacy_authentication_allowed as rule
import data.m365lint.lib.testdata as td

message := "No enforced policy blocks legacy authentication (Exchange ActiveSync and other clients) for all users and all cloud apps"

findings(policies) := found if {
	found := rule.deny with input as td.tenant(policies)
}

test_passes_with_an_enforced_broad_block if {
	findings([td.mfa_policy, td.legacy_block_policy]) == set()
}

test_client_types_all_also_blocks_legacy if {
	block_all := object.union(td.legacy_block_policy, {"conditions": {"clientAppTypes": ["all"]}})
	findings([block_all]) == set()
}

test_fires_without_any_policy if {
	findings([]) == {{"path": ["conditional_access", "policies"], "message": message}}
}

test_fires_when_the_block_is_report_only if {
	policy := object.union(td.legacy_block_policy, {"state": "enabledForReportingButNotEnforced"})
	findings([td.mfa_policy, policy]) == {{
		"path": ["conditional_access", "policies"],
		"message": message,
		"related": [{
			"path": ["conditional_access", "policies", 1, "state"],
			"message": "'Block legacy authentication' is report-only (enabledForReportingButNotEnforced)",
		}],
	}}
}

test_fires_when_the_block_excludes_an_unapproved_group if {
	policy := object.union(td.legacy_block_policy, {"conditions": {"users": {"excludeGroups": ["4f6e1c2a-9b7d-4e3f-8a1b-2c3d4e5f6a7b"]}}})
	findings([policy]) == {{
		"path": ["conditional_access", "policies"],
		"message": message,
		"related": [{
			"path": ["conditional_access", "policies", 0, "conditions", "users", "excludeGroups", 0],
			"message": "'Block legacy authentication' excludes group 4f6e1c2a-9b7d-4e3f-8a1b-2c3d4e5f6a7b, which is not an approved exclusion",
		}],
	}}
}

test_emergency_access_exclusions_are_approved if {
	policy := object.union(td.legacy_block_policy, {"conditions": {"users": {"excludeUsers": ["bg-1111@contoso.onmicrosoft.com"]}}})
	found := rule.deny with input as td.tenant([policy]) with data.m365lint.params as td.params_with_emergency_access
	found == set()
}

test_fires_when_only_one_legacy_type_is_blocked if {
	policy := object.union(td.legacy_block_policy, {"conditions": {"clientAppTypes": ["exchangeActiveSync"]}})
	findings([policy]) == {{
		"path": ["conditional_access", "policies"],
		"message": message,
		"related": [{
			"path": ["conditional_access", "policies", 0, "conditions", "clientAppTypes"],
			"message": "'Block legacy authentication' blocks only exchangeActiveSync; legacy authentication also uses other",
		}],
	}}
}

test_fires_when_the_block_is_narrowed_to_risky_sign_ins if {
	policy := object.union(td.legacy_block_policy, {"conditions": {"signInRiskLevels": ["high"]}})
	findings([policy]) == {{
		"path": ["conditional_access", "policies"],
		"message": message,
		"related": [{
			"path": ["conditional_access", "policies", 0, "conditions", "signInRiskLevels"],
			"message": "'Block legacy authentication' applies only at sign-in risk high",
		}],
	}}
}

test_fires_when_the_block_skips_trusted_locations if {
	policy := object.union(td.legacy_block_policy, {"conditions": {"locations": {"includeLocations": ["All"], "excludeLocations": ["AllTrusted"]}}})
	findings([policy]) == {{
		"path": ["conditional_access", "policies"],
		"message": message,
		"related": [{
			"path": ["conditional_access", "policies", 0, "conditions", "locations", "excludeLocations"],
			"message": "'Block legacy authentication' excludes locations AllTrusted",
		}],
	}}
}

test_fires_when_the_block_targets_some_apps_only if {
	policy := object.union(td.legacy_block_policy, {"conditions": {"applications": {"includeApplications": ["00000002-0000-0ff1-ce00-000000000000"]}}})
	findings([policy]) == {{
		"path": ["conditional_access", "policies"],
		"message": message,
		"related": [{
			"path": ["conditional_access", "policies", 0, "conditions", "applications", "includeApplications"],
			"message": "'Block legacy authentication' does not target all cloud apps",
		}],
	}}
}

test_an_mfa_policy_for_legacy_clients_is_not_a_block if {
	policy := object.union(td.mfa_policy, {"conditions": {"clientAppTypes": ["exchangeActiveSync", "other"]}})
	findings([policy]) == {{"path": ["conditional_access", "policies"], "message": message}}
}
