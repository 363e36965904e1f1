//! `--format sarif` validates against the official SARIF 2.1.0 schema (a copy in
//! tests/schemas/, so the test needs no network), on the samples and on a report with every
//! outcome kind; spooled (as `check` writes it), it is the log rendered in memory.

mod report_support;

use m365lint::model::Problem;
use m365lint::report::{Format, RenderOptions, Report, SarifSpool};
use report_support::{Mixed, SAMPLES, cli, every_outcome, rendered, setup_with_config, without_version};

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("schemas/sarif-schema-2.1.0.json")).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the SARIF schema compiles")
}

fn violations(validator: &jsonschema::Validator, log: &serde_json::Value) -> Vec<String> {
    validator.iter_errors(log).map(|error| format!("{} at {}", error, error.instance_path())).collect()
}

fn sarif(report: &Report) -> serde_json::Value {
    serde_json::from_str(&rendered(Format::Sarif, report)).expect("SARIF output is JSON")
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let validator = validator();
    let mut reports: Vec<(&str, Report)> = SAMPLES.iter().map(|s| (s.name, s.report())).collect();
    reports.push(("every outcome", every_outcome()));
    for (name, report) in &reports {
        let log = sarif(report);
        let errors = violations(&validator, &log);
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        assert_eq!(log["version"], "2.1.0");
    }
}

