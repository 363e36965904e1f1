package m365lint.conditional_access.policy_without_effect_test

import rego.v1

import data.m365lint.conditional_access.policy_without_effect as rule
import data.m365lint.lib.testdata as td

findings(policies) := found if {
	found := rule.deny with input as td.tenant(policies)
}

session_only := object.union(td.mfa_policy, {
	"displayName": "Sitzungsdauer für alle",
	"grantControls": null,
	"sessionControls": td.admin_session_policy.sessionControls,
})

nothing_to_do := object.union(td.mfa_policy, {"displayName": "Leftover pilot", "grantControls": null, "sessionControls": null})

# A workload identity policy as Graph returns it: users None, service principals included.
workload_policy := object.union(td.mfa_policy, {
	"displayName": "Block service principals outside trusted networks",
	"conditions": {
		"users": {"includeUsers": ["None"]},
		"clientApplications": {
			"includeServicePrincipals": ["ServicePrincipalsInMyTenant"],
			"excludeServicePrincipals": [],
			"servicePrincipalFilter": null,
		},
		"locations": {"includeLocations": ["All"], "excludeLocations": ["AllTrusted"]},
	},
	"grantControls": {"builtInControls": ["block"]},
})

with_users(policy, users) := object.union(policy, {"conditions": {"users": users}})

test_passes_with_grants_session_controls_user_actions_and_workload_identities if {
	findings([td.mfa_policy, session_only, td.registration_policy, workload_policy, td.guest_mfa_policy]) == set()
}

test_report_only_and_disabled_policies_are_out_of_scope if {
	report_only := object.union(nothing_to_do, {"state": "enabledForReportingButNotEnforced"})
	disabled := with_users(object.union(td.mfa_policy, {"state": "disabled"}), {"includeUsers": ["None"]})
	findings([report_only, disabled]) == set()
}

test_fires_without_grant_and_session_controls if {
	findings([nothing_to_do]) == {{
		"path": ["conditional_access", "policies", 0, "grantControls"],
		"message": "Policy 'Leftover pilot' has no grant control and no enabled session control: it changes nothing",
	}}
}

test_empty_grant_controls_and_disabled_session_controls_have_no_effect if {
	policy := object.union(session_only, {
		"grantControls": {"operator": "OR", "builtInControls": [], "customAuthenticationFactors": [], "termsOfUse": [], "authenticationStrength": null},
		"sessionControls": {"signInFrequency": {"isEnabled": false}, "persistentBrowser": {"isEnabled": false}},
	})
	findings([policy]) == {{
		"path": ["conditional_access", "policies", 0, "grantControls"],
		"message": "Policy 'Sitzungsdauer für alle' has no grant control and no enabled session control: it changes nothing",
	}}
}

test_terms_of_use_resilience_defaults_and_continuous_access_evaluation_are_effects if {
	terms := object.union(nothing_to_do, {"grantControls": {"operator": "OR", "builtInControls": [], "termsOfUse": ["3f5c9a1e-7b2d-4c8e-9f0a-1b2c3d4e5f6a"]}})
	resilience := object.union(nothing_to_do, {"sessionControls": {"disableResilienceDefaults": true}})
	strict := object.union(nothing_to_do, {"sessionControls": {"continuousAccessEvaluation": {"mode": "strictLocation"}}})
	findings([terms, resilience, strict]) == set()
}

test_fires_when_users_include_none if {
	policy := with_users(td.mfa_policy, {"includeUsers": ["None"]})
	findings([policy]) == {{
		"path": ["conditional_access", "policies", 0, "conditions", "users", "includeUsers", 0],
		"message": "Policy 'Require MFA for all users' includes users None: it applies to no one",
	}}
}

test_fires_when_no_one_is_included if {
	policy := with_users(td.mfa_policy, {"includeUsers": []})
	findings([policy]) == {{
		"path": ["conditional_access", "policies", 0, "conditions", "users", "includeUsers"],
		"message": "Policy 'Require MFA for all users' includes no user, group, role or guest: it applies to no one",
	}}
}

test_fires_when_every_inclusion_is_excluded if {
	policy := with_users(td.mfa_policy, {
		"includeUsers": ["4d2c6b8a-0e1f-4a3b-9c5d-7e8f9a0b1c2d"],
		"excludeUsers": ["4D2C6B8A-0E1F-4A3B-9C5D-7E8F9A0B1C2D"],
		"includeGroups": ["Finanzbuchhaltung"],
		"excludeGroups": ["Finanzbuchhaltung", "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"],
		"includeRoles": ["62e90394-69f5-4237-9190-012177145e10"],
		"excludeRoles": ["62e90394-69f5-4237-9190-012177145e10"],
	})
	findings([policy]) == {{
		"path": ["conditional_access", "policies", 0, "conditions", "users"],
		"message": "Policy 'Require MFA for all users' excludes every user, group, role and guest it includes: it applies to no one",
	}}
}

