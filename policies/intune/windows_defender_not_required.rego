# METADATA
# title: Windows compliance policy does not require Microsoft Defender protection
# description: >-
#   One finding per Defender setting a Windows 10 and later compliance policy does not
#   require, among `defenderEnabled` (Microsoft Defender Antimalware), `rtpEnabled`
#   (real-time protection), `antivirusRequired` and `activeFirewallRequired`, for policies
#   exported with these Graph beta settings. A policy that has none of them (a Graph v1.0
#   export) is not assessed, and neither is one that has only some of them (named in the
#   reasons when there is no finding). Other Windows kinds (8.1, Phone, 10 Mobile) have no
#   Defender settings and are not judged.
# related_resources:
#   - ref: https://learn.microsoft.com/mem/intune/protect/compliance-policy-create-windows#defender
#     description: "Microsoft Learn: Windows compliance settings (Defender)"
# custom:
#   id: DEV010
#   name: windows-defender-not-required
#   severity: medium
#   area: intune
#   requires: [intune]
#   rationale: >-
#     Antimalware with real-time protection and an active firewall are the baseline defences
#     of a Windows endpoint. A device where a user or malware turned them off is exposed, yet
#     stays compliant unless compliance requires them; requiring them makes such a device lose
#     access until it is protected again, as the device security workshop's Defender baseline
#     expects.
#   remediation: >-
#     In the Intune admin center, open the Windows policy under Devices > Compliance >
#     Properties > Compliance settings > System Security and set Firewall, Antivirus,
#     Microsoft Defender Antimalware and Real-time protection to Require. To assess this rule,
#     export the policies from the Graph beta endpoint (or with Microsoft365DSC / IntuneCD),
#     which carry these settings.
#   references:
#     - {framework: Workshop, id: FT-DEV}
package m365lint.intune.windows_defender_not_required

import rego.v1

import data.m365lint.lib.finding
import data.m365lint.lib.intune

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
intune_policies := data.m365lint.lib.intune.policies
intune_policies_not_exported := data.m365lint.lib.intune.policies_not_exported

requirements := {
	"defenderEnabled": "Microsoft Defender Antimalware",
	"rtpEnabled": "real-time protection",
	"antivirusRequired": "an antivirus",
	"activeFirewallRequired": "an active firewall",
}

judged contains i if {
	some i, p in intune_policies
	intune.kind(p) == "windows"
}

beta_exported(p) if {
	some name, _ in requirements
	intune.exported(p, name)
}

deny contains finding.at(
	intune.at(i, [name]),
	sprintf("Windows compliance policy %s does not require %s (%s)", [intune.label(p), text, name]),
) if {
	some i in judged
	p := intune_policies[i]
	some name, text in requirements
	intune.not_enabled(p, name)
}

not_assessed contains intune_policies_not_exported if not intune_policies

not_assessed contains sprintf("%s was exported without the Graph beta Defender settings (%s), as a Graph v1.0 export is; export it from the beta endpoint", [
	intune.described(p),
	concat(", ", sort(object.keys(requirements))),
]) if {
	some i in judged
	p := intune_policies[i]
	not beta_exported(p)
}

not_assessed contains intune.unexported_reason(p, missing) if {
	some i in judged
	p := intune_policies[i]
	beta_exported(p)
	missing := sort([name | some name, _ in requirements; not intune.exported(p, name)])
	count(missing) > 0
}
