//! Command-line interface: argument definitions and one module per subcommand.

mod catalog;
mod check;
mod diff;
mod formats;
mod init;
mod normalize;
mod output;
mod progress;
mod setup;
mod test;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::model::Severity;

/// Lint Microsoft 365 security configuration exports (Conditional Access, Intune compliance,
/// DLP, message encryption) against Rego policies from Microsoft's security workshops.
#[derive(Debug, Parser)]
#[command(name = "m365lint", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint tenant exports. Each PATH is one tenant: an export file, or a directory of them.
    Check(CheckArgs),
    /// Print the canonical document that policies see as `input` for one tenant.
    Normalize(NormalizeArgs),
    /// Run the Rego unit tests (`test_*` rules) of the built-in policies, or of DIR.
    Test(TestArgs),
    /// List the rules: id, name, severity, area and title.
    Policies(PoliciesArgs),
    /// Explain a rule: what it checks, why it matters, how to fix it, references.
    Explain(ExplainArgs),
    /// Write a commented m365lint.toml with every parameter at its default.
    Init(InitArgs),
    /// Compare two runs (JSON reports, or exports linted on the spot): new, resolved and
    /// unchanged findings. Exits 1 when anything is new.
    Diff(DiffArgs),
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Tenant export files or directories.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub output: formats::OutputArgs,
    /// Lowest severity that makes the run fail with exit code 1.
    #[arg(long, value_name = "SEVERITY", default_value_t = Severity::Low, value_parser = parse_severity)]
    pub fail_on: Severity,
    /// Run only these rules: ids or names, areas, severities (comma-separated or repeated;
    /// replaces the configuration's `select`).
    #[arg(long, value_name = "SELECTOR")]
    pub select: Vec<String>,
    /// Do not run these rules (added to the configuration's `ignore`).
    #[arg(long, value_name = "SELECTOR")]
    pub ignore: Vec<String>,
    /// Fail only on findings absent from this earlier JSON report (`--format json`).
    #[arg(long, value_name = "REPORT")]
    pub baseline: Option<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Add the policies in DIR (and its lib/ helpers) to the built-in ones (repeatable).
    #[arg(long = "policies", value_name = "DIR")]
    pub policies: Vec<PathBuf>,
    /// Refuse any file larger than SIZE (bytes, or e.g. 200MB, 1GiB; default 64MiB): the
    /// tenant is rejected (exit 2) before the file is read.
    #[arg(long, value_name = "SIZE", value_parser = parse_file_size)]
    pub max_file_size: Option<u64>,
    /// Stop a rule's evaluation for a tenant after SECONDS and report it as an error (exit 2).
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0, value_parser = parse_seconds)]
    pub rule_timeout: f64,
    /// Lint at most N tenants at a time (default: one per CPU core).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Lint only shard K of N (e.g. 2/8): the tenants are sorted by path and dealt
    /// round-robin, so N machines given the same PATHs, K = 1..N, lint each tenant once.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<crate::lint::Shard>,
    /// Replace user and group ids, UPNs and e-mail addresses, user and group names, tenant ids
    /// and every other GUID of the exports by stable pseudonyms (user-1, group-2 ...) in every
    /// output, so the report can be shared. Fingerprints become digests.
    #[arg(long)]
    pub redact: bool,
}

#[derive(Debug, clap::Args)]
pub struct PoliciesArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Also list the policies in DIR (repeatable).
    #[arg(long = "policies", value_name = "DIR")]
    pub policies: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table.
    Human,
    /// Everything the METADATA says, as JSON.
    Json,
    /// The rule reference (docs/rules.md).
    Markdown,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// A rule id (`CA001`) or name (`legacy-authentication-allowed`).
    #[arg(value_name = "RULE")]
    pub rule: String,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Also look in the policies in DIR (repeatable).
    #[arg(long = "policies", value_name = "DIR")]
    pub policies: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Where to write the file.
    #[arg(value_name = "FILE", default_value = "m365lint.toml")]
    pub path: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The earlier run: a JSON report, or a tenant export (file or directory).
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later run: a JSON report, or a tenant export.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Add the policies in DIR to the built-in ones when linting an export (repeatable).
    #[arg(long = "policies", value_name = "DIR")]
    pub policies: Vec<PathBuf>,
    /// Refuse any report or export file larger than SIZE (default 64MiB).
    #[arg(long, value_name = "SIZE", value_parser = parse_file_size)]
    pub max_file_size: Option<u64>,
    /// Replace identifying values by pseudonyms, as `check --redact` does (fully for exports
    /// linted here; a JSON report side gets the GUID and e-mail address patterns).
    #[arg(long)]
    pub redact: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Human,
    Json,
    /// A Markdown summary, e.g. for a pull request comment.
    Markdown,
}

#[derive(Debug, clap::Args)]
pub struct NormalizeArgs {
    /// A tenant export file or directory.
    #[arg(value_name = "PATH", required_unless_present_any = ["schema", "schema_markdown"])]
    pub path: Option<PathBuf>,
    /// Print the JSON Schema of the canonical document instead (docs/canonical.schema.json).
    #[arg(long, conflicts_with = "schema_markdown")]
    pub schema: bool,
    /// Print the canonical document's reference page instead (docs/canonical.md).
    #[arg(long)]
    pub schema_markdown: bool,
    /// Refuse any export file larger than SIZE (default 64MiB).
    #[arg(long, value_name = "SIZE", value_parser = parse_file_size)]
    pub max_file_size: Option<u64>,
}

#[derive(Debug, clap::Args)]
pub struct TestArgs {
    /// A directory of policies and `_test.rego` files (default: the built-in policies).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// Configuration file (default: ./m365lint.toml when present).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

fn parse_seconds(value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(seconds) if seconds.is_finite() && seconds > 0.0 && seconds <= 86_400.0 => Ok(seconds),
        _ => Err(format!("'{value}' is not a number of seconds between 0 and 86400")),
    }
}

fn parse_file_size(value: &str) -> Result<u64, String> {
    crate::ingest::parse_size(value)
}

fn parse_severity(value: &str) -> Result<Severity, String> {
    value.parse()
}

/// Runs the command and returns the process exit code.
pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Normalize(args) => normalize::run(&args),
        Command::Test(args) => test::run(&args),
        Command::Policies(args) => catalog::list(&args),
        Command::Explain(args) => catalog::explain(&args),
        Command::Init(args) => init::run(&args),
        Command::Diff(args) => diff::run(&args),
    }
}
