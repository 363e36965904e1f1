//! `SCDLPCompliancePolicy` and `SCDLPComplianceRule`. Their parameters are the cmdlet's
//! parameter names, so most map by name. Differences from the cmdlet export:
//! - the policy has no `Enabled` (its `Mode` says whether it runs): canonical `enabled` stays
//!   absent;
//! - the rule's `Policy` is the policy's *name* (the cmdlet's is its GUID): it becomes
//!   `parentPolicyName`;
//! - `ContentContainsSensitiveInformation` is a CIM instance
//!   `MSFT_SCDLPContainsSensitiveInformation {SensitiveInformation[], Groups[], Operator}`
//!   (older resource versions: a list of `MSFT_SCDLPSensitiveInformation`); it is kept as
//!   exported and its types are listed in `sensitiveInfoTypes`, with those of `AdvancedRule`;
//! - as for the cmdlet export, an `AccessScope` that only the `AdvancedRule` holds (directly
//!   under its top-level `And`) becomes `accessScope`, located at the AdvancedRule.

use serde_json::Value;

use super::resource::{Resource, undo_artefacts};
use crate::ingest::areas::dlp::{advanced_rule, sensitive_types};
use crate::ingest::export::Item;
use crate::ingest::problem::IngestCode;
use crate::ingest::schema::Kind;
use crate::ingest::schema::dlp::{POLICY, RULE, SENSITIVE_INFO_TYPE};
use crate::model::PathSegment;

pub fn policy(mut resource: Resource<'_>) -> Item {
    resource.map_fields(&POLICY);
    resource.finish(&POLICY)
}

pub fn rule(mut resource: Resource<'_>) -> Item {
    if let Some((pointer, value)) = resource.read("Policy", &Kind::String) {
        resource.put(&["parentPolicyName"], value, pointer, Some(Kind::String));
    }
    let mut types = SensitiveTypes::default();
    let mut anchor = None;
    if let Some((pointer, value)) = resource.take("ContentContainsSensitiveInformation") {
        let (pointer, value) = undo_artefacts(pointer, value, &Kind::Json);
        types.read_condition(&mut resource, &pointer, &value, None);
        anchor = Some(pointer);
    }
    // An unreadable advanced rule says nothing about what the rule detects: without a
    // readable condition, `sensitiveInfoTypes` stays missing rather than claiming none.
    if let Some((pointer, value)) = resource.take("AdvancedRule")
        && let Some(document) = parse_advanced_rule(&mut resource, &pointer, value)
    {
        types.read_advanced_rule(&mut resource, &pointer, &document);
        if resource.peek("AccessScope").is_none_or(Value::is_null)
            && let Some(scope) = advanced_rule::access_scope(&document)
        {
            resource.take("AccessScope");
            resource.put(&["accessScope"], Value::String(scope.to_owned()), pointer.clone(), None);
        }
        resource.put(&["advancedRule"], document, pointer.clone(), None);
        anchor.get_or_insert(pointer);
    }
    if let Some(anchor) = anchor {
        let SensitiveTypes { values, sources } = types;
        resource.put(&["sensitiveInfoTypes"], Value::Array(values), anchor, None);
        for (index, source) in sources.into_iter().enumerate() {
            let path = vec![PathSegment::from("sensitiveInfoTypes"), PathSegment::Index(index)];
            resource.record(path, source, Some(Kind::Object(&SENSITIVE_INFO_TYPE)));
        }
    }
    resource.map_fields(&RULE);
    resource.finish(&RULE)
}

/// The `AdvancedRule` document: parsed from its text; unreadable text is reported and its
/// types are not read (nothing is guessed from it).
fn parse_advanced_rule(resource: &mut Resource<'_>, pointer: &[PathSegment], value: Value) -> Option<Value> {
    match value {
        Value::String(text) if text.trim().is_empty() => None,
        Value::String(text) => match serde_json::from_str::<Value>(&text) {
            Ok(document) => Some(document),
            Err(error) => {
                resource.warn(
                    pointer.to_vec(),
                    IngestCode::UnreadableJsonString,
                    format!(
                        "AdvancedRule is not valid JSON ({error}): the sensitive information types it detects are not read"
                    ),
                    "not JSON",
                );
                None
            }
        },
        Value::Null => None,
        document @ Value::Object(_) => Some(document),
        other => {
            let found = if other.is_array() { "a list" } else { "a scalar" };
            resource.issue(
                pointer.to_vec(),
                IngestCode::UnexpectedType,
                format!("expected AdvancedRule as JSON text, found {found}"),
                "unexpected type",
            );
            None
        }
    }
}

