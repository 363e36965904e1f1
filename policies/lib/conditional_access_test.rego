package m365lint.lib.conditional_access_test

import rego.v1

import data.m365lint.lib.conditional_access as ca
import data.m365lint.lib.testdata as td

shortfalls_of(policy) := found if {
	found := ca.shortfalls(0) with input as td.tenant([policy])
}

test_a_broad_enforced_policy_has_no_shortfalls if {
	shortfalls_of(td.mfa_policy) == set()
}

test_object_union_merges_nested_objects if {
	td.legacy_block_policy.conditions.users.includeUsers == ["All"]
	td.legacy_block_policy.conditions.clientAppTypes == ["exchangeActiveSync", "other"]
}

test_every_narrowing_condition_is_a_shortfall if {
	policy := object.union(td.mfa_policy, {"conditions": {
		"userRiskLevels": ["high"],
		"signInRiskLevels": ["medium", "high"],
		"platforms": {"includePlatforms": ["android", "iOS"], "excludePlatforms": []},
		"locations": {"includeLocations": ["All"], "excludeLocations": ["AllTrusted"]},
		"devices": {"deviceFilter": {"mode": "exclude", "rule": "device.isCompliant -eq True"}},
		"clientAppTypes": ["browser"],
		"authenticationFlows": {"transferMethods": ["deviceCodeFlow"]},
	}})
	{s.category | some s in shortfalls_of(policy)} == {
		"user_risk", "sign_in_risk", "platforms", "locations", "devices", "client_apps", "authentication_flows",
	}
	{"category": "locations", "path": ["conditional_access", "policies", 0, "conditions", "locations", "excludeLocations"], "reason": "excludes locations AllTrusted"} in shortfalls_of(policy)
	{"category": "devices", "path": ["conditional_access", "policies", 0, "conditions", "devices", "deviceFilter"], "reason": "applies only to devices that do not match the filter 'device.isCompliant -eq True'"} in shortfalls_of(policy)
}

test_all_platforms_and_all_client_apps_do_not_narrow if {
	policy := object.union(td.mfa_policy, {"conditions": {
		"platforms": {"includePlatforms": ["all"], "excludePlatforms": []},
		"locations": {"includeLocations": ["All"], "excludeLocations": []},
		"clientAppTypes": ["browser", "mobileAppsAndDesktopClients"],
	}})
	shortfalls_of(policy) == set()
}

test_missing_state_is_a_shortfall_not_a_pass if {
	policy := object.remove(td.mfa_policy, ["state"])
	{"category": "state", "path": ["conditional_access", "policies", 0, "state"], "reason": "is not enabled"} in shortfalls_of(policy)
}

test_missing_user_scope_is_a_shortfall if {
	policy := object.union(td.mfa_policy, {"conditions": {"users": {"includeUsers": [], "includeGroups": ["g1"]}}})
	{"category": "users", "path": ["conditional_access", "policies", 0, "conditions", "users", "includeUsers"], "reason": "does not include all users"} in shortfalls_of(policy)
}

test_approved_exclusions_match_ids_and_names_ignoring_case if {
	policy := object.union(td.mfa_policy, {"conditions": {"users": {
		"excludeUsers": ["BG-1111@contoso.onmicrosoft.com"],
		"excludeGroups": ["9E4B8C1D-2F3A-4B5C-8D6E-7F8091A2B3C4"],
	}}})
	found := ca.shortfalls(0) with input as td.tenant([policy])
		with data.m365lint.params as td.params_with_emergency_access
	found == set()
}

test_rights_management_app_exclusion_is_approved if {
	policy := object.union(td.mfa_policy, {"conditions": {"applications": {"excludeApplications": ["00000012-0000-0000-c000-000000000000", "app-x"]}}})
	shortfalls_of(policy) == {{
		"category": "exclusions",
		"path": ["conditional_access", "policies", 0, "conditions", "applications", "excludeApplications", 1],
		"reason": "excludes application app-x, which is not an approved exclusion",
	}}
}

test_role_exclusions_name_the_role if {
	policy := object.union(td.mfa_policy, {"conditions": {"users": {"excludeRoles": ["62e90394-69f5-4237-9190-012177145e10"]}}})
	shortfalls_of(policy) == {{
		"category": "exclusions",
		"path": ["conditional_access", "policies", 0, "conditions", "users", "excludeRoles", 0],
		"reason": "excludes directory role Global Administrator (62e90394-69f5-4237-9190-012177145e10)",
	}}
}

