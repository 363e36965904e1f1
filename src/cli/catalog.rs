//! `m365lint policies` and `m365lint explain`.

use std::path::PathBuf;

use super::output::{print_diagnostics, write_stdout};
use super::setup::fail;
use super::{ConfigArgs, ExplainArgs, ListFormat, PoliciesArgs};
use crate::config::Config;
use crate::lint::lint_example;
use crate::model::{Problem, RuleMeta};
use crate::registry::examples::{self, EmbeddedExample};
use crate::registry::{Catalog, pages};
use crate::report::{HumanOptions, render_human};

pub fn list(args: &PoliciesArgs) -> u8 {
    let catalog = match load(&args.config, &args.policies) {
        Ok(catalog) => catalog,
        Err(code) => return code,
    };
    let text = match args.format {
        ListFormat::Human => pages::listing(catalog.rules()),
        ListFormat::Json => pages::listing_json(catalog.rules()),
        ListFormat::Markdown => pages::markdown(catalog.rules()),
    };
    write_stdout(|out| out.write_all(text.as_bytes()));
    0
}

pub fn explain(args: &ExplainArgs) -> u8 {
    let catalog = match load(&args.config, &args.policies) {
        Ok(catalog) => catalog,
        Err(code) => return code,
    };
    let Some(rule) = catalog.find(&args.rule) else {
        eprintln!("m365lint: there is no rule '{}'; `m365lint policies` lists them", args.rule);
        return 2;
    };
    let width = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(100);
    let mut text = pages::page(rule, width);
    if rule.builtin
        && let Some(example) = examples::example(rule.id.as_str())
    {
        match failing_example(&catalog, rule, example, width) {
            Ok(section) => text.push_str(&section),
            Err(problems) => return fail(&problems),
        }
    }
    write_stdout(|out| out.write_all(text.as_bytes()));
    0
}

/// The "Failing example" section: the rule's embedded failing fixture, linted in memory with
/// this rule alone, and its findings drawn as `check` draws them.
fn failing_example(
    catalog: &Catalog,
    rule: &RuleMeta,
    example: &EmbeddedExample,
    width: usize,
) -> Result<String, Vec<Problem>> {
    let report = lint_example(catalog, rule, example)?;
    let mut rendered = Vec::new();
    render_human(&report, HumanOptions { color: false, width }, &mut rendered).map_err(|error| {
        vec![Problem {
            code: "m365lint::explain::render".into(),
            message: format!("cannot draw the failing example: {error}"),
            help: None,
            file: None,
            location: None,
            label: None,
        }]
    })?;
    let settings = example.config.map_or(String::new(), |_| " and the parameters beside it".to_owned());
    Ok(format!(
        "\nFailing example\n  {}, linted with this rule alone{settings} (m365lint check --select {}):\n\n{}",
        example.path,
        rule.id,
        String::from_utf8_lossy(&rendered)
    ))
}

/// The built-in catalog, plus the configuration's and the command line's policy directories.
fn load(config: &ConfigArgs, policies: &[PathBuf]) -> Result<Catalog, u8> {
    let config = Config::discover(config.config.as_deref()).map_err(|problem| fail(&[problem]))?;
    let mut dirs = config.policy_dirs();
    dirs.extend(policies.iter().cloned());
    Catalog::load(&dirs).map_err(|errors| {
        print_diagnostics(errors.iter().map(|e| e as &dyn miette::Diagnostic));
        2
    })
}
