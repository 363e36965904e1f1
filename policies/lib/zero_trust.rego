# Shared definitions for the Zero Trust rules (catalog.md, "Zero Trust, across areas"), which
# weigh one area's configuration against another's: Conditional Access policies that require
# a compliant device against Intune's compliance settings and assigned compliance policies,
# and policies that block guests against the encryption in use.
package m365lint.lib.zero_trust

import rego.v1

import data.m365lint.lib.conditional_access as ca
import data.m365lint.lib.finding

params := data.m365lint.params

# ---------------------------------------------------------------------------------------------
# Conditional Access policies that require a compliant device

# Policy p may be enforcing (state enabled, or no state in the export) and makes a compliant
# device one of its grant controls, even beside alternatives (operator OR): a device may pass
# through the compliance check either way.
requires_compliance(p) if {
	ca.maybe_enforced(p)
	ca.requires_compliant_device(p)
}

compliance_policies_requiring contains i if {
	some i, p in ca.policies
	requires_compliance(p)
}

# The position of the `compliantDevice` control of each such policy. (An object rule: regorus
# 0.14 loses the comprehension of an equivalent function when its argument comes from
# `compliance_policies_requiring`.)
compliant_device_index[i] := min(positions) if {
	some i in compliance_policies_requiring
	positions := {j | some j, control in ca.array_at(ca.policies[i], ["grantControls", "builtInControls"]); control == "compliantDevice"}
}

# The path of the `compliantDevice` control of CA policy i.
compliant_device_path(i) := ca.at(i, ["grantControls", "builtInControls", compliant_device_index[i]])

# ---------------------------------------------------------------------------------------------
# Platforms

# The platforms of parameter `platforms`, as Intune names them.
platforms := {lower(p) | some p in ca.array_at(params, ["platforms"]); is_string(p)}

platform_names := {"windows": "Windows", "ios": "iOS", "android": "Android", "macos": "macOS"}

platform_name(platform) := object.get(platform_names, platform, platform)

# CA policy p applies on `platform` (an Intune platform name): it has no platform condition,
# or includes all platforms or this one, and does not exclude it. Conditional Access spells
# platforms `iOS`, `macOS`: compared ignoring case.
covers_platform(p, platform) if {
	count(ca.array_at(p, ["conditions", "platforms", "includePlatforms"])) == 0
	not excludes_platform(p, platform)
}

covers_platform(p, platform) if {
	included := ca.lowered(ca.array_at(p, ["conditions", "platforms", "includePlatforms"]))
	count({"all", platform} & included) > 0
	not excludes_platform(p, platform)
}

excludes_platform(p, platform) if platform in ca.lowered(ca.array_at(p, ["conditions", "platforms", "excludePlatforms"]))

# ---------------------------------------------------------------------------------------------
# Intune

settings_exported if is_object(input.intune.settings)

compliance_policies_exported if is_array(input.intune.compliance_policies)

compliance_policies_path := ["intune", "compliance_policies"]

compliance_policy_at(i, rest) := array.concat(["intune", "compliance_policies", i], rest)

compliance_policy_label(cp) := sprintf("'%s'", [cp.displayName]) if {
	is_string(cp.displayName)
	cp.displayName != ""
} else := sprintf("'%s'", [cp.id]) if is_string(cp.id) else := "(unnamed policy)"

# Android device compliance counts for work profile, fully managed / corporate-owned (device
# owner) and device administrator enrollment (as for DEV001).
android_managements := {"workProfile", "deviceOwner", "deviceAdministrator"}

# Compliance policy cp is for `platform`.
for_platform(cp, platform) if {
	platform != "android"
	cp.platform == platform
}

for_platform(cp, "android") if {
	cp.platform == "android"
	cp.androidManagement in android_managements
}

# An assignment that only excludes a group does not assign the policy.
exclusion(assignment) if {
	kind := object.get(assignment, ["target", "@odata.type"], "")
	is_string(kind)
	endswith(lower(kind), "exclusiongroupassignmenttarget")
}

assigned(cp) if {
	some assignment in cp.assignments
	not exclusion(assignment)
}

