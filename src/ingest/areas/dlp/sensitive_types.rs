//! The sensitive information types a DLP rule detects, read from any of the forms exports
//! use: the flat list and the grouped form of `ContentContainsSensitiveInformation`
//! (`[{name, id, mincount: "1", ...}]`, `[{operator, groups: [{name, sensitivetypes: [...]}]}]`,
//! lower-case keys, numbers as text), and the same two shapes inside the `Value` of each
//! `ContentContainsSensitiveInformation` condition of the AdvancedRule document (PascalCase
//! keys, real numbers), at any depth of `SubConditions`.
//!
//! Exceptions are not detections: conditions under a `Not` operator are skipped, and
//! `ExceptIfContentContainsSensitiveInformation` is never read.

use serde_json::{Map, Value};

use crate::ingest::normalize::{Normalizer, describe, is_truncation_marker};
use crate::ingest::problem::IngestCode;
use crate::ingest::schema::dlp::SENSITIVE_INFO_TYPE;
use crate::model::{PathSegment, pointer_of};

/// One sensitive information type, canonical, and the source value it was read from.
#[derive(Clone)]
pub struct Found {
    pub value: Value,
    pub pointer: Vec<PathSegment>,
}

/// Why reading stopped. The problem has been recorded (an issue, or a warning when the
/// caller has a complete copy to fall back to).
#[derive(Debug, PartialEq, Eq)]
pub enum Stop {
    /// ConvertTo-Json's depth limit turned part of the condition into text.
    Truncated,
    /// The condition does not have the shape of one.
    Invalid,
}

/// Where the values being read come from.
#[derive(Clone, Copy)]
enum Origin {
    /// `ContentContainsSensitiveInformation` itself: every value has its own place in the
    /// file. `fallback` is how many types the AdvancedRule document offers in its place if
    /// this copy turns out to be truncated.
    Content { fallback: Option<usize> },
    /// The AdvancedRule document, parsed from one string: every value is located at it.
    Advanced,
}

/// A walk through one condition: where it reads from, and the path below its start (for
/// messages about the AdvancedRule document, whose values have no place of their own).
struct Walk {
    origin: Origin,
    trail: Vec<PathSegment>,
}

/// Reads `ContentContainsSensitiveInformation` found at the normalizer's position.
/// `fallback`: see [`Origin::Content`].
pub fn from_content(normalizer: &mut Normalizer, value: Value, fallback: Option<usize>) -> Result<Vec<Found>, Stop> {
    let mut walk = Walk { origin: Origin::Content { fallback }, trail: Vec::new() };
    let mut found = Vec::new();
    condition(normalizer, &mut walk, value, &mut found)?;
    Ok(found)
}

/// Reads every detecting `ContentContainsSensitiveInformation` condition of an AdvancedRule
/// document; the normalizer's position is the AdvancedRule string.
pub fn from_advanced(normalizer: &mut Normalizer, document: &Value) -> Result<Vec<Found>, Stop> {
    let mut walk = Walk { origin: Origin::Advanced, trail: vec![PathSegment::from("Condition")] };
    let mut found = Vec::new();
    if let Some(root) = document.as_object().and_then(|map| member(map, "Condition")) {
        advanced_condition(normalizer, &mut walk, root, false, &mut found)?;
    }
    Ok(found)
}

/// One node of the AdvancedRule condition tree: `{ConditionName, Value}` or
/// `{Operator, SubConditions}`.
fn advanced_condition(
    normalizer: &mut Normalizer,
    walk: &mut Walk,
    node: &Value,
    negated: bool,
    found: &mut Vec<Found>,
) -> Result<(), Stop> {
    let Some(map) = node.as_object() else {
        return Ok(());
    };
    let named = member(map, "ConditionName").and_then(Value::as_str);
    if !negated && named.is_some_and(|name| name.eq_ignore_ascii_case("ContentContainsSensitiveInformation")) {
        let value = member(map, "Value").cloned().unwrap_or(Value::Null);
        walk.trail.push("Value".into());
        let read = condition(normalizer, walk, value, found);
        walk.trail.pop();
        read?;
    }
    let negates = member(map, "Operator").and_then(Value::as_str).is_some_and(|op| op.eq_ignore_ascii_case("Not"));
    if let Some(Value::Array(subconditions)) = member(map, "SubConditions") {
        for (index, subcondition) in subconditions.iter().enumerate() {
            walk.trail.extend(["SubConditions".into(), index.into()]);
            let read = advanced_condition(normalizer, walk, subcondition, negated ^ negates, found);
            walk.trail.truncate(walk.trail.len() - 2);
            read?;
        }
    }
    Ok(())
}

