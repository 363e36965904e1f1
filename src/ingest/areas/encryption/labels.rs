//! Sensitivity labels. `Get-Label` says what a label does in `LabelActions` (JSON strings, see
//! `label_actions`) and holds its advanced settings in `Settings` (`"[key, value]"` strings);
//! Graph (`security/informationProtection/sensitivityLabels`) only says whether a label
//! protects content (`hasProtection`). Both become one canonical label whose
//! `encryptionEnabled` points at the source value that decided it.

use serde_json::{Map, Value};

use super::label_actions::{self, ActionError};
use super::{below, has_key, take_member};
use crate::ingest::export::Item;
use crate::ingest::normalize::Normalizer;
use crate::ingest::problem::IngestCode;
use crate::ingest::schema::Kind;
use crate::ingest::schema::encryption::LABEL;
use crate::model::PathSegment;

pub fn is_label(object: &Map<String, Value>) -> bool {
    has_key(object, "LabelActions") || has_key(object, "hasProtection")
}

pub fn normalize(normalizer: &mut Normalizer, pointer: Vec<PathSegment>, value: Value) -> Item {
    let raw = match &value {
        Value::Object(object) => Raw::of(object),
        _ => Raw::default(),
    };
    let mut out = normalizer.object_at(&pointer, value, &LABEL);
    let mut item = Item::new(pointer.clone(), Value::Null);
    if let Value::Object(label) = &mut out {
        let mut reader = Reader { normalizer, pointer: &pointer, item: &mut item, label };
        reader.actions_and_encryption(raw.actions, raw.has_protection);
        reader.settings(raw.settings);
        if raw.graph {
            reader.graph_members(raw.id, raw.is_active, raw.parent);
        }
    }
    item.value = out;
    item
}

/// The source members read beyond the schema, taken before normalizing.
#[derive(Default)]
struct Raw {
    actions: Option<(String, Value)>,
    settings: Option<(String, Value)>,
    has_protection: Option<(String, Value)>,
    /// Graph's shape (`hasProtection`), whose `id`, `isActive` and `parent` are mapped.
    graph: bool,
    id: Option<(String, Value)>,
    is_active: Option<(String, Value)>,
    parent: Option<(String, Value)>,
}

impl Raw {
    fn of(object: &Map<String, Value>) -> Self {
        Raw {
            actions: take_member(object, "LabelActions"),
            settings: take_member(object, "Settings"),
            has_protection: take_member(object, "hasProtection"),
            graph: has_key(object, "hasProtection"),
            id: take_member(object, "id"),
            is_active: take_member(object, "isActive"),
            parent: take_member(object, "parent"),
        }
    }
}

struct Reader<'a> {
    normalizer: &'a mut Normalizer,
    pointer: &'a [PathSegment],
    item: &'a mut Item,
    label: &'a mut Map<String, Value>,
}

/// Parsed label actions and where each came from.
struct Actions {
    values: Vec<Value>,
    sources: Vec<Vec<PathSegment>>,
    container: Vec<PathSegment>,
}

impl Actions {
    /// An enabled `encrypt` action makes the label encrypt; otherwise it does not, and the
    /// evidence is the (disabled or removing) `encrypt` action, or the whole list.
    fn encryption(&self) -> (bool, Vec<PathSegment>) {
        let encrypt: Vec<(usize, bool)> = self
            .values
            .iter()
            .enumerate()
            .filter_map(|(index, action)| label_actions::encrypts(action).map(|on| (index, on)))
            .collect();
        match (encrypt.iter().find(|(_, on)| *on), encrypt.first()) {
            (Some((index, _)), _) => (true, self.sources[*index].clone()),
            (None, Some((index, _))) => (false, self.sources[*index].clone()),
            (None, None) => (false, self.container.clone()),
        }
    }
}

