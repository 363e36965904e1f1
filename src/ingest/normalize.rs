//! Reads a producer's object through a canonical [`ObjectSchema`]: keys matched
//! case-insensitively (camelCase, PascalCase, ScubaGear's UpperCamel), the Graph PowerShell
//! SDK's `AdditionalProperties` lifted into their object, noise dropped, values converted to
//! their canonical kind. Values that cannot be trusted become [`Issue`]s at their pointer.

use serde_json::{Map, Value};

use super::dates;
use super::problem::{IngestCode, Issue};
use super::schema::{EnumSchema, Kind, ObjectSchema, is_additional_properties};
use crate::model::PathSegment;

/// Normalizes values of one source file, tracking where in the file it is.
pub struct Normalizer {
    path: Vec<PathSegment>,
    issues: Vec<Issue>,
    warnings: Vec<Issue>,
}

impl Default for Normalizer {
    fn default() -> Self {
        Self::new()
    }
}

impl Normalizer {
    pub fn new() -> Self {
        Normalizer { path: Vec::new(), issues: Vec::new(), warnings: Vec::new() }
    }

    /// Normalizes the object found at `pointer` in the file.
    pub fn object_at(&mut self, pointer: &[PathSegment], value: Value, schema: &'static ObjectSchema) -> Value {
        self.path.clear();
        self.path.extend_from_slice(pointer);
        self.object(value, schema)
    }

    /// Normalizes the value found at `pointer` in the file as `kind` (tool wrappers map one
    /// source parameter at a time onto a canonical field).
    pub fn value_at(&mut self, pointer: &[PathSegment], value: Value, kind: &Kind) -> Value {
        self.path.clear();
        self.path.extend_from_slice(pointer);
        self.value(value, kind)
    }

    /// Issues found so far, leaving none behind.
    pub fn take_issues(&mut self) -> Vec<Issue> {
        std::mem::take(&mut self.issues)
    }

    /// Warnings found so far, leaving none behind.
    pub fn take_warnings(&mut self) -> Vec<Issue> {
        std::mem::take(&mut self.warnings)
    }

    /// Records a problem (the file will be rejected) at the current position.
    pub fn issue(&mut self, code: IngestCode, message: String, label: &str) {
        self.issues.push(Issue { code, pointer: self.path.clone(), message, label: Some(label.to_owned()) });
    }

    /// Records a warning (a tolerated quirk worth knowing about) at the current position.
    #[allow(dead_code)] // the area normalizers of issue 3 use it
    pub fn warn(&mut self, code: IngestCode, message: String, label: &str) {
        self.warnings.push(Issue { code, pointer: self.path.clone(), message, label: Some(label.to_owned()) });
    }

    /// Records a problem at an explicit source pointer (for what a wrapper reads itself).
    pub fn issue_at(&mut self, pointer: &[PathSegment], code: IngestCode, message: String, label: &str) {
        self.issues.push(Issue { code, pointer: pointer.to_vec(), message, label: Some(label.to_owned()) });
    }

    /// Records a warning at an explicit source pointer (for what a wrapper reads itself).
    pub fn warn_at(&mut self, pointer: &[PathSegment], code: IngestCode, message: String, label: &str) {
        self.warnings.push(Issue { code, pointer: pointer.to_vec(), message, label: Some(label.to_owned()) });
    }

    /// The source pointer of the value being read.
    #[allow(dead_code)] // the area normalizers of issue 3 use it
    pub fn pointer(&self) -> &[PathSegment] {
        &self.path
    }

    /// Runs `read` with the position at `pointer` (an absolute pointer in the file), then
    /// restores the current position.
    pub fn at_pointer<T>(&mut self, pointer: &[PathSegment], read: impl FnOnce(&mut Self) -> T) -> T {
        let saved = std::mem::replace(&mut self.path, pointer.to_vec());
        let result = read(self);
        self.path = saved;
        result
    }

    /// Runs `read` with the position moved to `segment` below the current one.
    #[allow(dead_code)] // the area normalizers of issue 3 use it
    pub fn at<T>(&mut self, segment: impl Into<PathSegment>, read: impl FnOnce(&mut Self) -> T) -> T {
        self.path.push(segment.into());
        let result = read(self);
        self.path.pop();
        result
    }

