//! Intune compliance ingest through the real pipeline: every producer's shape normalized
//! (snapshots of the canonical document), the facts rules depend on asserted one by one, the
//! provenance of derived and moved values, and the exports that must be rejected.

mod common;

use std::path::Path;

use common::{human, lint, m365lint};
use m365lint::ingest::{IngestCode, Locator, Tenant, load_tenant};
use m365lint::model::{CanonicalPath, DataArea, Outcome, PathSegment, Severity};
use serde_json::{Value, json};

const DIR: &str = "fixtures/ingest/intune/";

fn tenant(path: &str) -> Tenant {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    load_tenant(&path).unwrap_or_else(|problems| panic!("{} is rejected: {problems:#?}", path.display()))
}

fn document(fixture: &str) -> String {
    serde_json::to_string_pretty(&tenant(&format!("{DIR}{fixture}")).document).unwrap()
}

fn policies(tenant: &Tenant) -> &Vec<Value> {
    tenant.document["intune"]["compliance_policies"].as_array().unwrap()
}

fn policy<'t>(tenant: &'t Tenant, display_name: &str) -> (usize, &'t Value) {
    policies(tenant)
        .iter()
        .enumerate()
        .find(|(_, policy)| policy["displayName"] == display_name)
        .unwrap_or_else(|| panic!("no policy '{display_name}'"))
}

fn path(segments: &[PathSegment]) -> CanonicalPath {
    CanonicalPath::new(segments.to_vec())
}

fn policy_path(index: usize, rest: &[PathSegment]) -> CanonicalPath {
    let mut segments: Vec<PathSegment> = vec!["intune".into(), "compliance_policies".into(), index.into()];
    segments.extend_from_slice(rest);
    path(&segments)
}

/// The source pointer a canonical path resolves to, and the exact source text there.
fn source_of(tenant: &Tenant, canonical: &CanonicalPath) -> (String, String) {
    let resolved = Locator::new(tenant).locate(canonical).unwrap_or_else(|| panic!("{canonical} does not resolve"));
    assert!(resolved.exact, "{canonical} resolves only to an ancestor: {}", resolved.location.pointer);
    let location = resolved.location;
    let text = location.source.text[location.offset..location.offset + location.length].to_owned();
    assert_eq!(location.source.line_column(location.offset), (location.line, location.column));
    (location.pointer, text)
}

#[test]
fn graph_beta_list_with_expansions() {
    insta::assert_snapshot!(document("graph-beta-expanded.json"));
}

#[test]
fn graph_v1_bare_array_with_actions_not_nested() {
    insta::assert_snapshot!(document("graph-v1-bare-array.json"));
}

#[test]
fn graph_single_policy_per_file() {
    insta::assert_snapshot!(document("graph-single-policy.json"));
}

#[test]
fn sdk_pascal_case_with_additional_properties() {
    insta::assert_snapshot!(document("sdk-expanded.json"));
}

#[test]
fn sdk_single_policy_without_expansions() {
    insta::assert_snapshot!(document("sdk-single-without-expand.json"));
}

#[test]
fn intunecd_directory() {
    insta::assert_snapshot!(document("intunecd"));
}

#[test]
fn settings_selected_from_device_management() {
    insta::assert_snapshot!(document("settings-select.json"));
}

