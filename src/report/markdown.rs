//! `--format markdown`: a gap report, for a pull request, a wiki or a consultant's write-up.
//! Per tenant: the posture score per area, findings grouped by area with remediation and
//! references, the areas not assessed, waived findings with reason, owner and expiry, and
//! what could not be evaluated.
//!
//! Everything that comes from exports or configuration (names, messages, paths, reasons) is
//! escaped, so a policy named `*<img src=x>*` stays text. METADATA prose (titles, remediation)
//! is Markdown written by policy authors and is kept as such.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::phrases::{location_text, not_assessed_reason, problem_place, rule_error_text};
use super::posture::{AreaPosture, SCORE_FORMULA, posture};
use super::summary_text::by_severity;
use super::{Report, TenantReport};
use crate::model::{Finding, Outcome, Problem, RuleArea, RuleMeta, RuleResult};

pub fn render_markdown(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut md = String::new();
    let _ = writeln!(md, "# Microsoft 365 security gap report\n");
    overview(report, &mut md);
    for problem in &report.problems {
        let _ = writeln!(md, "> **Problem:** {}\n", problem_text(problem));
    }
    for tenant in &report.tenants {
        tenant_section(tenant, &mut md);
    }
    if !report.warnings.is_empty() {
        let _ = writeln!(md, "## Warnings\n");
        for warning in &report.warnings {
            let _ = writeln!(md, "- {}", problem_text(warning));
        }
        md.push('\n');
    }
    let _ = writeln!(md, "---\n\n*Posture {}*", escape(SCORE_FORMULA));
    out.write_all(md.as_bytes())
}

fn overview(report: &Report, md: &mut String) {
    let _ = writeln!(
        md,
        "| Tenant | Status | Open findings | Waived findings | Rules passed | Failed | Waived | Not assessed | Errors |"
    );
    let _ = writeln!(md, "|---|---|---|---:|---:|---:|---:|---:|---:|");
    for tenant in &report.tenants {
        let s = tenant.summary();
        let status = if tenant.is_rejected() { "rejected" } else { "assessed" };
        let findings = match by_severity(&s) {
            Some(parts) => format!("{} ({parts})", s.total_findings()),
            None => "0".to_owned(),
        };
        let _ = writeln!(
            md,
            "| {} | {status} | {findings} | {} | {} | {} | {} | {} | {} |",
            cell(&tenant.name),
            s.waived,
            s.passed,
            s.failed,
            s.waived_rules,
            s.not_assessed,
            s.errors
        );
    }
    md.push('\n');
}

fn tenant_section(tenant: &TenantReport, md: &mut String) {
    let _ = writeln!(md, "## {}\n", escape(&tenant.name));
    let exports: Vec<&str> = tenant.areas.iter().map(|area| area.export_name()).collect();
    let exports = if exports.is_empty() { "none".to_owned() } else { exports.join(", ") };
    let _ = writeln!(md, "Path: {} · exports read: {exports}\n", code(&tenant.path));
    if tenant.is_rejected() {
        let _ = writeln!(md, "**Rejected:** the exports could not be trusted, so no rule was evaluated.\n");
        for problem in &tenant.problems {
            let _ = writeln!(md, "- {}", problem_text(problem));
        }
        md.push('\n');
        return;
    }
    posture_table(&posture(tenant), md);
    findings(tenant, md);
    not_assessed(tenant, md);
    waived(tenant, md);
    errors(tenant, md);
    if !tenant.warnings.is_empty() {
        let _ = writeln!(md, "### Warnings\n");
        for warning in &tenant.warnings {
            let _ = writeln!(md, "- {}", problem_text(warning));
        }
        md.push('\n');
    }
}

fn posture_table(areas: &[AreaPosture], md: &mut String) {
    let _ = writeln!(md, "### Posture by area\n");
    let _ = writeln!(md, "| Area | Score | Passed | Failed | Waived | Not assessed | Errors | Open findings |");
    let _ = writeln!(md, "|---|---:|---:|---:|---:|---:|---:|---:|");
    for area in areas {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            area.area.title(),
            area.score_label(),
            area.passed,
            area.failed,
            area.waived,
            area.not_assessed,
            area.errors,
            area.open_findings()
        );
    }
    md.push('\n');
}

fn findings(tenant: &TenantReport, md: &mut String) {
    let failed: Vec<&RuleResult> = tenant.results.iter().filter(|r| matches!(r.outcome, Outcome::Fail(_))).collect();
    let _ = writeln!(md, "### Findings\n");
    if failed.is_empty() {
        let _ = writeln!(md, "No open findings.\n");
        return;
    }
    for area in RuleArea::ALL {
        let in_area: Vec<&&RuleResult> = failed.iter().filter(|r| r.rule.area == area).collect();
        if in_area.is_empty() {
            continue;
        }
        let _ = writeln!(md, "#### {}\n", area.title());
        for result in in_area {
            rule_findings(&result.rule, result.outcome.findings(), md);
        }
    }
}

