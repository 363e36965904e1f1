//! Microsoft365DSC JSON reports (fixtures/ingest/m365dsc): the canonical document built from
//! the flattened resources, where every canonical value points back to (provenance), what is
//! skipped or warned about, and the Conditional Access rules run on a whole-tenant report.

mod common;
mod ingest_support;

use common::{human, lint};
use ingest_support::{Place, codes, load, locate_path, pretty, value};
use m365lint::model::{Outcome, Severity};
use serde_json::{Value, json};

const WOODGROVE: &str = "fixtures/ingest/m365dsc/woodgrove-tenant-report.json";
const WINDOWS_POWERSHELL: &str = "fixtures/ingest/m365dsc/windows-powershell-report.json";

fn spot(file: &str, line: usize, column: usize, text: &str, pointer: &str) -> Place {
    Place { file: file.to_owned(), line, column, text: text.to_owned(), pointer: pointer.to_owned(), exact: true }
}

fn names<'t>(list: &'t Value, key: &str) -> Vec<&'t str> {
    list.as_array().unwrap().iter().map(|item| item[key].as_str().unwrap()).collect()
}

#[test]
fn whole_tenant_report_is_normalized() {
    let tenant = load(WOODGROVE);
    insta::assert_snapshot!("woodgrove-tenant-report", pretty(&tenant.document));
    assert_eq!(
        value(&tenant, "areas"),
        &json!({"conditional_access": true, "intune": true, "dlp": true, "encryption": true})
    );
    // Resources m365lint does not lint (named locations, groups, Teams, accepted domains) are
    // skipped; the one declared Absent is skipped with a warning.
    assert_eq!(
        names(value(&tenant, "conditional_access.policies"), "displayName"),
        vec![
            "CA001 – Block legacy authentication",
            "CA002 – Require MFA for all users",
            "CA003 – Phishing-resistant MFA for administrators",
            "CA004 – Remediate high user risk",
            "CA005 – Admin sign-in frequency",
            "CA006 – Block device code flow",
            "CA007 – Guests require MFA outside Zürich",
            "CA008 – Security info registration from trusted locations",
        ]
    );
    let warnings: Vec<(&str, &str, usize)> = tenant
        .warnings
        .iter()
        .map(|w| (w.code.as_str(), w.message.as_str(), w.location.as_ref().unwrap().line))
        .collect();
    assert_eq!(
        warnings,
        vec![
            (
                "m365lint::ingest::unknown_role_name",
                "'Woodgrove Tier-0 Operators' is not a built-in directory role m365lint knows by name; it is kept as the name",
                304
            ),
            (
                "m365lint::ingest::absent_resource",
                "AADConditionalAccessPolicy 'AADConditionalAccessPolicy-CA099 – Pilot MFA (retired)' declares Ensure = 'Absent': skipped, it is not part of the configuration",
                508
            ),
        ]
    );
}

