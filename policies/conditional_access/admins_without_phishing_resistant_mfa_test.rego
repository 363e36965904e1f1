package m365lint.conditional_access.admins_without_phishing_resistant_mfa_test

import rego.v1

import data.m365lint.conditional_access.admins_without_phishing_resistant_mfa as rule
import data.m365lint.lib.testdata as td

global_admin := "62e90394-69f5-4237-9190-012177145e10"

role_admin := "e8611ab8-c189-46e8-94e1-60213ab1f814"

two_roles := object.union(data.m365lint.params, {"privileged_roles": [global_admin, role_admin]})

# Findings with the default privileged roles.
findings(policies) := found if {
	found := rule.deny with input as td.tenant(policies)
}

# Findings when only Global Administrator and Privileged Role Administrator are privileged.
findings_for_two_roles(policies) := found if {
	found := rule.deny with input as td.tenant(policies) with data.m365lint.params as two_roles
}

message_for_both := "No enforced policy requires phishing-resistant MFA for all cloud apps of these privileged roles: Global Administrator, Privileged Role Administrator"

both_uncovered := {"uncoveredRoles": [
	{"id": global_admin, "name": "Global Administrator"},
	{"id": role_admin, "name": "Privileged Role Administrator"},
]}

admins := object.union(td.admin_phishing_resistant_policy, {"conditions": {"users": {"includeRoles": [global_admin, role_admin]}}})

near_miss(path, text) := {{
	"path": ["conditional_access", "policies"],
	"message": message_for_both,
	"related": [{"path": path, "message": text}],
	"details": both_uncovered,
}}

test_passes_when_every_privileged_role_is_covered if {
	findings([td.mfa_policy, td.admin_phishing_resistant_policy]) == set()
}

test_an_all_users_phishing_resistant_policy_covers_every_role if {
	policy := object.union(td.mfa_policy, {"grantControls": {"builtInControls": [], "authenticationStrength": td.phishing_resistant_strength}})
	findings([policy]) == set()
}

test_roles_given_by_display_name_are_covered if {
	policy := object.union(admins, {"conditions": {"users": {"includeRoles": ["Global Administrator", "privileged role administrator"]}}})
	findings_for_two_roles([policy]) == set()
}

test_mfa_and_a_phishing_resistant_strength_under_and_pass if {
	policy := object.union(admins, {"grantControls": {"operator": "AND", "builtInControls": ["mfa"]}})
	findings_for_two_roles([policy]) == set()
}

test_fires_without_any_policy_and_names_every_default_role if {
	findings([]) == {{
		"path": ["conditional_access", "policies"],
		"message": "No enforced policy requires phishing-resistant MFA for all cloud apps of these privileged roles: Application Administrator, Authentication Administrator, Billing Administrator, Cloud Application Administrator, Conditional Access Administrator, Exchange Administrator, Global Administrator, Helpdesk Administrator, Hybrid Identity Administrator, Privileged Authentication Administrator, Privileged Role Administrator, Security Administrator, SharePoint Administrator, User Administrator",
		"details": {"uncoveredRoles": [
			{"id": "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", "name": "Application Administrator"},
			{"id": "c4e39bd9-1100-46d3-8c65-fb160da0071f", "name": "Authentication Administrator"},
			{"id": "b0f54661-2d74-4c50-afa3-1ec803f12efe", "name": "Billing Administrator"},
			{"id": "158c047a-c907-4556-b7ef-446551a6b5f7", "name": "Cloud Application Administrator"},
			{"id": "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", "name": "Conditional Access Administrator"},
			{"id": "29232cdf-9323-42fd-ade2-1d097af3e4de", "name": "Exchange Administrator"},
			{"id": "62e90394-69f5-4237-9190-012177145e10", "name": "Global Administrator"},
			{"id": "729827e3-9c14-49f7-bb1b-9608f156bbb8", "name": "Helpdesk Administrator"},
			{"id": "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2", "name": "Hybrid Identity Administrator"},
			{"id": "7be44c8a-adaf-4e2a-84d6-ab2649e08a13", "name": "Privileged Authentication Administrator"},
			{"id": "e8611ab8-c189-46e8-94e1-60213ab1f814", "name": "Privileged Role Administrator"},
			{"id": "194ae4cb-b126-40b2-bd5b-6091b380977d", "name": "Security Administrator"},
			{"id": "f28a1f50-f6e7-4571-818b-6a12f2af6b6c", "name": "SharePoint Administrator"},
			{"id": "fe930be7-5e62-47db-91af-98c3a49a38b1", "name": "User Administrator"},
		]},
	}}
}