/// A condition's list: flat types and groups, possibly mixed. ConvertTo-Json writes a
/// one-item list as the item.
fn condition(normalizer: &mut Normalizer, walk: &mut Walk, value: Value, found: &mut Vec<Found>) -> Result<(), Stop> {
    match value {
        Value::Null => Ok(()),
        Value::Array(items) => {
            for (index, item) in items.into_iter().enumerate() {
                step(normalizer, walk, index.into(), |normalizer, walk| entry(normalizer, walk, item, found))?;
            }
            Ok(())
        }
        Value::Object(_) => entry(normalizer, walk, value, found),
        other => Err(not_structure(normalizer, walk, &other, "a list of sensitive information types")),
    }
}

/// A flat type, or a group holder `{operator, groups: [...]}`.
fn entry(normalizer: &mut Normalizer, walk: &mut Walk, value: Value, found: &mut Vec<Found>) -> Result<(), Stop> {
    match value {
        // ScubaGear's `@($rule.ContentContainsSensitiveInformation)` turns a missing list
        // into `[null]`.
        Value::Null => Ok(()),
        Value::Object(mut map) => match take_member(&mut map, "groups") {
            Some((key, groups)) => step(normalizer, walk, PathSegment::Key(key), |normalizer, walk| {
                list(normalizer, walk, groups, "a list of groups", group, found)
            }),
            None => {
                push(normalizer, walk, Value::Object(map), None, found);
                Ok(())
            }
        },
        other => Err(not_structure(normalizer, walk, &other, "a sensitive information type or a group")),
    }
}

/// `{name, operator, sensitivetypes: [...], labels: [...]}`. Labels are not types and are
/// not read.
fn group(normalizer: &mut Normalizer, walk: &mut Walk, value: Value, found: &mut Vec<Found>) -> Result<(), Stop> {
    let Value::Object(mut map) = value else {
        return Err(not_structure(normalizer, walk, &value, "a group"));
    };
    let name = member(&map, "name").and_then(Value::as_str).map(str::to_owned);
    let Some((key, types)) = take_member(&mut map, "sensitivetypes") else {
        return Ok(());
    };
    step(normalizer, walk, PathSegment::Key(key), |normalizer, walk| {
        list(
            normalizer,
            walk,
            types,
            "a list of sensitive information types",
            |normalizer, walk, value, found| match value {
                Value::Null => Ok(()),
                Value::Object(_) => {
                    push(normalizer, walk, value, name.as_deref(), found);
                    Ok(())
                }
                other => Err(not_structure(normalizer, walk, &other, "a sensitive information type")),
            },
            found,
        )
    })
}

/// A list whose items `item` reads (a single item stands for a one-item list).
fn list(
    normalizer: &mut Normalizer,
    walk: &mut Walk,
    value: Value,
    expected: &str,
    mut item: impl FnMut(&mut Normalizer, &mut Walk, Value, &mut Vec<Found>) -> Result<(), Stop>,
    found: &mut Vec<Found>,
) -> Result<(), Stop> {
    match value {
        Value::Null => Ok(()),
        Value::Array(items) => {
            for (index, value) in items.into_iter().enumerate() {
                step(normalizer, walk, index.into(), |normalizer, walk| item(normalizer, walk, value, found))?;
            }
            Ok(())
        }
        Value::Object(_) => item(normalizer, walk, value, found),
        other => Err(not_structure(normalizer, walk, &other, expected)),
    }
}

