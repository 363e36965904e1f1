//! Configuration: waivers, rule selection, severity overrides, tenant configuration, custom
//! policies, `init`, baselines and `diff`, through the command line.

mod common;

use common::m365lint;

fn json(run: &common::Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}{}", run.stdout, run.stderr))
}

fn results(report: &serde_json::Value, tenant: usize) -> &Vec<serde_json::Value> {
    report["tenants"][tenant]["results"].as_array().unwrap()
}

fn result<'a>(report: &'a serde_json::Value, rule: &str) -> &'a serde_json::Value {
    results(report, 0).iter().find(|r| r["ruleId"] == rule).unwrap_or_else(|| panic!("no result for {rule}"))
}

const WAIVERS: &str = "fixtures/config/waivers/contoso.toml";

#[test]
fn waivers_are_reported_not_hidden() {
    let run = m365lint(&["check", "fixtures/tenants/contoso", "--config", WAIVERS]);
    assert_eq!(run.code, 1, "critical findings remain");
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn waived_findings_carry_their_reason_in_json() {
    let report = json(&m365lint(&["check", "fixtures/tenants/contoso", "--config", WAIVERS, "--format", "json"]));
    let ca014 = result(&report, "CA014");
    assert_eq!(ca014["outcome"], "waived", "its only finding is waived");
    let waiver = &ca014["findings"][0]["waiver"];
    assert_eq!(
        waiver["reason"],
        "Kept disabled for the Zürich office migration rollback plan; not planned to be enabled"
    );
    assert_eq!(waiver["owner"], "Sven Müller");
    assert_eq!((waiver["file"].as_str(), waiver["line"].as_u64()), (Some(WAIVERS), Some(17)));
    let ca010 = result(&report, "CA010");
    assert_eq!(ca010["outcome"], "fail", "one of its findings is not waived");
    let waived: Vec<bool> = ca010["findings"].as_array().unwrap().iter().map(|f| !f["waiver"].is_null()).collect();
    assert_eq!(
        waived,
        [true, false, false],
        "the excluded group is waived by value, the role is not (its waiver expired), nor are the excluded guests"
    );
    assert_eq!(report["summary"]["findings"]["waived"], 2);
    let warnings: Vec<&str> =
        report["warnings"].as_array().unwrap().iter().map(|w| w["code"].as_str().unwrap()).collect();
    assert_eq!(warnings, ["m365lint::waiver::expired", "m365lint::waiver::unmatched"]);
    assert_eq!(result(&report, "CA009")["findings"][0]["severity"], "medium", "severity override");
}

#[test]
fn a_tenant_whose_findings_are_all_waived_passes() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("m365lint.toml");
    std::fs::write(
        &config,
        "[[waivers]]\nrule = \"CA009\"\nreason = \"Pilot in progress\"\nexpires = 2099-01-01\n\n[rules]\nselect = [\"CA009\"]\n",
    )
    .unwrap();
    let run = m365lint(&["check", "fixtures/tenants/contoso", "--config", config.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("waived: CA009 policy-report-only"), "{}", run.stdout);
}

#[test]
fn every_config_error_points_into_the_toml_and_exits_2() {
    let run = m365lint(&["check", "fixtures/tenants/contoso", "--config", "fixtures/config/waivers/errors.toml"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "", "nothing is linted with a broken configuration");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn unknown_keys_and_wrong_types_are_config_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (text, expected) in [
        ("[parameters]\nplatforms = [\"windows\", \"blackberry\"]\n", ":2:"),
        ("[rules]\nselec = [\"CA001\"]\n", ":2:1"),
        ("[[waivers]]\nrule = \"CA001\"\n", "missing field `reason`"),
        ("[[waivers]]\nrule = \"CA001\"\nreason = \"r\"\nexpires = \"next year\"\n", ":4:11"),
        ("policies = \"not-a-list\"\n", ":1:12"),
    ] {
        let config = dir.path().join("m365lint.toml");
        std::fs::write(&config, text).unwrap();
        let run = m365lint(&["check", "fixtures/tenants/contoso", "--config", config.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{text}");
        assert!(run.stderr.contains(expected), "{text}: expected {expected} in\n{}", run.stderr);
    }
}

#[test]
fn rules_are_selected_by_id_area_and_severity() {
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["check", "fixtures/tenants/contoso", "--format", "json"];
        all.extend(args);
        let report = json(&m365lint(&all));
        results(&report, 0).iter().map(|r| r["ruleId"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(ids(&["--select", "CA009,policy-disabled"]), ["CA009", "CA014"]);
    assert_eq!(ids(&["--select", "critical"]), ["CA001", "CA002", "DLP001", "ZT001"]);
    let all = ids(&[]);
    let without_info = ids(&["--ignore", "info"]);
    assert!(all.contains(&"CA014".to_owned()) && !without_info.contains(&"CA014".to_owned()));
    assert_eq!(
        ids(&["--select", "conditional_access", "--ignore", "CA001"]).first().map(String::as_str),
        Some("CA002")
    );
    let run = m365lint(&["check", "fixtures/tenants/contoso", "--select", "CA999"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("'CA999' is not a rule, an area or a severity"), "{}", run.stderr);
}

#[test]
fn a_tenant_directory_configuration_is_merged_over_the_run() {
    let report =
        json(&m365lint(&["check", "fixtures/tenants/contoso", "fixtures/tenants/northwind", "--format", "json"]));
    let tenants = report["tenants"].as_array().unwrap();
    assert_eq!(tenants[0]["name"], "contoso");
    assert_eq!(tenants[1]["name"], "northwind");
    let northwind: Vec<&str> = results(&report, 1).iter().map(|r| r["ruleId"].as_str().unwrap()).collect();
    assert!(!northwind.contains(&"CA014"), "northwind ignores info rules: {northwind:?}");
    let ca010 = |tenant: usize| {
        results(&report, tenant).iter().find(|r| r["ruleId"] == "CA010").unwrap()["findings"].as_array().unwrap().len()
    };
    assert_eq!((ca010(0), ca010(1)), (13, 2), "northwind's emergency-access accounts are approved there only");
    let ca009 = results(&report, 1).iter().find(|r| r["ruleId"] == "CA009").unwrap();
    assert_eq!(ca009["outcome"], "waived");
}

#[test]
fn a_broken_tenant_configuration_rejects_that_tenant_only() {
    let dir = tempfile::tempdir().unwrap();
    let tenant = dir.path().join("fabrikam");
    std::fs::create_dir(&tenant).unwrap();
    std::fs::copy("fixtures/rules/CA001/pass.json", tenant.join("ca.json")).unwrap();
    std::fs::write(tenant.join("m365lint.toml"), "[parameters]\nadmin_sign_in_frequency_hours = -1\n").unwrap();
    let run = m365lint(&["check", tenant.to_str().unwrap(), "fixtures/tenants/contoso", "--format", "json"]);
    assert_eq!(run.code, 2);
    let report = json(&run);
    let statuses: Vec<&str> =
        report["tenants"].as_array().unwrap().iter().map(|t| t["status"].as_str().unwrap()).collect();
    assert!(statuses.contains(&"rejected") && statuses.contains(&"assessed"), "{statuses:?}");
}

#[test]
fn init_writes_a_commented_template_with_every_default() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m365lint.toml");
    let path = path.to_str().unwrap();
    let run = m365lint(&["init", path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("admin_sign_in_frequency_hours = 4"));
    assert!(text.contains("# [[waivers]]"));
    insta::assert_snapshot!(text);
    let check = m365lint(&["check", "fixtures/tenants/contoso", "--config", path]);
    assert_eq!(check.code, 1, "the template is a valid configuration:\n{}", check.stderr);
    assert_eq!(m365lint(&["init", path]).code, 2, "an existing file is not overwritten");
    assert_eq!(m365lint(&["init", path, "--force"]).code, 0);
}

#[test]
fn custom_policies_run_beside_the_built_in_ones() {
    let run = m365lint(&[
        "check",
        "fixtures/tenants/contoso",
        "--policies",
        "fixtures/custom-policies/contoso",
        "--format",
        "json",
    ]);
    let report = json(&run);
    let custom = result(&report, "CONTOSO001");
    assert_eq!(custom["outcome"], "fail");
    assert_eq!(custom["findings"][0]["line"], 327);
    assert!(results(&report, 0).iter().any(|r| r["ruleId"] == "CA001"), "built-in rules still run");
    let tests = m365lint(&["test", "fixtures/custom-policies/contoso"]);
    assert_eq!(tests.code, 0, "{}", tests.stdout);
    assert!(tests.stdout.contains("4 tests: 4 passed"), "{}", tests.stdout);
}

#[test]
fn custom_policies_without_metadata_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mine.rego"),
        "package custom.mine\nimport rego.v1\ndeny contains \"x\" if { true }\n",
    )
    .unwrap();
    let run = m365lint(&["check", "fixtures/tenants/contoso", "--policies", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("m365lint::policy::missing_metadata"), "{}", run.stderr);
    assert!(run.stderr.contains("mine.rego"), "{}", run.stderr);
}

#[test]
fn a_baseline_fails_only_on_new_findings() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    let before = m365lint(&["check", "fixtures/tenants/contoso", "--format", "json"]);
    std::fs::write(&baseline, &before.stdout).unwrap();
    let same =
        m365lint(&["check", "fixtures/tenants/contoso", "--baseline", baseline.to_str().unwrap(), "--format", "json"]);
    assert_eq!(same.code, 0, "nothing new");
    let findings = &json(&same)["summary"]["findings"];
    assert!(findings["total"].as_u64().unwrap() > 10);
    assert_eq!(findings["inBaseline"], findings["total"], "every finding is in the baseline");
    assert_eq!(findings["new"], 0);

    // Another tenant directory with the same exports, one more exclusion, and lines moved.
    let tenant = dir.path().join("contoso");
    std::fs::create_dir(&tenant).unwrap();
    for entry in std::fs::read_dir("fixtures/tenants/contoso").unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, tenant.join(path.file_name().unwrap())).unwrap();
    }
    let text = std::fs::read_to_string("fixtures/tenants/contoso/conditional-access-policies.json").unwrap();
    let changed = text.replacen(
        "\"excludeGroups\": [\n                        \"4f6e1c2a-9b7d-4e3f-8a1b-2c3d4e5f6a7b\"",
        "\"excludeGroups\": [\n                        \"0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d\",\n                        \"4f6e1c2a-9b7d-4e3f-8a1b-2c3d4e5f6a7b\"",
        1,
    );
    assert_ne!(changed, text);
    std::fs::write(tenant.join("conditional-access-policies.json"), format!("\n\n{changed}")).unwrap();
    let after =
        m365lint(&["check", tenant.to_str().unwrap(), "--baseline", baseline.to_str().unwrap(), "--format", "json"]);
    assert_eq!(after.code, 1);
    let report = json(&after);
    assert_eq!(report["summary"]["findings"]["new"], 1, "only the new exclusion is new");
    assert_eq!(
        report["summary"]["findings"]["inBaseline"],
        json(&same)["summary"]["findings"]["total"],
        "every other finding of every export is matched across the moved lines"
    );
    let new: Vec<&serde_json::Value> = results(&report, 0)
        .iter()
        .flat_map(|r| r["findings"].as_array().unwrap())
        .filter(|f| f["inBaseline"] == false)
        .collect();
    assert!(new[0]["message"].as_str().unwrap().contains("0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d"));

    let bad = m365lint(&["check", "fixtures/tenants/contoso", "--baseline", "fixtures/rules/CA001/pass.json"]);
    assert_eq!(bad.code, 2, "a baseline must be an m365lint report");
}

#[test]
fn diff_lists_new_resolved_and_unchanged_findings() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.json");
    let old_report = m365lint(&["check", "fixtures/rules/CA010/fail.json", "--format", "json"]);
    let old_total = json(&old_report)["summary"]["findings"]["total"].as_u64().unwrap();
    std::fs::write(&old, old_report.stdout).unwrap();
    let run = m365lint(&["diff", old.to_str().unwrap(), "fixtures/rules/CA010/pass.json"]);
    assert_eq!(run.code, 0, "nothing new: {}", run.stdout);
    let old = old.to_str().unwrap().to_owned();
    assert!(run.stdout.contains("resolved (2):"), "{}", run.stdout);

    let run =
        m365lint(&["diff", "fixtures/rules/CA010/pass.json", "fixtures/rules/CA010/fail.json", "--format", "markdown"]);
    assert_eq!(run.code, 1, "new findings");
    insta::assert_snapshot!(run.stdout);
    let run = m365lint(&["diff", &old, "fixtures/rules/CA010/fail.json", "--format", "json"]);
    assert_eq!(run.code, 0);
    let diff = json(&run);
    assert_eq!(diff["summary"], serde_json::json!({"new": 0, "resolved": 0, "unchanged": old_total}));
    let broken = m365lint(&["diff", &old, "fixtures/broken/empty.json"]);
    assert_eq!(broken.code, 2, "a side that cannot be trusted stops the diff");
}
