//! The conventions every built-in rule follows, checked rather than hoped for: unique ids and
//! names, a file and package named after the rule, complete METADATA, unit tests and fixtures
//! beside it, and documentation generated from it.

mod common;

use std::path::Path;

use m365lint::lint::lint_example;
use m365lint::model::Outcome;
use m365lint::registry::{Catalog, PolicyKind, embedded_sources, examples, pages};

fn builtin() -> Catalog {
    Catalog::load(&[]).expect("the built-in catalog loads")
}

#[test]
fn files_and_packages_are_named_after_the_rule() {
    for rule in builtin().rules() {
        let area = rule.area.key();
        let snake = rule.name.snake_case();
        assert_eq!(rule.source, format!("policies/{area}/{snake}.rego"), "{}", rule.id);
        assert_eq!(rule.package, format!("m365lint.{area}.{snake}"), "{}", rule.id);
    }
}

#[test]
fn ids_follow_the_area_prefix_and_are_unique() {
    let catalog = builtin();
    let prefix = |area: &str| match area {
        "conditional_access" => "CA",
        "intune" => "DEV",
        "dlp" => "DLP",
        "encryption" => "ENC",
        "zero_trust" => "ZT",
        other => panic!("unknown area {other}"),
    };
    let mut ids: Vec<&str> = Vec::new();
    for rule in catalog.rules() {
        let id = rule.id.as_str();
        let expected = prefix(rule.area.key());
        assert!(
            id.starts_with(expected)
                && id[expected.len()..].len() == 3
                && id[expected.len()..].bytes().all(|b| b.is_ascii_digit()),
            "{id} should be {expected} followed by three digits"
        );
        assert!(!ids.contains(&id), "{id} twice");
        ids.push(id);
    }
}

#[test]
fn metadata_is_complete() {
    for rule in builtin().rules() {
        let id = &rule.id;
        assert!(rule.title.len() > 10 && !rule.title.ends_with('.'), "{id}: a title, without a full stop");
        assert!(rule.description.len() > 40, "{id}: the description says exactly what is checked");
        assert!(rule.rationale.len() > 40, "{id}: the rationale says why it matters");
        assert!(rule.remediation.len() > 40, "{id}: the remediation says how to fix it");
        assert!(!rule.related_resources.is_empty(), "{id}: link the Microsoft documentation");
        for resource in &rule.related_resources {
            assert!(resource.reference.starts_with("https://"), "{id}: {}", resource.reference);
        }
        for reference in &rule.references {
            assert!(
                ["SCuBA", "CIS", "ZTA", "Workshop"].contains(&reference.framework.as_str()),
                "{id}: unknown framework {}",
                reference.framework
            );
        }
        assert!(rule.builtin);
    }
}

#[test]
fn every_rule_has_fixtures_and_tests_beside_it() {
    let sources = embedded_sources();
    for rule in builtin().rules() {
        let tests = rule.source.replace(".rego", "_test.rego");
        assert!(sources.iter().any(|s| s.path == tests && s.kind == PolicyKind::Test), "{}: no {tests}", rule.id);
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules").join(rule.id.as_str());
        assert!(fixtures.is_dir(), "{}: no fixtures/rules/{}", rule.id, rule.id);
    }
}

#[test]
fn the_rule_reference_is_generated_from_metadata() {
    let on_disk =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md")).unwrap_or_default();
    assert!(
        on_disk == pages::markdown(builtin().rules()),
        "docs/rules.md is stale: regenerate it with `cargo run -- policies --format markdown > docs/rules.md`"
    );
}

#[test]
fn policies_lists_every_rule() {
    let run = common::m365lint(&["policies"]);
    assert_eq!(run.code, 0);
    for rule in builtin().rules() {
        let listed =
            run.stdout.lines().any(|line| line.split_whitespace().take(2).eq([rule.id.as_str(), rule.name.as_str()]));
        assert!(listed, "{} missing:\n{}", rule.id, run.stdout);
    }
    let json: serde_json::Value =
        serde_json::from_str(&common::m365lint(&["policies", "--format", "json"]).stdout).unwrap();
    let first = &json[0];
    assert_eq!(first["id"], "CA001");
    assert_eq!(first["references"][0], serde_json::json!({"framework": "SCuBA", "id": "MS.AAD.1.1v1"}));
    let custom = common::m365lint(&["policies", "--policies", "fixtures/custom-policies/contoso"]);
    assert!(custom.stdout.contains("CONTOSO001  policy-name-off-convention"));
}

