# Shared definitions for Intune device compliance rules (catalog.md, "Intune device
# compliance"): the kind of device a policy protects, which settings each kind has, whether a
# policy is assigned, and how OS versions and threat levels compare. A setting is judged only
# where the export holds it: a setting the kind has but the export lacks is "not assessed",
# never a pass and never a finding.
package m365lint.lib.intune

import rego.v1

import data.m365lint.lib.finding

params := data.m365lint.params

# The compliance policies; undefined when the export holds none (not exported).
policies := input.intune.compliance_policies if is_array(input.intune.compliance_policies)

# The tenant's compliance settings; undefined when not exported.
settings := input.intune.settings if is_object(input.intune.settings)

# The path of the policy collection: what findings about a missing policy point at.
collection := ["intune", "compliance_policies"]

# The path of a value inside policy i.
at(i, rest) := array.concat(["intune", "compliance_policies", i], rest)

# The path of a tenant compliance setting.
setting_path(name) := ["intune", "settings", name]

# The reason every rule over compliance policies gives when they are not in the export.
policies_not_exported := "The export has no Intune compliance policies (deviceManagement/deviceCompliancePolicies): only the tenant's compliance settings were exported"

# The reason rules over the tenant's compliance settings give when they are not in the export.
settings_not_exported := "The export has no Intune compliance settings (GET /beta/deviceManagement?$select=settings, or Microsoft365DSC IntuneDeviceManagementComplianceSettings)"

# How messages name a policy.
label(p) := sprintf("'%s'", [p.displayName]) if {
	is_string(p.displayName)
	p.displayName != ""
}

else := sprintf("'%s'", [p.id]) if is_string(p.id)

else := "(unnamed policy)"

# The array at `path` below `obj`; [] when it is missing, null or not an array.
array_at(obj, path) := value if {
	value := object.get(obj, path, [])
	is_array(value)
} else := []

# Up to three items of a sorted list, joined by `separator`, and how many more there are.
abbreviated(items, separator) := concat(separator, items) if count(items) <= 3

else := sprintf("%s and %d more", [concat(separator, array.slice(items, 0, 3)), count(items) - 3])

# Policy labels, sorted and abbreviated, for reasons that name several policies.
labels(indexes) := abbreviated(sort([label(policies[i]) | some i in indexes]), ", ")

# ---------------------------------------------------------------------------------------------
# Kinds of device

windows_kinds := {"windows", "windows81", "windowsMobile", "windowsPhone"}

android_kinds := {
	"android:workProfile", "android:deviceOwner", "android:deviceAdministrator",
	"android:aospDeviceOwner", "android:androidForWork",
}

# What policy p protects: its platform, and on Android how the device is managed. Undefined
# for the tenant-wide default policy and for policies whose type m365lint does not know.
kind(p) := p.platform if p.platform in (windows_kinds | {"ios", "macos"})

kind(p) := sprintf("android:%s", [p.androidManagement]) if {
	p.platform == "android"
	is_string(p.androidManagement)
}

kind_names := {
	"windows": "Windows 10 and later",
	"windows81": "Windows 8.1",
	"windowsMobile": "Windows 10 Mobile",
	"windowsPhone": "Windows Phone 8.1",
	"ios": "iOS/iPadOS",
	"macos": "macOS",
	"android:workProfile": "Android Enterprise personally-owned work profile",
	"android:deviceOwner": "Android Enterprise fully managed, dedicated or corporate-owned work profile",
	"android:deviceAdministrator": "Android device administrator",
	"android:aospDeviceOwner": "Android (AOSP)",
	"android:androidForWork": "Android for Work (legacy)",
}

# "'Name' (iOS/iPadOS)": a policy and what it protects, for messages.
described(p) := sprintf("%s (%s)", [label(p), kind_names[kind(p)]])

# The tenant-wide built-in policy: it cannot be assigned or configured.
default_policy(p) if endswith(lower(object.get(p, "@odata.type", "")), "defaultdevicecompliancepolicy")

# ---------------------------------------------------------------------------------------------
# Settings: which kinds of policy have each setting the rules read (Microsoft Graph beta
# resource types). A setting a kind does not have is neither required nor missing.