    pub fn object(&mut self, value: Value, schema: &'static ObjectSchema) -> Value {
        match value {
            Value::Object(map) => {
                let mut out = Map::new();
                self.fill(map, schema, &mut out);
                if schema.collapse_when_empty && out.values().all(is_empty) { Value::Null } else { Value::Object(out) }
            }
            Value::Null => Value::Null,
            Value::String(text) => {
                self.wrong_string(&text, "an object");
                Value::Null
            }
            other => {
                self.wrong_type(&other, "an object");
                Value::Null
            }
        }
    }

    fn fill(&mut self, map: Map<String, Value>, schema: &'static ObjectSchema, out: &mut Map<String, Value>) {
        for (key, value) in map {
            if is_additional_properties(&key) {
                if let Value::Object(inner) = value {
                    self.path.push(PathSegment::Key(key));
                    self.fill(inner, schema, out);
                    self.path.pop();
                }
                continue;
            }
            // Everything the schema does not declare is noise (annotations, PowerShell and
            // Exchange bookkeeping) and is dropped.
            let Some(field) = schema.field_for_key(&key) else {
                continue;
            };
            self.path.push(PathSegment::Key(key));
            let normalized = self.value(value, &field.kind);
            self.path.pop();
            // The same field can come twice (a model member and its AdditionalProperties
            // twin): a value wins over an empty one.
            if out.get(field.name).is_none_or(|existing| is_empty(existing) || !is_empty(&normalized)) {
                out.insert(field.name.to_owned(), normalized);
            }
        }
    }

    pub fn value(&mut self, value: Value, kind: &Kind) -> Value {
        match kind {
            Kind::String => self.string(value),
            Kind::Boolean => self.boolean(value),
            Kind::Integer => self.integer(value),
            Kind::DateTime => self.datetime(value),
            Kind::Enum(schema) => self.enumeration(value, schema),
            Kind::Flags(schema) => self.flags(value, schema),
            Kind::List(item) => self.list(value, item),
            Kind::Object(schema) => self.object(value, schema),
            Kind::Name => self.name(value),
            Kind::Json => value,
        }
    }

    fn string(&mut self, value: Value) -> Value {
        match value {
            Value::String(_) | Value::Null => value,
            Value::Number(n) => Value::String(n.to_string()),
            Value::Bool(b) => Value::String(b.to_string()),
            // Windows PowerShell writes a string that carries extra note properties as
            // {"value": "...", "PSComputerName": ...}.
            Value::Object(mut map) if note_string(&map).is_some() => {
                let key = note_string(&map).map(str::to_owned).unwrap_or_default();
                map.remove(&key).unwrap_or(Value::Null)
            }
            other => {
                self.wrong_type(&other, "a string");
                Value::Null
            }
        }
    }

    fn name(&mut self, value: Value) -> Value {
        match value {
            // A location object past the depth limit: `@{Name=All; DisplayName=All}`.
            Value::String(text) if is_truncation_marker(&text) => {
                self.wrong_string(&text, "a name");
                Value::Null
            }
            Value::String(_) | Value::Null => value,
            Value::Object(map) => {
                let name = ["Name", "DisplayName"].iter().find_map(|wanted| {
                    map.iter().find(|(key, _)| key.eq_ignore_ascii_case(wanted)).and_then(|(_, v)| v.as_str())
                });
                match name {
                    Some(name) => Value::String(name.to_owned()),
                    None => {
                        self.issue(
                            IngestCode::UnexpectedType,
                            "expected a name, found an object without `Name`".into(),
                            "no name",
                        );
                        Value::Null
                    }
                }
            }
            other => {
                self.wrong_type(&other, "a name");
                Value::Null
            }
        }
    }

