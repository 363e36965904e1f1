//! The diff as text for a terminal, as JSON, and as Markdown for a pull request comment.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

use super::{Diff, DiffFinding};
use crate::model::Severity;

pub fn render_human(diff: &Diff, out: &mut dyn Write) -> io::Result<()> {
    let mut text = format!("comparing {} (old) with {} (new)\n\n", diff.old, diff.new);
    for (title, findings) in [("new", &diff.added), ("resolved", &diff.resolved)] {
        let _ = writeln!(text, "{title} ({}):", findings.len());
        for finding in findings.iter() {
            let _ = writeln!(
                text,
                "  {} {} [{}] {}{}",
                finding.rule,
                finding.name,
                finding.severity,
                finding.message,
                finding.location.as_deref().map(|l| format!(" ({l})")).unwrap_or_default()
            );
        }
        text.push('\n');
    }
    let _ = writeln!(
        text,
        "{} new, {} resolved, {} unchanged",
        diff.added.len(),
        diff.resolved.len(),
        diff.unchanged.len()
    );
    out.write_all(text.as_bytes())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonDiff<'a> {
    old: &'a str,
    new: &'a str,
    summary: JsonCounts,
    added: Vec<JsonFinding<'a>>,
    resolved: Vec<JsonFinding<'a>>,
    unchanged: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonCounts {
    new: usize,
    resolved: usize,
    unchanged: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonFinding<'a> {
    tenant: &'a str,
    rule_id: &'a str,
    name: &'a str,
    severity: Severity,
    message: &'a str,
    location: Option<&'a str>,
    fingerprint: &'a str,
}

pub fn render_json(diff: &Diff, out: &mut dyn Write) -> io::Result<()> {
    let document = JsonDiff {
        old: &diff.old,
        new: &diff.new,
        summary: JsonCounts { new: diff.added.len(), resolved: diff.resolved.len(), unchanged: diff.unchanged.len() },
        added: list(&diff.added),
        resolved: list(&diff.resolved),
        unchanged: list(&diff.unchanged),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

fn list(findings: &[DiffFinding]) -> Vec<JsonFinding<'_>> {
    findings
        .iter()
        .map(|f| JsonFinding {
            tenant: &f.tenant,
            rule_id: &f.rule,
            name: &f.name,
            severity: f.severity,
            message: &f.message,
            location: f.location.as_deref(),
            fingerprint: &f.fingerprint,
        })
        .collect()
}

pub fn render_markdown(diff: &Diff, out: &mut dyn Write) -> io::Result<()> {
    let mut text = String::from("## m365lint: changes in findings\n\n");
    let _ = writeln!(
        text,
        "Comparing `{}` (old) with `{}` (new): **{} new**, {} resolved, {} unchanged.\n",
        diff.old,
        diff.new,
        diff.added.len(),
        diff.resolved.len(),
        diff.unchanged.len()
    );
    for (title, findings) in [("New findings", &diff.added), ("Resolved findings", &diff.resolved)] {
        let _ = writeln!(text, "### {title}\n");
        if findings.is_empty() {
            text.push_str("None.\n\n");
            continue;
        }
        text.push_str("| Rule | Severity | Finding | Where |\n|---|---|---|---|\n");
        for f in findings.iter() {
            let _ = writeln!(
                text,
                "| {} {} | {} | {} | {} |",
                f.rule,
                f.name,
                f.severity,
                escape(&f.message),
                f.location.as_deref().map(|l| format!("`{l}`")).unwrap_or_default()
            );
        }
        text.push('\n');
    }
    out.write_all(text.as_bytes())
}

/// Table cells must not break the table.
fn escape(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
