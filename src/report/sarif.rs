//! `--format sarif`: SARIF 2.1.0, which GitHub code scanning and Azure DevOps show as alerts
//! on the export files.
//!
//! Types come from `serde-sarif` (generated from the official schema, so the output cannot
//! drift from it in shape; a test validates it against the schema too). One run, for every
//! tenant:
//! - `tool.driver.rules`: every rule from its METADATA (title, description, rationale and
//!   remediation as help in text and Markdown, the first related resource as `helpUri`,
//!   references and area as tags, `security-severity` for GitHub);
//! - `results`: one per finding, located by `file` (relative to the working directory),
//!   line and column (in characters: `columnKind` is `unicodeCodePoints`) and by the JSON
//!   pointer into the file (a logical location); near misses as related locations; the
//!   fingerprint as a partial fingerprint; waived findings as `external` suppressions;
//! - `invocations[0]`: rejected inputs, rule errors and rules not assessed as tool execution
//!   notifications, waiver warnings as configuration notifications, `executionSuccessful`
//!   false when the run cannot be trusted (exit code 2).

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{Value, json};
use serde_sarif::sarif::{
    ArtifactLocation, Invocation, Location as SarifLocation, LogicalLocation, Message, MultiformatMessageString,
    Notification, NotificationLevel, PhysicalLocation, PropertyBag, Region, ReportingConfiguration,
    ReportingDescriptor, ReportingDescriptorReference, Result as SarifResult, ResultColumnKind, ResultLevel, Run,
    Sarif, Suppression, SupressionKind, SupressionStatus, Tool, ToolComponent,
};

use super::artifact::artifact_uri;
use super::phrases::{not_assessed_reason, rule_error_text};
use super::{RenderOptions, Report, TenantReport};
use crate::model::{Evidence, Finding, Location, Problem, RuleId, RuleMeta, Severity};

/// Where the schema is published (the `$schema` of the log).
const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key of our fingerprint among a result's partial fingerprints; bump the version if the
/// fingerprint's recipe changes meaning.
const FINGERPRINT_KEY: &str = "m365lint/v1";

/// The one mapping from our severities to SARIF levels.
pub fn level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Critical | Severity::High => ResultLevel::Error,
        Severity::Medium | Severity::Low => ResultLevel::Warning,
        Severity::Info => ResultLevel::Note,
    }
}

/// GitHub code scanning's `security-severity` (a CVSS-like score it buckets into critical
/// ≥ 9.0, high ≥ 7.0, medium ≥ 4.0, low), so alerts keep our severity there; none for info.
fn security_severity(severity: Severity) -> Option<&'static str> {
    match severity {
        Severity::Critical => Some("9.5"),
        Severity::High => Some("8.0"),
        Severity::Medium => Some("5.5"),
        Severity::Low => Some("3.0"),
        Severity::Info => None,
    }
}

pub fn render_sarif(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let log = Builder { report, options }.log();
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

struct Builder<'a> {
    report: &'a Report,
    options: &'a RenderOptions,
}

