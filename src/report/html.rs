//! `--format html`: one self-contained file a consultant can hand to a customer: a summary,
//! per tenant a posture score per area (formula in [`super::posture`], printed in the report)
//! with an inline SVG chart, findings with remediation and references, areas not assessed,
//! and waived findings ("documented as not planned") with reason, owner and expiry.
//!
//! It loads nothing: inline CSS, no script, font or image. A Content-Security-Policy meta
//! blocks every request (`default-src 'none'`) and admits the one inline stylesheet by its
//! hash, so anything that tried to load would be refused and show as a console error.
//! Every string is escaped by maud, which escapes all interpolations unless told otherwise
//! (only the stylesheet, a constant, is not).

use std::io::{self, Write};

use data_encoding::BASE64;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use sha2::{Digest, Sha256};

use super::phrases::{location_text, not_assessed_reason, plural, problem_place, rule_error_text};
use super::posture::{AreaPosture, SCORE_FORMULA, posture};
use super::{Report, Summary, TenantReport};
use crate::model::{Finding, Outcome, Problem, RuleArea, RuleMeta, RuleResult, Severity};

const CSS: &str = include_str!("html.css");

/// A line break between blocks: the file reads (and diffs) line by line; browsers ignore it.
const NL: &str = "\n";

pub fn render_html(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let page = page(report);
    out.write_all(page.into_string().as_bytes())?;
    writeln!(out)
}

/// `default-src 'none'` refuses every fetch (scripts, images, fonts, frames, connections);
/// the stylesheet is allowed by its SHA-256 so that no other style can be injected.
fn content_security_policy() -> String {
    let hash = BASE64.encode(&Sha256::digest(CSS.as_bytes()));
    format!("default-src 'none'; style-src 'sha256-{hash}'; base-uri 'none'; form-action 'none'")
}

fn page(report: &Report) -> Markup {
    let s = &report.summary;
    let title = match report.tenants.as_slice() {
        [tenant] => format!("Microsoft 365 security report: {}", tenant.name),
        _ => format!("Microsoft 365 security report: {} tenants", s.tenants),
    };
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(content_security_policy());
                meta name="referrer" content="no-referrer";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(CSS)) }
                (NL)
            }
            body {
                header.top {
                    div.brand { "m365lint" }
                    h1 { "Microsoft 365 security configuration report" }
                    p {
                        (s.tenants) " tenant" (plural(s.tenants)) " · " (report.rules.len()) " rules · m365lint "
                        (env!("CARGO_PKG_VERSION"))
                    }
                }
                main {
                    (overview(report)) (NL) (NL)
                    @for (index, tenant) in report.tenants.iter().enumerate() {
                        (tenant_section(tenant, index + 1)) (NL)
                    }
                    @if !report.warnings.is_empty() {
                        section.panel {
                            h2 { "Warnings" }
                            ul { @for w in &report.warnings { li { (problem(w)) } } }
                        }
                    }
                }
                (NL)
                footer {
                    p { strong { "Posture score. " } (SCORE_FORMULA) }
                    p {
                        "Outcomes: " strong { "passed" } ", " strong { "failed" } " (open findings), "
                        strong { "waived" } " (every finding accepted and documented), "
                        strong { "not assessed" } " (the export the rule needs was not provided: neither a pass nor a failure), "
                        strong { "error" } " (the rule could not be evaluated). "
                        "This file is self-contained and loads nothing from the network."
                    }
                }
            }
        }
    }
}

