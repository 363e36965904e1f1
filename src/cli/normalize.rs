use super::NormalizeArgs;
use super::output::{print_diagnostics, write_stdout};
use crate::diagnostics::ProblemDiagnostic;
use crate::ingest::load_tenant;

pub fn run(args: &NormalizeArgs) -> u8 {
    match load_tenant(&args.path) {
        Ok(tenant) => {
            write_stdout(|out| {
                serde_json::to_writer_pretty(&mut *out, &tenant.document)?;
                writeln!(out)
            });
            0
        }
        Err(problems) => {
            let diagnostics: Vec<ProblemDiagnostic> = problems.iter().map(ProblemDiagnostic::new).collect();
            print_diagnostics(diagnostics.iter().map(|d| d as &dyn miette::Diagnostic));
            2
        }
    }
}
