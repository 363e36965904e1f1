//! What the fuzz targets check, shared by them: inputs become export files, and every
//! location m365lint produces from them must lie inside the text it points into.

use m365lint::diagnostics::ProblemDiagnostic;
use m365lint::ingest::{FileBytes, Locator, Tenant, read_tenant};
use m365lint::model::{CanonicalPath, Location, PathSegment, Problem};
use miette::{GraphicalReportHandler, GraphicalTheme};
use serde_json::Value;

/// Separates the files of a multi-file input (`run.sh` joins seed files with it).
pub const FILE_SEPARATOR: &[u8] = b"\n\0--m365lint-next-file--\0\n";

/// At most this many files per input: more only slows each run down.
const MAX_FILES: usize = 8;

/// The input as the one export file of a tenant.
pub fn one_file(data: &[u8]) -> Vec<FileBytes> {
    vec![FileBytes { path: "fuzz-0.json".into(), bytes: data.to_vec() }]
}

/// The input split at [`FILE_SEPARATOR`] into the export files of one tenant.
pub fn split_files(data: &[u8]) -> Vec<FileBytes> {
    let mut files = Vec::new();
    let mut rest = data;
    while files.len() + 1 < MAX_FILES {
        let Some(at) = rest.windows(FILE_SEPARATOR.len()).position(|w| w == FILE_SEPARATOR) else { break };
        files.push(&rest[..at]);
        rest = &rest[at + FILE_SEPARATOR.len()..];
    }
    files.push(rest);
    files
        .into_iter()
        .enumerate()
        .map(|(i, bytes)| FileBytes { path: format!("fuzz-{i}.json"), bytes: bytes.to_vec() })
        .collect()
}

/// Ingests the files; a tenant's warnings and a rejection's problems must be located
/// inside their files.
pub fn ingest(files: &[FileBytes]) -> Option<Tenant> {
    match read_tenant("fuzz", "fuzz", files) {
        Ok(tenant) => {
            check_problems(&tenant.warnings);
            Some(tenant)
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "a rejected tenant says why");
            check_problems(&problems);
            None
        }
    }
}

/// Ingests the files and, when they make a tenant, resolves every path of its canonical
/// document (every object member and list item, at every depth).
pub fn locate_every_path(files: &[FileBytes]) {
    let Some(tenant) = ingest(files) else { return };
    let locator = Locator::new(&tenant);
    let mut path = Vec::new();
    walk(&tenant.document, &mut path, &mut |path| {
        if let Some(resolved) = locator.locate(&CanonicalPath::new(path.to_vec())) {
            check_location(&resolved.location);
        }
    });
}

fn walk(value: &Value, path: &mut Vec<PathSegment>, visit: &mut dyn FnMut(&[PathSegment])) {
    visit(path);
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                path.push(PathSegment::Key(key.clone()));
                walk(child, path, visit);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                path.push(PathSegment::Index(index));
                walk(child, path, visit);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Every problem has a code, a message and a location inside its file, and renders as the
/// human report draws it (a source snippet with a label) without a panic.
fn check_problems(problems: &[Problem]) {
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(100);
    for problem in problems {
        let mut rendered = String::new();
        handler.render_report(&mut rendered, &ProblemDiagnostic::new(problem)).expect("a problem renders");
        assert!(problem.code.starts_with("m365lint::"), "problem code {:?}", problem.code);
        assert!(!problem.message.is_empty(), "problem {:?} has a message", problem.code);
        if let Some(location) = &problem.location {
            check_location(location);
        }
    }
}

/// A location is a byte range of its source text on character boundaries, and its
/// line:column pairs agree with that range.
pub fn check_location(location: &Location) {
    if let Some(fault) = location.fault() {
        panic!("{fault}");
    }
}
