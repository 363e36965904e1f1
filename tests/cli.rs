//! The command line: exit codes, output formats and bad input, as users run it.

mod common;

use common::m365lint;

#[test]
fn findings_exit_1() {
    let run = m365lint(&["check", "fixtures/tenants/contoso"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("CA002 mfa-not-required-for-all-users"));
    assert!(run.stdout.contains("fixtures/tenants/contoso/conditional-access-policies.json:10:22"));
}

#[test]
fn a_clean_tenant_exits_0() {
    let run = m365lint(&["check", "fixtures/tenants/fabrikam-hardened", "--config", "fixtures/config/fabrikam.toml"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("0 findings; 49 of 49 assessed rules passed"), "{}", run.stdout);
    assert!(!run.stdout.contains("not assessed"), "every area is exported: {}", run.stdout);
}

#[test]
fn fail_on_sets_the_threshold() {
    // With emergency access configured, Contoso's worst remaining finding is high (CA010)...
    let args = ["check", "fixtures/tenants/contoso", "--config", "fixtures/config/contoso.toml", "--format", "json"];
    let report: serde_json::Value = serde_json::from_str(&m365lint(&args).stdout).unwrap();
    assert!(report["summary"]["findings"]["critical"].as_u64().unwrap() > 0);
    // ...but critical findings remain (CA001, CA002), so even --fail-on critical fails,
    let run = m365lint(&["check", "fixtures/tenants/contoso", "--fail-on", "critical"]);
    assert_eq!(run.code, 1);
    // while the single disabled policy of the single-policy fixture is only info.
    let run = m365lint(&["check", "fixtures/ingest/conditional_access/graph-single-policy.json", "--fail-on", "low"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let run = m365lint(&["check", "fixtures/tenants/fabrikam-hardened", "--fail-on", "info"]);
    assert_eq!(run.code, 1, "the unapproved emergency-access exclusion is a finding without config");
}

#[test]
fn info_findings_pass_a_low_threshold() {
    let dir = tempfile::tempdir().unwrap();
    let source = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/tenants/fabrikam-hardened/Identity/Conditional/Policies/c2d3e4f5-a6b7-4c8d-8e9f-1a2b3c4d5e6f/c2d3e4f5-a6b7-4c8d-8e9f-1a2b3c4d5e6f.json")).unwrap();
    let disabled = source.replace("\"state\": \"enabled\"", "\"state\": \"disabled\"");
    let copy = dir.path().join("tenant");
    copy_dir(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/tenants/fabrikam-hardened")), &copy);
    let file = copy.join(
        "Identity/Conditional/Policies/c2d3e4f5-a6b7-4c8d-8e9f-1a2b3c4d5e6f/c2d3e4f5-a6b7-4c8d-8e9f-1a2b3c4d5e6f.json",
    );
    std::fs::write(&file, disabled).unwrap();
    let tenant = copy.to_str().unwrap();
    let config = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/config/fabrikam.toml");
    assert_eq!(
        m365lint(&["check", tenant, "--config", config]).code,
        0,
        "an info finding is below the default threshold"
    );
    assert_eq!(m365lint(&["check", tenant, "--config", config, "--fail-on", "info"]).code, 1);
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target)
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn json_output_is_versioned_and_locates_findings() {
    let run = m365lint(&["check", "fixtures/tenants/contoso", "--format", "json"]);
    assert_eq!(run.code, 1);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is one JSON document");
    assert_eq!(report["schemaVersion"], 1);
    let results = report["tenants"][0]["results"].as_array().unwrap();
    let ca009 = results.iter().find(|r| r["ruleId"] == "CA009").unwrap();
    let finding = &ca009["findings"][0];
    assert_eq!(finding["file"], "fixtures/tenants/contoso/conditional-access-policies.json");
    assert_eq!(finding["pointer"], "/value/0/state");
    assert_eq!((finding["line"].as_u64(), finding["column"].as_u64()), (Some(10), Some(22)));
    assert_eq!(finding["severity"], "low");
    assert_eq!(finding["path"], "/conditional_access/policies/0/state");
}

#[test]
fn every_kind_of_bad_input_exits_2_with_a_diagnostic() {
    for (fixture, code) in [
        ("fixtures/broken/cut-off-download.json", "m365lint::ingest::not_json"),
        ("fixtures/broken/empty.json", "m365lint::ingest::not_json"),
        ("fixtures/broken/windows-1252.json", "m365lint::ingest::not_utf8"),
        ("fixtures/broken/graph-users-list.json", "m365lint::ingest::unknown_export"),
        ("fixtures/broken/graph-first-page-only.json", "m365lint::ingest::partial_export"),
        ("fixtures/broken/sdk-without-depth.json", "m365lint::ingest::truncated_export"),
        ("fixtures/does-not-exist", "m365lint::ingest::unreadable"),
    ] {
        let run = m365lint(&["check", fixture]);
        assert_eq!(run.code, 2, "{fixture}: {}{}", run.stdout, run.stderr);
        assert!(run.stdout.contains(code), "{fixture} should report {code}:\n{}", run.stdout);
        assert!(run.stdout.contains(fixture), "{fixture}: the diagnostic names the file");
        let json = m365lint(&["check", fixture, "--format", "json"]);
        assert_eq!(json.code, 2);
        let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
        assert_eq!(report["tenants"][0]["status"], "rejected");
        assert_eq!(report["tenants"][0]["problems"][0]["code"], code);
    }
}

#[test]
fn syntax_errors_give_line_and_column() {
    let run = m365lint(&["check", "fixtures/broken/cut-off-download.json", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let problem = &report["tenants"][0]["problems"][0];
    assert_eq!((problem["line"].as_u64(), problem["column"].as_u64()), (Some(126), Some(20)));
}

#[test]
fn a_bad_tenant_does_not_hide_the_others() {
    let run = m365lint(&["check", "fixtures/broken/empty.json", "fixtures/tenants/contoso", "--format", "json"]);
    assert_eq!(run.code, 2, "one rejected tenant makes the run untrustworthy");
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let statuses: Vec<&str> =
        report["tenants"].as_array().unwrap().iter().map(|t| t["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["rejected", "assessed"]);
    assert!(report["summary"]["findings"]["total"].as_u64().unwrap() > 0);
}

#[test]
fn invalid_config_exits_2_pointing_into_the_toml() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("m365lint.toml");
    std::fs::write(&config, "[parameters]\nemergency_acess = { users = [] }\n").unwrap();
    let run = m365lint(&["check", "fixtures/tenants/contoso", "--config", config.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("m365lint::config::invalid"), "{}", run.stderr);
    assert!(run.stderr.contains("m365lint.toml:2:1"), "{}", run.stderr);
    let missing = m365lint(&["check", "fixtures/tenants/contoso", "--config", "no-such-config.toml"]);
    assert_eq!(missing.code, 2);
}

#[test]
fn normalize_prints_the_canonical_document() {
    let run = m365lint(&["normalize", "fixtures/ingest/conditional_access/graph-single-policy.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(document["areas"]["conditional_access"], true);
    assert_eq!(document["conditional_access"]["policies"][0]["state"], "disabled");
    assert!(
        document["conditional_access"]["policies"][0]["grantControls"]
            .get("authenticationStrength@odata.context")
            .is_none()
    );
    let broken = m365lint(&["normalize", "fixtures/broken/sdk-without-depth.json"]);
    assert_eq!(broken.code, 2);
    assert!(broken.stderr.contains("ConvertTo-Json -Depth 10"), "{}", broken.stderr);
}

#[test]
fn rego_unit_tests_run_from_the_cli() {
    let run = m365lint(&["test"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("PASS  policies/conditional_access/legacy_authentication_allowed_test.rego"));
    assert!(run.stdout.contains(" 0 failed, 0 errors"), "{}", run.stdout);
}

#[test]
fn failing_and_broken_rego_tests_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mine_test.rego"),
        "package mine_test\nimport rego.v1\ntest_good if { true }\ntest_bad if { 1 == 2 }\n",
    )
    .unwrap();
    let run = m365lint(&["test", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("FAIL ") && run.stdout.contains("test_bad"), "{}", run.stdout);
    assert!(run.stdout.contains("2 tests: 1 passed, 1 failed, 0 errors"), "{}", run.stdout);

    std::fs::write(dir.path().join("broken_test.rego"), "package broken_test\nimport rego.v1\ntest_x if {\n").unwrap();
    let run = m365lint(&["test", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("broken_test.rego:"), "{}", run.stderr);
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_m365lint"))
        .args(["check", "fixtures/tenants/contoso"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1), "the exit code still reflects the findings");
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
}
