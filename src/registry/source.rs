use std::path::Path;
use std::sync::Arc;

use super::RegistryError;

include!(concat!(env!("OUT_DIR"), "/embedded_policies.rs"));

/// What a `.rego` file is for, by the project's conventions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyKind {
    /// One rule with a METADATA block and a `deny` rule.
    Rule,
    /// Unit tests (`*_test.rego`).
    Test,
    /// Shared helpers (any file under a `lib/` directory).
    Library,
}

/// A Rego file: where it came from and its text.
#[derive(Debug, Clone)]
pub struct PolicySource {
    /// Path shown in diagnostics: `policies/...` for built-ins, the user's path otherwise.
    pub path: String,
    pub text: Arc<str>,
    pub kind: PolicyKind,
    pub builtin: bool,
}

impl PolicySource {
    pub fn new(path: String, text: impl Into<Arc<str>>, builtin: bool) -> Self {
        let kind = kind_of(&path);
        PolicySource { path, text: text.into(), kind, builtin }
    }
}

fn kind_of(path: &str) -> PolicyKind {
    let path = path.replace('\\', "/");
    if path.ends_with("_test.rego") {
        PolicyKind::Test
    } else if path.split('/').any(|part| part == "lib") {
        PolicyKind::Library
    } else {
        PolicyKind::Rule
    }
}

/// The policies built into the binary.
pub fn embedded_sources() -> Vec<PolicySource> {
    EMBEDDED_POLICIES.iter().map(|(path, text)| PolicySource::new((*path).to_owned(), *text, true)).collect()
}

/// Every `.rego` file under `dir`, recursively, sorted by path.
pub fn sources_from_dir(dir: &Path) -> Result<Vec<PolicySource>, RegistryError> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    if files.is_empty() {
        return Err(RegistryError::NoPolicies { dir: dir.display().to_string() });
    }
    files.sort();
    files
        .into_iter()
        .map(|file| {
            // A policy is a few KiB; the export limit bounds it all the same.
            let text = crate::ingest::read_text_limited(&file, crate::ingest::DEFAULT_MAX_FILE_SIZE)
                .map_err(|error| RegistryError::Read { path: file.display().to_string(), error: error.to_string() })?;
            Ok(PolicySource::new(file.display().to_string(), text, false))
        })
        .collect()
}

/// Files that OPA would load from a policy directory as `data`.
const DATA_FILES: [&str; 3] = ["json", "yaml", "yml"];

fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) -> Result<(), RegistryError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|error| RegistryError::Read { path: dir.display().to_string(), error: error.to_string() })?;
    for entry in entries {
        let entry =
            entry.map_err(|error| RegistryError::Read { path: dir.display().to_string(), error: error.to_string() })?;
        let path = entry.path();
        let hidden = path.file_name().is_some_and(|name| name.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            collect(&path, files)?;
        } else if path.extension().is_some_and(|ext| ext == "rego") {
            files.push(path);
        } else if path.extension().is_some_and(|ext| DATA_FILES.iter().any(|data| ext.eq_ignore_ascii_case(data))) {
            // OPA and conftest load these as `data`; m365lint does not, and a policy that
            // expects them would see nothing and pass silently.
            return Err(RegistryError::DataFile { path: path.display().to_string() });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_conventions() {
        assert_eq!(kind_of("policies/conditional_access/x.rego"), PolicyKind::Rule);
        assert_eq!(kind_of("policies/conditional_access/x_test.rego"), PolicyKind::Test);
        assert_eq!(kind_of("policies/lib/finding.rego"), PolicyKind::Library);
        assert_eq!(kind_of(r"C:\mine\lib\helpers.rego"), PolicyKind::Library);
    }

    #[test]
    fn embedded_catalog_is_not_empty() {
        assert!(embedded_sources().iter().any(|s| s.kind == PolicyKind::Rule));
    }
}