#[test]
fn conditional_access_parameters_become_the_nested_graph_policy() {
    let tenant = load(WOODGROVE);
    // Role display names become role template ids; an unknown name stays a name.
    assert_eq!(
        value(&tenant, "conditional_access.policies[2].conditions.users.includeRoles"),
        &json!([
            "62e90394-69f5-4237-9190-012177145e10",
            "e8611ab8-c189-46e8-94e1-60213ab1f814",
            "194ae4cb-b126-40b2-bd5b-6091b380977d",
            "29232cdf-9323-42fd-ade2-1d097af3e4de",
            "f28a1f50-f6e7-4571-818b-6a12f2af6b6c",
            "fe930be7-5e62-47db-91af-98c3a49a38b1",
            "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2",
            "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
            "158c047a-c907-4556-b7ef-446551a6b5f7",
            "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9",
            "c4e39bd9-1100-46d3-8c65-fb160da0071f",
            "7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
            "b0f54661-2d74-4c50-afa3-1ec803f12efe",
            "729827e3-9c14-49f7-bb1b-9608f156bbb8"
        ])
    );
    assert_eq!(
        value(&tenant, "conditional_access.policies[4].conditions.users.includeRoles"),
        &json!([
            "62e90394-69f5-4237-9190-012177145e10",
            "e8611ab8-c189-46e8-94e1-60213ab1f814",
            "Woodgrove Tier-0 Operators"
        ])
    );
    // The authentication strength is known by name only.
    assert_eq!(
        value(&tenant, "conditional_access.policies[2].grantControls"),
        &json!({
            "operator": "OR",
            "builtInControls": [],
            "customAuthenticationFactors": [],
            "authenticationStrength": {"displayName": "Phishing-resistant MFA"}
        })
    );
    // A session-only policy has no grant controls; its session controls are Graph's shape.
    let session_only = value(&tenant, "conditional_access.policies[4]");
    assert_eq!(session_only["grantControls"], Value::Null);
    assert_eq!(
        session_only["sessionControls"],
        json!({
            "applicationEnforcedRestrictions": {"isEnabled": false},
            "cloudAppSecurity": {"isEnabled": false, "cloudAppSecurityType": null},
            "signInFrequency": {"isEnabled": true, "value": 4, "type": "hours", "frequencyInterval": "timeBased"},
            "persistentBrowser": {"isEnabled": true, "mode": "never"}
        })
    );
    // Guests, locations (the MFA trusted IPs name back to its id), platforms, device filter.
    let guests = value(&tenant, "conditional_access.policies[6].conditions");
    assert_eq!(
        guests["users"]["includeGuestsOrExternalUsers"],
        json!({
            "guestOrExternalUserTypes": ["internalGuest", "b2bCollaborationGuest", "b2bCollaborationMember", "otherExternalUser"],
            "externalTenants": {"membershipKind": "all", "members": []}
        })
    );
    assert_eq!(
        guests["locations"],
        json!({"includeLocations": ["All"], "excludeLocations": ["Zürich HQ", "00000000-0000-0000-0000-000000000000"]})
    );
    assert_eq!(guests["platforms"], json!({"includePlatforms": ["all"], "excludePlatforms": ["linux"]}));
    assert_eq!(
        guests["devices"],
        json!({"deviceFilter": {"mode": "exclude", "rule": "device.trustType -eq \"ServerAD\" -or device.isCompliant -eq True"}})
    );
    assert_eq!(
        value(&tenant, "conditional_access.policies[6].grantControls.termsOfUse"),
        &json!(["Woodgrove Nutzungsbedingungen für Gäste 2025"])
    );
    // Empty parameters (`""`, `[]`) are "not set": optional conditions are null, as in Graph.
    let legacy = value(&tenant, "conditional_access.policies[0].conditions");
    for condition in ["platforms", "locations", "devices", "authenticationFlows"] {
        assert_eq!(legacy[condition], Value::Null, "{condition}");
    }
    assert_eq!(value(&tenant, "conditional_access.policies[0].state"), "enabled");
    assert_eq!(value(&tenant, "conditional_access.policies[3].state"), "enabledForReportingButNotEnforced");
    assert_eq!(
        value(&tenant, "conditional_access.policies[5].conditions.authenticationFlows"),
        &json!({"transferMethods": ["deviceCodeFlow"]})
    );
    assert_eq!(value(&tenant, "conditional_access.policies[7].conditions.insiderRiskLevels"), &json!(["elevated"]));
    // Not exported, so missing: Microsoft365DSC has no creation date, template or description.
    let policy = value(&tenant, "conditional_access.policies[0]").as_object().unwrap();
    for missing in ["createdDateTime", "modifiedDateTime", "templateId", "description"] {
        assert!(!policy.contains_key(missing), "{missing}");
    }
}