# Assignments not in the export: whether the policy is assigned is unknown.
assignments_unknown(cp) if not is_array(cp.assignments)

# Platforms with an assigned compliance policy.
platforms_assigned contains platform if {
	some platform in platforms
	some cp in input.intune.compliance_policies
	for_platform(cp, platform)
	assigned(cp)
}

# Why compliance policy i, for `platform`, does not cover it (near misses), as evidence.
compliance_near_misses(platform) := {e |
	some i, cp in input.intune.compliance_policies
	for_platform(cp, platform)
	is_array(cp.assignments)
	count(cp.assignments) == 0
	e := finding.evidence(compliance_policy_at(i, ["assignments"]), sprintf("Compliance policy %s for %s is not assigned", [compliance_policy_label(cp), platform_name(platform)]))
} | {e |
	some i, cp in input.intune.compliance_policies
	for_platform(cp, platform)
	count(cp.assignments) > 0
	not assigned(cp)
	e := finding.evidence(compliance_policy_at(i, ["assignments"]), sprintf("Compliance policy %s for %s only excludes groups, so it is assigned to no one", [compliance_policy_label(cp), platform_name(platform)]))
} | {e |
	platform == "android"
	some i, cp in input.intune.compliance_policies
	cp.platform == "android"
	not cp.androidManagement in android_managements
	e := finding.evidence(compliance_policy_at(i, ["@odata.type"]), sprintf("Compliance policy %s is for Android %s devices, not work profile, fully managed or device administrator ones", [compliance_policy_label(cp), cp.androidManagement]))
}

# ---------------------------------------------------------------------------------------------
# Conditional Access policies that keep external recipients from opening encrypted content
# (ZT003): external recipients sign in to the Microsoft Rights Management app to open it.

# Grant controls that a guest or external recipient cannot satisfy in this tenant.
recipient_blocking_controls := {"block", "compliantDevice", "domainJoinedDevice"}

blocking_controls(p) := ca.builtin_controls(p) & recipient_blocking_controls

# Policy p applies to the Rights Management app: all cloud apps, or the app by id.
targets_rights_management(p) if ca.all_apps(p)

targets_rights_management(p) if ca.rights_management_app in ca.lowered(ca.array_at(p, ["conditions", "applications", "includeApplications"]))

excludes_rights_management(p) if ca.rights_management_app in ca.lowered(ca.array_at(p, ["conditions", "applications", "excludeApplications"]))

# The guest and external user types each policy applies to, by policy index. (An object rule:
# regorus 0.14 returned an empty set from an equivalent function called, outside this package,
# with a policy that `recipient_blocking_policies` had passed to it.)
guest_types_covered[i] := {t |
	some t in ca.guest_types
	ca.includes_guest_type(p, t)
	not ca.excludes_guest_type(p, t)
} if {
	some i, p in ca.policies
}

# Policy p does not apply to a modern sign-in to the Rights Management app whatever the
# recipient does: it only applies to legacy clients, to authentication flows (device code,
# authentication transfer) or at some risk level (blocking a risky sign-in is intended).
applies_to_recipients_only_sometimes(p) if {
	types := ca.array_at(p, ["conditions", "clientAppTypes"])
	count(types) > 0
	count({"all", "browser", "mobileAppsAndDesktopClients"} & {t | some t in types}) == 0
}

applies_to_recipients_only_sometimes(p) if count(ca.array_at(p, ["conditions", "authenticationFlows", "transferMethods"])) > 0

applies_to_recipients_only_sometimes(p) if {
	some field in ["userRiskLevels", "signInRiskLevels", "servicePrincipalRiskLevels", "insiderRiskLevels"]
	count(ca.array_at(p, ["conditions", field])) > 0
}

# Policies that block guests or external users from the Rights Management app, or require of
# them a device they cannot have.
recipient_blocking_policies contains i if {
	some i, p in ca.policies
	ca.maybe_enforced(p)
	count(blocking_controls(p)) > 0
	targets_rights_management(p)
	not excludes_rights_management(p)
	count(guest_types_covered[i]) > 0
	not applies_to_recipients_only_sometimes(p)
}
