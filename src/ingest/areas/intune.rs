//! Not recognized yet: the area's producers are being added.

use serde_json::{Map, Value};

use super::normalize_plain;
use crate::ingest::collection::Collection;
use crate::ingest::export::Item;
use crate::ingest::normalize::Normalizer;
use crate::model::PathSegment;

pub fn recognize(_object: &Map<String, Value>) -> Option<Collection> {
    None
}

pub fn collection_for_context(_context: &str) -> Option<Collection> {
    None
}

pub fn normalize(collection: Collection, normalizer: &mut Normalizer, pointer: Vec<PathSegment>, value: Value) -> Item {
    normalize_plain(collection, normalizer, pointer, value)
}
