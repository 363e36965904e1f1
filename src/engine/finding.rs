//! Turns the value of a `deny` rule into typed findings, in this one place.

use serde::Deserialize;

use crate::model::{CanonicalPath, Severity};

/// A finding as a policy reports it (see the policy contract in the README).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyFinding {
    /// Path into the canonical document of the offending value, or of the collection that
    /// lacks something.
    pub path: CanonicalPath,
    pub message: String,
    /// Near misses and other evidence.
    #[serde(default)]
    pub related: Vec<PolicyEvidence>,
    #[serde(default)]
    pub details: Option<serde_json::Value>,
    /// Overrides the rule's severity for this finding (e.g. an info-level note).
    #[serde(default)]
    pub severity: Option<Severity>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyEvidence {
    pub path: CanonicalPath,
    pub message: String,
}

/// `deny` is a set of finding objects; undefined means no finding.
pub fn decode(value: &regorus::Value) -> Result<Vec<PolicyFinding>, String> {
    let items = match value {
        regorus::Value::Undefined => return Ok(Vec::new()),
        regorus::Value::Set(set) => set.iter().collect::<Vec<_>>(),
        other => {
            return Err(format!(
                "`deny` must be a set of findings (declare it as `deny contains finding if {{ ... }}`), got {}",
                kind(other)
            ));
        }
    };
    items
        .into_iter()
        .map(|item| {
            let json = serde_json::to_value(item).map_err(|e| format!("finding cannot be read: {e}"))?;
            serde_json::from_value::<PolicyFinding>(json.clone()).map_err(|e| {
                format!("malformed finding {json}: {e} (a finding is {{\"path\": [...], \"message\": \"...\"}}, optionally with related, details and severity)")
            })
        })
        .collect()
}

/// `not_assessed` is a set of strings: why the policy cannot judge the tenant.
pub fn decode_reasons(value: &regorus::Value) -> Result<Vec<String>, String> {
    match value {
        regorus::Value::Undefined => Ok(Vec::new()),
        regorus::Value::Set(set) => set
            .iter()
            .map(|item| match item {
                regorus::Value::String(reason) => Ok(reason.to_string()),
                other => Err(format!("`not_assessed` must be a set of strings, found {}", kind(other))),
            })
            .collect(),
        other => Err(format!(
            "`not_assessed` must be a set of strings (`not_assessed contains reason if {{ ... }}`), got {}",
            kind(other)
        )),
    }
}

fn kind(value: &regorus::Value) -> &'static str {
    match value {
        regorus::Value::Null => "null",
        regorus::Value::Bool(_) => "a boolean",
        regorus::Value::Number(_) => "a number",
        regorus::Value::String(_) => "a string",
        regorus::Value::Array(_) => "an array",
        regorus::Value::Set(_) => "a set",
        regorus::Value::Object(_) => "an object",
        regorus::Value::Undefined => "undefined",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(rego: &str) -> regorus::Value {
        let mut engine = regorus::Engine::new();
        engine.add_policy("t.rego".into(), rego.into()).unwrap();
        engine.set_input(regorus::Value::new_object());
        engine.eval_rule("data.t.deny".into()).unwrap()
    }

    #[test]
    fn decodes_full_findings() {
        let value = eval(
            r#"package t
deny contains {"path": ["a", 1], "message": "m", "related": [{"path": ["b"], "message": "r"}], "details": {"x": 1}, "severity": "info"}"#,
        );
        let findings = decode(&value).unwrap();
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].path.to_pointer(), "/a/1");
        assert_eq!(findings[0].related[0].message, "r");
        assert_eq!(findings[0].severity, Some(Severity::Info));
    }

    #[test]
    fn no_match_is_no_finding() {
        let value = eval("package t\ndeny contains {\"path\": [], \"message\": \"m\"} if { false }");
        assert_eq!(decode(&value).unwrap(), Vec::new());
    }

    #[test]
    fn malformed_findings_are_errors() {
        let value = eval("package t\ndeny contains {\"msg\": \"typo\"}");
        let error = decode(&value).unwrap_err();
        assert!(error.contains("malformed finding"), "{error}");
        let value = eval("package t\ndeny := true");
        assert!(decode(&value).unwrap_err().contains("must be a set"));
    }
}
