# METADATA
# title: Conditional Access keeps external recipients from opening encrypted mail
# description: >-
#   One finding per Conditional Access policy that may be enforcing (state `enabled`, or no
#   state in the export), applies to the Microsoft Rights Management app
#   (`00000012-0000-0000-c000-000000000000`: All cloud apps, or the app itself) without
#   excluding it, applies to some type of guest or external user (All users, all guests, or a
#   guest type from all external tenants, not excluded), and blocks access or requires a
#   compliant or hybrid joined device (`block`, `compliantDevice`, `domainJoinedDevice`),
#   while encryption is in use: a transport or DLP rule encrypts mail sent outside the
#   organization (ENC004 passes) or an enabled sensitivity label encrypts. External recipients
#   sign in to that app to open protected mail and documents, and cannot satisfy such a
#   policy. The finding points at the policy's excluded applications, and lists its blocking
#   controls and the evidence that encryption is in use. Readings chosen for fewer false
#   passes: a device control counts even beside alternatives (operator OR), and location,
#   platform and device-filter conditions do not take a policy out of scope (recipients there
#   are still blocked); a policy that only applies to legacy clients, to authentication flows
#   or at some risk level does not apply to a recipient's ordinary sign-in and is left out.
#   MFA alone is not reported (it is SCuBA MS.AAD.3.2v2's requirement). Not assessed when such
#   a policy exists but the exports cannot say whether encryption is in use (transport rules,
#   DLP or labels not exported, or labels whose encryption is not in the export).
# related_resources:
#   - ref: https://learn.microsoft.com/purview/encryption-azure-ad-configuration
#     description: "Microsoft Learn: Microsoft Entra configuration for encrypted content"
# custom:
#   id: ZT003
#   name: encrypted-mail-blocked-for-recipients
#   severity: medium
#   area: zero_trust
#   requires: [conditional_access, encryption]
#   rationale: >-
#     Encryption and Conditional Access are two halves of Zero Trust data protection, and they
#     collide here: the tenant encrypts mail for partners and customers, while a policy written
#     for its own users blocks those recipients when they sign in to the Rights Management
#     service to decrypt it. The recipient sees an error, the sender falls back to sending
#     unprotected mail or files, and the block never appears in the sign-in logs of recipients
#     without a guest account.
#   remediation: >-
#     In the Microsoft Entra admin center > Conditional Access, edit the policy: Target
#     resources > Exclude > select Microsoft Rights Management Services
#     (00000012-0000-0000-c000-000000000000). If the policy must keep covering that app, exclude
#     Guest or external users > Other external users instead, and cover guests with a policy
#     that requires MFA. Test with the What If tool for a guest user and the Rights Management
#     app.
#   references:
#     - {framework: ZTA, id: "35001", note: "resolves its conflict with SCuBA MS.AAD.3.2v2"}
package m365lint.zero_trust.encrypted_mail_blocked_for_recipients

import rego.v1

import data.m365lint.lib.conditional_access as ca
import data.m365lint.lib.encryption as enc
import data.m365lint.lib.finding
import data.m365lint.lib.zero_trust as zt

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
ca_guest_types := data.m365lint.lib.conditional_access.guest_types
ca_policies := data.m365lint.lib.conditional_access.policies
ca_rights_management_app := data.m365lint.lib.conditional_access.rights_management_app
enc_encryption_in_use := data.m365lint.lib.encryption.encryption_in_use
enc_encryption_in_use_evidence := data.m365lint.lib.encryption.encryption_in_use_evidence
enc_encryption_use_unknown := data.m365lint.lib.encryption.encryption_use_unknown
zt_guest_types_covered := data.m365lint.lib.zero_trust.guest_types_covered
zt_recipient_blocking_controls := data.m365lint.lib.zero_trust.recipient_blocking_controls
zt_recipient_blocking_policies := data.m365lint.lib.zero_trust.recipient_blocking_policies

effect(p) := "blocks access" if "block" in zt.blocking_controls(p)

else := "requires a compliant or hybrid joined device" if count(zt.blocking_controls(p)) == 2

else := "requires a compliant device" if "compliantDevice" in zt.blocking_controls(p)

else := "requires a hybrid joined device"

control_texts := {
	"block": "blocks access",
	"compliantDevice": "requires a compliant device, which a recipient's device is not in this tenant",
	"domainJoinedDevice": "requires a hybrid joined device, which a recipient's device is not",
}

guests_text(i) := "all guests and external users" if count(ca_guest_types - zt_guest_types_covered[i]) == 0

else := sprintf("guests and external users of types %s", [concat(", ", sort(zt_guest_types_covered[i]))])

apps_text(p) := "all cloud apps" if ca.all_apps(p)

else := "the Microsoft Rights Management app"

controls_evidence(i) := {finding.evidence(ca.at(i, ["grantControls", "builtInControls", j]), sprintf("Policy %s %s", [ca.label(ca_policies[i]), control_texts[control]])) |
	some j, control in ca.array_at(ca_policies[i], ["grantControls", "builtInControls"])
	control in zt_recipient_blocking_controls
}

deny contains finding.missing(
	ca.at(i, ["conditions", "applications", "excludeApplications"]),
	sprintf("Policy %s %s for %s on %s without excluding the Microsoft Rights Management app (%s): external recipients cannot open the encrypted mail this tenant sends", [ca.label(p), effect(p), guests_text(i), apps_text(p), ca_rights_management_app]),
	controls_evidence(i) | enc_encryption_in_use_evidence,
) if {
	enc_encryption_in_use
	some i in zt_recipient_blocking_policies
	p := ca_policies[i]
}

not_assessed contains reason if {
	count(zt_recipient_blocking_policies) > 0
	some unknown in enc_encryption_use_unknown
	reason := sprintf("Whether encryption is in use cannot be told: %s", [unknown])
}