test_label_falls_back_to_the_id if {
	ca.label({"id": "abc", "displayName": null}) == "'abc'"
	ca.label({}) == "(unnamed policy)"
}

test_risk_conditions_have_one_category_each if {
	policy := object.union(td.mfa_policy, {"conditions": {
		"servicePrincipalRiskLevels": ["high"],
		"insiderRiskLevels": ["elevated"],
	}})
	shortfalls_of(policy) == {
		{"category": "service_principal_risk", "path": ["conditional_access", "policies", 0, "conditions", "servicePrincipalRiskLevels"], "reason": "applies only at service principal risk high"},
		{"category": "insider_risk", "path": ["conditional_access", "policies", 0, "conditions", "insiderRiskLevels"], "reason": "applies only at insider risk elevated"},
	}
}

test_null_and_missing_lists_are_read_as_empty if {
	policy := object.union(td.mfa_policy, {"conditions": {
		"users": {"excludeUsers": null, "excludeGroups": null, "excludeRoles": null},
		"applications": {"excludeApplications": null},
		"userRiskLevels": null,
		"clientAppTypes": null,
		"platforms": {"includePlatforms": null, "excludePlatforms": null},
	}})
	shortfalls_of(policy) == set()
	shortfalls_of(object.remove(policy, ["conditions"])) == {
		{"category": "users", "path": ["conditional_access", "policies", 0, "conditions", "users", "includeUsers"], "reason": "does not include all users"},
		{"category": "applications", "path": ["conditional_access", "policies", 0, "conditions", "applications", "includeApplications"], "reason": "does not target all cloud apps"},
	}
}

test_guest_exclusions_have_their_own_category_and_name_the_types if {
	partners := {
		"guestOrExternalUserTypes": ["b2bCollaborationGuest", "serviceProvider"],
		"externalTenants": {"membershipKind": "enumerated", "members": ["9188040d-6c67-4c5b-b112-36a304b66dad"]},
	}
	policy := object.union(td.mfa_policy, {"conditions": {"users": {
		"excludeUsers": ["guestsOrExternalUsers"],
		"excludeGuestsOrExternalUsers": partners,
	}}})
	shortfalls_of(policy) == {
		{
			"category": "guests",
			"path": ["conditional_access", "policies", 0, "conditions", "users", "excludeUsers", 0],
			"reason": "excludes all guests and external users, which is not an approved exclusion",
		},
		{
			"category": "guests",
			"path": ["conditional_access", "policies", 0, "conditions", "users", "excludeGuestsOrExternalUsers"],
			"reason": "excludes guests or external users (b2bCollaborationGuest, serviceProvider) from tenants 9188040d-6c67-4c5b-b112-36a304b66dad, which is not an approved exclusion",
		},
	}
}

test_an_approved_guest_exclusion_is_approved_in_either_form if {
	partners := {"guestOrExternalUserTypes": ["b2bCollaborationGuest"], "externalTenants": {"membershipKind": "all"}}
	structured := object.union(td.mfa_policy, {"conditions": {"users": {"excludeGuestsOrExternalUsers": partners}}})
	legacy := object.union(td.mfa_policy, {"conditions": {"users": {"excludeUsers": ["GuestsOrExternalUsers"]}}})
	params := object.union(data.m365lint.params, {"approved_exclusions": {"users": ["guestsOrExternalUsers"]}})
	approved_structured := ca.shortfalls(0) with input as td.tenant([structured]) with data.m365lint.params as params
	approved_structured == set()
	approved_legacy := ca.shortfalls(0) with input as td.tenant([legacy]) with data.m365lint.params as params
	approved_legacy == set()
	other_users := object.union(data.m365lint.params, {"approved_exclusions": {"users": ["svc-sync@contoso.com"]}})
	unapproved := ca.shortfalls(0) with input as td.tenant([structured]) with data.m365lint.params as other_users
	unapproved == {{
		"category": "guests",
		"path": ["conditional_access", "policies", 0, "conditions", "users", "excludeGuestsOrExternalUsers"],
		"reason": "excludes guests or external users (b2bCollaborationGuest), which is not an approved exclusion",
	}}
}

grant_shortfalls_of(policy, accepted) := found if {
	found := ca.grant_shortfalls(0, accepted, "MFA") with input as td.tenant([policy])
}

