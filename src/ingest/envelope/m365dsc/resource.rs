//! One resource of a Microsoft365DSC report, read parameter by parameter into a canonical
//! object. Every value is normalized at its own source pointer (so a rejected value is located
//! exactly) and every canonical value records the parameter it came from (so a finding on it
//! points at that parameter).

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::ingest::export::Item;
use crate::ingest::normalize::{Normalizer, is_empty};
use crate::ingest::problem::{IngestCode, Issue};
use crate::ingest::schema::{Kind, ObjectSchema};
use crate::model::PathSegment;

/// Issues (the file is rejected) and warnings found while reading a report.
#[derive(Debug, Default)]
pub struct Sink {
    pub issues: Vec<Issue>,
    pub warnings: Vec<Issue>,
}

/// A canonical path relative to the object, the source pointer it came from, and how to walk
/// the source below it.
type Derived = (Vec<PathSegment>, Vec<PathSegment>, Option<Kind>);

/// A resource being mapped: the parameters not mapped yet, and the canonical object so far.
pub struct Resource<'r> {
    pointer: Vec<PathSegment>,
    params: Map<String, Value>,
    normalizer: &'r mut Normalizer,
    sink: &'r mut Sink,
    canonical: Map<String, Value>,
    derived: Vec<Derived>,
    recorded: BTreeSet<Vec<PathSegment>>,
}

impl<'r> Resource<'r> {
    pub fn new(
        pointer: Vec<PathSegment>,
        params: Map<String, Value>,
        normalizer: &'r mut Normalizer,
        sink: &'r mut Sink,
    ) -> Self {
        Resource {
            pointer,
            params,
            normalizer,
            sink,
            canonical: Map::new(),
            derived: Vec::new(),
            recorded: BTreeSet::new(),
        }
    }

    /// Pointer to the resource in the file.
    pub fn pointer(&self) -> &[PathSegment] {
        &self.pointer
    }

