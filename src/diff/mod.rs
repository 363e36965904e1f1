//! `m365lint diff OLD NEW`: which findings are new, resolved or unchanged between two runs.
//! Each side is a JSON report (`check --format json`) or an export linted on the spot.
//! Findings match by tenant and fingerprint (rule, value identity, details), never by line
//! numbers; waived findings are accepted and left out.

mod render;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

pub use render::{render_human, render_json, render_markdown};

use crate::model::{Problem, Severity};
use crate::redact::comparable_fingerprint;
use crate::report::{JSON_SCHEMA_VERSION, Report};

/// One finding, as a diff shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffFinding {
    pub tenant: String,
    pub rule: String,
    pub name: String,
    pub severity: Severity,
    pub message: String,
    /// `file:line:column`, when the finding is in a file.
    pub location: Option<String>,
    pub fingerprint: String,
}

/// The findings of one side.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Side {
    /// What the side was read from (a report file or an export path).
    pub label: String,
    pub tenants: Vec<String>,
    pub findings: Vec<DiffFinding>,
    /// Why the side cannot be trusted (rejected tenants, rules that failed to evaluate).
    pub problems: Vec<String>,
}

/// The comparison, each list in report order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    pub old: String,
    pub new: String,
    pub added: Vec<DiffFinding>,
    pub resolved: Vec<DiffFinding>,
    pub unchanged: Vec<DiffFinding>,
}

impl Side {
    pub fn from_report(report: &Report, label: String) -> Side {
        let mut side = Side { label, ..Side::default() };
        for tenant in &report.tenants {
            side.tenants.push(tenant.name.clone());
            if tenant.is_rejected() {
                side.problems.push(format!("tenant {} was rejected", tenant.name));
            }
            for result in &tenant.results {
                if let crate::model::Outcome::Error { message } = &result.outcome {
                    side.problems.push(format!("{} failed to evaluate for {}: {message}", result.rule.id, tenant.name));
                }
                for finding in result.outcome.findings().iter().filter(|f| f.waiver.is_none()) {
                    side.findings.push(DiffFinding {
                        tenant: tenant.name.clone(),
                        rule: finding.rule.to_string(),
                        name: result.rule.name.to_string(),
                        severity: finding.severity,
                        message: finding.message.clone(),
                        location: finding
                            .location
                            .as_ref()
                            .map(|l| format!("{}:{}:{}", l.source.path, l.line, l.column)),
                        fingerprint: finding.fingerprint.clone(),
                    });
                }
            }
        }
        side
    }

    /// Reads a JSON report; `Ok(None)` when the file is not one (it is then an export). A file
    /// larger than `max_size` bytes is refused before it is read, report or export.
    pub fn from_json_report(path: &Path, max_size: u64) -> Result<Option<Side>, Problem> {
        let text = match crate::ingest::read_text_limited(path, max_size) {
            Ok(text) => text,
            Err(error @ crate::ingest::ReadError::TooLarge { .. }) => {
                return Err(crate::ingest::too_large(&path.display().to_string(), &error));
            }
            Err(_) => return Ok(None),
        };
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else { return Ok(None) };
        if value.get("schemaVersion").is_none()
            || value.pointer("/tool/name").and_then(|n| n.as_str()) != Some("m365lint")
        {
            return Ok(None);
        }
        let display = path.display().to_string();
        let report: ReportFile = serde_json::from_value(value).map_err(|error| Problem {
            code: "m365lint::diff::invalid_report".into(),
            message: format!("{display} looks like an m365lint report but cannot be read: {error}"),
            help: None,
            file: Some(display.clone()),
            location: None,
            label: None,
        })?;
        if report.schema_version != JSON_SCHEMA_VERSION {
            return Err(Problem {
                code: "m365lint::diff::invalid_report".into(),
                message: format!(
                    "{display} has report schema version {}; this m365lint reads version {JSON_SCHEMA_VERSION}",
                    report.schema_version
                ),
                help: None,
                file: Some(display),
                location: None,
                label: None,
            });
        }
        let mut side = Side { label: display, ..Side::default() };
        for tenant in report.tenants {
            side.tenants.push(tenant.name.clone());
            if tenant.status == "rejected" {
                side.problems.push(format!("tenant {} was rejected", tenant.name));
            }
            for result in tenant.results {
                if result.outcome == "error" {
                    side.problems.push(format!("{} failed to evaluate for {}", result.rule_id, tenant.name));
                }
                for finding in result.findings.into_iter().filter(|f| f.waiver.is_none()) {
                    side.findings.push(DiffFinding {
                        tenant: tenant.name.clone(),
                        rule: finding.rule_id,
                        name: finding.name,
                        severity: finding.severity,
                        message: finding.message,
                        location: finding.file.map(|file| {
                            format!("{file}:{}:{}", finding.line.unwrap_or(0), finding.column.unwrap_or(0))
                        }),
                        fingerprint: finding.fingerprint,
                    });
                }
            }
        }
        Ok(Some(side))
    }
}

