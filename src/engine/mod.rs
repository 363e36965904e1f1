//! The only module that imports `regorus`. Loads the catalog's Rego once into a prepared
//! template engine; workers clone it (cheap: clones share the compiled policy) and evaluate
//! one rule against one tenant's canonical document at a time.

mod error;
mod finding;
mod regorus_error;
mod testing;

use std::sync::Arc;

pub use error::EngineError;
pub use finding::{PolicyEvidence, PolicyFinding};
pub use testing::{TestCase, TestResult, TestStatus, run_tests};

use crate::model::RuleMeta;
use crate::registry::{Catalog, PolicyKind, PolicySource};

/// The policies of a run, parsed and prepared once.
#[derive(Clone)]
pub struct PolicyEngine {
    template: regorus::Engine,
}

/// A tenant's canonical document converted once for the engine; cloning it is cheap.
#[derive(Clone)]
pub struct PreparedInput(regorus::Value);

/// A worker's own engine, cloned from the template.
pub struct Worker(regorus::Engine);

/// What one rule produced for one input.
#[derive(Debug)]
pub struct Evaluation {
    pub result: Result<Vec<PolicyFinding>, String>,
    /// `print()` output of the policy, gathered rather than written to stderr.
    pub prints: Vec<String>,
}

impl PolicyEngine {
    /// Parses every source of the catalog, checks that each rule declares `deny`, adds the
    /// parameters as `data.m365lint.params`, and prepares the engine.
    pub fn load(catalog: &Catalog, params: &serde_json::Value) -> Result<Self, Vec<EngineError>> {
        // Unit tests and their test data are for `m365lint test`, not for linting.
        let sources: Vec<PolicySource> =
            catalog.sources().iter().filter(|source| source.kind != PolicyKind::Test).cloned().collect();
        let mut engine = new_engine(&sources, params)?;
        let mut errors = Vec::new();
        for rule in catalog.rules() {
            match engine.has_declared_rule_rooted_at(&rule.source, "deny") {
                Ok(true) => {}
                Ok(false) => {
                    errors.push(EngineError::MissingDeny { path: rule.source.clone(), id: rule.id.to_string() })
                }
                Err(error) => errors.push(EngineError::from_regorus(&error, &sources)),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        // Evaluating once prepares the engine (rule gathering, scheduling); clones of a
        // prepared engine share that work instead of each redoing it.
        engine.set_input(regorus::Value::new_object());
        if let Some(rule) = catalog.rules().first() {
            // The result is irrelevant; an error here shows up again on the real input.
            let _ = engine.eval_rule(deny_path(rule));
            let _ = engine.take_prints();
        }
        Ok(PolicyEngine { template: engine })
    }

    pub fn worker(&self) -> Worker {
        Worker(self.template.clone())
    }

    /// Converts a canonical document for evaluation.
    pub fn prepare_input(document: &serde_json::Value) -> PreparedInput {
        PreparedInput(regorus::Value::from(document.clone()))
    }
}

impl Worker {
    /// Evaluates `data.<package>.deny` of one rule against one input.
    pub fn evaluate(&mut self, input: &PreparedInput, rule: &RuleMeta) -> Evaluation {
        let engine = &mut self.0;
        engine.set_input(input.0.clone());
        let value = engine.eval_rule(deny_path(rule));
        let prints = engine.take_prints().unwrap_or_default();
        let result = match value {
            Ok(value) => finding::decode(&value),
            Err(error) => Err(regorus_error::describe(&error)),
        };
        Evaluation { result, prints }
    }
}

fn deny_path(rule: &RuleMeta) -> String {
    format!("data.{}.deny", rule.package)
}

/// A regorus engine with every source loaded, prints gathered and parameters as data.
fn new_engine(sources: &[PolicySource], params: &serde_json::Value) -> Result<regorus::Engine, Vec<EngineError>> {
    let mut engine = regorus::Engine::new();
    engine.set_gather_prints(true);
    let mut errors = Vec::new();
    for source in sources {
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
