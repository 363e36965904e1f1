use super::output::{human_options, print_diagnostics, write_stdout};
use super::{CheckArgs, Format};
use crate::config::Config;
use crate::diagnostics::ProblemDiagnostic;
use crate::engine::PolicyEngine;
use crate::registry::Catalog;
use crate::report::{render_human, render_json};

pub fn run(args: &CheckArgs) -> u8 {
    let config = match Config::discover(args.config.config.as_deref()) {
        Ok(config) => config,
        Err(problem) => {
            print_diagnostics([&ProblemDiagnostic::new(&problem) as &dyn miette::Diagnostic]);
            return 2;
        }
    };
    let catalog = match Catalog::load(&[]) {
        Ok(catalog) => catalog,
        Err(errors) => {
            print_diagnostics(errors.iter().map(|e| e as &dyn miette::Diagnostic));
            return 2;
        }
    };
    let engine = match PolicyEngine::load(&catalog, &config.parameters.to_data()) {
        Ok(engine) => engine,
        Err(errors) => {
            print_diagnostics(errors.iter().map(|e| e as &dyn miette::Diagnostic));
            return 2;
        }
    };
    let report = crate::lint::lint(&args.paths, catalog.rules(), &engine);
    match args.format {
        Format::Human => {
            let options = human_options();
            write_stdout(|out| render_human(&report, options, out));
        }
        Format::Json => write_stdout(|out| render_json(&report, out)),
    }
    report.exit_code(args.fail_on)
}
