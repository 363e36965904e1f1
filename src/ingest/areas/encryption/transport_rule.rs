//! Mail flow rules, from `Get-TransportRule` (PascalCase, ~200 properties) or the Exchange
//! admin API (the same records with `Priority@data.type`-style annotations, and multi-valued
//! properties as a list or a bare string, which the schema reads either way). Whether a rule
//! is on is `State` (`Enabled`/`Disabled`) in cmdlet output and a boolean `Enabled` in
//! configuration-as-code exports; both become `state`.

use serde_json::{Map, Value};

use super::{below, has_key, take_member};
use crate::ingest::export::Item;
use crate::ingest::normalize::Normalizer;
use crate::ingest::schema::Kind;
use crate::ingest::schema::encryption::{RULE_STATE, TRANSPORT_RULE};
use crate::model::PathSegment;

/// Members only mail flow rules have (DLP rules encrypt through `EncryptRMSTemplate`).
pub fn is_transport_rule(object: &Map<String, Value>) -> bool {
    ["ApplyRightsProtectionTemplate", "ApplyOME", "RemoveOMEv2", "RemoveOME"].iter().any(|key| has_key(object, key))
        || (has_key(object, "SenderAddressLocation") && has_key(object, "RuleErrorAction"))
}

pub fn normalize(normalizer: &mut Normalizer, pointer: Vec<PathSegment>, value: Value) -> Item {
    let (state, enabled) = match &value {
        Value::Object(object) => (
            take_member(object, "State").filter(|(_, value)| !value.is_null()),
            take_member(object, "Enabled").filter(|(_, value)| !value.is_null()),
        ),
        _ => (None, None),
    };
    let mut out = normalizer.object_at(&pointer, value, &TRANSPORT_RULE);
    let derived = match (state, enabled) {
        (Some((key, value)), _) => {
            let state = normalizer.at(PathSegment::Key(key.clone()), |n| n.value(value, &Kind::Enum(&RULE_STATE)));
            Some((state, key))
        }
        (None, Some((key, value))) => {
            let state = match normalizer.at(PathSegment::Key(key.clone()), |n| n.value(value, &Kind::Boolean)) {
                Value::Bool(true) => Value::from("Enabled"),
                Value::Bool(false) => Value::from("Disabled"),
                _ => Value::Null,
            };
            Some((state, key))
        }
        (None, None) => None,
    };
    let mut item = Item::new(pointer.clone(), Value::Null);
    if let Value::Object(rule) = &mut out {
        rule.insert("state".to_owned(), derived.as_ref().map_or(Value::Null, |(state, _)| state.clone()));
    }
    if let Some((state, key)) = derived
        && !state.is_null()
    {
        item.derived.push((vec![PathSegment::from("state")], below(&pointer, &[PathSegment::Key(key)]), None));
    }
    item.value = out;
    item
}
