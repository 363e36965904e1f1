//! DLP exports: Security & Compliance PowerShell (Windows PowerShell 5.1 and PowerShell 7, any
//! depth) and the S&C admin REST API, read into `dlp.policies` and `dlp.rules`.

mod ingest_support;

use ingest_support::{Place, describe, load, locate, pretty, rejected};
use m365lint::ingest::Tenant;
use serde_json::{Value, json};

/// Each fixture tenant's canonical document.
#[test]
fn normalized_documents() {
    for fixture in ["ps7", "ps51", "rest", "ps7-default-depth"] {
        let tenant = load(&format!("fixtures/ingest/dlp/{fixture}"));
        insta::assert_snapshot!(format!("document_{fixture}"), pretty(&tenant.document));
    }
}

/// A rule's name and the (name, form, group) of each type it detects.
type Detected = (String, Vec<(String, String, Value)>);

/// What every rule detects.
fn detected(tenant: &Tenant) -> Vec<Detected> {
    tenant.document["dlp"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|rule| {
            let types = rule["sensitiveInfoTypes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| {
                    (t["name"].as_str().unwrap().to_owned(), t["form"].as_str().unwrap().to_owned(), t["group"].clone())
                })
                .collect();
            (rule["name"].as_str().unwrap().to_owned(), types)
        })
        .collect()
}

fn named(rule: &str, types: &[(&str, &str, Value)]) -> Detected {
    (rule.to_owned(), types.iter().map(|(n, f, g)| (n.to_string(), f.to_string(), g.clone())).collect())
}

#[test]
fn the_three_forms_become_one_list() {
    let tenant = load("fixtures/ingest/dlp/ps7");
    assert_eq!(
        detected(&tenant),
        vec![
            named(
                "Finanzdaten blockieren",
                &[
                    ("U.S. Social Security Number (SSN)", "list", Value::Null),
                    ("U.S. Individual Taxpayer Identification Number (ITIN)", "list", Value::Null),
                    ("Credit Card Number", "list", Value::Null),
                ]
            ),
            named(
                "Données personnelles – groupes",
                &[
                    ("France National ID Card (CNI)", "grouped", json!("Identifiants")),
                    ("France Passport Number", "grouped", json!("Identifiants")),
                    ("International Banking Account Number (IBAN)", "grouped", json!("Données bancaires")),
                    ("Credit Card Number", "grouped", json!("Données bancaires")),
                ]
            ),
            // The `Not` branch (U.S. SSN) is an exception, not a detection.
            named(
                "Kundendaten – erweitert",
                &[
                    ("EU Debit Card Number", "advanced", json!("Ausweise")),
                    ("Germany Identity Card Number", "advanced", json!("Ausweise")),
                    ("Austria Social Security Number", "advanced", Value::Null),
                ]
            ),
            // ExceptIfContentContainsSensitiveInformation (U.S. SSN) is not read.
            named(
                "Finanzdaten – intern (deaktiviert)",
                &[("U.S. Bank Account Number", "list", Value::Null), ("ABA Routing Number", "list", Value::Null)]
            ),
            // One hashtable where the list belongs.
            named("Kreditkarten im Chat", &[("Credit Card Number", "list", Value::Null)]),
        ]
    );

    let rules = &tenant.document["dlp"]["rules"];
    assert_eq!(
        rules[0]["sensitiveInfoTypes"][2],
        json!({"name": "Credit Card Number", "id": "50842eb7-edc8-4019-85dd-5a5c1f2bb085", "minCount": 1,
               "maxCount": -1, "confidenceLevel": "High", "minConfidence": 85, "maxConfidence": 100,
               "classifierType": "Content", "group": null, "form": "list"})
    );
    assert_eq!(
        rules[1]["sensitiveInfoTypes"][1],
        json!({"name": "France Passport Number", "id": "3008b884-8c8c-4cd8-a289-99f34fc7ff5d", "minCount": 1,
               "maxCount": -1, "confidenceLevel": "Medium", "minConfidence": 75, "maxConfidence": 100,
               "classifierType": "Content", "group": "Identifiants", "form": "grouped"})
    );
    // Inside an advanced rule, numbers are numbers and the flat form keeps its text numbers.
    assert_eq!(
        rules[2]["sensitiveInfoTypes"][1],
        json!({"name": "Germany Identity Card Number", "id": "e577372f-c42e-47a0-9d85-bebed1c237d4", "minCount": 1,
               "maxCount": -1, "confidenceLevel": "Medium", "minConfidence": 75, "maxConfidence": 100,
               "group": "Ausweise", "form": "advanced"})
    );
    assert_eq!(
        rules[2]["sensitiveInfoTypes"][2],
        json!({"name": "Austria Social Security Number", "id": "6896a906-86c9-4d19-a2da-6e43ccd19b7b", "minCount": 2,
               "maxCount": -1, "confidenceLevel": "Medium", "minConfidence": 75, "maxConfidence": 100,
               "classifierType": "Content", "group": null, "form": "advanced"})
    );
}

