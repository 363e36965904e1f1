//! Message encryption: the IRM configuration (`Get-IRMConfiguration`), OME configurations
//! (`Get-OMEConfiguration`), mail flow rules (`Get-TransportRule`, the Exchange admin API) and
//! sensitivity labels (`Get-Label`, Graph `security/informationProtection/sensitivityLabels`).
//! Exchange and Security & Compliance objects are flat PascalCase objects with session noise;
//! what needs more than the schema (TimeSpans, derived state, JSON in strings) has a module.

mod label_actions;
mod labels;
mod ome;
mod timespan;
mod transport_rule;

use serde_json::{Map, Value};

use super::{has_key, normalize_plain};
use crate::ingest::collection::Collection;
use crate::ingest::export::Item;
use crate::ingest::normalize::Normalizer;
use crate::model::PathSegment;

/// Each object type by members no other export in our scope has.
pub fn recognize(object: &Map<String, Value>) -> Option<Collection> {
    if labels::is_label(object) {
        Some(Collection::SensitivityLabels)
    } else if has_key(object, "AzureRMSLicensingEnabled")
        && (has_key(object, "InternalLicensingEnabled") || has_key(object, "TransportDecryptionSetting"))
    {
        Some(Collection::IrmConfiguration)
    } else if has_key(object, "ExternalMailExpiryInterval")
        || (has_key(object, "OTPEnabled") && has_key(object, "SocialIdSignIn"))
    {
        Some(Collection::OmeConfigurations)
    } else if transport_rule::is_transport_rule(object) {
        Some(Collection::TransportRules)
    } else {
        None
    }
}

/// Only Graph names its lists; the Exchange admin API's context (`Collection(Exchange.GenericHashTable)`)
/// says nothing about the cmdlet.
pub fn collection_for_context(context: &str) -> Option<Collection> {
    context.contains("informationProtection/sensitivityLabels").then_some(Collection::SensitivityLabels)
}

pub fn normalize(collection: Collection, normalizer: &mut Normalizer, pointer: Vec<PathSegment>, value: Value) -> Item {
    match collection {
        Collection::OmeConfigurations => ome::normalize(normalizer, pointer, value),
        Collection::TransportRules => transport_rule::normalize(normalizer, pointer, value),
        Collection::SensitivityLabels => labels::normalize(normalizer, pointer, value),
        _ => normalize_plain(collection, normalizer, pointer, value),
    }
}

/// A member in any casing: its key as written, and its value.
fn member<'a>(object: &'a Map<String, Value>, name: &str) -> Option<(&'a String, &'a Value)> {
    object.iter().find(|(key, _)| key.eq_ignore_ascii_case(name))
}

/// A member as an owned (key, value) pair, taken before the object is handed to the normalizer.
fn take_member(object: &Map<String, Value>, name: &str) -> Option<(String, Value)> {
    member(object, name).map(|(key, value)| (key.clone(), value.clone()))
}

/// `pointer` extended by `rest`.
fn below(pointer: &[PathSegment], rest: &[PathSegment]) -> Vec<PathSegment> {
    let mut path = pointer.to_vec();
    path.extend_from_slice(rest);
    path
}
