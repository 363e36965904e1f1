//! Phrases that every text format words the same way, so that a finding reads alike in the
//! terminal, a CI log, a JUnit report and a gap report.

use crate::model::{DataArea, Location, Outcome, Problem, WaiverInfo};

/// `file:line:column`, the form terminals, editors and CI logs turn into links.
pub fn location_text(location: &Location) -> String {
    format!("{}:{}:{}", location.source.path, location.line, location.column)
}

/// Where a problem is: `file:line:column`, the file alone, or nothing.
pub fn problem_place(problem: &Problem) -> Option<String> {
    match (&problem.location, &problem.file) {
        (Some(location), _) => Some(location_text(location)),
        (None, Some(file)) => Some(file.clone()),
        (None, None) => None,
    }
}

/// "reason; owner; until 2027-06-30".
pub fn waiver_note(waiver: &WaiverInfo) -> String {
    let mut parts = vec![waiver.reason.clone()];
    parts.extend(waiver.owner.clone());
    parts.extend(waiver.expires.as_ref().map(|date| format!("until {date}")));
    parts.join("; ")
}

/// "no DLP or message encryption export".
pub fn missing_exports(missing: &[DataArea]) -> String {
    let exports: Vec<&str> = missing.iter().map(|area| area.export_name()).collect();
    format!("no {} export", exports.join(" or "))
}

/// Why a rule was not assessed: the missing exports, or the policy's own reasons. `None` for
/// any other outcome.
pub fn not_assessed_reason(outcome: &Outcome) -> Option<String> {
    match outcome {
        Outcome::NotAssessed { missing, .. } if !missing.is_empty() => Some(missing_exports(missing)),
        Outcome::NotAssessed { reasons, .. } if !reasons.is_empty() => Some(reasons.join("; ")),
        Outcome::NotAssessed { .. } => Some("the policy could not judge this tenant".to_owned()),
        _ => None,
    }
}

/// The sentence for a rule that failed to evaluate.
pub fn rule_error_text(message: &str) -> String {
    format!("rule failed to evaluate, so this tenant was not checked against it: {message}")
}

pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The text on one line: line breaks become spaces, so that one line stays one record.
pub fn one_line(text: &str) -> String {
    text.replace("\r\n", " ").replace(['\r', '\n'], " ")
}