#[test]
fn windows_powershell_and_rest_exports_read_the_same_way() {
    let ps51 = load("fixtures/ingest/dlp/ps51");
    assert_eq!(
        detected(&ps51),
        vec![
            named(
                "Datos bancarios y DNI",
                &[
                    ("Spain DNI", "list", Value::Null),
                    ("International Banking Account Number (IBAN)", "list", Value::Null),
                    ("Credit Card Number", "list", Value::Null),
                ]
            ),
            named(
                "Driver's licences",
                &[
                    ("Australia Driver's License Number", "grouped", json!("Default")),
                    ("U.S. Driver's License Number", "grouped", json!("Default")),
                ]
            ),
        ]
    );
    // Deep exports write locations as objects; the canonical document keeps their names.
    assert_eq!(
        ps51.document["dlp"]["policies"][0]["sharePointLocation"],
        json!([
            "https://contosopharma.sharepoint.com/sites/Finanzas",
            "https://contosopharma.sharepoint.com/sites/RecursosHumanos"
        ])
    );

    let rest = load("fixtures/ingest/dlp/rest");
    assert_eq!(
        detected(&rest),
        vec![
            named(
                "BSN en IBAN",
                &[
                    ("Netherlands Citizen's Service (BSN) Number", "list", Value::Null),
                    ("International Banking Account Number (IBAN)", "list", Value::Null),
                ]
            ),
            // A trainable classifier is named by its id.
            named(
                "Broncode naar buiten",
                &[
                    ("bffc22bc-8b61-42cf-ab69-e8fb6e812f44", "advanced", json!("Classifiers")),
                    ("International Banking Account Number (IBAN)", "advanced", json!("Bankgegevens")),
                ]
            ),
        ]
    );
    assert_eq!(rest.document["dlp"]["rules"][1]["sensitiveInfoTypes"][0]["classifierType"], "MLModel");
}

fn place(file: &str, pointer: &str, line: usize, column: usize, exact: bool, text: &str) -> Place {
    Place { file: file.into(), pointer: pointer.into(), line, column, exact, text: text.into() }
}

#[test]
fn sensitive_info_types_point_at_their_source() {
    let tenant = load("fixtures/ingest/dlp/ps7");
    let rules = "fixtures/ingest/dlp/ps7/rules.json";
    // Flat list: the item, then its members by their lower-case keys.
    assert_eq!(
        locate(&tenant, &["dlp", "rules", "0", "sensitiveInfoTypes", "1"]),
        place(rules, "/0/ContentContainsSensitiveInformation/1", 90, 7, true, "{")
    );
    assert_eq!(
        locate(&tenant, &["dlp", "rules", "0", "sensitiveInfoTypes", "1", "name"]),
        place(
            rules,
            "/0/ContentContainsSensitiveInformation/1/name",
            96,
            17,
            true,
            "\"U.S. Individual Taxpayer Identification Number (ITIN)\""
        )
    );
    assert_eq!(
        locate(&tenant, &["dlp", "rules", "0", "sensitiveInfoTypes", "1", "minCount"]),
        place(rules, "/0/ContentContainsSensitiveInformation/1/mincount", 97, 21, true, "\"1\"")
    );
    // Grouped form: inside its group.
    assert_eq!(
        locate(&tenant, &["dlp", "rules", "1", "sensitiveInfoTypes", "3", "name"]),
        place(
            rules,
            "/1/ContentContainsSensitiveInformation/0/groups/1/sensitivetypes/1/name",
            282,
            25,
            true,
            "\"Credit Card Number\""
        )
    );
    // Advanced rule: the AdvancedRule text holds them all.
    let advanced = locate(&tenant, &["dlp", "rules", "2", "sensitiveInfoTypes", "1", "name"]);
    assert_eq!(
        (advanced.pointer.as_str(), advanced.line, advanced.column, advanced.exact),
        ("/2/AdvancedRule", 410, 21, true)
    );
    assert!(advanced.text.starts_with("\"{\\r\\n  \\\"Version\\\": \\\"1.0\\\""), "{}", advanced.text);
    assert!(advanced.text.contains("Germany Identity Card Number"));
    // One object where the list belongs stands for its only item.
    assert_eq!(
        locate(&tenant, &["dlp", "rules", "4", "sensitiveInfoTypes", "0", "id"]),
        place(
            rules,
            "/4/ContentContainsSensitiveInformation/id",
            689,
            13,
            true,
            "\"50842eb7-edc8-4019-85dd-5a5c1f2bb085\""
        )
    );
    // The list itself, and the parsed AdvancedRule.
    assert_eq!(
        locate(&tenant, &["dlp", "rules", "3", "sensitiveInfoTypes"]),
        place(
            rules,
            "/3/ContentContainsSensitiveInformation",
            535,
            5,
            true,
            "\"ContentContainsSensitiveInformation\": ["
        )
    );
    assert_eq!(locate(&tenant, &["dlp", "rules", "0", "advancedRule", "Condition"]).pointer, "/0/AdvancedRule");
}

