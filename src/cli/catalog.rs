//! `m365lint policies` and `m365lint explain`.

use std::path::PathBuf;

use super::output::{print_diagnostics, write_stdout};
use super::setup::fail;
use super::{ConfigArgs, ExplainArgs, ListFormat, PoliciesArgs};
use crate::config::Config;
use crate::registry::{Catalog, pages};

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
    let text = pages::page(rule, width);
    write_stdout(|out| out.write_all(text.as_bytes()));
    0
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
