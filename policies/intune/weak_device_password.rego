# METADATA
# title: Compliance policy allows a weak device password
# description: >-
#   One finding per weak password setting of a compliance policy. The password (iOS/iPadOS:
#   passcode) is not required (`passwordRequired` / `passcodeRequired` not true): one finding,
#   nothing else is judged. Otherwise, the minimum length (`passwordMinimumLength` /
#   `passcodeMinimumLength`) is unset or below `min_password_length.desktop` (default 8) for
#   Windows (every Windows kind, Windows Phone and Windows 10 Mobile included, the stricter
#   reading) and macOS, or below `min_password_length.mobile` (default 6) for iOS/iPadOS and
#   Android; and, where the platform has the setting (Windows, macOS, iOS/iPadOS; Android
#   has none), simple passwords are not blocked (`passwordBlockSimple` / `passcodeBlockSimple`
#   not true). Android's password complexity (`requiredPasswordComplexity`) does not stand in
#   for a minimum length. A policy exported without a setting it needs is not assessed (named
#   in the reasons when there is no finding). The tenant-wide default policy and policies of
#   an unknown type are ignored.
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
#     minimum (8 on desktops, 6 on mobile devices by default).
#   references:
#     - {framework: Workshop, id: FT-DEV}
package m365lint.intune.weak_device_password

import rego.v1

import data.m365lint.lib.finding
import data.m365lint.lib.intune

# The settings of policy p: passcode* on iOS, password* elsewhere.
required_setting(p) := "passcodeRequired" if intune.kind(p) == "ios"

else := "passwordRequired"

length_setting(p) := "passcodeMinimumLength" if intune.kind(p) == "ios"

else := "passwordMinimumLength"

simple_setting(p) := "passcodeBlockSimple" if intune.kind(p) == "ios"

else := "passwordBlockSimple"

desktop_kinds := intune.windows_kinds | {"macos"}

minimum(p) := intune.params.min_password_length.desktop if intune.kind(p) in desktop_kinds

else := intune.params.min_password_length.mobile

class(p) := "desktop" if intune.kind(p) in desktop_kinds

else := "mobile"

word(p) := "passcode" if intune.kind(p) == "ios"

else := "password"

judged contains i if {
	some i, p in intune.policies
	intune.has_setting(p, required_setting(p))
}

requires_password(i) if intune.enabled(intune.policies[i], required_setting(intune.policies[i]))

deny contains finding.at(
	intune.at(i, [name]),
	sprintf("Compliance policy %s does not require a %s to unlock the device (%s)", [intune.described(p), word(p), name]),
) if {
	some i in judged
	p := intune.policies[i]
	name := required_setting(p)
	intune.not_enabled(p, name)
}

deny contains finding.at(intune.at(i, [name]), message) if {
	some i in judged
	requires_password(i)
	p := intune.policies[i]
	name := length_setting(p)
	intune.exported(p, name)
	not is_number(p[name])
	message := sprintf("Compliance policy %s sets no minimum %s length (%s); at least %d is required on %s devices", [
		intune.described(p), word(p), name, minimum(p), class(p),
	])
}

deny contains finding.at(intune.at(i, [name]), message) if {
	some i in judged
	requires_password(i)
	p := intune.policies[i]
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
	p := intune.policies[i]
	name := simple_setting(p)
	intune.has_setting(p, name)
	intune.not_enabled(p, name)
}

# The settings policy i needs that its export lacks.
unexported(i) := [required_setting(intune.policies[i])] if {
	intune.unexported(intune.policies[i], required_setting(intune.policies[i]))
} else := sort([name |
	requires_password(i)
	p := intune.policies[i]
	some name in [length_setting(p), simple_setting(p)]
	intune.unexported(p, name)
])

not_assessed contains intune.policies_not_exported if not intune.policies

not_assessed contains intune.unexported_reason(intune.policies[i], missing) if {
	some i in judged
	missing := unexported(i)
	count(missing) > 0
}
