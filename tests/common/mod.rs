//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use m365lint::config::{Config, Overrides};
use m365lint::engine::PolicyEngine;
use m365lint::lint::{Prepared, Run as LintRun};
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

/// Everything a run through the library needs, set up as `check` does, with the configuration
/// file at `config` (relative to the repository root, which becomes the working directory).
pub fn setup_with_config(config: &str) -> Prepared {
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("cd to the repository root");
    setup(Config::load(Path::new(config)).expect("fixture config loads"))
}

/// The built-in catalog, and the custom policies the configuration names, with `config`; the
/// settings they resolve to and a prepared engine, as `check` prepares them.
pub fn setup(config: Config) -> Prepared {
    let catalog = Catalog::load(&config.policy_dirs()).expect("the catalog loads");
    let overrides = Overrides::default();
    let settings = config.settings(&catalog, &overrides).expect("configuration resolves");
    let engine = PolicyEngine::load(&catalog, &settings.parameters.to_data()).expect("policies load");
    Prepared { config, catalog, overrides, settings, engine, baseline: None }
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

/// A run with every kind of entry a report has, in a temporary directory: the waiver
/// configuration (waived findings, an expired and an unmatched waiver) selecting some rules, with
/// a custom rule that fails to evaluate wherever there is Conditional Access (TEST001); a tenant
/// (`own-rules`) whose own configuration selects a rule the run does not (CA001, which sorts
/// before every rule of the run) and has a waiver that matches nothing; and, from the fixtures,
/// tenants that are rejected or lack areas (rules not assessed).
pub struct Mixed {
    /// Holds the files until the run is over.
    pub dir: tempfile::TempDir,
    pub config: PathBuf,
    pub paths: Vec<String>,
}

impl Mixed {
    pub fn new() -> Mixed {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().expect("a temporary directory");
        let custom = dir.path().join("custom");
        std::fs::create_dir(&custom).expect("create the policy directory");
        let broken = custom_policy("TEST001", "broken", "\tcount(input.tenant.id) > 0");
        std::fs::write(custom.join("broken.rego"), broken).expect("write the policy");
        let waivers = std::fs::read_to_string(root.join("fixtures/config/waivers/contoso.toml"))
            .expect("the waiver configuration reads");
        let config = dir.path().join("m365lint.toml");
        let selection = "[rules]\nselect = [\"CA009\", \"CA010\", \"TEST001\", \"intune\"]\n";
        std::fs::write(&config, format!("policies = [\"custom\"]\n\n{selection}\n{waivers}"))
            .expect("write the configuration");
        let own = dir.path().join("own-rules");
        std::fs::create_dir(&own).expect("create the tenant");
        std::fs::copy(
            root.join("fixtures/tenants/contoso/conditional-access-policies.json"),
            own.join("conditional-access-policies.json"),
        )
        .expect("copy the export");
        std::fs::write(
            own.join("m365lint.toml"),
            "[rules]\nselect = [\"CA001\", \"CA009\", \"CA010\"]\n\n[[waivers]]\nrule = \"CA009\"\n\
             resource = \"No such policy\"\nreason = \"A decision about a policy since deleted\"\n",
        )
        .expect("write the tenant's configuration");
        let mut paths = vec![own.display().to_string()];
        paths.extend(
            [
                "fixtures/tenants/contoso",
                "fixtures/tenants/northwind",
                "fixtures/broken/empty.json",
                "fixtures/ingest/intune/graph-v1-bare-array.json",
                "fixtures/broken/cut-off-download.json",
            ]
            .map(str::to_owned),
        );
        Mixed { dir, config, paths }
    }

    pub fn path_bufs(&self) -> Vec<PathBuf> {
        self.paths.iter().map(PathBuf::from).collect()
    }
}
