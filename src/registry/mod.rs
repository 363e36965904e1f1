//! Discovers policies (embedded in the binary, or a user's `--policies DIR`) and reads each
//! policy's METADATA block into a [`RuleMeta`]. The list of rules is discovered, never
//! duplicated in Rust.

mod error;
pub mod examples;
mod metadata;
pub mod pages;
mod source;

use std::collections::BTreeMap;
use std::sync::Arc;

pub use error::RegistryError;
pub use metadata::parse_rule_meta;
pub use source::{PolicyKind, PolicySource, embedded_sources, sources_from_dir};

use crate::model::RuleMeta;

/// The rules available for a run, with every Rego source they need (rules, libraries, tests).
#[derive(Debug, Clone)]
pub struct Catalog {
    rules: Vec<Arc<RuleMeta>>,
    sources: Vec<PolicySource>,
}

impl Catalog {
    /// Reads METADATA from every rule source and checks that ids and names are unique.
    /// Returns every error found, not just the first.
    pub fn build(sources: Vec<PolicySource>) -> Result<Self, Vec<RegistryError>> {
        let mut rules = Vec::new();
        let mut errors = Vec::new();
        for source in sources.iter().filter(|s| s.kind == PolicyKind::Rule) {
            match parse_rule_meta(source) {
                Ok(meta) => rules.push(meta),
                Err(error) => errors.push(error),
            }
        }
        errors.extend(duplicates(&rules));
        if !errors.is_empty() {
            return Err(errors);
        }
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(Catalog { rules: rules.into_iter().map(Arc::new).collect(), sources })
    }

    /// The built-in catalog, plus the user's policy directories.
    pub fn load(policy_dirs: &[std::path::PathBuf]) -> Result<Self, Vec<RegistryError>> {
        let mut sources = embedded_sources();
        let mut errors = Vec::new();
        for dir in policy_dirs {
            match sources_from_dir(dir) {
                Ok(found) => sources.extend(found),
                Err(error) => errors.push(error),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Catalog::build(sources)
    }

    /// Rules sorted by id.
    pub fn rules(&self) -> &[Arc<RuleMeta>] {
        &self.rules
    }

    pub fn sources(&self) -> &[PolicySource] {
        &self.sources
    }

    /// A rule by id (`CA001`) or name (`legacy-authentication-allowed`), case-insensitively.
    pub fn find(&self, id_or_name: &str) -> Option<&Arc<RuleMeta>> {
        self.rules.iter().find(|rule| {
            rule.id.as_str().eq_ignore_ascii_case(id_or_name) || rule.name.as_str().eq_ignore_ascii_case(id_or_name)
        })
    }
}

fn duplicates(rules: &[RuleMeta]) -> Vec<RegistryError> {
    let mut errors = Vec::new();
    let mut ids: BTreeMap<&str, &str> = BTreeMap::new();
    let mut names: BTreeMap<&str, &str> = BTreeMap::new();
    let mut packages: BTreeMap<&str, &str> = BTreeMap::new();
    for rule in rules {
        if let Some(first) = ids.insert(rule.id.as_str(), &rule.source) {
            errors.push(RegistryError::Duplicate {
                what: "id",
                value: rule.id.to_string(),
                first: first.to_owned(),
                second: rule.source.clone(),
            });
        }
        if let Some(first) = names.insert(rule.name.as_str(), &rule.source) {
            errors.push(RegistryError::Duplicate {
                what: "name",
                value: rule.name.to_string(),
                first: first.to_owned(),
                second: rule.source.clone(),
            });
        }
        if let Some(first) = packages.insert(&rule.package, &rule.source) {
            errors.push(RegistryError::Duplicate {
                what: "package",
                value: rule.package.clone(),
                first: first.to_owned(),
                second: rule.source.clone(),
            });
        }
    }
    errors
}
