//! A policy that runs too long is stopped and reported as an error (exit 2), not waited for
//! and not passed: `--rule-timeout` bounds each evaluation.

mod common;

use common::m365lint;

const SPINNING_POLICY: &str = r#"# METADATA
# title: Spins
# description: Loops for a very long time.
# custom:
#   id: SLOW001
#   name: spins-for-ages
#   severity: low
#   area: conditional_access
#   requires: [conditional_access]
#   rationale: A test of the time limit.
#   remediation: None.
#   references: []
package custom.slow

import rego.v1

deny contains {"path": ["conditional_access", "policies"], "message": "never"} if {
	some i in numbers.range(1, 100000)
	some j in numbers.range(1, 100000)
	i * j == -1
}
"#;

/// Runs `check` on `tenants` with the spinning policy of `policies` and a limit of 0.5 s, and
/// returns each tenant's results, after checking that the run stopped in time with exit 2 and
/// that the spinning rule is an error of every tenant for running past the limit.
fn check_with_the_spinning_policy(
    policies: &std::path::Path,
    tenants: &[&str],
    extra: &[&str],
) -> Vec<Vec<serde_json::Value>> {
    std::fs::write(policies.join("slow.rego"), SPINNING_POLICY).unwrap();
    let mut args = vec!["check"];
    args.extend(tenants);
    args.extend(["--policies", policies.to_str().unwrap(), "--rule-timeout", "0.5", "--format", "json"]);
    args.extend(extra);
    let started = std::time::Instant::now();
    let run = m365lint(&args);
    // 10^10 iterations would take hours; the limit stops the queries and then the rule.
    assert!(started.elapsed().as_secs() < 60, "stopped in {:?}", started.elapsed());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("SLOW001"), "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let tenants: Vec<Vec<serde_json::Value>> = report["tenants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|tenant| tenant["results"].as_array().unwrap().clone())
        .collect();
    for results in &tenants {
        let slow = results.iter().find(|r| r["ruleId"] == "SLOW001").unwrap();
        assert_eq!(slow["outcome"], "error");
        assert!(slow["error"].as_str().unwrap_or_default().contains("time limit"), "{slow}");
    }
    tenants
}

#[test]
fn a_rule_past_the_time_limit_is_an_error_and_the_others_still_run() {
    let dir = tempfile::tempdir().unwrap();
    let tenants = check_with_the_spinning_policy(dir.path(), &["fixtures/tenants/contoso"], &[]);
    // Its neighbours in the Conditional Access group are still evaluated, one at a time.
    let ca001 = tenants[0].iter().find(|r| r["ruleId"] == "CA001").unwrap();
    assert_eq!(ca001["outcome"], "fail");
}

#[test]
fn the_time_limit_must_be_a_positive_number_of_seconds() {
    for bad in ["0", "-1", "soon", "NaN", "inf"] {
        let run = m365lint(&["check", "fixtures/tenants/contoso", &format!("--rule-timeout={bad}")]);
        assert_eq!(run.code, 2, "{bad}");
        assert!(run.stderr.contains("--rule-timeout"), "{bad}: {}", run.stderr);
    }
}

#[test]
fn a_rego_unit_test_past_the_time_limit_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("slow_test.rego"),
        "package slow_test\nimport rego.v1\n\ntest_spins if {\n\
         \tsome i in numbers.range(1, 100000)\n\tsome j in numbers.range(1, 100000)\n\ti * j == -1\n}\n\n\
         test_quick if { true }\n",
    )
    .unwrap();
    let started = std::time::Instant::now();
    let run = m365lint(&["test", dir.path().to_str().unwrap()]);
    // Stopped at the default limit of 10 s, not after the hours 10^10 iterations take.
    assert!(started.elapsed().as_secs() < 120, "stopped in {:?}", started.elapsed());
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("ERROR") && run.stdout.contains("test_spins"), "{}", run.stdout);
    assert!(run.stdout.contains("time limit"), "{}", run.stdout);
    assert!(run.stdout.contains("2 tests: 1 passed, 0 failed, 1 errors"), "{}", run.stdout);
}

#[test]
fn a_tenant_with_its_own_parameters_keeps_the_time_limit() {
    // Its own [parameters] give the tenant an engine of its own (PolicyEngine::with_params).
    let dir = tempfile::tempdir().unwrap();
    let policies = dir.path().join("policies");
    std::fs::create_dir(&policies).unwrap();
    let tenant = dir.path().join("contoso");
    std::fs::create_dir(&tenant).unwrap();
    for entry in std::fs::read_dir("fixtures/tenants/contoso").unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, tenant.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(tenant.join("m365lint.toml"), "[parameters]\nadmin_sign_in_frequency_hours = 8\n").unwrap();
    check_with_the_spinning_policy(&policies, &[tenant.to_str().unwrap()], &[]);
}

/// In a batch each tenant's areas are evaluated in one query; when it runs past the limit, the
/// areas and then the rules are evaluated apart, and only the slow rule is an error.
#[test]
fn in_a_batch_a_rule_past_the_time_limit_is_an_error_of_every_tenant_and_the_others_still_run() {
    let dir = tempfile::tempdir().unwrap();
    let tenants = check_with_the_spinning_policy(
        dir.path(),
        &["fixtures/tenants/contoso", "fixtures/tenants/northwind"],
        &["--jobs", "2"],
    );
    assert_eq!(tenants.len(), 2);
    for results in &tenants {
        let errors = results.iter().filter(|r| r["outcome"] == "error").count();
        assert_eq!(errors, 1, "only the slow rule is an error");
    }
    let ca001 = tenants[0].iter().find(|r| r["ruleId"] == "CA001").unwrap();
    assert_eq!(ca001["outcome"], "fail", "contoso, first in the report");
}
