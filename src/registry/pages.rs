//! What m365lint says about its rules, generated from METADATA (the one home of a rule's
//! metadata): the `policies` listing, the `explain` page, and the rule reference in
//! docs/rules.md (a test keeps that file in step with the policies).

use std::fmt::Write as _;

use serde::Serialize;

use crate::model::{DataArea, Reference, RelatedResource, RuleArea, RuleMeta, Severity};

/// One line per rule: id, name, severity, area, title.
pub fn listing(rules: &[impl AsRef<RuleMeta>]) -> String {
    let rules: Vec<&RuleMeta> = rules.iter().map(AsRef::as_ref).collect();
    let width = |f: fn(&RuleMeta) -> usize| rules.iter().map(|r| f(r)).max().unwrap_or(0);
    let (id, name) = (width(|r| r.id.as_str().len()).max(2), width(|r| r.name.as_str().len()).max(4));
    let area = width(|r| r.area.key().len()).max(4);
    let mut text = format!("{:id$}  {:name$}  {:8}  {:area$}  TITLE\n", "ID", "NAME", "SEVERITY", "AREA");
    for rule in &rules {
        let _ = writeln!(
            text,
            "{:id$}  {:name$}  {:8}  {:area$}  {}",
            rule.id.as_str(),
            rule.name.as_str(),
            rule.severity.as_str(),
            rule.area.key(),
            rule.title
        );
    }
    text
}

/// The rules as JSON (everything METADATA says).
pub fn listing_json(rules: &[impl AsRef<RuleMeta>]) -> String {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Entry<'a> {
        id: &'a str,
        name: &'a str,
        severity: Severity,
        area: RuleArea,
        requires: &'a [DataArea],
        title: &'a str,
        description: &'a str,
        rationale: &'a str,
        remediation: &'a str,
        references: &'a [Reference],
        related_resources: &'a [RelatedResource],
        builtin: bool,
        source: &'a str,
    }
    let entries: Vec<Entry<'_>> = rules
        .iter()
        .map(AsRef::as_ref)
        .map(|r| Entry {
            id: r.id.as_str(),
            name: r.name.as_str(),
            severity: r.severity,
            area: r.area,
            requires: &r.requires,
            title: &r.title,
            description: &r.description,
            rationale: &r.rationale,
            remediation: &r.remediation,
            references: &r.references,
            related_resources: &r.related_resources,
            builtin: r.builtin,
            source: &r.source,
        })
        .collect();
    serde_json::to_string_pretty(&entries).map(|json| json + "\n").unwrap_or_default()
}

/// A rule's page for the terminal: what it checks, why it matters, how to fix it, references.
pub fn page(rule: &RuleMeta, width: usize) -> String {
    let wrap = |text: &str| {
        let options =
            textwrap::Options::new(width.saturating_sub(2).max(40)).initial_indent("  ").subsequent_indent("  ");
        textwrap::fill(text, options)
    };
    let requires: Vec<&str> = rule.requires.iter().map(|a| a.key()).collect();
    let mut text = format!("{} {}\n{}\n\n", rule.id, rule.name, rule.title);
    let _ = writeln!(
        text,
        "severity: {}    area: {}    requires: {}\n",
        rule.severity,
        rule.area.key(),
        requires.join(", ")
    );
    for (heading, body) in [
        ("What it checks", &rule.description),
        ("Why it matters", &rule.rationale),
        ("How to fix it", &rule.remediation),
    ] {
        let _ = writeln!(text, "{heading}\n{}\n", wrap(body));
    }
    if !rule.references.is_empty() {
        text.push_str("References\n");
        for reference in &rule.references {
            let _ = writeln!(text, "  {}", reference_text(reference));
        }
        text.push('\n');
    }
    if !rule.related_resources.is_empty() {
        text.push_str("Learn more\n");
        for resource in &rule.related_resources {
            match &resource.description {
                Some(description) => {
                    let _ = writeln!(text, "  {description}: {}", resource.reference);
                }
                None => {
                    let _ = writeln!(text, "  {}", resource.reference);
                }
            }
        }
        text.push('\n');
    }
    let _ = writeln!(text, "Policy: {}{}", rule.source, if rule.builtin { " (built in)" } else { "" });
    text
}

/// `SCuBA MS.AAD.1.1v1`, `CIS 5.2.2.6 (inspired: accepts block only)`.
pub fn reference_text(reference: &Reference) -> String {
    let mut text = format!("{} {}", reference.framework, reference.id);
    match (reference.inspired, &reference.note) {
        (true, Some(note)) => {
            let _ = write!(text, " (inspired: {note})");
        }
        (true, None) => text.push_str(" (inspired)"),
        (false, Some(note)) => {
            let _ = write!(text, " ({note})");
        }
        (false, None) => {}
    }
    text
}

/// The rule reference (docs/rules.md), grouped by area.
pub fn markdown(rules: &[impl AsRef<RuleMeta>]) -> String {
    let rules: Vec<&RuleMeta> = rules.iter().map(AsRef::as_ref).collect();
    let mut text = String::from(
        "# Rules\n\n\
         <!-- Generated from the policies' METADATA by `m365lint policies --format markdown`; do not edit. -->\n\n\
         Every rule m365lint checks, generated from the METADATA of its policy. `m365lint explain ID`\n\
         prints the same page in a terminal. Severities are the defaults; `[severity]` in\n\
         `m365lint.toml` overrides them.\n\n\
         | id | name | severity | title |\n|---|---|---|---|\n",
    );
    for rule in &rules {
        let _ = writeln!(
            text,
            "| [{id}](#{anchor}) | {} | {} | {} |",
            rule.name,
            rule.severity,
            rule.title,
            id = rule.id,
            anchor = anchor(rule)
        );
    }
    for area in RuleArea::ALL {
        let in_area: Vec<&&RuleMeta> = rules.iter().filter(|r| r.area == area).collect();
        if in_area.is_empty() {
            continue;
        }
        let _ = write!(text, "\n## {}\n", area.title());
        for rule in in_area {
            let requires: Vec<&str> = rule.requires.iter().map(|a| a.key()).collect();
            let _ = write!(
                text,
                "\n### {} {}\n\n**{}**\n\n- Severity: {}\n- Requires: {}\n\n{}\n\n**Why it matters.** {}\n\n**How to fix it.** {}\n",
                rule.id,
                rule.name,
                rule.title,
                rule.severity,
                requires.join(", "),
                rule.description,
                rule.rationale,
                rule.remediation
            );
            if !rule.references.is_empty() {
                let refs: Vec<String> = rule.references.iter().map(reference_text).collect();
                let _ = write!(text, "\n**References.** {}\n", refs.join("; "));
            }
            for resource in &rule.related_resources {
                let label = resource.description.as_deref().unwrap_or(&resource.reference);
                let _ = write!(text, "\n[{label}]({})\n", resource.reference);
            }
        }
    }
    text
}

/// GitHub's heading anchor for `### CA001 legacy-authentication-allowed`.
fn anchor(rule: &RuleMeta) -> String {
    format!("{}-{}", rule.id.as_str().to_ascii_lowercase(), rule.name)
}
