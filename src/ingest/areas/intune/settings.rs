//! The tenant's compliance settings, as `GET /beta/deviceManagement?$select=settings` returns
//! them (`{"@odata.context": "...#deviceManagement(settings)", "settings": {...}}`), or as the
//! settings object itself (`GET /beta/deviceManagement/settings`, IntuneCD's `settings.json`).

use serde_json::{Map, Value};

use crate::ingest::areas::has_key;
use crate::ingest::export::Item;
use crate::ingest::normalize::Normalizer;
use crate::ingest::schema::intune::SETTINGS;
use crate::model::PathSegment;

/// Members only `deviceManagementSettings` has.
const MARKERS: [&str; 3] = ["secureByDefault", "deviceComplianceCheckinThresholdDays", "isScheduledActionEnabled"];

pub fn is_settings(object: &Map<String, Value>) -> bool {
    wrapped(object).is_some() || is_bare(object)
}

fn is_bare(object: &Map<String, Value>) -> bool {
    MARKERS.iter().any(|marker| has_key(object, marker))
}

/// The key of the settings inside a `deviceManagement` response that selected them: nothing
/// else is there but annotations (and the singleton's `id`).
fn wrapped(object: &Map<String, Value>) -> Option<&String> {
    let (key, settings) = object.iter().find(|(key, _)| key.eq_ignore_ascii_case("settings"))?;
    let only_settings =
        object.keys().all(|other| other == key || other.starts_with('@') || other.eq_ignore_ascii_case("id"));
    (only_settings && settings.as_object().is_some_and(is_bare)).then_some(key)
}

pub fn normalize(normalizer: &mut Normalizer, mut pointer: Vec<PathSegment>, value: Value) -> Item {
    let value = match value {
        Value::Object(mut object) => match wrapped(&object).cloned() {
            Some(key) => {
                let settings = object.remove(&key).unwrap_or(Value::Null);
                pointer.push(PathSegment::Key(key));
                settings
            }
            None => Value::Object(object),
        },
        other => other,
    };
    let value = normalizer.object_at(&pointer, value, &SETTINGS);
    Item::new(pointer, value)
}
