//! Fail closed: every path on which a run cannot be trusted ends in a reported outcome or in
//! exit 2 with a diagnostic, never in a silent pass. Tested elsewhere: missing paths, cut-off
//! and wrong-shape exports (cli.rs), configuration errors (config.rs), limits (limits.rs),
//! time limits (time_limit.rs) and the sandbox (sandbox.rs); these are the other paths.

mod common;

use common::{custom_policy, m365lint};

fn json(run: &common::Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|error| panic!("{error}: {}{}", run.stdout, run.stderr))
}

/// A tenant directory holding the contoso Conditional Access export and `entry`, made by `make`.
fn tenant_with(dir: &std::path::Path, entry: &str, make: impl FnOnce(&std::path::Path)) -> std::path::PathBuf {
    let tenant = dir.join("tenant");
    std::fs::create_dir(&tenant).unwrap();
    std::fs::copy("fixtures/tenants/contoso/conditional-access-policies.json", tenant.join("ca.json")).unwrap();
    make(&tenant.join(entry));
    tenant
}

fn assert_unreadable(tenant: &std::path::Path, entry: &str, why: &str) {
    let run = m365lint(&["check", tenant.to_str().unwrap(), "--format", "json"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    let report = json(&run);
    assert_eq!(report["tenants"][0]["status"], "rejected");
    let problem = &report["tenants"][0]["problems"][0];
    assert_eq!(problem["code"], "m365lint::ingest::unreadable");
    let message = format!("cannot read {}: {why}", tenant.join(entry).display());
    assert_eq!(problem["message"], message.as_str());
}

#[test]
fn a_dangling_symlink_in_a_tenant_rejects_it() {
    let dir = tempfile::tempdir().unwrap();
    let tenant = tenant_with(dir.path(), "gone.json", |path| {
        std::os::unix::fs::symlink("/nonexistent/export.json", path).unwrap();
    });
    assert_unreadable(&tenant, "gone.json", "it is a symbolic link to nothing");
}

#[test]
fn a_fifo_in_a_tenant_rejects_it_instead_of_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let tenant = tenant_with(dir.path(), "pipe.json", |path| {
        let made = std::process::Command::new("mkfifo").arg(path).status().unwrap();
        assert!(made.success());
    });
    assert_unreadable(&tenant, "pipe.json", "it is not a regular file");
}

#[test]
fn a_directory_where_a_file_is_expected_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_str().unwrap();
    let config = m365lint(&["check", "fixtures/tenants/contoso", "--config", path]);
    assert_eq!(config.code, 2);
    assert!(config.stderr.contains("m365lint::config::unreadable"), "{}", config.stderr);
    let baseline = m365lint(&["check", "fixtures/tenants/contoso", "--baseline", path]);
    assert_eq!(baseline.code, 2);
    assert!(baseline.stderr.contains("m365lint::baseline::invalid"), "{}", baseline.stderr);
    assert!(baseline.stderr.contains(&format!("cannot read {path}")), "{}", baseline.stderr);
}

#[test]
fn a_missing_baseline_exits_2() {
    let run = m365lint(&["check", "fixtures/tenants/contoso", "--baseline", "no-such-report.json"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "", "nothing is linted");
    assert!(run.stderr.contains("m365lint::baseline::invalid"), "{}", run.stderr);
    assert!(run.stderr.contains("cannot read no-such-report.json"), "{}", run.stderr);
}

#[test]
fn configuration_that_is_not_toml_exits_2_at_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("m365lint.toml");
    std::fs::write(&config, "[rules]\nselect = [\"CA001\"\n").unwrap();
    let run = m365lint(&["check", "fixtures/tenants/contoso", "--config", config.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("m365lint::config::invalid"), "{}", run.stderr);
    assert!(run.stderr.contains("m365lint.toml:2:"), "{}", run.stderr);
}

#[test]
fn an_unreadable_policy_directory_exits_2() {
    let missing = m365lint(&["check", "fixtures/tenants/contoso", "--policies", "no-such-policies"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("m365lint::policy::unreadable"), "{}", missing.stderr);
    assert!(missing.stderr.contains("cannot read no-such-policies"), "{}", missing.stderr);
    // A file where a directory belongs.
    let file = m365lint(&["check", "fixtures/tenants/contoso", "--policies", "README.md"]);
    assert_eq!(file.code, 2);
    assert!(file.stderr.contains("m365lint::policy::unreadable"), "{}", file.stderr);
    // A policy file over the size limit (sparse: its size, none of its bytes, on disk).
    let dir = tempfile::tempdir().unwrap();
    let huge = std::fs::File::create(dir.path().join("huge.rego")).unwrap();
    huge.set_len(64 * 1024 * 1024 + 1).unwrap();
    let run = m365lint(&["check", "fixtures/tenants/contoso", "--policies", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("m365lint::policy::unreadable"), "{}", run.stderr);
    assert!(run.stderr.contains("huge.rego: it is 64 MiB (67108865 bytes)"), "{}", run.stderr);
    // A directory without policies.
    let empty = tempfile::tempdir().unwrap();
    let run = m365lint(&["check", "fixtures/tenants/contoso", "--policies", empty.path().to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("m365lint::policy::empty_dir"), "{}", run.stderr);
}

#[test]
fn a_custom_policy_with_a_syntax_error_exits_2_at_the_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mine.rego"), custom_policy("MINE001", "mine", "\tinput.x ==")).unwrap();
    let run = m365lint(&["check", "fixtures/tenants/contoso", "--policies", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "", "nothing is linted with a broken policy");
    assert!(run.stderr.contains("m365lint::policy::rego_error"), "{}", run.stderr);
    assert!(run.stderr.contains("mine.rego:19:"), "{}", run.stderr);
}

#[test]
fn a_custom_policy_that_fails_to_evaluate_is_reported_as_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mine.rego"), custom_policy("MINE001", "mine", "\tcount(input.tenant.id) > 0"))
        .unwrap();
    let run = m365lint(&[
        "check",
        "fixtures/tenants/contoso",
        "--policies",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
        "--fail-on",
        "critical",
    ]);
    assert_eq!(run.code, 2, "an error outweighs --fail-on");
    let report = json(&run);
    let result = report["tenants"][0]["results"].as_array().unwrap().iter().find(|r| r["ruleId"] == "MINE001").unwrap();
    assert_eq!(result["outcome"], "error");
    assert!(result["error"].as_str().unwrap().contains("mine.rego:18:"), "{result}");
    assert!(run.stderr.contains("MINE001"), "the reason is on stderr: {}", run.stderr);
}
