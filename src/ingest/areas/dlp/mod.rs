//! Purview DLP compliance policies and rules: Security & Compliance PowerShell
//! (`Get-DlpCompliancePolicy`, `Get-DlpComplianceRule` through `ConvertTo-Json`, Windows
//! PowerShell 5.1 or PowerShell 7, any depth), the S&C admin REST `InvokeCommand` response,
//! and the same objects inside tool wrappers (ScubaGear).

pub(crate) mod advanced_rule;
mod mangled;
mod rule;
pub(crate) mod sensitive_types;

use serde_json::{Map, Value};

use super::{has_key, normalize_plain};
use crate::ingest::collection::Collection;
use crate::ingest::export::Item;
use crate::ingest::normalize::Normalizer;
use crate::model::PathSegment;

/// Locations only a DLP policy has: retention, auto-labeling and other compliance policies
/// share `ExchangeLocation`, `Mode` and `Workload`, not these.
const POLICY_ONLY: [&str; 4] =
    ["EndpointDlpLocation", "OnPremisesScannerDlpLocation", "ThirdPartyAppDlpLocation", "PowerBIDlpLocation"];

/// Actions only a DLP rule has: retention and auto-labeling rules also name a policy and
/// can hold `ContentContainsSensitiveInformation`, but cannot block or notify.
const RULE_ONLY: [&str; 4] = ["BlockAccess", "BlockAccessScope", "GenerateIncidentReport", "NotifyUserType"];

pub fn recognize(object: &Map<String, Value>) -> Option<Collection> {
    if is_rule(object) {
        Some(Collection::DlpRules)
    } else if is_policy(object) {
        Some(Collection::DlpPolicies)
    } else {
        None
    }
}

/// DLP exports have no Graph `@odata.context` that names them (the S&C admin API's context
/// is a generic `Collection(Exchange.GenericHashTable)`).
pub fn collection_for_context(_context: &str) -> Option<Collection> {
    None
}

pub fn normalize(collection: Collection, normalizer: &mut Normalizer, pointer: Vec<PathSegment>, value: Value) -> Item {
    match collection {
        Collection::DlpRules => rule::normalize(normalizer, pointer, value),
        _ => normalize_plain(collection, normalizer, pointer, value),
    }
}

fn is_rule(object: &Map<String, Value>) -> bool {
    (has_key(object, "ParentPolicyName") || has_key(object, "Policy"))
        && RULE_ONLY.iter().any(|key| has_key(object, key))
}

fn is_policy(object: &Map<String, Value>) -> bool {
    let dlp_type = object.iter().any(|(key, value)| {
        key.eq_ignore_ascii_case("Type") && value.as_str().is_some_and(|t| t.eq_ignore_ascii_case("Dlp"))
    });
    POLICY_ONLY.iter().any(|key| has_key(object, key)) || (dlp_type && has_key(object, "ExchangeLocation"))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::ingest::problem::IngestCode;
    use crate::model::pointer_of;

    fn object(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn recognizes_dlp_objects_in_any_casing_and_not_their_look_alikes() {
        let policy = object(json!({"Name": "P", "Mode": "Enable", "EndpointDlpLocation": ["All"]}));
        let deep_policy = object(json!({"name": "P", "type": "Dlp", "exchangeLocation": [{"Name": "All"}]}));
        let rule = object(json!({"Name": "R", "ParentPolicyName": "P", "BlockAccess": true}));
        let retention_policy = object(json!({"Name": "Keep 7 years", "Mode": "Enforce", "ExchangeLocation": ["All"]}));
        let retention_rule = object(json!({"Name": "Keep", "Policy": "x", "ContentContainsSensitiveInformation": []}));
        assert_eq!(recognize(&policy), Some(Collection::DlpPolicies));
        assert_eq!(recognize(&deep_policy), Some(Collection::DlpPolicies));
        assert_eq!(recognize(&rule), Some(Collection::DlpRules));
        assert_eq!(recognize(&retention_policy), None);
        assert_eq!(recognize(&retention_rule), None);
    }

    #[test]
    fn a_location_object_past_the_depth_limit_is_truncation() {
        let mut normalizer = Normalizer::new();
        let policy = json!({"Name": "P", "ExchangeLocation": ["@{Name=All; DisplayName=All}"]});
        normalize(Collection::DlpPolicies, &mut normalizer, vec![0.into()], policy);
        let issues: Vec<(IngestCode, String)> =
            normalizer.take_issues().into_iter().map(|i| (i.code, pointer_of(&i.pointer))).collect();
        assert_eq!(issues, [(IngestCode::TruncatedExport, "/0/ExchangeLocation/0".to_owned())]);
    }
}