impl Builder<'_> {
    fn log(&self) -> Sarif {
        let driver = ToolComponent::builder()
            .name("m365lint")
            .version(env!("CARGO_PKG_VERSION"))
            .semantic_version(env!("CARGO_PKG_VERSION"))
            .rules(self.report.rules.iter().map(|rule| descriptor(rule)).collect::<Vec<_>>())
            .build();
        let mut run = Run::builder()
            .tool(Tool::builder().driver(driver).build())
            .results(self.results())
            .invocations(vec![self.invocation()])
            .build();
        run.column_kind = Some(to_value(ResultColumnKind::UnicodeCodePoints));
        run.properties = Some(bag(BTreeMap::from([("summary".to_owned(), self.summary())])));
        Sarif::builder().schema(SCHEMA).version(json!("2.1.0")).runs(vec![run]).build()
    }

    fn rule_index(&self, id: &RuleId) -> Option<i64> {
        self.report.rules.binary_search_by(|rule| rule.id.cmp(id)).ok().and_then(|i| i64::try_from(i).ok())
    }

    fn results(&self) -> Vec<SarifResult> {
        let mut results = Vec::new();
        for tenant in &self.report.tenants {
            for rule_result in &tenant.results {
                for finding in rule_result.outcome.findings() {
                    results.push(self.result(tenant, &rule_result.rule, finding));
                }
            }
        }
        results
    }

    fn result(&self, tenant: &TenantReport, rule: &RuleMeta, finding: &Finding) -> SarifResult {
        let mut result = SarifResult::builder()
            .rule_id(finding.rule.as_str())
            .level(level(finding.severity))
            .message(text_message(&finding.message))
            .partial_fingerprints(BTreeMap::from([(FINGERPRINT_KEY.to_owned(), finding.fingerprint.clone())]))
            .build();
        result.rule_index = self.rule_index(&rule.id);
        if let Some(location) = &finding.location {
            result.locations = Some(vec![self.location(location, None, None)]);
        }
        let related: Vec<SarifLocation> =
            finding.related.iter().zip(1..).map(|(evidence, id)| self.related(evidence, id)).collect();
        if !related.is_empty() {
            result.related_locations = Some(related);
        }
        if let Some(waiver) = &finding.waiver {
            let mut suppression = Suppression::builder()
                .kind(to_value(SupressionKind::External))
                .justification(waiver.reason.as_str())
                .build();
            suppression.status = Some(to_value(SupressionStatus::Accepted));
            suppression.location = waiver.location.as_ref().map(|l| self.location(l, None, None));
            let mut properties = BTreeMap::new();
            if let Some(owner) = &waiver.owner {
                properties.insert("owner".to_owned(), json!(owner));
            }
            if let Some(expires) = &waiver.expires {
                properties.insert("expires".to_owned(), json!(expires));
            }
            if !properties.is_empty() {
                suppression.properties = Some(bag(properties));
            }
            result.suppressions = Some(vec![suppression]);
        }
        let mut properties = BTreeMap::from([
            ("tenant".to_owned(), json!(tenant.name)),
            ("tenantPath".to_owned(), json!(tenant.path)),
            ("severity".to_owned(), json!(finding.severity)),
            ("canonicalPath".to_owned(), json!(finding.path.to_pointer())),
            ("inBaseline".to_owned(), json!(finding.in_baseline)),
        ]);
        if let Some(details) = &finding.details {
            properties.insert("details".to_owned(), details.clone());
        }
        result.properties = Some(bag(properties));
        result
    }

    fn related(&self, evidence: &Evidence, id: i64) -> SarifLocation {
        match &evidence.location {
            Some(location) => self.location(location, Some(&evidence.message), Some(id)),
            None => {
                let mut related = SarifLocation::builder().id(id).message(text_message(&evidence.message)).build();
                related.properties =
                    Some(bag(BTreeMap::from([("canonicalPath".to_owned(), json!(evidence.path.to_pointer()))])));
                related
            }
        }
    }

    /// A place in an export (or in a configuration file): file, region, and the JSON pointer.
    fn location(&self, location: &Location, message: Option<&str>, id: Option<i64>) -> SarifLocation {
        let (end_line, end_column) = (location.end_line, location.end_column);
        let region = Region::builder()
            .start_line(count(location.line))
            .start_column(count(location.column))
            .end_line(count(end_line))
            .end_column(count(end_column))
            .build();
        let artifact = ArtifactLocation::builder()
            .uri(artifact_uri(&location.source.path, self.options.base_dir.as_deref()))
            .build();
        let physical = PhysicalLocation::builder().artifact_location(artifact).region(region).build();
        let mut sarif = SarifLocation::builder().physical_location(physical).build();
        if !location.pointer.is_empty() {
            let name = location.pointer.rsplit('/').next().unwrap_or_default();
            let logical = LogicalLocation::builder()
                .name(name.replace("~1", "/").replace("~0", "~"))
                .fully_qualified_name(location.pointer.as_str())
                .kind("value")
                .build();
            sarif.logical_locations = Some(vec![logical]);
        }
        sarif.message = message.map(text_message);
        sarif.id = id;
        sarif
    }

    fn invocation(&self) -> Invocation {
        let mut execution = Vec::new();
        let mut configuration = Vec::new();
        for problem in &self.report.problems {
            execution.push(self.problem(problem, NotificationLevel::Error, None));
        }
        for warning in &self.report.warnings {
            configuration.push(self.problem(warning, NotificationLevel::Warning, None));
        }
        for tenant in &self.report.tenants {
            for problem in &tenant.problems {
                execution.push(self.problem(problem, NotificationLevel::Error, Some(tenant)));
            }
            for warning in &tenant.warnings {
                let level = NotificationLevel::Warning;
                // Waiver warnings of a tenant's own configuration are about configuration.
                if warning.code.starts_with("m365lint::waiver::") {
                    configuration.push(self.problem(warning, level, Some(tenant)));
                } else {
                    execution.push(self.problem(warning, level, Some(tenant)));
                }
            }
            for result in &tenant.results {
                let (level, text) = match &result.outcome {
                    crate::model::Outcome::Error { message } => (NotificationLevel::Error, rule_error_text(message)),
                    outcome => match not_assessed_reason(outcome) {
                        Some(reason) => (NotificationLevel::Note, format!("not assessed: {reason}")),
                        None => continue,
                    },
                };
                let mut notification = Notification::builder()
                    .message(text_message(&format!(
                        "{} {} ({}): {text}",
                        result.rule.id, result.rule.name, tenant.name
                    )))
                    .build();
                notification.level = Some(to_value(level));
                let mut rule = ReportingDescriptorReference::builder().id(result.rule.id.as_str()).build();
                rule.index = self.rule_index(&result.rule.id);
                notification.associated_rule = Some(rule);
                notification.properties = Some(tenant_properties(tenant));
                execution.push(notification);
            }
        }
        let mut invocation = Invocation::builder().execution_successful(self.report.is_trustworthy()).build();
        if !execution.is_empty() {
            invocation.tool_execution_notifications = Some(execution);
        }
        if !configuration.is_empty() {
            invocation.tool_configuration_notifications = Some(configuration);
        }
        invocation
    }

    fn problem(&self, problem: &Problem, level: NotificationLevel, tenant: Option<&TenantReport>) -> Notification {
        let mut text = problem.message.clone();
        if let Some(help) = &problem.help {
            text.push_str(&format!(" ({help})"));
        }
        let mut notification = Notification::builder()
            .message(text_message(&text))
            .descriptor(ReportingDescriptorReference::builder().id(problem.code.as_str()).build())
            .build();
        notification.level = Some(to_value(level));
        let location = match (&problem.location, &problem.file) {
            (Some(location), _) => Some(self.location(location, None, None)),
            (None, Some(file)) => {
                let artifact =
                    ArtifactLocation::builder().uri(artifact_uri(file, self.options.base_dir.as_deref())).build();
                let physical = PhysicalLocation::builder().artifact_location(artifact).build();
                Some(SarifLocation::builder().physical_location(physical).build())
            }
            (None, None) => None,
        };
        notification.locations = location.map(|l| vec![l]);
        notification.properties = tenant.map(tenant_properties);
        notification
    }

    /// The report's counts, so that passes and rules not assessed are on record too.
    fn summary(&self) -> Value {
        let s = &self.report.summary;
        let findings: BTreeMap<&str, usize> =
            Severity::DESCENDING.iter().map(|sev| (sev.as_str(), s.findings.get(sev).copied().unwrap_or(0))).collect();
        json!({
            "tenants": s.tenants,
            "rejectedTenants": s.rejected_tenants,
            "findings": findings,
            "waived": s.waived,
            "inBaseline": s.in_baseline,
            "rules": {
                "passed": s.passed,
                "failed": s.failed,
                "waived": s.waived_rules,
                "notAssessed": s.not_assessed,
                "error": s.errors,
            },
            "problems": s.problems,
        })
    }
}

