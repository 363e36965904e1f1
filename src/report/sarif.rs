//! `--format sarif`: SARIF 2.1.0, which GitHub code scanning and Azure DevOps show as alerts
//! on the export files.
//!
//! Types come from `serde-sarif` (generated from the official schema, so the output cannot
//! drift from it in shape; a test validates it against the schema too), but for the three
//! objects around the arrays that grow with the run (the log, its run and the run's
//! invocation, see [`Log`]). One run, for every tenant:
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
//!
//! [`render_sarif`] writes a report held in memory; [`SarifSpool`] writes the same bytes for a
//! run whose tenants were spooled as they finished. Both build every object with [`Builder`]:
//! the run's entries of the arrays first, then each tenant's.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use serde_sarif::sarif::{
    ArtifactLocation, Location as SarifLocation, LogicalLocation, Message, MultiformatMessageString, Notification,
    NotificationLevel, PhysicalLocation, PropertyBag, Region, ReportingConfiguration, ReportingDescriptor,
    ReportingDescriptorReference, Result as SarifResult, ResultColumnKind, ResultLevel, Suppression, SupressionKind,
    SupressionStatus, Tool, ToolComponent,
};

use super::artifact::artifact_uri;
use super::phrases::{not_assessed_reason, rule_error_text};
use super::spool::{LineSpool, SpooledLines};
use super::{RenderOptions, Report, TenantReport};
use crate::model::{Evidence, Finding, Location, Outcome, Problem, RuleMeta, RuleResult, Severity};

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
    let builder = Builder { options };
    let mut entries = Entries::default();
    builder.run_entries(report, &mut entries);
    for tenant in &report.tenants {
        builder.tenant_entries(tenant, &mut entries);
    }
    entries.point_at_rules(&report.rules);
    let Entries { results, execution, configuration } = &entries;
    write_log(report, results, non_empty(execution), non_empty(configuration), out)
}

/// `--format sarif` for a run too large to hold: each tenant's results and notifications are
/// written to anonymous temporary files as it finishes ([`SarifSpool::add`]), one compact line
/// each, and [`SarifSpool::finish`] writes the log, reading them back one at a time. The output
/// is byte for byte what `render_sarif` (or [`render`](super::render)) writes for the same run,
/// but memory holds one tenant's entries, not all of them.
pub struct SarifSpool {
    /// The options of the whole output: artifact URIs are written when a tenant is spooled.
    options: RenderOptions,
    results: LineSpool,
    execution: LineSpool,
    configuration: LineSpool,
}

impl SarifSpool {
    pub fn new(options: &RenderOptions) -> io::Result<SarifSpool> {
        Ok(SarifSpool {
            options: options.clone(),
            results: LineSpool::new()?,
            execution: LineSpool::new()?,
            configuration: LineSpool::new()?,
        })
    }

    /// Spools one finished tenant (in report order). Its entries are spooled without their
    /// `ruleIndex`: the run's rules are known only at the end (a tenant's own configuration may
    /// select rules that sort before the run's).
    pub fn add(&mut self, finished: &TenantReport) -> io::Result<()> {
        let mut entries = Entries::default();
        Builder { options: &self.options }.tenant_entries(finished, &mut entries);
        let Entries { results, execution, configuration } = &entries;
        results.iter().try_for_each(|result| self.results.push(result))?;
        execution.iter().try_for_each(|notification| self.execution.push(notification))?;
        configuration.iter().try_for_each(|notification| self.configuration.push(notification))
    }

    /// Writes the whole log: the rules, the report's counts and its own notifications (before
    /// any tenant's), and every spooled entry. `report` must be the run the tenants were
    /// spooled from.
    pub fn finish(self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut first = Entries::default();
        Builder { options: &self.options }.run_entries(report, &mut first);
        let rules = &report.rules;
        let results = Spooled::new(first.results, self.results.read_back()?, rules);
        let execution = Spooled::new(first.execution, self.execution.read_back()?, rules);
        let configuration = Spooled::new(first.configuration, self.configuration.read_back()?, rules);
        write_log(report, &results, execution.non_empty(), configuration.non_empty(), out)
    }
}