#[test]
fn platform_and_android_management_come_from_the_subtype() {
    let mut derived = Vec::new();
    for fixture in [
        "graph-beta-expanded.json",
        "graph-v1-bare-array.json",
        "graph-single-policy.json",
        "sdk-expanded.json",
        "sdk-single-without-expand.json",
    ] {
        for policy in policies(&tenant(&format!("{DIR}{fixture}"))) {
            derived.push((
                policy["displayName"].as_str().unwrap().to_owned(),
                policy["platform"].clone(),
                policy["androidManagement"].clone(),
            ));
        }
    }
    let expected = [
        ("Windows 11 – Basisschutz (Büro)", json!("windows"), Value::Null),
        ("iOS/iPadOS – Geräte der Geschäftsführung", json!("ios"), Value::Null),
        ("macOS – Entwickler-Macs", json!("macos"), Value::Null),
        ("Android – Arbeitsprofil (BYOD)", json!("android"), json!("workProfile")),
        ("Android Enterprise – Vollständig verwaltet", json!("android"), json!("deviceOwner")),
        ("Android – Geräteadministrator (Legacy)", json!("android"), json!("deviceAdministrator")),
        ("Windows 10 – Außenstellen", json!("windows"), Value::Null),
        ("Windows 8.1 – Kassensysteme", json!("windows81"), Value::Null),
        ("AOSP – Datenbrillen Logistik", json!("android"), json!("aospDeviceOwner")),
        ("Windows 10 – Kiosk-Geräte (Lager)", json!("windows"), Value::Null),
        ("Android – Dedizierte Scanner (Lager)", json!("android"), json!("deviceOwner")),
        ("iOS – BYOD Mitarbeitende", json!("ios"), Value::Null),
    ]
    .map(|(name, platform, management)| (name.to_owned(), platform, management));
    assert_eq!(derived, expected);
}

/// Graph returns navigation properties only when expanded (the SDK writes `null`); IntuneCD
/// writes `assignments` only when there are some. Missing must stay missing, `[]` stays `[]`.
#[test]
fn navigation_properties_missing_is_not_empty() {
    let beta = tenant(&format!("{DIR}graph-beta-expanded.json"));
    let (_, unassigned) = policy(&beta, "Android Enterprise – Vollständig verwaltet");
    assert_eq!(unassigned["assignments"], json!([]));
    assert_eq!(unassigned["scheduledActionsForRule"][0]["scheduledActionConfigurations"][0]["actionType"], "block");
    let (_, windows) = policy(&beta, "Windows 11 – Basisschutz (Büro)");
    assert_eq!(windows["assignments"].as_array().map(Vec::len), Some(2));

    let cases = [
        ("graph-single-policy.json", "AOSP – Datenbrillen Logistik"),
        ("sdk-single-without-expand.json", "iOS – BYOD Mitarbeitende"),
        ("graph-v1-bare-array.json", "Windows 10 – Außenstellen"),
        ("intunecd", "Android - Work Profile BYOD"),
    ];
    for (fixture, name) in cases {
        let tenant = tenant(&format!("{DIR}{fixture}"));
        let (_, policy) = policy(&tenant, name);
        assert!(policy.get("assignments").is_none(), "{fixture}: {name} has assignments {}", policy["assignments"]);
    }
    for (fixture, name) in &cases[..2] {
        let tenant = tenant(&format!("{DIR}{fixture}"));
        assert!(policy(&tenant, name).1.get("scheduledActionsForRule").is_none(), "{fixture}");
    }
}

/// Actions exported without their configurations say nothing about what happens to a
/// non-compliant device: they count as not exported, and the tenant gets a warning at them.
#[test]
fn actions_without_configurations_are_not_exported_and_warned() {
    let v1 = tenant(&format!("{DIR}graph-v1-bare-array.json"));
    for policy in policies(&v1) {
        assert!(policy.get("scheduledActionsForRule").is_none(), "{}", policy["displayName"]);
    }
    let warnings: Vec<(String, Option<String>, Option<usize>)> = v1
        .warnings
        .iter()
        .map(|w| (w.code.clone(), w.location.as_ref().map(|l| l.pointer.clone()), w.location.as_ref().map(|l| l.line)))
        .collect();
    assert_eq!(
        warnings,
        vec![
            (IngestCode::NotExpanded.code().to_owned(), Some("/0/scheduledActionsForRule/0".to_owned()), Some(31)),
            (IngestCode::NotExpanded.code().to_owned(), Some("/1/scheduledActionsForRule/0".to_owned()), Some(58)),
        ]
    );
    for fixture in ["graph-beta-expanded.json", "sdk-expanded.json", "intunecd"] {
        assert!(tenant(&format!("{DIR}{fixture}")).warnings.is_empty(), "{fixture}");
    }
}