test_fires_for_the_roles_a_policy_leaves_out if {
	policy := object.union(admins, {"conditions": {"users": {"includeRoles": [global_admin]}}})
	findings_for_two_roles([policy]) == {{
		"path": ["conditional_access", "policies"],
		"message": "No enforced policy requires phishing-resistant MFA for all cloud apps of these privileged roles: Privileged Role Administrator",
		"details": {"uncoveredRoles": [{"id": role_admin, "name": "Privileged Role Administrator"}]},
	}}
}

test_unknown_configured_roles_are_named_by_id if {
	params := object.union(data.m365lint.params, {"privileged_roles": ["11b8f2a7-3c1d-4e5f-9a6b-7c8d9e0f1a2b"]})
	found := rule.deny with input as td.tenant([td.admin_phishing_resistant_policy]) with data.m365lint.params as params
	found == {{
		"path": ["conditional_access", "policies"],
		"message": "No enforced policy requires phishing-resistant MFA for all cloud apps of these privileged roles: 11b8f2a7-3c1d-4e5f-9a6b-7c8d9e0f1a2b",
		"details": {"uncoveredRoles": [{"id": "11b8f2a7-3c1d-4e5f-9a6b-7c8d9e0f1a2b", "name": "11b8f2a7-3c1d-4e5f-9a6b-7c8d9e0f1a2b"}]},
	}}
}

test_fires_when_the_admin_policy_is_report_only if {
	policy := object.union(admins, {"state": "enabledForReportingButNotEnforced"})
	findings_for_two_roles([policy]) == near_miss(
		["conditional_access", "policies", 0, "state"],
		"'Phishing-resistant MFA for administrators' is report-only (enabledForReportingButNotEnforced)",
	)
}

test_fires_when_admins_only_need_plain_mfa if {
	policy := object.union(admins, {"grantControls": {"builtInControls": ["mfa"], "authenticationStrength": null}})
	findings_for_two_roles([policy]) == near_miss(
		["conditional_access", "policies", 0, "grantControls", "builtInControls"],
		"'Phishing-resistant MFA for administrators' requires mfa, not a phishing-resistant authentication strength",
	)
}

test_fires_when_the_strength_allows_phishable_methods if {
	policy := object.union(admins, {"grantControls": {"authenticationStrength": td.mfa_strength}})
	findings_for_two_roles([policy]) == near_miss(
		["conditional_access", "policies", 0, "grantControls", "authenticationStrength", "allowedCombinations"],
		"'Phishing-resistant MFA for administrators' requires authentication strength 'Multifactor authentication', which also allows methods that are not phishing-resistant: deviceBasedPush; federatedMultiFactor; hardwareOath,federatedSingleFactor and 11 more",
	)
}

test_fires_when_the_strength_combinations_are_not_exported if {
	strength := object.remove(td.phishing_resistant_strength, ["allowedCombinations"])
	without_strength := object.union(admins, {"grantControls": {"authenticationStrength": null}})
	policy := object.union(without_strength, {"grantControls": {"authenticationStrength": strength}})
	findings_for_two_roles([policy]) == near_miss(
		["conditional_access", "policies", 0, "grantControls", "authenticationStrength"],
		"'Phishing-resistant MFA for administrators' requires authentication strength 'Phishing-resistant MFA', whose allowed combinations are not in the export",
	)
}

test_fires_when_another_control_can_replace_the_strength if {
	policy := object.union(admins, {"grantControls": {"operator": "OR", "builtInControls": ["compliantDevice"]}})
	findings_for_two_roles([policy]) == near_miss(
		["conditional_access", "policies", 0, "grantControls", "operator"],
		"'Phishing-resistant MFA for administrators' requires only one of its controls (operator OR), so users can satisfy it with compliantDevice instead of a phishing-resistant authentication strength",
	)
}

