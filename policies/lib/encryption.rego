# Shared definitions for the message encryption rules (catalog.md, "Message encryption") and
# the Zero Trust rules that read them: the IRM configuration, transport rules that apply or
# remove encryption, DLP rules that encrypt, and sensitivity labels that encrypt. What an
# export cannot say is "unknown", never a pass: rules turn unknowns into `not_assessed`.
package m365lint.lib.encryption

import rego.v1

import data.m365lint.lib.dlp

# Values of other packages, bound once: see "Writing fast policies" in docs/custom-policies.md.
dlp_exported := data.m365lint.lib.dlp.exported
dlp_rules := data.m365lint.lib.dlp.rules

# ---------------------------------------------------------------------------------------------
# What was exported. A collection no export holds is absent; `[]` means exported and empty.

irm_exported if is_object(input.encryption.irm)

transport_rules_exported if is_array(input.encryption.transport_rules)

labels_exported if is_array(input.encryption.labels)

transport_rules_path := ["encryption", "transport_rules"]

labels_path := ["encryption", "labels"]

transport_rule_at(i, rest) := array.concat(["encryption", "transport_rules", i], rest)

label_at(i, rest) := array.concat(["encryption", "labels", i], rest)

non_empty(value) if {
	is_string(value)
	trim_space(value) != ""
}

# Text a equals b, ignoring case.
same_text(a, b) if {
	non_empty(a)
	is_string(b)
	lower(a) == lower(b)
}

# How messages name an object: its first non-empty name field, quoted.
named(obj, fields, fallback) := sprintf("'%s'", [names[0]]) if {
	names := [obj[f] | some f in fields; non_empty(obj[f])]
	count(names) > 0
} else := fallback

# ---------------------------------------------------------------------------------------------
# IRM configuration (`Get-IRMConfiguration`, a singleton)

irm_path(field) := ["encryption", "irm", field]

# The PowerShell name of a canonical IRM field, as admins know it (AzureRMSLicensingEnabled).
powershell_name(field) := concat("", [upper(substring(field, 0, 1)), substring(field, 1, -1)])

# The boolean IRM setting `field`; undefined when the configuration was not exported, or does
# not hold a boolean there (missing or null: the export cannot say).
irm_setting(field) := value if {
	value := input.encryption.irm[field]
	is_boolean(value)
}

# Why IRM setting `field` cannot be judged; undefined when it can.
irm_unknown(field) := "The IRM configuration (Get-IRMConfiguration) was not exported" if {
	not irm_exported
} else := sprintf("The exported IRM configuration does not include %s", [powershell_name(field)]) if {
	not field in object.keys(input.encryption.irm)
} else := sprintf("The exported IRM configuration has %s = %s, not true or false", [powershell_name(field), json.marshal(input.encryption.irm[field])]) if {
	not is_boolean(input.encryption.irm[field])
}

# ---------------------------------------------------------------------------------------------
# Transport rules (`Get-TransportRule`): a rule acts only when `state` is Enabled and `mode` is
# Enforce.

transport_rule_label(r) := named(r, ["name", "identity", "guid"], "(unnamed rule)")

rule_enabled(r) if r.state == "Enabled"

rule_disabled(r) if r.state == "Disabled"

# A rule that may be on: Enabled, or no state in the export. Rules that warn about what a rule
# does treat an unknown state as on, so that missing data never passes.
rule_maybe_enabled(r) if not rule_disabled(r)

# The encryption actions of rule r: the field that holds each, and what it does.
encryption_actions(r) := {a |
	non_empty(r.applyRightsProtectionTemplate)
	a := {
		"field": "applyRightsProtectionTemplate",
		"text": sprintf("applies the RMS template '%s'", [r.applyRightsProtectionTemplate]),
	}
} | {a |
	r.applyOME == true
	a := {"field": "applyOME", "text": "applies Office 365 Message Encryption (ApplyOME)"}
}

encrypts(r) if count(encryption_actions(r)) > 0

# What the actions of rule r do, in field order, for messages.
actions_text(r) := concat(" and ", [a.text | some a in sort_by_field(encryption_actions(r))])

sort_by_field(actions) := [a | some pair in sort([[x.field, x] | some x in actions]); a := pair[1]]

removal_actions := {
	"removeOMEv2": "removes Purview Message Encryption (RemoveOMEv2)",
	"removeOME": "removes legacy Office 365 Message Encryption (RemoveOME)",
	"removeRMSAttachmentEncryption": "removes encryption from attachments (RemoveRMSAttachmentEncryption)",
}

# The fields of rule r that remove encryption, sorted.
removals(r) := sort([field | some field, _ in removal_actions; r[field] == true])

# Rule r is limited to mail that stays inside the organization.
internal_only(r) if r.sentToScope == "InOrganization"

internal_only(r) if r.exceptIfSentToScope == "NotInOrganization"

# ---------------------------------------------------------------------------------------------
# ENC004: transport rules that encrypt mail sent outside the organization.
#
# Why encrypting rule i does not encrypt all mail sent outside the organization, each as
# {"unknown", "path", "reason"}; `reason` completes a sentence that starts with the rule's
# name. `unknown` marks what the export cannot say (the rule may well qualify).

