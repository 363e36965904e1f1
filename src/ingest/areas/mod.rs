//! One module per export area: how to recognize its objects and normalize them. `detect`
//! unwraps a file's envelope (Graph list, bare array, single object, tool wrappers) and asks
//! these modules what each object is.

pub mod conditional_access;
pub mod dlp;
pub mod encryption;
pub mod intune;

use serde_json::{Map, Value};

use super::collection::Collection;
use super::export::Item;
use super::normalize::Normalizer;
use crate::model::PathSegment;

/// The collection an exported object belongs to, judged by its keys (any casing).
pub fn recognize(object: &Map<String, Value>) -> Option<Collection> {
    conditional_access::recognize(object)
        .or_else(|| intune::recognize(object))
        .or_else(|| dlp::recognize(object))
        .or_else(|| encryption::recognize(object))
}

/// The collection a Graph `@odata.context` names (needed to recognize an empty list).
pub fn collection_for_context(context: &str) -> Option<Collection> {
    conditional_access::collection_for_context(context)
        .or_else(|| intune::collection_for_context(context))
        .or_else(|| dlp::collection_for_context(context))
        .or_else(|| encryption::collection_for_context(context))
}

/// Normalizes one exported object of `collection` found at `pointer`.
pub fn normalize(collection: Collection, normalizer: &mut Normalizer, pointer: Vec<PathSegment>, value: Value) -> Item {
    match collection.area() {
        crate::model::DataArea::ConditionalAccess => {
            conditional_access::normalize(collection, normalizer, pointer, value)
        }
        crate::model::DataArea::Intune => intune::normalize(collection, normalizer, pointer, value),
        crate::model::DataArea::Dlp => dlp::normalize(collection, normalizer, pointer, value),
        crate::model::DataArea::Encryption => encryption::normalize(collection, normalizer, pointer, value),
    }
}

/// Whether an object has a key, in any casing.
pub fn has_key(object: &Map<String, Value>, name: &str) -> bool {
    object.keys().any(|key| key.eq_ignore_ascii_case(name))
}

/// Reads an object through its collection's schema, with nothing area-specific.
pub fn normalize_plain(
    collection: Collection,
    normalizer: &mut Normalizer,
    pointer: Vec<PathSegment>,
    value: Value,
) -> Item {
    let value = normalizer.object_at(&pointer, value, collection.schema());
    Item::new(pointer, value)
}