#[test]
fn explain_prints_a_rules_page_by_id_or_name() {
    let by_id = common::m365lint(&["explain", "CA001"]);
    assert_eq!(by_id.code, 0);
    let by_name = common::m365lint(&["explain", "Legacy-Authentication-Allowed"]);
    assert_eq!(by_id.stdout, by_name.stdout);
    insta::assert_snapshot!(by_id.stdout);
    let unknown = common::m365lint(&["explain", "CA999"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("there is no rule 'CA999'"));
}

/// A cross-area rule's page: its failing example holds exports of both areas.
#[test]
fn explain_shows_a_cross_area_rules_failing_example() {
    let run = common::m365lint(&["explain", "ZT001"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

/// Every built-in rule's page ends with its failing example: the embedded fixture, linted in
/// memory with the rule alone, fails with located findings, drawn as `check` draws them.
#[test]
fn every_builtin_rule_explains_itself_with_a_failing_example() {
    let catalog = builtin();
    for rule in catalog.rules() {
        let id = rule.id.as_str();
        let example = examples::example(id).unwrap_or_else(|| panic!("{id}: no embedded failing example"));
        let report = lint_example(&catalog, rule, example).unwrap_or_else(|problems| panic!("{id}: {problems:?}"));
        let results = &report.tenants[0].results;
        assert_eq!(results.len(), 1, "{id}: the example runs the rule alone");
        let Outcome::Fail(findings) = &results[0].outcome else {
            panic!("{id}: the example does not fail: {:?}", results[0].outcome);
        };
        assert!(!findings.is_empty() && findings.iter().all(|f| f.location.is_some()), "{id}: {findings:?}");

        let run = common::m365lint(&["explain", id]);
        assert_eq!(run.code, 0, "{id}: {}", run.stderr);
        let (_, section) = run
            .stdout
            .split_once("\nFailing example\n")
            .unwrap_or_else(|| panic!("{id}: no failing example:\n{}", run.stdout));
        assert!(section.contains(example.path), "{id}: {section}");
        let drawn = section.matches(&format!("{id} {}", rule.name)).count();
        assert_eq!(drawn, findings.len(), "{id}: every finding is drawn once:\n{section}");
    }
}

/// A custom policy has no embedded example: its page simply ends without one.
#[test]
fn a_custom_policys_page_has_no_failing_example() {
    let run = common::m365lint(&["explain", "CONTOSO001", "--policies", "fixtures/custom-policies/contoso"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("CONTOSO001 policy-name-off-convention"), "{}", run.stdout);
    assert!(!run.stdout.contains("Failing example"), "{}", run.stdout);
}

/// The ids, names, severities and areas of the catalog are a product contract (users put them
/// in waivers and CI gates): the built-in rules are exactly the catalog's rule table, kept in
/// tests/data/catalog.tsv.
#[test]
fn the_builtin_rules_are_exactly_the_catalog() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/catalog.tsv");
    let table = std::fs::read_to_string(&path).expect("tests/data/catalog.tsv is readable");
    let mut rows = table.lines().filter(|line| !line.starts_with('#') && !line.trim().is_empty());
    assert_eq!(rows.next(), Some("id\tname\tseverity\tarea"), "the header row");
    let expected: Vec<String> = rows.map(str::to_owned).collect();
    assert_eq!(expected.len(), 49, "the catalog has 49 rules");
    let actual: Vec<String> = builtin()
        .rules()
        .iter()
        .map(|rule| format!("{}\t{}\t{}\t{}", rule.id, rule.name, rule.severity, rule.area.key()))
        .collect();
    let missing: Vec<&String> = expected.iter().filter(|row| !actual.contains(row)).collect();
    let extra: Vec<&String> = actual.iter().filter(|row| !expected.contains(row)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "catalog rows missing: {missing:#?}\nnot in the catalog: {extra:#?}"
    );
    assert_eq!(actual.len(), expected.len(), "a rule listed twice");
}
