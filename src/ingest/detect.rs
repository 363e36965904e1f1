//! Recognizes what a parsed file exports, by content (file names do not matter), unwraps its
//! envelope and normalizes its objects through the area modules.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{Map, Value};

use super::areas;
use super::collection::Collection;
use super::envelope::{m365dsc, scubagear};
use super::export::{Contribution, FileExport};
use super::identity::TenantIdentity;
use super::normalize::Normalizer;
use super::paging::Page;
use super::problem::{IngestCode, Issue, locate_issues};
use crate::model::{PathSegment, Problem, SourceFile};

pub fn read_export(source: &Arc<SourceFile>, root: Value) -> Result<FileExport, Vec<Problem>> {
    let mut reader = Reader {
        normalizer: Normalizer::new(),
        issues: Vec::new(),
        warnings: Vec::new(),
        pages: Vec::new(),
        source,
        tenant: None,
    };
    let contributions = reader.read(root);
    let mut issues = reader.issues;
    issues.extend(reader.normalizer.take_issues());
    if !issues.is_empty() {
        let mut problems = locate_issues(source, summarize_truncation(issues));
        // Issues come from several readers (envelope, normalizer); the user reads the file
        // top to bottom.
        problems.sort_by_key(|problem| problem.location.as_ref().map(|location| location.offset));
        return Err(problems);
    }
    let mut warnings = reader.warnings;
    warnings.extend(reader.normalizer.take_warnings());
    let mut warnings = locate_issues(source, warnings);
    warnings.sort_by_key(|warning| warning.location.as_ref().map(|location| location.offset));
    Ok(FileExport { contributions, pages: reader.pages, warnings, tenant: reader.tenant })
}

/// A depth-truncated export has dozens of truncated values, all with one cause and one fix:
/// the first is reported in full, the rest are counted in its message.
fn summarize_truncation(issues: Vec<Issue>) -> Vec<Issue> {
    let truncated = issues.iter().filter(|issue| issue.code == IngestCode::TruncatedExport).count();
    if truncated <= 1 {
        return issues;
    }
    let mut first = true;
    issues
        .into_iter()
        .filter_map(|mut issue| {
            if issue.code != IngestCode::TruncatedExport {
                return Some(issue);
            }
            if !first {
                return None;
            }
            first = false;
            issue.message =
                format!("{} ({} more values in this file are truncated the same way)", issue.message, truncated - 1);
            Some(issue)
        })
        .collect()
}

struct Reader<'a> {
    normalizer: Normalizer,
    issues: Vec<Issue>,
    warnings: Vec<Issue>,
    pages: Vec<Page>,
    source: &'a Arc<SourceFile>,
    /// The tenant a wrapper says the file is of.
    tenant: Option<TenantIdentity>,
}

