//! `--format github`: GitHub Actions workflow commands, so findings show as annotations on the
//! export files (in the run summary, and on a pull request's changed lines).
//!
//! Unwaived findings are annotated at their severity (see [`command`]); waived findings are
//! not annotated (the risk was accepted, and annotations are capped per step) but are listed
//! with their reason in the closing summary, which is plain log text; rejected inputs and rule errors are `::error`,
//! warnings (expired or unmatched waivers, input quirks) `::warning`, rules not assessed one
//! `::notice` per tenant and missing export. The log ends with the `concise` summary.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::artifact::relative_path;
use super::phrases::{missing_exports, one_line, plural, rule_error_text};
use super::summary_text::{run_summary, tenant_summary};
use super::{RenderOptions, Report, TenantReport};
use crate::model::{DataArea, Location, Outcome, Problem, Severity};

/// The one mapping from our severities to workflow commands.
pub fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium | Severity::Low => "warning",
        Severity::Info => "notice",
    }
}

pub fn render_github(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let mut text = String::new();
    let annotate = Annotator { options };
    for problem in &report.problems {
        annotate.problem("error", problem, &mut text);
    }
    for tenant in &report.tenants {
        annotate.tenant(tenant, &mut text);
    }
    for warning in &report.warnings {
        annotate.problem("warning", warning, &mut text);
    }
    // The summary is plain log text: keep any line of it from reading as a command.
    let mut summary = String::new();
    for tenant in &report.tenants {
        tenant_summary(tenant, &mut summary);
    }
    run_summary(report, &mut summary);
    for line in summary.lines() {
        let _ = writeln!(text, "{}", plain(line));
    }
    out.write_all(text.as_bytes())
}

struct Annotator<'a> {
    options: &'a RenderOptions,
}

impl Annotator<'_> {
    fn tenant(&self, tenant: &TenantReport, text: &mut String) {
        for problem in &tenant.problems {
            self.problem("error", problem, text);
        }
        for warning in &tenant.warnings {
            self.problem("warning", warning, text);
        }
        let mut not_assessed: Vec<(&[DataArea], Vec<&str>)> = Vec::new();
        for result in &tenant.results {
            let rule = &result.rule;
            let title = format!("{} {}", rule.id, rule.name);
            match &result.outcome {
                Outcome::Fail(findings) | Outcome::Waived(findings) => {
                    // Waived findings are listed, with their reason, in the closing summary.
                    for finding in findings.iter().filter(|f| f.waiver.is_none()) {
                        let mut message = format!("[{}] {}", finding.severity, finding.message);
                        if finding.in_baseline {
                            message.push_str(" (already in the baseline)");
                        }
                        self.annotation(
                            command(finding.severity),
                            finding.location.as_ref(),
                            None,
                            &title,
                            &message,
                            text,
                        );
                    }
                }
                Outcome::Error { message } => {
                    let message = format!("{}: {}", tenant.name, rule_error_text(message));
                    self.annotation("error", None, None, &title, &message, text);
                }
                Outcome::NotAssessed { missing, .. } if !missing.is_empty() => {
                    match not_assessed.iter_mut().find(|(areas, _)| *areas == missing.as_slice()) {
                        Some((_, ids)) => ids.push(rule.id.as_str()),
                        None => not_assessed.push((missing.as_slice(), vec![rule.id.as_str()])),
                    }
                }
                Outcome::NotAssessed { reasons, .. } => {
                    let message = format!("{}: not assessed: {}", tenant.name, reasons.join("; "));
                    self.annotation("notice", None, None, &title, &message, text);
                }
                Outcome::Pass => {}
            }
        }
        for (missing, ids) in not_assessed {
            let title = format!("{} rule{} not assessed", ids.len(), plural(ids.len()));
            let message = format!("{}: {} ({})", tenant.name, ids.join(", "), missing_exports(missing));
            self.annotation("notice", None, None, &title, &message, text);
        }
    }

    fn problem(&self, command: &str, problem: &Problem, text: &mut String) {
        self.annotation(
            command,
            problem.location.as_ref(),
            problem.file.as_deref(),
            &problem.code,
            &problem.message,
            text,
        );
    }

    /// `::error file=F,line=L,col=C,endLine=..,endColumn=..,title=T::message`.
    fn annotation(
        &self,
        command: &str,
        location: Option<&Location>,
        file: Option<&str>,
        title: &str,
        message: &str,
        text: &mut String,
    ) {
        let mut properties = Vec::new();
        let base = self.options.base_dir.as_deref();
        match (location, file) {
            (Some(location), _) => {
                let (end_line, end_column) = (location.end_line, location.end_column);
                properties.push(format!("file={}", escape_property(&relative_path(&location.source.path, base))));
                properties.push(format!("line={}", location.line));
                properties.push(format!("col={}", location.column));
                // GitHub takes a column range only on one line.
                if end_line == location.line {
                    properties.push(format!("endColumn={end_column}"));
                } else {
                    properties.push(format!("endLine={end_line}"));
                }
            }
            (None, Some(file)) => properties.push(format!("file={}", escape_property(&relative_path(file, base)))),
            (None, None) => {}
        }
        properties.push(format!("title={}", escape_property(title)));
        let _ = writeln!(text, "::{command} {}::{}", properties.join(","), escape_data(message));
    }
}

/// A command's message: `%`, CR and LF are percent-encoded (GitHub's `escapeData`).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A command's property value: also `:` and `,` (GitHub's `escapeProperty`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// A plain log line that the runner cannot mistake for a command: on one line, and never
/// starting with `::`.
fn plain(line: &str) -> String {
    let line = one_line(line);
    if line.starts_with("::") { format!(" {line}") } else { line }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_are_escaped_as_the_runner_expects() {
        assert_eq!(escape_data("100% done\r\nnext: a,b"), "100%25 done%0D%0Anext: a,b");
        assert_eq!(escape_property("CA001 a: b, c%\n"), "CA001 a%3A b%2C c%25%0A");
    }

    #[test]
    fn plain_lines_cannot_inject_commands() {
        assert_eq!(plain("::error::gotcha"), " ::error::gotcha");
        assert_eq!(plain("waived: x\n::error::gotcha"), "waived: x ::error::gotcha");
    }

    #[test]
    fn severities_map_to_commands() {
        let commands: Vec<&str> = Severity::DESCENDING.into_iter().map(command).collect();
        assert_eq!(commands, ["error", "error", "warning", "warning", "notice"]);
    }
}