/// The entries of the log's arrays that grow with the run, in their order.
#[derive(Default)]
struct Entries {
    results: Vec<SarifResult>,
    /// `invocations[0].toolExecutionNotifications`.
    execution: Vec<Notification>,
    /// `invocations[0].toolConfigurationNotifications`.
    configuration: Vec<Notification>,
}

impl Entries {
    fn point_at_rules(&mut self, rules: &[Arc<RuleMeta>]) {
        self.results.iter_mut().for_each(|result| result.point_at_rule(rules));
        self.execution.iter_mut().chain(&mut self.configuration).for_each(|n| n.point_at_rule(rules));
    }
}

/// An array that SARIF omits when empty (the notifications).
fn non_empty<T>(entries: &Vec<T>) -> Option<&Vec<T>> {
    (!entries.is_empty()).then_some(entries)
}

/// An entry that names its rule by index into `tool.driver.rules` as well as by id. The index is
/// set last, from the id, against the run's final rules (sorted by id): a streamed run knows
/// them only at the end.
trait PointsAtRule {
    fn point_at_rule(&mut self, rules: &[Arc<RuleMeta>]);
}

impl PointsAtRule for SarifResult {
    fn point_at_rule(&mut self, rules: &[Arc<RuleMeta>]) {
        self.rule_index = self.rule_id.as_deref().and_then(|id| rule_index(rules, id));
    }
}

impl PointsAtRule for Notification {
    fn point_at_rule(&mut self, rules: &[Arc<RuleMeta>]) {
        if let Some(rule) = &mut self.associated_rule {
            rule.index = rule.id.as_deref().and_then(|id| rule_index(rules, id));
        }
    }
}

fn rule_index(rules: &[Arc<RuleMeta>], id: &str) -> Option<i64> {
    rules.binary_search_by(|rule| rule.id.as_str().cmp(id)).ok().and_then(|i| i64::try_from(i).ok())
}

/// One array of the log as [`SarifSpool::finish`] writes it: the run's own entries, then the
/// spooled ones, read back one at a time and pointed at their rule.
struct Spooled<'a, T> {
    first: Vec<T>,
    rest: SpooledLines,
    rules: &'a [Arc<RuleMeta>],
}

impl<'a, T: PointsAtRule> Spooled<'a, T> {
    fn new(mut first: Vec<T>, rest: SpooledLines, rules: &'a [Arc<RuleMeta>]) -> Self {
        first.iter_mut().for_each(|entry| entry.point_at_rule(rules));
        Spooled { first, rest, rules }
    }

    fn non_empty(&self) -> Option<&Self> {
        (self.first.len() + self.rest.len() > 0).then_some(self)
    }
}

impl<T: Serialize + DeserializeOwned + PointsAtRule> Serialize for Spooled<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut sequence = serializer.serialize_seq(Some(self.first.len() + self.rest.len()))?;
        for entry in &self.first {
            sequence.serialize_element(entry)?;
        }
        self.rest.each_line(|line| {
            // Read back into serde-sarif's type, so that the entry is written by the same
            // `Serialize` as in memory (every field it spooled round-trips).
            let mut entry: T = serde_json::from_str(line)
                .map_err(|error| S::Error::custom(format!("cannot read the spooled report: {error}")))?;
            entry.point_at_rule(self.rules);
            sequence.serialize_element(&entry)
        })?;
        sequence.end()
    }
}

/// The log, its one run and the run's one invocation. serde-sarif's `Sarif`, `Run` and
/// `Invocation` hold the growing arrays as vectors, which a spooled run does not have; these
/// take any sequence. They have only the fields m365lint writes, in serde-sarif's order (the
/// schema's, alphabetical), so the log is the one serde-sarif's types would write.
#[derive(Serialize)]
struct Log<'a, R, N> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [LogRun<'a, R, N>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogRun<'a, R, N> {
    column_kind: ResultColumnKind,
    invocations: [LogInvocation<'a, N>; 1],
    properties: PropertyBag,
    results: &'a R,
    tool: Tool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogInvocation<'a, N> {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    tool_configuration_notifications: Option<&'a N>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tool_execution_notifications: Option<&'a N>,
}

