use super::NormalizeArgs;
use super::output::{print_diagnostics, write_stdout};
use crate::diagnostics::ProblemDiagnostic;
use crate::ingest::{DEFAULT_MAX_FILE_SIZE, Limits, load_tenant_within};

pub fn run(args: &NormalizeArgs) -> u8 {
    if args.schema {
        write_stdout(|out| writeln!(out, "{}", schema_text()));
        return 0;
    }
    if args.schema_markdown {
        write_stdout(|out| out.write_all(crate::ingest::schema::markdown().as_bytes()));
        return 0;
    }
    let Some(path) = &args.path else { return 2 };
    let limits = Limits { max_file_size: args.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE) };
    match load_tenant_within(path, &limits) {
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

/// The JSON Schema, pretty-printed as docs/canonical.schema.json holds it.
pub fn schema_text() -> String {
    serde_json::to_string_pretty(&crate::ingest::schema::json_schema()).unwrap_or_default()
}
