//! The only module that imports `regorus`. Loads the catalog's Rego once into a prepared
//! template engine; workers clone it (cheap: clones share the compiled policy) and evaluate
//! a tenant's canonical document, an area's rules at a time (see [`group`]), or one rule at a
//! time when only some of an area's rules apply, or to attribute an error or a `print`.

mod error;
mod finding;
mod group;
mod regorus_error;
mod sandbox;
mod testing;

use std::collections::BTreeSet;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use rayon::prelude::*;

pub use error::EngineError;
pub use finding::{PolicyEvidence, PolicyFinding};
pub use testing::{TestCase, TestResult, TestStatus, run_tests};

use crate::model::RuleMeta;
use crate::registry::{Catalog, PolicyKind, PolicySource};

/// How long one evaluation (an area's rules, or one rule, for one tenant) may run before it is
/// stopped and reported as an error: a policy that loops over a pathological export, or a
/// custom policy that never ends, cannot hang a pipeline. A whole realistic tenant takes well
/// under a second (docs/performance.md).
pub const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(10);

/// The policies of a run, parsed and prepared once.
#[derive(Clone)]
pub struct PolicyEngine {
    template: regorus::Engine,
    /// Packages that declare `not_assessed`: reasons a policy gives for not judging a tenant.
    not_assessed: Arc<BTreeSet<String>>,
    /// The rules of each area, evaluated together.
    groups: Arc<Vec<group::Group>>,
}

/// How a tenant's areas are evaluated. Either way the results are the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Queries {
    /// One query per area, the areas in parallel: what a lone tenant needs to use every core.
    #[default]
    PerArea,
    /// One query for all areas: a library that several areas use (mostly the encryption
    /// library, which Zero Trust reads) is computed once instead of once per area, about 10%
    /// less work (docs/performance.md). For a batch whose other tenants keep the cores busy. A query
    /// that fails, prints or runs past the limit is redone area by area, then rule by rule.
    PerTenant,
}

/// A tenant's canonical document converted once for the engine; cloning it is cheap.
#[derive(Clone)]
pub struct PreparedInput(regorus::Value);

/// A worker's own engine, cloned from the template.
pub struct Worker {
    engine: regorus::Engine,
    not_assessed: Arc<BTreeSet<String>>,
}

/// What one rule produced for one input.
#[derive(Debug)]
pub struct Evaluation {
    pub result: Result<Verdict, String>,
    /// `print()` output of the policy, gathered rather than written to stderr.
    pub prints: Vec<String>,
}

/// A policy's answer for one tenant.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// The findings (none: the tenant passes).
    Findings(Vec<PolicyFinding>),
    /// No finding, and the policy's `not_assessed` rule gave reasons it cannot judge.
    NotAssessed(Vec<String>),
}

