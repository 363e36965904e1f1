//! Conditional Access policies (Microsoft Graph `conditionalAccessPolicy`, any producer).

use serde_json::{Map, Value};

use super::{has_key, normalize_plain};
use crate::ingest::collection::Collection;
use crate::ingest::export::Item;
use crate::ingest::normalize::Normalizer;
use crate::model::PathSegment;

/// A Conditional Access policy has conditions and a grant, session or state member. Its
/// conditions are an object (or, in a depth-truncated SDK export, the model's type name);
/// Exchange mail flow rules have `Conditions` and `State` too, but as a list of predicate
/// class names (or one name, or null).
pub fn recognize(object: &Map<String, Value>) -> Option<Collection> {
    let conditions = object.iter().any(|(key, value)| {
        key.eq_ignore_ascii_case("conditions")
            && (value.is_object() || value.as_str().is_some_and(|text| text.contains("ConditionalAccess")))
    });
    let policy = conditions
        && (has_key(object, "grantControls") || has_key(object, "sessionControls") || has_key(object, "state"));
    policy.then_some(Collection::ConditionalAccessPolicies)
}

pub fn collection_for_context(context: &str) -> Option<Collection> {
    context.contains("conditionalAccess/policies").then_some(Collection::ConditionalAccessPolicies)
}

pub fn normalize(collection: Collection, normalizer: &mut Normalizer, pointer: Vec<PathSegment>, value: Value) -> Item {
    normalize_plain(collection, normalizer, pointer, value)
}
