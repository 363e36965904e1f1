//! Fixture-driven tests through the real pipeline: ingest, engine, location, report.

mod common;

use common::{human, json, lint, lint_with, without_version};
use m365lint::model::{DataArea, Outcome};
use m365lint::registry::PolicySource;

#[test]
fn contoso_findings_as_json() {
    let report = lint(&["fixtures/tenants/contoso"], None);
    insta::assert_snapshot!(without_version(&json(&report)));
}

#[test]
fn contoso_findings_rendered() {
    let report = lint(&["fixtures/tenants/contoso"], None);
    insta::assert_snapshot!(human(&report));
}

/// Rules that cannot fail on Contoso because another rule fails there: each is the logical
/// opposite of a premise of rules that do fail. They must pass (not be not assessed).
const CONTOSO_PASSES: &[(&str, &str)] = &[
    // "No enforced policy has an enabled rule": DLP005, DLP006 and DLP007 each need an enabled
    // rule of an enforced policy to fail on.
    ("DLP001", "DLP005, DLP006 and DLP007 need an enabled rule of an enforced DLP policy"),
    // "No enabled label encrypts": ZT003 needs encryption in use, that is ENC004 passing or an
    // encrypting label; with ENC004 failing, the encrypting label is what ZT003 stands on.
    ("ENC007", "ZT003 needs an encrypting sensitivity label while ENC004 fails"),
];

/// Contoso is the whole-tenant sample with a planted problem for every rule: every rule fails
/// except those that logically cannot fail together with the others, no rule errors, and every
/// finding and near miss points at a line and column of one of the tenant's files.
#[test]
fn contoso_plants_a_problem_for_every_rule() {
    let report = lint(&["fixtures/tenants/contoso"], None);
    let tenant = &report.tenants[0];
    assert_eq!(tenant.results.len(), m365lint::registry::Catalog::load(&[]).unwrap().rules().len());
    let text = human(&report);
    for result in &tenant.results {
        let id = result.rule.id.as_str();
        match CONTOSO_PASSES.iter().find(|(rule, _)| *rule == id) {
            Some((_, why)) => assert_eq!(result.outcome, Outcome::Pass, "{id} must pass ({why}):\n{text}"),
            None => assert!(matches!(result.outcome, Outcome::Fail(_)), "{id}: {:?}\n{text}", result.outcome),
        }
    }
    for result in &tenant.results {
        for finding in result.outcome.findings() {
            let related = finding.related.iter().map(|evidence| evidence.location.as_ref());
            for location in std::iter::once(finding.location.as_ref()).chain(related) {
                let location =
                    location.unwrap_or_else(|| panic!("{}: '{}' has no location", result.rule.id, finding.message));
                assert!(
                    location.source.path.starts_with("fixtures/tenants/contoso/"),
                    "{}: {} is outside the tenant",
                    result.rule.id,
                    location.source.path
                );
                let (line, column) = location.source.line_column(location.offset);
                assert_eq!(
                    (line, column),
                    (location.line, location.column),
                    "{}: {}",
                    result.rule.id,
                    location.pointer
                );
                assert!(location.length > 0 && location.offset + location.length <= location.source.text.len());
            }
        }
    }
    // The areas are all there: nothing is left not assessed.
    assert_eq!(tenant.areas.len(), 4, "{:?}", tenant.areas);
}

#[test]
fn contoso_with_emergency_access_configured() {
    let report = lint(&["fixtures/tenants/contoso"], Some("fixtures/config/contoso.toml"));
    insta::assert_snapshot!(human(&report));
}

/// Fabrikam's hardened tenant exports all four areas, each from another producer than Contoso's:
/// Conditional Access as EntraExporter writes it (one policy per file); Intune through the Graph
/// PowerShell SDK in PowerShell 7 (`Get-MgBetaDeviceManagementDeviceCompliancePolicy -All
/// -ExpandProperty 'assignments','scheduledActionsForRule($expand=scheduledActionConfigurations)'`,
/// and the `Settings` of `Get-MgBetaDeviceManagement -Property settings`, each `| ConvertTo-Json
/// -Depth 10`); DLP and sensitivity labels through Security & Compliance PowerShell in Windows
/// PowerShell 5.1, written with `Out-File` (UTF-16LE); IRM, OME and transport rules through
/// Exchange Online PowerShell in Windows PowerShell 5.1, written with `Set-Content -Encoding
/// UTF8` (UTF-8 with a byte-order mark).
const HARDENED: &str = "fixtures/tenants/fabrikam-hardened";