    fn boolean(&mut self, value: Value) -> Value {
        match value {
            Value::Bool(_) | Value::Null => value,
            Value::String(text) if text.eq_ignore_ascii_case("true") => Value::Bool(true),
            Value::String(text) if text.eq_ignore_ascii_case("false") => Value::Bool(false),
            other => {
                self.wrong_type(&other, "true or false");
                Value::Null
            }
        }
    }

    fn integer(&mut self, value: Value) -> Value {
        match value {
            Value::Null => Value::Null,
            Value::Number(n) if n.is_i64() || n.is_u64() => Value::Number(n),
            Value::Number(n) if n.as_f64().is_some_and(|f| f.fract() == 0.0 && f.abs() < 9.0e15) => {
                Value::from(n.as_f64().unwrap_or_default() as i64)
            }
            Value::String(text) if text.trim().parse::<i64>().is_ok() => {
                Value::from(text.trim().parse::<i64>().unwrap_or_default())
            }
            other => {
                self.wrong_type(&other, "a whole number");
                Value::Null
            }
        }
    }

    /// Dates are metadata for the linter: parsed best-effort, kept as exported otherwise,
    /// never fatal.
    fn datetime(&mut self, value: Value) -> Value {
        match value {
            Value::String(text) => Value::String(dates::to_rfc3339(&text).unwrap_or(text)),
            // Windows PowerShell's `Get-Date` form: `{"value": "\/Date(ms)\/", "DisplayHint": 2,
            // "DateTime": "Tuesday, ..."}`. `value` is the instant; `DateTime` is local display
            // text, read only when there is no usable `value`.
            Value::Object(map) => {
                let text = ["value", "DateTime"].iter().find_map(|wanted| {
                    map.iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case(wanted))
                        .and_then(|(_, v)| v.as_str())
                        .and_then(dates::to_rfc3339)
                });
                text.map_or(Value::Null, Value::String)
            }
            _ => Value::Null,
        }
    }

    fn enumeration(&mut self, value: Value, schema: &'static EnumSchema) -> Value {
        match value {
            Value::Null => Value::Null,
            Value::String(text) => match schema.member(&text) {
                Some(member) => Value::String(member.to_owned()),
                None if schema.open => Value::String(text),
                None => {
                    self.issue(
                        IngestCode::UnknownEnumValue,
                        format!(
                            "'{text}' is not a {} value (expected one of: {})",
                            schema.name,
                            schema.members.join(", ")
                        ),
                        "unknown value",
                    );
                    Value::Null
                }
            },
            Value::Number(n) => match n.as_i64().and_then(|i| schema.member_for_integer(i)) {
                Some(member) => Value::String(member.to_owned()),
                None => {
                    self.issue(
                        IngestCode::EnumInteger,
                        format!("{n} is not a {} value m365lint can map (enum written as a number)", schema.name),
                        "enum as a number",
                    );
                    Value::Null
                }
            },
            other => {
                self.wrong_type(&other, "a string");
                Value::Null
            }
        }
    }

    fn flags(&mut self, value: Value, schema: &'static EnumSchema) -> Value {
        match value {
            Value::Null => Value::Array(Vec::new()),
            Value::String(text) => Value::Array(
                text.split(',')
                    .map(str::trim)
                    .filter(|part| !part.is_empty())
                    .filter_map(|part| match self.enumeration(Value::String(part.to_owned()), schema) {
                        Value::Null => None,
                        member => Some(member),
                    })
                    .collect(),
            ),
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.into_iter().enumerate() {
                    self.path.push(PathSegment::Index(i));
                    match self.flags(item, schema) {
                        Value::Array(members) => out.extend(members),
                        other => out.push(other),
                    }
                    self.path.pop();
                }
                Value::Array(out)
            }
            Value::Number(n) => {
                self.issue(
                    IngestCode::EnumInteger,
                    format!("{n} is a {} flags value written as a number; m365lint cannot map it", schema.name),
                    "flags as a number",
                );
                Value::Array(Vec::new())
            }
            other => {
                self.wrong_type(&other, "a comma-separated string or an array");
                Value::Array(Vec::new())
            }
        }
    }

    fn list(&mut self, value: Value, item: &'static Kind) -> Value {
        match value {
            Value::Null => Value::Array(Vec::new()),
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, value) in items.into_iter().enumerate() {
                    self.path.push(PathSegment::Index(i));
                    out.push(self.value(value, item));
                    self.path.pop();
                }
                Value::Array(out)
            }
            // ConvertTo-Json writes a one-element collection as the element itself.
            Value::Object(_) if matches!(item, Kind::Object(_)) => Value::Array(vec![self.value(value, item)]),
            Value::String(text) => {
                if matches!(item, Kind::Object(_)) && text.is_empty() {
                    // ConvertTo-Json writes an empty list past its depth limit as "".
                    self.issue(
                        IngestCode::TruncatedExport,
                        "expected a list of objects, found '': an empty list written as text by ConvertTo-Json's depth limit".into(),
                        "truncated here",
                    );
                    return Value::Array(Vec::new());
                }
                if matches!(item, Kind::Object(_)) {
                    self.wrong_string(&text, "a list of objects");
                    return Value::Array(Vec::new());
                }
                if is_space_joined_list(&text, item) {
                    self.issue(
                        IngestCode::TruncatedExport,
                        format!("'{text}' is a list written as one space-separated string: the export was truncated"),
                        "list flattened to text",
                    );
                    return Value::Array(Vec::new());
                }
                Value::Array(vec![self.value(Value::String(text), item)])
            }
            scalar @ (Value::Number(_) | Value::Bool(_)) => Value::Array(vec![self.value(scalar, item)]),
            other => {
                self.wrong_type(&other, "a list");
                Value::Array(Vec::new())
            }
        }
    }

    /// A string where structure belongs: either ConvertTo-Json's depth truncation (the most
    /// common cause, with its own advice) or a plain type mismatch.
    fn wrong_string(&mut self, text: &str, expected: &str) {
        if is_truncation_marker(text) {
            self.issue(
                IngestCode::TruncatedExport,
                format!(
                    "expected {expected}, found '{}': the export was truncated by ConvertTo-Json's depth limit",
                    shorten(text)
                ),
                "truncated here",
            );
        } else {
            self.issue(
                IngestCode::UnexpectedType,
                format!("expected {expected}, found the string '{}'", shorten(text)),
                "unexpected string",
            );
        }
    }

    fn wrong_type(&mut self, value: &Value, expected: &str) {
        self.issue(
            IngestCode::UnexpectedType,
            format!("expected {expected}, found {}", describe(value)),
            "unexpected type",
        );
    }
}

