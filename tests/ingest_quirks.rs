//! The export quirks of export-formats.md §6, one fixture each under fixtures/ingest/quirks,
//! and Graph paging (fixtures/ingest/paging): the normalized documents are snapshotted, every
//! quirk has explicit assertions, and locations are checked as a user sees them in an editor
//! (line and character column of the decoded text, CRLF and UTF-16 included).

mod common;
mod ingest_support;

use common::{human, lint};
use ingest_support::{Place, codes, load, locate_path, pretty, rejected, value};
use serde_json::{Value, json};

const QUIRKS: &str = "fixtures/ingest/quirks";
const PAGING: &str = "fixtures/ingest/paging";

fn quirk(name: &str) -> String {
    format!("{QUIRKS}/{name}")
}

fn spot(file: &str, line: usize, column: usize, text: &str, pointer: &str) -> Place {
    Place { file: file.to_owned(), line, column, text: text.to_owned(), pointer: pointer.to_owned(), exact: true }
}

// --- Encodings and layouts -------------------------------------------------------------------

/// Windows PowerShell `Out-File -Encoding utf8`: a UTF-8 BOM, CRLF, the 5.1 layout and
/// `\u003c`-style escapes.
#[test]
fn utf8_bom_crlf_and_windows_powershell_escapes() {
    let path = quirk("windows-powershell-utf8-bom.json");
    let tenant = load(&path);
    assert!(std::fs::read(&path).unwrap().starts_with(b"\xEF\xBB\xBF{\r\n    \"@odata.context\":  "));
    assert!(tenant.sources[0].text.starts_with("{\r\n"), "the BOM is not part of the text");
    insta::assert_snapshot!("windows-powershell-utf8-bom", pretty(&tenant.document));

    assert_eq!(
        value(&tenant, "conditional_access.policies[1].displayName"),
        "Block <legacy> clients – 'Exchange' & others"
    );
    assert_eq!(
        locate_path(&tenant, "conditional_access.policies[1].displayName"),
        spot(
            &path,
            94,
            39,
            r#""Block \u003clegacy\u003e clients – \u0027Exchange\u0027 \u0026 others""#,
            "/value/1/displayName"
        )
    );
    assert_eq!(
        locate_path(&tenant, "conditional_access.policies[0].conditions.locations.excludeLocations[0]"),
        spot(
            &path,
            32,
            85,
            r#""b6c8e1f4-27a9-4d35-9e02-5f7a3c1d8b60""#,
            "/value/0/conditions/locations/excludeLocations/0"
        )
    );
}