test_a_grant_requires_an_accepted_control_under_and_or_only_accepted_ones_under_or if {
	grant_shortfalls_of(td.mfa_policy, {"mfa"}) == set()
	and_grant := object.union(td.mfa_policy, {"grantControls": {"operator": "AND", "builtInControls": ["mfa", "compliantDevice"], "termsOfUse": ["t1"]}})
	grant_shortfalls_of(and_grant, {"mfa"}) == set()
	or_grant := object.union(and_grant, {"grantControls": {"operator": "OR"}})
	grant_shortfalls_of(or_grant, {"mfa"}) == {{
		"category": "grant",
		"path": ["conditional_access", "policies", 0, "grantControls", "operator"],
		"reason": "requires only one of its controls (operator OR), so users can satisfy it with compliantDevice, terms of use t1 instead of MFA",
	}}
}

test_a_missing_operator_is_read_as_or if {
	policy := object.union(td.mfa_policy, {"grantControls": {"operator": null, "builtInControls": ["mfa", "approvedApplication"]}})
	grant_shortfalls_of(policy, {"mfa"}) == {{
		"category": "grant",
		"path": ["conditional_access", "policies", 0, "grantControls", "operator"],
		"reason": "requires only one of its controls (operator not set), so users can satisfy it with approvedApplication instead of MFA",
	}}
}

test_a_grant_without_accepted_controls_or_without_controls_falls_short if {
	custom := object.union(td.mfa_policy, {"grantControls": {"builtInControls": [], "customAuthenticationFactors": ["Duo MFA"]}})
	grant_shortfalls_of(custom, {"mfa"}) == {{
		"category": "grant",
		"path": ["conditional_access", "policies", 0, "grantControls", "builtInControls"],
		"reason": "requires custom control Duo MFA, not MFA",
	}}
	session_only := object.union(td.mfa_policy, {"grantControls": null})
	grant_shortfalls_of(session_only, {"mfa"}) == {{
		"category": "grant",
		"path": ["conditional_access", "policies", 0, "grantControls"],
		"reason": "has no grant controls, so it does not require MFA",
	}}
}

phishing_resistance_of(policy) := found if {
	found := ca.phishing_resistance_shortfalls(0) with input as td.tenant([policy])
}

test_only_strengths_within_phishing_resistant_methods_are_phishing_resistant if {
	phishing_resistance_of(td.admin_phishing_resistant_policy) == set()
	fido2_only := object.union(td.admin_phishing_resistant_policy, {"grantControls": {"authenticationStrength": {"allowedCombinations": ["FIDO2"]}}})
	phishing_resistance_of(fido2_only) == set()
	with_sms := object.union(td.admin_phishing_resistant_policy, {"grantControls": {"authenticationStrength": {"displayName": null, "allowedCombinations": ["fido2", "password,sms"]}}})
	phishing_resistance_of(with_sms) == {{
		"category": "grant",
		"path": ["conditional_access", "policies", 0, "grantControls", "authenticationStrength", "allowedCombinations"],
		"reason": "requires authentication strength '00000000-0000-0000-0000-000000000004', which also allows methods that are not phishing-resistant: password,sms",
	}}
	empty := object.union(td.admin_phishing_resistant_policy, {"grantControls": {"authenticationStrength": {"allowedCombinations": []}}})
	phishing_resistance_of(empty) == {{
		"category": "grant",
		"path": ["conditional_access", "policies", 0, "grantControls", "authenticationStrength"],
		"reason": "requires authentication strength 'Phishing-resistant MFA', whose allowed combinations are not in the export",
	}}
}

test_roles_are_included_by_all_users_id_or_display_name if {
	ca.includes_role(td.mfa_policy, "62e90394-69f5-4237-9190-012177145e10")
	by_name := object.union(td.admin_phishing_resistant_policy, {"conditions": {"users": {"includeRoles": ["GLOBAL ADMINISTRATOR", "Helpdesk Administrator"]}}})
	ca.includes_role(by_name, "62e90394-69f5-4237-9190-012177145e10")
	ca.includes_role(by_name, "729827e3-9c14-49f7-bb1b-9608f156bbb8")
	not ca.includes_role(by_name, "e8611ab8-c189-46e8-94e1-60213ab1f814")
	by_upper_id := object.union(td.admin_phishing_resistant_policy, {"conditions": {"users": {"includeRoles": ["E8611AB8-C189-46E8-94E1-60213AB1F814"]}}})
	ca.includes_role(by_upper_id, "e8611ab8-c189-46e8-94e1-60213ab1f814")
}

test_privileged_roles_come_from_the_parameters if {
	count(ca.privileged_roles) == 14
	found := ca.privileged_roles with data.m365lint.params as {"privileged_roles": ["62E90394-69F5-4237-9190-012177145E10"]}
	found == {"62e90394-69f5-4237-9190-012177145e10"}
}

