//! OME configurations. How long encrypted mail to external recipients stays readable arrives
//! as the `ExternalMailExpiryInterval` TimeSpan (`Get-OMEConfiguration`) or as the
//! `ExternalMailExpiryInDays` parameter (configuration-as-code exports); both become
//! `externalMailExpiryInDays`, pointing at the value it was read from. `Image` (the logo as a
//! byte array) is not part of the canonical object.

use serde_json::Value;

use super::timespan::{self, TICKS_PER_DAY};
use super::{below, take_member};
use crate::ingest::export::Item;
use crate::ingest::normalize::Normalizer;
use crate::ingest::problem::IngestCode;
use crate::ingest::schema::Kind;
use crate::ingest::schema::encryption::OME;
use crate::model::PathSegment;

const FIELD: &str = "externalMailExpiryInDays";

pub fn normalize(normalizer: &mut Normalizer, pointer: Vec<PathSegment>, value: Value) -> Item {
    let (interval, parameter) = match &value {
        Value::Object(object) => {
            (take_member(object, "ExternalMailExpiryInterval"), take_member(object, "ExternalMailExpiryInDays"))
        }
        _ => (None, None),
    };
    let mut out = normalizer.object_at(&pointer, value, &OME);
    let from_interval = interval.and_then(|(key, value)| {
        normalizer.at(PathSegment::Key(key.clone()), |n| interval_days(n, &value)).map(|days| (days, key))
    });
    let from_parameter = parameter.and_then(|(key, value)| {
        normalizer
            .at(PathSegment::Key(key.clone()), |n| n.value(value, &Kind::Integer))
            .as_i64()
            .map(|days| (days, key))
    });
    let days = match (from_interval, from_parameter) {
        (Some((interval, key)), Some((parameter, parameter_key))) => {
            if interval != parameter {
                normalizer.at(PathSegment::Key(parameter_key), |n| {
                    n.issue(
                        IngestCode::UnexpectedType,
                        format!("{parameter} days disagrees with ExternalMailExpiryInterval ({interval} days)"),
                        "disagrees with the interval",
                    )
                });
            }
            Some((interval, key))
        }
        (interval, parameter) => interval.or(parameter),
    };
    let mut item = Item::new(pointer.clone(), Value::Null);
    if let Value::Object(configuration) = &mut out {
        configuration.insert(FIELD.to_owned(), days.as_ref().map_or(Value::Null, |(days, _)| Value::from(*days)));
    }
    if let Some((_, key)) = days {
        item.derived.push((vec![PathSegment::from(FIELD)], below(&pointer, &[PathSegment::Key(key)]), None));
    }
    item.value = out;
    item
}

/// Whole days of a TimeSpan (object or text); anything else is an issue at the value.
fn interval_days(normalizer: &mut Normalizer, value: &Value) -> Option<i64> {
    let ticks = match value {
        Value::Null => return None,
        Value::Object(parts) => timespan::from_object(parts),
        Value::String(text) => timespan::from_text(text),
        _ => None,
    };
    let Some(ticks) = ticks else {
        normalizer.issue(
            IngestCode::UnexpectedType,
            "expected a TimeSpan (an object with `Ticks`, or text like `30.00:00:00`)".to_owned(),
            "not a TimeSpan",
        );
        return None;
    };
    if ticks < 0 || ticks % TICKS_PER_DAY != 0 {
        normalizer.issue(
            IngestCode::UnexpectedType,
            format!(
                "expected a whole number of days (the setting is set in days), found {ticks} ticks ({:.2} days)",
                ticks as f64 / TICKS_PER_DAY as f64
            ),
            "not whole days",
        );
        return None;
    }
    Some(ticks / TICKS_PER_DAY)
}
