# METADATA
# title: Privileged roles are not required to use phishing-resistant MFA
# description: >-
#   Fails when some privileged role (parameter `privileged_roles`, role template ids) is not
#   covered by an enforced Conditional Access policy that requires a phishing-resistant
#   authentication strength (every allowed combination is Windows Hello for Business, FIDO2
#   or certificate-based multifactor) for all cloud apps. A policy covers a role when it
#   includes All users or lists the role in `includeRoles` (by template id, or by display
#   name as Microsoft365DSC exports it). The policy must be on (not report-only), target All
#   cloud apps, exclude no directory roles and only approved users, groups or apps, and must
#   not be narrowed by risk, platform, location, device filter, client app or authentication
#   flow conditions. Readings chosen for fewer false passes: the strength must be a condition
#   of access, so with operator OR no other control (such as `mfa` or a compliant device) may
#   stand beside it; a strength whose allowed combinations are not in the export is not
#   phishing-resistant; guests excluded from an All-users policy leave guest administrators
#   uncovered. The finding names every uncovered role and lists the policies that cover some
#   of them but fall short, and why.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/identity/conditional-access/policy-admin-phish-resistant-mfa
#     description: "Microsoft Learn: Require phishing-resistant multifactor authentication for administrators"
# custom:
#   id: CA003
#   name: admins-without-phishing-resistant-mfa
#   severity: high
#   area: conditional_access
#   requires: [conditional_access]
#   rationale: >-
#     Administrators are the first target of phishing: an adversary-in-the-middle kit relays a
#     password and an OTP or push approval in real time and takes the session. Only
#     phishing-resistant methods (FIDO2 keys, Windows Hello for Business, certificates) bind
#     the sign-in to the real site. The identity workshop and Zero Trust's "verify explicitly"
#     ask for the strongest verification where the privilege is highest.
#   remediation: >-
#     Create a Conditional Access policy with Users = Select users and groups > Directory
#     roles = every privileged role (exclude only your emergency-access accounts), Target
#     resources = All cloud apps, no risk, location, platform or device-filter conditions, and
#     Grant = Require authentication strength > Phishing-resistant MFA as the only grant
#     control. Register FIDO2 keys or Windows Hello for Business for your administrators,
#     validate in report-only mode, then set the policy to On.
#   references:
#     - {framework: SCuBA, id: MS.AAD.3.6v1}
#     - {framework: CIS, id: 5.2.2.5}
package m365lint.conditional_access.admins_without_phishing_resistant_mfa

import rego.v1

import data.m365lint.lib.conditional_access as ca
import data.m365lint.lib.finding
import data.m365lint.lib.roles

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
ca_collection := data.m365lint.lib.conditional_access.collection
ca_policies := data.m365lint.lib.conditional_access.policies
ca_privileged_roles := data.m365lint.lib.conditional_access.privileged_roles
ca_privileged_roles_of := data.m365lint.lib.conditional_access.privileged_roles_of

# Policies that require some form of MFA of some privileged role.
candidates contains i if {
	some i, p in ca_policies
	ca.mfa_grant(p)
	count(ca_privileged_roles_of[i]) > 0
}

# Roles are what this rule is about: an admin policy need not include all users.
expected := {"users"}

shortfalls(i) := candidate_shortfalls[i]

# Each candidate's shortfalls once: they are asked for once per privileged role.
candidate_shortfalls[i] := ca.shortfalls_except(i, expected) | ca.phishing_resistance_shortfalls(i) if some i in candidates

covered contains role if {
	some i in candidates
	count(shortfalls(i)) == 0
	some role in ca_privileged_roles_of[i]
}

uncovered := ca_privileged_roles - covered

# Candidates that would cover an uncovered role but for their shortfalls.
near_misses contains evidence if {
	some i in candidates
	count(uncovered & ca_privileged_roles_of[i]) > 0
	some evidence in ca.explain(i, shortfalls(i))
}

names := sort([roles.name(role) | some role in uncovered])

deny contains object.union(
	finding.missing(
		ca_collection,
		sprintf("No enforced policy requires phishing-resistant MFA for all cloud apps of these privileged roles: %s", [concat(", ", names)]),
		near_misses,
	),
	{"details": {"uncoveredRoles": [{"id": pair[1], "name": pair[0]} | some pair in sort([[roles.name(role), role] | some role in uncovered])]}},
) if {
	count(uncovered) > 0
}
