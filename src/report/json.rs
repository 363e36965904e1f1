//! `--format json`: the whole report as one versioned JSON document (schema in
//! docs/json-report.md). Field names are camelCase; absent values are omitted, not null, except
//! where the schema says otherwise.

use std::io::{self, Write};

use serde::Serialize;

use super::spool::{LineSpool, SpooledLines};
use super::{Report, TenantReport};
use crate::model::{DataArea, Evidence, Finding, Location, Outcome, Problem, RuleResult, Severity};

/// Bumped whenever a field is removed or changes meaning (adding fields does not bump it).
pub const JSON_SCHEMA_VERSION: u32 = 1;

pub fn render_json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let tenants: Vec<JsonTenant<'_>> = report.tenants.iter().map(tenant).collect();
    write_document(report, &tenants, out)
}

fn write_document<T: Serialize>(report: &Report, tenants: &T, out: &mut dyn Write) -> io::Result<()> {
    let document = JsonReport {
        schema_version: JSON_SCHEMA_VERSION,
        tool: Tool::M365LINT,
        summary: summary(report),
        problems: report.problems.iter().map(problem).collect(),
        warnings: report.warnings.iter().map(problem).collect(),
        tenants,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

/// `--format json` for a run too large to hold: each tenant is written to an anonymous
/// temporary file as it finishes ([`JsonSpool::add`]), one compact line each, and
/// [`JsonSpool::finish`] writes the document, reading the tenants back one at a time. The
/// output is byte for byte what [`render_json`] writes for the same run, but memory holds one
/// tenant, not all of them.
pub struct JsonSpool {
    tenants: LineSpool,
}

impl JsonSpool {
    pub fn new() -> io::Result<JsonSpool> {
        Ok(JsonSpool { tenants: LineSpool::new()? })
    }

    /// Spools one finished tenant (in report order).
    pub fn add(&mut self, finished: &TenantReport) -> io::Result<()> {
        self.tenants.push(&tenant(finished))
    }

    /// Writes the whole document: the report's counts, problems and warnings, and every
    /// spooled tenant. `report` must be the run the tenants were spooled from.
    pub fn finish(self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        write_document(report, &Spooled(self.tenants.read_back()?), out)
    }
}

/// The spooled tenants, re-serialized one line at a time through the document's serializer
/// (so they are pretty-printed and indented exactly as if they had been held in memory).
struct Spooled(SpooledLines);

impl Serialize for Spooled {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut sequence = serializer.serialize_seq(Some(self.0.len()))?;
        self.0.each_line(|line| {
            let mut tenant = serde_json::Deserializer::from_str(line);
            sequence.serialize_element(&serde_transcode::Transcoder::new(&mut tenant))
        })?;
        sequence.end()
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonReport<'a, T> {
    schema_version: u32,
    tool: Tool,
    summary: JsonSummary,
    problems: Vec<JsonProblem<'a>>,
    warnings: Vec<JsonProblem<'a>>,
    tenants: &'a T,
}

#[derive(Serialize)]
pub(super) struct Tool {
    name: &'static str,
    version: &'static str,
}

impl Tool {
    pub(super) const M365LINT: Tool = Tool { name: "m365lint", version: env!("CARGO_PKG_VERSION") };
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct JsonSummary {
    tenants: usize,
    rejected_tenants: usize,
    findings: FindingCounts,
    rules: RuleCounts,
    problems: usize,
}

/// Findings that are not waived, by severity; waived ones counted apart.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FindingCounts {
    total: usize,
    critical: usize,
    high: usize,
    medium: usize,
    low: usize,
    info: usize,
    waived: usize,
    /// Not waived, but already in the `--baseline` report.
    in_baseline: usize,
    /// Not waived and not in the baseline: what gates the run.
    new: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleCounts {
    passed: usize,
    failed: usize,
    waived: usize,
    not_assessed: usize,
    error: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct JsonTenant<'a> {
    name: &'a str,
    path: &'a str,
    /// `assessed` or `rejected`.
    status: &'static str,
    areas: std::collections::BTreeMap<&'static str, bool>,
    problems: Vec<JsonProblem<'a>>,
    warnings: Vec<JsonProblem<'a>>,
    results: Vec<JsonResult<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonResult<'a> {
    rule_id: &'a str,
    name: &'a str,
    severity: Severity,
    area: &'static str,
    outcome: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    missing_areas: Vec<DataArea>,
    /// Why the policy could not judge the tenant (not-assessed outcomes the policy declared).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    reasons: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    findings: Vec<JsonFinding<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    prints: Vec<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonFinding<'a> {
    rule_id: &'a str,
    name: &'a str,
    severity: Severity,
    message: &'a str,
    #[serde(flatten)]
    location: JsonLocation<'a>,
    /// The path into the canonical document (`m365lint normalize`), as a JSON pointer.
    path: String,
    /// Identifies the finding across runs (baselines, diffs), independent of line numbers.
    fingerprint: &'a str,
    details: Option<&'a serde_json::Value>,
    related: Vec<JsonEvidence<'a>>,
    /// The waiver that accepts the finding, or null.
    waiver: Option<JsonWaiver<'a>>,
    in_baseline: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonWaiver<'a> {
    reason: &'a str,
    owner: Option<&'a str>,
    expires: Option<&'a str>,
    file: Option<&'a str>,
    line: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonEvidence<'a> {
    message: &'a str,
    #[serde(flatten)]
    location: JsonLocation<'a>,
    path: String,
}

/// Where a value is in the original export; all null when it is in no file.
#[derive(Serialize)]
struct JsonLocation<'a> {
    file: Option<&'a str>,
    /// JSON pointer into the original file.
    pointer: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct JsonProblem<'a> {
    code: &'a str,
    message: &'a str,
    help: Option<&'a str>,
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    pointer: Option<&'a str>,
}

pub(super) fn summary(report: &Report) -> JsonSummary {
    let s = &report.summary;
    let count = |severity| s.findings.get(&severity).copied().unwrap_or(0);
    JsonSummary {
        tenants: s.tenants,
        rejected_tenants: s.rejected_tenants,
        findings: FindingCounts {
            total: s.total_findings(),
            critical: count(Severity::Critical),
            high: count(Severity::High),
            medium: count(Severity::Medium),
            low: count(Severity::Low),
            info: count(Severity::Info),
            waived: s.waived,
            in_baseline: s.in_baseline,
            new: s.gating.values().sum(),
        },
        rules: RuleCounts {
            passed: s.passed,
            failed: s.failed,
            waived: s.waived_rules,
            not_assessed: s.not_assessed,
            error: s.errors,
        },
        problems: s.problems,
    }
}

pub(super) fn tenant(tenant: &TenantReport) -> JsonTenant<'_> {
    JsonTenant {
        name: &tenant.name,
        path: &tenant.path,
        status: if tenant.is_rejected() { "rejected" } else { "assessed" },
        areas: DataArea::ALL.iter().map(|area| (area.key(), tenant.areas.contains(area))).collect(),
        problems: tenant.problems.iter().map(problem).collect(),
        warnings: tenant.warnings.iter().map(problem).collect(),
        results: tenant.results.iter().map(result).collect(),
    }
}

fn result(result: &RuleResult) -> JsonResult<'_> {
    let rule = &result.rule;
    let (missing_areas, reasons, error) = match &result.outcome {
        Outcome::NotAssessed { missing, reasons } => {
            (missing.clone(), reasons.iter().map(String::as_str).collect(), None)
        }
        Outcome::Error { message } => (Vec::new(), Vec::new(), Some(message.as_str())),
        Outcome::Pass | Outcome::Fail(_) | Outcome::Waived(_) => (Vec::new(), Vec::new(), None),
    };
    let findings = result.outcome.findings().iter().map(|f| finding(f, rule.name.as_str())).collect();
    JsonResult {
        rule_id: rule.id.as_str(),
        name: rule.name.as_str(),
        severity: rule.severity,
        area: rule.area.key(),
        outcome: result.outcome.kind(),
        missing_areas,
        reasons,
        error,
        findings,
        prints: result.prints.iter().map(String::as_str).collect(),
    }
}

