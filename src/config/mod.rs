//! `m365lint.toml`: parameters, rule selection, severity overrides, waivers and custom policy
//! directories. The run's file (working directory or `--config`) is one layer; a tenant
//! directory's own `m365lint.toml` is merged over it for that tenant. Every problem points
//! into the file it comes from.

mod file;
mod parameters;
mod problem;
mod selection;
mod template;
mod waiver;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use file::{ConfigFile, LimitsSection, RulesSection, SizeSetting, WaiverEntry};
pub use parameters::{Parameters, Platform, ThreatLevel, Workload};
pub use problem::ConfigCode;
pub use selection::{Selection, Selector};
pub use template::template;
pub use waiver::{Waiver, WaiverScope, WaiverTarget};

use crate::ingest::Limits;
use crate::model::{Problem, RuleMeta, Severity, WaiverInfo};
use crate::registry::Catalog;

/// The file name m365lint looks for in the working directory and in tenant directories.
pub const CONFIG_FILE: &str = "m365lint.toml";

/// The run's configuration file, if there is one.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub file: Option<ConfigFile>,
}

impl Config {
    /// `--config FILE` when given (it must exist), else `m365lint.toml` in the working
    /// directory when present, else none.
    pub fn discover(explicit: Option<&Path>) -> Result<Config, Problem> {
        match explicit {
            Some(path) => Config::load(path),
            None => {
                let path = Path::new(CONFIG_FILE);
                if path.is_file() { Config::load(path) } else { Ok(Config::default()) }
            }
        }
    }

    pub fn load(path: &Path) -> Result<Config, Problem> {
        ConfigFile::read(path).map(|file| Config { file: Some(file) })
    }

    /// A configuration held in memory; `path` names it in diagnostics.
    pub fn from_text(path: &str, text: &str) -> Result<Config, Problem> {
        ConfigFile::parse(path.to_owned(), text.to_owned(), PathBuf::new()).map(|file| Config { file: Some(file) })
    }

    /// Custom policy directories the file names, relative to the file.
    pub fn policy_dirs(&self) -> Vec<PathBuf> {
        let Some(file) = &self.file else { return Vec::new() };
        file.policies.iter().map(|dir| file.dir.join(dir.get_ref())).collect()
    }

    /// The parameters of this file over the defaults (for `m365lint test`, which needs no
    /// catalog).
    pub fn parameters(&self) -> Result<Parameters, Problem> {
        let layers: Vec<(&ConfigFile, WaiverScope)> = self.file.iter().map(|f| (f, WaiverScope::Run)).collect();
        merged_parameters(&layers)
    }

    /// The run's settings (this file alone), checked against the catalog.
    pub fn settings(&self, catalog: &Catalog, overrides: &Overrides) -> Result<Settings, Vec<Problem>> {
        let layers: Vec<(&ConfigFile, WaiverScope)> = self.file.iter().map(|f| (f, WaiverScope::Run)).collect();
        resolve(&layers, catalog, overrides)
    }
}

/// Command-line adjustments, applied over every configuration layer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// Replaces the configuration's `select` when not empty.
    pub select: Vec<String>,
    /// Added to the configuration's `ignore`.
    pub ignore: Vec<String>,
    /// `--max-file-size`: replaces the configuration's `[limits] max_file_size`.
    pub max_file_size: Option<u64>,
}

/// Everything that decides how one tenant is linted.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub parameters: Parameters,
    /// The rules that run, with severity overrides applied, sorted by id.
    pub rules: Vec<Arc<RuleMeta>>,
    pub waivers: Vec<Waiver>,
    /// How much of the tenant's exports may be read.
    pub limits: Limits,
}