    /// A parameter's value without taking it (any casing).
    pub fn peek(&self, name: &str) -> Option<&Value> {
        self.params.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value)
    }

    /// Takes a parameter out (any casing): its source pointer and its value as exported.
    pub fn take(&mut self, name: &str) -> Option<(Vec<PathSegment>, Value)> {
        let key = self.params.keys().find(|key| key.eq_ignore_ascii_case(name))?.clone();
        let value = self.params.remove(&key)?;
        let mut pointer = self.pointer.clone();
        pointer.push(PathSegment::Key(key));
        Some((pointer, value))
    }

    /// Takes a parameter and normalizes it as `kind`, undoing Microsoft365DSC's artefacts
    /// first (see [`undo_artefacts`]). Returns the pointer of the value read and the value.
    pub fn read(&mut self, name: &str, kind: &Kind) -> Option<(Vec<PathSegment>, Value)> {
        let (pointer, value) = self.take(name)?;
        let (pointer, value) = undo_artefacts(pointer, value, kind);
        let value = self.normalizer.value_at(&pointer, value, kind);
        Some((pointer, value))
    }

    /// Normalizes a value found at `pointer` (e.g. inside a CIM instance) as `kind`.
    /// Runs `read` with the normalizer at `pointer` in the file (issues are reported there).
    pub fn with_normalizer_at<T>(&mut self, pointer: &[PathSegment], read: impl FnOnce(&mut Normalizer) -> T) -> T {
        self.normalizer.at_pointer(pointer, read)
    }

    pub fn normalize(&mut self, pointer: &[PathSegment], value: Value, kind: &Kind) -> Value {
        self.normalizer.value_at(pointer, value, kind)
    }

    /// Maps every remaining parameter that names a field of `schema` (Microsoft365DSC spells
    /// most parameters as the PascalCase of the canonical name) onto that field.
    pub fn map_fields(&mut self, schema: &'static ObjectSchema) {
        let names: Vec<String> = self.params.keys().cloned().collect();
        for name in names {
            let Some(field) = schema.field_for_key(&name) else { continue };
            if let Some((pointer, value)) = self.read(&name, &field.kind) {
                self.put(&[field.name], value, pointer, Some(field.kind));
            }
        }
    }

    /// Sets canonical `path` to `value`, read from `source`. Objects on the way that have no
    /// source of their own yet are attributed to `source` too: the first parameter mapped into
    /// an object (mapping tables list the principal one first) stands for the whole object.
    pub fn put(&mut self, path: &[&str], value: Value, source: Vec<PathSegment>, kind: Option<Kind>) {
        let Some((last, parents)) = path.split_last() else { return };
        let mut object = &mut self.canonical;
        for parent in parents {
            let entry = object.entry((*parent).to_owned()).or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(Map::new());
            }
            let Value::Object(inner) = entry else { return };
            object = inner;
        }
        object.insert((*last).to_owned(), value);
        for len in 1..path.len() {
            let prefix = segments(&path[..len]);
            if !self.recorded.contains(&prefix) {
                self.record(prefix, source.clone(), None);
            }
        }
        self.record(segments(path), source, kind);
    }

    /// Records where a canonical value (relative to the object) came from.
    pub fn record(&mut self, path: Vec<PathSegment>, source: Vec<PathSegment>, kind: Option<Kind>) {
        self.recorded.insert(path.clone());
        self.derived.push((path, source, kind));
    }

    /// The names of the parameters not mapped (yet), sorted.
    pub fn remaining(&self) -> Vec<String> {
        self.params.keys().cloned().collect()
    }

    /// Rejects the file at `pointer`.
    pub fn issue(&mut self, pointer: Vec<PathSegment>, code: IngestCode, message: String, label: &str) {
        self.sink.issues.push(Issue { code, pointer, message, label: Some(label.to_owned()) });
    }

    /// Warns at `pointer`.
    pub fn warn(&mut self, pointer: Vec<PathSegment>, code: IngestCode, message: String, label: &str) {
        self.sink.warnings.push(Issue { code, pointer, message, label: Some(label.to_owned()) });
    }

    /// The canonical object: optional objects that hold nothing become `null`, as the
    /// normalizer does for other producers (`schema` says which).
    pub fn finish(self, schema: &'static ObjectSchema) -> Item {
        let mut value = self.canonical;
        collapse(&mut value, schema);
        Item { pointer: self.pointer, value: Value::Object(value), derived: self.derived }
    }
}

/// Microsoft365DSC's own spellings of "not set", undone before a value is normalized:
/// - an empty string is `null` (DSC writes an unset string parameter, e.g. `[String]$null`,
///   as `""`);
/// - a one-element array where the canonical value is a single value is that value (resource
///   versions differ on whether a parameter is `String` or `String[]`, e.g. the DLP rule's
///   `AccessScope`); the pointer then leads to the element.
pub fn undo_artefacts(mut pointer: Vec<PathSegment>, value: Value, kind: &Kind) -> (Vec<PathSegment>, Value) {
    let scalar =
        matches!(kind, Kind::String | Kind::Boolean | Kind::Integer | Kind::DateTime | Kind::Enum(_) | Kind::Name);
    let value = match value {
        Value::Array(mut items) if scalar && items.len() == 1 => {
            pointer.push(PathSegment::Index(0));
            items.pop().unwrap_or(Value::Null)
        }
        other => other,
    };
    match value {
        Value::String(text) if text.is_empty() => (pointer, Value::Null),
        other => (pointer, other),
    }
}

/// The kind `schema` declares at `path` (through nested objects).
pub fn kind_at(schema: &'static ObjectSchema, path: &[&str]) -> Option<Kind> {
    let (last, parents) = path.split_last()?;
    let mut schema = schema;
    for parent in parents {
        schema = match schema.field(parent)?.kind {
            Kind::Object(inner) => inner,
            _ => return None,
        };
    }
    Some(schema.field(last)?.kind)
}

