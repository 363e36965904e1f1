//! `--format concise`: one line per finding, `file:line:col: ID [severity] message`, the form
//! editors and terminals turn into links, then the same summary as `human`. Problems, rule
//! errors and warnings take the same shape, with their code and `[error]` or `[warning]`.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::phrases::{location_text, one_line, problem_place, rule_error_text};
use super::summary_text::{run_summary, tenant_summary};
use super::{Report, TenantReport};
use crate::model::{Outcome, Problem};

pub fn render_concise(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut text = String::new();
    for problem in &report.problems {
        problem_line(problem, "error", None, &mut text);
    }
    for tenant in &report.tenants {
        tenant_lines(tenant, &mut text);
    }
    for warning in &report.warnings {
        problem_line(warning, "warning", None, &mut text);
    }
    text.push('\n');
    for tenant in &report.tenants {
        tenant_summary(tenant, &mut text);
    }
    run_summary(report, &mut text);
    out.write_all(text.as_bytes())
}

fn tenant_lines(tenant: &TenantReport, text: &mut String) {
    for problem in &tenant.problems {
        problem_line(problem, "error", Some(&tenant.path), text);
    }
    for warning in &tenant.warnings {
        problem_line(warning, "warning", Some(&tenant.path), text);
    }
    for result in &tenant.results {
        match &result.outcome {
            Outcome::Fail(findings) => {
                // Waived findings are listed in the tenant summary.
                for finding in findings.iter().filter(|f| f.waiver.is_none()) {
                    let place = finding.location.as_ref().map_or_else(|| tenant.path.clone(), location_text);
                    let _ = writeln!(
                        text,
                        "{place}: {} [{}] {}",
                        finding.rule,
                        finding.severity,
                        one_line(&finding.message)
                    );
                }
            }
            Outcome::Error { message } => {
                let _ = writeln!(
                    text,
                    "{}: {} [error] {}",
                    tenant.path,
                    result.rule.id,
                    one_line(&rule_error_text(message))
                );
            }
            Outcome::Pass | Outcome::Waived(_) | Outcome::NotAssessed { .. } => {}
        }
    }
}

fn problem_line(problem: &Problem, level: &str, tenant_path: Option<&str>, text: &mut String) {
    let place = problem_place(problem).or_else(|| tenant_path.map(str::to_owned)).unwrap_or_else(|| "m365lint".into());
    let _ = writeln!(text, "{place}: {} [{level}] {}", problem.code, one_line(&problem.message));
}