/// A rule's reporting descriptor, from its METADATA.
fn descriptor(rule: &RuleMeta) -> ReportingDescriptor {
    let mut tags = vec!["security".to_owned(), rule.area.key().to_owned()];
    tags.extend(rule.references.iter().map(|r| format!("{} {}", r.framework, r.id)));
    let mut properties = BTreeMap::from([("severity".to_owned(), json!(rule.severity))]);
    if let Some(score) = security_severity(rule.severity) {
        properties.insert("security-severity".to_owned(), json!(score));
    }
    let mut bag = bag(properties);
    bag.tags = Some(tags);
    let mut configuration = ReportingConfiguration::builder().build();
    configuration.level = Some(to_value(level(rule.severity)));
    let mut descriptor = ReportingDescriptor::builder()
        .id(rule.id.as_str())
        .name(rule.name.as_str())
        .short_description(MultiformatMessageString::builder().text(rule.title.as_str()).build())
        .full_description(MultiformatMessageString::builder().text(rule.description.as_str()).build())
        .help(MultiformatMessageString::builder().text(help_text(rule)).markdown(help_markdown(rule)).build())
        .default_configuration(configuration)
        .properties(bag)
        .build();
    descriptor.help_uri = rule.related_resources.first().map(|r| r.reference.clone());
    descriptor
}