/// Windows PowerShell `Get-MgIdentityConditionalAccessPolicy | ConvertTo-Json -Depth 10 |
/// Out-File`: UTF-16LE with a BOM, CRLF, the 5.1 layout, the SDK's PascalCase, instantiated
/// all-null members, `AdditionalProperties`, `null` lists and `\/Date(ms)\/` dates.
#[test]
fn utf16le_graph_sdk_from_windows_powershell() {
    let path = quirk("windows-powershell-sdk-utf16le.json");
    let tenant = load(&path);
    assert!(std::fs::read(&path).unwrap().starts_with(b"\xFF\xFE[\0\r\0\n\0"));
    insta::assert_snapshot!("windows-powershell-sdk-utf16le", pretty(&tenant.document));

    let mfa = value(&tenant, "conditional_access.policies[0]");
    assert_eq!(mfa["createdDateTime"], "2024-03-12T09:41:27.883Z");
    assert_eq!(mfa["modifiedDateTime"], "2025-06-02T14:03:55.127Z");
    assert_eq!(
        mfa["conditions"]["devices"]["deviceFilter"]["rule"],
        "device.displayName -startsWith 'KIOSK-' -or device.trustType -eq 'ServerAD'"
    );
    // Objects the SDK instantiated with nothing but nulls and empty lists are null, like Graph's.
    assert_eq!(mfa["conditions"]["platforms"], Value::Null);
    assert_eq!(mfa["conditions"]["locations"], Value::Null);
    assert_eq!(mfa["grantControls"]["authenticationStrength"], Value::Null);
    assert_eq!(mfa["sessionControls"], Value::Null);
    // A null list is an empty one.
    assert_eq!(mfa["conditions"]["users"]["includeGroups"], json!([]));

    let guests = value(&tenant, "conditional_access.policies[1]");
    assert_eq!(guests["grantControls"], Value::Null, "session-only policy");
    assert_eq!(guests["modifiedDateTime"], Value::Null);
    // Members of the derived type live in AdditionalProperties and are lifted.
    assert_eq!(
        guests["conditions"]["users"]["includeGuestsOrExternalUsers"],
        json!({
            "guestOrExternalUserTypes": ["internalGuest", "b2bCollaborationGuest"],
            "externalTenants": {
                "@odata.type": "#microsoft.graph.conditionalAccessEnumeratedExternalTenants",
                "membershipKind": "enumerated",
                "members": ["8d1e4f7a-2b95-4c60-a3d8-f5e2b7c9014a"]
            }
        })
    );

    // Lines and columns in characters of the decoded text, as an editor shows them.
    assert_eq!(
        locate_path(&tenant, "conditional_access.policies[0].conditions.users.excludeGroups[1]"),
        spot(&path, 98, 64, r#""71b0e5c2-9d84-4a3f-b6e1-03c8f2a7d594""#, "/0/Conditions/Users/ExcludeGroups/1")
    );
    assert_eq!(
        locate_path(&tenant, "conditional_access.policies[1].displayName"),
        spot(&path, 371, 25, r#""Gäste – Sitzungsdauer Azure-Verwaltung""#, "/1/DisplayName")
    );
    assert_eq!(
        locate_path(
            &tenant,
            "conditional_access.policies[1].conditions.users.includeGuestsOrExternalUsers.externalTenants.members[0]"
        ),
        spot(
            &path,
            345,
            148,
            r#""8d1e4f7a-2b95-4c60-a3d8-f5e2b7c9014a""#,
            "/1/Conditions/Users/IncludeGuestsOrExternalUsers/ExternalTenants/AdditionalProperties/members/0"
        )
    );
    // A flags string holds its members: a member is located at the whole string.
    assert_eq!(
        locate_path(
            &tenant,
            "conditional_access.policies[1].conditions.users.includeGuestsOrExternalUsers.guestOrExternalUserTypes[1]"
        ),
        spot(
            &path,
            349,
            108,
            r#""internalGuest,b2bCollaborationGuest""#,
            "/1/Conditions/Users/IncludeGuestsOrExternalUsers/GuestOrExternalUserTypes"
        )
    );
}

/// `Out-File -Encoding BigEndianUnicode`: UTF-16BE with a BOM; one policy, written as the
/// object itself.
#[test]
fn utf16be_with_bom() {
    let path = quirk("windows-powershell-utf16be.json");
    let tenant = load(&path);
    assert!(std::fs::read(&path).unwrap().starts_with(b"\xFE\xFF\0{\0\r\0\n"));
    insta::assert_snapshot!("windows-powershell-utf16be", pretty(&tenant.document));
    assert_eq!(
        locate_path(&tenant, "conditional_access.policies[0].displayName"),
        spot(&path, 4, 21, r#""Block access – Ländersperre (außerhalb CH/LI)""#, "/displayName")
    );
    assert_eq!(
        locate_path(&tenant, "conditional_access.policies[0].conditions.locations.excludeLocations[0]"),
        spot(&path, 29, 67, r#""e4a1c7d9-36b2-4f58-9d0e-a2c5f8b1e367""#, "/conditions/locations/excludeLocations/0")
    );
}

// --- A single object where a list belongs -----------------------------------------------------

/// `... | ConvertTo-Json` of a one-element pipeline writes the element, not a list.
#[test]
fn one_policy_written_as_the_object_itself() {
    let tenant = load(&quirk("pwsh7-sdk-one-policy.json"));
    insta::assert_snapshot!("pwsh7-sdk-one-policy", pretty(&tenant.document));
    assert_eq!(value(&tenant, "conditional_access.policies").as_array().map(Vec::len), Some(1));
    assert_eq!(value(&tenant, "conditional_access.policies[0].id"), "e91c4a08-7f35-4b2d-a6e9-50d3c8b7f1a2");
    assert_eq!(locate_path(&tenant, "conditional_access.policies[0].state").pointer, "/State");
}

/// A policy built from PowerShell hashtables: one-element lists written as the value.
#[test]
fn single_values_where_lists_belong() {
    let path = quirk("hashtable-built-policy.json");
    let tenant = load(&path);
    insta::assert_snapshot!("hashtable-built-policy", pretty(&tenant.document));
    let conditions = value(&tenant, "conditional_access.policies[0].conditions");
    assert_eq!(conditions["clientAppTypes"], json!(["all"]));
    assert_eq!(conditions["applications"]["includeApplications"], json!(["All"]));
    assert_eq!(conditions["applications"]["excludeApplications"], json!(["00000012-0000-0000-c000-000000000000"]));
    assert_eq!(conditions["users"]["includeUsers"], json!(["All"]));
    assert_eq!(conditions["users"]["excludeGroups"], json!(["d94e2b71-3c58-4f06-a1e7-8b52c9f04d3a"]));
    assert_eq!(conditions["platforms"]["includePlatforms"], json!(["windows"]));
    // The list's only item is the single value itself.
    assert_eq!(
        locate_path(&tenant, "conditional_access.policies[0].conditions.users.includeUsers[0]"),
        spot(&path, 11, 23, r#""All""#, "/conditions/users/includeUsers")
    );
}

// --- Values -----------------------------------------------------------------------------------

/// Every date form: ISO 8601 with 6 or 7 fractional digits, with an offset or none;
/// `\/Date(ms)\/` with and without an offset; `Date(ms)`; Windows PowerShell's object form.
#[test]
fn dates_in_every_form() {
    let tenant = load(&quirk("dates"));
    insta::assert_snapshot!("dates", pretty(&tenant.document));
    let dates: Vec<(String, Value, Value)> = value(&tenant, "conditional_access.policies")
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (p["displayName"].as_str().unwrap().to_owned(), p["createdDateTime"].clone(), p["modifiedDateTime"].clone())
        })
        .collect();
    let expected = [
        ("Dates – DataContractJsonSerializer", "2023-12-15T14:43:25.273Z", "2025-01-27T17:46:40Z"),
        ("Dates – Graph (6 and 7 digits)", "2024-01-30T23:11:08.549481Z", "2025-03-04T07:45:12.1234567Z"),
        ("Dates – PowerShell 7 (offset)", "2025-02-11T15:20:41.333Z", "2019-09-24T14:18:57.4237718Z"),
        ("Dates – ScubaGear 1.3 (slashes stripped)", "2024-06-05T04:36:04Z", "2024-12-12T08:00:00Z"),
        ("Dates – Windows PowerShell", "2023-12-15T14:43:25.273Z", "2024-01-30T23:11:08.549Z"),
    ];
    let expected: Vec<(String, Value, Value)> = expected
        .iter()
        .map(|(name, created, modified)| ((*name).to_owned(), json!(created), json!(modified)))
        .collect();
    assert_eq!(dates, expected);
}

/// Enums written as integers map through the explicit CSDL tables.
#[test]
fn enum_integers_map_through_the_tables() {
    let tenant = load(&quirk("enum-integers.json"));
    insta::assert_snapshot!("enum-integers", pretty(&tenant.document));
    let mapped: Vec<Value> = value(&tenant, "conditional_access.policies")
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            json!([
                p["state"],
                p["conditions"]["clientAppTypes"],
                p["grantControls"]["builtInControls"],
                p["conditions"]["platforms"]
            ])
        })
        .collect();
    assert_eq!(
        mapped,
        vec![
            json!(["enabled", ["exchangeActiveSync", "other"], ["block"], null]),
            json!([
                "disabled",
                ["mobileAppsAndDesktopClients"],
                ["mfa"],
                {"includePlatforms": ["android", "iOS"], "excludePlatforms": []}
            ]),
            json!(["enabledForReportingButNotEnforced", ["all"], ["compliantDevice", "domainJoinedDevice"], null]),
        ]
    );
}

/// An integer that is not in the table is an error at the value, never a guess.
#[test]
fn enum_integers_outside_the_tables_are_rejected() {
    let path = quirk("rejected/enum-integer-unmapped.json");
    let problems = rejected(&path);
    assert_eq!(codes(&problems), vec!["m365lint::ingest::enum_integer", "m365lint::ingest::enum_integer"]);
    let pointers: Vec<&str> = problems.iter().map(|p| p.location.as_ref().unwrap().pointer.as_str()).collect();
    assert_eq!(pointers, vec!["/0/state", "/0/conditions/clientAppTypes/0"]);
    insta::assert_snapshot!("enum-integer-unmapped", human(&lint(&[&path], None)));
}

/// Annotations, SDK bookkeeping and members the canonical document does not model are dropped.
#[test]
fn noise_is_dropped() {
    let tenant = load(&quirk("graph-beta-annotations.json"));
    insta::assert_snapshot!("graph-beta-annotations", pretty(&tenant.document));
    let policy = value(&tenant, "conditional_access.policies[0]");
    let keys: Vec<&str> = policy.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        vec![
            "conditions",
            "createdDateTime",
            "displayName",
            "grantControls",
            "id",
            "modifiedDateTime",
            "sessionControls",
            "state",
            "templateId"
        ]
    );
    assert_eq!(
        policy["grantControls"]["authenticationStrength"],
        json!({
            "id": "00000000-0000-0000-0000-000000000004",
            "displayName": "Phishing-resistant MFA",
            "policyType": "builtIn",
            "requirementsSatisfied": "mfa",
            "allowedCombinations": ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"]
        })
    );
    assert_eq!(
        policy["sessionControls"],
        json!({
            "disableResilienceDefaults": false,
            "applicationEnforcedRestrictions": null,
            "cloudAppSecurity": null,
            "persistentBrowser": null,
            "signInFrequency": null,
            "continuousAccessEvaluation": null,
            "secureSignInSession": null
        })
    );
    for producer in ["graph-beta-annotations.json", "windows-powershell-sdk-utf16le.json"] {
        let document = pretty(&load(&quirk(producer)).document);
        for noise in
            ["@odata.context", "AdditionalProperties", "DeletedDateTime", "deletedDateTime", "times", "deviceStates"]
        {
            assert!(!document.contains(&format!("\"{noise}\"")), "{noise} leaked from {producer}");
        }
    }
}

