package m365lint.conditional_access.guests_without_mfa_test

import rego.v1

import data.m365lint.conditional_access.guests_without_mfa as rule
import data.m365lint.lib.testdata as td

every_type := [
	"b2bCollaborationGuest", "b2bCollaborationMember", "b2bDirectConnectUser",
	"internalGuest", "otherExternalUser", "serviceProvider",
]

message_for_every_type := "No enforced policy requires MFA for all cloud apps of these guest and external user types: b2bCollaborationGuest, b2bCollaborationMember, b2bDirectConnectUser, internalGuest, otherExternalUser, serviceProvider"

findings(policies) := found if {
	found := rule.deny with input as td.tenant(policies)
}

near_miss(path, text) := {{
	"path": ["conditional_access", "policies"],
	"message": message_for_every_type,
	"related": [{"path": path, "message": text}],
	"details": {"uncoveredGuestTypes": every_type},
}}

guests_of(types) := object.union(td.all_guests, {"guestOrExternalUserTypes": types})

test_passes_with_an_all_users_mfa_policy_that_keeps_guests_in if {
	findings([td.mfa_policy]) == set()
}

test_passes_with_a_guest_mfa_policy if {
	excluding_guests := object.union(td.mfa_policy, {"conditions": {"users": {"excludeGuestsOrExternalUsers": td.all_guests}}})
	findings([excluding_guests, td.guest_mfa_policy]) == set()
}

test_passes_with_the_all_guests_user_value if {
	policy := object.union(td.guest_mfa_policy, {"conditions": {"users": {"includeUsers": ["GuestsOrExternalUsers"], "includeGuestsOrExternalUsers": null}}})
	findings([policy]) == set()
}

test_passes_when_policies_for_different_types_add_up if {
	collaboration := object.union(td.guest_mfa_policy, {"conditions": {"users": {"includeGuestsOrExternalUsers": guests_of(["b2bCollaborationGuest", "b2bCollaborationMember", "internalGuest"])}}})
	others := object.union(td.guest_mfa_policy, {
		"id": "eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee",
		"displayName": "MFA for other external users",
		"conditions": {"users": {"includeGuestsOrExternalUsers": guests_of(["b2bDirectConnectUser", "otherExternalUser", "serviceProvider"])}},
	})
	findings([collaboration, others]) == set()
}

test_fires_without_any_mfa_policy if {
	findings([td.legacy_block_policy]) == {{
		"path": ["conditional_access", "policies"],
		"message": message_for_every_type,
		"details": {"uncoveredGuestTypes": every_type},
	}}
}

test_an_admin_mfa_policy_does_not_cover_guests if {
	findings([td.admin_phishing_resistant_policy]) == {{
		"path": ["conditional_access", "policies"],
		"message": message_for_every_type,
		"details": {"uncoveredGuestTypes": every_type},
	}}
}

