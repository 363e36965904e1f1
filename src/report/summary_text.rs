//! The closing summary of the text formats (`human`, `concise`, `github`): per tenant, what
//! was found, waived and not assessed; for the run, the totals. Counts come from
//! [`Summary`](super::Summary), never recounted here.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::phrases::{missing_exports, one_line, plural, problem_place, rule_error_text, waiver_note};
use super::{Report, Summary, TenantReport};
use crate::model::{DataArea, Outcome, Problem, Severity};

/// "contoso: 4 findings (2 critical, 1 high, 1 medium), 2 waived; 0 of 5 assessed rules
/// passed", then one line per waived finding and per group of rules not assessed.
pub fn tenant_summary(tenant: &TenantReport, text: &mut String) {
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
    let s = tenant.summary();
    let total = s.total_findings();
    let _ = write!(text, "{}: {total} finding{}", tenant.name, plural(total));
    if let Some(parts) = by_severity(&s) {
        let _ = write!(text, " ({parts})");
    }
    if s.in_baseline > 0 {
        let _ = write!(text, ", {} already in the baseline", s.in_baseline);
    }
    if s.waived > 0 {
        let _ = write!(text, ", {} waived", s.waived);
    }
    let assessed = s.passed + s.failed + s.waived_rules;
    let _ = write!(text, "; {} of {assessed} assessed rule{} passed", s.passed, plural(assessed));
    if s.errors > 0 {
        let _ = write!(text, "; {} rule{} failed to evaluate", s.errors, plural(s.errors));
    }
    let _ = writeln!(text);
    for result in &tenant.results {
        for finding in result.outcome.findings() {
            if let Some(waiver) = &finding.waiver {
                let note = waiver_note(waiver);
                let _ = writeln!(text, "  waived: {} {}: {} ({note})", finding.rule, result.rule.name, finding.message);
            }
        }
    }
    let mut not_assessed: BTreeMap<&[DataArea], Vec<&str>> = BTreeMap::new();
    let mut declined: Vec<(&str, &[String])> = Vec::new();
    for result in &tenant.results {
        match &result.outcome {
            // Not assessed because the policy said so (no missing area): show its reasons.
            Outcome::NotAssessed { missing, reasons } if missing.is_empty() => {
                declined.push((result.rule.id.as_str(), reasons))
            }
            Outcome::NotAssessed { missing, .. } => {
                not_assessed.entry(missing.as_slice()).or_default().push(result.rule.id.as_str())
            }
            _ => {}
        }
    }
    for (missing, ids) in not_assessed {
        let _ = writeln!(text, "  not assessed ({}): {}", missing_exports(missing), ids.join(", "));
    }
    for (id, reasons) in declined {
        let _ = writeln!(text, "  not assessed: {id}: {}", reasons.join("; "));
    }
    let _ = writeln!(text);
}

/// "1 tenant: 4 findings (2 critical, 1 high, 1 medium), 2 waived; 0 passed, 4 failed, 0 not
/// assessed".
pub fn run_summary(report: &Report, text: &mut String) {
    let s = &report.summary;
    let total = s.total_findings();
    let _ = write!(text, "{} tenant{}: {total} finding{}", s.tenants, plural(s.tenants), plural(total));
    if let Some(parts) = by_severity(s) {
        let _ = write!(text, " ({parts})");
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

/// "2 critical, 1 high", most severe first; `None` without findings.
pub fn by_severity(summary: &Summary) -> Option<String> {
    let parts: Vec<String> = Severity::DESCENDING
        .iter()
        .filter_map(|severity| summary.findings.get(severity).map(|n| format!("{n} {severity}")))
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// One line per reason the run cannot be trusted (run problems, rejected tenants' problems,
/// rule errors): what a CI log needs when no terminal format explains exit code 2.
pub fn untrusted_lines(report: &Report) -> Vec<String> {
    let problem_line = |problem: &Problem, tenant: Option<&str>| {
        let place = problem_place(problem).or_else(|| tenant.map(str::to_owned));
        let place = place.map(|place| format!("{place}: ")).unwrap_or_default();
        format!("{place}{}: {}", problem.code, one_line(&problem.message))
    };
    let mut lines: Vec<String> = report.problems.iter().map(|p| problem_line(p, None)).collect();
    for tenant in &report.tenants {
        lines.extend(tenant.problems.iter().map(|p| problem_line(p, Some(&tenant.path))));
        for result in &tenant.results {
            if let Outcome::Error { message } = &result.outcome {
                lines.push(format!(
                    "{}: {} {}: {}",
                    tenant.path,
                    result.rule.id,
                    result.rule.name,
                    one_line(&rule_error_text(message))
                ));
            }
        }
    }
    lines
}
