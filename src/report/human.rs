//! The default terminal output: every finding as a miette diagnostic pointing at the offending
//! value in the export, then a summary.

use std::fmt::Write as _;
use std::io::{self, Write};

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};

use super::{Report, TenantReport};
use crate::diagnostics::{FindingDiagnostic, ProblemDiagnostic};
use crate::model::{DataArea, Finding, Outcome, Problem, Severity, WaiverInfo};

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
    let theme = if options.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(options.width).with_links(false);
    let mut text = String::new();
    for problem in &report.problems {
        draw(&handler, &ProblemDiagnostic::new(problem), &mut text);
    }
    for tenant in &report.tenants {
        draw_tenant(&handler, tenant, &mut text);
    }
    for warning in &report.warnings {
        draw(&handler, &ProblemDiagnostic::warning(warning), &mut text);
    }
    summary(report, &mut text);
    out.write_all(text.as_bytes())
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
                    message: format!("rule failed to evaluate, so this tenant was not checked against it: {message}"),
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

fn tenant_summary(tenant: &TenantReport, text: &mut String) {
    if tenant.is_rejected() {
        let _ = writeln!(
            text,
            "{}: rejected, no rule was evaluated ({} problem{})\n",
            tenant.name,
            tenant.problems.len(),
            plural(tenant.problems.len())
        );
        return;
    }
    let mut by_severity = std::collections::BTreeMap::new();
    let (mut passed, mut failed, mut waived_rules, mut errors, mut in_baseline) = (0, 0, 0, 0, 0);
    let mut not_assessed: std::collections::BTreeMap<Vec<DataArea>, Vec<&str>> = Default::default();
    let mut declined: Vec<(&str, &[String])> = Vec::new();
    let mut waived: Vec<(&str, &Finding)> = Vec::new();
    for result in &tenant.results {
        match &result.outcome {
            Outcome::Pass => passed += 1,
            Outcome::Fail(_) => failed += 1,
            Outcome::Waived(_) => waived_rules += 1,
            // Not assessed because the policy said so (no missing area): show its reasons.
            Outcome::NotAssessed { missing, reasons } if missing.is_empty() => {
                declined.push((result.rule.id.as_str(), reasons))
            }
            Outcome::NotAssessed { missing, .. } => {
                not_assessed.entry(missing.clone()).or_default().push(result.rule.id.as_str())
            }
            Outcome::Error { .. } => errors += 1,
        }
        for finding in result.outcome.findings() {
            if finding.waiver.is_some() {
                waived.push((result.rule.name.as_str(), finding));
            } else {
                *by_severity.entry(finding.severity).or_insert(0usize) += 1;
                in_baseline += usize::from(finding.in_baseline);
            }
        }
    }
    let total: usize = by_severity.values().sum();
    let _ = write!(text, "{}: {total} finding{}", tenant.name, plural(total));
    if total > 0 {
        let parts: Vec<String> =
            Severity::DESCENDING.iter().filter_map(|s| by_severity.get(s).map(|n| format!("{n} {s}"))).collect();
        let _ = write!(text, " ({})", parts.join(", "));
    }
    if in_baseline > 0 {
        let _ = write!(text, ", {in_baseline} already in the baseline");
    }
    if !waived.is_empty() {
        let _ = write!(text, ", {} waived", waived.len());
    }
    let assessed = passed + failed + waived_rules;
    let _ = write!(text, "; {passed} of {assessed} assessed rule{} passed", plural(assessed));
    if errors > 0 {
        let _ = write!(text, "; {errors} rule{} failed to evaluate", plural(errors));
    }
    let _ = writeln!(text);
    for (rule, finding) in &waived {
        let note = finding.waiver.as_deref().map(waiver_note).unwrap_or_default();
        let _ = writeln!(text, "  waived: {} {rule}: {} ({note})", finding.rule, finding.message);
    }
    for (missing, ids) in not_assessed {
        let exports: Vec<&str> = missing.iter().map(|area| area.export_name()).collect();
        let _ = writeln!(text, "  not assessed (no {} export): {}", exports.join(" or "), ids.join(", "));
    }
    for (id, reasons) in declined {
        let _ = writeln!(text, "  not assessed: {id}: {}", reasons.join("; "));
    }
    let _ = writeln!(text);
}

/// "reason; owner; until 2027-06-30".
fn waiver_note(waiver: &WaiverInfo) -> String {
    let mut parts = vec![waiver.reason.clone()];
    parts.extend(waiver.owner.clone());
    parts.extend(waiver.expires.as_ref().map(|date| format!("until {date}")));
    parts.join("; ")
}

fn summary(report: &Report, text: &mut String) {
    let s = &report.summary;
    if s.tenants <= 1 && s.problems == 0 && report.warnings.is_empty() {
        return;
    }
    let total = s.total_findings();
    let _ = write!(text, "{} tenant{}: {total} finding{}", s.tenants, plural(s.tenants), plural(total));
    let parts: Vec<String> =
        Severity::DESCENDING.iter().filter_map(|sev| s.findings.get(sev).map(|n| format!("{n} {sev}"))).collect();
    if !parts.is_empty() {
        let _ = write!(text, " ({})", parts.join(", "));
    }
    if s.waived > 0 {
        let _ = write!(text, ", {} waived", s.waived);
    }
    let _ = write!(text, "; {} passed, {} failed, {} not assessed", s.passed, s.failed, s.not_assessed);
    if s.errors > 0 {
        let _ = write!(text, ", {} errors", s.errors);
    }
    if s.rejected_tenants > 0 {
        let _ = write!(text, "; {} tenant{} rejected", s.rejected_tenants, plural(s.rejected_tenants));
    }
    if s.problems > 0 {
        let _ = write!(text, "; {} problem{}", s.problems, plural(s.problems));
    }
    let _ = writeln!(text);
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
