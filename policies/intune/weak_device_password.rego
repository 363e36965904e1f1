# METADATA
# title: Compliance policy allows a weak device password
# description: >-
#   One finding per weak password setting of a compliance policy. The password (iOS/iPadOS:
#   passcode) is not required (`passwordRequired` / `passcodeRequired` not true, and, where
#   the policy has Android's password complexity, no complexity that needs a screen lock):
#   one finding, nothing else is judged. Otherwise, the minimum length
#   (`passwordMinimumLength` / `passcodeMinimumLength`) is unset or below
#   `min_password_length.desktop` (default 8) for Windows (every Windows kind, Windows Phone
#   and Windows 10 Mobile included, the stricter reading) and macOS, or below
#   `min_password_length.mobile` (default 6) for iOS/iPadOS and Android; and, where the
#   platform has the setting (Windows, macOS, iOS/iPadOS; Android has none), simple passwords
#   are not blocked (`passwordBlockSimple` / `passcodeBlockSimple` not true). Android work
#   profile, device administrator and Android for Work policies may instead require a password
#   complexity (`requiredPasswordComplexity`, Android 11 and later; Graph has no such setting
#   for fully managed, dedicated and AOSP policies). Any band but `none` needs a screen lock,
#   so it satisfies "password required". Where no minimum length is set, the band stands in
#   for it with the shortest password Android's definition of the band guarantees: `low`
#   none (patterns and PINs such as 1234 qualify), `medium` 4 characters (no repeating or
#   ordered PINs), `high` 6 (letters; PINs need 8). So with the default mobile minimum of 6,
#   `high` passes and `medium` does not: a 4-digit PIN meets it (the reading with fewer false
#   passes; `medium` passes when `min_password_length.mobile` is 4 or less). A minimum length
#   that is set is judged on its own, whatever the complexity: it is what devices without
#   complexity support (Android 11 and earlier) enforce. The work profile's own password
#   (`workProfileRequirePassword`, `workProfileRequiredPasswordComplexity`) locks only the
#   work profile, not the device, and is not weighed. A policy exported without a setting it
#   needs is not assessed (named in the reasons when there is no finding); a policy with a
#   complexity setting that its export lacks is not assessed where the complexity would
#   decide. The tenant-wide default policy and policies of an unknown type are ignored.
# related_resources:
#   - ref: https://learn.microsoft.com/mem/intune/protect/compliance-policy-create-windows#password
#     description: "Microsoft Learn: Windows compliance settings (password)"
# custom:
#   id: DEV005
#   name: weak-device-password
#   severity: medium
#   area: intune
#   requires: [intune]
#   rationale: >-
#     The device password is what stands between a lost device and the mail, files and
#     tokens on it, and on iOS it is also the key to the device's encryption. A short or
#     simple PIN (1234, 1111) is guessed in minutes; the device security workshop requires a
#     password of a minimum length with simple passwords blocked on every platform.
#   remediation: >-
#     In the Intune admin center, open the policy under Devices > Compliance > Properties >
#     Compliance settings > System Security (Windows, macOS, iOS/iPadOS) or System security >
#     Device password (Android): set Require a password to unlock mobile devices to Require,
#     Simple passwords to Block, and Minimum password length to at least the configured
#     minimum (8 on desktops, 6 on mobile devices by default). On Android 12 and later, where
#     the minimum length no longer applies to the device password, set Password complexity to
#     High.
#   references:
#     - {framework: Workshop, id: FT-DEV}
package m365lint.intune.weak_device_password

import rego.v1

import data.m365lint.lib.finding
import data.m365lint.lib.intune

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
intune_params := data.m365lint.lib.intune.params
intune_policies := data.m365lint.lib.intune.policies
intune_policies_not_exported := data.m365lint.lib.intune.policies_not_exported
intune_windows_kinds := data.m365lint.lib.intune.windows_kinds

# The settings of policy p: passcode* on iOS, password* elsewhere.
required_setting(p) := "passcodeRequired" if intune.kind(p) == "ios"

else := "passwordRequired"

length_setting(p) := "passcodeMinimumLength" if intune.kind(p) == "ios"

else := "passwordMinimumLength"

simple_setting(p) := "passcodeBlockSimple" if intune.kind(p) == "ios"

else := "passwordBlockSimple"

desktop_kinds := intune_windows_kinds | {"macos"}

minimum(p) := intune_params.min_password_length.desktop if intune.kind(p) in desktop_kinds

else := intune_params.min_password_length.mobile

class(p) := "desktop" if intune.kind(p) in desktop_kinds

else := "mobile"

word(p) := "passcode" if intune.kind(p) == "ios"

else := "password"

