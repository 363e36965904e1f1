//! Conditional Access policies (Microsoft Graph `conditionalAccessPolicy`, any producer).

use serde_json::{Map, Value};

use super::{has_key, normalize_plain};
use crate::ingest::collection::Collection;
use crate::ingest::export::Item;
use crate::ingest::normalize::Normalizer;
use crate::model::PathSegment;

/// A Conditional Access policy has conditions and a grant, session or state member.
pub fn recognize(object: &Map<String, Value>) -> Option<Collection> {
    let policy = has_key(object, "conditions")
        && (has_key(object, "grantControls") || has_key(object, "sessionControls") || has_key(object, "state"));
    policy.then_some(Collection::ConditionalAccessPolicies)
}

pub fn collection_for_context(context: &str) -> Option<Collection> {
    context.contains("conditionalAccess/policies").then_some(Collection::ConditionalAccessPolicies)
}

pub fn normalize(collection: Collection, normalizer: &mut Normalizer, pointer: Vec<PathSegment>, value: Value) -> Item {
    normalize_plain(collection, normalizer, pointer, value)
}