test_fires_when_the_admin_policy_targets_some_apps_only if {
	policy := object.union(admins, {"conditions": {"applications": {"includeApplications": ["MicrosoftAdminPortals"]}}})
	findings_for_two_roles([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "applications", "includeApplications"],
		"'Phishing-resistant MFA for administrators' does not target all cloud apps",
	)
}

test_fires_when_the_admin_policy_skips_trusted_locations if {
	policy := object.union(admins, {"conditions": {"locations": {"includeLocations": ["All"], "excludeLocations": ["AllTrusted"]}}})
	findings_for_two_roles([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "locations", "excludeLocations"],
		"'Phishing-resistant MFA for administrators' excludes locations AllTrusted",
	)
}

test_fires_when_the_admin_policy_excludes_an_unapproved_group if {
	policy := object.union(admins, {"conditions": {"users": {"excludeGroups": ["5a1c7e9d-3b2f-4d6a-8e0c-1f2a3b4c5d6e"]}}})
	findings_for_two_roles([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "users", "excludeGroups", 0],
		"'Phishing-resistant MFA for administrators' excludes group 5a1c7e9d-3b2f-4d6a-8e0c-1f2a3b4c5d6e, which is not an approved exclusion",
	)
}

test_emergency_access_exclusions_are_approved if {
	policy := object.union(admins, {"conditions": {"users": {"excludeUsers": ["bg-1111@contoso.onmicrosoft.com"]}}})
	params := object.union(td.params_with_emergency_access, {"privileged_roles": [global_admin, role_admin]})
	found := rule.deny with input as td.tenant([policy]) with data.m365lint.params as params
	found == set()
}

test_fires_when_an_all_users_policy_excludes_guests if {
	policy := object.union(td.mfa_policy, {
		"grantControls": {"builtInControls": [], "authenticationStrength": td.phishing_resistant_strength},
		"conditions": {"users": {"excludeGuestsOrExternalUsers": td.all_guests}},
	})
	findings_for_two_roles([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "users", "excludeGuestsOrExternalUsers"],
		"'Require MFA for all users' excludes guests or external users (b2bCollaborationGuest, b2bCollaborationMember, b2bDirectConnectUser, internalGuest, otherExternalUser, serviceProvider), which is not an approved exclusion",
	)
}

test_near_misses_list_only_policies_for_uncovered_roles if {
	covers_global_admin := object.union(admins, {"conditions": {"users": {"includeRoles": [global_admin]}}})
	plain_mfa_for_both := object.union(admins, {
		"id": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb",
		"displayName": "MFA for administrators",
		"grantControls": {"builtInControls": ["mfa"], "authenticationStrength": null},
	})
	report_only_for_global_admin := object.union(covers_global_admin, {
		"id": "cccccccc-cccc-4ccc-8ccc-cccccccccccc",
		"displayName": "Pilot: FIDO2 for Global Administrators",
		"state": "enabledForReportingButNotEnforced",
	})
	findings_for_two_roles([covers_global_admin, plain_mfa_for_both, report_only_for_global_admin]) == {{
		"path": ["conditional_access", "policies"],
		"message": "No enforced policy requires phishing-resistant MFA for all cloud apps of these privileged roles: Privileged Role Administrator",
		"related": [{
			"path": ["conditional_access", "policies", 1, "grantControls", "builtInControls"],
			"message": "'MFA for administrators' requires mfa, not a phishing-resistant authentication strength",
		}],
		"details": {"uncoveredRoles": [{"id": role_admin, "name": "Privileged Role Administrator"}]},
	}}
}

test_an_excluded_privileged_role_is_a_near_miss if {
	policy := object.union(td.mfa_policy, {
		"grantControls": {"builtInControls": [], "authenticationStrength": td.phishing_resistant_strength},
		"conditions": {"users": {"excludeRoles": [role_admin]}},
	})
	findings_for_two_roles([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "users", "excludeRoles", 0],
		"'Require MFA for all users' excludes directory role Privileged Role Administrator (e8611ab8-c189-46e8-94e1-60213ab1f814)",
	)
}

test_every_other_narrowing_condition_is_a_near_miss if {
	every case in td.narrowing_cases_except(set()) {
		findings_for_two_roles([object.union(admins, {"conditions": case.conditions})]) == near_miss(
			td.narrowing_path(case),
			sprintf("'Phishing-resistant MFA for administrators' %s", [case.reason]),
		)
	}
}
