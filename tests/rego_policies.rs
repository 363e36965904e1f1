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

/// Built-in policies read other packages' values through a binding of their own package, never
/// through an import alias (`ca.policies`): with regorus 0.14 each such reference evaluates the
/// whole imported package and scans every module, which made the Conditional Access and Zero
/// Trust areas about a fifth slower (docs/custom-policies.md, "Writing fast policies").
#[test]
fn built_in_policies_bind_other_packages_values_once() {
    let import = regex::Regex::new(r"(?m)^import (data(?:\.\w+)+)(?: as (\w+))?\s*$").unwrap();
    let reference = regex::Regex::new(r"(?:^|[^\w.])(\w+)\.(\w+)\b(\s*\()?").unwrap();
    let mut offenders = Vec::new();
    for source in embedded_sources().iter().filter(|s| s.kind != PolicyKind::Test) {
        let aliases: Vec<String> = import
            .captures_iter(&source.text)
            .map(|c| {
                c.get(2)
                    .map_or_else(|| c[1].rsplit('.').next().unwrap_or_default().to_owned(), |a| a.as_str().to_owned())
            })
            .collect();
        for (number, line) in source.text.lines().enumerate() {
            let code = line.split('#').next().unwrap_or_default();
            if line.starts_with("import ") || line.starts_with("package ") {
                continue;
            }
            // String literals are not references.
            let code: String = code.split('"').step_by(2).collect::<Vec<_>>().join(" ");
            for found in reference.captures_iter(&code) {
                if aliases.iter().any(|alias| alias == &found[1]) && found.get(3).is_none() {
                    offenders.push(format!("{}:{}: {}.{}", source.path, number + 1, &found[1], &found[2]));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "values read through an import alias:\n{}", offenders.join("\n"));
}