/// The canonical `sensitiveInfoTypes` being built, and the source of each.
#[derive(Default)]
struct SensitiveTypes {
    values: Vec<Value>,
    sources: Vec<Vec<PathSegment>>,
}

impl SensitiveTypes {
    /// The types of a `ContentContainsSensitiveInformation` value at `pointer`: a
    /// `MSFT_SCDLPContainsSensitiveInformation` instance (flat `SensitiveInformation` and
    /// `Groups[].SensitiveInformation`), a list of them, or a list of
    /// `MSFT_SCDLPSensitiveInformation` (older resource versions).
    fn read_condition(
        &mut self,
        resource: &mut Resource<'_>,
        pointer: &[PathSegment],
        value: &Value,
        group: Option<&str>,
    ) {
        match value {
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    let at = [pointer, &[PathSegment::Index(index)]].concat();
                    self.read_condition(resource, &at, item, group);
                }
            }
            Value::Object(members) => {
                let containers: Vec<(&String, &Value)> = members
                    .iter()
                    .filter(|(key, _)| {
                        key.eq_ignore_ascii_case("SensitiveInformation") || key.eq_ignore_ascii_case("Groups")
                    })
                    .collect();
                if containers.is_empty() {
                    let form = if group.is_some() { "grouped" } else { "list" };
                    self.push(resource, pointer, value.clone(), group, form);
                    return;
                }
                for (key, inner) in containers {
                    let at = [pointer, &[PathSegment::Key(key.clone())]].concat();
                    if key.eq_ignore_ascii_case("Groups") {
                        self.groups(resource, &at, inner);
                    } else {
                        self.read_condition(resource, &at, inner, group);
                    }
                }
            }
            Value::Null => {}
            other => {
                resource.normalize(pointer, other.clone(), &Kind::Object(&SENSITIVE_INFO_TYPE));
            }
        }
    }

    /// `Groups[]`: each group's `SensitiveInformation`, in the group's name.
    fn groups(&mut self, resource: &mut Resource<'_>, pointer: &[PathSegment], value: &Value) {
        let groups: Vec<(Vec<PathSegment>, &Value)> = match value {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(index, item)| ([pointer, &[PathSegment::Index(index)]].concat(), item))
                .collect(),
            Value::Null => Vec::new(),
            single => vec![(pointer.to_vec(), single)],
        };
        for (at, group) in groups {
            let Value::Object(members) = group else {
                resource.normalize(&at, group.clone(), &Kind::Object(&SENSITIVE_INFO_TYPE));
                continue;
            };
            let name = members.iter().find(|(key, _)| key.eq_ignore_ascii_case("Name")).and_then(|(_, v)| v.as_str());
            let name = name.unwrap_or_default().to_owned();
            for (key, inner) in members.iter().filter(|(key, _)| key.eq_ignore_ascii_case("SensitiveInformation")) {
                let inner_at = [at.as_slice(), &[PathSegment::Key(key.clone())]].concat();
                self.read_condition(resource, &inner_at, inner, Some(&name));
            }
        }
    }

    /// The types of the advanced rule, read by the DLP area's reader of the same document: all
    /// point at the `AdvancedRule` text. A document that cannot be read has been reported.
    fn read_advanced_rule(&mut self, resource: &mut Resource<'_>, pointer: &[PathSegment], document: &Value) {
        let found =
            resource.with_normalizer_at(pointer, |normalizer| sensitive_types::from_advanced(normalizer, document));
        for found in found.unwrap_or_default() {
            self.values.push(found.value);
            self.sources.push(found.pointer);
        }
    }

    /// One type. Its members are CIM strings (`mincount = "1"`), and an unset one is `""`.
    fn push(
        &mut self,
        resource: &mut Resource<'_>,
        pointer: &[PathSegment],
        value: Value,
        group: Option<&str>,
        form: &str,
    ) {
        let value = match value {
            Value::Object(members) => Value::Object(
                members
                    .into_iter()
                    .map(|(key, member)| match member {
                        Value::String(text) if text.is_empty() => (key, Value::Null),
                        other => (key, other),
                    })
                    .collect(),
            ),
            other => other,
        };
        let mut normalized = resource.normalize(pointer, value, &Kind::Object(&SENSITIVE_INFO_TYPE));
        if let Value::Object(members) = &mut normalized {
            // The same shape as the DLP area's reader gives: `group` is null outside a group.
            members.insert("group".into(), group.map_or(Value::Null, Value::from));
            members.insert("form".into(), Value::from(form));
        }
        self.values.push(normalized);
        self.sources.push(pointer.to_vec());
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Map, json};

    use super::*;
    use crate::ingest::envelope::m365dsc::resource::Sink;
    use crate::ingest::normalize::Normalizer;

    fn rule_of(params: Value) -> (Value, Sink) {
        let mut normalizer = Normalizer::new();
        let mut sink = Sink::default();
        let params: Map<String, Value> = params.as_object().cloned().unwrap_or_default();
        let item = rule(Resource::new(vec![PathSegment::Index(0)], params, &mut normalizer, &mut sink));
        sink.issues.extend(normalizer.take_issues());
        (item.value, sink)
    }

    #[test]
    fn older_resources_list_the_types_directly() {
        let (value, sink) = rule_of(json!({
            "Name": "SSN extern", "Policy": "U.S. PII",
            "ContentContainsSensitiveInformation": [
                {"CIMInstance": "MSFT_SCDLPSensitiveInformation", "name": "U.S. Social Security Number (SSN)",
                 "mincount": "1", "maxcount": "", "minconfidence": "85"}
            ]
        }));
        assert!(sink.issues.is_empty() && sink.warnings.is_empty(), "{sink:?}");
        assert_eq!(
            value["sensitiveInfoTypes"],
            json!([{"name": "U.S. Social Security Number (SSN)", "minCount": 1, "maxCount": null, "minConfidence": 85, "group": null, "form": "list"}])
        );
        assert_eq!(value["parentPolicyName"], "U.S. PII");
    }

    #[test]
    fn an_access_scope_only_in_the_advanced_rule_becomes_the_rules() {
        let advanced = r#"{"Version":"1.0","Condition":{"Operator":"And","SubConditions":[{"ConditionName":"AccessScope","Value":["NotInOrganization"]}]}}"#;
        let (value, sink) = rule_of(json!({"Name": "Extern", "Policy": "P", "AdvancedRule": advanced}));
        assert!(sink.issues.is_empty() && sink.warnings.is_empty(), "{sink:?}");
        assert_eq!(value["accessScope"], "NotInOrganization");
        let (value, _) = rule_of(
            json!({"Name": "Extern", "Policy": "P", "AccessScope": "InOrganization", "AdvancedRule": advanced}),
        );
        assert_eq!(value["accessScope"], "InOrganization");
    }

    #[test]
    fn an_unreadable_advanced_rule_is_a_warning_and_detects_nothing_known() {
        // ScubaGear <= 1.1 style mangling: quotes replaced, backslashes dropped.
        let (value, sink) = rule_of(json!({
            "Name": "IBAN", "Policy": "Finanzdaten",
            "AdvancedRule": "{'Version':'1.0','Condition':{'Operator':'And'}}"
        }));
        assert!(sink.issues.is_empty(), "{:?}", sink.issues);
        let warnings: Vec<(IngestCode, String)> =
            sink.warnings.iter().map(|w| (w.code, crate::model::pointer_of(&w.pointer))).collect();
        assert_eq!(warnings, vec![(IngestCode::UnreadableJsonString, "/0/AdvancedRule".to_owned())]);
        assert_eq!(value, json!({"name": "IBAN", "parentPolicyName": "Finanzdaten"}));
    }
}