# Android's password complexity bands (`requiredPasswordComplexity`), as Android defines
# them: whether the band needs a screen lock, the shortest password it guarantees, and what
# that means for messages. `medium` and `high` also forbid repeating and ordered PINs.
complexity_setting := "requiredPasswordComplexity"

complexity_bands := {
	"none": {"lock": false, "length": 0, "text": "needs no screen lock"},
	"low": {"lock": true, "length": 0, "text": "allows patterns and PINs such as 1234"},
	"medium": {"lock": true, "length": 4, "text": "guarantees only 4 characters"},
	"high": {"lock": true, "length": 6, "text": "guarantees only 6 characters"},
}

# The complexity band policy p requires; undefined where its kind has no such setting, or the
# export holds no known band there (null, or a value m365lint does not know, counts as none).
complexity(p) := band if {
	intune.has_setting(p, complexity_setting)
	is_string(p[complexity_setting])
	band := lower(p[complexity_setting])
	complexity_bands[band]
}

# Policy p requires a complexity band that needs a screen lock.
complexity_locks(p) if complexity_bands[complexity(p)].lock

# Policy p's kind has a complexity setting that its export lacks.
complexity_unexported(p) if intune.unexported(p, complexity_setting)

judged contains i if {
	some i, p in intune_policies
	intune.has_setting(p, required_setting(p))
}

requires_password(i) if intune.enabled(intune_policies[i], required_setting(intune_policies[i]))

requires_password(i) if complexity_locks(intune_policies[i])

deny contains finding.at(
	intune.at(i, [name]),
	sprintf("Compliance policy %s does not require a %s to unlock the device (%s)", [intune.described(p), word(p), name]),
) if {
	some i in judged
	p := intune_policies[i]
	name := required_setting(p)
	intune.not_enabled(p, name)
	not complexity_locks(p)
	not complexity_unexported(p)
}

# No minimum length, and no complexity band that stands in for one.
deny contains finding.at(intune.at(i, [name]), message) if {
	some i in judged
	requires_password(i)
	p := intune_policies[i]
	name := length_setting(p)
	intune.exported(p, name)
	not is_number(p[name])
	not complexity_locks(p)
	not complexity_unexported(p)
	message := sprintf("Compliance policy %s sets no minimum %s length (%s); at least %d is required on %s devices", [
		intune.described(p), word(p), name, minimum(p), class(p),
	])
}

# No minimum length, and a complexity band too weak to stand in for one.
deny contains finding.at(intune.at(i, [complexity_setting]), message) if {
	some i in judged
	requires_password(i)
	p := intune_policies[i]
	name := length_setting(p)
	intune.exported(p, name)
	not is_number(p[name])
	band := complexity(p)
	complexity_bands[band].lock
	complexity_bands[band].length < minimum(p)
	message := sprintf("Compliance policy %s sets no minimum password length (%s), and password complexity %s (%s) %s; at least %d is required on %s devices", [
		intune.described(p), name, band, complexity_setting, complexity_bands[band].text, minimum(p), class(p),
	])
}

deny contains finding.at(intune.at(i, [name]), message) if {
	some i in judged
	requires_password(i)
	p := intune_policies[i]
	name := length_setting(p)
	is_number(p[name])
	p[name] < minimum(p)
	message := sprintf("Compliance policy %s allows %ss of %d characters (%s); at least %d is required on %s devices", [
		intune.described(p), word(p), p[name], name, minimum(p), class(p),
	])
}

deny contains finding.at(
	intune.at(i, [name]),
	sprintf("Compliance policy %s does not block simple %ss such as 1234 or 1111 (%s)", [intune.described(p), word(p), name]),
) if {
	some i in judged
	requires_password(i)
	p := intune_policies[i]
	name := simple_setting(p)
	intune.has_setting(p, name)
	intune.not_enabled(p, name)
}

# The settings policy i needs that its export lacks: the password requirement, with the
# complexity where a band could require the screen lock the password setting does not; or,
# once a password is required, what judges its strength, with the complexity where a band
# could stand in for an unset minimum length.
unexported(i) := sort(missing) if {
	p := intune_policies[i]
	not requires_password(i)
	missing := {name |
		some name in [required_setting(p), complexity_setting]
		intune.unexported(p, name)
	}
} else := sort(strength_missing | complexity_missing) if {
	p := intune_policies[i]
	strength_missing := {name |
		some name in [length_setting(p), simple_setting(p)]
		intune.unexported(p, name)
	}
	complexity_missing := {complexity_setting |
		not is_number(p[length_setting(p)])
		complexity_unexported(p)
	}
}

not_assessed contains intune_policies_not_exported if not intune_policies

not_assessed contains intune.unexported_reason(intune_policies[i], missing) if {
	some i in judged
	missing := unexported(i)
	count(missing) > 0
}