test_fires_when_the_all_users_policy_excludes_all_guests if {
	policy := object.union(td.mfa_policy, {"conditions": {"users": {"excludeUsers": ["GuestsOrExternalUsers"]}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "users", "excludeUsers", 0],
		"'Require MFA for all users' excludes all guests and external users",
	)
}

test_an_approved_guest_exclusion_still_leaves_guests_without_mfa if {
	policy := object.union(td.mfa_policy, {"conditions": {"users": {"excludeUsers": ["GuestsOrExternalUsers"]}}})
	params := object.union(data.m365lint.params, {"approved_exclusions": {"users": ["GuestsOrExternalUsers"]}})
	found := rule.deny with input as td.tenant([policy]) with data.m365lint.params as params
	found == near_miss(
		["conditional_access", "policies", 0, "conditions", "users", "excludeUsers", 0],
		"'Require MFA for all users' excludes all guests and external users",
	)
}

test_fires_for_the_guest_types_the_all_users_policy_excludes if {
	policy := object.union(td.mfa_policy, {"conditions": {"users": {"excludeGuestsOrExternalUsers": guests_of(["serviceProvider", "b2bDirectConnectUser"])}}})
	findings([policy]) == {{
		"path": ["conditional_access", "policies"],
		"message": "No enforced policy requires MFA for all cloud apps of these guest and external user types: b2bDirectConnectUser, serviceProvider",
		"related": [{
			"path": ["conditional_access", "policies", 0, "conditions", "users", "excludeGuestsOrExternalUsers"],
			"message": "'Require MFA for all users' excludes guests or external users (b2bDirectConnectUser, serviceProvider)",
		}],
		"details": {"uncoveredGuestTypes": ["b2bDirectConnectUser", "serviceProvider"]},
	}}
}

test_an_exclusion_from_some_tenants_still_leaves_the_type_uncovered if {
	some_tenants := {
		"guestOrExternalUserTypes": ["b2bCollaborationGuest"],
		"externalTenants": {
			"@odata.type": "#microsoft.graph.conditionalAccessEnumeratedExternalTenants",
			"membershipKind": "enumerated",
			"members": ["72f988bf-86f1-41af-91ab-2d7cd011db47"],
		},
	}
	policy := object.union(td.mfa_policy, {"conditions": {"users": {"excludeGuestsOrExternalUsers": some_tenants}}})
	findings([policy]) == {{
		"path": ["conditional_access", "policies"],
		"message": "No enforced policy requires MFA for all cloud apps of these guest and external user types: b2bCollaborationGuest",
		"related": [{
			"path": ["conditional_access", "policies", 0, "conditions", "users", "excludeGuestsOrExternalUsers"],
			"message": "'Require MFA for all users' excludes guests or external users (b2bCollaborationGuest) from tenants 72f988bf-86f1-41af-91ab-2d7cd011db47",
		}],
		"details": {"uncoveredGuestTypes": ["b2bCollaborationGuest"]},
	}}
}

test_an_unreadable_guest_exclusion_excludes_every_type if {
	policy := object.union(td.mfa_policy, {"conditions": {"users": {"excludeGuestsOrExternalUsers": guests_of(["unknownFutureValue"])}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "users", "excludeGuestsOrExternalUsers"],
		"'Require MFA for all users' excludes guests or external users",
	)
}

test_fires_when_the_guest_policy_covers_some_types_only if {
	policy := object.union(td.guest_mfa_policy, {"conditions": {"users": {"includeGuestsOrExternalUsers": guests_of(["b2bCollaborationGuest", "b2bCollaborationMember"])}}})
	findings([policy]) == {{
		"path": ["conditional_access", "policies"],
		"message": "No enforced policy requires MFA for all cloud apps of these guest and external user types: b2bDirectConnectUser, internalGuest, otherExternalUser, serviceProvider",
		"related": [{
			"path": ["conditional_access", "policies", 0, "conditions", "users", "includeGuestsOrExternalUsers", "guestOrExternalUserTypes"],
			"message": "'Require MFA for guests' applies only to guest types b2bCollaborationGuest, b2bCollaborationMember",
		}],
		"details": {"uncoveredGuestTypes": ["b2bDirectConnectUser", "internalGuest", "otherExternalUser", "serviceProvider"]},
	}}
}

test_fires_when_the_guest_policy_covers_some_tenants_only if {
	partners := object.union(td.all_guests, {"externalTenants": {
		"@odata.type": "#microsoft.graph.conditionalAccessEnumeratedExternalTenants",
		"membershipKind": "enumerated",
		"members": ["9188040d-6c67-4c5b-b112-36a304b66dad"],
	}})
	policy := object.union(td.guest_mfa_policy, {"conditions": {"users": {"includeGuestsOrExternalUsers": partners}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "users", "includeGuestsOrExternalUsers", "externalTenants"],
		"'Require MFA for guests' applies only to guests from tenants 9188040d-6c67-4c5b-b112-36a304b66dad",
	)
}

test_fires_when_the_guest_policy_is_report_only if {
	policy := object.union(td.guest_mfa_policy, {"state": "enabledForReportingButNotEnforced"})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "state"],
		"'Require MFA for guests' is report-only (enabledForReportingButNotEnforced)",
	)
}

test_fires_when_guests_can_accept_terms_instead_of_mfa if {
	policy := object.union(td.guest_mfa_policy, {"grantControls": {"termsOfUse": ["3f5c9a1e-7b2d-4c8e-9f0a-1b2c3d4e5f6a"]}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "grantControls", "operator"],
		"'Require MFA for guests' requires only one of its controls (operator OR), so users can satisfy it with terms of use 3f5c9a1e-7b2d-4c8e-9f0a-1b2c3d4e5f6a instead of MFA",
	)
}

test_fires_when_the_guest_policy_targets_some_apps_only if {
	policy := object.union(td.guest_mfa_policy, {"conditions": {"applications": {"includeApplications": ["Office365"]}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "applications", "includeApplications"],
		"'Require MFA for guests' does not target all cloud apps",
	)
}

test_fires_when_the_guest_policy_skips_trusted_locations if {
	policy := object.union(td.guest_mfa_policy, {"conditions": {"locations": {"includeLocations": ["All"], "excludeLocations": ["AllTrusted"]}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "locations", "excludeLocations"],
		"'Require MFA for guests' excludes locations AllTrusted",
	)
}

test_fires_when_the_all_users_policy_excludes_an_unapproved_group if {
	policy := object.union(td.mfa_policy, {"conditions": {"users": {"excludeGroups": ["Externe Partner (Gäste)"]}}})
	findings([policy]) == near_miss(
		["conditional_access", "policies", 0, "conditions", "users", "excludeGroups", 0],
		"'Require MFA for all users' excludes group Externe Partner (Gäste), which is not an approved exclusion",
	)
}

test_lists_every_reason_of_a_partial_guest_policy if {
	partners := object.union(td.all_guests, {"externalTenants": {
		"@odata.type": "#microsoft.graph.conditionalAccessEnumeratedExternalTenants",
		"membershipKind": "enumerated",
		"members": ["9188040d-6c67-4c5b-b112-36a304b66dad", "3c7a9e2f-1b4d-4f6a-8c0e-5d2b7a9f1e3c"],
	}})
	policy := object.union(td.guest_mfa_policy, {
		"state": "enabledForReportingButNotEnforced",
		"conditions": {"users": {"includeGuestsOrExternalUsers": partners}},
	})
	findings([policy]) == {{
		"path": ["conditional_access", "policies"],
		"message": message_for_every_type,
		"related": [
			{
				"path": ["conditional_access", "policies", 0, "conditions", "users", "includeGuestsOrExternalUsers", "externalTenants"],
				"message": "'Require MFA for guests' applies only to guests from tenants 9188040d-6c67-4c5b-b112-36a304b66dad, 3c7a9e2f-1b4d-4f6a-8c0e-5d2b7a9f1e3c",
			},
			{
				"path": ["conditional_access", "policies", 0, "state"],
				"message": "'Require MFA for guests' is report-only (enabledForReportingButNotEnforced)",
			},
		],
		"details": {"uncoveredGuestTypes": every_type},
	}}
}

test_every_other_narrowing_condition_is_a_near_miss if {
	every case in td.narrowing_cases_except(set()) {
		findings([object.union(td.guest_mfa_policy, {"conditions": case.conditions})]) == near_miss(
			td.narrowing_path(case),
			sprintf("'Require MFA for guests' %s", [case.reason]),
		)
	}
}