impl Reader<'_> {
    fn derive(&mut self, relative: Vec<PathSegment>, source: Vec<PathSegment>) {
        self.item.derived.push((relative, source, None));
    }

    /// `labelActions` and `encryptionEnabled`: from `LabelActions` when the export carries
    /// them, else from Graph's `hasProtection`, else unknown (null). Without `LabelActions`
    /// the list is missing, never null: lists are never null in the canonical document.
    fn actions_and_encryption(&mut self, actions: Option<(String, Value)>, has_protection: Option<(String, Value)>) {
        let actions = actions.and_then(|(key, value)| self.read_actions(key, value));
        let encryption = match &actions {
            Some(actions) => Some(actions.encryption()),
            None => has_protection.and_then(|(key, value)| {
                let protects =
                    self.normalizer.at(PathSegment::Key(key.clone()), |n| n.value(value, &Kind::Boolean)).as_bool()?;
                Some((protects, below(self.pointer, &[PathSegment::Key(key)])))
            }),
        };
        if let Some(actions) = actions {
            self.label.insert("labelActions".to_owned(), Value::Array(actions.values));
            self.derive(vec!["labelActions".into()], actions.container);
            for (index, source) in actions.sources.into_iter().enumerate() {
                self.derive(vec!["labelActions".into(), index.into()], source);
            }
        }
        match encryption {
            Some((encrypts, source)) => {
                self.label.insert("encryptionEnabled".to_owned(), Value::Bool(encrypts));
                self.derive(vec!["encryptionEnabled".into()], source);
            }
            None => {
                self.label.insert("encryptionEnabled".to_owned(), Value::Null);
            }
        }
    }

    /// Each action string parsed; one that does not parse is an issue at the string.
    fn read_actions(&mut self, key: String, value: Value) -> Option<Actions> {
        let container = below(self.pointer, &[PathSegment::Key(key.clone())]);
        let strings: Vec<(Vec<PathSegment>, Value)> = match value {
            Value::Null => return None,
            Value::Array(items) => {
                items.into_iter().enumerate().map(|(index, item)| (vec![PathSegment::Index(index)], item)).collect()
            }
            // The Exchange admin API writes a one-item list as the item.
            text @ Value::String(_) => vec![(Vec::new(), text)],
            other => {
                self.normalizer.at(PathSegment::Key(key), |n| {
                    n.issue(
                        IngestCode::UnexpectedType,
                        format!("expected a list of label actions, found {}", describe(&other)),
                        "unexpected type",
                    )
                });
                return None;
            }
        };
        let mut actions = Actions { values: Vec::new(), sources: Vec::new(), container: container.clone() };
        for (relative, item) in strings {
            let parsed = self.normalizer.at(PathSegment::Key(key.clone()), |n| read_action(n, &relative, item));
            if let Some(action) = parsed {
                actions.values.push(action);
                actions.sources.push(below(&container, &relative));
            }
        }
        Some(actions)
    }

    /// `settings` from `Settings`: `"[color, #EAA300]"` → `{"color": "#EAA300"}`.
    fn settings(&mut self, settings: Option<(String, Value)>) {
        let Some((key, value)) = settings.filter(|(_, value)| !value.is_null()) else {
            self.label.insert("settings".to_owned(), Value::Null);
            return;
        };
        let container = below(self.pointer, &[PathSegment::Key(key.clone())]);
        let entries: Vec<(Vec<PathSegment>, Value)> = match value {
            Value::Array(items) => {
                items.into_iter().enumerate().map(|(index, item)| (vec![PathSegment::Index(index)], item)).collect()
            }
            text @ Value::String(_) => vec![(Vec::new(), text)],
            other => {
                self.normalizer.at(PathSegment::Key(key), |n| {
                    n.issue(
                        IngestCode::UnexpectedType,
                        format!("expected a list of `[key, value]` settings, found {}", describe(&other)),
                        "unexpected type",
                    )
                });
                self.label.insert("settings".to_owned(), Value::Null);
                return;
            }
        };
        let mut settings = Map::new();
        let mut sources = Vec::new();
        for (relative, entry) in entries {
            let pair = self.normalizer.at(PathSegment::Key(key.clone()), |n| read_setting(n, &relative, &entry));
            if let Some((name, setting)) = pair {
                settings.insert(name.clone(), Value::String(setting));
                sources.push((name, below(&container, &relative)));
            }
        }
        self.label.insert("settings".to_owned(), Value::Object(settings));
        self.derive(vec!["settings".into()], container);
        for (name, source) in sources {
            self.derive(vec!["settings".into(), PathSegment::Key(name)], source);
        }
    }

    /// Graph names the label GUID `id`, says `isActive` rather than `disabled`, and has the
    /// parent as an object (when expanded).
    fn graph_members(
        &mut self,
        id: Option<(String, Value)>,
        is_active: Option<(String, Value)>,
        parent: Option<(String, Value)>,
    ) {
        if let Some((key, Value::String(id))) = id
            && self.label.get("guid").is_none_or(Value::is_null)
        {
            self.label.insert("guid".to_owned(), Value::String(id));
            self.derive(vec!["guid".into()], below(self.pointer, &[PathSegment::Key(key)]));
        }
        if let Some((key, value)) = is_active
            && self.label.get("disabled").is_none_or(Value::is_null)
        {
            let active = self.normalizer.at(PathSegment::Key(key.clone()), |n| n.value(value, &Kind::Boolean));
            if let Some(active) = active.as_bool() {
                self.label.insert("disabled".to_owned(), Value::Bool(!active));
                self.derive(vec!["disabled".into()], below(self.pointer, &[PathSegment::Key(key)]));
            }
        }
        if let Some((key, Value::Object(parent))) = parent
            && self.label.get("parentId").is_none_or(Value::is_null)
            && let Some((id_key, Value::String(id))) = parent.iter().find(|(k, _)| k.eq_ignore_ascii_case("id"))
        {
            self.label.insert("parentId".to_owned(), Value::String(id.clone()));
            self.derive(
                vec!["parentId".into()],
                below(self.pointer, &[PathSegment::Key(key), PathSegment::Key(id_key.clone())]),
            );
        }
    }
}

