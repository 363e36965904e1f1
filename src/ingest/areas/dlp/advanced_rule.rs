//! A DLP rule's `AdvancedRule`: its full condition as a JSON document held in a string
//! (`{"Version":"1.0","Condition":{"Operator":"And","SubConditions":[...]}}`). Current
//! exports hold valid JSON; ScubaGear 1.1 and earlier mangled it (see [`super::mangled`]).

use serde_json::Value;

use super::mangled;
use crate::ingest::normalize::Normalizer;
use crate::ingest::problem::IngestCode;
use crate::ingest::schema::dlp::ACCESS_SCOPE;

/// The parsed document, and whether it had to be repaired.
pub struct Parsed {
    pub document: Value,
    pub repaired: bool,
}

/// Parses the AdvancedRule text found at the normalizer's position. Text that is neither
/// JSON nor ScubaGear's mangled form is an issue there: what the rule detects is unknown.
pub fn parse(normalizer: &mut Normalizer, text: &str) -> Option<Parsed> {
    let error = match serde_json::from_str(text) {
        Ok(document) => return Some(Parsed { document, repaired: false }),
        Err(error) => error,
    };
    if mangled::looks_mangled(text) {
        return match mangled::repair(text) {
            Ok(document) => Some(Parsed { document, repaired: true }),
            Err(reason) => {
                normalizer.issue(
                    IngestCode::InvalidEmbeddedJson,
                    format!(
                        "AdvancedRule has the single quotes of ScubaGear 1.1's mangled export but cannot be read back ({reason}); m365lint cannot tell what this rule detects"
                    ),
                    "unreadable AdvancedRule",
                );
                None
            }
        };
    }
    normalizer.issue(
        IngestCode::InvalidEmbeddedJson,
        format!(
            "AdvancedRule is not valid JSON ({}, at line {} column {} of its text); m365lint cannot tell what this rule detects",
            strip_position(&error.to_string()),
            error.line(),
            error.column()
        ),
        "not JSON",
    );
    None
}

/// The `AccessScope` condition of an AdvancedRule document, as the canonical `accessScope`
/// member spells it, when it unambiguously applies to the whole rule: a sub-condition directly
/// under the top-level `And`, with one known value (a string, or a list of one), and no other
/// `AccessScope` sub-condition there that says otherwise. Under `Or` or `Not` it restricts only
/// part of the condition (or inverts it), so it is not lifted.
pub fn access_scope(document: &Value) -> Option<&'static str> {
    let condition = member(document, "Condition")?;
    let operator = member(condition, "Operator")?.as_str()?;
    if !operator.eq_ignore_ascii_case("And") {
        return None;
    }
    let mut scopes = member(condition, "SubConditions")?
        .as_array()?
        .iter()
        .filter(|sub| {
            member(sub, "ConditionName").and_then(Value::as_str).is_some_and(|n| n.eq_ignore_ascii_case("AccessScope"))
        })
        .map(|sub| member(sub, "Value").and_then(scope_value));
    let first = scopes.next()??;
    scopes.all(|other| other == Some(first)).then_some(first)
}

/// A known AccessScope value: a string, or a list holding one string.
fn scope_value(value: &Value) -> Option<&'static str> {
    let text = match value {
        Value::String(text) => text.as_str(),
        Value::Array(items) if items.len() == 1 => items[0].as_str()?,
        _ => return None,
    };
    ACCESS_SCOPE.members.iter().copied().find(|member| member.eq_ignore_ascii_case(text.trim()))
}

/// A member of an object in any casing (the document is PascalCase, but tools differ).
fn member<'a>(value: &'a Value, name: &str) -> Option<&'a Value> {
    value.as_object()?.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value)
}

/// What a repaired AdvancedRule recovered and what it could not, for the warning.
pub fn repaired_message(types: usize) -> String {
    let recovered = match types {
        0 => "its structure (it names no sensitive information type)".to_owned(),
        1 => "its structure and the 1 sensitive information type it names (name, id, counts, confidence)".to_owned(),
        n => format!("its structure and the {n} sensitive information types it names (names, ids, counts, confidence)"),
    };
    format!(
        "AdvancedRule is not JSON: ScubaGear 1.1 or earlier replaced its double quotes with single quotes and deleted its backslashes. m365lint repaired it and recovered {recovered}, and restored the characters PowerShell had escaped (' < > &). Not recoverable: double quotes and backslashes inside text values (e.g. regular expressions or keyword lists in other conditions), and line breaks inside text values, which read as `rn`"
    )
}

/// serde_json appends " at line L column C"; the message gives them separately.
fn strip_position(message: &str) -> &str {
    message.rfind(" at line ").map_or(message, |i| &message[..i])
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::access_scope;

    fn document(condition: serde_json::Value) -> serde_json::Value {
        json!({"Version": "1.0", "Condition": condition})
    }

    fn scope(value: serde_json::Value) -> serde_json::Value {
        json!({"ConditionName": "AccessScope", "Value": value})
    }

    fn content() -> serde_json::Value {
        json!({"ConditionName": "ContentContainsSensitiveInformation", "Value": [{"name": "Credit Card Number"}]})
    }

    #[test]
    fn a_scope_under_the_top_level_and_applies_to_the_rule() {
        let and = |sub: Vec<serde_json::Value>| document(json!({"Operator": "And", "SubConditions": sub}));
        assert_eq!(access_scope(&and(vec![content(), scope(json!("NotInOrganization"))])), Some("NotInOrganization"));
        assert_eq!(access_scope(&and(vec![scope(json!(["inorganization"])), content()])), Some("InOrganization"));
        assert_eq!(
            access_scope(&and(vec![scope(json!("NotInOrganization")), scope(json!(["NotInOrganization"]))])),
            Some("NotInOrganization")
        );
    }

    #[test]
    fn an_ambiguous_or_nested_scope_is_not_lifted() {
        let and = |sub: Vec<serde_json::Value>| document(json!({"Operator": "And", "SubConditions": sub}));
        let or = document(json!({"Operator": "Or", "SubConditions": [content(), scope(json!("NotInOrganization"))]}));
        let not = and(vec![content(), json!({"Operator": "Not", "SubConditions": [scope(json!("InOrganization"))]})]);
        let nested =
            and(vec![json!({"Operator": "Or", "SubConditions": [scope(json!("NotInOrganization")), content()]})]);
        for unlifted in [
            or,
            not,
            nested,
            and(vec![content()]),
            and(vec![scope(json!("InOrganization")), scope(json!("NotInOrganization"))]),
            and(vec![scope(json!(["InOrganization", "NotInOrganization"]))]),
            and(vec![scope(json!("Somewhere"))]),
            and(vec![scope(json!(null))]),
            json!({"Version": "1.0"}),
        ] {
            assert_eq!(access_scope(&unlifted), None, "{unlifted}");
        }
    }
}
