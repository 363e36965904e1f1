use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = m365lint::cli::Cli::parse();
    ExitCode::from(m365lint::cli::run(cli))
}
