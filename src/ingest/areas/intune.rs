//! Intune device compliance: compliance policies (`deviceCompliancePolicy`, every platform
//! subtype) and the tenant's compliance settings (`deviceManagementSettings`), as Graph REST
//! (beta or v1.0), the Graph PowerShell SDK and per-object tools (IntuneCD, IntuneManagement)
//! export them.

mod compliance;
mod member;
mod settings;
mod subtype;

use serde_json::{Map, Value};

use crate::ingest::collection::Collection;
use crate::ingest::export::Item;
use crate::ingest::normalize::Normalizer;
use crate::model::PathSegment;

/// A compliance policy says what it is in its `@odata.type` (the SDK keeps it in
/// `AdditionalProperties`); the settings have their own members.
pub fn recognize(object: &Map<String, Value>) -> Option<Collection> {
    if compliance::is_compliance_policy(object) {
        Some(Collection::IntuneCompliancePolicies)
    } else if settings::is_settings(object) {
        Some(Collection::IntuneSettings)
    } else {
        None
    }
}

/// `.../$metadata#deviceManagement/deviceCompliancePolicies(assignments(),...)`: an empty list
/// of compliance policies still says the tenant has none.
pub fn collection_for_context(context: &str) -> Option<Collection> {
    context.contains("deviceManagement/deviceCompliancePolicies").then_some(Collection::IntuneCompliancePolicies)
}

pub fn normalize(collection: Collection, normalizer: &mut Normalizer, pointer: Vec<PathSegment>, value: Value) -> Item {
    match collection {
        Collection::IntuneSettings => settings::normalize(normalizer, pointer, value),
        _ => compliance::normalize(normalizer, pointer, value),
    }
}