#[test]
fn hardened_tenant_passes_every_rule() {
    let report = lint(&[HARDENED], Some("fixtures/config/fabrikam.toml"));
    assert_eq!(report.exit_code(m365lint::model::Severity::Info), 0, "{}", human(&report));
    let tenant = &report.tenants[0];
    assert!(tenant.problems.is_empty() && tenant.warnings.is_empty(), "{}", human(&report));
    // Every area is exported, so no rule is left unassessed for want of its data...
    assert_eq!(tenant.areas, DataArea::ALL, "{}", human(&report));
    // ...and every rule of the catalog runs and passes: none is not assessed, waived or failed.
    let catalog = m365lint::registry::Catalog::build(m365lint::registry::embedded_sources()).unwrap();
    let ran: Vec<&str> = tenant.results.iter().map(|result| result.rule.id.as_str()).collect();
    let catalog_ids: Vec<&str> = catalog.rules().iter().map(|rule| rule.id.as_str()).collect();
    assert_eq!(ran, catalog_ids);
    assert_eq!(ran.len(), 49);
    for result in &tenant.results {
        assert_eq!(result.outcome, Outcome::Pass, "{}:\n{}", result.rule.id, human(&report));
    }
    insta::assert_snapshot!(human(&report));
}

#[test]
fn hardened_tenant_as_json() {
    let report = lint(&[HARDENED], Some("fixtures/config/fabrikam.toml"));
    insta::assert_snapshot!(without_version(&json(&report)));
}

#[test]
fn crlf_and_non_ascii_spans() {
    let report = lint(&["fixtures/ingest/conditional_access/graph-bare-array-crlf.json"], None);
    insta::assert_snapshot!(human(&report));
}

#[test]
fn single_policy_file() {
    let report = lint(&["fixtures/ingest/conditional_access/graph-single-policy.json"], None);
    insta::assert_snapshot!(without_version(&json(&report)));
}

#[test]
fn empty_policy_list_fails_the_requirements() {
    let report = lint(&["fixtures/ingest/conditional_access/graph-empty-list.json"], None);
    insta::assert_snapshot!(human(&report));
}

#[test]
fn rejected_inputs_are_diagnosed() {
    for fixture in [
        "cut-off-download.json",
        "empty.json",
        "graph-first-page-only.json",
        "graph-users-list.json",
        "sdk-without-depth.json",
        "windows-1252.json",
    ] {
        let path = format!("fixtures/broken/{fixture}");
        let report = lint(&[&path], None);
        assert_eq!(report.exit_code(m365lint::model::Severity::Info), 2, "{fixture} must be rejected");
        assert!(report.tenants[0].results.is_empty(), "{fixture}: no rule may run on a rejected tenant");
        insta::assert_snapshot!(fixture, human(&report));
    }
}

