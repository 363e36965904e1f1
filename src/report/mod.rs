//! The report of a run, built once (sorted, counted), and its renderers. Renderers read a
//! finished [`Report`]: they never filter, sort or re-count.

mod artifact;
mod concise;
mod csv;
mod format;
mod github;
mod html;
mod human;
mod json;
mod json_lines;
mod junit;
mod markdown;
mod phrases;
mod posture;
mod sarif;
mod spool;
mod summary_text;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

pub use format::{Format, RenderOptions, render};
pub use human::{HumanOptions, render_human, render_human_end, render_human_tenant};
pub use json::{JSON_SCHEMA_VERSION, JsonSpool, render_json};
pub use json_lines::{write_summary_line, write_tenant_line};
pub use posture::{AreaPosture, SCORE_FORMULA, posture, weight};
pub use sarif::SarifSpool;
pub use summary_text::untrusted_lines;

use crate::model::{DataArea, Location, Outcome, Problem, RuleMeta, RuleResult, Severity};

/// Everything a run found.
#[derive(Debug, Clone)]
pub struct Report {
    /// Tenants sorted by path. In a streamed run (see [`Report::streamed`]) only the tenants
    /// that make the run untrustworthy are kept here; the summary counts every tenant.
    pub tenants: Vec<TenantReport>,
    /// How many tenants were handed to streaming outputs and then dropped, not kept in
    /// [`Report::tenants`]: a report with any can only be rendered by the formats that
    /// stream ([`Format::streams`]).
    pub streamed: usize,
    /// The rules the run evaluated, sorted by id: the run's, plus any that only a tenant's own
    /// configuration selected.
    pub rules: Vec<Arc<RuleMeta>>,
    /// Problems that concern the whole run (configuration, policies).
    pub problems: Vec<Problem>,
    /// Things worth knowing about the run that do not make it untrustworthy (expired or
    /// unmatched waivers of the run's configuration).
    pub warnings: Vec<Problem>,
    pub summary: Summary,
}

/// One tenant's results.
#[derive(Debug, Clone)]
pub struct TenantReport {
    pub name: String,
    pub path: String,
    /// Export areas found; empty when the tenant was rejected.
    pub areas: Vec<DataArea>,
    /// Why the tenant's exports were rejected; empty when they were read.
    pub problems: Vec<Problem>,
    /// Rule results sorted by rule id; empty when the tenant was rejected.
    pub results: Vec<RuleResult>,
    pub warnings: Vec<Problem>,
}

impl TenantReport {
    /// Replaces the export files its findings and problems point into by text-less copies
    /// (see [`crate::model::SourceFile::released`]): for batch runs, once every output that
    /// draws source snippets has the tenant.
    pub fn release_sources(&mut self) {
        let mut released: HashMap<String, Arc<crate::model::SourceFile>> = HashMap::new();
        let mut release = |location: &mut Location| {
            if location.source.text.is_empty() {
                return;
            }
            let copy =
                released.entry(location.source.path.clone()).or_insert_with(|| Arc::new(location.source.released()));
            location.source = Arc::clone(copy);
        };
        for problem in self.problems.iter_mut().chain(self.warnings.iter_mut()) {
            problem.location.iter_mut().for_each(&mut release);
        }
        for result in &mut self.results {
            if let Outcome::Fail(findings) | Outcome::Waived(findings) = &mut result.outcome {
                for finding in findings {
                    finding.location.iter_mut().for_each(&mut release);
                    for evidence in &mut finding.related {
                        evidence.location.iter_mut().for_each(&mut release);
                    }
                }
            }
        }
    }

    pub fn is_rejected(&self) -> bool {
        !self.problems.is_empty()
    }

    /// The tenant's counts: the same tally as the report's [`Summary`], over this tenant only.
    pub fn summary(&self) -> Summary {
        summarize(std::slice::from_ref(self), &[])
    }

    /// Puts the tenant's results into reporting order: rule results by id, findings and their
    /// related evidence by location. [`Report::new`] does this for every tenant; the linter
    /// does it earlier for tenants it streams, so a streamed tenant is already in its final order.
    pub fn sort(&mut self) {
        self.results.sort_by(|a, b| a.rule.id.cmp(&b.rule.id));
        for result in &mut self.results {
            if let Outcome::Fail(findings) | Outcome::Waived(findings) = &mut result.outcome {
                for finding in findings.iter_mut() {
                    finding.related.sort_by(|a, b| {
                        location_key(a.location.as_ref())
                            .cmp(&location_key(b.location.as_ref()))
                            .then_with(|| a.message.cmp(&b.message))
                    });
                }
                findings.sort_by(|a, b| {
                    location_key(a.location.as_ref())
                        .cmp(&location_key(b.location.as_ref()))
                        .then_with(|| a.message.cmp(&b.message))
                });
            }
        }
    }
}

/// Counts over the whole report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub tenants: usize,
    pub rejected_tenants: usize,
    /// Findings not waived, per severity (including those already in the baseline).
    pub findings: BTreeMap<Severity, usize>,
    /// Findings that can fail the run (not waived, not in the baseline), per severity.
    pub gating: BTreeMap<Severity, usize>,
    /// Findings accepted by a waiver.
    pub waived: usize,
    /// Findings not waived that the baseline already had.
    pub in_baseline: usize,
    /// (tenant, rule) outcomes.
    pub passed: usize,
    pub failed: usize,
    pub waived_rules: usize,
    pub not_assessed: usize,
    pub errors: usize,
    pub problems: usize,
}