fn overview(report: &Report) -> Markup {
    let s = &report.summary;
    html! {
        section.panel {
            h2 { "Summary" }
            p.sub { "Open findings by severity, and the outcome of each rule for each tenant." }
            div.groups {
                div {
                    h3.group { "Open findings" }
                    div.cards {
                        @for severity in Severity::DESCENDING {
                            (card(severity.as_str(), count(s, severity), severity.as_str()))
                        }
                        (card("waived", s.waived, "neutral"))
                    }
                }
                div {
                    h3.group { "Rules × tenants" }
                    div.cards {
                        (card("passed", s.passed, "ok"))
                        (card("failed", s.failed, if s.failed > 0 { "bad" } else { "ok" }))
                        (card("not assessed", s.not_assessed, "neutral"))
                        @if s.errors > 0 { (card("errors", s.errors, "bad")) }
                        (card(if s.tenants == 1 { "tenant" } else { "tenants" }, s.tenants, "neutral"))
                        @if s.rejected_tenants > 0 { (card("rejected", s.rejected_tenants, "bad")) }
                    }
                }
            }
            @if !report.is_trustworthy() {
                div.alert {
                    strong { "This run cannot be fully trusted. " }
                    (untrustworthy(s))
                }
            }
            @for p in &report.problems { div.alert { (problem(p)) } }
            @if report.tenants.len() > 1 {
                nav.toc {
                    h3 { "Tenants" }
                    ul {
                        @for (index, tenant) in report.tenants.iter().enumerate() {
                            li { a href=(format!("#tenant-{}", index + 1)) { (tenant.name) } }
                        }
                    }
                }
            }
        }
    }
}

fn untrustworthy(s: &Summary) -> String {
    let mut parts = Vec::new();
    if s.rejected_tenants > 0 {
        parts.push(format!("{} tenant{} rejected", s.rejected_tenants, plural(s.rejected_tenants)));
    }
    if s.errors > 0 {
        parts.push(format!("{} rule{} failed to evaluate", s.errors, plural(s.errors)));
    }
    if s.problems > 0 {
        parts.push(format!("{} problem{} with the run", s.problems, plural(s.problems)));
    }
    format!("{}: see below.", parts.join(", "))
}

fn card(label: &str, n: usize, class: &str) -> Markup {
    html! { div class={ "card " (class) } { div.n { (n) } div.k { (label) } } }
}

fn count(summary: &Summary, severity: Severity) -> usize {
    summary.findings.get(&severity).copied().unwrap_or(0)
}

fn tenant_section(tenant: &TenantReport, index: usize) -> Markup {
    let exports: Vec<&str> = tenant.areas.iter().map(|area| area.export_name()).collect();
    let exports = if exports.is_empty() { "none".to_owned() } else { exports.join(", ") };
    html! {
        section.tenant id=(format!("tenant-{index}")) {
            h2 { (tenant.name) }
            p.sub { code { (tenant.path) } " · exports read: " (exports) }
            @if tenant.is_rejected() {
                div.alert {
                    strong { "Rejected: the exports could not be trusted, so no rule was evaluated." }
                    ul { @for p in &tenant.problems { li { (problem(p)) } } }
                }
            } @else {
                (posture_block(&posture(tenant)))
                (findings(tenant))
                (not_assessed(tenant))
                (waived(tenant))
                (errors(tenant))
                (passed(tenant))
                @if !tenant.warnings.is_empty() {
                    h3 { "Warnings" }
                    ul { @for w in &tenant.warnings { li { (problem(w)) } } }
                }
            }
        }
    }
}

/// Bar chart geometry: a label column, a 0–100 % track, the value after it.
const LABEL_WIDTH: u32 = 250;
const TRACK_WIDTH: u32 = 400;
const ROW_HEIGHT: u32 = 34;

