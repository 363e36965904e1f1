# METADATA
# title: Security info registration is not protected
# description: >-
#   Fails when no enforced Conditional Access policy for the user action "Register security
#   information" (`urn:user:registersecurityinfo`) and all users requires a compliant or
#   hybrid joined device or MFA (the `mfa` control or an authentication strength), or blocks
#   registration outside trusted locations. The policy must be on (not report-only), include
#   All users, exclude no directory roles, no guests and only approved users or groups, and
#   must not be narrowed by risk, platform, device filter, client app or authentication flow
#   conditions. Its location condition may only leave out trusted locations: `AllTrusted`, or
#   the MFA trusted IPs (`00000000-0000-0000-0000-000000000000`). Readings chosen for fewer
#   false passes: a named location cannot be shown to be trusted from a policy export, so
#   excluding one is a near miss; under operator `OR` every control must be one of the
#   accepted ones; a block with no location condition (registration blocked everywhere) also
#   counts, since nothing can be registered. The finding lists every registration policy
#   that falls short, and why.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-security-info-registration
#     description: "Microsoft Learn: Securing security info registration"
# custom:
#   id: CA007
#   name: security-info-registration-unprotected
#   severity: medium
#   area: conditional_access
#   requires: [conditional_access]
#   rationale: >-
#     Whoever registers the MFA methods owns the account: an attacker with a phished or
#     sprayed password who reaches the registration page before the user (a new hire, an
#     account without methods) adds their own phone or key and passes every later MFA
#     prompt. The identity workshop protects registration with a trusted location, a managed
#     device or an existing strong method.
#   remediation: >-
#     Create a Conditional Access policy with Users = All users (exclude only your
#     emergency-access accounts), Target resources = User actions > Register security
#     information, and either Conditions > Locations = Any location excluding All trusted
#     locations with Grant = Block access, or Grant = Require multifactor authentication (or a
#     compliant or hybrid joined device). Issue Temporary Access Passes to new users so they
#     can register. Validate in report-only mode, then set it to On.
#   references:
#     - {framework: SCuBA, id: MS.AAD.3.8v1}
#     - {framework: CIS, id: 5.2.2.10}
package m365lint.conditional_access.security_info_registration_unprotected

import rego.v1

import data.m365lint.lib.conditional_access as ca
import data.m365lint.lib.finding

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
ca_collection := data.m365lint.lib.conditional_access.collection
ca_policies := data.m365lint.lib.conditional_access.policies

user_action := "urn:user:registersecurityinfo"

# All trusted locations, and the legacy MFA trusted IPs.
trusted_locations := {"alltrusted", "00000000-0000-0000-0000-000000000000"}

accepted := {"block", "mfa", "authenticationStrength", "compliantDevice", "domainJoinedDevice"}

candidates contains i if {
	some i, p in ca_policies
	user_action in ca.lowered(ca.array_at(p, ["conditions", "applications", "includeUserActions"]))
}

# A user-action policy targets no cloud app; its locations are weighed below.
expected := {"applications", "locations"}

shortfalls(i) := (ca.shortfalls_except(i, expected) | location_shortfalls(i)) | ca.grant_shortfalls(i, accepted, "a managed device, MFA or a block")

location_shortfalls(i) := {s |
	included := ca.array_at(ca_policies[i], ["conditions", "locations", "includeLocations"])
	count(included) > 0
	not "all" in ca.lowered(included)
	s := {
		"category": "locations",
		"path": ca.at(i, ["conditions", "locations", "includeLocations"]),
		"reason": sprintf("applies only in locations %s", [concat(", ", included)]),
	}
} | {s |
	excluded := ca.array_at(ca_policies[i], ["conditions", "locations", "excludeLocations"])
	untrusted := [l | some l in excluded; not lower(l) in trusted_locations]
	count(untrusted) > 0
	s := {
		"category": "locations",
		"path": ca.at(i, ["conditions", "locations", "excludeLocations"]),
		"reason": sprintf("excludes locations %s, which the export does not show to be trusted (only AllTrusted is)", [concat(", ", untrusted)]),
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
	"No enforced policy protects security info registration (urn:user:registersecurityinfo) for all users with a managed device, MFA or trusted locations",
	near_misses,
) if {
	not satisfied
}
