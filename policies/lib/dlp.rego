# Shared definitions for DLP rules (catalog.md, "Data loss prevention"): which policies are
# enforced, how rules join their parent policy, which rules count, what a rule detects, and the
# workloads a policy covers. Every shortfall points at the exact value that explains it.
package m365lint.lib.dlp

import rego.v1

policies := input.dlp.policies

rules := input.dlp.rules

# Both collections are in the export (ingest leaves out one without the other).
exported if {
	is_array(input.dlp.policies)
	is_array(input.dlp.rules)
}

params := data.m365lint.params

# The paths of the two collections: what findings about something missing point at.
policy_collection := ["dlp", "policies"]

rule_collection := ["dlp", "rules"]

# The path of a value inside policy i or rule j.
policy_at(i, rest) := array.concat(["dlp", "policies", i], rest)

rule_at(j, rest) := array.concat(["dlp", "rules", j], rest)

# The array at `path` below `obj`; [] when it is missing, null or not an array, so that rules
# never iterate over null (which regorus rejects).
array_at(obj, path) := value if {
	value := object.get(obj, path, [])
	is_array(value)
} else := []

# Names compare as Purview compares them: ignoring case and surrounding spaces.
normalized(name) := lower(trim_space(name))

# How messages name a policy or a rule.
policy_label(p) := sprintf("'%s'", [p.name]) if {
	is_string(p.name)
	p.name != ""
} else := sprintf("'%s'", [p.displayName]) if {
	is_string(p.displayName)
	p.displayName != ""
} else := sprintf("'%s'", [p.guid]) if is_string(p.guid)

else := "(unnamed policy)"

rule_label(r) := sprintf("'%s'", [r.name]) if {
	is_string(r.name)
	r.name != ""
} else := sprintf("'%s'", [r.guid]) if is_string(r.guid)

else := "(unnamed rule)"

# ---------------------------------------------------------------------------------------------
# Policies

# Enforced: `mode` is `Enable` and `enabled` is true. Microsoft365DSC exports no `enabled`: its
# `mode` alone turns a policy on or off (off is `Disable`), and the cmdlet's `Enabled` follows
# `mode`, so a policy without `enabled` is judged by its mode. An `enabled` that is present but
# not true (false, null) is not enforced.
enforced(p) if {
	p.mode == "Enable"
	object.get(p, "enabled", true) == true
}

testing_modes := {"TestWithNotifications", "TestWithoutNotifications"}

in_test_mode(p) if p.mode in testing_modes

mode_reasons := {
	"TestWithNotifications": "is in test mode (TestWithNotifications): it shows policy tips but blocks nothing",
	"TestWithoutNotifications": "is in test mode (TestWithoutNotifications): it only logs matches",
	"Disable": "is turned off (mode Disable)",
	"PendingDeletion": "is pending deletion (mode PendingDeletion)",
}

# A policy that is switched off: `enabled` false, or mode Disable or PendingDeletion. A policy in
# a test mode is not off: it runs, it only enforces nothing.
switched_off(p) if p.enabled == false

switched_off(p) if p.mode in {"Disable", "PendingDeletion"}

# Why policy i is not enforced: {"unknown", "path", "reason"}, where `reason` completes a
# sentence that starts with the policy's name and `unknown` marks what the export cannot say
# (the policy may well be enforced). Empty for an enforced policy.
policy_shortfalls(i) := {s |
	p := policies[i]
	is_string(p.mode)
	p.mode != "Enable"
	s := {"unknown": false, "path": policy_at(i, ["mode"]), "reason": object.get(mode_reasons, p.mode, sprintf("is not enabled (mode %s)", [p.mode]))}
} | {s |
	p := policies[i]
	not is_string(p.mode)
	s := {"unknown": true, "path": policy_at(i, []), "reason": "has no mode in the export, so whether it runs is unknown"}
} | {s |
	policies[i].enabled == false
	s := {"unknown": false, "path": policy_at(i, ["enabled"]), "reason": "is not enabled (enabled is false)"}
} | {s |
	p := policies[i]
	"enabled" in object.keys(p)
	not is_boolean(p.enabled)
	s := {"unknown": true, "path": policy_at(i, ["enabled"]), "reason": "has no enabled state in the export, so whether it runs is unknown"}
}

# ---------------------------------------------------------------------------------------------
# Joining rules to their parent policy

# What a rule names its parent by: `parentPolicyName` (a policy name), and `policy` (the
# policy's GUID in cmdlet exports, its name in Microsoft365DSC).
parent_references(r) := {normalized(r[key]) |
	some key in ["parentPolicyName", "policy"]
	is_string(r[key])
	trim_space(r[key]) != ""
}

policy_keys(p) := {normalized(p[key]) |
	some key in ["name", "guid"]
	is_string(p[key])
	trim_space(p[key]) != ""
}