#[test]
fn the_validator_catches_invalid_sarif() {
    // Without this, a validator that accepts anything would make the test above pass.
    let validator = validator();
    let mut log = sarif(&every_outcome());
    log["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    log["runs"][0]["results"][1]["suppressions"] = serde_json::json!([{"justification": "no kind"}]);
    let errors = violations(&validator, &log);
    assert!(errors.iter().any(|e| e.contains("fatal")), "{errors:#?}");
    assert!(errors.iter().any(|e| e.contains("kind")), "{errors:#?}");
}

#[test]
fn results_point_at_the_offending_value() {
    let log = sarif(&SAMPLES[0].report());
    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    let ca009 = results.iter().find(|r| r["ruleId"] == "CA009").unwrap();
    let location = &ca009["locations"][0];
    assert_eq!(
        location["physicalLocation"]["artifactLocation"]["uri"],
        "fixtures/tenants/contoso/conditional-access-policies.json"
    );
    assert_eq!(location["physicalLocation"]["region"]["startLine"], 10);
    assert_eq!(location["physicalLocation"]["region"]["startColumn"], 22);
    assert_eq!(location["logicalLocations"][0]["fullyQualifiedName"], "/value/0/state");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let fingerprint = ca009["partialFingerprints"]["m365lint/v1"].as_str().unwrap();
    assert!(fingerprint.starts_with("CA009:conditional_access/policies[id="), "{fingerprint}");
    let ca001 = results.iter().find(|r| r["ruleId"] == "CA001").unwrap();
    let related = ca001["relatedLocations"].as_array().unwrap();
    assert!(related.len() >= 2, "near misses are related locations");
    assert!(related.iter().all(|r| r["message"]["text"].is_string() && r["physicalLocation"].is_object()));
    // Rule metadata: one entry per rule, results point at it by index.
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let index = ca009["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "CA009");
    let ca001_rule = rules.iter().find(|r| r["id"] == "CA001").unwrap();
    assert_eq!(ca001_rule["defaultConfiguration"]["level"], "error");
    assert_eq!(ca001_rule["properties"]["security-severity"], "9.5");
    assert!(ca001_rule["help"]["markdown"].as_str().unwrap().contains("**Remediation.**"));
    assert!(ca001_rule["helpUri"].as_str().unwrap().starts_with("https://learn.microsoft.com/"));
    assert!(ca001_rule["properties"]["tags"].as_array().unwrap().contains(&serde_json::json!("SCuBA MS.AAD.1.1v1")));
}

/// The log a [`SarifSpool`] writes from a report's tenants and the report.
fn spooled(report: &Report) -> String {
    let mut spool = SarifSpool::new(&RenderOptions::plain()).expect("create the spool");
    for tenant in &report.tenants {
        spool.add(tenant).expect("spool a tenant");
    }
    let mut out = Vec::new();
    spool.finish(report, &mut out).expect("write the log");
    without_version(&String::from_utf8(out).expect("SARIF output is UTF-8"))
}

/// The run's own problems and warnings are known only at the end, yet come before every
/// tenant's notifications; arrays of notifications are left out when empty, results are not.
#[test]
fn a_spooled_log_is_the_log_rendered_in_memory() {
    let mut with_problem = every_outcome();
    with_problem.problems.push(Problem {
        code: "m365lint::config::invalid".to_owned(),
        message: "a problem of the whole run".to_owned(),
        help: Some("fix the configuration".to_owned()),
        file: Some("m365lint.toml".to_owned()),
        location: None,
        label: None,
    });
    let log = sarif(&with_problem);
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["toolExecutionNotifications"][0]["descriptor"]["id"], "m365lint::config::invalid");
    assert!(invocation["toolExecutionNotifications"][1]["properties"]["tenant"].is_string(), "{invocation:#}");
    assert!(invocation["toolConfigurationNotifications"][0]["properties"]["tenant"].is_null(), "{invocation:#}");
    let empty = Report::new(Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut reports: Vec<(&str, Report)> = SAMPLES.iter().map(|s| (s.name, s.report())).collect();
    reports.extend([("every outcome", every_outcome()), ("a problem of the run", with_problem), ("empty", empty)]);
    for (name, report) in &reports {
        assert_eq!(spooled(report), rendered(Format::Sarif, report), "{name}");
    }
    let empty = sarif(&reports[reports.len() - 1].1);
    assert_eq!(empty["runs"][0]["results"], serde_json::json!([]));
    assert_eq!(empty["runs"][0]["invocations"][0].as_object().map(|o| o.len()), Some(1), "{empty:#}");
}

/// `check --format sarif` alone spools the log and drops each tenant once spooled; the log is
/// valid SARIF, the one rendered from a report that kept every tenant, and the one written when
/// another output (html) makes the run keep them.
#[test]
fn check_spools_the_log_that_the_whole_report_renders() {
    let mixed = Mixed::new();
    let config = mixed.config.to_str().expect("a UTF-8 path");
    let args = |extra: &[&'static str]| {
        let mut args = vec!["check", "--config", config];
        args.extend(mixed.paths.iter().map(String::as_str));
        args.extend(extra);
        args
    };
    let streamed = cli(&args(&["--format", "sarif"]));
    assert_eq!(streamed.code, 2, "rule errors and rejected tenants: {}", streamed.stderr);
    let log: serde_json::Value = serde_json::from_str(&streamed.stdout).expect("SARIF output is JSON");
    let errors = violations(&validator(), &log);
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(log["runs"][0]["results"].as_array().is_some_and(|results| results.len() > 20), "{log:#}");

    let setup = setup_with_config(config);
    let kept = m365lint::lint::lint(&mixed.path_bufs(), &setup.run());
    assert_eq!(without_version(&streamed.stdout), rendered(Format::Sarif, &kept));

    let dir = tempfile::tempdir().expect("a temporary directory");
    let (sarif, html) = (dir.path().join("r.sarif"), dir.path().join("r.html"));
    let (sarif, html) = (sarif.to_str().expect("a UTF-8 path"), html.to_str().expect("a UTF-8 path"));
    let mut both = args(&[]);
    both.extend(["--format", "sarif", "--output", sarif, "--format", "html", "--output", html]);
    let both = cli(&both);
    assert_eq!(both.code, 2, "{}", both.stderr);
    assert_eq!(std::fs::read_to_string(sarif).expect("the SARIF file"), streamed.stdout);
}
