//! What the report tests share: the whole-tenant samples every format is snapshot-tested on,
//! a report with every outcome kind, and rendering to a string.
#![allow(dead_code)]

use m365lint::registry::PolicySource;
use m365lint::report::{Format, RenderOptions, Report, render};

#[path = "../common/mod.rs"]
mod common;

pub use common::{m365lint, without_version};
// For the tests that run the linter through the library; the others do not use them.
#[allow(unused_imports)]
pub use common::{Mixed, setup_with_config};

/// The CLI runner, for the test files that use it.
pub fn cli(args: &[&str]) -> common::Run {
    m365lint(args)
}

/// A whole-tenant sample: tenant paths and an optional configuration file. Add bigger samples
/// here and every format is snapshot-tested on them.
pub struct Sample {
    /// Names the snapshots (`report_formats__<name>.<format>.snap`).
    pub name: &'static str,
    pub paths: &'static [&'static str],
    pub config: Option<&'static str>,
}

pub const SAMPLES: &[Sample] = &[Sample {
    name: "contoso-with-waivers",
    paths: &["fixtures/tenants/contoso"],
    config: Some("fixtures/config/waivers/contoso.toml"),
}];

impl Sample {
    pub fn report(&self) -> Report {
        common::lint(self.paths, self.config)
    }

    /// The same run through the command line (`check PATHS [--config FILE]`).
    pub fn args(&self) -> Vec<&'static str> {
        let mut args = vec!["check"];
        args.extend(self.paths);
        if let Some(config) = self.config {
            args.extend(["--config", config]);
        }
        args
    }
}

/// The report in `format`, as the command line renders it into a file (no colour, fixed
/// width), with the tool version masked.
pub fn rendered(format: Format, report: &Report) -> String {
    let mut out = Vec::new();
    render(format, report, &RenderOptions::plain(), &mut out).expect("render to memory");
    without_version(&String::from_utf8(out).expect("every format is UTF-8"))
}

/// Text that exports control, with everything formats must escape: markup, a workflow command
/// after a line break, a spreadsheet formula, percent signs, pipes, commas and colons.
pub const HOSTILE: &str =
    "=HYPERLINK(\"http://127.0.0.1:9/\") <img src=http://127.0.0.1:9/x.png> 100%, a|b: *bold*\n::error::injected";

/// Contoso's Conditional Access export alone, with the waiver configuration (fail, waived), a
/// rejected export, and custom rules that pass (TEST002), fail to evaluate (TEST001), need an
/// export the tenant lacks (TEST003: the Conditional Access file is linted without the rest of
/// the Contoso sample, so Intune is missing), and report hostile text (TEST004): every outcome
/// kind through the real pipeline.
pub fn every_outcome() -> Report {
    let policy = |name: &str, id: &str, area: &str, requires: &str, severity: &str, rule: &str| {
        PolicySource::new(
            format!("custom/{name}.rego"),
            format!(
                "# METADATA\n# title: Test rule {id}\n# description: A rule of the report tests.\n# custom:\n\
                 #   id: {id}\n#   name: {}\n#   severity: {severity}\n#   area: {area}\n#   requires: [{requires}]\n\
                 #   rationale: Tests every outcome.\n#   remediation: Fix `it`.\npackage custom.{name}\n\nimport rego.v1\n\n{rule}\n",
                name.replace('_', "-")
            ),
            false,
        )
    };
    let hostile = serde_json::to_string(HOSTILE).expect("a string serializes");
    let sources = vec![
        policy(
            "broken_rule",
            "TEST001",
            "conditional_access",
            "conditional_access",
            "high",
            "deny contains {\"path\": [], \"message\": \"boom\"} if {\n\tcount(input.tenant.id) > 0\n}",
        ),
        policy(
            "always_passes",
            "TEST002",
            "zero_trust",
            "conditional_access",
            "high",
            "deny contains {\"path\": [], \"message\": \"never\"} if {\n\tfalse\n}",
        ),
        policy(
            "needs_intune",
            "TEST003",
            "intune",
            "intune",
            "medium",
            "deny contains {\"path\": [\"intune\"], \"message\": \"never\"} if {\n\tfalse\n}",
        ),
        policy(
            "hostile_text",
            "TEST004",
            "conditional_access",
            "conditional_access",
            "low",
            &format!(
                "deny contains {{\"path\": [\"conditional_access\", \"policies\", 0, \"displayName\"], \"message\": {hostile}}} if {{\n\ttrue\n}}"
            ),
        ),
    ];
    let mut all = m365lint::registry::embedded_sources();
    all.extend(sources);
    let catalog = m365lint::registry::Catalog::build(all).expect("the catalog builds");
    let config = m365lint::config::Config::load(std::path::Path::new("fixtures/config/waivers/contoso.toml"))
        .expect("the waiver configuration loads");
    // The rules are pinned, so that new built-in rules do not change what this report holds.
    let select = ["CA001", "CA002", "CA009", "CA010", "CA014", "TEST001", "TEST002", "TEST003", "TEST004"];
    let overrides = m365lint::config::Overrides {
        select: select.map(str::to_owned).to_vec(),
        ignore: Vec::new(),
        max_file_size: None,
    };
    common::lint_catalog(
        &["fixtures/tenants/contoso/conditional-access-policies.json", "fixtures/broken/sdk-without-depth.json"],
        &config,
        &catalog,
        &overrides,
    )
}
