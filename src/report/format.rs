//! Every output format, as one enum, and the one function that renders a finished report in
//! any of them.

use std::fmt;
use std::io::{self, Write};
use std::path::PathBuf;
use std::str::FromStr;

use super::{HumanOptions, Report};

/// An output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Human,
    Concise,
    Json,
    JsonLines,
    Sarif,
    Junit,
    Github,
    Markdown,
    Html,
    Csv,
}

impl Format {
    pub const ALL: [Format; 10] = [
        Format::Human,
        Format::Concise,
        Format::Json,
        Format::JsonLines,
        Format::Sarif,
        Format::Junit,
        Format::Github,
        Format::Markdown,
        Format::Html,
        Format::Csv,
    ];

    /// The name given to `--format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Concise => "concise",
            Format::Json => "json",
            Format::JsonLines => "json-lines",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Github => "github",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Csv => "csv",
        }
    }

    /// One line for `--help` and the README.
    pub fn description(self) -> &'static str {
        match self {
            Format::Human => "diagnostics pointing into the exports, then a summary (the default)",
            Format::Concise => "one line per finding (file:line:col: ID [severity] message), then a summary",
            Format::Json => "the whole report as one versioned JSON document (docs/json-report.md)",
            Format::JsonLines => "one JSON object per tenant, written as tenants finish, then a summary line",
            Format::Sarif => "SARIF 2.1.0 for GitHub code scanning and Azure DevOps",
            Format::Junit => "JUnit XML: a test suite per tenant, a test case per rule",
            Format::Github => "GitHub Actions workflow commands: annotations on the export files",
            Format::Markdown => "a gap report by area, with remediation, references and waivers",
            Format::Html => "a self-contained HTML report with a posture score per area",
            Format::Csv => "one row per finding, for spreadsheets",
        }
    }

    /// Whether `check` writes the format tenant by tenant as they finish, so the run need not
    /// keep every tenant's findings until the end (see [`super::JsonSpool`] and
    /// [`super::SarifSpool`]).
    pub fn streams(self) -> bool {
        matches!(self, Format::Human | Format::JsonLines | Format::Json | Format::Sarif)
    }

    /// Whether the format is best read with colour on a terminal.
    pub fn is_for_terminals(self) -> bool {
        matches!(self, Format::Human | Format::Concise)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL.into_iter().find(|format| format.name() == s).ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|format| format.name()).collect();
            format!("unknown format '{s}' (expected one of: {})", names.join(", "))
        })
    }
}

/// What rendering needs beyond the report.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    pub human: HumanOptions,
    /// The working directory: SARIF and GitHub annotations name files relative to it (what
    /// code scanning and the Actions runner resolve against the checkout), even when a tenant
    /// path was given as an absolute path inside it. `None` leaves paths as given.
    pub base_dir: Option<PathBuf>,
}

impl RenderOptions {
    /// No colour, a fixed width, paths as given: for snapshots, files and pipes.
    pub fn plain() -> Self {
        RenderOptions { human: HumanOptions::plain(), base_dir: None }
    }
}

/// Renders the report in `format`. (`json-lines` can also be written as tenants finish: see
/// [`write_tenant_line`](super::write_tenant_line); this writes the same lines at once.)
pub fn render(format: Format, report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Human => super::human::render_human(report, options.human, out),
        Format::Concise => super::concise::render_concise(report, out),
        Format::Json => super::json::render_json(report, out),
        Format::JsonLines => super::json_lines::render_json_lines(report, out),
        Format::Sarif => super::sarif::render_sarif(report, options, out),
        Format::Junit => super::junit::render_junit(report, out),
        Format::Github => super::github::render_github(report, options, out),
        Format::Markdown => super::markdown::render_markdown(report, out),
        Format::Html => super::html::render_html(report, out),
        Format::Csv => super::csv::render_csv(report, out),
    }
}