#[test]
fn intunecd_group_names_become_group_display_names() {
    let cd = tenant(&format!("{DIR}intunecd"));
    let (_, windows) = policy(&cd, "Win - Corporate Baseline");
    assert_eq!(
        windows["assignments"],
        json!([
            {"source": "direct", "target": {
                "@odata.type": "#microsoft.graph.groupAssignmentTarget",
                "deviceAndAppManagementAssignmentFilterId": "Windows 11 Unternehmensgeräte",
                "deviceAndAppManagementAssignmentFilterType": "include",
                "groupDisplayName": "SG-Intune-Windows-Devices"}},
            {"source": "direct", "target": {
                "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget",
                "deviceAndAppManagementAssignmentFilterId": null,
                "deviceAndAppManagementAssignmentFilterType": "none",
                "groupDisplayName": "SG-Intune-Ausnahmen-Kiosk"}}
        ])
    );
    assert_eq!(
        cd.document["intune"]["settings"],
        json!({
            "deviceComplianceCheckinThresholdDays": 30,
            "deviceInactivityBeforeRetirementInDay": 0,
            "enhancedJailBreak": false,
            "ignoreDevicesForUnsupportedSettingsEnabled": true,
            "isScheduledActionEnabled": true,
            "secureByDefault": false
        })
    );
}

/// Enum integers are read through the CSDL tables only: notSet is 10 and pushNotification 9
/// (non-contiguous), so the ordinals 5 and 6 are rejected (see `rejected_exports`).
#[test]
fn enum_integers_map_through_the_csdl_tables() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("csdl-numbers.json");
    let policy = json!({
        "@odata.type": "#microsoft.graph.iosCompliancePolicy",
        "id": "e0b4c8f2-7a3d-4915-8c6e-5d2f9a1b7e46",
        "displayName": "iOS – Außendienst",
        "deviceThreatProtectionRequiredSecurityLevel": 10,
        "advancedThreatProtectionRequiredSecurityLevel": 4,
        "scheduledActionsForRule": [{"id": "e0b4c8f2-7a3d-4915-8c6e-5d2f9a1b7e46", "ruleName": null,
            "scheduledActionConfigurations": [{"actionType": 9, "gracePeriodHours": 0}, {"actionType": 2, "gracePeriodHours": 48}]}]
    });
    std::fs::write(&file, serde_json::to_string_pretty(&policy).unwrap()).unwrap();
    let tenant = load_tenant(&file).unwrap();
    let read = &policies(&tenant)[0];
    assert_eq!(read["deviceThreatProtectionRequiredSecurityLevel"], "notSet");
    assert_eq!(read["advancedThreatProtectionRequiredSecurityLevel"], "high");
    let actions: Vec<&Value> = read["scheduledActionsForRule"][0]["scheduledActionConfigurations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|action| &action["actionType"])
        .collect();
    assert_eq!(actions, [&json!("pushNotification"), &json!("block")]);
}

#[test]
fn derived_platform_points_at_the_odata_type() {
    let beta = tenant(&format!("{DIR}graph-beta-expanded.json"));
    let (index, _) = policy(&beta, "Android – Arbeitsprofil (BYOD)");
    for field in ["platform", "androidManagement"] {
        assert_eq!(
            source_of(&beta, &policy_path(index, &[field.into()])),
            ("/value/3/@odata.type".to_owned(), "\"#microsoft.graph.androidWorkProfileCompliancePolicy\"".to_owned())
        );
    }
    let sdk = tenant(&format!("{DIR}sdk-expanded.json"));
    assert_eq!(
        source_of(&sdk, &policy_path(1, &["platform".into()])),
        (
            "/1/AdditionalProperties/@odata.type".to_owned(),
            "\"#microsoft.graph.androidDeviceOwnerCompliancePolicy\"".to_owned()
        )
    );
}