fn finding<'a>(finding: &'a Finding, name: &'a str) -> JsonFinding<'a> {
    JsonFinding {
        rule_id: finding.rule.as_str(),
        name,
        severity: finding.severity,
        message: &finding.message,
        location: location(finding.location.as_ref()),
        path: finding.path.to_pointer(),
        fingerprint: &finding.fingerprint,
        details: finding.details.as_ref(),
        related: finding.related.iter().map(evidence).collect(),
        waiver: finding.waiver.as_deref().map(|waiver| JsonWaiver {
            reason: &waiver.reason,
            owner: waiver.owner.as_deref(),
            expires: waiver.expires.as_deref(),
            file: waiver.location.as_ref().map(|l| l.source.path.as_str()),
            line: waiver.location.as_ref().map(|l| l.line),
        }),
        in_baseline: finding.in_baseline,
    }
}

fn evidence(evidence: &Evidence) -> JsonEvidence<'_> {
    JsonEvidence {
        message: &evidence.message,
        location: location(evidence.location.as_ref()),
        path: evidence.path.to_pointer(),
    }
}

fn location(location: Option<&Location>) -> JsonLocation<'_> {
    JsonLocation {
        file: location.map(|l| l.source.path.as_str()),
        pointer: location.map(|l| l.pointer.as_str()),
        line: location.map(|l| l.line),
        column: location.map(|l| l.column),
    }
}

pub(super) fn problem(problem: &Problem) -> JsonProblem<'_> {
    JsonProblem {
        code: &problem.code,
        message: &problem.message,
        help: problem.help.as_deref(),
        file: problem.file.as_deref(),
        line: problem.location.as_ref().map(|l| l.line),
        column: problem.location.as_ref().map(|l| l.column),
        pointer: problem.location.as_ref().map(|l| l.pointer.as_str()).filter(|p| !p.is_empty()),
    }
}