/// Writes the log around its arrays (`None`: an empty array of notifications, omitted).
fn write_log<R: Serialize, N: Serialize>(
    report: &Report,
    results: &R,
    execution: Option<&N>,
    configuration: Option<&N>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let invocation = LogInvocation {
        execution_successful: report.is_trustworthy(),
        tool_configuration_notifications: configuration,
        tool_execution_notifications: execution,
    };
    let run = LogRun {
        column_kind: ResultColumnKind::UnicodeCodePoints,
        invocations: [invocation],
        properties: bag(BTreeMap::from([("summary".to_owned(), summary(report))])),
        results,
        tool: tool(&report.rules),
    };
    let log = Log { schema: SCHEMA, runs: [run], version: "2.1.0" };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn tool(rules: &[Arc<RuleMeta>]) -> Tool {
    let driver = ToolComponent::builder()
        .name("m365lint")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .rules(rules.iter().map(|rule| descriptor(rule)).collect::<Vec<_>>())
        .build();
    Tool::builder().driver(driver).build()
}

/// The report's counts, so that passes and rules not assessed are on record too.
fn summary(report: &Report) -> Value {
    let s = &report.summary;
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

/// Builds each entry of the log. Entries name their rule by id only: see [`PointsAtRule`].
struct Builder<'a> {
    options: &'a RenderOptions,
}

impl Builder<'_> {
    /// The run's own notifications, which come before any tenant's: its problems and warnings.
    fn run_entries(&self, report: &Report, entries: &mut Entries) {
        for problem in &report.problems {
            entries.execution.push(self.problem(problem, NotificationLevel::Error, None));
        }
        for warning in &report.warnings {
            entries.configuration.push(self.problem(warning, NotificationLevel::Warning, None));
        }
    }

    /// A tenant's results, then its notifications: problems, warnings, rule errors and rules
    /// not assessed.
    fn tenant_entries(&self, tenant: &TenantReport, entries: &mut Entries) {
        for rule_result in &tenant.results {
            for finding in rule_result.outcome.findings() {
                entries.results.push(self.result(tenant, finding));
            }
        }
        for problem in &tenant.problems {
            entries.execution.push(self.problem(problem, NotificationLevel::Error, Some(tenant)));
        }
        for warning in &tenant.warnings {
            let notification = self.problem(warning, NotificationLevel::Warning, Some(tenant));
            // Waiver warnings of a tenant's own configuration are about configuration.
            if warning.code.starts_with("m365lint::waiver::") {
                entries.configuration.push(notification);
            } else {
                entries.execution.push(notification);
            }
        }
        entries.execution.extend(tenant.results.iter().filter_map(|result| rule_note(tenant, result)));
    }

    fn result(&self, tenant: &TenantReport, finding: &Finding) -> SarifResult {
        let mut result = SarifResult::builder()
            .rule_id(finding.rule.as_str())
            .level(level(finding.severity))
            .message(text_message(&finding.message))
            .partial_fingerprints(BTreeMap::from([(FINGERPRINT_KEY.to_owned(), finding.fingerprint.clone())]))
            .build();
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
}

/// A rule error or a rule not assessed, as a note on the tenant; `None` for other outcomes.
fn rule_note(tenant: &TenantReport, result: &RuleResult) -> Option<Notification> {
    let (level, text) = match &result.outcome {
        Outcome::Error { message } => (NotificationLevel::Error, rule_error_text(message)),
        outcome => (NotificationLevel::Note, format!("not assessed: {}", not_assessed_reason(outcome)?)),
    };
    let mut notification = Notification::builder()
        .message(text_message(&format!("{} {} ({}): {text}", result.rule.id, result.rule.name, tenant.name)))
        .build();
    notification.level = Some(to_value(level));
    notification.associated_rule = Some(ReportingDescriptorReference::builder().id(result.rule.id.as_str()).build());
    notification.properties = Some(tenant_properties(tenant));
    Some(notification)
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