fn segments(path: &[&str]) -> Vec<PathSegment> {
    path.iter().map(|segment| PathSegment::from(*segment)).collect()
}

/// Turns objects built from flattened parameters into `null` where the schema says an empty
/// object means "not set" (e.g. a device filter whose mode and rule are both unset).
fn collapse(object: &mut Map<String, Value>, schema: &'static ObjectSchema) {
    for (key, value) in object.iter_mut() {
        let Some(Kind::Object(inner)) = schema.field(key).map(|field| field.kind) else { continue };
        let Value::Object(map) = value else { continue };
        collapse(map, inner);
        if inner.collapse_when_empty && map.values().all(is_empty) {
            *value = Value::Null;
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::ingest::schema::conditional_access::POLICY;

    #[test]
    fn artefacts_are_undone_before_normalizing() {
        let at = vec![PathSegment::from(0), PathSegment::from("AccessScope")];
        let (pointer, value) = undo_artefacts(at.clone(), json!(["NotInOrganization"]), &Kind::String);
        assert_eq!((pointer, value), ([at.clone(), vec![PathSegment::Index(0)]].concat(), json!("NotInOrganization")));
        assert_eq!(undo_artefacts(at.clone(), json!(""), &Kind::String), (at.clone(), Value::Null));
        let list = Kind::List(&Kind::String);
        assert_eq!(undo_artefacts(at.clone(), json!(["a"]), &list), (at.clone(), json!(["a"])));
        assert_eq!(undo_artefacts(at.clone(), json!(["a", "b"]), &Kind::String), (at, json!(["a", "b"])));
    }

    #[test]
    fn kinds_are_found_through_nested_objects() {
        assert!(matches!(kind_at(&POLICY, &["conditions", "users", "excludeGroups"]), Some(Kind::List(_))));
        assert!(matches!(kind_at(&POLICY, &["state"]), Some(Kind::Enum(_))));
        assert!(kind_at(&POLICY, &["conditions", "nope"]).is_none());
        assert!(kind_at(&POLICY, &["state", "nested"]).is_none());
    }

    #[test]
    fn empty_optional_objects_collapse_and_values_stay() {
        let mut normalizer = Normalizer::new();
        let mut sink = Sink::default();
        let params = json!({"DeviceFilterMode": "", "DeviceFilterRule": "", "State": "enabled"});
        let Value::Object(params) = params else { unreachable!() };
        let mut resource = Resource::new(vec![PathSegment::Index(3)], params, &mut normalizer, &mut sink);
        for (param, path) in [
            ("DeviceFilterRule", &["conditions", "devices", "deviceFilter", "rule"][..]),
            ("DeviceFilterMode", &["conditions", "devices", "deviceFilter", "mode"]),
            ("State", &["state"]),
        ] {
            let kind = kind_at(&POLICY, path);
            let (pointer, value) = resource.read(param, &kind.unwrap()).unwrap();
            resource.put(path, value, pointer, kind);
        }
        let item = resource.finish(&POLICY);
        assert_eq!(item.value, json!({"conditions": {"devices": null}, "state": "enabled"}));
        let sources: Vec<(String, String)> = item
            .derived
            .iter()
            .map(|(path, source, _)| (crate::model::pointer_of(path), crate::model::pointer_of(source)))
            .collect();
        assert_eq!(
            sources,
            vec![
                ("/conditions".into(), "/3/DeviceFilterRule".into()),
                ("/conditions/devices".into(), "/3/DeviceFilterRule".into()),
                ("/conditions/devices/deviceFilter".into(), "/3/DeviceFilterRule".into()),
                ("/conditions/devices/deviceFilter/rule".into(), "/3/DeviceFilterRule".into()),
                ("/conditions/devices/deviceFilter/mode".into(), "/3/DeviceFilterMode".into()),
                ("/state".into(), "/3/State".into()),
            ]
        );
        assert!(sink.issues.is_empty() && sink.warnings.is_empty());
    }
}
