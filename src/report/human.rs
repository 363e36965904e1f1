//! The default terminal output: every finding as a miette diagnostic pointing at the offending
//! value in the export, then a summary.

use std::fmt::Write as _;
use std::io::{self, Write};

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};

use super::phrases::rule_error_text;
use super::summary_text::{run_summary, tenant_summary};
use super::{Report, TenantReport};
use crate::diagnostics::{FindingDiagnostic, ProblemDiagnostic};
use crate::model::{Outcome, Problem};

/// How to draw diagnostics.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
}

impl HumanOptions {
    /// Fixed theme and width, for snapshots and pipes.
    pub fn plain() -> Self {
        HumanOptions { color: false, width: 100 }
    }
}

pub fn render_human(report: &Report, options: HumanOptions, out: &mut dyn Write) -> io::Result<()> {
    let handler = handler(options);
    let mut text = String::new();
    for problem in &report.problems {
        draw(&handler, &ProblemDiagnostic::new(problem), &mut text);
    }
    for tenant in &report.tenants {
        draw_tenant(&handler, tenant, &mut text);
    }
    end(&handler, report, &mut text);
    out.write_all(text.as_bytes())
}

/// One tenant's part of the human output, for output streamed as tenants finish: what
/// [`render_human`] writes for the tenant, snippets drawn while its exports are in memory.
pub fn render_human_tenant(tenant: &TenantReport, options: HumanOptions, out: &mut dyn Write) -> io::Result<()> {
    let mut text = String::new();
    draw_tenant(&handler(options), tenant, &mut text);
    out.write_all(text.as_bytes())
}

/// What follows the streamed tenants: the run's problems (a streamed run has none before its
/// tenants), warnings and summary. [`render_human_tenant`] for each tenant then this is
/// [`render_human`] for a run without run-level problems.
pub fn render_human_end(report: &Report, options: HumanOptions, out: &mut dyn Write) -> io::Result<()> {
    let handler = handler(options);
    let mut text = String::new();
    for problem in &report.problems {
        draw(&handler, &ProblemDiagnostic::new(problem), &mut text);
    }
    end(&handler, report, &mut text);
    out.write_all(text.as_bytes())
}

fn handler(options: HumanOptions) -> GraphicalReportHandler {
    let theme = if options.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    GraphicalReportHandler::new_themed(theme).with_width(options.width).with_links(false)
}

/// The run's warnings, and its summary when one tenant's summary does not say it all.
fn end(handler: &GraphicalReportHandler, report: &Report, text: &mut String) {
    for warning in &report.warnings {
        draw(handler, &ProblemDiagnostic::warning(warning), text);
    }
    let s = &report.summary;
    if s.tenants > 1 || s.problems > 0 || !report.warnings.is_empty() {
        run_summary(report, text);
    }
}

fn draw(handler: &GraphicalReportHandler, diagnostic: &dyn Diagnostic, text: &mut String) {
    // Rendering into a String cannot fail for lack of space; a failure would be a miette bug,
    // in which case the plain message still gets out.
    if handler.render_report(text, diagnostic).is_err() {
        let _ = writeln!(text, "{diagnostic}");
    }
    text.push('\n');
}

fn draw_tenant(handler: &GraphicalReportHandler, tenant: &TenantReport, text: &mut String) {
    let _ = writeln!(text, "tenant {} ({})\n", tenant.name, tenant.path);
    for problem in &tenant.problems {
        draw(handler, &ProblemDiagnostic::new(problem), text);
    }
    for warning in &tenant.warnings {
        draw(handler, &ProblemDiagnostic::warning(warning), text);
    }
    for result in &tenant.results {
        match &result.outcome {
            Outcome::Fail(findings) => {
                // Waived findings are listed in the tenant summary, not drawn.
                for finding in findings.iter().filter(|f| f.waiver.is_none()) {
                    draw(handler, &FindingDiagnostic::new(finding, &result.rule), text);
                }
            }
            Outcome::Error { message } => {
                let problem = Problem {
                    code: format!("{} {}", result.rule.id, result.rule.name),
                    message: rule_error_text(message),
                    help: Some(format!(
                        "the policy is {}; a policy error makes the run exit with code 2",
                        result.rule.source
                    )),
                    file: None,
                    location: None,
                    label: None,
                };
                draw(handler, &ProblemDiagnostic::new(&problem), text);
            }
            Outcome::Pass | Outcome::Waived(_) | Outcome::NotAssessed { .. } => {}
        }
    }
    tenant_summary(tenant, text);
}