/// Merges configuration layers (outermost first) and checks them against the catalog.
/// Returns every problem found, not just the first.
pub fn resolve(
    layers: &[(&ConfigFile, WaiverScope)],
    catalog: &Catalog,
    overrides: &Overrides,
) -> Result<Settings, Vec<Problem>> {
    let mut problems = Vec::new();

    let parameters = merged_parameters(layers).unwrap_or_else(|problem| {
        problems.push(problem);
        Parameters::default()
    });

    // Severity overrides first: severity selectors see the severities that will be reported.
    let mut severities: BTreeMap<String, Severity> = BTreeMap::new();
    for (file, _) in layers {
        for (rule, severity) in &file.severity {
            let Some(meta) = catalog.find(rule.get_ref()) else {
                problems.push(unknown_rule(file, rule));
                continue;
            };
            match severity.get_ref().parse::<Severity>() {
                Ok(severity) => {
                    severities.insert(meta.id.to_string(), severity);
                }
                Err(message) => {
                    problems.push(file.problem(ConfigCode::InvalidSeverity, severity.span(), message, "not a severity"))
                }
            }
        }
    }
    let rules: Vec<Arc<RuleMeta>> = catalog
        .rules()
        .iter()
        .map(|rule| match severities.get(rule.id.as_str()) {
            Some(severity) if *severity != rule.severity => {
                Arc::new(RuleMeta { severity: *severity, ..(**rule).clone() })
            }
            _ => Arc::clone(rule),
        })
        .collect();

    let mut selection = Selection::default();
    for (file, _) in layers {
        let select = selectors(file, &file.rules.select, catalog, &mut problems);
        if !file.rules.select.is_empty() {
            selection.select = select;
        }
        selection.ignore.extend(selectors(file, &file.rules.ignore, catalog, &mut problems));
    }
    let cli_selector = |text: &String, problems: &mut Vec<Problem>| {
        let parsed = Selector::parse(text, catalog);
        if parsed.is_none() {
            problems.push(cli_problem(format!("--select/--ignore: '{text}' is not a rule, an area or a severity")));
        }
        parsed
    };
    if !overrides.select.is_empty() {
        selection.select = overrides.select.iter().filter_map(|s| cli_selector(s, &mut problems)).collect();
    }
    selection.ignore.extend(overrides.ignore.iter().filter_map(|s| cli_selector(s, &mut problems)));

    let mut limits = Limits::default();
    for (file, _) in layers {
        if let Some(size) = &file.limits.max_file_size {
            match size.get_ref().bytes() {
                Ok(bytes) => limits.max_file_size = bytes,
                Err(message) => problems.push(file.problem(ConfigCode::Invalid, size.span(), message, "not a size")),
            }
        }
    }
    if let Some(bytes) = overrides.max_file_size {
        limits.max_file_size = bytes;
    }

    let mut waivers = Vec::new();
    for (file, scope) in layers {
        for entry in &file.waivers {
            match waiver(file, entry, *scope, catalog) {
                Ok(waiver) => waivers.push(waiver),
                Err(found) => problems.extend(found),
            }
        }
        if *scope == WaiverScope::Tenant
            && let Some(dir) = file.policies.first()
        {
            problems.push(file.problem(
                ConfigCode::PolicyDirectory,
                dir.span(),
                "custom policies can only be added in the run's configuration, not in a tenant's".into(),
                "not allowed here",
            ));
        }
    }

    if problems.is_empty() {
        Ok(Settings { parameters, rules: selection.apply(&rules), waivers, limits })
    } else {
        // In the order a reader meets them in the files.
        problems.sort_by_key(|p| p.location.as_ref().map(|l| (l.source.path.clone(), l.offset)));
        Err(problems)
    }
}

/// Each layer's `[parameters]` merged over the previous ones, key by key.
fn merged_parameters(layers: &[(&ConfigFile, WaiverScope)]) -> Result<Parameters, Problem> {
    let mut merged = toml::Table::new();
    for (file, _) in layers {
        merge_tables(&mut merged, &file.parameters);
    }
    let parameters: Parameters = toml::Value::Table(merged).try_into().map_err(|error: toml::de::Error| {
        cli_problem(format!("the merged [parameters] are invalid: {}", error.message()))
    })?;
    parameters.validate().map_err(|message| {
        let file = layers.last().map_or_else(String::new, |(file, _)| format!("{}: ", file.source.path));
        Problem {
            code: ConfigCode::Invalid.code().into(),
            message: format!("{file}{message}"),
            help: ConfigCode::Invalid.help().map(str::to_owned),
            file: layers.last().map(|(file, _)| file.source.path.clone()),
            location: None,
            label: None,
        }
    })?;
    Ok(parameters)
}

fn merge_tables(into: &mut toml::Table, from: &toml::Table) {
    for (key, value) in from {
        match (into.get_mut(key), value) {
            (Some(toml::Value::Table(existing)), toml::Value::Table(incoming)) => merge_tables(existing, incoming),
            _ => {
                into.insert(key.clone(), value.clone());
            }
        }
    }
}