fn rule_findings(rule: &RuleMeta, findings: &[Finding], md: &mut String) {
    let _ = writeln!(md, "##### {} {} ({})\n", rule.id, rule.title, rule.severity);
    for finding in findings.iter().filter(|f| f.waiver.is_none()) {
        let place = finding.location.as_ref().map(|l| format!(" at {}", code(&location_text(l)))).unwrap_or_default();
        let baseline = if finding.in_baseline { " (already in the baseline)" } else { "" };
        let _ = writeln!(md, "- **{}** {}{place}{baseline}", finding.severity, escape(&finding.message));
        for evidence in &finding.related {
            let place =
                evidence.location.as_ref().map(|l| format!(" at {}", code(&location_text(l)))).unwrap_or_default();
            let _ = writeln!(md, "  - {}{place}", escape(&evidence.message));
        }
    }
    let _ = writeln!(md, "\n**Remediation.** {}\n", rule.remediation);
    references(rule, md);
}

fn references(rule: &RuleMeta, md: &mut String) {
    let mut parts: Vec<String> = rule
        .references
        .iter()
        .map(|r| {
            let mut text = format!("{} {}", r.framework, r.id);
            if r.inspired {
                text.push_str(" (inspired)");
            }
            text
        })
        .collect();
    parts.extend(rule.related_resources.iter().map(|resource| {
        let label = resource.description.as_deref().unwrap_or(&resource.reference);
        format!("[{}](<{}>)", escape(label), resource.reference.replace(['<', '>', ' '], ""))
    }));
    if !parts.is_empty() {
        let _ = writeln!(md, "**References:** {}\n", parts.join(" · "));
    }
}

fn not_assessed(tenant: &TenantReport, md: &mut String) {
    let rows: Vec<(&RuleResult, String)> = tenant
        .results
        .iter()
        .filter_map(|result| not_assessed_reason(&result.outcome).map(|reason| (result, reason)))
        .collect();
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(md, "### Not assessed\n");
    let _ = writeln!(md, "Neither passed nor failed: m365lint could not judge these rules.\n");
    let _ = writeln!(md, "| Area | Rule | Why |");
    let _ = writeln!(md, "|---|---|---|");
    for (result, reason) in rows {
        let rule = &result.rule;
        let _ = writeln!(md, "| {} | {} {} | {} |", rule.area.title(), rule.id, rule.name, cell(&reason));
    }
    md.push('\n');
}

fn waived(tenant: &TenantReport, md: &mut String) {
    let rows: Vec<(&RuleMeta, &Finding)> = tenant
        .results
        .iter()
        .flat_map(|result| result.outcome.findings().iter().map(move |finding| (result.rule.as_ref(), finding)))
        .filter(|(_, finding)| finding.waiver.is_some())
        .collect();
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(md, "### Waived: documented as not planned\n");
    let _ = writeln!(md, "| Rule | Finding | Reason | Owner | Expires |");
    let _ = writeln!(md, "|---|---|---|---|---|");
    for (rule, finding) in rows {
        let Some(waiver) = finding.waiver.as_deref() else { continue };
        let _ = writeln!(
            md,
            "| {} {} | {} | {} | {} | {} |",
            rule.id,
            rule.name,
            cell(&finding.message),
            cell(&waiver.reason),
            waiver.owner.as_deref().map_or_else(|| "—".to_owned(), cell),
            waiver.expires.as_deref().unwrap_or("no expiry")
        );
    }
    md.push('\n');
}

fn errors(tenant: &TenantReport, md: &mut String) {
    let errors: Vec<(&RuleMeta, &str)> = tenant
        .results
        .iter()
        .filter_map(|result| match &result.outcome {
            Outcome::Error { message } => Some((result.rule.as_ref(), message.as_str())),
            _ => None,
        })
        .collect();
    if errors.is_empty() {
        return;
    }
    let _ = writeln!(md, "### Rules that failed to evaluate\n");
    let _ = writeln!(md, "The tenant was not checked against these rules; the run cannot be trusted (exit code 2).\n");
    for (rule, message) in errors {
        let _ = writeln!(md, "- {} {}: {}", rule.id, rule.name, escape(&rule_error_text(message)));
    }
    md.push('\n');
}

fn problem_text(problem: &Problem) -> String {
    let mut text = format!("{} {}", code(&problem.code), escape(&problem.message));
    if let Some(place) = problem_place(problem) {
        let _ = write!(text, " at {}", code(&place));
    }
    if let Some(help) = &problem.help {
        let _ = write!(text, " ({})", escape(help));
    }
    text
}

/// Text from exports or configuration, inert in Markdown: punctuation that Markdown or HTML
/// would act on is backslash-escaped, line breaks become spaces.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '~' | '#' | '!' | '|' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\r' | '\n' => escaped.push(' '),
            _ => escaped.push(c),
        }
    }
    escaped
}

/// Escaped text for a table cell (`|` is escaped by [`escape`] too, which GFM tables need).
fn cell(text: &str) -> String {
    escape(text)
}

/// A code span; text holding a backtick, a pipe (which would end a table cell: code spans
/// take no escapes) or a line break is escaped instead.
fn code(text: &str) -> String {
    if text.contains(['`', '|', '\r', '\n']) { escape(text) } else { format!("`{text}`") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_text_cannot_become_markup() {
        assert_eq!(escape("*<img src=x>* | [a](b)\nnext"), "\\*\\<img src=x\\>\\* \\| \\[a\\](b) next");
    }

    #[test]
    fn code_spans_stay_in_their_cell() {
        assert_eq!(code("exports/ca.json"), "`exports/ca.json`");
        assert_eq!(code("a|b.json"), "a\\|b.json");
        assert_eq!(code("a`b"), "a\\`b");
    }
}
