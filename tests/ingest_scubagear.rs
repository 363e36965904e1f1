//! ScubaGear's `ProviderSettingsExport.json` (1.1 to 1.8): Conditional Access, DLP and
//! transport rules read from one wrapper, collections ScubaGear failed to collect left out,
//! and the tenant's identity taken from `tenant_details`.

mod common;
mod ingest_support;

use ingest_support::{Place, describe, load, locate, pretty, rejected};
use m365lint::model::{DataArea, Outcome, RuleArea};
use serde_json::{Value, json};

const VERSIONS: [&str; 3] = ["1.8.0", "1.3.0", "1.1.0"];

fn export(version: &str) -> String {
    format!("fixtures/ingest/scubagear/{version}/ProviderSettingsExport.json")
}

/// The canonical document without the transport rules, whose canonical shape the encryption
/// area owns (they are checked in `transport_rules_are_routed_to_encryption`).
fn without_encryption(document: &Value) -> Value {
    let mut document = document.clone();
    document.as_object_mut().unwrap().remove("encryption");
    document
}

#[test]
fn normalized_documents() {
    for version in VERSIONS {
        let tenant = load(&export(version));
        insta::assert_snapshot!(format!("document_{version}"), pretty(&without_encryption(&tenant.document)));
        insta::assert_snapshot!(format!("warnings_{version}"), describe(&tenant.warnings));
    }
}

#[test]
fn the_tenant_is_named_by_tenant_details() {
    for version in VERSIONS {
        let tenant = load(&export(version));
        assert_eq!(
            tenant.document["tenant"],
            json!({"name": "Northwind Traders Österreich GmbH", "id": "87b8ddc9-db47-4c00-bb93-6596a3c436ac"}),
            "{version}"
        );
        assert_eq!(tenant.name, "ProviderSettingsExport", "the report still names the tenant by its path");
    }
    let tenant = load(&export("1.8.0"));
    assert_eq!(
        locate(&tenant, &["tenant", "id"]),
        Place {
            file: export("1.8.0"),
            pointer: "/tenant_details/0/TenantId".into(),
            line: 33,
            column: 45,
            exact: true,
            text: "\"87b8ddc9-db47-4c00-bb93-6596a3c436ac\"".into(),
        }
    );
}

#[test]
fn every_version_reads_the_same_policies_and_rules() {
    let names = |document: &Value, area: &str, collection: &str, field: &str| -> Vec<String> {
        document[area][collection].as_array().unwrap().iter().map(|o| o[field].as_str().unwrap().to_owned()).collect()
    };
    let current = load(&export("1.8.0")).document;
    for version in ["1.3.0", "1.1.0"] {
        let old = load(&export(version)).document;
        assert_eq!(old["areas"], json!({"conditional_access": true, "intune": false, "dlp": true, "encryption": true}));
        assert_eq!(
            names(&old, "conditional_access", "policies", "displayName"),
            names(&current, "conditional_access", "policies", "displayName")[..2]
        );
        assert_eq!(names(&old, "dlp", "policies", "name"), names(&current, "dlp", "policies", "name"));
        assert_eq!(
            names(&old, "dlp", "rules", "name"),
            ["Basisregel SSN, ITIN, Kreditkarten", "Finanzdaten nach außen"]
        );
        // The same rules detect the same types, whatever the version did to the text.
        for (old_rule, current_rule) in [(0, 0), (1, 2)] {
            assert_eq!(
                old["dlp"]["rules"][old_rule]["sensitiveInfoTypes"],
                current["dlp"]["rules"][current_rule]["sensitiveInfoTypes"],
                "{version} rule {old_rule}"
            );
            assert_eq!(
                old["dlp"]["rules"][old_rule]["advancedRule"], current["dlp"]["rules"][current_rule]["advancedRule"],
                "{version} rule {old_rule}: the repaired AdvancedRule is the original document"
            );
        }
    }
}