#[test]
fn intune_resources_become_compliance_policies_and_settings() {
    let tenant = load(WOODGROVE);
    let policies = value(&tenant, "intune.compliance_policies").as_array().unwrap();
    let kinds: Vec<Value> =
        policies.iter().map(|p| json!([p["@odata.type"], p["platform"], p.get("androidManagement")])).collect();
    assert_eq!(
        kinds,
        vec![
            json!(["#microsoft.graph.windows10CompliancePolicy", "windows", null]),
            json!(["#microsoft.graph.iosCompliancePolicy", "ios", null]),
            json!(["#microsoft.graph.macOSCompliancePolicy", "macos", null]),
            json!(["#microsoft.graph.androidWorkProfileCompliancePolicy", "android", "workProfile"]),
            json!(["#microsoft.graph.androidDeviceOwnerCompliancePolicy", "android", "deviceOwner"]),
            json!(["#microsoft.graph.androidCompliancePolicy", "android", "deviceAdministrator"]),
        ]
    );
    let windows = &policies[0];
    assert_eq!(windows["rtpEnabled"], true, "RTPEnabled (sic)");
    assert_eq!(windows["tpmRequired"], true);
    assert_eq!(windows["deviceThreatProtectionRequiredSecurityLevel"], "medium");
    assert_eq!(windows["passwordRequiredType"], "alphanumeric");
    assert_eq!(
        windows["assignments"],
        json!([
            {"target": {
                "@odata.type": "#microsoft.graph.groupAssignmentTarget",
                "groupId": "7d3f9a1c-5e82-4b60-9c4d-2f8e1a7b3c05",
                "groupDisplayName": "Alle Windows-Geräte (Autopilot)",
                "deviceAndAppManagementAssignmentFilterType": "include",
                "deviceAndAppManagementAssignmentFilterId": "a91c5e38-7f24-4d06-b8e3-c52d9f170a6b"
            }},
            {"target": {
                "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget",
                "groupId": "e05b7c24-9a13-4f8d-a6e2-3d1c8b5f9074",
                "groupDisplayName": "Kiosk-Geräte Filialen",
                "deviceAndAppManagementAssignmentFilterType": "none"
            }}
        ])
    );
    assert_eq!(
        windows["scheduledActionsForRule"],
        json!([{"scheduledActionConfigurations": [
            {"actionType": "block", "gracePeriodHours": 24, "notificationMessageCCList": []},
            {"actionType": "notification", "gracePeriodHours": 0, "notificationMessageCCList": ["IT-Servicedesk"]}
        ]}])
    );
    assert_eq!(
        policies[3]["scheduledActionsForRule"],
        json!([{"scheduledActionConfigurations": [{
            "actionType": "block",
            "gracePeriodHours": 72,
            "notificationTemplateId": "00000000-0000-0000-0000-000000000000",
            "notificationMessageCCList": []
        }]}])
    );
    // `[]` is "unassigned"; no parameter is "not exported".
    assert_eq!(policies[2]["assignments"], json!([]));
    assert!(policies[4].get("assignments").is_none());
    assert!(policies[4].get("scheduledActionsForRule").is_none());
    assert_eq!(policies[3]["roleScopeTagIds"], json!(["0"]), "a String where other resources have String[]");
    assert_eq!(
        value(&tenant, "intune.settings"),
        &json!({"secureByDefault": true, "deviceComplianceCheckinThresholdDays": 30})
    );
}