fn posture_block(areas: &[AreaPosture]) -> Markup {
    let height = ROW_HEIGHT * u32::try_from(areas.len()).unwrap_or(5) + 24;
    let width = LABEL_WIDTH + TRACK_WIDTH + 110;
    html! {
        h3 { "Posture by area" } (NL)
        svg.chart xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {width} {height}")) role="img" aria-label="Posture score per area, 0 to 100" {
            @for tick in [0u32, 50, 100] {
                line.tick x1=(LABEL_WIDTH + tick * TRACK_WIDTH / 100) x2=(LABEL_WIDTH + tick * TRACK_WIDTH / 100)
                    y1="0" y2=(height - 18) {}
                text.axis x=(LABEL_WIDTH + tick * TRACK_WIDTH / 100) y=(height - 4) text-anchor="middle" { (tick) }
            }
            @for (row, area) in areas.iter().enumerate() {
                @let y = u32::try_from(row).unwrap_or(0) * ROW_HEIGHT;
                text x="0" y=(y + 21) { (area.area.title()) }
                rect.track x=(LABEL_WIDTH) y=(y + 6) width=(TRACK_WIDTH) height="20" rx="4" {}
                @match area.score() {
                    Some(score) => {
                        rect class=(rating(score)) x=(LABEL_WIDTH) y=(y + 6) width=(score * TRACK_WIDTH / 100) height="20" rx="4" {}
                        text.value x=(LABEL_WIDTH + TRACK_WIDTH + 12) y=(y + 21) { (area.score_label()) }
                    }
                    None => {
                        text.value.na x=(LABEL_WIDTH + TRACK_WIDTH + 12) y=(y + 21) { (area.score_label()) }
                    }
                }
            }
        }
        table {
            thead { tr {
                th { "Area" } th.num { "Score" } th.num { "Passed" } th.num { "Failed" } th.num { "Waived" }
                th.num { "Not assessed" } th.num { "Errors" } th.num { "Open findings" }
            } }
            tbody {
                @for area in areas {
                    (NL)
                    tr {
                        td { (area.area.title()) }
                        td.num { (area.score_label()) }
                        td.num { (area.passed) } td.num { (area.failed) } td.num { (area.waived) }
                        td.num { (area.not_assessed) } td.num { (area.errors) } td.num { (area.open_findings()) }
                    }
                }
            }
        }
        (NL) p.note { strong { "How the score is computed: " } (SCORE_FORMULA) } (NL)
    }
}

fn rating(score: u32) -> &'static str {
    match score {
        80.. => "good",
        50..=79 => "fair",
        _ => "poor",
    }
}

fn findings(tenant: &TenantReport) -> Markup {
    let failed: Vec<&RuleResult> = tenant.results.iter().filter(|r| matches!(r.outcome, Outcome::Fail(_))).collect();
    html! {
        h3 { "Findings" }
        @if failed.is_empty() {
            p { "No open findings." }
        }
        @for area in RuleArea::ALL {
            @let in_area: Vec<&&RuleResult> = failed.iter().filter(|r| r.rule.area == area).collect();
            @if !in_area.is_empty() {
                h4 { (area.title()) }
                @for result in in_area { (rule_findings(&result.rule, result.outcome.findings())) (NL) }
            }
        }
    }
}

