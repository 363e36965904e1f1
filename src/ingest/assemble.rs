//! Builds a tenant's canonical document from what its files contributed: collections are
//! concatenated in file order (the pages of a paged Graph list too, once [`paging`] has found
//! them complete), the same object exported twice is merged when equal and reported as a
//! conflict otherwise, and every object's origin is recorded. A collection no file exported is
//! absent from its area (missing is not empty: policies can tell "not exported" from "none").

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{Map, Value};

use super::collection::Collection;
use super::export::Contribution;
use super::identity::{self, TenantIdentity};
use super::paging::{self, Page};
use super::problem::{IngestCode, Issue, locate_issues};
use super::provenance::{Origin, Provenance};
use super::schema::Kind;
use crate::model::{DataArea, PathSegment, Problem, SourceFile};

pub struct Assembled {
    pub document: Value,
    pub provenance: Provenance,
    pub areas: Vec<DataArea>,
    /// Tolerated findings about the tenant as a whole: collections left out because their
    /// partner is missing, pages merged without a count.
    pub warnings: Vec<Problem>,
}

/// `contributions[i]`, `identities[i]` and `pages[i]` are the contributions, the tenant
/// identity and the Graph list pages of `sources[i]`.
pub fn assemble(
    name: &str,
    sources: &[Arc<SourceFile>],
    contributions: Vec<Vec<Contribution>>,
    identities: &[Option<TenantIdentity>],
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

    let tenant = match identity::merge(name, sources, identities, &mut provenance) {
        Ok(merged) => merged.value,
        Err(mismatches) => {
            conflicts.extend(mismatches);
            Value::Null
        }
    };

    if !paging.problems.is_empty() || !conflicts.is_empty() {
        let mut problems = paging.problems;
        for (file, issue) in conflicts {
            problems.extend(locate_issues(&sources[file], vec![issue]));
        }
        return Err(problems);
    }

    let mut warnings = paging.warnings;
    warnings.extend(drop_incomplete(&mut collections, &provenance, sources));
    let areas: Vec<DataArea> =
        DataArea::ALL.into_iter().filter(|area| collections.keys().any(|c| c.area() == *area)).collect();
    let mut document = Map::new();
    document.insert("tenant".into(), tenant);
    document.insert(
        "areas".into(),
        Value::Object(
            DataArea::ALL.iter().map(|area| (area.key().to_owned(), Value::Bool(areas.contains(area)))).collect(),
        ),
    );
    for area in &areas {
        let mut section = Map::new();
        for collection in Collection::ALL.into_iter().filter(|c| c.area() == *area) {
            let Some(items) = collections.remove(&collection) else { continue };
            let value = if collection.is_singleton() {
                items.into_iter().next().unwrap_or(Value::Null)
            } else {
                Value::Array(items)
            };
            section.insert(collection.key().to_owned(), value);
        }
        document.insert(area.key().to_owned(), Value::Object(section));
    }
    Ok(Assembled { document: Value::Object(document), provenance, areas, warnings })
}

/// Leaves out a collection whose partner no file exported (see [`Collection::partner`]), so
/// its area is not assessed rather than judged on half its data; a warning at the collection
/// says why.
fn drop_incomplete(
    collections: &mut BTreeMap<Collection, Vec<Value>>,
    provenance: &Provenance,
    sources: &[Arc<SourceFile>],
) -> Vec<Problem> {
    let incomplete: Vec<(Collection, Collection)> = collections
        .keys()
        .filter_map(|collection| collection.partner().map(|partner| (*collection, partner)))
        .filter(|(_, partner)| !collections.contains_key(partner))
        .collect();
    let mut warnings = Vec::new();
    for (collection, partner) in incomplete {
        collections.remove(&collection);
        let base = [PathSegment::from(collection.area().key()), PathSegment::from(collection.key())];
        let Some((origin, _)) = provenance.origin_of(&base) else { continue };
        let Some(source) = sources.get(origin.file) else { continue };
        let issue = Issue {
            code: IngestCode::IncompleteArea,
            pointer: origin.pointer.clone(),
            message: format!(
                "{} are exported but no {} are: one cannot be assessed without the other, so {} is not assessed",
                plural(collection),
                plural(partner),
                collection.area().export_name()
            ),
            label: Some(format!("no {} to go with these", plural(partner))),
        };
        warnings.extend(locate_issues(source, vec![issue]));
    }
    warnings
}

fn plural(collection: Collection) -> String {
    let noun = collection.noun();
    match noun.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{noun}s"),
    }
}

/// The first identity field the object has, as text.
fn identity_of(value: &Value, collection: Collection) -> Option<String> {
    collection.identity().iter().find_map(|field| match value.get(*field)? {
        Value::String(text) if !text.is_empty() => Some(text.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}
