# METADATA
# title: Device code flow is not blocked
# description: >-
#   Fails when no enforced Conditional Access policy for all users and all cloud apps blocks
#   the device code flow (`authenticationFlows.transferMethods` includes `deviceCodeFlow`,
#   Grant = Block). The policy must be on (not report-only), exclude no directory roles and
#   only approved users, groups or apps, and must not be narrowed by risk, platform,
#   location, device filter or client app conditions. Reading chosen for fewer false passes:
#   the catalog asks for a broad policy, and a block that skips trusted locations or some
#   platforms does not pass either, because in device code phishing the victim, not the
#   attacker, completes the sign-in, from wherever the victim is. The finding lists every
#   authentication-flow block that falls short, and why.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/identity/conditional-access/policy-block-authentication-flows
#     description: "Microsoft Learn: Block authentication flows with Conditional Access"
# custom:
#   id: CA008
#   name: device-code-flow-allowed
#   severity: medium
#   area: conditional_access
#   requires: [conditional_access]
#   rationale: >-
#     The device code flow lets a user sign in on another device by typing a code. Attackers
#     send that code in phishing mail: the victim signs in, MFA included, and the attacker's
#     session receives the tokens. Few organizations need the flow outside meeting-room and
#     IoT devices, so blocking it removes a phishing path that MFA does not stop.
#   remediation: >-
#     Create a Conditional Access policy with Users = All users (exclude only your
#     emergency-access accounts and, if needed, an approved group for shared devices),
#     Target resources = All cloud apps, Conditions > Authentication flows = Device code flow,
#     and Grant = Block access. Validate it in report-only mode, then set it to On.
#   references:
#     - {framework: SCuBA, id: MS.AAD.3.9v1}
#     - {framework: CIS, id: 5.2.2.12}
package m365lint.conditional_access.device_code_flow_allowed

import rego.v1

import data.m365lint.lib.conditional_access as ca
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
ca_collection := data.m365lint.lib.conditional_access.collection
ca_policies := data.m365lint.lib.conditional_access.policies

transfer_methods(p) := ca.array_at(p, ["conditions", "authenticationFlows", "transferMethods"])

# Policies that block some authentication flow.
candidates contains i if {
	some i, p in ca_policies
	ca.blocks(p)
	count(transfer_methods(p)) > 0
}

# The authentication flow condition is what this rule is about.
expected := {"authentication_flows"}

shortfalls(i) := ca.shortfalls_except(i, expected) | flow_shortfalls(i)

flow_shortfalls(i) := {s |
	methods := transfer_methods(ca_policies[i])
	not "deviceCodeFlow" in methods
	s := {
		"category": "authentication_flows",
		"path": ca.at(i, ["conditions", "authenticationFlows", "transferMethods"]),
		"reason": sprintf("blocks only %s, not deviceCodeFlow", [concat(", ", methods)]),
	}
}

satisfied if {
	some i in candidates
	count(shortfalls(i)) == 0
}

near_misses contains evidence if {
	some i in candidates
	some evidence in ca.explain(i, shortfalls(i))
}

deny contains finding.missing(
	ca_collection,
	"No enforced policy blocks the device code flow for all users and all cloud apps",
	near_misses,
) if {
	not satisfied
}