has_settings := {
	"passwordRequired": (windows_kinds | {"macos"}) | android_kinds,
	"passwordMinimumLength": (windows_kinds | {"macos"}) | android_kinds,
	"passwordBlockSimple": windows_kinds | {"macos"},
	# Android's password complexity bands (Android 11+ on device administrator, 12+ with a
	# work profile); fully managed / dedicated (device owner) and AOSP policies have no such
	# setting in Microsoft Graph.
	"requiredPasswordComplexity": {"android:workProfile", "android:deviceAdministrator", "android:androidForWork"},
	"passcodeRequired": {"ios"},
	"passcodeMinimumLength": {"ios"},
	"passcodeBlockSimple": {"ios"},
	"storageRequireEncryption": (windows_kinds | {"macos"}) | android_kinds,
	"bitLockerEnabled": {"windows", "windowsMobile"},
	"osMinimumVersion": (windows_kinds | {"ios", "macos"}) | android_kinds,
	"securityBlockJailbrokenDevices": {"ios"} | android_kinds,
	"deviceThreatProtectionEnabled": {
		"windows", "ios", "macos",
		"android:workProfile", "android:deviceOwner", "android:deviceAdministrator", "android:androidForWork",
	},
	"deviceThreatProtectionRequiredSecurityLevel": {
		"windows", "ios", "macos",
		"android:workProfile", "android:deviceOwner", "android:deviceAdministrator", "android:androidForWork",
	},
	"secureBootEnabled": {"windows", "windowsMobile"},
	"codeIntegrityEnabled": {"windows", "windowsMobile"},
	"tpmRequired": {"windows"},
	"defenderEnabled": {"windows"},
	"rtpEnabled": {"windows"},
	"antivirusRequired": {"windows"},
	"activeFirewallRequired": {"windows"},
	"securityPreventInstallAppsFromUnknownSources": {"android:workProfile", "android:deviceAdministrator", "android:androidForWork"},
	"securityRequireSafetyNetAttestationBasicIntegrity": {
		"android:workProfile", "android:deviceOwner", "android:deviceAdministrator", "android:androidForWork",
	},
}

# Policy p's kind has setting `name`.
has_setting(p, name) if kind(p) in has_settings[name]

# The export holds setting `name` of policy p (any value, null included).
exported(p, name) if name in object.keys(p)

# Setting `name` of policy p is exported and true.
enabled(p, name) if p[name] == true

# Setting `name` of policy p is exported and anything but true (false, null ...).
not_enabled(p, name) if {
	exported(p, name)
	not enabled(p, name)
}

# The kind has setting `name` but the export lacks it: the setting cannot be judged.
unexported(p, name) if {
	has_setting(p, name)
	not exported(p, name)
}

# The reason a rule gives for policy p when the export lacks `names` (a sorted list).
unexported_reason(p, names) := sprintf("%s was exported without %s, so it cannot be judged", [
	described(p),
	concat(", ", names),
])

# ---------------------------------------------------------------------------------------------
# Assignments

assignments_exported(p) if is_array(p.assignments)

target_type(assignment) := lower(assignment.target["@odata.type"]) if is_string(assignment.target["@odata.type"])

# An assignment that only excludes a group assigns nothing.
excluding(assignment) if endswith(target_type(assignment), "exclusiongroupassignmenttarget")

# An assignment that targets a group, all users, all devices or a collection.
including(assignment) if {
	is_string(target_type(assignment))
	not excluding(assignment)
}

# Policy p applies to some devices.
assigned(p) if {
	some assignment in array_at(p, ["assignments"])
	including(assignment)
}

# The export says policy p applies to no device: no assignment, or only exclusions.
unassigned(p) if {
	assignments_exported(p)
	count([a | some a in p.assignments; not excluding(a)]) == 0
}

# Whether policy p applies to any device cannot be told: its assignments are not in the
# export, or an assignment's target has no type.
assignment_unknown(p) if {
	not assigned(p)
	not unassigned(p)
}

assignment_unknown_reason(p) := sprintf("%s was exported without its assignments", [label(p)]) if {
	not assignments_exported(p)
} else := sprintf("%s has an assignment whose target type is not in the export", [label(p)])

# ---------------------------------------------------------------------------------------------
# Devices without a compliance policy (DEV002, and ZT001 where Conditional Access requires a
# compliant device): the tenant setting `secureByDefault` ("Mark devices with no compliance
# policy assigned as") is exported and is not true (false, or null), so such devices count as
# compliant.

unmanaged_devices_compliant if {
	"secureByDefault" in object.keys(settings)
	settings.secureByDefault != true
}

# Why the export cannot say whether devices without a compliance policy count as compliant;
# undefined when it can.
unmanaged_devices_unknown := settings_not_exported if {
	not settings
} else := "The exported Intune compliance settings do not include secureByDefault" if {
	not "secureByDefault" in object.keys(settings)
}

# ---------------------------------------------------------------------------------------------
# Platform coverage (DEV001, and ZT002 for the platforms Conditional Access asks to be
# compliant): whether each platform of parameter `platforms` has an assigned compliance policy.
# Both rules read this one definition, so they never answer the question differently.

# The platforms of parameter `platforms`, in lower case as compliance policies spell them.
platforms := {lower(platform) | some platform in array_at(params, ["platforms"]); is_string(platform)}

# How messages name a platform: `platform_name` as users and Conditional Access name it,
# `coverage_name` with what counts for it.
platform_names := {"windows": "Windows", "ios": "iOS", "android": "Android", "macos": "macOS"}

coverage_names := {
	"windows": "Windows 10 and later",
	"ios": "iOS/iPadOS",
	"macos": "macOS",
	"android": "Android (work profile, device owner or device administrator)",
}