#[test]
fn values_read_through_pascal_case_and_additional_properties_point_at_their_source() {
    let sdk = tenant(&format!("{DIR}sdk-expanded.json"));
    let cases: [(&[PathSegment], &str, &str); 5] = [
        (&["displayName".into()], "/0/DisplayName", "\"Windows 10 – Kiosk-Geräte (Lager)\""),
        (&["bitLockerEnabled".into()], "/0/AdditionalProperties/bitLockerEnabled", "true"),
        (
            &["assignments".into(), 0.into(), "target".into(), "groupId".into()],
            "/0/Assignments/0/Target/AdditionalProperties/groupId",
            "\"8d2a6c41-f3e5-47b9-a018-c6e4b2d9f571\"",
        ),
        (
            &["assignments".into(), 0.into(), "target".into(), "@odata.type".into()],
            "/0/Assignments/0/Target/AdditionalProperties/@odata.type",
            "\"#microsoft.graph.groupAssignmentTarget\"",
        ),
        (
            &[
                "scheduledActionsForRule".into(),
                0.into(),
                "scheduledActionConfigurations".into(),
                0.into(),
                "gracePeriodHours".into(),
            ],
            "/0/ScheduledActionsForRule/0/ScheduledActionConfigurations/0/GracePeriodHours",
            "12",
        ),
    ];
    for (rest, pointer, text) in cases {
        assert_eq!(source_of(&sdk, &policy_path(0, rest)), (pointer.to_owned(), text.to_owned()));
    }

    let cd = tenant(&format!("{DIR}intunecd"));
    let (index, _) = policy(&cd, "Win - Corporate Baseline");
    let group = policy_path(index, &["assignments".into(), 0.into(), "target".into(), "groupDisplayName".into()]);
    assert_eq!(
        source_of(&cd, &group),
        ("/assignments/0/target/groupName".to_owned(), "\"SG-Intune-Windows-Devices\"".to_owned())
    );

    let settings = tenant(&format!("{DIR}settings-select.json"));
    let secure = path(&["intune".into(), "settings".into(), "secureByDefault".into()]);
    assert_eq!(source_of(&settings, &secure), ("/settings/secureByDefault".to_owned(), "true".to_owned()));
}

#[test]
fn rejected_exports() {
    for fixture in ["sdk-without-depth.json", "enum-ordinals.json", "settings-catalog.json", "unknown-subtype.json"] {
        let path = format!("{DIR}rejected/{fixture}");
        let report = lint(&[&path], None);
        assert_eq!(report.exit_code(Severity::Info), 2, "{fixture} must be rejected");
        assert!(report.tenants[0].results.is_empty(), "{fixture}: no rule may run on a rejected tenant");
        insta::assert_snapshot!(fixture, human(&report));
    }
}

/// An Intune-only tenant is read, and every rule that needs another export (Conditional Access,
/// or the Zero Trust rules' second area) is not assessed for exactly the missing areas (never
/// passed).
#[test]
fn check_reads_an_intunecd_directory() {
    let run = m365lint(&["check", "fixtures/ingest/intune/intunecd"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    insta::assert_snapshot!(run.stdout);
    let report = lint(&["fixtures/ingest/intune/intunecd"], None);
    let tenant = &report.tenants[0];
    assert_eq!(tenant.areas, vec![DataArea::Intune]);
    assert!(!tenant.results.is_empty());
    for result in &tenant.results {
        let missing: Vec<_> = result.rule.requires.iter().copied().filter(|area| *area != DataArea::Intune).collect();
        if missing.is_empty() {
            continue;
        }
        assert_eq!(result.outcome, Outcome::NotAssessed { missing, reasons: Vec::new() }, "{}", result.rule.id);
    }
}