# The indexes of the policies rule j belongs to (one, unless the export is inconsistent).
parents(j) := rule_parents[j]

# Computed once per tenant, by rule index: regorus memoizes rules but not functions, and rules
# ask for their parents once per policy and workload.
# (Two policies may share a name in an inconsistent export: a key maps to a set of indexes.)
policy_keys_by_index := {i: policy_keys(p) | some i, p in policies}

policies_by_key[key] := indexes if {
	some own_keys in policy_keys_by_index
	some key in own_keys
	indexes := {i |
		some i, candidate_keys in policy_keys_by_index
		key in candidate_keys
	}
}

rule_parents[j] := indexes if {
	some j, r in rules
	indexes := {i |
		some reference in parent_references(r)
		some i in policies_by_key[reference]
	}
}

# The field through which rule j names its parent, for findings that point at it.
parent_field(r) := "parentPolicyName" if {
	is_string(r.parentPolicyName)
	trim_space(r.parentPolicyName) != ""
} else := "policy" if {
	is_string(r.policy)
	trim_space(r.policy) != ""
}

# Rule j names a parent policy that is not in the export.
orphaned(j) if {
	count(parent_references(rules[j])) > 0
	count(parents(j)) == 0
}

# Rule j names no parent policy at all.
parentless(j) if count(parent_references(rules[j])) == 0

# ---------------------------------------------------------------------------------------------
# Which rules count

rule_enabled(r) if r.disabled == false

rule_disabled(r) if r.disabled == true

# Rule j counts: it is enabled and every policy it belongs to is enforced. A rule whose
# `disabled` is missing does not count: what cannot be read cannot protect.
counts(j) if j in counting_rules

# The indexes of the rules that count, once per tenant: rules ask `counts` for every rule and
# type (regorus memoizes rules, not functions; docs/performance.md).
counting_rules contains j if {
	some j, r in rules
	rule_enabled(r)
	parents_enforced(j)
}

# Rule j belongs to a policy, and every policy it belongs to is enforced.
parents_enforced(j) if {
	found := parents(j)
	count(found) > 0
	every i in found {
		enforced(policies[i])
	}
}

# Rule j may be in force: it is not known to be disabled and it belongs to an enforced policy.
# Rules that warn about what an enforced rule does use this, so that missing data never passes.
in_force(j) if j in rules_in_force

rules_in_force contains j if {
	some j, r in rules
	not rule_disabled(r)
	some i in parents(j)
	enforced(policies[i])
}

# Rule j may run, now or once its policy leaves test mode: it is not known to be disabled and
# some policy it belongs to is not switched off. Rules that warn about what a rule would do if
# it ran use this, so that missing data never passes.
may_run(j) if {
	not rule_disabled(rules[j])
	some i in parents(j)
	not switched_off(policies[i])
}

# Why rule j does not count, in the shape of `policy_shortfalls`: `reason` completes a sentence
# that starts with the rule's name. A shortfall is `unknown` where the export lacks what would
# settle it: the rule's disabled state, the name of its policy, or that policy's mode or
# enabled state.
rule_shortfalls(j) := {s |
	rule_disabled(rules[j])
	s := {"unknown": false, "path": rule_at(j, ["disabled"]), "reason": "is disabled"}
} | {s |
	r := rules[j]
	not is_boolean(r.disabled)
	s := {"unknown": true, "path": rule_at(j, []), "reason": "has no disabled state in the export, so whether it runs is unknown"}
} | {s |
	orphaned(j)
	r := rules[j]
	field := parent_field(r)
	s := {"unknown": false, "path": rule_at(j, [field]), "reason": sprintf("belongs to policy '%s', which is not in the export", [r[field]])}
} | {s |
	parentless(j)
	s := {"unknown": true, "path": rule_at(j, []), "reason": "names no parent policy"}
} | {s |
	some i in parents(j)
	some shortfall in policy_shortfalls(i)
	s := through_parent(i, shortfall)
}

# A shortfall of policy i, as a shortfall of a rule that belongs to it.
through_parent(i, shortfall) := object.union(shortfall, {"reason": sprintf("belongs to policy %s, which %s", [policy_label(policies[i]), shortfall.reason])})

# ---------------------------------------------------------------------------------------------
# What a rule detects

# The sensitive information types rule r detects, by normalized name.
detected(r) := {normalized(t.name) |
	some t in array_at(r, ["sensitiveInfoTypes"])
	is_string(t.name)
}

detects(r, type_name) if normalized(type_name) in detected(r)

# The required types (as configured) each rule detects, by rule index: computed once per
# tenant for the rules that ask for every rule and type (regorus memoizes rules, not
# functions; docs/performance.md).
required_types_detected[j] := {t | some t in required_info_types; normalized(t) in found} if {
	some j, r in rules
	found := detected(r)
}