/// Every type of every fixture leads to text that names it.
#[test]
fn every_sensitive_info_type_is_located() {
    let mut checked = 0;
    for fixture in ["ps7", "ps51", "rest", "ps7-default-depth"] {
        let tenant = load(&format!("fixtures/ingest/dlp/{fixture}"));
        for (r, rule) in tenant.document["dlp"]["rules"].as_array().unwrap().iter().enumerate() {
            for (t, found) in rule["sensitiveInfoTypes"].as_array().unwrap().iter().enumerate() {
                let (r, t) = (r.to_string(), t.to_string());
                let at = locate(&tenant, &["dlp", "rules", &r, "sensitiveInfoTypes", &t, "name"]);
                let name = found["name"].as_str().unwrap();
                assert!(at.exact, "{fixture} rule {r} type {t}: {at:?}");
                if found["form"] == "advanced" {
                    assert!(at.pointer.ends_with("/AdvancedRule"), "{fixture} rule {r} type {t}: {at:?}");
                    let text: String = serde_json::from_str(&at.text).unwrap();
                    assert!(text.contains(&format!("\"{name}\"")), "{fixture} rule {r} type {t}");
                } else {
                    assert_eq!(serde_json::from_str::<String>(&at.text).unwrap(), name, "{fixture} rule {r} type {t}");
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, (3 + 4 + 3 + 2 + 1) + (3 + 2) + (2 + 2) + (3 + 4));
}

#[test]
fn a_truncated_condition_is_read_from_the_advanced_rule_with_a_warning() {
    let tenant = load("fixtures/ingest/dlp/ps7-default-depth");
    insta::assert_snapshot!(describe(&tenant.warnings));
    let full = load("fixtures/ingest/dlp/ps7");
    let types = |tenant: &Tenant, rule: usize| {
        tenant.document["dlp"]["rules"][rule]["sensitiveInfoTypes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| (t["name"].clone(), t["id"].clone(), t["minCount"].clone(), t["confidenceLevel"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(types(&tenant, 0), types(&full, 0));
    assert_eq!(types(&tenant, 1), types(&full, 1));
    assert!(
        tenant.document["dlp"]["rules"][1]["sensitiveInfoTypes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["form"] == "advanced")
    );
}

#[test]
fn rejected_exports() {
    for fixture in ["rules-select-object.json", "rule-advanced-rule-cut.json"] {
        let problems = rejected(&format!("fixtures/ingest/dlp/broken/{fixture}"));
        insta::assert_snapshot!(fixture, describe(&problems));
    }
}

#[test]
fn accepted_exports_have_no_warnings() {
    for fixture in ["ps7", "ps51", "rest"] {
        let tenant = load(&format!("fixtures/ingest/dlp/{fixture}"));
        assert!(tenant.warnings.is_empty(), "{fixture}:\n{}", describe(&tenant.warnings));
    }
}

/// A rule built in the advanced rule editor holds its `AccessScope` condition only in the
/// AdvancedRule: lifted to `accessScope` (located at the AdvancedRule text) when it applies to
/// the whole rule, never from under an `Or`, and never over the rule's own `AccessScope`.
#[test]
fn an_access_scope_only_in_the_advanced_rule_is_lifted_when_unambiguous() {
    let tenant = load("fixtures/ingest/dlp/advanced-access-scope");
    assert!(tenant.warnings.is_empty(), "{}", describe(&tenant.warnings));
    let scopes: Vec<(&str, &Value)> = tenant.document["dlp"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|rule| (rule["name"].as_str().unwrap(), &rule["accessScope"]))
        .collect();
    assert_eq!(
        scopes,
        [
            ("Extern – Bedingung nur in AdvancedRule", &json!("NotInOrganization")),
            ("Extern oder Partner – Oder-Bedingung", &Value::Null),
            ("Intern – eigene AccessScope", &json!("InOrganization")),
        ]
    );
    let rules = "fixtures/ingest/dlp/advanced-access-scope/rules.json";
    let lifted = locate(&tenant, &["dlp", "rules", "0", "accessScope"]);
    assert_eq!((lifted.file.as_str(), lifted.pointer.as_str(), lifted.exact), (rules, "/0/AdvancedRule", true));
    assert!(lifted.text.contains(r#"\"ConditionName\": \"AccessScope\""#), "{}", lifted.text);
    assert_eq!(locate(&tenant, &["dlp", "rules", "2", "accessScope"]).pointer, "/2/AccessScope");
}
