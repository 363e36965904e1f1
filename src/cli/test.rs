use std::fmt::Write as _;

use super::TestArgs;
use super::output::{print_diagnostics, write_stdout};
use crate::config::Config;
use crate::diagnostics::ProblemDiagnostic;
use crate::engine::{TestStatus, run_tests};
use crate::registry::{PolicyKind, embedded_sources, sources_from_dir};

pub fn run(args: &TestArgs) -> u8 {
    let config = match Config::discover(args.config.config.as_deref()) {
        Ok(config) => config,
        Err(problem) => {
            print_diagnostics([&ProblemDiagnostic::new(&problem) as &dyn miette::Diagnostic]);
            return 2;
        }
    };
    let sources = match &args.dir {
        None => embedded_sources(),
        Some(dir) => match sources_from_dir(dir) {
            Ok(mut own) => {
                // A user's policies build on the built-in library, unless they bring their own.
                if !own.iter().any(|s| s.kind == PolicyKind::Library) {
                    own.extend(embedded_sources().into_iter().filter(|s| s.kind == PolicyKind::Library));
                }
                own
            }
            Err(error) => {
                print_diagnostics([&error as &dyn miette::Diagnostic]);
                return 2;
            }
        },
    };
    let parameters = match config.parameters() {
        Ok(parameters) => parameters,
        Err(problem) => {
            print_diagnostics([&ProblemDiagnostic::new(&problem) as &dyn miette::Diagnostic]);
            return 2;
        }
    };
    let results = match run_tests(&sources, &parameters.to_data()) {
        Ok(results) => results,
        Err(errors) => {
            print_diagnostics(errors.iter().map(|e| e as &dyn miette::Diagnostic));
            return 2;
        }
    };

    let mut text = String::new();
    let (mut passed, mut failed, mut errors) = (0, 0, 0);
    for result in &results {
        let case = &result.case;
        let label = match &result.status {
            TestStatus::Passed => {
                passed += 1;
                "PASS "
            }
            TestStatus::Failed => {
                failed += 1;
                "FAIL "
            }
            TestStatus::Error(_) => {
                errors += 1;
                "ERROR"
            }
        };
        let _ = writeln!(text, "{label} {}:{} data.{}.{}", case.file, case.line, case.package, case.name);
        if let TestStatus::Error(message) = &result.status {
            let _ = writeln!(text, "      {message}");
        }
        if result.status != TestStatus::Passed {
            for print in &result.prints {
                let _ = writeln!(text, "      print: {print}");
            }
        }
    }
    let _ = writeln!(text, "\n{} tests: {passed} passed, {failed} failed, {errors} errors", results.len());
    write_stdout(|out| out.write_all(text.as_bytes()));
    if results.is_empty() {
        eprintln!("m365lint: no test_* rules found");
        2
    } else if errors > 0 {
        2
    } else if failed > 0 {
        1
    } else {
        0
    }
}
