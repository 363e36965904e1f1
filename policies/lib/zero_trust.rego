# Shared definitions for the Zero Trust rules (catalog.md, "Zero Trust, across areas"), which
# weigh one area's configuration against another's: Conditional Access policies that require
# a compliant device against Intune's compliance settings and assigned compliance policies,
# and policies that block guests against the encryption in use.
package m365lint.lib.zero_trust

import rego.v1

import data.m365lint.lib.conditional_access as ca

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
ca_excluded_guest_types := data.m365lint.lib.conditional_access.excluded_guest_types
ca_included_guest_types := data.m365lint.lib.conditional_access.included_guest_types
ca_policies := data.m365lint.lib.conditional_access.policies
ca_rights_management_app := data.m365lint.lib.conditional_access.rights_management_app

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
	some i, p in ca_policies
	requires_compliance(p)
}

# The position of the `compliantDevice` control of each such policy. (An object rule: regorus
# 0.14 loses the comprehension of an equivalent function when its argument comes from
# `compliance_policies_requiring`.)
compliant_device_index[i] := min(positions) if {
	some i in compliance_policies_requiring
	positions := {j | some j, control in ca.array_at(ca_policies[i], ["grantControls", "builtInControls"]); control == "compliantDevice"}
}

# The path of the `compliantDevice` control of CA policy i.
compliant_device_path(i) := ca.at(i, ["grantControls", "builtInControls", compliant_device_index[i]])

# ---------------------------------------------------------------------------------------------
# Platforms. Which platforms are required (parameter `platforms`), how messages name them and
# whether each has an assigned compliance policy are Intune's definitions (lib/intune.rego,
# shared with DEV001); here only how Conditional Access policies select platforms.

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
# Conditional Access policies that keep external recipients from opening encrypted content
# (ZT003): external recipients sign in to the Microsoft Rights Management app to open it.

# Grant controls that a guest or external recipient cannot satisfy in this tenant.
recipient_blocking_controls := {"block", "compliantDevice", "domainJoinedDevice"}

blocking_controls(p) := ca.builtin_controls(p) & recipient_blocking_controls

# Policy p applies to the Rights Management app: all cloud apps, or the app by id.
targets_rights_management(p) if ca.all_apps(p)

targets_rights_management(p) if ca_rights_management_app in ca.lowered(ca.array_at(p, ["conditions", "applications", "includeApplications"]))

excludes_rights_management(p) if ca_rights_management_app in ca.lowered(ca.array_at(p, ["conditions", "applications", "excludeApplications"]))

# The guest and external user types each policy applies to, by policy index. (An object rule:
# regorus 0.14 returned an empty set from an equivalent function called, outside this package,
# with a policy that `recipient_blocking_policies` had passed to it.)
guest_types_covered[i] := ca_included_guest_types[i] - ca_excluded_guest_types[i] if some i, _ in ca_policies

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
	some i, p in ca_policies
	ca.maybe_enforced(p)
	count(blocking_controls(p)) > 0
	targets_rights_management(p)
	not excludes_rights_management(p)
	count(guest_types_covered[i]) > 0
	not applies_to_recipients_only_sometimes(p)
}
