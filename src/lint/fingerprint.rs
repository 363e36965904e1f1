//! A finding's identity across runs, independent of line numbers and list order: the rule,
//! the canonical path with each list position replaced by what is there (an object's id or
//! name, a scalar's value), and the finding's details.

use serde_json::Value;

use crate::model::PathSegment;

/// `CA010:conditional_access/policies[id=5e8d…]/conditions/users/excludeGroups[=4f6e…]`, plus
/// `#<details JSON>` when the finding has details (several findings of one rule on one value
/// are told apart by them).
pub fn fingerprint(rule: &str, path: &[PathSegment], details: Option<&Value>, document: &Value) -> String {
    let mut out = format!("{rule}:");
    let mut node = Some(document);
    for (i, segment) in path.iter().enumerate() {
        match segment {
            PathSegment::Key(key) => {
                if i > 0 {
                    out.push('/');
                }
                out.push_str(key);
                node = node.and_then(|n| n.get(key));
            }
            PathSegment::Index(index) => {
                node = node.and_then(|n| n.get(index));
                out.push('[');
                out.push_str(&identity(node).unwrap_or_else(|| index.to_string()));
                out.push(']');
            }
        }
    }
    if let Some(details) = details.filter(|d| !d.is_null()) {
        out.push('#');
        out.push_str(&details.to_string());
    }
    out
}

/// What identifies a list item: an object's first identity field, or a scalar's value.
fn identity(node: Option<&Value>) -> Option<String> {
    match node? {
        Value::Object(object) => ["id", "guid", "name", "displayName", "identity"].iter().find_map(|key| {
            object.get(*key).and_then(Value::as_str).filter(|v| !v.is_empty()).map(|v| format!("{key}={v}"))
        }),
        Value::String(text) => Some(format!("={text}")),
        Value::Number(n) => Some(format!("={n}")),
        Value::Bool(b) => Some(format!("={b}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn list_positions_become_identities() {
        let document = json!({"conditional_access": {"policies": [
            {"id": "p0"},
            {"id": "p1", "conditions": {"users": {"excludeGroups": ["g0", "g1"]}}}
        ]}});
        let path: Vec<PathSegment> = vec![
            "conditional_access".into(),
            "policies".into(),
            1.into(),
            "conditions".into(),
            "users".into(),
            "excludeGroups".into(),
            1.into(),
        ];
        assert_eq!(
            fingerprint("CA010", &path, None, &document),
            "CA010:conditional_access/policies[id=p1]/conditions/users/excludeGroups[=g1]"
        );
        let details = json!({"platform": "ios"});
        assert_eq!(
            fingerprint("DEV001", &["intune".into(), "compliance_policies".into()], Some(&details), &document),
            "DEV001:intune/compliance_policies#{\"platform\":\"ios\"}"
        );
    }
}