#[test]
fn scubagear_1_1_mangled_advanced_rules_are_repaired_with_a_warning() {
    let tenant = load(&export("1.1.0"));
    let mangled: Vec<_> = tenant.warnings.iter().filter(|w| w.code == "m365lint::ingest::mangled_json").collect();
    assert_eq!(mangled.len(), 2, "{}", describe(&tenant.warnings));
    let at: Vec<(String, usize)> = mangled
        .iter()
        .map(|w| (w.location.as_ref().unwrap().pointer.clone(), w.location.as_ref().unwrap().line))
        .collect();
    assert_eq!(
        at,
        [
            ("/dlp_compliance_rules/0/AdvancedRule".to_owned(), 791),
            ("/dlp_compliance_rules/1/AdvancedRule".to_owned(), 987)
        ]
    );
    assert_eq!(
        mangled[1].message,
        "AdvancedRule is not JSON: ScubaGear 1.1 or earlier replaced its double quotes with single quotes and deleted its backslashes. m365lint repaired it and recovered its structure and the 2 sensitive information types it names (names, ids, counts, confidence), and restored the characters PowerShell had escaped (' < > &). Not recoverable: double quotes and backslashes inside text values (e.g. regular expressions or keyword lists in other conditions), and line breaks inside text values, which read as `rn`"
    );
    // A type read from the repaired text points at it.
    let place = locate(&tenant, &["dlp", "rules", "1", "sensitiveInfoTypes", "0"]);
    assert_eq!((place.pointer.as_str(), place.line, place.column), ("/dlp_compliance_rules/1/AdvancedRule", 987, 26));
    assert!(place.text.starts_with("\"{rn  'Version': '1.0',rn"), "{}", place.text);
}

#[test]
fn a_grouped_condition_cut_by_depth_3_is_read_from_the_advanced_rule() {
    let tenant = load(&export("1.8.0"));
    let rule = &tenant.document["dlp"]["rules"][1];
    assert_eq!(rule["name"], "Bankdaten gruppiert");
    assert_eq!(
        rule["sensitiveInfoTypes"],
        json!([
            {"name": "International Banking Account Number (IBAN)", "id": "e7dc4711-11b7-4cb0-b88b-2c394a771f0e",
             "minCount": 1, "maxCount": -1, "confidenceLevel": "High", "minConfidence": 85, "maxConfidence": 100,
             "group": "Bankdaten", "form": "advanced"},
            {"name": "EU Debit Card Number", "id": "0e9b3178-9678-47dd-a509-37222ca96b42",
             "minCount": 1, "maxCount": -1, "confidenceLevel": "Medium", "minConfidence": 75, "maxConfidence": 100,
             "group": "Bankdaten", "form": "advanced"}
        ])
    );
}

#[test]
fn transport_rules_are_routed_to_encryption() {
    let tenant = load(&export("1.8.0"));
    let rules = tenant.document["encryption"]["transport_rules"].as_array().unwrap();
    let names: Vec<&str> = rules.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Verschlüsselung – externe Empfänger", "Alt: OME entfernen"]);
    assert_eq!(rules[0]["applyRightsProtectionTemplate"], "Encrypt");
    assert_eq!(rules[1]["removeOMEv2"], true);
    assert_eq!(locate(&tenant, &["encryption", "transport_rules", "1"]).pointer, "/transport_rule/1");
    assert_eq!(locate(&tenant, &["encryption", "transport_rules"]).pointer, "/transport_rule");
    assert_eq!(locate(&tenant, &["conditional_access", "policies"]).pointer, "/conditional_access_policies");
    assert_eq!(locate(&tenant, &["dlp", "rules"]).pointer, "/dlp_compliance_rules");
    assert_eq!(locate(&tenant, &["dlp", "policies", "1", "mode"]).pointer, "/dlp_compliance_policies/1/Mode");
}

