package m365lint.zero_trust.compliance_required_without_platform_policy_test

import rego.v1

import data.m365lint.intune.platform_without_compliance_policy as dev001_rule
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

# What counts for each platform, as DEV001 names it.
coverage := {
	"windows": "Windows 10 and later",
	"ios": "iOS/iPadOS",
	"android": "Android (work profile, device owner or device administrator)",
	"macos": "macOS",
}

message(name, platform) := sprintf("Conditional Access requires a compliant device on %s, but no compliance policy for %s is assigned: those devices are judged by the tenant default alone (compliant unless devices without a policy are marked not compliant, otherwise locked out)", [name, coverage[platform]])

requiring(i, name, where) := {
	"path": ["conditional_access", "policies", i, "grantControls", "builtInControls", 0],
	"message": sprintf("Policy '%s' requires a compliant device %s", [name, where]),
}

# Every platform's compliance policy except `platform`'s.
all_but(platform) := [cp | some cp in data_td.every_platform; cp.platform != platform]

platform_finding(platform, name, related) := {
	"path": ["intune", "compliance_policies"],
	"message": message(name, platform),
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
		{"path": ["intune", "compliance_policies", 3, "assignments"], "message": "Compliance policy 'ios – Basis' is not assigned to any group"},
	])}
}

test_an_exclusion_only_assignment_does_not_assign if {
	excluded := object.union(data_td.compliance_policy("macos"), {"assignments": [data_td.exclusion_assignment]})
	findings([td.managed_device_policy], array.concat(all_but("macos"), [excluded])) == {platform_finding("macos", "macOS", [
		requiring(0, "Require a managed device", "on all platforms"),
		{"path": ["intune", "compliance_policies", 3, "assignments"], "message": "Compliance policy 'macos – Basis' only excludes groups and includes none"},
	])}
}

test_android_needs_a_work_profile_device_owner_or_device_administrator_policy if {
	aosp := object.union(data_td.compliance_policy("android"), {"@odata.type": "#microsoft.graph.aospDeviceOwnerCompliancePolicy", "androidManagement": "aospDeviceOwner"})
	findings([td.managed_device_policy], array.concat(all_but("android"), [aosp])) == {platform_finding("android", "Android", [
		requiring(0, "Require a managed device", "on all platforms"),
		{"path": ["intune", "compliance_policies", 3, "androidManagement"], "message": "Compliance policy 'android – Basis' is an Android (AOSP) policy, which does not count for work profile, device owner or device administrator devices"},
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
	reasons([td.managed_device_policy], compliance) == {"Whether a compliance policy is assigned for iOS/iPadOS devices cannot be told: 'ios – Basis' was exported without its assignments"}
}

test_an_assigned_policy_settles_a_platform_despite_one_without_assignments if {
	without := object.union(object.remove(data_td.compliance_policy("ios"), ["assignments"]), {"id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"})
	compliance := array.concat(data_td.every_platform, [without])
	findings([td.managed_device_policy], compliance) == set()
	reasons([td.managed_device_policy], compliance) == set()
}

test_an_assignment_target_without_a_type_is_not_assessed if {
	untyped := object.union(data_td.compliance_policy("ios"), {"assignments": [{"target": {"groupId": "e1c59b7d-2a64-4f38-8d1e-93b0a6c7f245"}}]})
	compliance := array.concat(all_but("ios"), [untyped])
	findings([td.managed_device_policy], compliance) == set()
	reasons([td.managed_device_policy], compliance) == {"Whether a compliance policy is assigned for iOS/iPadOS devices cannot be told: 'ios – Basis' has an assignment whose target type is not in the export"}
}

test_older_windows_policies_do_not_count_for_windows if {
	windows81 := object.union(data_td.compliance_policy("windows"), {"@odata.type": "#microsoft.graph.windows81CompliancePolicy", "platform": "windows81"})
	findings([td.managed_device_policy], array.concat(all_but("windows"), [windows81])) == {platform_finding("windows", "Windows", [
		requiring(0, "Require a managed device", "on all platforms"),
		{"path": ["intune", "compliance_policies", 3, "platform"], "message": "Compliance policy 'windows – Basis' is a Windows 8.1 policy, which does not apply to Windows 10 and later"},
	])}
}

test_the_platforms_parameter_is_compared_in_lower_case if {
	params := object.union(data.m365lint.params, {"platforms": ["iOS", "Android"]})
	found := rule.deny with input as tenant([td.managed_device_policy], all_but("android")) with data.m365lint.params as params
	found == {platform_finding("android", "Android", [requiring(0, "Require a managed device", "on all platforms")])}
}

# ZT002 and DEV001 answer "does this platform have an assigned compliance policy?" alike: for
# a Conditional Access policy on all platforms, they fire and are not assessed for the same
# platforms.
test_agrees_with_dev001_on_every_platform if {
	untyped := object.union(data_td.compliance_policy("ios"), {"assignments": [{"target": {"groupId": "e1c59b7d-2a64-4f38-8d1e-93b0a6c7f245"}}]})
	unassigned := object.union(data_td.compliance_policy("macos"), {"assignments": []})
	aosp := object.union(data_td.compliance_policy("android"), {"androidManagement": "aospDeviceOwner"})
	tenants := [
		data_td.every_platform,
		[],
		[untyped, unassigned, aosp],
		array.concat(all_but("ios"), [untyped]),
		[data_td.compliance_policy("windows"), unassigned, aosp],
	]
	every compliance in tenants {
		document := tenant([td.managed_device_policy], compliance)
		zt002 := {f.details.platform | some f in rule.deny} with input as document
		dev001 := {f.details.platform | some f in dev001_rule.deny} with input as document
		zt002 == dev001
		zt002_unknown := rule.not_assessed with input as document
		dev001_unknown := dev001_rule.not_assessed with input as document
		zt002_unknown == dev001_unknown
	}
}