/// What ConvertTo-Json writes instead of an object or list once it passes `-Depth`.
pub fn is_truncation_marker(text: &str) -> bool {
    let text = text.trim();
    text.starts_with("System.")
        || text.contains("Dictionary`2")
        || (text.starts_with("@{") && text.ends_with('}'))
        || (text.starts_with("Microsoft.")
            && text.len() > "Microsoft.".len()
            && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'))
}

/// ConvertTo-Json joins an array with spaces at its depth limit (`"exchangeActiveSync other"`).
/// Only flagged when every word is a value the list can hold (enum members, or GUIDs), so a
/// display name with spaces is not mistaken for one.
fn is_space_joined_list(text: &str, item: &Kind) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 2 {
        return false;
    }
    match item {
        Kind::Enum(schema) => words.iter().all(|word| schema.member(word).is_some()),
        Kind::String => words.iter().all(|word| is_guid(word)),
        _ => false,
    }
}

pub fn is_guid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// A value that says "nothing": null, an empty list or an empty object.
pub fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty(),
        _ => false,
    }
}

fn note_string(map: &Map<String, Value>) -> Option<&str> {
    let (key, value) = map.iter().find(|(k, _)| k.eq_ignore_ascii_case("value"))?;
    value.is_string().then_some(key.as_str())
}