/// Missing (not exported), `null` and empty stay three different things; a `null` list is `[]`.
#[test]
fn null_missing_and_empty_stay_distinct() {
    let tenant = load(&quirk("graph-select-null-missing-empty.json"));
    insta::assert_snapshot!("graph-select-null-missing-empty", pretty(&tenant.document));
    let policy = value(&tenant, "conditional_access.policies[0]").as_object().unwrap();
    assert!(!policy.contains_key("sessionControls"), "not selected: missing, not null");
    assert!(!policy.contains_key("createdDateTime"));
    assert_eq!(policy["grantControls"], Value::Null);
    let conditions = policy["conditions"].as_object().unwrap();
    assert!(!conditions.contains_key("insiderRiskLevels"), "not exported: missing");
    assert!(!conditions.contains_key("authenticationFlows"), "not exported: missing");
    assert_eq!(conditions["platforms"], Value::Null);
    assert_eq!(conditions["users"]["excludeGroups"], json!([]));
    assert_eq!(conditions["users"]["includeGuestsOrExternalUsers"], Value::Null);
}

/// Flags enums written as comma-separated strings become arrays of members.
#[test]
fn flags_strings_become_arrays() {
    let path = quirk("graph-flags-comma-strings.json");
    let tenant = load(&path);
    insta::assert_snapshot!("graph-flags-comma-strings", pretty(&tenant.document));
    let conditions = value(&tenant, "conditional_access.policies[0].conditions");
    assert_eq!(conditions["insiderRiskLevels"], json!(["minor", "moderate", "elevated"]));
    assert_eq!(
        conditions["authenticationFlows"]["transferMethods"],
        json!(["deviceCodeFlow", "authenticationTransfer"])
    );
    assert_eq!(
        conditions["users"]["includeGuestsOrExternalUsers"]["guestOrExternalUserTypes"],
        json!(["internalGuest", "b2bCollaborationGuest", "b2bDirectConnectUser", "serviceProvider"])
    );
    assert_eq!(
        locate_path(&tenant, "conditional_access.policies[0].conditions.authenticationFlows.transferMethods[1]"),
        spot(
            &path,
            25,
            40,
            r#""deviceCodeFlow,authenticationTransfer""#,
            "/value/0/conditions/authenticationFlows/transferMethods"
        )
    );
}

