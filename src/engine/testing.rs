//! Runs Rego unit tests: every rule named `test_*` passes when it evaluates to `true`.

use rayon::prelude::*;
use regorus::unstable::{Parser, Rule, RuleHead};

use super::{EngineError, new_engine};
use crate::registry::PolicySource;

/// One `test_*` rule.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct TestCase {
    pub file: String,
    pub line: usize,
    pub package: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TestStatus {
    Passed,
    /// The rule was undefined or not `true`.
    Failed,
    /// The rule failed to evaluate.
    Error(String),
}

#[derive(Debug, Clone)]
pub struct TestResult {
    pub case: TestCase,
    pub status: TestStatus,
    pub prints: Vec<String>,
}

/// Loads `sources` (policies, libraries and tests) with `params` as data and runs every test,
/// in parallel, each stopped as an error after [`super::DEFAULT_TIME_LIMIT`]. Results are sorted by file and line.
pub fn run_tests(sources: &[PolicySource], params: &serde_json::Value) -> Result<Vec<TestResult>, Vec<EngineError>> {
    let mut engine = new_engine(sources, params)?;
    // A test that never ends is an error, as a rule that never ends is in `check`.
    super::limit_time(&mut engine, super::DEFAULT_TIME_LIMIT);
    let cases = discover(&mut engine).map_err(|error| vec![EngineError::from_regorus(&error, sources)])?;
    engine.set_input(regorus::Value::new_object());
    if let Some(first) = cases.first() {
        // Prepare once so that the clones below share the compiled policy.
        let _ = engine.eval_rule(rule_path(first));
        let _ = engine.take_prints();
    }
    let mut results: Vec<TestResult> = cases
        .into_par_iter()
        .map_init(
            || engine.clone(),
            |engine, case| {
                let status = match engine.eval_rule(rule_path(&case)) {
                    Ok(regorus::Value::Bool(true)) => TestStatus::Passed,
                    Ok(_) => TestStatus::Failed,
                    Err(error) => TestStatus::Error(super::regorus_error::describe(&error)),
                };
                let prints = engine.take_prints().unwrap_or_default();
                TestResult { case, status, prints }
            },
        )
        .collect();
    results.sort_by(|a, b| a.case.cmp(&b.case));
    Ok(results)
}

fn rule_path(case: &TestCase) -> String {
    format!("data.{}.{}", case.package, case.name)
}

/// Every non-function rule whose name starts with `test_`, once per name and package.
fn discover(engine: &mut regorus::Engine) -> Result<Vec<TestCase>, Box<dyn std::error::Error + Send + Sync>> {
    let mut cases: Vec<TestCase> = Vec::new();
    for module in engine.get_modules().iter() {
        let package = Parser::get_path_ref_components(&module.package.refr)?
            .iter()
            .map(|span| span.text().to_owned())
            .collect::<Vec<_>>()
            .join(".");
        for rule in &module.policy {
            let Rule::Spec { head: RuleHead::Compr { refr, span, .. }, .. } = rule.as_ref() else {
                continue;
            };
            let components = Parser::get_path_ref_components(refr)?;
            let [name] = components.as_slice() else {
                continue;
            };
            let name = name.text();
            if !name.starts_with("test_") {
                continue;
            }
            let case = TestCase {
                file: span.source.get_path().to_string(),
                line: span.line as usize,
                package: package.clone(),
                name: name.to_owned(),
            };
            if !cases.iter().any(|c| c.package == case.package && c.name == case.name) {
                cases.push(case);
            }
        }
    }
    cases.sort();
    Ok(cases)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_passing_failing_and_erroring_tests() {
        let sources = vec![PolicySource::new(
            "p_test.rego".into(),
            "package p_test\nimport rego.v1\n\ntest_ok if { 1 == 1 }\n\ntest_bad if { 1 == 2 }\n\ntest_boom if { x := null; count(x) == 0 }\n\nhelper := 1\n",
            false,
        )];
        let results = run_tests(&sources, &serde_json::json!({})).unwrap();
        let by_name: Vec<(&str, &TestStatus)> = results.iter().map(|r| (r.case.name.as_str(), &r.status)).collect();
        assert_eq!(by_name.len(), 3, "{by_name:?}");
        assert_eq!(by_name[0], ("test_ok", &TestStatus::Passed));
        assert_eq!(by_name[1], ("test_bad", &TestStatus::Failed));
        assert!(matches!(by_name[2].1, TestStatus::Error(message) if message.contains("count")), "{by_name:?}");
        assert_eq!(results[0].case.line, 4);
    }
}