/// One element of `LabelActions`, at `relative` below the list.
fn read_action(normalizer: &mut Normalizer, relative: &[PathSegment], item: Value) -> Option<Value> {
    let result = match &item {
        Value::String(text) => label_actions::parse(text),
        other => Err(ActionError::Shape(format!("expected a label action (JSON text), found {}", describe(other)))),
    };
    let within = |normalizer: &mut Normalizer, code: IngestCode, message: String, label: &str| match relative.first() {
        Some(segment) => normalizer.at(segment.clone(), |n| n.issue(code, message, label)),
        None => normalizer.issue(code, message, label),
    };
    match result {
        Ok(action) => Some(action),
        Err(ActionError::NotJson(error)) => {
            within(
                normalizer,
                IngestCode::InvalidEmbeddedJson,
                format!(
                    "this label action is not valid JSON ({error} of the string's text); Get-Label writes every action as a JSON document"
                ),
                "not JSON",
            );
            None
        }
        Err(ActionError::Shape(reason)) => {
            within(
                normalizer,
                IngestCode::UnexpectedType,
                format!("not a label action: {reason}"),
                "not a label action",
            );
            None
        }
    }
}

/// One element of `Settings`: `"[key, value]"`, split at the first `", "` (values contain
/// commas: `"[contenttype, File, Email]"`).
fn read_setting(normalizer: &mut Normalizer, relative: &[PathSegment], entry: &Value) -> Option<(String, String)> {
    let pair = entry.as_str().and_then(|text| {
        let inner = text.trim().strip_prefix('[')?.strip_suffix(']')?;
        let (name, value) = inner.split_once(", ")?;
        let name = name.trim();
        (!name.is_empty()).then(|| (name.to_ascii_lowercase(), value.to_owned()))
    });
    if pair.is_none() {
        let message = format!("expected a `[key, value]` setting, found {}", describe(entry));
        match relative.first() {
            Some(segment) => {
                normalizer.at(segment.clone(), |n| n.issue(IngestCode::UnexpectedType, message, "not a setting"))
            }
            None => normalizer.issue(IngestCode::UnexpectedType, message, "not a setting"),
        }
    }
    pair
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => format!("the number {number}"),
        Value::String(text) if text.chars().count() > 60 => {
            format!("'{}…'", text.chars().take(60).collect::<String>())
        }
        Value::String(text) => format!("'{text}'"),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}
