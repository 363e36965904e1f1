package m365lint.lib.zero_trust_test

import rego.v1

import data.m365lint.lib.encryption_testdata as data_td
import data.m365lint.lib.testdata as td
import data.m365lint.lib.zero_trust as zt

ca_document(policies) := data_td.document({"conditional_access": {"policies": policies}})

test_a_policy_without_platform_condition_covers_every_platform if {
	every platform in ["windows", "ios", "android", "macos"] {
		zt.covers_platform(td.managed_device_policy, platform)
	}
}

test_platforms_are_compared_ignoring_case_and_exclusions_win if {
	mobile := object.union(td.managed_device_policy, {"conditions": {"platforms": {"includePlatforms": ["iOS", "Android"], "excludePlatforms": []}}})
	zt.covers_platform(mobile, "ios")
	zt.covers_platform(mobile, "android")
	not zt.covers_platform(mobile, "windows")
	all_but_mac := object.union(td.managed_device_policy, {"conditions": {"platforms": {"includePlatforms": ["all"], "excludePlatforms": ["macOS"]}}})
	zt.covers_platform(all_but_mac, "windows")
	not zt.covers_platform(all_but_mac, "macos")
}

test_the_compliant_device_control_is_found_by_position if {
	either := object.union(td.managed_device_policy, {"grantControls": {"builtInControls": ["mfa", "domainJoinedDevice", "compliantDevice"]}})
	path := zt.compliant_device_path(1) with input as ca_document([td.mfa_policy, either])
	path == ["conditional_access", "policies", 1, "grantControls", "builtInControls", 2]
	requiring := zt.compliance_policies_requiring with input as ca_document([td.mfa_policy, either])
	requiring == {1}
}

test_policies_that_block_recipients if {
	block := object.union(td.mfa_policy, {"grantControls": {"builtInControls": ["block"]}})
	excluded := object.union(block, {"conditions": {"applications": {"excludeApplications": ["00000012-0000-0000-c000-000000000000"]}}})
	legacy := td.legacy_block_policy
	risky := object.union(block, {"conditions": {"signInRiskLevels": ["high"]}})
	no_guests := object.union(block, {"conditions": {"users": {"excludeUsers": ["GuestsOrExternalUsers"]}}})
	mfa := td.mfa_policy
	found := zt.recipient_blocking_policies with input as ca_document([block, excluded, legacy, risky, no_guests, mfa, td.managed_device_policy])
	found == {0, 6}
}

test_guest_types_covered_leave_out_excluded_types if {
	partial := object.union(td.mfa_policy, {"conditions": {"users": {"excludeGuestsOrExternalUsers": {
		"guestOrExternalUserTypes": ["b2bDirectConnectUser", "serviceProvider"],
		"externalTenants": {"@odata.type": "#microsoft.graph.conditionalAccessAllExternalTenants", "membershipKind": "all"},
	}}}})
	found := zt.guest_types_covered with input as ca_document([partial])
	found == {0: {"internalGuest", "b2bCollaborationGuest", "b2bCollaborationMember", "otherExternalUser"}}
}
