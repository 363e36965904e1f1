//! `--format json-lines`: one JSON object per line, first one per tenant (written as soon as
//! that tenant and every tenant before it are linted, so a long run can be followed and piped),
//! then one summary line. Each line has `"type"`: `"tenant"` (the shape of a tenant in
//! `--format json`) or `"summary"` (the run's counts, problems and warnings); both carry the
//! JSON report's `schemaVersion`. Documented in docs/json-report.md.

use std::io::{self, Write};

use serde::Serialize;

use super::json::{self, JsonProblem, JsonSummary, JsonTenant, Tool};
use super::{JSON_SCHEMA_VERSION, Report, TenantReport};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TenantLine<'a> {
    schema_version: u32,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    tenant: JsonTenant<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SummaryLine<'a> {
    schema_version: u32,
    #[serde(rename = "type")]
    kind: &'static str,
    tool: Tool,
    summary: JsonSummary,
    problems: Vec<JsonProblem<'a>>,
    warnings: Vec<JsonProblem<'a>>,
}

/// The line of one finished tenant.
pub fn write_tenant_line(tenant: &TenantReport, out: &mut dyn Write) -> io::Result<()> {
    let line = TenantLine { schema_version: JSON_SCHEMA_VERSION, kind: "tenant", tenant: json::tenant(tenant) };
    serde_json::to_writer(&mut *out, &line)?;
    writeln!(out)
}

/// The closing line: the run's summary, problems and warnings.
pub fn write_summary_line(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let line = SummaryLine {
        schema_version: JSON_SCHEMA_VERSION,
        kind: "summary",
        tool: Tool::M365LINT,
        summary: json::summary(report),
        problems: report.problems.iter().map(json::problem).collect(),
        warnings: report.warnings.iter().map(json::problem).collect(),
    };
    serde_json::to_writer(&mut *out, &line)?;
    writeln!(out)
}

/// Every line at once, for a report that is already complete.
pub fn render_json_lines(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for tenant in &report.tenants {
        write_tenant_line(tenant, out)?;
    }
    write_summary_line(report, out)
}
