package m365lint.conditional_access.security_info_registration_unprotected_test

import rego.v1

import data.m365lint.conditional_access.security_info_registration_unprotected as rule
import data.m365lint.lib.testdata as td

message := "No enforced policy protects security info registration (urn:user:registersecurityinfo) for all users with a managed device, MFA or trusted locations"

findings(policies) := found if {
	found := rule.deny with input as td.tenant(policies)
}

near_miss(path, text) := {{
	"path": ["conditional_access", "policies"],
	"message": message,
	"related": [{"path": path, "message": text}],
}}

mfa_for_registration := object.union(td.registration_policy, {
	"displayName": "MFA to register security info",
	"conditions": {"locations": null},
	"grantControls": {"builtInControls": ["mfa"]},
})

test_passes_with_a_block_outside_trusted_locations if {
	findings([td.mfa_policy, td.registration_policy]) == set()
}

test_passes_with_mfa_for_registration if {
	findings([mfa_for_registration]) == set()
}

test_passes_with_mfa_or_a_managed_device_outside_trusted_locations if {
	policy := object.union(td.registration_policy, {
		"conditions": {"locations": {"excludeLocations": ["AllTrusted", "00000000-0000-0000-0000-000000000000"]}},
		"grantControls": {"builtInControls": ["mfa", "compliantDevice", "domainJoinedDevice"]},
	})
	findings([policy]) == set()
}

test_an_all_apps_mfa_policy_does_not_cover_the_user_action if {
	findings([td.mfa_policy]) == {{"path": ["conditional_access", "policies"], "message": message}}
}

test_fires_when_the_policy_is_report_only if {
	policy := object.union(td.registration_policy, {"state": "enabledForReportingButNotEnforced"})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "state"],
		"'Security info registration from trusted locations only' is report-only (enabledForReportingButNotEnforced)",
	)
}

test_fires_when_the_excluded_location_is_a_named_location if {
	policy := object.union(td.registration_policy, {"conditions": {"locations": {"excludeLocations": ["0e3f2a9c-5b7d-4d1e-9f8a-6c4b2d0e8f1a"]}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "locations", "excludeLocations"],
		"'Security info registration from trusted locations only' excludes locations 0e3f2a9c-5b7d-4d1e-9f8a-6c4b2d0e8f1a, which the export does not show to be trusted (only AllTrusted is)",
	)
}

test_fires_when_the_block_applies_in_some_locations_only if {
	policy := object.union(td.registration_policy, {"conditions": {"locations": {"includeLocations": ["5c2e8f1a-9d3b-4a7c-8e6f-0b1a2c3d4e5f"], "excludeLocations": []}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "locations", "includeLocations"],
		"'Security info registration from trusted locations only' applies only in locations 5c2e8f1a-9d3b-4a7c-8e6f-0b1a2c3d4e5f",
	)
}

test_fires_when_the_policy_only_asks_for_terms_of_use if {
	policy := object.union(mfa_for_registration, {"grantControls": {"builtInControls": [], "termsOfUse": ["3f5c9a1e-7b2d-4c8e-9f0a-1b2c3d4e5f6a"]}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "grantControls", "builtInControls"],
		"'MFA to register security info' requires terms of use 3f5c9a1e-7b2d-4c8e-9f0a-1b2c3d4e5f6a, not a managed device, MFA or a block",
	)
}

test_fires_when_an_approved_app_can_replace_mfa if {
	policy := object.union(mfa_for_registration, {"grantControls": {"builtInControls": ["mfa", "approvedApplication"]}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "grantControls", "operator"],
		"'MFA to register security info' requires only one of its controls (operator OR), so users can satisfy it with approvedApplication instead of a managed device, MFA or a block",
	)
}

test_fires_when_the_policy_has_no_grant_controls if {
	policy := object.union(mfa_for_registration, {"grantControls": null})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "grantControls"],
		"'MFA to register security info' has no grant controls, so it does not require a managed device, MFA or a block",
	)
}

test_fires_when_the_policy_excludes_guests if {
	policy := object.union(td.registration_policy, {"conditions": {"users": {"excludeGuestsOrExternalUsers": td.all_guests}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "users", "excludeGuestsOrExternalUsers"],
		"'Security info registration from trusted locations only' excludes guests or external users (b2bCollaborationGuest, b2bCollaborationMember, b2bDirectConnectUser, internalGuest, otherExternalUser, serviceProvider), which is not an approved exclusion",
	)
}

test_an_approved_guest_exclusion_keeps_the_policy_for_all_users if {
	policy := object.union(td.registration_policy, {"conditions": {"users": {"excludeGuestsOrExternalUsers": td.all_guests}}})
	params := object.union(data.m365lint.params, {"approved_exclusions": {"users": ["GuestsOrExternalUsers"]}})
	found := rule.deny with input as td.tenant([policy]) with data.m365lint.params as params
	found == set()
}

test_fires_when_the_policy_covers_some_users_only if {
	policy := object.union(td.registration_policy, {"conditions": {"users": {"includeUsers": [], "includeGroups": ["8b7a6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d"]}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "users", "includeUsers"],
		"'Security info registration from trusted locations only' does not include all users",
	)
}

test_fires_when_the_policy_applies_only_at_sign_in_risk if {
	policy := object.union(mfa_for_registration, {"conditions": {"signInRiskLevels": ["medium", "high"]}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "signInRiskLevels"],
		"'MFA to register security info' applies only at sign-in risk medium, high",
	)
}

test_every_other_narrowing_condition_is_a_near_miss if {
	cases := td.narrowing_cases_except({"locations"})
	# Guards against a vacuous pass: 11 cases, at most two left out.
	count(cases) >= 9
	every case in cases {
		findings([object.union(td.registration_policy, {"conditions": case.conditions})]) == near_miss(
			td.narrowing_path(case),
			sprintf("'Security info registration from trusted locations only' %s", [case.reason]),
		)
	}
}
