//! Who a tenant is, as its exports say it (ScubaGear's `tenant_details`), and the check that
//! every export of one tenant path is of the same tenant.

use std::sync::Arc;

use serde_json::{Map, Value};

use super::problem::{IngestCode, Issue};
use super::provenance::{Origin, Provenance};
use crate::model::{PathSegment, SourceFile};

/// A tenant's identity as one export states it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TenantIdentity {
    /// The tenant's display name.
    pub name: Option<Stated>,
    /// The tenant id (a GUID, compared without regard to case).
    pub id: Option<Stated>,
}

/// A value an export states, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Stated {
    pub value: String,
    pub pointer: Vec<PathSegment>,
}

/// The canonical `tenant` object of a tenant path.
pub struct Merged {
    pub value: Value,
}

/// Merges what the files of one tenant path say (`identities[i]` is what `sources[i]` says).
/// The first file that states a name or an id gives it; a file that states another id is an
/// issue of that file (two tenants' exports are mixed). `fallback_name` (the path's name)
/// stands in when no file states a name.
pub fn merge(
    fallback_name: &str,
    sources: &[Arc<SourceFile>],
    identities: &[Option<TenantIdentity>],
    provenance: &mut Provenance,
) -> Result<Merged, Vec<(usize, Issue)>> {
    let stated = || identities.iter().enumerate().filter_map(|(file, identity)| Some((file, identity.as_ref()?)));
    let first_name = stated().find_map(|(file, identity)| Some((file, identity.name.as_ref()?)));
    let first_id = stated().find_map(|(file, identity)| Some((file, identity.id.as_ref()?)));

    let mut issues = Vec::new();
    if let Some((first_file, first)) = first_id {
        for (file, identity) in stated() {
            let Some(id) = identity.id.as_ref().filter(|id| !id.value.eq_ignore_ascii_case(&first.value)) else {
                continue;
            };
            issues.push((
                file,
                Issue {
                    code: IngestCode::TenantMismatch,
                    pointer: id.pointer.clone(),
                    message: format!(
                        "this export is of tenant {}{}, but {} is of tenant {}{}: one tenant path holds the exports of two tenants",
                        id.value,
                        named(identity),
                        sources.get(first_file).map_or("another file", |source| source.path.as_str()),
                        first.value,
                        named_of(identities, first_file),
                    ),
                    label: Some("another tenant".into()),
                },
            ));
        }
    }
    if !issues.is_empty() {
        return Err(issues);
    }

    let mut tenant = Map::new();
    tenant.insert(
        "name".into(),
        Value::String(first_name.map_or_else(|| fallback_name.to_owned(), |(_, name)| name.value.clone())),
    );
    tenant.insert("id".into(), first_id.map_or(Value::Null, |(_, id)| Value::String(id.value.clone())));
    for (key, first) in [("name", first_name), ("id", first_id)] {
        if let Some((file, stated)) = first {
            provenance.insert(
                vec!["tenant".into(), key.into()],
                Origin { file, pointer: stated.pointer.clone(), kind: None },
            );
        }
    }
    Ok(Merged { value: Value::Object(tenant) })
}

fn named(identity: &TenantIdentity) -> String {
    identity.name.as_ref().map_or_else(String::new, |name| format!(" ('{}')", name.value))
}

fn named_of(identities: &[Option<TenantIdentity>], file: usize) -> String {
    identities.get(file).and_then(Option::as_ref).map_or_else(String::new, named)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn identity(name: &str, id: &str) -> Option<TenantIdentity> {
        Some(TenantIdentity {
            name: Some(Stated { value: name.into(), pointer: vec!["name".into()] }),
            id: Some(Stated { value: id.into(), pointer: vec!["id".into()] }),
        })
    }

    fn sources() -> Vec<Arc<SourceFile>> {
        ["a.json", "b.json", "c.json"].into_iter().map(|path| Arc::new(SourceFile::new(path, String::new()))).collect()
    }

    #[test]
    fn the_first_stated_identity_names_the_tenant() {
        let mut provenance = Provenance::default();
        let merged = merge(
            "dir",
            &sources(),
            &[
                None,
                identity("Contoso", "5f3b1c2a-1d4e-4a8b-9c6d-7e8f9a0b1c2d"),
                identity("Contoso Ltd", "5F3B1C2A-1D4E-4A8B-9C6D-7E8F9A0B1C2D"),
            ],
            &mut provenance,
        )
        .unwrap();
        assert_eq!(merged.value, json!({"name": "Contoso", "id": "5f3b1c2a-1d4e-4a8b-9c6d-7e8f9a0b1c2d"}));
        let path = ["tenant".into(), "id".into()];
        let (origin, rest) = provenance.origin_of(&path).unwrap();
        assert_eq!((origin.file, origin.pointer.clone(), rest.len()), (1, vec!["id".into()], 0));
    }

    #[test]
    fn without_a_stated_identity_the_path_names_the_tenant() {
        let merged = merge("contoso", &sources(), &[None, None], &mut Provenance::default()).unwrap();
        assert_eq!(merged.value, json!({"name": "contoso", "id": null}));
    }

    #[test]
    fn two_tenant_ids_are_an_issue_of_the_later_file() {
        let issues = merge(
            "dir",
            &sources(),
            &[
                identity("Contoso", "5f3b1c2a-1d4e-4a8b-9c6d-7e8f9a0b1c2d"),
                identity("Fabrikam", "0b6a9d3e-8c2f-4e71-a5d4-3f9e2c1b7a60"),
            ],
            &mut Provenance::default(),
        )
        .err()
        .unwrap();
        assert_eq!(issues.len(), 1);
        let (file, issue) = &issues[0];
        assert_eq!((*file, issue.code, issue.pointer.clone()), (1, IngestCode::TenantMismatch, vec!["id".into()]));
        assert_eq!(
            issue.message,
            "this export is of tenant 0b6a9d3e-8c2f-4e71-a5d4-3f9e2c1b7a60 ('Fabrikam'), but a.json is of tenant 5f3b1c2a-1d4e-4a8b-9c6d-7e8f9a0b1c2d ('Contoso'): one tenant path holds the exports of two tenants"
        );
    }
}
