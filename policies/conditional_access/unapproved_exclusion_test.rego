package m365lint.conditional_access.unapproved_exclusion_test

import rego.v1

import data.m365lint.conditional_access.unapproved_exclusion as rule
import data.m365lint.lib.testdata as td

findings(policies) := found if {
	found := rule.deny with input as td.tenant(policies)
}

excluding(policy, users) := object.union(policy, {"conditions": {"users": users}})

test_passes_without_exclusions if {
	findings([td.mfa_policy, td.legacy_block_policy]) == set()
}

test_fires_per_excluded_user_group_and_role if {
	policy := excluding(td.mfa_policy, {
		"excludeUsers": ["0c5b1d7e-8a2f-4b3c-9d4e-5f6a7b8c9d0e"],
		"excludeGroups": ["4f6e1c2a-9b7d-4e3f-8a1b-2c3d4e5f6a7b"],
		"excludeRoles": ["62e90394-69f5-4237-9190-012177145e10"],
	})
	findings([policy]) == {
		{
			"path": ["conditional_access", "policies", 0, "conditions", "users", "excludeUsers", 0],
			"message": "Policy 'Require MFA for all users' excludes user 0c5b1d7e-8a2f-4b3c-9d4e-5f6a7b8c9d0e, which is not an approved exclusion",
			"details": {"policyId": "11111111-1111-4111-8111-111111111111", "kind": "user", "excluded": "0c5b1d7e-8a2f-4b3c-9d4e-5f6a7b8c9d0e"},
		},
		{
			"path": ["conditional_access", "policies", 0, "conditions", "users", "excludeGroups", 0],
			"message": "Policy 'Require MFA for all users' excludes group 4f6e1c2a-9b7d-4e3f-8a1b-2c3d4e5f6a7b, which is not an approved exclusion",
			"details": {"policyId": "11111111-1111-4111-8111-111111111111", "kind": "group", "excluded": "4f6e1c2a-9b7d-4e3f-8a1b-2c3d4e5f6a7b"},
		},
		{
			"path": ["conditional_access", "policies", 0, "conditions", "users", "excludeRoles", 0],
			"message": "Policy 'Require MFA for all users' excludes directory role Global Administrator (62e90394-69f5-4237-9190-012177145e10): everyone who holds the role is exempt",
			"details": {"policyId": "11111111-1111-4111-8111-111111111111", "kind": "role", "excluded": "62e90394-69f5-4237-9190-012177145e10"},
		},
	}
}

test_emergency_access_and_approved_exclusions_do_not_fire if {
	policy := excluding(td.legacy_block_policy, {
		"excludeUsers": ["BG-1111@CONTOSO.onmicrosoft.com", "svc-sync@contoso.com"],
		"excludeGroups": ["9e4b8c1d-2f3a-4b5c-8d6e-7f8091a2b3c4"],
	})
	params := object.union(td.params_with_emergency_access, {"approved_exclusions": {"users": ["svc-sync@contoso.com"]}})
	found := rule.deny with input as td.tenant([policy]) with data.m365lint.params as params
	found == set()
}

# A structured guest exclusion: B2B guests and service providers of one partner tenant.
partner_guests := {
	"guestOrExternalUserTypes": ["b2bCollaborationGuest", "serviceProvider"],
	"externalTenants": {"membershipKind": "enumerated", "members": ["9188040d-6c67-4c5b-b112-36a304b66dad"]},
}

test_fires_for_an_unapproved_guest_exclusion_in_either_form if {
	structured := excluding(td.mfa_policy, {"excludeGuestsOrExternalUsers": partner_guests})
	legacy := excluding(td.legacy_block_policy, {"excludeUsers": ["GuestsOrExternalUsers"]})
	findings([structured, legacy]) == {
		{
			"path": ["conditional_access", "policies", 0, "conditions", "users", "excludeGuestsOrExternalUsers"],
			"message": "Policy 'Require MFA for all users' excludes guests or external users (b2bCollaborationGuest, serviceProvider) from tenants 9188040d-6c67-4c5b-b112-36a304b66dad, which is not an approved exclusion",
			"details": {"policyId": "11111111-1111-4111-8111-111111111111", "kind": "guests", "excluded": "GuestsOrExternalUsers"},
		},
		{
			"path": ["conditional_access", "policies", 1, "conditions", "users", "excludeUsers", 0],
			"message": "Policy 'Block legacy authentication' excludes all guests and external users, which is not an approved exclusion",
			"details": {"policyId": "22222222-2222-4222-8222-222222222222", "kind": "user", "excluded": "GuestsOrExternalUsers"},
		},
	}
}

test_an_approved_guest_exclusion_does_not_fire_in_either_form if {
	structured := excluding(td.mfa_policy, {"excludeGuestsOrExternalUsers": partner_guests})
	legacy := excluding(td.legacy_block_policy, {"excludeUsers": ["GuestsOrExternalUsers"]})
	params := object.union(data.m365lint.params, {"approved_exclusions": {"users": ["GuestsOrExternalUsers"]}})
	found := rule.deny with input as td.tenant([structured, legacy]) with data.m365lint.params as params
	found == set()
}

test_report_only_policies_are_out_of_scope if {
	policy := excluding(object.union(td.mfa_policy, {"state": "enabledForReportingButNotEnforced"}), {"excludeGroups": ["g"]})
	findings([policy]) == set()
}

test_policies_that_neither_block_nor_require_mfa_or_compliance_are_out_of_scope if {
	terms_only := object.union(td.mfa_policy, {"grantControls": {"builtInControls": ["approvedApplication"]}})
	findings([excluding(terms_only, {"excludeGroups": ["g"]})]) == set()
}

test_compliant_device_policies_are_in_scope if {
	device := object.union(td.mfa_policy, {"displayName": "Require compliant device", "grantControls": {"builtInControls": ["compliantDevice"]}})
	findings([excluding(device, {"excludeGroups": ["Contractors"]})]) == {{
		"path": ["conditional_access", "policies", 0, "conditions", "users", "excludeGroups", 0],
		"message": "Policy 'Require compliant device' excludes group Contractors, which is not an approved exclusion",
		"details": {"policyId": "11111111-1111-4111-8111-111111111111", "kind": "group", "excluded": "Contractors"},
	}}
}
