//! Custom policies are untrusted code: a policy that would reach the network, the file system
//! or the environment is refused when it is loaded (exit 2, the file, line and builtin named),
//! even when the call sits where evaluation would never reach it: never a silent pass.

mod common;

use common::{custom_policy, m365lint};

/// Runs `check` on contoso with one custom policy holding `body`; returns the run.
fn check_with(body: &str) -> common::Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mine.rego"), custom_policy("MINE001", "mine", body)).unwrap();
    m365lint(&["check", "fixtures/tenants/contoso", "--policies", dir.path().to_str().unwrap()])
}

fn assert_refused(run: &common::Run, builtin: &str, line_column: &str, reach: &str) {
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "", "nothing is linted with a refused policy");
    assert!(run.stderr.contains("m365lint::policy::refused_builtin"), "{}", run.stderr);
    let headline = format!("mine.rego:{line_column}: {builtin} is refused: it would reach {reach}");
    assert!(run.stderr.contains(&headline), "expected {headline:?} in\n{}", run.stderr);
}

// The deny body starts on line 18 of the generated policy.

#[test]
fn the_network_is_refused() {
    // Behind a condition that contoso never meets: found at load, not left to evaluation.
    let run = check_with(
        "\tcount(input.conditional_access.policies) > 100000\n\
         \thttp.send({\"method\": \"POST\", \"url\": \"https://example.com\", \"body\": input})",
    );
    assert_refused(&run, "http.send", "19:2", "the network");
    let run = check_with("\tcount(net.lookup_ip_addr(\"example.com\")) > 0");
    assert_refused(&run, "net.lookup_ip_addr", "18:8", "the network");
}

#[test]
fn the_environment_is_refused() {
    let run = check_with("\tx := opa.runtime()\n\tx.env.HOME != \"\"");
    assert_refused(&run, "opa.runtime", "18:7", "the environment");
}

#[test]
fn the_file_system_is_refused() {
    // No Rego builtin reads files (OPA has none; regorus is pinned without any, see
    // src/engine/sandbox.rs). What OPA and conftest read from disk is data files beside the
    // policies, loaded as `data`: m365lint refuses them rather than let a policy that expects
    // them see nothing and pass.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mine.rego"), custom_policy("MINE001", "mine", "\tdata.allowed.groups[_] == \"x\""))
        .unwrap();
    std::fs::write(dir.path().join("data.json"), r#"{"allowed": {"groups": ["x"]}}"#).unwrap();
    let run = m365lint(&["check", "fixtures/tenants/contoso", "--policies", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("m365lint::policy::data_file"), "{}", run.stderr);
    assert!(run.stderr.contains("data.json: data files are not loaded"), "{}", run.stderr);

    // A made-up file builtin does not exist: evaluating it is the rule's error, exit 2.
    let run = check_with("\tfile.read(\"/etc/passwd\") != \"\"");
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("MINE001 custom-mine"), "{}", run.stdout);
    assert!(run.stdout.contains("could not find function file.read"), "{}", run.stdout);
}

#[test]
fn rego_unit_tests_of_a_refused_policy_are_refused_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mine_test.rego"),
        "package mine_test\nimport rego.v1\ntest_x if { opa.runtime() }\n",
    )
    .unwrap();
    let run = m365lint(&["test", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("mine_test.rego:3:13: opa.runtime is refused"), "{}", run.stderr);
}

#[test]
fn time_is_not_offered_so_runs_stay_reproducible() {
    // regorus's `time` feature is off: `time.now_ns()` would make a verdict depend on the clock.
    let run = check_with("\ttime.now_ns() > 0");
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("could not find function time.now_ns"), "{}", run.stdout);
}

#[test]
fn a_policy_nested_too_deep_to_parse_in_time_is_refused() {
    // regorus's parser doubles its time with each level of literals: 24 levels would take
    // about half a minute, 40 a lifetime. Refused before it is parsed.
    let value = format!("{}1{}", "{\"a\": ".repeat(24), "}".repeat(24));
    let started = std::time::Instant::now();
    let run = check_with(&format!("\tx := {value}\n\tx.a != 1"));
    assert!(started.elapsed().as_secs() < 10, "took {:?}", started.elapsed());
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("m365lint::policy::too_deep"), "{}", run.stderr);
    // The body's `{` is level 1; `x := ` then 15 more `{"a": ` (6 characters each) reach 16.
    assert!(run.stderr.contains("mine.rego:18:97: brackets nest more than 16 levels deep"), "{}", run.stderr);
}