platform_name(platform) := object.get(platform_names, platform, platform)

coverage_name(platform) := object.get(coverage_names, platform, platform)

# A policy counts for its own platform only: Windows 8.1, Windows Phone 8.1 and Windows 10
# Mobile policies do not count for Windows 10 and later, and for Android only work profile,
# device owner (fully managed, dedicated, corporate-owned work profile) and device
# administrator policies count, not AOSP or legacy Android for Work ones.
counted_android := {"workProfile", "deviceOwner", "deviceAdministrator"}

# Policy p counts for `platform`.
counts_for(p, platform) if {
	platform != "android"
	p.platform == platform
}

counts_for(p, "android") if {
	p.platform == "android"
	p.androidManagement in counted_android
}

# The indexes of the policies that count for `platform`.
covering(platform) := {i | some i, p in policies; counts_for(p, platform)}

# Some policy that counts for `platform` is assigned.
protected(platform) if {
	some i in covering(platform)
	assigned(policies[i])
}

# The policies that count for `platform` and of which the export cannot say whether they are
# assigned.
undecided(platform) := {i | some i in covering(platform); assignment_unknown(policies[i])}

# The export settles that no compliance policy is assigned for `platform`.
unprotected(platform) if {
	is_array(policies)
	not protected(platform)
	count(undecided(platform)) == 0
}

# Whether a compliance policy is assigned for `platform` cannot be told: none is known to be,
# and some may be. (Not when policies were not exported: rules say that in their own words.)
coverage_unknown(platform) if {
	not protected(platform)
	count(undecided(platform)) > 0
}

coverage_unknown_reason(platform) := sprintf("Whether a compliance policy is assigned for %s devices cannot be told: %s", [
	coverage_name(platform),
	abbreviated(sort([assignment_unknown_reason(policies[i]) | some i in undecided(platform)]), "; "),
])

# Near misses, as evidence: the platform's own policies that are not assigned, and policies of
# a neighbouring kind that do not count for it.
near_misses(platform) := (unassigned_near_misses(platform) | other_android(platform)) | other_windows(platform)

unassigned_near_misses(platform) := {finding.evidence(at(i, ["assignments"]), unassigned_message(p)) |
	some i in covering(platform)
	p := policies[i]
	unassigned(p)
}

unassigned_message(p) := sprintf("Compliance policy %s is not assigned to any group", [label(p)]) if {
	count(p.assignments) == 0
} else := sprintf("Compliance policy %s only excludes groups and includes none", [label(p)])

other_android(platform) := {finding.evidence(at(i, ["androidManagement"]), message) |
	platform == "android"
	some i, p in policies
	p.platform == "android"
	not p.androidManagement in counted_android
	message := sprintf("Compliance policy %s is an %s policy, which does not count for work profile, device owner or device administrator devices", [
		label(p),
		android_kind_name(p),
	])
}

android_kind_name(p) := name if {
	name := kind_names[kind(p)]
} else := sprintf("Android (%v)", [object.get(p, "androidManagement", null)])

other_windows(platform) := {finding.evidence(at(i, ["platform"]), message) |
	platform == "windows"
	some i, p in policies
	p.platform in (windows_kinds - {"windows"})
	message := sprintf("Compliance policy %s is a %s policy, which does not apply to Windows 10 and later", [
		label(p),
		kind_names[p.platform],
	])
}

# ---------------------------------------------------------------------------------------------
# Versions: dotted numbers compared part by part (10.0.19045 > 10.0.9; 10.0 == 10.0.0).

valid_version(v) if {
	is_string(v)
	regex.match(`^[0-9]+(\.[0-9]+)*$`, trim_space(v))
}

version_parts(v) := [number_of(digits) | some digits in split(trim_space(v), ".")]

# A part's number; leading zeros are dropped first (to_number rejects "019045").
number_of(digits) := to_number(trimmed) if {
	trimmed := trim_left(digits, "0")
	trimmed != ""
} else := 0

# -1, 0 or 1 as version a is lower than, equal to or higher than version b.
compare_versions(a, b) := first_nonzero(differences) if {
	pa := version_parts(a)
	pb := version_parts(b)
	n := max([count(pa), count(pb)])
	differences := [sign(nth_part(pa, i) - nth_part(pb, i)) | some i in numbers.range(0, n - 1)]
}

first_nonzero(values) := nonzero[0] if {
	nonzero := [v | some v in values; v != 0]
	count(nonzero) > 0
} else := 0

nth_part(parts, i) := parts[i] if i < count(parts)

else := 0

sign(x) := 1 if x > 0

else := -1 if x < 0

else := 0

# ---------------------------------------------------------------------------------------------
# Device threat levels, from the least to the most risk a device may carry and stay compliant.

threat_levels := {"secured": 0, "low": 1, "medium": 2, "high": 3}
