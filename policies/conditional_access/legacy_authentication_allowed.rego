# METADATA
# title: Legacy authentication is not blocked for everyone
# description: >-
#   Fails when no enforced Conditional Access policy blocks the legacy client app types
#   (`exchangeActiveSync` and `other`) for all users and all cloud apps. The policy must be
#   on (not report-only), include All users and All cloud apps, exclude no directory roles
#   and only approved users or groups (emergency-access accounts, `approved_exclusions`), and
#   must not be narrowed by risk, platform, location, device filter or authentication flow
#   conditions. Client app types `all` also count, since they include the legacy types. The
#   finding lists every policy that blocks legacy clients but falls short, and why.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/identity/conditional-access/policy-block-legacy-authentication
#     description: "Microsoft Learn: Block legacy authentication with Conditional Access"
# custom:
#   id: CA001
#   name: legacy-authentication-allowed
#   severity: critical
#   area: conditional_access
#   requires: [conditional_access]
#   rationale: >-
#     Legacy protocols (Exchange ActiveSync, IMAP, POP, SMTP AUTH, older Office clients)
#     cannot perform multifactor authentication, so a stolen or sprayed password is enough to
#     sign in through them. Almost all password-spray attacks use legacy authentication;
#     blocking it is the first identity control of the CISO and FastTrack identity workshops.
#   remediation: >-
#     Create a Conditional Access policy with Users = All users (exclude only your
#     emergency-access accounts), Target resources = All cloud apps, Conditions > Client apps =
#     Exchange ActiveSync clients and Other clients, Grant = Block access. Run it in
#     report-only mode to find remaining legacy sign-ins, then set it to On.
#   references:
#     - {framework: SCuBA, id: MS.AAD.1.1v1}
#     - {framework: CIS, id: 5.2.2.3}
#     - {framework: Workshop, id: CISO-M3}
#     - {framework: Workshop, id: FT-ID}
package m365lint.conditional_access.legacy_authentication_allowed

import rego.v1

import data.m365lint.lib.conditional_access as ca
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
ca_collection := data.m365lint.lib.conditional_access.collection
ca_policies := data.m365lint.lib.conditional_access.policies

legacy_types := {"exchangeActiveSync", "other"}

client_types(p) := {t | some t in p.conditions.clientAppTypes}

covers_legacy(p) if "all" in client_types(p)

covers_legacy(p) if count(legacy_types - client_types(p)) == 0

# Policies that block at least one legacy client type.
candidates contains i if {
	some i, p in ca_policies
	ca.blocks(p)
	count(legacy_types & client_types(p)) > 0
}

candidates contains i if {
	some i, p in ca_policies
	ca.blocks(p)
	"all" in client_types(p)
}

# Client app conditions are what a legacy-authentication policy is about: not a narrowing.
expected := {"client_apps"}

satisfied if {
	some i in candidates
	covers_legacy(ca_policies[i])
	ca.satisfies(i, expected)
}

partial_coverage contains evidence if {
	some i in candidates
	p := ca_policies[i]
	not covers_legacy(p)
	evidence := finding.evidence(
		ca.at(i, ["conditions", "clientAppTypes"]),
		sprintf("%s blocks only %s; legacy authentication also uses %s", [
			ca.label(p),
			concat(", ", sort(legacy_types & client_types(p))),
			concat(", ", sort(legacy_types - client_types(p))),
		]),
	)
}

deny contains finding.missing(
	ca_collection,
	"No enforced policy blocks legacy authentication (Exchange ActiveSync and other clients) for all users and all cloud apps",
	ca.near_misses(candidates, expected) | partial_coverage,
) if {
	not satisfied
}