impl Reader<'_> {
    fn read(&mut self, root: Value) -> Vec<Contribution> {
        match root {
            Value::Object(map) if is_graph_list(&map) => self.graph_list(map),
            Value::Array(items) if m365dsc::is_report(&items) => {
                let resources = items.into_iter().enumerate().map(|(i, item)| (vec![PathSegment::Index(i)], item));
                self.m365dsc(resources.collect())
            }
            // A one-resource report: ConvertTo-Json writes a one-element pipeline as the element.
            Value::Object(map) if m365dsc::is_resource(&map) => self.m365dsc(vec![(Vec::new(), Value::Object(map))]),
            Value::Array(items) => self.list(items, Vec::new(), None),
            Value::Object(map) if scubagear::recognize(&map) => {
                let unwrapped = scubagear::read(map, &mut self.normalizer);
                self.tenant = unwrapped.tenant;
                unwrapped.contributions
            }
            Value::Object(map) => match areas::recognize(&map) {
                Some(collection) => {
                    let item = areas::normalize(collection, &mut self.normalizer, Vec::new(), Value::Object(map));
                    vec![Contribution { collection, container: Vec::new(), items: vec![item] }]
                }
                None => {
                    self.unknown(Vec::new(), format!("{} is not a recognized export", self.source.path));
                    Vec::new()
                }
            },
            _ => {
                self.unknown(Vec::new(), format!("{} is not a recognized export", self.source.path));
                Vec::new()
            }
        }
    }

    /// A Microsoft Graph list response: `{"@odata.context": ..., "value": [...]}`. It may be
    /// one page of a longer list (`@odata.nextLink`); whether the tenant holds every page is
    /// decided when the tenant's files are assembled.
    fn graph_list(&mut self, mut map: Map<String, Value>) -> Vec<Contribution> {
        let next_link = self.annotation(&map, "@odata.nextLink", |value| value.as_str().map(str::to_owned));
        let count = self.annotation(&map, "@odata.count", |value| match value {
            Value::Number(n) => n.as_u64(),
            Value::String(text) => text.trim().parse().ok(),
            _ => None,
        });
        let context = map.get("@odata.context").and_then(Value::as_str).map(str::to_owned);
        let Some(Value::Array(items)) = map.remove("value") else { return Vec::new() };
        let contributions = self.list(items, vec!["value".into()], context.as_deref());
        self.pages.extend(contributions.iter().map(|contribution| Page {
            collection: contribution.collection,
            items: contribution.items.len(),
            next_link: next_link.clone(),
            count: count.clone(),
        }));
        contributions
    }

    /// A paging annotation of a Graph list and its pointer; `null` is no annotation, a value
    /// `read` cannot make sense of is an issue.
    fn annotation<T>(
        &mut self,
        map: &Map<String, Value>,
        name: &str,
        read: impl Fn(&Value) -> Option<T>,
    ) -> Option<(T, Vec<PathSegment>)> {
        let (key, value) = map.iter().find(|(key, _)| key.eq_ignore_ascii_case(name))?;
        if value.is_null() {
            return None;
        }
        let pointer = vec![PathSegment::Key(key.clone())];
        match read(value) {
            Some(read) => Some((read, pointer)),
            None => {
                self.issues.push(Issue {
                    code: IngestCode::UnexpectedType,
                    pointer,
                    message: format!("`{name}` has a value Microsoft Graph never writes there"),
                    label: Some("unexpected value".into()),
                });
                None
            }
        }
    }

    /// A Microsoft365DSC JSON report: `(pointer, resource)` for each of its resources.
    fn m365dsc(&mut self, resources: Vec<(Vec<PathSegment>, Value)>) -> Vec<Contribution> {
        let read = m365dsc::read(&self.source.path, resources, &mut self.normalizer);
        self.issues.extend(read.issues);
        self.warnings.extend(read.warnings);
        read.contributions
    }

    /// A list of exported objects (a Graph `value` array or a bare array). Each object is
    /// recognized on its own; objects of several collections make several contributions.
    fn list(&mut self, items: Vec<Value>, container: Vec<PathSegment>, context: Option<&str>) -> Vec<Contribution> {
        if items.is_empty() {
            return match context.and_then(areas::collection_for_context) {
                Some(collection) => vec![Contribution { collection, container, items: Vec::new() }],
                None => {
                    self.unknown(
                        container,
                        format!("{} holds an empty list: m365lint cannot tell what it exports", self.source.path),
                    );
                    Vec::new()
                }
            };
        }
        let kinds: Vec<Option<Collection>> =
            items.iter().map(|item| item.as_object().and_then(areas::recognize)).collect();
        if kinds.iter().all(Option::is_none) {
            let what = context
                .and_then(|c| c.rsplit('#').next())
                .map_or_else(String::new, |c| format!(" (its @odata.context names `{c}`)"));
            self.unknown(
                container,
                format!(
                    "{} is not a recognized export: it lists objects m365lint does not lint{what}",
                    self.source.path
                ),
            );
            return Vec::new();
        }
        let mut by_collection: BTreeMap<Collection, Vec<_>> = BTreeMap::new();
        for (index, (value, kind)) in items.into_iter().zip(kinds).enumerate() {
            let mut pointer = container.clone();
            pointer.push(PathSegment::Index(index));
            match kind {
                Some(collection) => {
                    let item = areas::normalize(collection, &mut self.normalizer, pointer, value);
                    by_collection.entry(collection).or_default().push(item);
                }
                None => self.unknown(
                    pointer,
                    format!("item {index} of {} is not a recognized export object", self.source.path),
                ),
            }
        }
        by_collection
            .into_iter()
            .map(|(collection, items)| Contribution { collection, container: container.clone(), items })
            .collect()
    }

    fn unknown(&mut self, pointer: Vec<PathSegment>, message: String) {
        self.issues.push(Issue {
            code: IngestCode::UnknownExport,
            pointer,
            message,
            label: Some("not a recognized export".into()),
        });
    }
}

fn is_graph_list(map: &Map<String, Value>) -> bool {
    matches!(map.get("value"), Some(Value::Array(_))) && map.keys().all(|key| key == "value" || key.starts_with('@'))
}
