package m365lint.zero_trust.compliance_required_without_platform_policy_test

import rego.v1

import data.m365lint.lib.encryption_testdata as data_td
import data.m365lint.lib.testdata as td
import data.m365lint.zero_trust.compliance_required_without_platform_policy as rule

tenant(policies, compliance) := data_td.document({
	"conditional_access": {"policies": policies},
	"intune": {"compliance_policies": compliance, "settings": data_td.settings(true)},
})

findings(policies, compliance) := found if {
	found := rule.deny with input as tenant(policies, compliance)
}

reasons(policies, compliance) := found if {
	found := rule.not_assessed with input as tenant(policies, compliance)
}

message(name) := sprintf("Conditional Access requires a compliant device on %s, but no compliance policy for %s is assigned: those devices are judged by the tenant default alone (compliant unless devices without a policy are marked not compliant, otherwise locked out)", [name, name])

requiring(i, name, where) := {
	"path": ["conditional_access", "policies", i, "grantControls", "builtInControls", 0],
	"message": sprintf("Policy '%s' requires a compliant device %s", [name, where]),
}

# Every platform's compliance policy except `platform`'s.
all_but(platform) := [cp | some cp in data_td.every_platform; cp.platform != platform]

platform_finding(platform, name, related) := {
	"path": ["intune", "compliance_policies"],
	"message": message(name),
	"related": related,
	"details": {"platform": platform},
}

test_passes_when_every_platform_has_an_assigned_policy if {
	findings([td.managed_device_policy], data_td.every_platform) == set()
	reasons([td.managed_device_policy], data_td.every_platform) == set()
}

test_passes_when_no_policy_requires_a_compliant_device if {
	findings([td.mfa_policy], []) == set()
	reasons([td.mfa_policy], []) == set()
}

test_fires_for_a_platform_without_a_policy if {
	findings([td.managed_device_policy], all_but("ios")) == {platform_finding("ios", "iOS", [requiring(0, "Require a managed device", "on all platforms")])}
}

test_fires_once_per_platform if {
	findings([td.managed_device_policy], []) == {
		platform_finding("windows", "Windows", [requiring(0, "Require a managed device", "on all platforms")]),
		platform_finding("ios", "iOS", [requiring(0, "Require a managed device", "on all platforms")]),
		platform_finding("android", "Android", [requiring(0, "Require a managed device", "on all platforms")]),
		platform_finding("macos", "macOS", [requiring(0, "Require a managed device", "on all platforms")]),
	}
}

test_only_the_platforms_a_policy_applies_to_count if {
	mobile := object.union(td.managed_device_policy, {"conditions": {"platforms": {"includePlatforms": ["iOS", "android"], "excludePlatforms": []}}})
	findings([mobile], [data_td.compliance_policy("windows")]) == {
		platform_finding("ios", "iOS", [requiring(0, "Require a managed device", "on iOS")]),
		platform_finding("android", "Android", [requiring(0, "Require a managed device", "on Android")]),
	}
	all_but_mac := object.union(td.managed_device_policy, {"conditions": {"platforms": {"includePlatforms": ["all"], "excludePlatforms": ["macOS"]}}})
	findings([all_but_mac], all_but("macos")) == set()
}

test_only_the_platforms_of_the_parameter_count if {
	params := object.union(data.m365lint.params, {"platforms": ["windows", "ios"]})
	found := rule.deny with input as tenant([td.managed_device_policy], all_but("android")) with data.m365lint.params as params
	found == set()
}

test_a_policy_with_a_compliant_device_beside_mfa_counts if {
	either := object.union(td.managed_device_policy, {"grantControls": {"operator": "OR", "builtInControls": ["mfa", "compliantDevice"]}})
	findings([either], all_but("windows")) == {platform_finding("windows", "Windows", [{
		"path": ["conditional_access", "policies", 0, "grantControls", "builtInControls", 1],
		"message": "Policy 'Require a managed device' requires a compliant device on all platforms",
	}])}
}

test_report_only_policies_do_not_count if {
	report_only := object.union(td.managed_device_policy, {"state": "enabledForReportingButNotEnforced"})
	findings([report_only], []) == set()
}

test_an_unassigned_policy_is_a_near_miss if {
	unassigned := object.union(data_td.compliance_policy("ios"), {"assignments": []})
	findings([td.managed_device_policy], array.concat(all_but("ios"), [unassigned])) == {platform_finding("ios", "iOS", [
		requiring(0, "Require a managed device", "on all platforms"),
		{"path": ["intune", "compliance_policies", 3, "assignments"], "message": "Compliance policy 'ios – Basis' for iOS is not assigned"},
	])}
}

test_an_exclusion_only_assignment_does_not_assign if {
	excluded := object.union(data_td.compliance_policy("macos"), {"assignments": [data_td.exclusion_assignment]})
	findings([td.managed_device_policy], array.concat(all_but("macos"), [excluded])) == {platform_finding("macos", "macOS", [
		requiring(0, "Require a managed device", "on all platforms"),
		{"path": ["intune", "compliance_policies", 3, "assignments"], "message": "Compliance policy 'macos – Basis' for macOS only excludes groups, so it is assigned to no one"},
	])}
}

test_android_needs_a_work_profile_device_owner_or_device_administrator_policy if {
	aosp := object.union(data_td.compliance_policy("android"), {"@odata.type": "#microsoft.graph.aospDeviceOwnerCompliancePolicy", "androidManagement": "aospDeviceOwner"})
	findings([td.managed_device_policy], array.concat(all_but("android"), [aosp])) == {platform_finding("android", "Android", [
		requiring(0, "Require a managed device", "on all platforms"),
		{"path": ["intune", "compliance_policies", 3, "@odata.type"], "message": "Compliance policy 'android – Basis' is for Android aospDeviceOwner devices, not work profile, fully managed or device administrator ones"},
	])}
	device_owner := object.union(data_td.compliance_policy("android"), {"androidManagement": "deviceOwner"})
	findings([td.managed_device_policy], array.concat(all_but("android"), [device_owner])) == set()
}

test_not_assessed_without_compliance_policies if {
	document := data_td.document({"conditional_access": {"policies": [td.managed_device_policy]}, "intune": {"settings": data_td.settings(true)}})
	found := rule.deny with input as document
	found == set()
	not_assessed := rule.not_assessed with input as document
	not_assessed == {
		"Compliance policies were not exported, so whether Windows has an assigned compliance policy is unknown",
		"Compliance policies were not exported, so whether iOS has an assigned compliance policy is unknown",
		"Compliance policies were not exported, so whether Android has an assigned compliance policy is unknown",
		"Compliance policies were not exported, so whether macOS has an assigned compliance policy is unknown",
	}
}

test_not_assessed_when_a_policy_was_exported_without_assignments if {
	without := object.remove(data_td.compliance_policy("ios"), ["assignments"])
	compliance := array.concat(all_but("ios"), [without])
	findings([td.managed_device_policy], compliance) == set()
	reasons([td.managed_device_policy], compliance) == {"Compliance policy 'ios – Basis' for iOS was exported without its assignments, so whether iOS has an assigned compliance policy is unknown"}
}

test_an_assigned_policy_settles_a_platform_despite_one_without_assignments if {
	without := object.union(object.remove(data_td.compliance_policy("ios"), ["assignments"]), {"id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"})
	compliance := array.concat(data_td.every_platform, [without])
	findings([td.managed_device_policy], compliance) == set()
	reasons([td.managed_device_policy], compliance) == set()
}
