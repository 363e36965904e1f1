//! Limits on what a run reads: a file larger than `--max-file-size` (or `[limits]
//! max_file_size`) and JSON nested deeper than any real export are rejected with a located,
//! actionable diagnostic (exit 2), and the other tenants are still linted.

mod common;

use common::m365lint;

fn json(run: &common::Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|error| panic!("{error}: {}{}", run.stdout, run.stderr))
}

/// Diagnostics with miette's wrapping undone, to look for whole sentences.
fn flat(text: &str) -> String {
    text.replace('│', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

const CA_EXPORT: &str = "fixtures/tenants/contoso/conditional-access-policies.json";

/// A tenant directory with one copy of the contoso Conditional Access export (31,564 bytes).
fn ca_tenant(dir: &std::path::Path) -> std::path::PathBuf {
    let tenant = dir.join("big");
    std::fs::create_dir(&tenant).unwrap();
    std::fs::copy(CA_EXPORT, tenant.join("ca.json")).unwrap();
    tenant
}

#[test]
fn a_file_over_the_size_limit_rejects_its_tenant_and_the_others_continue() {
    let dir = tempfile::tempdir().unwrap();
    let tenant = ca_tenant(dir.path());
    let run =
        m365lint(&["check", tenant.to_str().unwrap(), "fixtures/rules/CA001/pass.json", "--max-file-size", "30KiB"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    let message = format!(
        "{} is too large to read: it is 30.8 KiB (31564 bytes), larger than the limit of 30 KiB",
        tenant.join("ca.json").display()
    );
    assert!(run.stdout.contains("m365lint::ingest::too_large"), "{}", run.stdout);
    assert!(flat(&run.stdout).contains(&message), "expected {message:?} in\n{}", run.stdout);
    assert!(flat(&run.stdout).contains("`m365lint check --max-file-size 200MB`"), "how to raise it:\n{}", run.stdout);

    let run = m365lint(&[
        "check",
        tenant.to_str().unwrap(),
        "fixtures/rules/CA001/pass.json",
        "--max-file-size=31564",
        "--format",
        "json",
    ]);
    let report = json(&run);
    let statuses: Vec<&str> =
        report["tenants"].as_array().unwrap().iter().map(|t| t["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["assessed", "assessed"], "a file exactly at the limit is read");
    let run = m365lint(&[
        "check",
        tenant.to_str().unwrap(),
        "fixtures/rules/CA001/pass.json",
        "--max-file-size=31563",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 2);
    let report = json(&run);
    assert_eq!(report["tenants"][0]["status"], "rejected");
    assert_eq!(report["tenants"][0]["problems"][0]["code"], "m365lint::ingest::too_large");
    assert_eq!(report["tenants"][1]["status"], "assessed", "the other tenant is still linted");
}

#[test]
fn the_default_limit_is_64_mib() {
    let dir = tempfile::tempdir().unwrap();
    let tenant = dir.path().join("huge");
    std::fs::create_dir(&tenant).unwrap();
    // Sparse: 64 MiB + 1 byte of size without writing them; refused before a byte is read.
    let file = std::fs::File::create(tenant.join("export.json")).unwrap();
    file.set_len(64 * 1024 * 1024 + 1).unwrap();
    let run = m365lint(&["check", tenant.to_str().unwrap(), "--format", "json"]);
    assert_eq!(run.code, 2);
    let problem = &json(&run)["tenants"][0]["problems"][0];
    assert_eq!(problem["code"], "m365lint::ingest::too_large");
    assert!(problem["message"].as_str().unwrap().ends_with("(67108865 bytes), larger than the limit of 64 MiB"));
}

#[test]
fn the_limit_can_be_set_in_the_configuration_and_the_flag_wins() {
    let dir = tempfile::tempdir().unwrap();
    let tenant = ca_tenant(dir.path());
    let config = dir.path().join("m365lint.toml");
    let check = |extra: &[&str]| {
        let mut args = vec!["check", tenant.to_str().unwrap(), "--config", config.to_str().unwrap()];
        args.extend(extra);
        m365lint(&args)
    };
    std::fs::write(&config, "[limits]\nmax_file_size = \"20kB\"\n").unwrap();
    let run = check(&[]);
    assert_eq!(run.code, 2);
    assert!(flat(&run.stdout).contains("larger than the limit of 19.5 KiB"), "{}", run.stdout);
    assert_eq!(check(&["--max-file-size", "1MB"]).code, 1, "the flag replaces the configuration's limit");
    std::fs::write(&config, "[limits]\nmax_file_size = 1000000\n").unwrap();
    assert_eq!(check(&[]).code, 1, "a number of bytes");

    // A tenant directory's own configuration applies to that tenant.
    std::fs::write(tenant.join("m365lint.toml"), "[limits]\nmax_file_size = \"1KiB\"\n").unwrap();
    let run = check(&[]);
    assert_eq!(run.code, 2);
    assert!(flat(&run.stdout).contains("larger than the limit of 1 KiB"), "{}", run.stdout);
    std::fs::remove_file(tenant.join("m365lint.toml")).unwrap();

    for (text, expected) in [
        ("[limits]\nmax_file_size = \"lots\"\n", "m365lint.toml:2:17: 'lots' is not a size"),
        ("[limits]\nmax_file_size = -5\n", "m365lint.toml:2:17: -5 is not a size larger than zero"),
        ("[limits]\nmax_size = 5\n", "m365lint.toml:2:1"),
    ] {
        std::fs::write(&config, text).unwrap();
        let run = check(&[]);
        assert_eq!(run.code, 2, "{text}");
        assert!(run.stderr.contains("m365lint::config::invalid"), "{text}: {}", run.stderr);
        assert!(flat(&run.stderr).contains(expected), "{text}: expected {expected:?} in\n{}", run.stderr);
    }
}

#[test]
fn normalize_diff_and_baseline_honour_the_limit() {
    let run = m365lint(&["normalize", CA_EXPORT, "--max-file-size", "1KiB"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("m365lint::ingest::too_large"), "{}", run.stderr);
    assert_eq!(m365lint(&["normalize", CA_EXPORT]).code, 0);

    let run = m365lint(&["diff", CA_EXPORT, "fixtures/rules/CA001/pass.json", "--max-file-size", "10KiB"]);
    assert_eq!(run.code, 2);
    assert!(flat(&run.stderr).contains(&format!("{CA_EXPORT} is too large to read")), "{}", run.stderr);

    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    std::fs::write(&baseline, m365lint(&["check", "fixtures/tenants/contoso", "--format", "json"]).stdout).unwrap();
    let run = m365lint(&["check", "fixtures/rules/CA001/pass.json", "--baseline", baseline.to_str().unwrap()]);
    assert_ne!(run.code, 2, "{}{}", run.stdout, run.stderr);
    let run = m365lint(&[
        "check",
        "fixtures/rules/CA001/pass.json",
        "--baseline",
        baseline.to_str().unwrap(),
        "--max-file-size",
        "5KiB",
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("m365lint::baseline::invalid"), "{}", run.stderr);
    assert!(flat(&run.stderr).contains("larger than the limit of 5 KiB"), "{}", run.stderr);
}

#[test]
fn bad_sizes_are_usage_errors() {
    for bad in ["0", "lots", "5 parsecs", "-1MB"] {
        let run = m365lint(&["check", "fixtures/tenants/contoso", &format!("--max-file-size={bad}")]);
        assert_eq!(run.code, 2, "{bad}");
        assert!(run.stderr.contains("--max-file-size"), "{bad}: {}", run.stderr);
    }
}

#[test]
fn json_nested_past_the_limit_is_rejected_where_it_goes_too_deep() {
    let dir = tempfile::tempdir().unwrap();
    // A million levels: once a stack overflow for any recursive parser.
    let path = dir.path().join("deep.json");
    std::fs::write(&path, format!("{{\n  \"value\": {}", "[".repeat(1_000_000))).unwrap();
    let run = m365lint(&["check", path.to_str().unwrap(), "fixtures/rules/CA001/pass.json", "--format", "json"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let report = json(&run);
    let problem = &report["tenants"][0]["problems"][0];
    assert_eq!(problem["code"], "m365lint::ingest::too_deep");
    // `{` is level 1; the 64th `[` (column 12 + 63) is level 65.
    assert_eq!((problem["line"].as_u64(), problem["column"].as_u64()), (Some(2), Some(75)));
    assert!(problem["message"].as_str().unwrap().contains("more than 64 levels deep at line 2, column 75"));
    assert_eq!(report["tenants"][1]["status"], "assessed");

    let run = m365lint(&["normalize", path.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("m365lint::ingest::too_deep"), "{}", run.stderr);
}
