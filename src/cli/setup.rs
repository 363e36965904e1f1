//! What `check` and `diff` share: the configuration, the catalog (built-in policies plus the
//! user's), the run's settings and a prepared engine. Any failure is printed and is exit 2.

use std::path::PathBuf;

use super::ConfigArgs;
use super::output::print_diagnostics;
use crate::config::{Config, Overrides};
use crate::diagnostics::ProblemDiagnostic;
use crate::engine::PolicyEngine;
use crate::lint::{Baseline, Prepared};
use crate::model::Problem;
use crate::registry::Catalog;

/// Prints what went wrong and returns `Err(2)` when the run cannot start.
pub fn prepare(
    config_args: &ConfigArgs,
    policy_dirs: &[PathBuf],
    overrides: Overrides,
    baseline: Option<&std::path::Path>,
) -> Result<Prepared, u8> {
    let config = Config::discover(config_args.config.as_deref()).map_err(|problem| fail(&[problem]))?;
    let mut dirs = config.policy_dirs();
    dirs.extend(policy_dirs.iter().cloned());
    let catalog = Catalog::load(&dirs).map_err(|errors| {
        print_diagnostics(errors.iter().map(|e| e as &dyn miette::Diagnostic));
        2
    })?;
    let settings = config.settings(&catalog, &overrides).map_err(|problems| fail(&problems))?;
    let engine = PolicyEngine::load(&catalog, &settings.parameters.to_data()).map_err(|errors| {
        print_diagnostics(errors.iter().map(|e| e as &dyn miette::Diagnostic));
        2
    })?;
    let baseline = baseline
        .map(|path| Baseline::load(path, settings.limits.max_file_size))
        .transpose()
        .map_err(|problem| fail(&[problem]))?;
    Ok(Prepared { config, catalog, overrides, settings, engine, baseline })
}

/// Prints problems that stop the run; returns the exit code.
pub fn fail(problems: &[Problem]) -> u8 {
    let diagnostics: Vec<ProblemDiagnostic> = problems.iter().map(ProblemDiagnostic::new).collect();
    print_diagnostics(diagnostics.iter().map(|d| d as &dyn miette::Diagnostic));
    2
}
