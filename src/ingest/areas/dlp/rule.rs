//! A DLP compliance rule: the schema's fields, plus the AdvancedRule document parsed from
//! its string and `sensitiveInfoTypes`, one list of what the rule detects whichever form the
//! export uses.
//!
//! Which form counts: `ContentContainsSensitiveInformation` when it lists any type (the
//! cmdlet also writes the same condition into `AdvancedRule` for ordinary rules, which is
//! not counted twice); otherwise the AdvancedRule document, and always the document when
//! `IsAdvancedRule` is true (then `ContentContainsSensitiveInformation` is null). When the
//! list was truncated by ConvertTo-Json's depth limit (ScubaGear writes rules with
//! `-Depth 3`, which cuts the grouped form), the AdvancedRule document stands in with a
//! warning; without one, the file is rejected.
//!
//! `accessScope`: Security & Compliance PowerShell writes a rule built in the advanced rule
//! editor with its `AccessScope` condition only inside `AdvancedRule`. When the rule has no
//! `AccessScope` of its own, the document's is lifted to `accessScope` (located at the
//! AdvancedRule text), but only where it applies to the whole rule (see
//! [`advanced_rule::access_scope`]).

use serde_json::{Map, Value};

use super::advanced_rule;
use super::sensitive_types::{self, Found, Stop};
use crate::ingest::export::Item;
use crate::ingest::normalize::Normalizer;
use crate::ingest::problem::IngestCode;
use crate::ingest::schema::Kind;
use crate::ingest::schema::dlp::{RULE, SENSITIVE_INFO_TYPE};
use crate::model::PathSegment;

const CONTENT: &str = "ContentContainsSensitiveInformation";
const ADVANCED: &str = "AdvancedRule";

pub fn normalize(normalizer: &mut Normalizer, pointer: Vec<PathSegment>, value: Value) -> Item {
    let content = source_member(&value, CONTENT);
    let advanced = source_member(&value, ADVANCED);
    let canonical = normalizer.object_at(&pointer, value, &RULE);
    // Reading the rule leaves the position at the rule; what follows reads below it.
    debug_assert_eq!(normalizer.pointer(), pointer.as_slice());
    let Value::Object(mut rule) = canonical else {
        return Item::new(pointer, canonical);
    };
    let is_advanced = rule.get("isAdvancedRule").and_then(Value::as_bool) == Some(true);
    let has_advanced = advanced.as_ref().is_some_and(|(_, value)| !is_blank(value));
    let document = advanced.and_then(|(key, value)| read_document(normalizer, key, &value));
    let chosen = if is_advanced {
        if !has_advanced {
            normalizer.issue(
                IngestCode::UnexpectedType,
                "IsAdvancedRule is true but the rule has no AdvancedRule: what it detects is not in the export".into(),
                "no AdvancedRule",
            );
        }
        document.as_ref().map(Chosen::from)
    } else {
        choose(normalizer, content, document.as_ref())
    };

    let mut item = Item::new(pointer.clone(), Value::Null);
    if let Some(document) = document {
        let at_document = child(&pointer, &document.key);
        if rule.get("accessScope").is_none_or(Value::is_null)
            && let Some(scope) = advanced_rule::access_scope(&document.value)
        {
            item.derived.push((vec!["accessScope".into()], at_document.clone(), None));
            rule.insert("accessScope".into(), Value::String(scope.to_owned()));
        }
        item.derived.push((vec!["advancedRule".into()], at_document, None));
        rule.insert("advancedRule".into(), document.value);
    }
    let types = chosen.as_ref().map_or_else(Vec::new, |chosen| chosen.types.iter().map(|t| t.value.clone()).collect());
    rule.insert("sensitiveInfoTypes".into(), Value::Array(types));
    if let Some(chosen) = chosen {
        item.derived.push((vec!["sensitiveInfoTypes".into()], child(&pointer, &chosen.key), None));
        // Types read from the AdvancedRule text are located at that text as a whole.
        let kind = (!chosen.advanced).then_some(Kind::Object(&SENSITIVE_INFO_TYPE));
        for (index, found) in chosen.types.into_iter().enumerate() {
            item.derived.push((vec!["sensitiveInfoTypes".into(), index.into()], found.pointer, kind));
        }
    }
    item.value = Value::Object(rule);
    item
}

/// A rule's AdvancedRule: the member's key as the source spells it, the parsed document, and
/// the types it detects.
struct Document {
    key: String,
    value: Value,
    types: Vec<Found>,
}

/// The types a rule detects, and the member they were read from.
struct Chosen {
    key: String,
    types: Vec<Found>,
    advanced: bool,
}

impl From<&Document> for Chosen {
    fn from(document: &Document) -> Self {
        Chosen { key: document.key.clone(), types: document.types.clone(), advanced: true }
    }
}

fn read_document(normalizer: &mut Normalizer, key: String, value: &Value) -> Option<Document> {
    normalizer.at(key.as_str(), |n| {
        let parsed = document(n, value)?;
        let types = sensitive_types::from_advanced(n, &parsed.document).unwrap_or_default();
        if parsed.repaired {
            n.warn(IngestCode::MangledJson, advanced_rule::repaired_message(types.len()), "repaired AdvancedRule");
        }
        Some(Document { key: key.clone(), value: parsed.document, types })
    })
}

