//! Builds a tenant's canonical document from what its files contributed: collections are
//! concatenated in file order (the pages of a paged Graph list too, once [`paging`] has found
//! them complete), the same object exported twice is merged when equal and reported as a
//! conflict otherwise, and every object's origin is recorded.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::collection::Collection;
use super::export::Contribution;
use super::paging::{self, Page};
use super::problem::{IngestCode, Issue, locate_issues};
use super::provenance::{Origin, Provenance};
use super::schema::Kind;
use crate::model::{DataArea, PathSegment, Problem, SourceFile};

pub struct Assembled {
    pub document: Value,
    pub provenance: Provenance,
    pub areas: Vec<DataArea>,
    /// Tolerated findings about the tenant as a whole (e.g. pages merged without a count).
    pub warnings: Vec<Problem>,
}

/// `contributions[i]` and `pages[i]` are the contributions and Graph list pages of `sources[i]`.
pub fn assemble(
    name: &str,
    sources: &[Arc<SourceFile>],
    contributions: Vec<Vec<Contribution>>,
    pages: &[Vec<Page>],
) -> Result<Assembled, Vec<Problem>> {
    let paging = paging::check(sources, pages);
    let mut provenance = Provenance::default();
    let mut collections: BTreeMap<Collection, Vec<Value>> = BTreeMap::new();
    // Where each kept object came from, to name both files in a conflict.
    let mut seen: BTreeMap<(Collection, String), (usize, Vec<PathSegment>, usize)> = BTreeMap::new();
    let mut conflicts: Vec<(usize, Issue)> = Vec::new();

    for (file, file_contributions) in contributions.into_iter().enumerate() {
        for contribution in file_contributions {
            let collection = contribution.collection;
            let base = vec![PathSegment::from(collection.area().key()), PathSegment::from(collection.key())];
            let items = collections.entry(collection).or_default();
            if provenance.origin_of(&base).is_none_or(|(_, rest)| !rest.is_empty()) {
                provenance.insert(base.clone(), Origin { file, pointer: contribution.container.clone(), kind: None });
            }
            for item in contribution.items {
                let identity = identity_of(&item.value, collection);
                if let Some(identity) = &identity
                    && let Some((first_file, first_pointer, index)) = seen.get(&(collection, identity.clone()))
                {
                    if items[*index] != item.value {
                        let first = format!("{}{}", sources[*first_file].path, crate::model::pointer_of(first_pointer));
                        conflicts.push((
                            file,
                            Issue {
                                code: IngestCode::Conflict,
                                pointer: item.pointer.clone(),
                                message: format!(
                                    "{} '{identity}' is also exported in {first}, with different content; m365lint cannot tell which one is current",
                                    collection.noun()
                                ),
                                label: Some("exported twice, differently".into()),
                            },
                        ));
                    }
                    continue;
                }
                let index = items.len();
                let mut path = base.clone();
                if !collection.is_singleton() {
                    path.push(PathSegment::Index(index));
                }
                provenance.insert(
                    path.clone(),
                    Origin { file, pointer: item.pointer.clone(), kind: Some(Kind::Object(collection.schema())) },
                );
                for (relative, pointer, kind) in item.derived {
                    let mut derived = path.clone();
                    derived.extend(relative);
                    provenance.insert(derived, Origin { file, pointer, kind });
                }
                if let Some(identity) = identity {
                    seen.insert((collection, identity), (file, item.pointer, index));
                }
                items.push(item.value);
            }
        }
    }

    if !paging.problems.is_empty() || !conflicts.is_empty() {
        let mut problems = paging.problems;
        for (file, issue) in conflicts {
            problems.extend(locate_issues(&sources[file], vec![issue]));
        }
        return Err(problems);
    }

    let areas: Vec<DataArea> =
        DataArea::ALL.into_iter().filter(|area| collections.keys().any(|c| c.area() == *area)).collect();
    let mut document = Map::new();
    document.insert("tenant".into(), json!({ "name": name, "id": Value::Null }));
    document.insert(
        "areas".into(),
        Value::Object(
            DataArea::ALL.iter().map(|area| (area.key().to_owned(), Value::Bool(areas.contains(area)))).collect(),
        ),
    );
    for area in &areas {
        let mut section = Map::new();
        for collection in Collection::ALL.into_iter().filter(|c| c.area() == *area) {
            let items = collections.remove(&collection).unwrap_or_default();
            let value = if collection.is_singleton() {
                items.into_iter().next().unwrap_or(Value::Null)
            } else {
                Value::Array(items)
            };
            section.insert(collection.key().to_owned(), value);
        }
        document.insert(area.key().to_owned(), Value::Object(section));
    }
    Ok(Assembled { document: Value::Object(document), provenance, areas, warnings: paging.warnings })
}

/// The first identity field the object has, as text.
fn identity_of(value: &Value, collection: Collection) -> Option<String> {
    collection.identity().iter().find_map(|field| match value.get(*field)? {
        Value::String(text) if !text.is_empty() => Some(text.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}
