//! `--format csv`: one row per finding (waived ones included, marked), for a spreadsheet.
//! Rule outcomes without findings (passed, not assessed, errors) and rejected tenants have no
//! row: they are in every other format, and an untrustworthy run still exits 2.
//!
//! Exports are user-controlled: a cell that a spreadsheet would run as a formula (starting
//! with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`, as OWASP advises
//! against CSV injection.

use std::borrow::Cow;
use std::io::{self, Write};

use super::Report;

const HEADER: [&str; 18] = [
    "tenant",
    "tenant_path",
    "rule_id",
    "rule_name",
    "severity",
    "area",
    "message",
    "file",
    "line",
    "column",
    "pointer",
    "waived",
    "waiver_reason",
    "waiver_owner",
    "waiver_expires",
    "in_baseline",
    "fingerprint",
    "canonical_path",
];

pub fn render_csv(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(HEADER)?;
    for tenant in &report.tenants {
        for result in &tenant.results {
            for finding in result.outcome.findings() {
                let location = finding.location.as_ref();
                let waiver = finding.waiver.as_deref();
                let line = location.map(|l| l.line.to_string()).unwrap_or_default();
                let column = location.map(|l| l.column.to_string()).unwrap_or_default();
                let canonical_path = finding.path.to_pointer();
                let record = [
                    tenant.name.as_str(),
                    tenant.path.as_str(),
                    finding.rule.as_str(),
                    result.rule.name.as_str(),
                    finding.severity.as_str(),
                    result.rule.area.key(),
                    finding.message.as_str(),
                    location.map_or("", |l| l.source.path.as_str()),
                    line.as_str(),
                    column.as_str(),
                    location.map_or("", |l| l.pointer.as_str()),
                    if waiver.is_some() { "true" } else { "false" },
                    waiver.map_or("", |w| w.reason.as_str()),
                    waiver.and_then(|w| w.owner.as_deref()).unwrap_or(""),
                    waiver.and_then(|w| w.expires.as_deref()).unwrap_or(""),
                    if finding.in_baseline { "true" } else { "false" },
                    finding.fingerprint.as_str(),
                    canonical_path.as_str(),
                ];
                for cell in record {
                    writer.write_field(inert(cell).as_bytes())?;
                }
                writer.write_record(None::<&[u8]>)?;
            }
        }
    }
    writer.flush()
}

/// The cell as text a spreadsheet shows rather than evaluates.
fn inert(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::inert;

    #[test]
    fn formulas_are_made_inert() {
        assert_eq!(inert("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert("Policy 'x' is disabled"), "Policy 'x' is disabled");
    }
}
