//! One `m365lint.toml` as written: typed for validation, with the spans diagnostics need.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::Parameters;
use super::problem::{ConfigCode, config_problem};
use crate::diagnostics::SourceTree;
use crate::ingest::{DEFAULT_MAX_FILE_SIZE, read_text_limited};
use crate::model::{Problem, SourceFile};

/// A configuration file, read and type-checked, not yet checked against the catalog.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    pub source: Arc<SourceFile>,
    /// Directory of the file: relative paths in it are relative to this.
    pub dir: PathBuf,
    /// The `[parameters]` table as written (merged key by key over the outer configuration).
    pub parameters: toml::Table,
    pub rules: RulesSection,
    pub severity: BTreeMap<Spanned<String>, Spanned<String>>,
    pub waivers: Vec<Spanned<WaiverEntry>>,
    pub policies: Vec<Spanned<String>>,
    pub limits: LimitsSection,
}

/// `[limits]`: how much of its input a run may read.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsSection {
    /// Largest export file read: bytes, or a size such as "200MB" or "1GiB".
    #[serde(default)]
    pub max_file_size: Option<Spanned<SizeSetting>>,
}

/// A size as written in the file: a number of bytes or a string with a unit.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum SizeSetting {
    Bytes(i64),
    Text(String),
}

impl SizeSetting {
    pub fn bytes(&self) -> Result<u64, String> {
        match self {
            SizeSetting::Bytes(bytes) => match u64::try_from(*bytes) {
                Ok(bytes) if bytes > 0 => Ok(bytes),
                _ => Err(format!("{bytes} is not a size larger than zero")),
            },
            SizeSetting::Text(text) => crate::ingest::parse_size(text),
        }
    }
}

/// `[rules]`: which rules run.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesSection {
    /// Rule ids or names, areas, or severities; when given, only matching rules run.
    #[serde(default)]
    pub select: Vec<Spanned<String>>,
    /// Rule ids or names, areas, or severities that do not run.
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
}

/// One `[[waivers]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaiverEntry {
    pub rule: Spanned<String>,
    /// An object's id or display name, or the offending value itself (an excluded group ...).
    #[serde(default)]
    pub resource: Option<Spanned<String>>,
    /// A JSONPath over the canonical document (`m365lint normalize`).
    #[serde(default)]
    pub path: Option<Spanned<String>>,
    /// Limits the waiver to one tenant (its directory or file name), in a shared configuration.
    #[serde(default)]
    pub tenant: Option<Spanned<String>>,
    pub reason: Spanned<String>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub expires: Option<Spanned<toml::value::Datetime>>,
}

/// The typed view of the whole file; its errors carry spans into the file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TypedFile {
    #[serde(default)]
    #[allow(dead_code)] // read for validation; the raw table is what gets merged
    parameters: Option<Parameters>,
    #[serde(default)]
    rules: RulesSection,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    waivers: Vec<Spanned<WaiverEntry>>,
    #[serde(default)]
    policies: Vec<Spanned<String>>,
    #[serde(default)]
    limits: LimitsSection,
}

impl ConfigFile {
    pub fn read(path: &Path) -> Result<ConfigFile, Problem> {
        let display = path.display().to_string();
        // A configuration is a few KiB; the export limit bounds it all the same.
        let text = read_text_limited(path, DEFAULT_MAX_FILE_SIZE).map_err(|error| Problem {
            code: ConfigCode::Unreadable.code().into(),
            message: format!("cannot read {display}: {error}"),
            help: None,
            file: Some(display.clone()),
            location: None,
            label: None,
        })?;
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        ConfigFile::parse(display, text, dir)
    }

    /// A configuration file's text, read from `path` (how diagnostics name it); relative
    /// policy directories are taken from `dir`.
    pub fn parse(path: String, text: String, dir: PathBuf) -> Result<ConfigFile, Problem> {
        let source = Arc::new(SourceFile::new(path, text));
        let typed: TypedFile = toml::from_str(&source.text).map_err(|error| syntax_problem(&source, &error))?;
        let mut table: toml::Table = toml::from_str(&source.text).map_err(|error| syntax_problem(&source, &error))?;
        let parameters = match table.remove("parameters") {
            Some(toml::Value::Table(parameters)) => parameters,
            _ => toml::Table::new(),
        };
        Ok(ConfigFile {
            source,
            dir,
            parameters,
            rules: typed.rules,
            severity: typed.severity,
            waivers: typed.waivers,
            policies: typed.policies,
            limits: typed.limits,
        })
    }

    /// A problem at a span of this file.
    pub fn problem(&self, code: ConfigCode, span: std::ops::Range<usize>, message: String, label: &str) -> Problem {
        config_problem(&self.source, code, span, message, label)
    }
}

fn syntax_problem(source: &Arc<SourceFile>, error: &toml::de::Error) -> Problem {
    let message = error.message().to_owned();
    match error.span() {
        Some(span) => config_problem(source, ConfigCode::Invalid, span, message.clone(), &message),
        None => Problem {
            code: ConfigCode::Invalid.code().into(),
            message: format!("{}: {message}", source.path),
            help: ConfigCode::Invalid.help().map(str::to_owned),
            file: Some(source.path.clone()),
            location: None,
            label: None,
        },
    }
}

/// Where a span of a configuration file is.
pub fn location(source: &Arc<SourceFile>, span: std::ops::Range<usize>) -> crate::model::Location {
    SourceTree::location_at_offset(source, span.start, span.end.saturating_sub(span.start).max(1))
}
