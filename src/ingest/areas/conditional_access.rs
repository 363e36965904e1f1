//! Conditional Access policies (Microsoft Graph `conditionalAccessPolicy`, any producer).

use serde_json::{Map, Value};

use crate::ingest::collection::Collection;
use crate::ingest::export::Item;
use crate::ingest::normalize::Normalizer;
use crate::model::PathSegment;

/// A Conditional Access policy has conditions and a grant, session or state member
/// (in any casing).
pub fn looks_like_policy(object: &Map<String, Value>) -> bool {
    let has = |name: &str| object.keys().any(|key| key.eq_ignore_ascii_case(name));
    has("conditions") && (has("grantControls") || has("sessionControls") || has("state"))
}

/// Whether an `@odata.context` names the Conditional Access policies collection.
pub fn is_policies_context(context: &str) -> bool {
    context.contains("conditionalAccess/policies")
}

pub fn normalize_policy(
    normalizer: &mut Normalizer,
    pointer: Vec<PathSegment>,
    value: Value,
) -> Item {
    let value = normalizer.object_at(
        &pointer,
        value,
        Collection::ConditionalAccessPolicies.schema(),
    );
    Item::new(pointer, value)
}
