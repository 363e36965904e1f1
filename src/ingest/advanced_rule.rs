//! The sensitive information types a DLP rule's `AdvancedRule` detects. `AdvancedRule` is a
//! JSON document (as text) every producer copies from `Get-DlpComplianceRule`:
//!
//! ```json
//! {"Version": "1.0", "Condition": {"Operator": "And", "SubConditions": [
//!   {"ConditionName": "ContentContainsSensitiveInformation", "Value": [
//!     {"Groups": [{"Name": "Default", "Operator": "Or",
//!                  "Sensitivetypes": [{"Name": "Credit Card Number", "Mincount": 1}]}],
//!      "Operator": "And"}]},
//!   {"Operator": "Not", "SubConditions": [...]}]}}
//! ```
//!
//! Conditions nest through `SubConditions`; a `Not` operator holds exceptions, whose types the
//! rule does not detect. Key casing varies between documents, so keys match in any casing.

use serde_json::{Map, Value};

/// One sensitive information type of the document, as written there.
#[derive(Debug, Clone, PartialEq)]
pub struct AdvancedType {
    /// The group it is in (`Groups[].Name`), when it is in one.
    pub group: Option<String>,
    /// The type's object (`Name`, `Id`, `Mincount`, `Maxcount`, `Confidencelevel` ...).
    pub value: Map<String, Value>,
}

/// Every type the document's conditions (not its exceptions) detect, in document order.
pub fn sensitive_types(document: &Value) -> Vec<AdvancedType> {
    let mut found = Vec::new();
    if let Some(condition) = member(document, "Condition") {
        walk(condition, &mut found);
    }
    found
}

fn walk(condition: &Value, found: &mut Vec<AdvancedType>) {
    if member(condition, "Operator").and_then(Value::as_str).is_some_and(|op| op.eq_ignore_ascii_case("Not")) {
        return;
    }
    let detects = member(condition, "ConditionName")
        .and_then(Value::as_str)
        .is_some_and(|name| name.eq_ignore_ascii_case("ContentContainsSensitiveInformation"));
    if detects {
        for value in items(member(condition, "Value")) {
            types_of(value, None, found);
            for group in items(member(value, "Groups")) {
                let name = member(group, "Name").and_then(Value::as_str).map(str::to_owned);
                types_of(group, name, found);
            }
        }
    }
    for sub in items(member(condition, "SubConditions")) {
        walk(sub, found);
    }
}

fn types_of(container: &Value, group: Option<String>, found: &mut Vec<AdvancedType>) {
    for sensitive_type in items(member(container, "Sensitivetypes")) {
        if let Value::Object(value) = sensitive_type {
            found.push(AdvancedType { group: group.clone(), value: value.clone() });
        }
    }
}

/// A member of an object, in any casing.
fn member<'v>(value: &'v Value, name: &str) -> Option<&'v Value> {
    value.as_object()?.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value)
}

/// The items of a list; a single value stands for a one-item list.
fn items(value: Option<&Value>) -> Vec<&Value> {
    match value {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(single) => vec![single],
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_grouped_types_and_skips_exceptions() {
        let document = json!({
            "Version": "1.0",
            "Condition": {"Operator": "And", "SubConditions": [
                {"ConditionName": "ContentContainsSensitiveInformation", "Value": [{
                    "Groups": [
                        {"Name": "Finanzdaten", "Operator": "Or", "Sensitivetypes": [
                            {"Name": "Credit Card Number", "Id": "50842eb7-edc8-4019-85dd-5a5c1f2bb085", "Mincount": 1},
                            {"Name": "IBAN", "Mincount": 5}
                        ]},
                        {"name": "US PII", "operator": "Or", "sensitivetypes": {"name": "U.S. Social Security Number (SSN)"}}
                    ],
                    "Operator": "And"
                }]},
                {"Operator": "Not", "SubConditions": [
                    {"ConditionName": "ContentContainsSensitiveInformation", "Value": [{"Groups": [
                        {"Name": "Ausnahme", "Sensitivetypes": [{"Name": "EU Debit Card Number"}]}
                    ]}]}
                ]},
                {"Operator": "Or", "SubConditions": [
                    {"ConditionName": "ContentContainsSensitiveInformation",
                     "Value": [{"Sensitivetypes": [{"Name": "ABA Routing Number"}]}]}
                ]}
            ]}
        });
        let found: Vec<(Option<String>, Value)> =
            sensitive_types(&document).into_iter().map(|found| (found.group, Value::Object(found.value))).collect();
        assert_eq!(
            found,
            vec![
                (
                    Some("Finanzdaten".into()),
                    json!({"Name": "Credit Card Number", "Id": "50842eb7-edc8-4019-85dd-5a5c1f2bb085", "Mincount": 1})
                ),
                (Some("Finanzdaten".into()), json!({"Name": "IBAN", "Mincount": 5})),
                (Some("US PII".into()), json!({"name": "U.S. Social Security Number (SSN)"})),
                (None, json!({"Name": "ABA Routing Number"})),
            ]
        );
    }

    #[test]
    fn documents_without_conditions_detect_nothing() {
        assert!(sensitive_types(&json!({"Version": "1.0"})).is_empty());
        assert!(sensitive_types(&json!("not a document")).is_empty());
        let other = json!({"Condition": {"ConditionName": "SubjectContainsWords", "Value": ["Vertraulich"]}});
        assert!(sensitive_types(&other).is_empty());
    }
}