test_guest_types_are_included_from_all_tenants_only if {
	ca.includes_guest_type(td.mfa_policy, "serviceProvider")
	ca.includes_guest_type(td.guest_mfa_policy, "internalGuest")
	all_guests_value := object.union(td.guest_mfa_policy, {"conditions": {"users": {"includeUsers": ["GuestsOrExternalUsers"], "includeGuestsOrExternalUsers": null}}})
	ca.includes_guest_type(all_guests_value, "b2bDirectConnectUser")
	partners := object.union(td.guest_mfa_policy, {"conditions": {"users": {"includeGuestsOrExternalUsers": {"externalTenants": {"membershipKind": "enumerated"}}}}})
	not ca.includes_guest_type(partners, "internalGuest")
	not ca.includes_guest_type(td.admin_phishing_resistant_policy, "internalGuest")
	not ca.includes_guest_type(td.mfa_policy, "unknownFutureValue")
}

test_guest_types_are_excluded_from_any_tenant if {
	some_tenants := object.union(td.mfa_policy, {"conditions": {"users": {"excludeGuestsOrExternalUsers": {
		"guestOrExternalUserTypes": ["serviceProvider"],
		"externalTenants": {"membershipKind": "enumerated", "members": ["9188040d-6c67-4c5b-b112-36a304b66dad"]},
	}}}})
	ca.excludes_guest_type(some_tenants, "serviceProvider")
	not ca.excludes_guest_type(some_tenants, "internalGuest")
	unreadable := object.union(td.mfa_policy, {"conditions": {"users": {"excludeGuestsOrExternalUsers": {"guestOrExternalUserTypes": [], "externalTenants": null}}}})
	ca.excludes_guest_type(unreadable, "internalGuest")
	not ca.excludes_guest_type(td.mfa_policy, "internalGuest")
}

test_abbreviated_lists_name_three_items_and_count_the_rest if {
	ca.abbreviated(["a", "b", "c"], ", ") == "a, b, c"
	ca.abbreviated(["a", "b", "c", "d", "e"], "; ") == "a; b; c and 2 more"
}

test_only_a_known_off_state_is_not_maybe_enforced if {
	ca.maybe_enforced(td.mfa_policy)
	ca.maybe_enforced(object.remove(td.mfa_policy, ["state"]))
	not ca.maybe_enforced(object.union(td.mfa_policy, {"state": "disabled"}))
	not ca.maybe_enforced(object.union(td.mfa_policy, {"state": "enabledForReportingButNotEnforced"}))
}

test_privileged_roles_of_each_policy_agree_with_includes_role if {
	by_name := object.union(td.admin_phishing_resistant_policy, {"conditions": {"users": {"includeRoles": [
		"global administrator", "E8611AB8-C189-46E8-94E1-60213AB1F814", "not-a-role", 42,
	]}}})
	policies := [td.mfa_policy, by_name, td.guest_mfa_policy, td.admin_phishing_resistant_policy]
	found := ca.privileged_roles_of with input as td.tenant(policies)
	found[0] == ca.privileged_roles
	found[1] == {"62e90394-69f5-4237-9190-012177145e10", "e8611ab8-c189-46e8-94e1-60213ab1f814"}
	found[2] == set()
	found[3] == ca.privileged_roles
	every i, p in policies {
		found[i] == {role | some role in ca.privileged_roles; ca.includes_role(p, role)}
	}
}

test_guest_types_each_policy_includes_and_excludes if {
	some_tenants := object.union(td.mfa_policy, {"conditions": {"users": {"excludeGuestsOrExternalUsers": {
		"guestOrExternalUserTypes": ["serviceProvider"],
		"externalTenants": {"membershipKind": "enumerated", "members": ["9188040d-6c67-4c5b-b112-36a304b66dad"]},
	}}}})
	partners := object.union(td.guest_mfa_policy, {"conditions": {"users": {"includeGuestsOrExternalUsers": {"externalTenants": {"membershipKind": "enumerated"}}}}})
	policies := [td.mfa_policy, td.guest_mfa_policy, some_tenants, partners, td.admin_phishing_resistant_policy]
	included := ca.included_guest_types with input as td.tenant(policies)
	excluded := ca.excluded_guest_types with input as td.tenant(policies)
	included == {0: ca.guest_types, 1: ca.guest_types, 2: ca.guest_types, 3: set(), 4: set()}
	excluded == {0: set(), 1: set(), 2: {"serviceProvider"}, 3: set(), 4: set()}
}