# Activation and expiry dates are not weighed: policies have no clock (regorus is built without
# `time`), so a rule past its `expiryDate` still counts here.
external_shortfalls(i) := (state_shortfalls(i) | mode_shortfalls(i)) | scope_shortfalls(i)

state_shortfalls(i) := {s |
	rule_disabled(input.encryption.transport_rules[i])
	s := {"unknown": false, "path": transport_rule_at(i, ["state"]), "reason": "is disabled"}
} | {s |
	r := input.encryption.transport_rules[i]
	not rule_enabled(r)
	not rule_disabled(r)
	s := {"unknown": true, "path": transport_rule_at(i, ["state"]), "reason": "has no state (Enabled or Disabled) in the export"}
}

mode_shortfalls(i) := {s |
	mode := input.encryption.transport_rules[i].mode
	is_string(mode)
	mode != "Enforce"
	s := {
		"unknown": false,
		"path": transport_rule_at(i, ["mode"]),
		"reason": sprintf("is in %s mode, so it encrypts nothing", [mode]),
	}
} | {s |
	not is_string(input.encryption.transport_rules[i].mode)
	s := {"unknown": true, "path": transport_rule_at(i, ["mode"]), "reason": "has no mode (Audit or Enforce) in the export"}
}

scope_shortfalls(i) := {s |
	r := input.encryption.transport_rules[i]
	r.sentToScope != "NotInOrganization"
	is_string(r.sentToScope)
	s := {
		"unknown": false,
		"path": transport_rule_at(i, ["sentToScope"]),
		"reason": sprintf("applies to recipients %s, not to mail sent outside the organization (NotInOrganization)", [r.sentToScope]),
	}
} | {s |
	r := input.encryption.transport_rules[i]
	not is_string(r.sentToScope)
	s := {
		"unknown": false,
		"path": transport_rule_at(i, ["sentToScope"]),
		"reason": "has no recipient scope condition, so it does not apply to all mail sent outside the organization (SentToScope NotInOrganization)",
	}
} | {s |
	input.encryption.transport_rules[i].exceptIfSentToScope == "NotInOrganization"
	s := {
		"unknown": false,
		"path": transport_rule_at(i, ["exceptIfSentToScope"]),
		"reason": "makes an exception for mail sent outside the organization",
	}
}

encrypting_transport_rules contains i if {
	some i, r in input.encryption.transport_rules
	encrypts(r)
}

# Transport rules that encrypt mail sent outside the organization.
external_transport_rules contains i if {
	some i in encrypting_transport_rules
	count(external_shortfalls(i)) == 0
}

# ---------------------------------------------------------------------------------------------
# DLP rules that encrypt. Whether a DLP rule counts as enforced, how it joins its policy and
# whether that policy covers all Exchange mail are lib/dlp.rego's definitions, read as DLP001,
# DLP003 and DLP004 read them; here only what encrypting mail sent outside the organization
# adds: the rule applies to Exchange and is not limited to content shared inside.

# DLP rules that encrypt (`encryptRMSTemplate`).
encrypting_dlp_rules contains k if {
	some k, r in dlp_rules
	dlp.encrypts(r)
}

# Why each encrypting DLP rule does not encrypt Exchange mail sent outside the organization, by
# rule index, in the same shape as `external_shortfalls`: why the rule does not count (as for
# DLP001 and DLP003), why a policy it belongs to does not cover all Exchange mail (as for
# DLP004), and why the rule itself leaves that mail out. (An object rule: regorus 0.14 returned
# an empty set from the equivalent function, called from ENC004 with an index from
# `encrypting_dlp_rules`, for the shortfalls read from lib/dlp.rego's `rules`.)
dlp_shortfalls[k] := (dlp.rule_shortfalls(k) | dlp_exchange_shortfalls(k)) | dlp_scope_shortfalls(k) if {
	some k in encrypting_dlp_rules
}

dlp_exchange_shortfalls(k) := {s |
	some j in dlp.parents(k)
	some shortfall in dlp.coverage_shortfalls(j, "exchange")
	s := dlp.through_parent(j, shortfall)
}

dlp_scope_shortfalls(k) := {s |
	workloads := dlp.array_at(dlp_rules[k], ["workload"])
	count(workloads) > 0
	not exchange_workload(workloads)
	s := {
		"unknown": false,
		"path": dlp.rule_at(k, ["workload"]),
		"reason": sprintf("applies to %s, not Exchange", [concat(", ", [sprintf("%v", [w]) | some w in workloads])]),
	}
} | {s |
	dlp_rules[k].accessScope == "InOrganization"
	s := {
		"unknown": false,
		"path": dlp.rule_at(k, ["accessScope"]),
		"reason": "applies only to content shared inside the organization (InOrganization)",
	}
}

exchange_workload(workloads) if {
	some w in workloads
	same_text(w, "Exchange")
}

