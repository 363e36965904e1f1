//! Recognizes what a parsed file exports, by content (file names do not matter), unwraps its
//! envelope and normalizes its objects.

use std::sync::Arc;

use serde_json::{Map, Value};

use super::areas::conditional_access;
use super::collection::Collection;
use super::export::Contribution;
use super::normalize::Normalizer;
use super::problem::{IngestCode, Issue, locate_issues};
use crate::model::{PathSegment, Problem, SourceFile};

pub fn read_export(
    source: &Arc<SourceFile>,
    root: Value,
) -> Result<Vec<Contribution>, Vec<Problem>> {
    let mut reader = Reader {
        normalizer: Normalizer::new(),
        issues: Vec::new(),
        source,
    };
    let contributions = reader.read(root);
    let mut issues = reader.issues;
    issues.extend(reader.normalizer.take_issues());
    if issues.is_empty() {
        Ok(contributions)
    } else {
        Err(locate_issues(source, summarize_truncation(issues)))
    }
}

/// A depth-truncated export has dozens of truncated values, all with one cause and one fix:
/// the first is reported in full, the rest are counted in its message.
fn summarize_truncation(issues: Vec<Issue>) -> Vec<Issue> {
    let truncated = issues
        .iter()
        .filter(|issue| issue.code == IngestCode::TruncatedExport)
        .count();
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
            issue.message = format!(
                "{} ({} more values in this file are truncated the same way)",
                issue.message,
                truncated - 1
            );
            Some(issue)
        })
        .collect()
}

struct Reader<'a> {
    normalizer: Normalizer,
    issues: Vec<Issue>,
    source: &'a Arc<SourceFile>,
}

impl Reader<'_> {
    fn read(&mut self, root: Value) -> Vec<Contribution> {
        match root {
            Value::Object(map) if is_graph_list(&map) => self.graph_list(map),
            Value::Array(items) => self.list(items, Vec::new(), None),
            Value::Object(map) if conditional_access::looks_like_policy(&map) => {
                let item = conditional_access::normalize_policy(
                    &mut self.normalizer,
                    Vec::new(),
                    Value::Object(map),
                );
                vec![Contribution {
                    collection: Collection::ConditionalAccessPolicies,
                    container: Vec::new(),
                    items: vec![item],
                }]
            }
            _ => {
                self.unknown(
                    Vec::new(),
                    format!("{} is not a recognized export", self.source.path),
                );
                Vec::new()
            }
        }
    }

    /// A Microsoft Graph list response: `{"@odata.context": ..., "value": [...]}`.
    fn graph_list(&mut self, mut map: Map<String, Value>) -> Vec<Contribution> {
        if let Some(next) = map.get("@odata.nextLink").and_then(Value::as_str) {
            self.issues.push(Issue {
                code: IngestCode::PartialExport,
                pointer: vec!["@odata.nextLink".into()],
                message: format!(
                    "{} is one page of a paged Graph response; the following pages ({}) are not in this tenant",
                    self.source.path,
                    shorten_link(next)
                ),
                label: Some("more pages follow".into()),
            });
            return Vec::new();
        }
        let context = map
            .get("@odata.context")
            .and_then(Value::as_str)
            .map(str::to_owned);
        let Some(Value::Array(items)) = map.remove("value") else {
            return Vec::new();
        };
        self.list(items, vec!["value".into()], context.as_deref())
    }

    /// A list of exported objects (a Graph `value` array or a bare array).
    fn list(
        &mut self,
        items: Vec<Value>,
        container: Vec<PathSegment>,
        context: Option<&str>,
    ) -> Vec<Contribution> {
        if items.is_empty() {
            return match context {
                Some(context) if conditional_access::is_policies_context(context) => {
                    vec![Contribution {
                        collection: Collection::ConditionalAccessPolicies,
                        container,
                        items: Vec::new(),
                    }]
                }
                _ => {
                    self.unknown(
                        container,
                        format!(
                            "{} holds an empty list: m365lint cannot tell what it exports",
                            self.source.path
                        ),
                    );
                    Vec::new()
                }
            };
        }
        if !items.iter().any(|item| {
            item.as_object()
                .is_some_and(conditional_access::looks_like_policy)
        }) {
            let what = context
                .and_then(|c| c.rsplit('#').next())
                .map_or_else(String::new, |c| {
                    format!(" (its @odata.context names `{c}`)")
                });
            self.unknown(
                container,
                format!(
                    "{} is not a recognized export: it lists objects m365lint does not lint{what}",
                    self.source.path
                ),
            );
            return Vec::new();
        }
        let mut policies = Vec::new();
        for (index, value) in items.into_iter().enumerate() {
            let mut pointer = container.clone();
            pointer.push(PathSegment::Index(index));
            match value {
                Value::Object(map) if conditional_access::looks_like_policy(&map) => {
                    policies.push(conditional_access::normalize_policy(
                        &mut self.normalizer,
                        pointer,
                        Value::Object(map),
                    ));
                }
                _ => self.unknown(
                    pointer,
                    format!(
                        "item {index} of {} is not a recognized export object",
                        self.source.path
                    ),
                ),
            }
        }
        vec![Contribution {
            collection: Collection::ConditionalAccessPolicies,
            container,
            items: policies,
        }]
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
    matches!(map.get("value"), Some(Value::Array(_)))
        && map.keys().all(|key| key == "value" || key.starts_with('@'))
}

fn shorten_link(link: &str) -> String {
    link.split('?').next().unwrap_or(link).to_owned() + "?..."
}
