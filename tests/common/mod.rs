//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use m365lint::config::{Config, Overrides, Settings};
use m365lint::engine::PolicyEngine;
use m365lint::lint::Run as LintRun;
use m365lint::registry::{Catalog, PolicySource, embedded_sources};
use m365lint::report::{HumanOptions, Report, render_human, render_json};

/// The output of one CLI run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the built binary from the repository root, with no colour and a fixed width.
pub fn m365lint(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_m365lint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .expect("the m365lint binary runs");
    Run {
        code: output.status.code().expect("m365lint exits normally, not by a signal"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Everything a run through the library needs, set up as `check` does: a configuration, the
/// built-in catalog, the settings they resolve to and a prepared engine.
pub struct Setup {
    pub config: Config,
    pub catalog: Catalog,
    pub overrides: Overrides,
    pub settings: Settings,
    pub engine: PolicyEngine,
}

impl Setup {
    /// The built-in catalog with the configuration file at `config` (relative to the repository
    /// root, which becomes the working directory).
    pub fn with_config(config: &str) -> Setup {
        std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("cd to the repository root");
        Setup::new(Config::load(Path::new(config)).expect("fixture config loads"))
    }

    /// The built-in catalog with `config`.
    pub fn new(config: Config) -> Setup {
        let catalog = Catalog::load(&[]).expect("the built-in catalog loads");
        let overrides = Overrides::default();
        let settings = config.settings(&catalog, &overrides).expect("configuration resolves");
        let engine = PolicyEngine::load(&catalog, &settings.parameters.to_data()).expect("policies load");
        Setup { config, catalog, overrides, settings, engine }
    }

    pub fn run(&self) -> LintRun<'_> {
        LintRun {
            catalog: &self.catalog,
            config: &self.config,
            overrides: &self.overrides,
            settings: &self.settings,
            engine: &self.engine,
            baseline: None,
        }
    }
}

/// Lints `paths` (relative to the repository root) through the library, with the built-in
/// catalog plus `extra` policy sources and an optional config file.
pub fn lint_with(paths: &[&str], config: Option<&str>, extra: Vec<PolicySource>) -> Report {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(root).expect("cd to the repository root");
    let config =
        config.map_or_else(Config::default, |path| Config::load(Path::new(path)).expect("fixture config loads"));
    let mut sources = embedded_sources();
    sources.extend(extra);
    let catalog = Catalog::build(sources).expect("catalog builds");
    lint_catalog(paths, &config, &catalog, &Overrides::default())
}

/// Lints through the library with a given configuration and catalog, as `check` does.
pub fn lint_catalog(paths: &[&str], config: &Config, catalog: &Catalog, overrides: &Overrides) -> Report {
    let settings = config.settings(catalog, overrides).expect("configuration resolves");
    let engine = PolicyEngine::load(catalog, &settings.parameters.to_data()).expect("policies load");
    let run = LintRun { catalog, config, overrides, settings: &settings, engine: &engine, baseline: None };
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    m365lint::lint::lint(&paths, &run)
}

pub fn lint(paths: &[&str], config: Option<&str>) -> Report {
    lint_with(paths, config, Vec::new())
}

pub fn human(report: &Report) -> String {
    let mut out = Vec::new();
    render_human(report, HumanOptions::plain(), &mut out).expect("render to memory");
    String::from_utf8(out).expect("human output is UTF-8")
}

pub fn json(report: &Report) -> String {
    let mut out = Vec::new();
    render_json(report, &mut out).expect("render to memory");
    String::from_utf8(out).expect("JSON output is UTF-8")
}

/// The tool version changes with releases; snapshots should not.
pub fn without_version(text: &str) -> String {
    text.replace(env!("CARGO_PKG_VERSION"), "[version]")
}

/// A custom policy file with complete METADATA: rule `id` in package `custom.<package>`, whose
/// `deny` rule has `body` (Rego, one statement a line).
pub fn custom_policy(id: &str, package: &str, body: &str) -> String {
    format!(
        "# METADATA\n# title: Custom {id}\n# description: A test policy.\n# custom:\n#   id: {id}\n\
         #   name: custom-{package}\n#   severity: low\n#   area: conditional_access\n\
         #   requires: [conditional_access]\n#   rationale: A test.\n#   remediation: None.\n\
         #   references: []\npackage custom.{package}\n\nimport rego.v1\n\n\
         deny contains {{\"path\": [\"conditional_access\", \"policies\"], \"message\": \"found\"}} if {{\n{body}\n}}\n"
    )
}
