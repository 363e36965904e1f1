//! Helpers shared by the ingest tests: load a fixture, address the canonical document with
//! readable paths, locate canonical paths in the original files, and show problems as stable
//! text.
#![allow(dead_code)] // each test file uses some of these

use std::path::Path;

use m365lint::ingest::{Locator, Tenant, load_tenant};
use m365lint::model::{CanonicalPath, PathSegment, Problem};

/// Loads a fixture (relative to the repository root) that must be accepted.
pub fn load(path: &str) -> Tenant {
    load_tenant(Path::new(path)).unwrap_or_else(|problems| panic!("{path} was rejected:\n{}", describe(&problems)))
}

/// Loads a fixture that must be rejected, and its problems.
pub fn rejected(path: &str) -> Vec<Problem> {
    match load_tenant(Path::new(path)) {
        Ok(_) => panic!("{path} was accepted"),
        Err(problems) => problems,
    }
}

/// Problems (or warnings) as text: code, message, place, label and help, with paths relative
/// to the repository root.
pub fn describe(problems: &[Problem]) -> String {
    let root = format!("{}/", env!("CARGO_MANIFEST_DIR"));
    let mut text = String::new();
    for problem in problems {
        text.push_str(&format!("{}\n  {}\n", problem.code, problem.message.replace(&root, "")));
        match &problem.location {
            Some(location) => text.push_str(&format!(
                "  at {}:{}:{} ({}) `{}`\n",
                location.source.path.replace(&root, ""),
                location.line,
                location.column,
                location.pointer,
                excerpt(&location.source.text[location.offset..location.offset + location.length]),
            )),
            None => text.push_str(&format!("  in {}\n", problem.file.as_deref().unwrap_or("-").replace(&root, ""))),
        }
        if let Some(label) = &problem.label {
            text.push_str(&format!("  label: {label}\n"));
        }
        if let Some(help) = &problem.help {
            text.push_str(&format!("  help: {help}\n"));
        }
    }
    text
}

/// At most 120 characters of located text.
fn excerpt(text: &str) -> String {
    if text.chars().count() <= 120 {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(120).collect::<String>())
    }
}

/// A canonical path from JSON-ish segments: `path(&["dlp", "rules", "4"])`; numbers are indexes.
pub fn path(segments: &[&str]) -> CanonicalPath {
    CanonicalPath::new(
        segments
            .iter()
            .map(|segment| match segment.parse::<usize>() {
                Ok(index) => PathSegment::Index(index),
                Err(_) => PathSegment::from(*segment),
            })
            .collect(),
    )
}

/// Where a canonical path leads: file (relative), pointer, line, column, exact, and the text there.
#[derive(Debug, PartialEq)]
pub struct Place {
    pub file: String,
    pub pointer: String,
    pub line: usize,
    pub column: usize,
    pub exact: bool,
    pub text: String,
}

pub fn locate(tenant: &Tenant, segments: &[&str]) -> Place {
    place(tenant, &path(segments))
}

/// Like [`locate`], with the path written `conditional_access.policies[0].conditions.users`.
pub fn locate_path(tenant: &Tenant, readable: &str) -> Place {
    place(tenant, &canonical(readable))
}

fn place(tenant: &Tenant, path: &CanonicalPath) -> Place {
    let resolved = Locator::new(tenant).locate(path).unwrap_or_else(|| panic!("{path} has no origin"));
    let location = resolved.location;
    let root = format!("{}/", env!("CARGO_MANIFEST_DIR"));
    Place {
        file: location.source.path.replace(&root, ""),
        pointer: location.pointer.clone(),
        line: location.line,
        column: location.column,
        exact: resolved.exact,
        text: location.source.text[location.offset..location.offset + location.length].to_owned(),
    }
}

/// The canonical document as pretty JSON.
pub fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).expect("a JSON value serializes")
}

/// `conditional_access.policies[0].conditions.users.excludeGroups[1]` as a canonical path.
pub fn canonical(readable: &str) -> CanonicalPath {
    let mut segments = Vec::new();
    for part in readable.split('.') {
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
pub fn value<'t>(tenant: &'t Tenant, readable: &str) -> &'t serde_json::Value {
    let pointer = canonical(readable).to_pointer();
    tenant.document.pointer(&pointer).unwrap_or_else(|| panic!("{readable} is not in the document"))
}

/// The codes of problems or warnings, for assertions.
pub fn codes(problems: &[Problem]) -> Vec<&str> {
    problems.iter().map(|problem| problem.code.as_str()).collect()
}