/// A value as a message names it ("the string '...'", "a list", ...).
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string '{}'", shorten(s)),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn shorten(text: &str) -> String {
    const MAX: usize = 80;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::ingest::schema::conditional_access::POLICY;

    fn normalize(value: Value) -> (Value, Vec<Issue>) {
        let mut n = Normalizer::new();
        let out = n.object_at(&[], value, &POLICY);
        (out, n.take_issues())
    }

    #[test]
    fn pascal_case_and_additional_properties_are_canonical() {
        let (out, issues) = normalize(json!({
            "DisplayName": "MFA", "State": "Enabled", "PSComputerName": "outlook.office365.com",
            "Conditions": {"Users": {"IncludeUsers": "All", "ExcludeGroups": null,
                                     "AdditionalProperties": {"excludeRoles": ["r1"]}},
                           "Platforms": {"IncludePlatforms": null, "ExcludePlatforms": null},
                           "ClientAppTypes": ["all"]},
            "GrantControls": {"Operator": "or", "BuiltInControls": [1], "AuthenticationStrength": {"Id": null}},
        }));
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(out["displayName"], "MFA");
        assert_eq!(out["state"], "enabled");
        assert!(out.get("PSComputerName").is_none());
        assert_eq!(out["conditions"]["users"]["includeUsers"], json!(["All"]));
        assert_eq!(out["conditions"]["users"]["excludeGroups"], json!([]));
        assert_eq!(out["conditions"]["users"]["excludeRoles"], json!(["r1"]));
        assert_eq!(out["conditions"]["platforms"], Value::Null);
        assert_eq!(out["grantControls"]["operator"], "OR");
        assert_eq!(out["grantControls"]["builtInControls"], json!(["mfa"]));
        assert_eq!(out["grantControls"]["authenticationStrength"], Value::Null);
    }

    #[test]
    fn flags_become_arrays_and_missing_stays_missing() {
        let (out, issues) = normalize(json!({
            "conditions": {"authenticationFlows": {"transferMethods": "deviceCodeFlow,authenticationTransfer"}}
        }));
        assert!(issues.is_empty());
        assert_eq!(
            out["conditions"]["authenticationFlows"]["transferMethods"],
            json!(["deviceCodeFlow", "authenticationTransfer"])
        );
        assert!(out.get("grantControls").is_none());
        assert!(out["conditions"].get("users").is_none());
    }

    #[test]
    fn truncated_values_are_issues_at_their_pointer() {
        let (_, issues) = normalize(json!({
            "Conditions": {"Users": "Microsoft.Graph.PowerShell.Models.MicrosoftGraphConditionalAccessUsers",
                           "ClientAppTypes": "exchangeActiveSync other"},
            "GrantControls": "@{BuiltInControls=System.Object[]; Operator=OR}"
        }));
        let found: Vec<(IngestCode, String)> =
            issues.iter().map(|i| (i.code, crate::model::pointer_of(&i.pointer))).collect();
        assert!(found.contains(&(IngestCode::TruncatedExport, "/Conditions/Users".into())), "{found:?}");
        assert!(found.contains(&(IngestCode::TruncatedExport, "/Conditions/ClientAppTypes".into())), "{found:?}");
        assert!(found.contains(&(IngestCode::TruncatedExport, "/GrantControls".into())), "{found:?}");
    }

    #[test]
    fn unknown_closed_enum_values_and_unmapped_integers_are_issues() {
        let (_, issues) = normalize(json!({"state": "on", "grantControls": {"operator": 3}}));
        let codes: Vec<IngestCode> = issues.iter().map(|i| i.code).collect();
        assert_eq!(codes, vec![IngestCode::EnumInteger, IngestCode::UnknownEnumValue]);
    }

    #[test]
    fn open_enums_keep_unknown_values() {
        let (out, issues) = normalize(json!({"grantControls": {"builtInControls": ["verifiedID", "MFA"]}}));
        assert!(issues.is_empty());
        assert_eq!(out["grantControls"]["builtInControls"], json!(["verifiedID", "mfa"]));
    }

    #[test]
    fn display_names_with_spaces_are_not_truncation() {
        let (out, issues) = normalize(json!({"conditions": {"users": {"excludeGroups": "Break Glass Accounts"}}}));
        assert!(issues.is_empty());
        assert_eq!(out["conditions"]["users"]["excludeGroups"], json!(["Break Glass Accounts"]));
    }
}