#[test]
fn dlp_resources_become_policies_and_rules() {
    let tenant = load(WOODGROVE);
    let policy = value(&tenant, "dlp.policies[0]").as_object().unwrap();
    assert!(!policy.contains_key("enabled"), "SCDLPCompliancePolicy has no Enabled: not exported, so missing");
    assert_eq!(policy["mode"], "Enable");
    assert_eq!(policy["exchangeLocation"], json!(["All"]));
    assert_eq!(value(&tenant, "dlp.policies[1].mode"), "TestWithNotifications");

    let rules = value(&tenant, "dlp.rules").as_array().unwrap();
    let parents: Vec<&str> = rules.iter().map(|r| r["parentPolicyName"].as_str().unwrap()).collect();
    assert_eq!(
        parents,
        vec!["Woodgrove – Finanzdaten schützen", "U.S. PII (Testmodus)", "Woodgrove – Finanzdaten schützen"]
    );
    assert!(rules.iter().all(|r| r.get("policy").is_none()), "the rule's Policy is a name: parentPolicyName only");
    let types: Vec<Vec<Value>> = rules
        .iter()
        .map(|r| {
            r["sensitiveInfoTypes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| json!([t["name"], t["form"], t.get("group"), t["minCount"]]))
                .collect()
        })
        .collect();
    assert_eq!(
        types,
        vec![
            vec![json!(["Credit Card Number", "list", null, 1]), json!(["EU Debit Card Number", "list", null, 1]),],
            vec![
                json!(["U.S. Social Security Number (SSN)", "grouped", "US PII", 1]),
                json!(["U.S. Individual Taxpayer Identification Number (ITIN)", "grouped", "US PII", 1]),
            ],
            // The exception (`"Operator": "Not"`) is not something the rule detects.
            vec![
                json!(["International Banking Account Number (IBAN)", "advanced", "Bankdaten", 1]),
                json!(["ABA Routing Number", "advanced", "Bankdaten", 1]),
            ],
        ]
    );
    assert_eq!(
        rules[0]["sensitiveInfoTypes"][0],
        json!({
            "name": "Credit Card Number",
            "id": "50842eb7-edc8-4019-85dd-5a5c1f2bb085",
            "minCount": 1,
            "maxCount": -1,
            "minConfidence": 85,
            "maxConfidence": 100,
            "classifierType": "Content",
            "group": null,
            "form": "list"
        })
    );
    assert_eq!(rules[2]["advancedRule"]["Version"], "1.0", "the AdvancedRule text, parsed");
    assert!(
        rules[0].get("contentContainsSensitiveInformation").is_none(),
        "the condition as exported is not canonical: rules read sensitiveInfoTypes"
    );
}

#[test]
fn exchange_and_label_resources_become_encryption() {
    let tenant = load(WOODGROVE);
    assert_eq!(value(&tenant, "encryption.irm.azureRMSLicensingEnabled"), true);
    assert_eq!(value(&tenant, "encryption.irm.decryptAttachmentForEncryptOnly"), true);
    let ome: Vec<(&str, &Value)> = value(&tenant, "encryption.ome")
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["identity"].as_str().unwrap(), &o["externalMailExpiryInDays"]))
        .collect();
    assert_eq!(ome, vec![("OME Configuration", &json!(0)), ("Woodgrove Kundenkommunikation", &json!(30))]);
    let rules: Vec<Value> = value(&tenant, "encryption.transport_rules")
        .as_array()
        .unwrap()
        .iter()
        .map(|r| json!([r["name"], r["state"], r["mode"], r["applyRightsProtectionTemplate"], r.get("removeOMEv2")]))
        .collect();
    assert_eq!(
        rules,
        vec![
            json!(["Kundendaten extern verschlüsseln", "Enabled", "Enforce", "Encrypt", false]),
            json!(["Scanner-Antworten entschlüsseln", "Disabled", "Audit", null, true]),
        ]
    );
    let labels: Vec<Value> = value(&tenant, "encryption.labels")
        .as_array()
        .unwrap()
        .iter()
        .map(|l| json!([l["name"], l["encryptionEnabled"], l["contentType"], l.get("labelActions")]))
        .collect();
    assert_eq!(
        labels,
        vec![
            json!(["Vertraulich", true, ["File", "Email"], null]),
            json!(["Öffentlich", false, ["File", "Email", "Site", "UnifiedGroup"], null]),
        ]
    );
}