test_fires_when_the_included_guests_are_all_excluded if {
	policy := with_users(td.guest_mfa_policy, {"excludeGuestsOrExternalUsers": td.all_guests})
	findings([policy]) == {{
		"path": ["conditional_access", "policies", 0, "conditions", "users"],
		"message": "Policy 'Require MFA for guests' excludes every user, group, role and guest it includes: it applies to no one",
	}}
}

test_fires_when_all_guests_are_included_and_excluded if {
	policy := with_users(td.guest_mfa_policy, {
		"includeUsers": ["GuestsOrExternalUsers"],
		"includeGuestsOrExternalUsers": null,
		"excludeUsers": ["GuestsOrExternalUsers"],
	})
	findings([policy]) == {{
		"path": ["conditional_access", "policies", 0, "conditions", "users"],
		"message": "Policy 'Require MFA for guests' excludes every user, group, role and guest it includes: it applies to no one",
	}}
}

test_a_partial_exclusion_leaves_an_effect if {
	some_guests_excluded := with_users(td.guest_mfa_policy, {"excludeGuestsOrExternalUsers": object.union(td.all_guests, {"guestOrExternalUserTypes": ["serviceProvider"]})})
	some_tenants_excluded := with_users(td.guest_mfa_policy, {"excludeGuestsOrExternalUsers": object.union(td.all_guests, {"externalTenants": {"membershipKind": "enumerated", "members": ["9188040d-6c67-4c5b-b112-36a304b66dad"]}})})
	one_group_left := with_users(td.mfa_policy, {
		"includeUsers": [],
		"includeGroups": ["Finanzbuchhaltung", "Einkauf"],
		"excludeGroups": ["Finanzbuchhaltung"],
	})
	all_users_with_exclusions := with_users(td.mfa_policy, {"excludeUsers": ["GuestsOrExternalUsers"], "excludeRoles": ["62e90394-69f5-4237-9190-012177145e10"]})
	findings([some_guests_excluded, some_tenants_excluded, one_group_left, all_users_with_exclusions]) == set()
}

test_fires_when_apps_include_none if {
	policy := object.union(td.mfa_policy, {"conditions": {"applications": {"includeApplications": ["None"]}}})
	findings([policy]) == {{
		"path": ["conditional_access", "policies", 0, "conditions", "applications", "includeApplications", 0],
		"message": "Policy 'Require MFA for all users' targets cloud apps None: it applies to nothing",
	}}
}

test_fires_when_nothing_is_targeted if {
	policy := object.union(td.mfa_policy, {"conditions": {"applications": {"includeApplications": []}}})
	findings([policy]) == {{
		"path": ["conditional_access", "policies", 0, "conditions", "applications", "includeApplications"],
		"message": "Policy 'Require MFA for all users' targets no cloud app, user action or authentication context: it applies to nothing",
	}}
}

test_authentication_contexts_are_targets if {
	policy := object.union(td.mfa_policy, {"conditions": {"applications": {"includeApplications": [], "includeAuthenticationContextClassReferences": ["c1"]}}})
	findings([policy]) == set()
}

test_fires_when_every_app_is_excluded if {
	policy := object.union(td.mfa_policy, {"conditions": {"applications": {
		"includeApplications": ["00000003-0000-0ff1-ce00-000000000000"],
		"excludeApplications": ["00000003-0000-0ff1-ce00-000000000000"],
	}}})
	findings([policy]) == {{
		"path": ["conditional_access", "policies", 0, "conditions", "applications", "excludeApplications"],
		"message": "Policy 'Require MFA for all users' excludes every cloud app it includes: it applies to nothing",
	}}
}

test_a_workload_identity_policy_is_still_judged_on_its_effect if {
	policy := object.union(workload_policy, {"grantControls": null})
	findings([policy]) == {{
		"path": ["conditional_access", "policies", 0, "grantControls"],
		"message": "Policy 'Block service principals outside trusted networks' has no grant control and no enabled session control: it changes nothing",
	}}
}

test_reports_every_reason_once_per_policy if {
	policy := object.union(nothing_to_do, {"conditions": {
		"users": {"includeUsers": ["None"]},
		"applications": {"includeApplications": ["None"]},
	}})
	findings([td.mfa_policy, policy]) == {
		{
			"path": ["conditional_access", "policies", 1, "grantControls"],
			"message": "Policy 'Leftover pilot' has no grant control and no enabled session control: it changes nothing",
		},
		{
			"path": ["conditional_access", "policies", 1, "conditions", "users", "includeUsers", 0],
			"message": "Policy 'Leftover pilot' includes users None: it applies to no one",
		},
		{
			"path": ["conditional_access", "policies", 1, "conditions", "applications", "includeApplications", 0],
			"message": "Policy 'Leftover pilot' targets cloud apps None: it applies to nothing",
		},
	}
}

test_a_policy_without_state_is_judged_as_on if {
	findings([object.remove(nothing_to_do, ["state"])]) == {{
		"path": ["conditional_access", "policies", 0, "grantControls"],
		"message": "Policy 'Leftover pilot' has no grant control and no enabled session control: it changes nothing",
	}}
}