/// Compares two sides. When each side has exactly one tenant, tenant names are ignored (two
/// exports of one tenant usually live in differently named directories).
pub fn compare(old: &Side, new: &Side) -> Diff {
    let single = old.tenants.len() == 1 && new.tenants.len() == 1;
    // Plain and redacted (`--redact`) reports compare through the fingerprint's digest.
    let key = |f: &DiffFinding| {
        (if single { String::new() } else { f.tenant.clone() }, comparable_fingerprint(&f.fingerprint).into_owned())
    };
    let old_keys: BTreeMap<_, &DiffFinding> = old.findings.iter().map(|f| (key(f), f)).collect();
    let new_keys: BTreeMap<_, &DiffFinding> = new.findings.iter().map(|f| (key(f), f)).collect();
    Diff {
        old: old.label.clone(),
        new: new.label.clone(),
        added: new.findings.iter().filter(|f| !old_keys.contains_key(&key(f))).cloned().collect(),
        resolved: old.findings.iter().filter(|f| !new_keys.contains_key(&key(f))).cloned().collect(),
        unchanged: new.findings.iter().filter(|f| old_keys.contains_key(&key(f))).cloned().collect(),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ReportFile {
    schema_version: u32,
    tenants: Vec<TenantEntry>,
}

#[derive(Deserialize)]
struct TenantEntry {
    name: String,
    status: String,
    #[serde(default)]
    results: Vec<ResultEntry>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ResultEntry {
    rule_id: String,
    outcome: String,
    #[serde(default)]
    findings: Vec<FindingEntry>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FindingEntry {
    rule_id: String,
    name: String,
    severity: Severity,
    message: String,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    fingerprint: String,
    waiver: Option<serde_json::Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(tenant: &str, fingerprint: &str) -> DiffFinding {
        DiffFinding {
            tenant: tenant.into(),
            rule: "CA010".into(),
            name: "unapproved-exclusion".into(),
            severity: Severity::High,
            message: "m".into(),
            location: None,
            fingerprint: fingerprint.into(),
        }
    }

    fn side(tenants: &[&str], findings: Vec<DiffFinding>) -> Side {
        Side {
            label: "x".into(),
            tenants: tenants.iter().map(|t| t.to_string()).collect(),
            findings,
            problems: Vec::new(),
        }
    }

    #[test]
    fn single_tenants_match_whatever_their_names() {
        let old = side(&["2026-10"], vec![finding("2026-10", "a"), finding("2026-10", "b")]);
        let new = side(&["2026-11"], vec![finding("2026-11", "b"), finding("2026-11", "c")]);
        let diff = compare(&old, &new);
        assert_eq!(diff.added.iter().map(|f| f.fingerprint.as_str()).collect::<Vec<_>>(), ["c"]);
        assert_eq!(diff.resolved.iter().map(|f| f.fingerprint.as_str()).collect::<Vec<_>>(), ["a"]);
        assert_eq!(diff.unchanged.iter().map(|f| f.fingerprint.as_str()).collect::<Vec<_>>(), ["b"]);
    }

    #[test]
    fn several_tenants_match_by_name() {
        let old = side(&["a", "b"], vec![finding("a", "x")]);
        let new = side(&["a", "b"], vec![finding("b", "x")]);
        let diff = compare(&old, &new);
        assert_eq!((diff.added.len(), diff.resolved.len(), diff.unchanged.len()), (1, 1, 0));
    }
}