// --- The same object twice --------------------------------------------------------------------

/// The same policy in a list and in a per-object file, identical: read once, from the file
/// read first.
#[test]
fn the_same_policy_exported_twice_identically_is_merged() {
    let tenant = load(&quirk("duplicate-identical"));
    insta::assert_snapshot!("duplicate-identical", pretty(&tenant.document));
    let names: Vec<&str> = value(&tenant, "conditional_access.policies")
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["displayName"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Alle – Legacy-Authentifizierung blockieren", "Admins – MFA überall"]);
    let first = locate_path(&tenant, "conditional_access.policies[0].state");
    assert_eq!(
        (first.file.as_str(), first.pointer.as_str()),
        (
            "fixtures/ingest/quirks/duplicate-identical/Identity/Conditional/Policies/f5c2a8e1-4d97-4b3e-a0f6-8c1d5e9b2743/f5c2a8e1-4d97-4b3e-a0f6-8c1d5e9b2743.json",
            "/state"
        )
    );
    let second = locate_path(&tenant, "conditional_access.policies[1].state");
    assert_eq!(
        (second.file.as_str(), second.pointer.as_str()),
        ("fixtures/ingest/quirks/duplicate-identical/graph-list.json", "/value/0/state")
    );
}

/// Exported twice with different content: rejected at the second, naming the first.
#[test]
fn the_same_policy_exported_twice_differently_is_a_conflict() {
    let path = quirk("duplicate-conflict");
    let problems = rejected(&path);
    assert_eq!(codes(&problems), vec!["m365lint::ingest::conflict"]);
    let location = problems[0].location.as_ref().unwrap();
    assert_eq!(
        (location.source.path.as_str(), location.pointer.as_str()),
        ("fixtures/ingest/quirks/duplicate-conflict/graph-list.json", "/value/1")
    );
    assert!(
        problems[0]
            .message
            .contains("Policies/f5c2a8e1-4d97-4b3e-a0f6-8c1d5e9b2743/f5c2a8e1-4d97-4b3e-a0f6-8c1d5e9b2743.json")
    );
    insta::assert_snapshot!("duplicate-conflict", human(&lint(&[&path], None)));
}

// --- Graph paging -----------------------------------------------------------------------------

/// Every page present and `@odata.count` agreeing: the pages are one export, silently.
#[test]
fn complete_pages_are_merged() {
    let path = format!("{PAGING}/complete");
    let tenant = load(&path);
    insta::assert_snapshot!("paging-complete", pretty(&tenant.document));
    let names: Vec<&str> = value(&tenant, "conditional_access.policies")
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["displayName"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["P01 – Block legacy authentication", "P02 – MFA für alle", "P03 – Compliant device"]);
    assert!(tenant.warnings.is_empty(), "{:?}", tenant.warnings);
    let third = locate_path(&tenant, "conditional_access.policies[2].displayName");
    assert_eq!(
        (third.file.as_str(), third.pointer.as_str(), third.text.as_str()),
        ("fixtures/ingest/paging/complete/policies-page-2.json", "/value/0/displayName", r#""P03 – Compliant device""#)
    );
}

/// Every page present but no `@odata.count`: merged, with a warning saying what could not be
/// verified.
#[test]
fn pages_without_a_count_are_merged_with_a_warning() {
    let path = format!("{PAGING}/complete-without-count");
    let tenant = load(&path);
    assert_eq!(value(&tenant, "conditional_access.policies").as_array().map(Vec::len), Some(5));
    assert_eq!(codes(&tenant.warnings), vec!["m365lint::ingest::unverified_pages"]);
    let warning = &tenant.warnings[0];
    assert_eq!(
        warning.message,
        "read the 3 pages of the Conditional Access policy list (fixtures/ingest/paging/complete-without-count/page-1.json, fixtures/ingest/paging/complete-without-count/page-2.json, fixtures/ingest/paging/complete-without-count/page-3.json) as one export; without @odata.count m365lint cannot prove that no page in the middle is missing"
    );
    let location = warning.location.as_ref().unwrap();
    assert_eq!(
        (location.source.path.as_str(), location.pointer.as_str(), location.line, location.column),
        ("fixtures/ingest/paging/complete-without-count/page-1.json", "/@odata.nextLink", 3, 24)
    );
}

/// Pages whose chain cannot be complete are rejected at the place that shows it.
#[test]
fn incomplete_pages_are_rejected() {
    for (fixture, expected) in [
        ("last-page-missing", vec!["m365lint::ingest::partial_export", "m365lint::ingest::partial_export"]),
        ("middle-page-missing", vec!["m365lint::ingest::page_count_mismatch"]),
        ("page-saved-twice", vec!["m365lint::ingest::duplicate_page"]),
        ("two-last-pages", vec!["m365lint::ingest::ambiguous_pages"]),
    ] {
        let path = format!("{PAGING}/{fixture}");
        assert_eq!(codes(&rejected(&path)), expected, "{fixture}");
        let report = lint(&[&path], None);
        assert_eq!(report.exit_code(m365lint::model::Severity::Info), 2, "{fixture}");
        insta::assert_snapshot!(format!("paging-{fixture}"), human(&report));
    }
}
