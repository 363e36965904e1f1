//! Members of a Graph object as the producers write them: in any casing, and (Graph PowerShell
//! SDK) inside the object's `AdditionalProperties` bag, where the SDK puts `@odata.type` and
//! every member of a subtype.

use serde_json::{Map, Value};

use crate::ingest::normalize::Normalizer;
use crate::ingest::schema::is_additional_properties;
use crate::model::PathSegment;

/// A member found in an object: its path below the object, and its value.
pub struct Member<'a> {
    pub path: Vec<PathSegment>,
    pub value: &'a Value,
}

/// The member `name` (any casing), preferring a non-null value: a model member the SDK left
/// null may have its value in `AdditionalProperties`.
pub fn member<'a>(object: &'a Map<String, Value>, name: &str) -> Option<Member<'a>> {
    let direct = object
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(key, value)| Member { path: vec![PathSegment::Key(key.clone())], value });
    if direct.as_ref().is_some_and(|member| !member.value.is_null()) {
        return direct;
    }
    let bagged = object.iter().find_map(|(bag, content)| {
        let content = content.as_object().filter(|_| is_additional_properties(bag))?;
        content.iter().find(|(key, value)| key.eq_ignore_ascii_case(name) && !value.is_null()).map(|(key, value)| {
            Member { path: vec![PathSegment::Key(bag.clone()), PathSegment::Key(key.clone())], value }
        })
    });
    bagged.or(direct)
}

/// Whether the object carries a value (not null) for `name`.
pub fn has_value(object: &Map<String, Value>, name: &str) -> bool {
    member(object, name).is_some_and(|member| !member.value.is_null())
}

/// Runs `read` with the normalizer's position moved down `path` from where it is.
pub fn at_path<T>(normalizer: &mut Normalizer, path: &[PathSegment], read: impl FnOnce(&mut Normalizer) -> T) -> T {
    match path.split_first() {
        None => read(normalizer),
        Some((first, rest)) => normalizer.at(first.clone(), |normalizer| at_path(normalizer, rest, read)),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn object(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn finds_members_in_any_casing_and_in_the_sdk_bag() {
        let policy = object(json!({
            "DisplayName": "Win", "Assignments": null,
            "AdditionalProperties": {"@odata.type": "#microsoft.graph.windows10CompliancePolicy", "passwordRequired": true}
        }));
        let found = member(&policy, "displayName").map(|m| (m.path, m.value.clone()));
        assert_eq!(found, Some((vec!["DisplayName".into()], json!("Win"))));
        let found = member(&policy, "@odata.type").map(|m| m.path);
        assert_eq!(found, Some(vec!["AdditionalProperties".into(), "@odata.type".into()]));
        let found = member(&policy, "assignments").map(|m| (m.path, m.value.clone()));
        assert_eq!(found, Some((vec!["Assignments".into()], Value::Null)));
        assert!(!has_value(&policy, "assignments"));
        assert!(member(&policy, "scheduledActionsForRule").is_none());
    }
}