impl Summary {
    pub fn total_findings(&self) -> usize {
        self.findings.values().sum()
    }

    /// Adds another tally's counts to this one (e.g. of tenants streamed out and not kept).
    pub fn absorb(&mut self, other: &Summary) {
        let Summary {
            tenants,
            rejected_tenants,
            findings,
            gating,
            waived,
            in_baseline,
            passed,
            failed,
            waived_rules,
            not_assessed,
            errors,
            problems,
        } = other;
        self.tenants += tenants;
        self.rejected_tenants += rejected_tenants;
        for (severity, count) in findings {
            *self.findings.entry(*severity).or_default() += count;
        }
        for (severity, count) in gating {
            *self.gating.entry(*severity).or_default() += count;
        }
        self.waived += waived;
        self.in_baseline += in_baseline;
        self.passed += passed;
        self.failed += failed;
        self.waived_rules += waived_rules;
        self.not_assessed += not_assessed;
        self.errors += errors;
        self.problems += problems;
    }
}

impl Report {
    /// Sorts everything into its reporting order and counts it.
    pub fn new(
        mut tenants: Vec<TenantReport>,
        mut rules: Vec<Arc<RuleMeta>>,
        problems: Vec<Problem>,
        warnings: Vec<Problem>,
    ) -> Report {
        tenants.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.name.cmp(&b.name)));
        for tenant in &mut tenants {
            tenant.sort();
        }
        // A tenant's own configuration may select rules the run did not: formats that list the
        // rules (SARIF) need every rule a result refers to.
        let known: BTreeSet<_> = rules.iter().map(|rule| rule.id.clone()).collect();
        let mut extra: BTreeMap<_, _> = BTreeMap::new();
        for result in tenants.iter().flat_map(|tenant| &tenant.results) {
            if !known.contains(&result.rule.id) {
                extra.entry(result.rule.id.clone()).or_insert_with(|| Arc::clone(&result.rule));
            }
        }
        rules.extend(extra.into_values());
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        let summary = summarize(&tenants, &problems);
        Report { tenants, rules, problems, warnings, summary, streamed: 0 }
    }

    /// A report of a streamed run: `kept` are the tenants still held (those that make the run
    /// untrustworthy), `streamed` the tally of the `count` tenants that went out and were
    /// dropped, and `rules` must include every rule any tenant's results refer to.
    pub fn streamed(
        kept: Vec<TenantReport>,
        streamed: Summary,
        count: usize,
        rules: Vec<Arc<RuleMeta>>,
        problems: Vec<Problem>,
        warnings: Vec<Problem>,
    ) -> Report {
        let mut report = Report::new(kept, rules, problems, warnings);
        report.summary.absorb(&streamed);
        report.streamed = count;
        report
    }

    /// Whether the tenant must stay in a streamed run's report: `untrusted_lines` names it.
    pub fn must_keep(tenant: &TenantReport) -> bool {
        tenant.is_rejected() || tenant.results.iter().any(|result| matches!(result.outcome, Outcome::Error { .. }))
    }

    /// Whether every input was read and every rule evaluated: no problem, no rejected tenant, no
    /// rule error.
    pub fn is_trustworthy(&self) -> bool {
        let s = &self.summary;
        s.problems == 0 && s.rejected_tenants == 0 && s.errors == 0
    }

    /// 2 when the run cannot be trusted (a problem, a rejected tenant, a rule that failed to
    /// evaluate); 1 when a finding that is neither waived nor in the baseline is at or above
    /// `fail_on`; 0 otherwise.
    pub fn exit_code(&self, fail_on: Severity) -> u8 {
        let s = &self.summary;
        if !self.is_trustworthy() {
            2
        } else if s.gating.iter().any(|(severity, count)| *severity >= fail_on && *count > 0) {
            1
        } else {
            0
        }
    }
}

/// Document order: by file, then line and column; values in no file come last.
fn location_key(location: Option<&Location>) -> (bool, &str, usize, usize) {
    match location {
        Some(l) => (false, l.source.path.as_str(), l.line, l.column),
        None => (true, "", 0, 0),
    }
}

fn summarize(tenants: &[TenantReport], problems: &[Problem]) -> Summary {
    let mut summary = Summary { tenants: tenants.len(), problems: problems.len(), ..Summary::default() };
    for tenant in tenants {
        if tenant.is_rejected() {
            summary.rejected_tenants += 1;
        }
        for result in &tenant.results {
            match &result.outcome {
                Outcome::Pass => summary.passed += 1,
                Outcome::Fail(_) => summary.failed += 1,
                Outcome::Waived(_) => summary.waived_rules += 1,
                Outcome::NotAssessed { .. } => summary.not_assessed += 1,
                Outcome::Error { .. } => summary.errors += 1,
            }
            for finding in result.outcome.findings() {
                if finding.waiver.is_some() {
                    summary.waived += 1;
                    continue;
                }
                *summary.findings.entry(finding.severity).or_default() += 1;
                if finding.in_baseline {
                    summary.in_baseline += 1;
                } else {
                    *summary.gating.entry(finding.severity).or_default() += 1;
                }
            }
        }
    }
    summary
}
