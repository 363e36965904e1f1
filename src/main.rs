use std::process::ExitCode;

use clap::Parser;

// The Rego interpreter allocates on nearly every step (paths, scopes, values): mimalloc makes
// rule evaluation measurably faster than the system allocator (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = m365lint::cli::Cli::parse();
    ExitCode::from(m365lint::cli::run(cli))
}