# What rule r detects is not in the export: ingest could not read its condition (an unreadable
# AdvancedRule leaves `sensitiveInfoTypes` out), or it is an advanced rule without a readable
# AdvancedRule document. Such a rule counts as detecting nothing, but it may detect anything.
condition_unknown(r) if not is_array(r.sensitiveInfoTypes)

condition_unknown(r) if {
	r.isAdvancedRule == true
	not is_object(r.advancedRule)
}

# Where a finding about rule j's unreadable condition points.
condition_path(j) := rule_at(j, ["isAdvancedRule"]) if {
	rules[j].isAdvancedRule == true
	not is_object(rules[j].advancedRule)
} else := rule_at(j, [])

# The sensitive information types every tenant must protect (parameter
# `dlp_required_info_types`), as configured.
required_info_types := {t | some t in array_at(params, ["dlp_required_info_types"]); is_string(t); trim_space(t) != ""}

# ---------------------------------------------------------------------------------------------
# Actions

# A list of recipients, where Security & Compliance writes none as [] or null and
# Microsoft365DSC leaves the parameter out: empty strings and "false" (a mistyped
# `-GenerateAlert $false`) name no one.
recipients(r, field) := {v |
	some v in array_at(r, [field])
	is_string(v)
	trim_space(v) != ""
	lower(trim_space(v)) != "false"
}

# Rule r blocks access for everyone (`blockAccess` with scope `All`).
blocks_everyone(r) if {
	r.blockAccess == true
	r.blockAccessScope == "All"
}

# Rule r encrypts (applies an RMS template).
encrypts(r) if {
	is_string(r.encryptRMSTemplate)
	trim_space(r.encryptRMSTemplate) != ""
}

# ---------------------------------------------------------------------------------------------
# Workloads: the parameter values of `dlp_workloads`, the location that includes a workload's
# content, its exceptions, and the name the `workload` list gives it. (The cmdlet has no
# `ExchangeLocationException`, so that list is always empty; Exchange sender exceptions and
# adaptive scopes are not in the canonical document.)

workloads := {
	"exchange": {"location": "exchangeLocation", "exception": "exchangeLocationException", "workload": "Exchange", "label": "Exchange email"},
	"sharepoint": {"location": "sharePointLocation", "exception": "sharePointLocationException", "workload": "SharePoint", "label": "SharePoint sites"},
	"onedrive": {"location": "oneDriveLocation", "exception": "oneDriveLocationException", "workload": "OneDriveForBusiness", "label": "OneDrive accounts"},
	"teams": {"location": "teamsLocation", "exception": "teamsLocationException", "workload": "Teams", "label": "Teams chats and channel messages"},
	"endpoint": {"location": "endpointDlpLocation", "exception": "endpointDlpLocationException", "workload": "EndpointDevices", "label": "devices (Endpoint DLP)"},
}

# The location names policy p includes for workload w, as exported (an item may be a name or,
# in a deep export, an object with a Name).
location_names(p, w) := [location_name(l) | some l in array_at(p, [workloads[w].location])]

location_name(l) := l if is_string(l)

else := object.get(l, "Name", object.get(l, "name", "(unnamed location)")) if is_object(l)

else := sprintf("%v", [l])

includes_all(p, w) if "all" in {normalized(name) | some name in location_names(p, w); is_string(name)}

# Why policy i does not cover workload w everywhere, other than enforcement, in the shape of
# `policy_shortfalls`.
coverage_shortfalls(i, w) := {s |
	p := policies[i]
	not includes_all(p, w)
	names := location_names(p, w)
	count(names) > 0
	s := {
		"unknown": false,
		"path": policy_at(i, [workloads[w].location]),
		"reason": sprintf("covers only some %s: %s", [workloads[w].label, concat(", ", sort([sprintf("%v", [n]) | some n in names]))]),
	}
} | {s |
	p := policies[i]
	not includes_all(p, w)
	count(location_names(p, w)) == 0
	s := {"unknown": false, "path": policy_at(i, [workloads[w].location]), "reason": sprintf("does not include %s", [workloads[w].label])}
} | {s |
	p := policies[i]
	exceptions := array_at(p, [workloads[w].exception])
	count(exceptions) > 0
	s := {
		"unknown": false,
		"path": policy_at(i, [workloads[w].exception]),
		"reason": sprintf("excludes %s %s", [workloads[w].label, concat(", ", sort([sprintf("%v", [location_name(e)]) | some e in exceptions]))]),
	}
} | {s |
	p := policies[i]
	is_array(p.workload)
	not workloads[w].workload in {x | some x in p.workload}
	s := {"unknown": false, "path": policy_at(i, ["workload"]), "reason": sprintf("does not list %s among its workloads", [workloads[w].workload])}
}
