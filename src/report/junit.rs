//! `--format junit`: JUnit XML, for CI test-result views (GitHub test reporters, Azure DevOps
//! "Tests"). One test suite per tenant (name and test case classname: the tenant's name), one
//! test case per rule named `ID name`:
//!
//! - pass: a passed test case;
//! - fail: a failure with the findings (message, `file:line:col`) and the remediation;
//! - waived (every finding accepted): a *passed* test case whose system-out lists the waived
//!   findings with reason, owner and expiry, since the run does not fail on them;
//! - not assessed: skipped, with why;
//! - error: an error element;
//! - a rejected tenant: one test case, `exports can be read`, with an error per problem.
//!
//! No timestamps or durations: the same report gives the same XML.

use std::fmt::Write as _;
use std::io::{self, Write};

use quick_junit::{NonSuccessKind, Property, TestCase, TestCaseStatus, TestSuite};

use super::phrases::{location_text, not_assessed_reason, plural, problem_place, rule_error_text, waiver_note};
use super::{Report, TenantReport};
use crate::model::{Finding, Outcome, Problem, RuleResult};

pub fn render_junit(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut junit = quick_junit::Report::new("m365lint");
    if !report.problems.is_empty() {
        let mut suite = TestSuite::new("m365lint run");
        suite.add_test_case(problems_case("configuration and policies load", "m365lint run", &report.problems));
        junit.add_test_suite(suite);
    }
    for tenant in &report.tenants {
        junit.add_test_suite(suite(tenant));
    }
    junit.serialize(out).map_err(io::Error::other)
}

fn suite(tenant: &TenantReport) -> TestSuite {
    let mut suite = TestSuite::new(tenant.name.as_str());
    suite.add_property(Property::new("path", tenant.path.as_str()));
    if tenant.is_rejected() {
        suite.add_test_case(problems_case("exports can be read", &tenant.name, &tenant.problems));
    }
    for result in &tenant.results {
        suite.add_test_case(case(result, &tenant.name));
    }
    if !tenant.warnings.is_empty() {
        let mut text = String::new();
        for warning in &tenant.warnings {
            let _ = writeln!(text, "warning: {}", problem_text(warning));
        }
        suite.set_system_err(text);
    }
    suite
}

fn case(result: &RuleResult, tenant: &str) -> TestCase {
    let rule = &result.rule;
    let name = format!("{} {}", rule.id, rule.name);
    let (status, note) = match &result.outcome {
        Outcome::Pass => (TestCaseStatus::success(), None),
        Outcome::Fail(findings) => (failure(result, findings), None),
        Outcome::Waived(findings) => {
            let mut note = format!("waived: every finding is accepted ({}):\n", findings.len());
            for finding in findings {
                let _ = writeln!(note, "{}", finding_text(finding));
            }
            (TestCaseStatus::success(), Some(note))
        }
        Outcome::NotAssessed { .. } => {
            let mut status = TestCaseStatus::skipped();
            let reason = not_assessed_reason(&result.outcome).unwrap_or_default();
            status.set_message(format!("not assessed: {reason}"));
            (status, None)
        }
        Outcome::Error { message } => {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
            status.set_message(rule_error_text(message));
            status.set_type("rule error");
            status.set_description(format!("the policy is {}", rule.source));
            (status, None)
        }
    };
    let mut case = TestCase::new(name, status);
    case.set_classname(tenant);
    if let Some(note) = note {
        case.set_system_out(note);
    }
    case
}

/// The failure of a rule: the first finding as the message, every finding (waived ones
/// marked) and the remediation in the body.
fn failure(result: &RuleResult, findings: &[Finding]) -> TestCaseStatus {
    let open: Vec<&Finding> = findings.iter().filter(|f| f.waiver.is_none()).collect();
    let worst = open.iter().map(|f| f.severity).max().unwrap_or(result.rule.severity);
    let mut message = open.first().map_or_else(String::new, |f| f.message.clone());
    if open.len() > 1 {
        let _ = write!(message, " (and {} more finding{})", open.len() - 1, plural(open.len() - 1));
    }
    let mut body = String::new();
    for finding in findings {
        let _ = writeln!(body, "{}", finding_text(finding));
    }
    let _ = write!(body, "\nRemediation: {}", result.rule.remediation);
    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
    status.set_message(message);
    status.set_type(worst.as_str());
    status.set_description(body);
    status
}

/// `[high] message` then `  at file:line:col` and the related evidence, or the waiver.
fn finding_text(finding: &Finding) -> String {
    let mut text = match &finding.waiver {
        Some(waiver) => format!("[{}, waived: {}] {}", finding.severity, waiver_note(waiver), finding.message),
        None => format!("[{}] {}", finding.severity, finding.message),
    };
    if let Some(location) = &finding.location {
        let _ = write!(text, "\n  at {} ({})", location_text(location), location.pointer);
    }
    for evidence in &finding.related {
        let _ = write!(text, "\n  related: {}", evidence.message);
        if let Some(location) = &evidence.location {
            let _ = write!(text, " ({})", location_text(location));
        }
    }
    text
}

fn problems_case(name: &str, classname: &str, problems: &[Problem]) -> TestCase {
    let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
    let first = problems.first().map(|p| p.message.clone()).unwrap_or_default();
    status.set_message(first);
    status.set_type(problems.first().map_or("", |p| p.code.as_str()));
    let body: Vec<String> = problems.iter().map(problem_text).collect();
    status.set_description(body.join("\n"));
    let mut case = TestCase::new(name, status);
    case.set_classname(classname);
    case
}

fn problem_text(problem: &Problem) -> String {
    let mut text = format!("{}: {}", problem.code, problem.message);
    if let Some(place) = problem_place(problem) {
        let _ = write!(text, "\n  at {place}");
    }
    if let Some(help) = &problem.help {
        let _ = write!(text, "\n  help: {help}");
    }
    text
}