/// An ordinary rule's types: its `ContentContainsSensitiveInformation` when that lists any,
/// else (or when it was truncated) the AdvancedRule document's.
fn choose(
    normalizer: &mut Normalizer,
    content: Option<(String, Value)>,
    document: Option<&Document>,
) -> Option<Chosen> {
    let fallback = document.map(|document| document.types.len()).filter(|count| *count > 0);
    let Some((key, value)) = content else {
        return document.map(Chosen::from);
    };
    match normalizer.at(key.as_str(), |n| sensitive_types::from_content(n, value, fallback)) {
        Ok(types) if !types.is_empty() || fallback.is_none() => Some(Chosen { key, types, advanced: false }),
        Ok(_) | Err(Stop::Truncated) => document.map(Chosen::from),
        Err(Stop::Invalid) => None,
    }
}

/// Parses the AdvancedRule value found at the normalizer's position: normally JSON text;
/// null or empty when the rule has none.
fn document(normalizer: &mut Normalizer, value: &Value) -> Option<advanced_rule::Parsed> {
    match value {
        Value::String(text) if text.trim().is_empty() => None,
        Value::String(text) => advanced_rule::parse(normalizer, text),
        Value::Null => None,
        // Already a document (a tool that parsed it before writing).
        Value::Object(_) => Some(advanced_rule::Parsed { document: value.clone(), repaired: false }),
        _ => {
            normalizer.issue(
                IngestCode::UnexpectedType,
                "expected the AdvancedRule JSON document as text".into(),
                "unexpected value",
            );
            None
        }
    }
}

fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.trim().is_empty(),
        _ => false,
    }
}

/// A member of the source object in any casing, with its key as the source spells it.
fn source_member(value: &Value, name: &str) -> Option<(String, Value)> {
    let map: &Map<String, Value> = value.as_object()?;
    map.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(key, value)| (key.clone(), value.clone()))
}

fn child(pointer: &[PathSegment], key: &str) -> Vec<PathSegment> {
    let mut child = pointer.to_vec();
    child.push(PathSegment::from(key));
    child
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::model::pointer_of;

    fn read(rule: Value) -> (Item, Vec<(IngestCode, String, String)>) {
        let mut normalizer = Normalizer::new();
        let item = normalize(&mut normalizer, vec![3.into()], rule);
        let issues = normalizer
            .take_issues()
            .into_iter()
            .map(|issue| (issue.code, pointer_of(&issue.pointer), issue.message))
            .collect();
        (item, issues)
    }

    #[test]
    fn a_list_of_null_is_an_empty_condition() {
        // ScubaGear's `@($rule.ContentContainsSensitiveInformation)` of a missing list.
        let (item, issues) =
            read(json!({"Name": "R", "IsAdvancedRule": false, "ContentContainsSensitiveInformation": [null]}));
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(item.value["sensitiveInfoTypes"], json!([]));
        assert_eq!(
            item.derived.iter().map(|(path, pointer, _)| (pointer_of(path), pointer_of(pointer))).collect::<Vec<_>>(),
            [("/sensitiveInfoTypes".to_owned(), "/3/ContentContainsSensitiveInformation".to_owned())]
        );
    }

    #[test]
    fn an_advanced_rule_without_its_document_is_an_issue() {
        let (_, issues) = read(json!({"Name": "R", "IsAdvancedRule": true, "AdvancedRule": ""}));
        assert_eq!(
            issues,
            [(
                IngestCode::UnexpectedType,
                "/3".to_owned(),
                "IsAdvancedRule is true but the rule has no AdvancedRule: what it detects is not in the export"
                    .to_owned()
            )]
        );
    }

    #[test]
    fn problems_inside_the_advanced_rule_are_reported_at_it() {
        let document = r#"{"Version":"1.0","Condition":{"Operator":"And","SubConditions":[{"ConditionName":"ContentContainsSensitiveInformation","Value":[{"Groups":[{"Name":"Default","Operator":"Or","Sensitivetypes":[{"Name":"Credit Card Number","Mincount":"many"}]}],"Operator":"And"}]}]}}"#;
        let (_, issues) = read(json!({"Name": "R", "IsAdvancedRule": true, "AdvancedRule": document}));
        assert_eq!(
            issues,
            [(
                IngestCode::UnexpectedType,
                "/3/AdvancedRule".to_owned(),
                "in the AdvancedRule document at /Condition/SubConditions/0/Value/0/Groups/0/Sensitivetypes/0/Mincount: expected a whole number, found the string 'many'".to_owned()
            )]
        );
    }

    #[test]
    fn mangled_text_that_cannot_be_repaired_is_an_issue() {
        let (_, issues) = read(
            json!({"Name": "R", "IsAdvancedRule": true, "AdvancedRule": "{rn  'Version': '1.0',rn  'Condition': {rn    'Operator': 'And'"}),
        );
        assert_eq!(
            issues,
            [(
                IngestCode::InvalidEmbeddedJson,
                "/3/AdvancedRule".to_owned(),
                "AdvancedRule has the single quotes of ScubaGear 1.1's mangled export but cannot be read back (the document ends where `,` was expected at character 64); m365lint cannot tell what this rule detects".to_owned()
            )]
        );
    }

    #[test]
    fn a_flat_rule_repeats_its_condition_in_the_advanced_rule_without_counting_it_twice() {
        let advanced = r#"{"Version":"1.0","Condition":{"Operator":"And","SubConditions":[{"ConditionName":"ContentContainsSensitiveInformation","Value":[{"name":"Credit Card Number","mincount":"1"}]}]}}"#;
        let (item, issues) = read(json!({
            "Name": "R", "IsAdvancedRule": false, "AdvancedRule": advanced,
            "ContentContainsSensitiveInformation": [{"name": "Credit Card Number", "mincount": "1"}]
        }));
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(
            item.value["sensitiveInfoTypes"],
            json!([{"name": "Credit Card Number", "minCount": 1, "group": null, "form": "list"}])
        );
    }
}