/// Normalizes one type and records where it was read.
fn push(normalizer: &mut Normalizer, walk: &Walk, value: Value, group: Option<&str>, found: &mut Vec<Found>) {
    let (canonical, form) = match walk.origin {
        Origin::Content { .. } => {
            let form = if group.is_some() { "grouped" } else { "list" };
            (normalizer.object(value, &SENSITIVE_INFO_TYPE), form)
        }
        Origin::Advanced => (advanced_type(normalizer, walk, value), "advanced"),
    };
    let mut canonical = match canonical {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    canonical.insert("group".into(), group.map_or(Value::Null, |name| Value::String(name.to_owned())));
    canonical.insert("form".into(), Value::String(form.to_owned()));
    found.push(Found { value: Value::Object(canonical), pointer: normalizer.pointer().to_vec() });
}

/// Normalizes a type from the AdvancedRule document. Its problems are reported at the
/// AdvancedRule string, naming the place inside the document.
fn advanced_type(normalizer: &mut Normalizer, walk: &Walk, value: Value) -> Value {
    let mut inner = Normalizer::new();
    let canonical = inner.object_at(&walk.trail, value, &SENSITIVE_INFO_TYPE);
    for issue in inner.take_issues() {
        normalizer.issue(
            issue.code,
            format!("in the AdvancedRule document at {}: {}", pointer_of(&issue.pointer), issue.message),
            "in this AdvancedRule",
        );
    }
    canonical
}

/// Runs `read` one step further down: in the file for `ContentContainsSensitiveInformation`,
/// only in the trail for the AdvancedRule document (whose values all sit in one string).
fn step<T>(
    normalizer: &mut Normalizer,
    walk: &mut Walk,
    segment: PathSegment,
    read: impl FnOnce(&mut Normalizer, &mut Walk) -> T,
) -> T {
    walk.trail.push(segment.clone());
    let result = match walk.origin {
        Origin::Content { .. } => normalizer.at(segment, |normalizer| read(normalizer, walk)),
        Origin::Advanced => read(normalizer, walk),
    };
    walk.trail.pop();
    result
}

/// A value where a list, group or type belongs. In `ContentContainsSensitiveInformation`,
/// ConvertTo-Json's depth-limit text is truncation: a warning when the AdvancedRule document
/// can stand in, an issue otherwise.
fn not_structure(normalizer: &mut Normalizer, walk: &Walk, value: &Value, expected: &str) -> Stop {
    let text = value.as_str();
    match (walk.origin, text) {
        (Origin::Content { fallback: Some(count) }, Some(text)) if is_truncation_marker(text) => {
            normalizer.warn(
                IngestCode::TruncatedRecovered,
                format!(
                    "expected {expected}, found '{text}': ConvertTo-Json's depth limit turned this condition into text. m365lint read the rule's {count} sensitive information {} from its AdvancedRule, which holds the same condition in full",
                    if count == 1 { "type" } else { "types" }
                ),
                "truncated here, read from AdvancedRule",
            );
            Stop::Truncated
        }
        (Origin::Content { fallback: None }, Some(text)) if is_truncation_marker(text) => {
            normalizer.issue(
                IngestCode::TruncatedExport,
                format!(
                    "expected {expected}, found '{text}': the export was truncated by ConvertTo-Json's depth limit, and the rule has no AdvancedRule to read the condition from"
                ),
                "truncated here",
            );
            Stop::Invalid
        }
        (Origin::Content { .. }, _) => {
            normalizer.issue(
                IngestCode::UnexpectedType,
                format!("expected {expected}, found {}", describe(value)),
                "unexpected value",
            );
            Stop::Invalid
        }
        (Origin::Advanced, _) => {
            normalizer.issue(
                IngestCode::UnexpectedType,
                format!(
                    "in the AdvancedRule document at {}: expected {expected}, found {}",
                    pointer_of(&walk.trail),
                    describe(value)
                ),
                "in this AdvancedRule",
            );
            Stop::Invalid
        }
    }
}

/// A member in any casing (`groups`, `Groups`).
fn member<'m>(map: &'m Map<String, Value>, name: &str) -> Option<&'m Value> {
    map.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value)
}

/// Removes a member in any casing, with the key as the source spells it.
fn take_member(map: &mut Map<String, Value>, name: &str) -> Option<(String, Value)> {
    let key = map.keys().find(|key| key.eq_ignore_ascii_case(name))?.clone();
    map.remove(&key).map(|value| (key, value))
}