impl PolicyEngine {
    /// Parses every source of the catalog, checks that each rule declares `deny`, adds the
    /// parameters as `data.m365lint.params`, and prepares the engine.
    pub fn load(catalog: &Catalog, params: &serde_json::Value) -> Result<Self, Vec<EngineError>> {
        // Unit tests and their test data are for `m365lint test`, not for linting.
        let sources: Vec<PolicySource> =
            catalog.sources().iter().filter(|source| source.kind != PolicyKind::Test).cloned().collect();
        let engine = new_engine(&sources, params)?;
        let mut errors = Vec::new();
        let mut not_assessed = BTreeSet::new();
        for rule in catalog.rules() {
            match engine.has_declared_rule_rooted_at(&rule.source, "deny") {
                Ok(true) => {}
                Ok(false) => {
                    errors.push(EngineError::MissingDeny { path: rule.source.clone(), id: rule.id.to_string() })
                }
                Err(error) => errors.push(EngineError::from_regorus(&error, &sources)),
            }
            if let Ok(true) = engine.has_declared_rule_rooted_at(&rule.source, "not_assessed") {
                not_assessed.insert(rule.package.clone());
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut engine = engine;
        let mut groups = Vec::new();
        for (group, source) in group::groups(catalog.rules(), |rule| not_assessed.contains(&rule.package)) {
            if let Err(error) = engine.add_policy(group::source_path(&group), source) {
                return Err(vec![EngineError::Unlocated { message: format!("cannot group the rules: {error}") }]);
            }
            groups.push(group);
        }
        let mut engine =
            PolicyEngine { template: engine, not_assessed: Arc::new(not_assessed), groups: Arc::new(groups) };
        engine.set_time_limit(DEFAULT_TIME_LIMIT);
        engine.prepare(catalog.rules().first().map(|rule| rule.as_ref()));
        Ok(engine)
    }

    /// Limits each evaluation to `limit` of wall-clock time (see [`DEFAULT_TIME_LIMIT`]);
    /// workers and engines with other parameters inherit it.
    pub fn set_time_limit(&mut self, limit: Duration) {
        limit_time(&mut self.template, limit);
    }

    /// The same policies with other parameters (a tenant directory's own configuration):
    /// the parsed policies are shared, only the data and the preparation are redone.
    pub fn with_params(
        &self,
        params: &serde_json::Value,
        any_rule: Option<&RuleMeta>,
    ) -> Result<PolicyEngine, EngineError> {
        let mut template = self.template.clone();
        template.clear_data();
        let data = serde_json::json!({ "m365lint": { "params": params } });
        template
            .add_data(regorus::Value::from(data))
            .map_err(|error| EngineError::Data { message: error.to_string() })?;
        let mut engine =
            PolicyEngine { template, not_assessed: Arc::clone(&self.not_assessed), groups: Arc::clone(&self.groups) };
        engine.prepare(any_rule);
        Ok(engine)
    }

    /// Evaluating once prepares the engine (rule gathering, scheduling); clones of a prepared
    /// engine share that work instead of each redoing it.
    fn prepare(&mut self, any_rule: Option<&RuleMeta>) {
        self.template.set_input(regorus::Value::new_object());
        if let Some(rule) = any_rule {
            // The result is irrelevant; an error here shows up again on the real input.
            let _ = self.template.eval_rule(rule_path(rule, "deny"));
            let _ = self.template.take_prints();
        }
    }

    fn worker(&self) -> Worker {
        Worker { engine: self.template.clone(), not_assessed: Arc::clone(&self.not_assessed) }
    }

    /// Evaluates `rules` against one input: each area whose rules all apply in one query (in
    /// parallel across areas), the others one rule at a time. Results are in `rules` order.
    pub fn evaluate(&self, input: &PreparedInput, rules: &[Arc<RuleMeta>]) -> Vec<(Arc<RuleMeta>, Evaluation)> {
        self.evaluate_by(input, rules, Queries::PerArea)
    }

    /// [`PolicyEngine::evaluate`], with the areas evaluated as `queries` says.
    pub fn evaluate_by(
        &self,
        input: &PreparedInput,
        rules: &[Arc<RuleMeta>],
        queries: Queries,
    ) -> Vec<(Arc<RuleMeta>, Evaluation)> {
        let wanted = |rule: &Arc<RuleMeta>| rules.iter().any(|r| Arc::ptr_eq(r, rule) || r.id == rule.id);
        let whole: Vec<&group::Group> = self.groups.iter().filter(|group| group.rules.iter().all(wanted)).collect();
        let grouped = |rule: &Arc<RuleMeta>| whole.iter().any(|group| group.rules.iter().any(|r| r.id == rule.id));
        let single: Vec<&Arc<RuleMeta>> = rules.iter().filter(|rule| !grouped(rule)).collect();
        let mut results: Vec<(Arc<RuleMeta>, Evaluation)> =
            if queries == Queries::PerTenant && single.is_empty() && whole.len() > 1 {
                self.worker().evaluate_groups(input, &whole)
            } else {
                whole
                    .par_iter()
                    .map_init(|| self.worker(), |worker, group| worker.evaluate_group(input, group))
                    .flatten()
                    .chain(
                        single.par_iter().map_init(
                            || self.worker(),
                            |worker, rule| (Arc::clone(rule), worker.evaluate(input, rule)),
                        ),
                    )
                    .collect()
            };
        // Overrides (e.g. severity) live on the caller's rules: hand those back.
        for (rule, _) in &mut results {
            if let Some(own) = rules.iter().find(|r| r.id == rule.id) {
                *rule = Arc::clone(own);
            }
        }
        results.sort_by_key(|(rule, _)| rules.iter().position(|r| r.id == rule.id));
        results
    }

    /// Converts a canonical document for evaluation.
    pub fn prepare_input(document: &serde_json::Value) -> PreparedInput {
        PreparedInput(regorus::Value::from(document.clone()))
    }
}

impl Worker {
    /// Evaluates every rule of `groups` in one query. Should the query fail or print, each group
    /// is evaluated on its own instead (and then, if need be, each of its rules).
    fn evaluate_groups(&mut self, input: &PreparedInput, groups: &[&group::Group]) -> Vec<(Arc<RuleMeta>, Evaluation)> {
        let queries: Vec<&str> = groups.iter().map(|group| group.query.as_str()).collect();
        let all = self.query(input, format!("[{}]", queries.join(", ")));
        let members = |index: usize| all.as_ref().map(|all| &all[index]);
        groups
            .iter()
            .enumerate()
            .flat_map(|(index, group)| match members(index) {
                Some(members @ regorus::Value::Object(_)) => self.group_results(group, members),
                // Failed, printed, or not a group's members (never read as one without findings).
                _ => self.evaluate_group(input, group),
            })
            .collect()
    }

    /// Evaluates every rule of `group` in one query. Should the query fail or print, the
    /// group's rules are evaluated one at a time instead, so that the error or the output is
    /// attributed to the rule it comes from.
    fn evaluate_group(&mut self, input: &PreparedInput, group: &group::Group) -> Vec<(Arc<RuleMeta>, Evaluation)> {
        match self.query(input, group.query.clone()) {
            Some(members) => self.group_results(group, &members),
            None => group.rules.iter().map(|rule| (Arc::clone(rule), self.evaluate(input, rule))).collect(),
        }
    }

    /// The value of `query` for `input`; `None` when it fails or prints.
    fn query(&mut self, input: &PreparedInput, query: String) -> Option<regorus::Value> {
        self.engine.set_input(input.0.clone());
        let results = self.engine.eval_query(query, false);
        let prints = self.engine.take_prints().unwrap_or_default();
        match results {
            Ok(results) if prints.is_empty() => results
                .result
                .into_iter()
                .next()
                .and_then(|result| result.expressions.into_iter().next())
                .map(|expression| expression.value),
            _ => None,
        }
    }

    /// Each rule's evaluation from its group's members (`deny_<index>`, `not_assessed_<index>`).
    fn group_results(&self, group: &group::Group, members: &regorus::Value) -> Vec<(Arc<RuleMeta>, Evaluation)> {
        group
            .rules
            .iter()
            .enumerate()
            .map(|(index, rule)| {
                let deny = &members[&regorus::Value::from(format!("deny_{index}"))];
                let mut result = finding::decode(deny).map(Verdict::Findings);
                if matches!(&result, Ok(Verdict::Findings(findings)) if findings.is_empty())
                    && self.not_assessed.contains(&rule.package)
                {
                    let reasons = &members[&regorus::Value::from(format!("not_assessed_{index}"))];
                    result = finding::decode_reasons(reasons).map(|reasons| {
                        if reasons.is_empty() { Verdict::Findings(Vec::new()) } else { Verdict::NotAssessed(reasons) }
                    });
                }
                (Arc::clone(rule), Evaluation { result, prints: Vec::new() })
            })
            .collect()
    }

    /// Evaluates `data.<package>.deny` of one rule against one input, and, when there is no
    /// finding and the policy declares it, `data.<package>.not_assessed`.
    pub fn evaluate(&mut self, input: &PreparedInput, rule: &RuleMeta) -> Evaluation {
        self.engine.set_input(input.0.clone());
        let mut result = match self.engine.eval_rule(rule_path(rule, "deny")) {
            Ok(value) => finding::decode(&value).map(Verdict::Findings),
            Err(error) => Err(regorus_error::describe(&error)),
        };
        if matches!(&result, Ok(Verdict::Findings(findings)) if findings.is_empty())
            && self.not_assessed.contains(&rule.package)
        {
            result = match self.engine.eval_rule(rule_path(rule, "not_assessed")) {
                Ok(value) => finding::decode_reasons(&value).map(|reasons| {
                    if reasons.is_empty() { Verdict::Findings(Vec::new()) } else { Verdict::NotAssessed(reasons) }
                }),
                Err(error) => Err(regorus_error::describe(&error)),
            };
        }
        let prints = self.engine.take_prints().unwrap_or_default();
        Evaluation { result, prints }
    }
}

fn rule_path(rule: &RuleMeta, name: &str) -> String {
    format!("data.{}.{name}", rule.package)
}

/// Stops each evaluation of `engine` (and of its clones) after `limit` of wall-clock time.
fn limit_time(engine: &mut regorus::Engine, limit: Duration) {
    // Check the clock every 64 units of work: often enough to stop within milliseconds
    // of the limit, rarely enough to cost nothing measurable.
    let check_interval = NonZeroU32::MIN.saturating_add(63);
    engine.set_execution_timer_config(regorus::utils::limits::ExecutionTimerConfig { limit, check_interval });
}

/// A regorus engine with every source loaded, prints gathered and parameters as data.
fn new_engine(sources: &[PolicySource], params: &serde_json::Value) -> Result<regorus::Engine, Vec<EngineError>> {
    let mut engine = regorus::Engine::new();
    engine.set_gather_prints(true);
    let mut errors = Vec::new();
    for source in sources {
        // The built-in policies are screened by a test (`sandbox::tests`), not on every run.
        let screening = if source.builtin { sandbox::Screening::default() } else { sandbox::screen(source) };
        errors.extend(screening.refused.iter().map(|call| EngineError::refused(source, call)));
        if let Some(offset) = screening.too_deep {
            errors.push(EngineError::too_deep(source, offset));
            continue;
        }
        if let Err(error) = engine.add_policy(source.path.clone(), source.text.to_string()) {
            errors.push(EngineError::from_regorus(&error, sources));
        }
    }
    let data = serde_json::json!({ "m365lint": { "params": params } });
    if let Err(error) = engine.add_data(regorus::Value::from(data)) {
        errors.push(EngineError::Data { message: error.to_string() });
    }
    if errors.is_empty() { Ok(engine) } else { Err(errors) }
}

/// Shared by the checker and the test runner: sources are reference-counted text.
pub(crate) fn source_text(sources: &[PolicySource], path: &str) -> Option<Arc<str>> {
    sources.iter().find(|s| s.path == path).map(|s| s.text.clone())
}
