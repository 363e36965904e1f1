//! Helpers shared by the robustness tests (fuzz regressions, property tests, mutations):
//! `check` run in-process with the built-in rules, and what every location must satisfy.
#![allow(dead_code)] // each test file uses some of these

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use m365lint::config::Config;
use m365lint::lint::lint;
use m365lint::model::{PathSegment, Problem, Severity};
use m365lint::report::{Format, HumanOptions, RenderOptions, Report, render};
use serde_json::Value;

// Every test file that uses this module declares `mod common` too.
use crate::common::setup;
use m365lint::lint::Prepared;

/// `m365lint check PATH` without a process: the built-in rules, no configuration, every
/// output format rendered to memory. The catalog and engine are built once and reused.
pub struct Checker {
    setup: Prepared,
}

/// What one in-process `check` produced: its exit code and report, or the panic's message.
pub struct Checked {
    pub code: u8,
    pub report: Report,
}

impl Checker {
    pub fn new() -> Self {
        Checker { setup: setup(Config::default()) }
    }

    /// Lints one tenant path and renders the report in every format, as `check` does with the
    /// default `--fail-on low`. A panic anywhere is returned as its message.
    pub fn check(&self, path: &Path) -> Result<Checked, String> {
        let run = self.setup.run();
        catch_unwind(AssertUnwindSafe(|| {
            let report = lint(&[PathBuf::from(path)], &run);
            render_every_format(&report);
            Checked { code: report.exit_code(Severity::Low), report }
        }))
        .map_err(|panic| panic_message(panic.as_ref()))
    }
}

impl Checker {
    /// Reads a configuration file as `check --config FILE` does and resolves it against the
    /// built-in catalog: the problems that would make `check` exit 2 (none when it is valid).
    /// A panic is returned as its message.
    pub fn config_problems(&self, path: &Path) -> Result<Vec<Problem>, String> {
        catch_unwind(AssertUnwindSafe(|| match Config::load(path) {
            Ok(config) => config.settings(&self.setup.catalog, &self.setup.overrides).err().unwrap_or_default(),
            Err(problem) => vec![problem],
        }))
        .map_err(|panic| panic_message(panic.as_ref()))
    }
}

fn render_every_format(report: &Report) {
    let options = RenderOptions { human: HumanOptions::plain(), base_dir: None };
    for format in Format::ALL {
        let mut out = Vec::new();
        render(format, report, &options, &mut out).expect("rendering to memory cannot fail");
        if format != Format::Html {
            assert!(!out.is_empty(), "{} output is empty", format.name());
        }
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

/// Every problem of a report (run-level and per tenant).
pub fn problems(report: &Report) -> impl Iterator<Item = &Problem> {
    report.problems.iter().chain(report.tenants.iter().flat_map(|tenant| tenant.problems.iter()))
}

/// Every path of a JSON document (objects' members and lists' items, at every depth).
pub fn every_path(value: &Value) -> Vec<(Vec<PathSegment>, &Value)> {
    fn walk<'v>(value: &'v Value, path: &mut Vec<PathSegment>, out: &mut Vec<(Vec<PathSegment>, &'v Value)>) {
        out.push((path.clone(), value));
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    path.push(PathSegment::Key(key.clone()));
                    walk(child, path, out);
                    path.pop();
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate() {
                    path.push(PathSegment::Index(index));
                    walk(child, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut Vec::new(), &mut out);
    out
}