fn help_text(rule: &RuleMeta) -> String {
    let mut text = format!("{}\n\nWhy: {}\n\nRemediation: {}", rule.title, rule.rationale, rule.remediation);
    if !rule.references.is_empty() {
        let references: Vec<String> = rule.references.iter().map(reference_text).collect();
        text.push_str(&format!("\n\nReferences: {}", references.join("; ")));
    }
    for resource in &rule.related_resources {
        text.push_str(&format!("\n{}: {}", resource.description.as_deref().unwrap_or("See"), resource.reference));
    }
    text
}

/// METADATA prose is Markdown (code spans) already.
fn help_markdown(rule: &RuleMeta) -> String {
    let mut text = format!(
        "**{}**\n\n{}\n\n**Why.** {}\n\n**Remediation.** {}",
        rule.title, rule.description, rule.rationale, rule.remediation
    );
    if !rule.references.is_empty() {
        let references: Vec<String> = rule.references.iter().map(reference_text).collect();
        text.push_str(&format!("\n\n**References:** {}", references.join("; ")));
    }
    for resource in &rule.related_resources {
        let label = resource.description.as_deref().unwrap_or(&resource.reference);
        text.push_str(&format!("\n\n[{label}]({})", resource.reference));
    }
    text
}

fn reference_text(reference: &crate::model::Reference) -> String {
    let mut text = format!("{} {}", reference.framework, reference.id);
    if reference.inspired {
        text.push_str(" (inspired)");
    }
    if let Some(note) = &reference.note {
        text.push_str(&format!(": {note}"));
    }
    text
}

fn tenant_properties(tenant: &TenantReport) -> PropertyBag {
    bag(BTreeMap::from([("tenant".to_owned(), json!(tenant.name)), ("tenantPath".to_owned(), json!(tenant.path))]))
}

fn bag(properties: BTreeMap<String, Value>) -> PropertyBag {
    PropertyBag::builder().additional_properties(properties).build()
}

fn text_message(text: &str) -> Message {
    Message::builder().text(text).build()
}

/// Lines and columns as SARIF's integers (they fit: no file has 2^63 lines).
fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// serde-sarif types a few enum-valued fields as JSON values; its enums serialize to the
/// schema's strings.
fn to_value(value: impl serde::Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}
