//! The tenant a ScubaGear export is of: `tenant_details`, a one-item list
//! `[{"DisplayName", "DomainName", "TenantId", "AADAdditionalData" | "EXOAdditionalData"}]`
//! (a bare object in some versions). When ScubaGear could not read them it writes
//! placeholders such as `"Error retrieving Tenant ID"`, which are not an identity.

use serde_json::{Map, Value};

use crate::ingest::identity::{Stated, TenantIdentity};
use crate::ingest::normalize::{Normalizer, is_guid};
use crate::ingest::problem::IngestCode;
use crate::model::PathSegment;

const KEY: &str = "tenant_details";

pub fn identity(map: &Map<String, Value>, normalizer: &mut Normalizer) -> Option<TenantIdentity> {
    let (details, pointer) = match map.get(KEY)? {
        Value::Array(items) => (items.first()?.as_object()?, vec![PathSegment::from(KEY), PathSegment::Index(0)]),
        Value::Object(details) => (details, vec![PathSegment::from(KEY)]),
        _ => return None,
    };
    let name = ["DisplayName", "DomainName"].iter().find_map(|key| stated(details, &pointer, key));
    let id = stated(details, &pointer, "TenantId");
    let id = match id {
        Some(id) if is_guid(&id.value) => Some(id),
        Some(id) => {
            unread_id(normalizer, &id.pointer, &id.value);
            None
        }
        None => None,
    };
    Some(TenantIdentity { name, id })
}

/// A member holding text that is not one of ScubaGear's placeholders.
fn stated(details: &Map<String, Value>, pointer: &[PathSegment], key: &str) -> Option<Stated> {
    let (source_key, value) = details.iter().find(|(name, _)| name.eq_ignore_ascii_case(key))?;
    let text = value.as_str()?.trim();
    if text.is_empty() || (key != "TenantId" && text.starts_with("Error retrieving")) {
        return None;
    }
    let mut pointer = pointer.to_vec();
    pointer.push(PathSegment::from(source_key.as_str()));
    Some(Stated { value: text.to_owned(), pointer })
}

fn unread_id(normalizer: &mut Normalizer, pointer: &[PathSegment], text: &str) {
    normalizer.warn_at(
        pointer,
        IngestCode::NotCollected,
        format!(
            "ScubaGear could not read the tenant id ('{text}'): m365lint cannot check that the other exports of this tenant path are of the same tenant"
        ),
        "no tenant id",
    );
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_bare_object_and_its_domain_name_stand_in() {
        let export = json!({"tenant_details": {
            "DisplayName": "Error retrieving Display name",
            "DomainName": "fabrikam.onmicrosoft.com",
            "TenantId": "0B6A9D3E-8C2F-4E71-A5D4-3F9E2C1B7A60"
        }});
        let mut normalizer = Normalizer::new();
        let identity = identity(export.as_object().unwrap(), &mut normalizer);
        assert_eq!(
            identity,
            Some(TenantIdentity {
                name: Some(Stated {
                    value: "fabrikam.onmicrosoft.com".into(),
                    pointer: vec![KEY.into(), "DomainName".into()]
                }),
                id: Some(Stated {
                    value: "0B6A9D3E-8C2F-4E71-A5D4-3F9E2C1B7A60".into(),
                    pointer: vec![KEY.into(), "TenantId".into()]
                }),
            })
        );
        assert!(normalizer.take_warnings().is_empty());
    }
}
