//! Helpers shared by the ingest tests: load a tenant, address the canonical document with
//! readable paths, and locate canonical paths in the original files.
#![allow(dead_code)]

use std::path::Path;

use m365lint::ingest::{Locator, Tenant, load_tenant};
use m365lint::model::{CanonicalPath, PathSegment, Problem};
use serde_json::Value;

/// Loads a tenant that must be accepted.
pub fn load(path: &str) -> Tenant {
    load_tenant(Path::new(path)).unwrap_or_else(|problems| {
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        panic!("{path} was rejected: {messages:#?}")
    })
}

/// Loads a tenant that must be rejected, and returns why.
pub fn rejected(path: &str) -> Vec<Problem> {
    match load_tenant(Path::new(path)) {
        Ok(_) => panic!("{path} was accepted"),
        Err(problems) => problems,
    }
}

/// `conditional_access.policies[0].conditions.users.excludeGroups[1]` as a canonical path.
pub fn canonical(path: &str) -> CanonicalPath {
    let mut segments = Vec::new();
    for part in path.split('.') {
        let (key, indexes) = part.split_once('[').map_or((part, ""), |(key, rest)| (key, rest));
        if !key.is_empty() {
            segments.push(PathSegment::from(key));
        }
        for index in indexes.split('[').filter(|index| !index.is_empty()) {
            let index = index.trim_end_matches(']').parse::<usize>().expect("an index in brackets");
            segments.push(PathSegment::Index(index));
        }
    }
    CanonicalPath::new(segments)
}

/// The canonical value at a readable path.
pub fn value<'t>(tenant: &'t Tenant, path: &str) -> &'t Value {
    let pointer = canonical(path).to_pointer();
    tenant.document.pointer(&pointer).unwrap_or_else(|| panic!("{path} is not in the document"))
}

/// Where a canonical path leads in the source, as a user sees it.
#[derive(Debug, PartialEq, Eq)]
pub struct Spot {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The source text the location spans.
    pub text: String,
    /// JSON pointer of the source value.
    pub pointer: String,
    pub exact: bool,
}

pub fn locate(tenant: &Tenant, path: &str) -> Spot {
    let locator = Locator::new(tenant);
    let resolved = locator.locate(&canonical(path)).unwrap_or_else(|| panic!("{path} has no origin"));
    let location = resolved.location;
    let text = location.source.text[location.offset..location.offset + location.length].to_owned();
    Spot {
        file: location.source.path.clone(),
        line: location.line,
        column: location.column,
        text,
        pointer: location.pointer,
        exact: resolved.exact,
    }
}

/// The document as pretty JSON, for snapshots.
pub fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).expect("a JSON value serializes")
}

/// The codes and messages of problems or warnings, for assertions.
pub fn codes(problems: &[Problem]) -> Vec<&str> {
    problems.iter().map(|problem| problem.code.as_str()).collect()
}