# DLP rules that encrypt Exchange mail sent outside the organization.
external_dlp_rules contains k if {
	some k, shortfalls in dlp_shortfalls
	count(shortfalls) == 0
}

# ---------------------------------------------------------------------------------------------
# Whether mail sent outside the organization is encrypted (ENC004, and ZT003's "encryption is
# in use").

external_mail_encrypted if count(external_transport_rules) > 0

external_mail_encrypted if count(external_dlp_rules) > 0

# Why it cannot be told that no rule encrypts mail sent outside the organization; empty when
# the exports settle it.
external_mail_unknown contains reason if {
	not external_mail_encrypted
	not transport_rules_exported
	reason := "Transport rules (Get-TransportRule) were not exported, so a mail flow rule may encrypt mail sent outside the organization"
}

external_mail_unknown contains reason if {
	not external_mail_encrypted
	not dlp_exported
	reason := "DLP policies and rules (Get-DlpCompliancePolicy, Get-DlpComplianceRule) were not exported, so a DLP rule may encrypt mail sent outside the organization"
}

external_mail_unknown contains reason if {
	not external_mail_encrypted
	some i in encrypting_transport_rules
	only_unknowns(external_shortfalls(i))
	r := input.encryption.transport_rules[i]
	reason := sprintf("Transport rule %s would encrypt mail sent outside the organization, but %s", [transport_rule_label(r), unknowns_text(external_shortfalls(i))])
}

external_mail_unknown contains reason if {
	not external_mail_encrypted
	some k, shortfalls in dlp_shortfalls
	only_unknowns(shortfalls)
	reason := sprintf("DLP rule %s would encrypt mail sent outside the organization, but %s", [dlp.rule_label(dlp_rules[k]), unknowns_text(shortfalls)])
}

only_unknowns(shortfalls) if {
	count(shortfalls) > 0
	every s in shortfalls {
		s.unknown
	}
}

unknowns_text(shortfalls) := sprintf("it %s", [concat(" and ", sort([s.reason | some s in shortfalls]))])

# Evidence that mail sent outside the organization is encrypted: each qualifying rule's
# encryption action.
external_encryption_evidence contains {"path": transport_rule_at(i, [a.field]), "message": message} if {
	some i in external_transport_rules
	r := input.encryption.transport_rules[i]
	some a in encryption_actions(r)
	message := sprintf("Transport rule %s %s to mail sent outside the organization", [transport_rule_label(r), a.text])
}

external_encryption_evidence contains {"path": dlp.rule_at(k, ["encryptRMSTemplate"]), "message": message} if {
	some k in external_dlp_rules
	r := dlp_rules[k]
	message := sprintf("DLP rule %s encrypts Exchange mail with the template '%s'", [dlp.rule_label(r), r.encryptRMSTemplate])
}

# ---------------------------------------------------------------------------------------------
# Sensitivity labels. `encryptionEnabled` says whether the label's encryption is on (null when
# the export cannot say); a label encrypts only when the label itself is not disabled.

label_name(l) := named(l, ["displayName", "name", "guid"], "(unnamed label)")

label_on(l) if l.disabled == false

label_on(l) if not "disabled" in object.keys(l)

label_off(l) if l.disabled == true

label_encrypts(l) if {
	l.encryptionEnabled == true
	label_on(l)
}

encrypting_labels contains i if {
	some i, l in input.encryption.labels
	label_encrypts(l)
}

# Labels of which the export cannot say whether they encrypt.
unknown_labels contains i if {
	some i, l in input.encryption.labels
	not is_boolean(l.encryptionEnabled)
	not label_off(l)
}

unknown_labels contains i if {
	some i, l in input.encryption.labels
	l.encryptionEnabled == true
	not label_on(l)
	not label_off(l)
}

label_unknown_reason(i) := sprintf("The export does not say whether label %s is enabled", [label_name(l)]) if {
	l := input.encryption.labels[i]
	l.encryptionEnabled == true
} else := sprintf("The export does not say whether label %s encrypts (e.g. a Graph export without hasProtection)", [label_name(input.encryption.labels[i])])

encrypting_label_evidence contains {"path": label_at(i, ["encryptionEnabled"]), "message": message} if {
	some i in encrypting_labels
	message := sprintf("Sensitivity label %s encrypts", [label_name(input.encryption.labels[i])])
}

# ---------------------------------------------------------------------------------------------
# Encryption in use (ZT003): mail sent outside the organization is encrypted (ENC004 passes) or
# an enabled sensitivity label encrypts.

encryption_in_use if external_mail_encrypted

encryption_in_use if count(encrypting_labels) > 0

encryption_in_use_evidence := external_encryption_evidence | encrypting_label_evidence

# Why it cannot be told that encryption is not in use; empty when the exports settle it.
encryption_use_unknown contains reason if {
	not encryption_in_use
	some reason in external_mail_unknown
}

encryption_use_unknown contains "Sensitivity labels were not exported, so a label may encrypt" if {
	not encryption_in_use
	not labels_exported
}

encryption_use_unknown contains reason if {
	not encryption_in_use
	some i in unknown_labels
	reason := label_unknown_reason(i)
}