/// ScubaGear writes `[]` for what it failed to read: those collections are left out, with a
/// warning, so their area is not assessed rather than assessed as empty.
#[test]
fn what_scubagear_did_not_collect_is_not_assessed() {
    let unlicensed = load("fixtures/ingest/scubagear/not-collected/dlp-unlicensed-1.6.0.json");
    assert_eq!(unlicensed.areas, [DataArea::ConditionalAccess]);
    assert!(unlicensed.document.get("dlp").is_none() && unlicensed.document.get("encryption").is_none());
    insta::assert_snapshot!("document_dlp-unlicensed-1.6.0", pretty(&unlicensed.document));
    insta::assert_snapshot!("warnings_dlp-unlicensed-1.6.0", describe(&unlicensed.warnings));

    let failed = load("fixtures/ingest/scubagear/not-collected/providers-failed-1.8.0.json");
    assert_eq!(failed.areas, []);
    assert_eq!(
        failed.document,
        json!({
            "tenant": {"name": "Northwind Traders Österreich GmbH", "id": null},
            "areas": {"conditional_access": false, "intune": false, "dlp": false, "encryption": false}
        })
    );
    insta::assert_snapshot!("warnings_providers-failed-1.8.0", describe(&failed.warnings));
}

#[test]
fn two_tenants_in_one_path_are_rejected() {
    insta::assert_snapshot!(describe(&rejected("fixtures/ingest/scubagear/two-tenants")));
}

#[test]
fn the_tenant_of_a_directory_comes_from_its_scubagear_export() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join(export("1.8.0")), dir.path().join("ProviderSettingsExport.json")).unwrap();
    std::fs::copy(
        root.join("fixtures/ingest/conditional_access/graph-single-policy.json"),
        dir.path().join("extra-policy.json"),
    )
    .unwrap();
    let tenant = m365lint::ingest::load_tenant(dir.path()).unwrap();
    assert_eq!(
        tenant.document["tenant"],
        json!({"name": "Northwind Traders Österreich GmbH", "id": "87b8ddc9-db47-4c00-bb93-6596a3c436ac"})
    );
    assert_eq!(tenant.document["conditional_access"]["policies"].as_array().unwrap().len(), 5);
}

/// `m365lint check` on a ScubaGear export lints its Conditional Access policies, and every
/// finding points at text in the export.
#[test]
fn conditional_access_rules_run_on_a_scubagear_export() {
    let report = common::lint(&[&export("1.8.0")], None);
    let tenant = &report.tenants[0];
    assert!(tenant.problems.is_empty());
    let ca_rules: Vec<_> = tenant.results.iter().filter(|r| r.rule.area == RuleArea::ConditionalAccess).collect();
    assert!(!ca_rules.is_empty());
    let mut located = 0;
    for result in ca_rules {
        assert!(
            !matches!(result.outcome, Outcome::NotAssessed { .. } | Outcome::Error { .. }),
            "{}: {:?}",
            result.rule.id,
            result.outcome
        );
        let Outcome::Fail(findings) = &result.outcome else { continue };
        for finding in findings {
            let locations = finding.location.iter().chain(finding.related.iter().filter_map(|r| r.location.as_ref()));
            for location in locations {
                assert!(location.pointer.starts_with("/conditional_access_policies"), "{}", location.pointer);
                let document: Value = serde_json::from_str(&location.source.text).unwrap();
                let value = document.pointer(&location.pointer).unwrap();
                let text = &location.source.text[location.offset..location.offset + location.length];
                match value {
                    Value::Array(_) | Value::Object(_) => {
                        let key = location.pointer.rsplit('/').next().unwrap();
                        assert!(text.starts_with(&format!("\"{key}\"")) || text.starts_with('{'), "{text:?}");
                    }
                    scalar => assert_eq!(&serde_json::from_str::<Value>(text).unwrap(), scalar),
                }
                located += 1;
            }
        }
    }
    assert!(located > 0, "no finding was located in the ScubaGear export");
}
