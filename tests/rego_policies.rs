//! Every Rego unit test beside the bundled policies runs as part of `cargo test`.

use m365lint::config::Parameters;
use m365lint::engine::{TestStatus, run_tests};
use m365lint::registry::{PolicyKind, embedded_sources};

#[test]
fn every_bundled_rego_test_passes() {
    let results = run_tests(&embedded_sources(), &Parameters::default().to_data()).expect("policies load");
    assert!(results.len() >= 40, "expected the bundled test suite, found {} tests", results.len());
    let failures: Vec<String> = results
        .iter()
        .filter(|r| r.status != TestStatus::Passed)
        .map(|r| format!("{}:{} {} {:?} {:?}", r.case.file, r.case.line, r.case.name, r.status, r.prints))
        .collect();
    assert!(failures.is_empty(), "failing Rego tests:\n{}", failures.join("\n"));
}

#[test]
fn every_rule_has_unit_tests_beside_it() {
    let sources = embedded_sources();
    for rule in sources.iter().filter(|s| s.kind == PolicyKind::Rule) {
        let test_path = rule.path.replace(".rego", "_test.rego");
        let tests = sources.iter().find(|s| s.path == test_path);
        let tests = tests.unwrap_or_else(|| panic!("{} has no {test_path}", rule.path));
        let count = tests.text.lines().filter(|line| line.starts_with("test_")).count();
        assert!(count >= 2, "{test_path} needs at least a firing and a non-firing test, has {count}");
    }
}
