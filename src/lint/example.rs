//! A rule's failing example, linted in memory (`m365lint explain`): the embedded fixture is
//! read with [`read_tenant`] and evaluated with that rule alone and the fixture's parameters,
//! exactly as `m365lint check --select <ID>` would lint it from disk.

use super::evaluate;
use crate::config::{Config, Overrides};
use crate::engine::PolicyEngine;
use crate::ingest::{FileBytes, read_tenant};
use crate::model::{Problem, RuleMeta};
use crate::registry::Catalog;
use crate::registry::examples::EmbeddedExample;
use crate::report::{Report, TenantReport};

/// Lints `example` with `rule` alone. The parameters are the example's own (its
/// `m365lint.toml`), never the user's, so the example fails as it was written to. Problems are
/// returned when the example cannot be read or the rule cannot be evaluated: a bug in the
/// build, reported rather than hidden.
pub fn lint_example(catalog: &Catalog, rule: &RuleMeta, example: &EmbeddedExample) -> Result<Report, Vec<Problem>> {
    let config_path = format!("{}/m365lint.toml", example.path.rsplit_once('/').map_or("", |(dir, _)| dir));
    let config = match example.config {
        Some(text) => Config::from_text(&config_path, text).map_err(|problem| vec![problem])?,
        None => Config::default(),
    };
    let overrides = Overrides { select: vec![rule.id.as_str().to_owned()], ignore: Vec::new(), max_file_size: None };
    let settings = config.settings(catalog, &overrides)?;
    let engine = PolicyEngine::load(catalog, &settings.parameters.to_data()).map_err(|errors| {
        errors
            .iter()
            .map(|error| Problem {
                code: "m365lint::policy::rego_error".into(),
                message: format!("the policies cannot be loaded to run the example: {error}"),
                help: None,
                file: None,
                location: None,
                label: None,
            })
            .collect::<Vec<_>>()
    })?;
    let files: Vec<FileBytes> = example
        .files
        .iter()
        .map(|(path, bytes)| FileBytes { path: (*path).to_owned(), bytes: bytes.to_vec() })
        .collect();
    let name = example.path.rsplit('/').next().unwrap_or(example.path).trim_end_matches(".json");
    let tenant = read_tenant(name, example.path, &files)?;
    let results = evaluate(&tenant, &settings.rules, &engine);
    let report = TenantReport {
        name: tenant.name.clone(),
        path: tenant.path.clone(),
        areas: tenant.areas.clone(),
        problems: Vec::new(),
        results,
        warnings: tenant.warnings.clone(),
    };
    Ok(Report::new(vec![report], settings.rules, Vec::new(), Vec::new()))
}