fn selectors(
    file: &ConfigFile,
    entries: &[toml::Spanned<String>],
    catalog: &Catalog,
    problems: &mut Vec<Problem>,
) -> Vec<Selector> {
    entries
        .iter()
        .filter_map(|entry| {
            let parsed = Selector::parse(entry.get_ref(), catalog);
            if parsed.is_none() {
                problems.push(file.problem(
                    ConfigCode::UnknownSelector,
                    entry.span(),
                    format!("'{}' is not a rule, an area or a severity", entry.get_ref()),
                    "unknown selector",
                ));
            }
            parsed
        })
        .collect()
}

fn waiver(
    file: &ConfigFile,
    entry: &toml::Spanned<WaiverEntry>,
    scope: WaiverScope,
    catalog: &Catalog,
) -> Result<Waiver, Vec<Problem>> {
    let origin = file::location(&file.source, entry.span());
    let entry = entry.get_ref();
    let mut problems = Vec::new();
    let rule = catalog.find(entry.rule.get_ref()).map(|rule| rule.id.clone());
    if rule.is_none() {
        problems.push(unknown_rule(file, &entry.rule));
    }
    if entry.reason.get_ref().trim().is_empty() {
        problems.push(file.problem(
            ConfigCode::InvalidWaiver,
            entry.reason.span(),
            "a waiver needs a reason: it documents why the finding is accepted".into(),
            "empty reason",
        ));
    }
    let target = match (&entry.resource, &entry.path) {
        (Some(_), Some(path)) => {
            problems.push(file.problem(
                ConfigCode::InvalidWaiver,
                path.span(),
                "a waiver has at most one target: `resource` or `path`, not both".into(),
                "second target",
            ));
            WaiverTarget::Rule
        }
        (Some(resource), None) => WaiverTarget::Resource(resource.get_ref().clone()),
        (None, Some(path)) => match jsonpath_rust::parser::parse_json_path(path.get_ref()) {
            Ok(_) => WaiverTarget::Path(path.get_ref().clone()),
            Err(error) => {
                let reason =
                    error.to_string().lines().last().unwrap_or_default().trim_start_matches(['=', ' ']).to_owned();
                problems.push(file.problem(
                    ConfigCode::InvalidJsonPath,
                    path.span(),
                    format!("'{}' is not a valid JSONPath: {reason}", path.get_ref()),
                    "invalid JSONPath",
                ));
                WaiverTarget::Rule
            }
        },
        (None, None) => WaiverTarget::Rule,
    };
    let expires = match &entry.expires {
        None => None,
        Some(value) => match date_of(value.get_ref()) {
            Some(date) => Some((date, file::location(&file.source, value.span()))),
            None => {
                problems.push(file.problem(
                    ConfigCode::InvalidDate,
                    value.span(),
                    format!("expires = {} is not a date", value.get_ref()),
                    "not a date",
                ));
                None
            }
        },
    };
    let (Some(rule), true) = (rule, problems.is_empty()) else { return Err(problems) };
    let today = jiff::Zoned::now().date();
    Ok(Waiver {
        rule,
        target,
        tenant: entry.tenant.as_ref().map(|t| t.get_ref().clone()),
        info: Arc::new(WaiverInfo {
            reason: entry.reason.get_ref().trim().to_owned(),
            owner: entry.owner.clone(),
            expires: expires.as_ref().map(|(date, _)| date.to_string()),
            location: Some(origin.clone()),
        }),
        expired: expires.as_ref().is_some_and(|(date, _)| *date < today),
        scope,
        origin,
        expires_at: expires.map(|(_, location)| location),
    })
}

/// A TOML date (`2026-12-31`): a date and nothing else.
fn date_of(value: &toml::value::Datetime) -> Option<jiff::civil::Date> {
    let date = value.date?;
    if value.time.is_some() || value.offset.is_some() {
        return None;
    }
    jiff::civil::Date::new(date.year as i16, date.month as i8, date.day as i8).ok()
}

fn unknown_rule(file: &ConfigFile, rule: &toml::Spanned<String>) -> Problem {
    file.problem(ConfigCode::UnknownRule, rule.span(), format!("there is no rule '{}'", rule.get_ref()), "unknown rule")
}

fn cli_problem(message: String) -> Problem {
    Problem {
        code: ConfigCode::Invalid.code().into(),
        message,
        help: ConfigCode::UnknownSelector.help().map(str::to_owned),
        file: None,
        location: None,
        label: None,
    }
}