/// Every canonical value built from a parameter points at that parameter's value.
#[test]
fn canonical_values_point_at_their_parameters() {
    let tenant = load(WOODGROVE);
    let expected = [
        (
            "conditional_access.policies[0].conditions.users.excludeGroups[1]",
            spot(WOODGROVE, 19, 7, r#""Équipe Sécurité (Ausnahmen)""#, "/0/ExcludeGroups/1"),
        ),
        (
            "conditional_access.policies[2].grantControls.authenticationStrength",
            spot(WOODGROVE, 177, 31, r#""Phishing-resistant MFA""#, "/3/AuthenticationStrength"),
        ),
        (
            "conditional_access.policies[3].state",
            spot(WOODGROVE, 230, 14, r#""enabledForReportingButNotEnforced""#, "/4/State"),
        ),
        (
            "conditional_access.policies[4].conditions.users.includeRoles[2]",
            spot(WOODGROVE, 304, 7, r#""Woodgrove Tier-0 Operators""#, "/5/IncludeRoles/2"),
        ),
        (
            "conditional_access.policies[6].conditions.devices.deviceFilter",
            spot(
                WOODGROVE,
                395,
                25,
                r#""device.trustType -eq \"ServerAD\" -or device.isCompliant -eq True""#,
                "/7/DeviceFilterRule",
            ),
        ),
        (
            "conditional_access.policies[6].conditions.locations.excludeLocations[1]",
            spot(WOODGROVE, 421, 7, r#""Multifactor authentication trusted IPs""#, "/7/ExcludeLocations/1"),
        ),
        (
            "intune.compliance_policies[0].platform",
            spot(WOODGROVE, 592, 21, r#""IntuneDeviceCompliancePolicyWindows10""#, "/11/ResourceName"),
        ),
        ("intune.compliance_policies[0].rtpEnabled", spot(WOODGROVE, 594, 19, "true", "/11/RTPEnabled")),
        (
            "intune.compliance_policies[0].assignments[1].target.groupId",
            spot(WOODGROVE, 629, 20, r#""e05b7c24-9a13-4f8d-a6e2-3d1c8b5f9074""#, "/11/Assignments/1/groupId"),
        ),
        (
            "intune.compliance_policies[0].scheduledActionsForRule[0].scheduledActionConfigurations[1].gracePeriodHours",
            spot(WOODGROVE, 642, 29, "0", "/11/ScheduledActionsForRule/1/GracePeriodHours"),
        ),
        ("intune.settings.secureByDefault", spot(WOODGROVE, 806, 24, "true", "/17/SecureByDefault")),
        ("dlp.rules[1].parentPolicyName", spot(WOODGROVE, 947, 15, r#""U.S. PII (Testmodus)""#, "/22/Policy")),
        (
            "dlp.rules[0].sensitiveInfoTypes[1]",
            spot(WOODGROVE, 895, 9, "{", "/21/ContentContainsSensitiveInformation/SensitiveInformation/1"),
        ),
        ("encryption.labels[0].encryptionEnabled", spot(WOODGROVE, 1077, 26, "true", "/24/EncryptionEnabled")),
        ("encryption.ome[1].externalMailExpiryInDays", spot(WOODGROVE, 1151, 33, "30", "/28/ExternalMailExpiryInDays")),
        ("encryption.transport_rules[0].state", spot(WOODGROVE, 1186, 16, "true", "/30/Enabled")),
    ];
    for (path, expected) in expected {
        assert_eq!(locate_path(&tenant, path), expected, "{path}");
    }
    // Types read from the AdvancedRule text point at the text as a whole.
    let advanced = locate_path(&tenant, "dlp.rules[2].sensitiveInfoTypes[0].name");
    assert_eq!(
        (
            advanced.line,
            advanced.column,
            advanced.pointer.as_str(),
            advanced.text.starts_with(r#""{\"Version\":\"1.0\""#)
        ),
        (1004, 21, "/23/AdvancedRule", true)
    );
}

/// Windows PowerShell 5.1 writes the report as UTF-16LE with a BOM, CRLF, its own layout and
/// `\u0026`-style escapes; a hand-edited configuration may hold a single CIM instance where a
/// list belongs.
#[test]
fn windows_powershell_report() {
    let path = WINDOWS_POWERSHELL;
    let tenant = load(path);
    assert!(std::fs::read(path).unwrap().starts_with(b"\xFF\xFE[\0\r\0\n\0"));
    insta::assert_snapshot!("windows-powershell-report", pretty(&tenant.document));
    assert_eq!(
        value(&tenant, "conditional_access.policies[0].conditions.users.excludeGroups"),
        &json!(["Notfallzugriff – Break Glass", "Prüfer & Revision <extern>"])
    );
    assert_eq!(
        value(&tenant, "intune.compliance_policies[0].assignments"),
        &json!([{"target": {
            "@odata.type": "#microsoft.graph.groupAssignmentTarget",
            "groupId": "5e2a9c7d-1b84-4f03-96d5-c8a0e4b7f213",
            "groupDisplayName": "Filialgeräte Genève & Zürich",
            "deviceAndAppManagementAssignmentFilterType": "none"
        }}])
    );
    assert_eq!(value(&tenant, "intune.settings.secureByDefault"), false);
    assert_eq!(value(&tenant, "encryption.transport_rules[0].mode"), "AuditAndNotify");
    let expected = [
        (
            "conditional_access.policies[0].conditions.users.excludeGroups[1]",
            spot(path, 37, 31, r#""Prüfer \u0026 Revision \u003cextern\u003e""#, "/1/ExcludeGroups/1"),
        ),
        (
            "conditional_access.policies[0].displayName",
            spot(path, 25, 25, r#""Gerätekonformität für Équipe Sécurité""#, "/1/DisplayName"),
        ),
        (
            "conditional_access.policies[0].conditions.devices.deviceFilter.rule",
            spot(
                path,
                91,
                30,
                r#""device.model -startsWith \u0027Surface\u0027 -and device.trustType -eq \u0027AzureAD\u0027""#,
                "/1/DeviceFilterRule",
            ),
        ),
        (
            "intune.compliance_policies[0].assignments[0].target.groupDisplayName",
            spot(path, 121, 50, r#""Filialgeräte Genève \u0026 Zürich""#, "/2/Assignments/groupDisplayName"),
        ),
        (
            "encryption.transport_rules[0].comments",
            spot(
                path,
                134,
                22,
                r#""Betreff enthält \u0027Vertraulich\u0027 \u0026 Empfänger ist extern""#,
                "/3/Comments",
            ),
        ),
    ];
    for (canonical, expected) in expected {
        assert_eq!(locate_path(&tenant, canonical), expected, "{canonical}");
    }
}

/// A one-resource report is the resource itself (a one-element pipeline), not a list.
#[test]
fn one_resource_report_is_a_bare_object() {
    let path = "fixtures/ingest/m365dsc/single-resource-report.json";
    let tenant = load(path);
    insta::assert_snapshot!("single-resource-report", pretty(&tenant.document));
    assert_eq!(
        names(value(&tenant, "conditional_access.policies"), "displayName"),
        vec!["Block access from outside Switzerland"]
    );
    assert_eq!(
        locate_path(&tenant, "conditional_access.policies[0].conditions.locations.excludeLocations[0]"),
        spot(path, 40, 5, r#""Schweiz (Länderstandort)""#, "/ExcludeLocations/0")
    );
}

/// Values no resource can hold are rejected where they are.
#[test]
fn invalid_values_are_rejected_where_they_are() {
    let path = "fixtures/ingest/m365dsc/rejected-values-report.json";
    let report = lint(&[path], None);
    assert_eq!(report.exit_code(Severity::Info), 2);
    assert_eq!(
        codes(&report.tenants[0].problems),
        vec![
            "m365lint::ingest::unknown_enum_value",
            "m365lint::ingest::not_a_resource",
            "m365lint::ingest::unexpected_type",
            "m365lint::ingest::unexpected_type",
        ]
    );
    insta::assert_snapshot!("rejected-values-report", human(&report));
}

/// A report of resources m365lint does not lint says so, and assesses nothing.
#[test]
fn report_without_linted_resources_assesses_nothing() {
    let path = "fixtures/ingest/m365dsc/teams-and-sharepoint-report.json";
    let tenant = load(path);
    assert!(tenant.areas.is_empty());
    assert_eq!(codes(&tenant.warnings), vec!["m365lint::ingest::nothing_to_lint"]);
    assert_eq!(
        tenant.warnings[0].message,
        "fixtures/ingest/m365dsc/teams-and-sharepoint-report.json is a Microsoft365DSC report of 3 resources, none of which m365lint lints"
    );
    let report = lint(&[path], None);
    assert!(report.tenants[0].results.iter().all(|r| matches!(r.outcome, Outcome::NotAssessed { .. })));
}

/// The Conditional Access rules run on the report, and every finding and near miss points at
/// the text of the parameter value it is about.
#[test]
fn conditional_access_rules_lint_the_report() {
    let report = lint(&[WOODGROVE], None);
    assert_eq!(report.exit_code(Severity::Info), 1);
    insta::assert_snapshot!("woodgrove-check", human(&report));
    let mut checked = 0;
    for result in &report.tenants[0].results {
        let Outcome::Fail(findings) = &result.outcome else { continue };
        for finding in findings {
            for location in finding.location.iter().chain(finding.related.iter().filter_map(|r| r.location.as_ref())) {
                let document: Value = serde_json::from_str(&location.source.text).unwrap();
                let value = document.pointer(&location.pointer).unwrap();
                let at = &location.source.text[location.offset..location.offset + location.length];
                match value {
                    Value::Array(_) | Value::Object(_) => {
                        let key = location.pointer.rsplit('/').next().unwrap();
                        assert!(
                            location.pointer.is_empty() || at.starts_with(&format!("\"{key}\"")) || at.starts_with('{'),
                            "{at:?} at {}",
                            location.pointer
                        );
                    }
                    scalar => {
                        assert_eq!(&serde_json::from_str::<Value>(at).unwrap(), scalar, "at {}", location.pointer)
                    }
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 10, "only {checked} locations checked");
}