/// Every finding and near miss points at text that really is the value at its JSON pointer.
#[test]
fn every_location_points_at_its_value() {
    let report = lint(
        &[
            "fixtures/tenants/contoso",
            "fixtures/ingest/conditional_access/graph-bare-array-crlf.json",
            "fixtures/ingest/conditional_access/graph-single-policy.json",
        ],
        None,
    );
    let mut checked = 0;
    for tenant in &report.tenants {
        for result in &tenant.results {
            let Outcome::Fail(findings) = &result.outcome else {
                continue;
            };
            for finding in findings {
                let locations =
                    finding.location.iter().chain(finding.related.iter().filter_map(|r| r.location.as_ref()));
                for location in locations {
                    let text = &location.source.text;
                    let document: serde_json::Value = serde_json::from_str(text).unwrap();
                    let value = document
                        .pointer(&location.pointer)
                        .unwrap_or_else(|| panic!("{} not in {}", location.pointer, location.source.path));
                    let at = &text[location.offset..location.offset + location.length];
                    match value {
                        serde_json::Value::Array(_) | serde_json::Value::Object(_) => {
                            let key = location.pointer.rsplit('/').next().unwrap();
                            assert!(
                                at.starts_with(&format!("\"{key}\"")) || at.starts_with('[') || at.starts_with('{'),
                                "{at:?} at {}",
                                location.pointer
                            );
                        }
                        scalar => assert_eq!(
                            serde_json::from_str::<serde_json::Value>(at).unwrap(),
                            *scalar,
                            "at {}",
                            location.pointer
                        ),
                    }
                    let (line, column) = location.source.line_column(location.offset);
                    assert_eq!((line, column), (location.line, location.column));
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 30, "only {checked} locations checked");
}

#[test]
fn a_policy_that_fails_to_evaluate_is_an_error_and_exit_2() {
    let broken = PolicySource::new(
        "custom/broken_rule.rego".into(),
        r#"# METADATA
# title: Broken rule
# description: Counts something that is not a collection.
# custom:
#   id: TEST001
#   name: broken-rule
#   severity: high
#   area: conditional_access
#   requires: [conditional_access]
#   rationale: A test of error handling.
#   remediation: None.
package custom.broken_rule

import rego.v1

deny contains {"path": [], "message": "boom"} if {
	print("evaluating the broken rule")
	count(input.tenant.id) > 0
}
"#,
        false,
    );
    let report = lint_with(&["fixtures/tenants/contoso"], None, vec![broken]);
    let result = report.tenants[0].results.iter().find(|r| r.rule.id.as_str() == "TEST001").unwrap();
    let Outcome::Error { message } = &result.outcome else { panic!("expected an error, got {:?}", result.outcome) };
    assert!(message.contains("custom/broken_rule.rego:"), "{message}");
    assert!(message.contains("count"), "{message}");
    assert_eq!(result.prints.len(), 1, "print output is gathered: {:?}", result.prints);
    assert!(result.prints[0].contains("evaluating the broken rule"));
    assert_eq!(report.exit_code(m365lint::model::Severity::Critical), 2);
    let text = human(&report);
    assert!(text.contains("TEST001 broken-rule") && text.contains("rule failed to evaluate"), "{text}");
}

#[test]
fn rules_whose_area_is_missing_are_not_assessed() {
    use m365lint::config::Parameters;
    use m365lint::engine::PolicyEngine;
    use m365lint::ingest::Tenant;
    use m365lint::registry::Catalog;

    let catalog = Catalog::load(&[]).unwrap();
    let engine = PolicyEngine::load(&catalog, &Parameters::default().to_data()).unwrap();
    let tenant = Tenant {
        name: "no-exports".into(),
        path: "no-exports".into(),
        sources: Vec::new(),
        document: serde_json::json!({
            "tenant": {"name": "no-exports", "id": null},
            "areas": {"conditional_access": false, "intune": false, "dlp": false, "encryption": false},
        }),
        provenance: Default::default(),
        areas: Vec::new(),
        warnings: Vec::new(),
    };
    let results = m365lint::lint::evaluate(&tenant, catalog.rules(), &engine);
    assert_eq!(results.len(), catalog.rules().len());
    for result in &results {
        assert_eq!(
            result.outcome,
            Outcome::NotAssessed { missing: result.rule.requires.clone(), reasons: Vec::new() },
            "{} must not pass without its exports",
            result.rule.id
        );
    }
}

/// A custom policy evaluated with its area's rules: its `not_assessed` reasons count only when
/// it has no finding, whether its `deny` is an empty set or, as a complete rule, undefined.
#[test]
fn not_assessed_reasons_count_only_without_findings() {
    let policy = |id: &str, package: &str, deny: &str| {
        PolicySource::new(
            format!("custom/{package}.rego"),
            format!(
                "# METADATA\n# title: Custom {id}\n# description: A test policy.\n# custom:\n#   id: {id}\n\
                 #   name: custom-{package}\n#   severity: low\n#   area: conditional_access\n\
                 #   requires: [conditional_access]\n#   rationale: A test.\n#   remediation: None.\n\
                 package custom.{package}\n\nimport rego.v1\n\n{deny}\n\n\
                 not_assessed contains \"cannot tell\" if count(input.conditional_access.policies) > 0\n"
            ),
            false,
        )
    };
    let fires = policy(
        "TEST101",
        "fires",
        "deny contains {\"path\": [\"conditional_access\", \"policies\"], \"message\": \"found\"} if true",
    );
    let empty = policy("TEST102", "empty", "deny contains {\"path\": [], \"message\": \"never\"} if false");
    let undefined = policy("TEST103", "undefined", "deny := {{\"path\": [], \"message\": \"never\"}} if false");
    let report = lint_with(&["fixtures/tenants/contoso"], None, vec![fires, empty, undefined]);
    let outcome = |id: &str| &report.tenants[0].results.iter().find(|r| r.rule.id.as_str() == id).unwrap().outcome;
    assert!(matches!(outcome("TEST101"), Outcome::Fail(findings) if findings.len() == 1), "{:?}", outcome("TEST101"));
    let not_assessed = Outcome::NotAssessed { missing: Vec::new(), reasons: vec!["cannot tell".to_owned()] };
    assert_eq!(outcome("TEST102"), &not_assessed);
    assert_eq!(outcome("TEST103"), &not_assessed);
}

/// In one query per tenant (a batch), a policy that fails or prints is still reported on its
/// own rule, and every other rule keeps the result it has when areas are evaluated apart.
#[test]
fn one_query_per_tenant_attributes_errors_and_prints_to_their_rules() {
    use m365lint::config::{Config, Overrides};
    use m365lint::engine::{PolicyEngine, Queries};
    use m365lint::registry::{Catalog, embedded_sources};

    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).unwrap();
    let custom = |id: &str, package: &str, area: &str, body: &str| {
        PolicySource::new(
            format!("custom/{package}.rego"),
            format!(
                "# METADATA\n# title: Custom {id}\n# description: A test policy.\n# custom:\n#   id: {id}\n\
                 #   name: custom-{package}\n#   severity: low\n#   area: {area}\n#   requires: [{area}]\n\
                 #   rationale: A test.\n#   remediation: None.\npackage custom.{package}\n\nimport rego.v1\n\n\
                 deny contains {{\"path\": [], \"message\": \"found\"}} if {{\n{body}\n}}\n"
            ),
            false,
        )
    };
    let mut sources = embedded_sources();
    sources.push(custom("TEST201", "fails", "conditional_access", "\tcount(input.tenant.id) > 0"));
    sources.push(custom("TEST202", "prints", "dlp", "\tprint(\"looking at DLP\")\n\tfalse"));
    let catalog = Catalog::build(sources).unwrap();
    let config = Config::default();
    let overrides = Overrides::default();
    let settings = config.settings(&catalog, &overrides).unwrap();
    let engine = PolicyEngine::load(&catalog, &settings.parameters.to_data()).unwrap();
    for path in ["fixtures/tenants/contoso", "fixtures/tenants/northwind"] {
        let tenant = m365lint::ingest::load_tenant(std::path::Path::new(path)).unwrap();
        let per_area = m365lint::lint::evaluate_by(&tenant, &settings.rules, &engine, Queries::PerArea);
        let one_query = m365lint::lint::evaluate_by(&tenant, &settings.rules, &engine, Queries::PerTenant);
        assert!(per_area == one_query, "{path}: the results differ");
        let result = |id: &str| one_query.iter().find(|r| r.rule.id.as_str() == id).unwrap();
        let Outcome::Error { message } = &result("TEST201").outcome else {
            panic!("{path}: expected an error, got {:?}", result("TEST201").outcome)
        };
        assert!(message.contains("custom/fails.rego:"), "{message}");
        if path.ends_with("contoso") {
            assert_eq!(result("TEST202").outcome, Outcome::Pass);
            assert_eq!(result("TEST202").prints.len(), 1, "{:?}", result("TEST202").prints);
            assert!(result("TEST202").prints[0].contains("looking at DLP"));
        }
    }
}