fn rule_findings(rule: &RuleMeta, findings: &[Finding]) -> Markup {
    html! {
        article class={ "rule " (rule.severity) } {
            h5 { span class={ "badge " (rule.severity) } { (rule.severity) } span.id { (rule.id) } (prose(&rule.title)) }
            ul.findings {
                @for finding in findings.iter().filter(|f| f.waiver.is_none()) {
                    li {
                        @if finding.severity != rule.severity {
                            span class={ "badge " (finding.severity) } { (finding.severity) }
                        }
                        (finding.message)
                        @if finding.in_baseline { " (already in the baseline)" }
                        @if let Some(location) = &finding.location {
                            span.where { code { (location_text(location)) } " " code { (location.pointer) } }
                        }
                        @if !finding.related.is_empty() {
                            ul.related {
                                @for evidence in &finding.related {
                                    li {
                                        (evidence.message)
                                        @if let Some(location) = &evidence.location { " " code { (location_text(location)) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            div.fix { strong { "Remediation." } (prose(&rule.remediation)) }
            (references(rule))
        }
    }
}

fn references(rule: &RuleMeta) -> Markup {
    html! {
        @if !rule.references.is_empty() || !rule.related_resources.is_empty() {
            p.refs {
                strong { "References:" }
                @for (i, reference) in rule.references.iter().enumerate() {
                    @if i > 0 { " · " }
                    (reference.framework) " " (reference.id)
                    @if reference.inspired { " (inspired)" }
                }
                @for resource in &rule.related_resources {
                    " · "
                    @if is_web_link(&resource.reference) {
                        a href=(resource.reference) rel="noreferrer noopener" {
                            (resource.description.as_deref().unwrap_or(&resource.reference))
                        }
                    } @else {
                        (resource.description.as_deref().unwrap_or(&resource.reference)) " (" (resource.reference) ")"
                    }
                }
            }
        }
    }
}

/// Only http(s) links become links: a `javascript:` reference in a custom policy stays text.
fn is_web_link(reference: &str) -> bool {
    reference.starts_with("https://") || reference.starts_with("http://")
}

fn not_assessed(tenant: &TenantReport) -> Markup {
    let rows: Vec<(&RuleResult, String)> = tenant
        .results
        .iter()
        .filter_map(|result| not_assessed_reason(&result.outcome).map(|reason| (result, reason)))
        .collect();
    html! {
        @if !rows.is_empty() {
            h3 { "Not assessed" }
            p.sub { "Neither passed nor failed: these rules need exports that were not provided, or could not judge the tenant." }
            table {
                thead { tr { th { "Area" } th { "Rule" } th { "Why" } } }
                tbody {
                    @for (result, reason) in &rows {
                        (NL)
                        tr {
                            td { (result.rule.area.title()) }
                            td { (result.rule.id) " " (prose(&result.rule.title)) }
                            td { (reason) }
                        }
                    }
                }
            }
        }
    }
}

fn waived(tenant: &TenantReport) -> Markup {
    let rows: Vec<(&RuleMeta, &Finding)> = tenant
        .results
        .iter()
        .flat_map(|result| result.outcome.findings().iter().map(move |finding| (result.rule.as_ref(), finding)))
        .filter(|(_, finding)| finding.waiver.is_some())
        .collect();
    html! {
        @if !rows.is_empty() {
            h3 { "Documented as not planned (waived)" }
            p.sub { "Findings the organization has accepted, with its reason. They do not fail the run and count as not passed in the score." }
            table {
                thead { tr { th { "Rule" } th { "Finding" } th { "Reason" } th { "Owner" } th { "Expires" } } }
                tbody {
                    @for (rule, finding) in &rows {
                        @if let Some(waiver) = finding.waiver.as_deref() {
                            (NL)
                            tr {
                                td.nowrap { span.badge.waived { "waived" } (rule.id) }
                                td {
                                    (finding.message)
                                    @if let Some(location) = &finding.location { span.where { code { (location_text(location)) } } }
                                }
                                td { (waiver.reason) }
                                td { (waiver.owner.as_deref().unwrap_or("—")) }
                                td.nowrap { (waiver.expires.as_deref().unwrap_or("no expiry")) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn errors(tenant: &TenantReport) -> Markup {
    let errors: Vec<(&RuleMeta, &str)> = tenant
        .results
        .iter()
        .filter_map(|result| match &result.outcome {
            Outcome::Error { message } => Some((result.rule.as_ref(), message.as_str())),
            _ => None,
        })
        .collect();
    html! {
        @if !errors.is_empty() {
            h3 { "Rules that could not be evaluated" }
            div.alert {
                ul { @for (rule, message) in &errors { li { strong { (rule.id) " " (rule.name) } ": " (rule_error_text(message)) } } }
            }
        }
    }
}

fn passed(tenant: &TenantReport) -> Markup {
    let passed: Vec<&RuleMeta> =
        tenant.results.iter().filter(|r| matches!(r.outcome, Outcome::Pass)).map(|r| r.rule.as_ref()).collect();
    html! {
        @if !passed.is_empty() {
            h3 { "Passed" }
            ul.passed { @for rule in &passed { li { (rule.id) " " (prose(&rule.title)) } } }
        }
    }
}

fn problem(problem: &Problem) -> Markup {
    html! {
        code { (problem.code) } " " (problem.message)
        @if let Some(place) = problem_place(problem) { " " span.where { code { (place) } } }
        @if let Some(help) = &problem.help { span.where { (prose(help)) } }
    }
}

/// METADATA prose with its Markdown code spans (`like this`) as `<code>`; everything escaped.
fn prose(text: &str) -> Markup {
    html! {
        @for (i, part) in text.split('`').enumerate() {
            @if i % 2 == 1 { code { (part) } } @else { (part) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_turns_code_spans_into_code_and_escapes_the_rest() {
        assert_eq!(prose("set `a<b` & go").into_string(), "set <code>a&lt;b</code> &amp; go");
    }
}
