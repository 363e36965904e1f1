//! Message encryption ingest through the real pipeline: the IRM configuration, OME
//! configurations, transport rules and sensitivity labels of every producer normalized
//! (snapshots of the canonical document), derived values asserted one by one with their
//! provenance, and the exports that must be rejected.

mod common;

use std::path::Path;

use common::{human, lint};
use m365lint::ingest::{IngestCode, Locator, Tenant, load_tenant};
use m365lint::model::{CanonicalPath, PathSegment, Severity};
use serde_json::{Value, json};

const DIR: &str = "fixtures/ingest/encryption/";

fn tenant(path: &str) -> Tenant {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    load_tenant(&path).unwrap_or_else(|problems| panic!("{} is rejected: {problems:#?}", path.display()))
}

fn document(fixture: &str) -> String {
    serde_json::to_string_pretty(&tenant(&format!("{DIR}{fixture}")).document).unwrap()
}

fn collection<'t>(tenant: &'t Tenant, key: &str) -> &'t Vec<Value> {
    tenant.document["encryption"][key].as_array().unwrap()
}

fn encryption_path(segments: &[PathSegment]) -> CanonicalPath {
    let mut path: Vec<PathSegment> = vec!["encryption".into()];
    path.extend_from_slice(segments);
    CanonicalPath::new(path)
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

/// The JSON text of a string literal as it appears in the source (escaped).
fn literal(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// Writes `content` as a one-file tenant and reads it.
fn read(name: &str, content: &Value) -> Result<Tenant, Vec<m365lint::model::Problem>> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, serde_json::to_string_pretty(content).unwrap()).unwrap();
    load_tenant(&file)
}

#[test]
fn irm_windows_powershell_utf16() {
    insta::assert_snapshot!(document("irm-ps51-utf16.json"));
}

#[test]
fn irm_powershell_7() {
    insta::assert_snapshot!(document("irm-ps7.json"));
}

#[test]
fn ome_powershell_7_list() {
    insta::assert_snapshot!(document("ome-ps7.json"));
}

#[test]
fn ome_single_configuration() {
    insta::assert_snapshot!(document("ome-single.json"));
}

#[test]
fn ome_exchange_admin_api() {
    insta::assert_snapshot!(document("ome-adminapi.json"));
}

#[test]
fn transport_rules_windows_powershell_utf16() {
    insta::assert_snapshot!(document("transport-rules-ps51-utf16.json"));
}

#[test]
fn transport_rules_exchange_admin_api() {
    insta::assert_snapshot!(document("transport-rules-adminapi.json"));
}

#[test]
fn labels_get_label() {
    insta::assert_snapshot!(document("labels-get-label.json"));
}

#[test]
fn labels_graph() {
    insta::assert_snapshot!(document("labels-graph.json"));
}

#[test]
fn windows_powershell_exports_are_read_from_utf16_with_crlf() {
    for fixture in ["irm-ps51-utf16.json", "transport-rules-ps51-utf16.json"] {
        let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(DIR).join(fixture)).unwrap();
        assert_eq!(bytes[..2], [0xFF, 0xFE], "{fixture} is UTF-16LE with a byte-order mark");
    }
    let irm = tenant(&format!("{DIR}irm-ps51-utf16.json"));
    assert!(irm.sources[0].text.contains("\r\n    \"AzureRMSLicensingEnabled\":  true,\r\n"));
    assert_eq!(irm.document["encryption"]["irm"]["azureRMSLicensingEnabled"], true);
    assert_eq!(
        source_of(&irm, &encryption_path(&["irm".into(), "simplifiedClientAccessEnabled".into()])),
        ("/SimplifiedClientAccessEnabled".to_owned(), "false".to_owned())
    );
    let rules = tenant(&format!("{DIR}transport-rules-ps51-utf16.json"));
    let activation = encryption_path(&["transport_rules".into(), 1.into(), "activationDate".into()]);
    assert_eq!(collection(&rules, "transport_rules")[1]["activationDate"], "2026-01-01T00:00:00Z");
    assert_eq!(
        source_of(&rules, &activation),
        ("/1/ActivationDate".to_owned(), r#""\/Date(1767225600000)\/""#.to_owned())
    );
}

/// `ExternalMailExpiryInterval` is a TimeSpan: an object of its parts (ConvertTo-Json) or
/// `d.hh:mm:ss` text (admin API); whole days, pointing at the TimeSpan.
#[test]
fn ome_expiry_is_read_from_the_timespan() {
    let expected = [
        ("ome-ps7.json", vec![json!(0), json!(30)]),
        ("ome-single.json", vec![json!(0)]),
        ("ome-adminapi.json", vec![json!(0), json!(90)]),
    ];
    for (fixture, days) in expected {
        let ome = tenant(&format!("{DIR}{fixture}"));
        let read: Vec<Value> = collection(&ome, "ome")
            .iter()
            .map(|configuration| configuration["externalMailExpiryInDays"].clone())
            .collect();
        assert_eq!(read, days, "{fixture}");
    }
    let ps7 = tenant(&format!("{DIR}ome-ps7.json"));
    let expiry = encryption_path(&["ome".into(), 1.into(), "externalMailExpiryInDays".into()]);
    assert_eq!(
        source_of(&ps7, &expiry),
        ("/1/ExternalMailExpiryInterval".to_owned(), "\"ExternalMailExpiryInterval\": {".to_owned())
    );
    let admin = tenant(&format!("{DIR}ome-adminapi.json"));
    assert_eq!(
        source_of(&admin, &expiry),
        ("/value/1/ExternalMailExpiryInterval".to_owned(), "\"90.00:00:00\"".to_owned())
    );
}

#[test]
fn ome_expiry_from_the_parameter_and_when_missing() {
    let parameter = read(
        "ome.json",
        &json!({"Identity": "Northwind Partner Portal", "OTPEnabled": true,
        "SocialIdSignIn": false, "ExternalMailExpiryInDays": 45}),
    )
    .unwrap();
    let path = encryption_path(&["ome".into(), 0.into(), "externalMailExpiryInDays".into()]);
    assert_eq!(collection(&parameter, "ome")[0]["externalMailExpiryInDays"], 45);
    assert_eq!(source_of(&parameter, &path), ("/ExternalMailExpiryInDays".to_owned(), "45".to_owned()));

    let agree = read(
        "ome.json",
        &json!({"Identity": "Lieferanten", "OTPEnabled": true, "SocialIdSignIn": false,
        "ExternalMailExpiryInterval": "14.00:00:00", "ExternalMailExpiryInDays": 14}),
    )
    .unwrap();
    assert_eq!(collection(&agree, "ome")[0]["externalMailExpiryInDays"], 14);

    let missing =
        read("ome.json", &json!({"Identity": "OME Configuration", "OTPEnabled": true, "SocialIdSignIn": true}))
            .unwrap();
    assert_eq!(collection(&missing, "ome")[0]["externalMailExpiryInDays"], Value::Null);
}

/// `state` from `State`, or from the boolean `Enabled` of configuration-as-code exports.
#[test]
fn transport_rule_state_is_derived_and_located() {
    let states = |fixture: &str| -> Vec<Value> {
        collection(&tenant(&format!("{DIR}{fixture}")), "transport_rules")
            .iter()
            .map(|rule| rule["state"].clone())
            .collect()
    };
    assert_eq!(
        states("transport-rules-ps51-utf16.json"),
        [json!("Enabled"), json!("Enabled"), json!("Disabled"), json!("Enabled")]
    );
    assert_eq!(states("transport-rules-adminapi.json"), [json!("Enabled"), json!("Enabled"), json!("Enabled")]);
    let admin = tenant(&format!("{DIR}transport-rules-adminapi.json"));
    let state = encryption_path(&["transport_rules".into(), 2.into(), "state".into()]);
    assert_eq!(source_of(&admin, &state), ("/value/2/State".to_owned(), "\"Enabled\"".to_owned()));

    let boolean = read(
        "rule.json",
        &json!({"Name": "Encrypt external mail", "ApplyRightsProtectionTemplate": "Encrypt",
        "SentToScope": "NotInOrganization", "Mode": "Enforce", "Enabled": false}),
    )
    .unwrap();
    assert_eq!(collection(&boolean, "transport_rules")[0]["state"], "Disabled");
    let state = encryption_path(&["transport_rules".into(), 0.into(), "state".into()]);
    assert_eq!(source_of(&boolean, &state), ("/Enabled".to_owned(), "false".to_owned()));
}

#[test]
fn transport_rule_lists_arrive_as_lists_or_bare_strings() {
    let admin = tenant(&format!("{DIR}transport-rules-adminapi.json"));
    let rules = collection(&admin, "transport_rules");
    assert_eq!(rules[1]["sentTo"], json!(["einkauf-extern@fabrikam.com"]));
    assert_eq!(rules[1]["conditions"], json!(["Microsoft.Exchange.MessagingPolicies.Rules.Tasks.SentToPredicate"]));
    assert_eq!(
        rules[0]["actions"],
        json!(["Microsoft.Exchange.MessagingPolicies.Rules.Tasks.RightsProtectMessageAction"])
    );
    assert_eq!(rules[1]["activationDate"], "2026-07-31T22:00:00Z");
    let sent_to = encryption_path(&["transport_rules".into(), 1.into(), "sentTo".into(), 0.into()]);
    assert_eq!(
        source_of(&admin, &sent_to),
        ("/value/1/SentTo".to_owned(), "\"einkauf-extern@fabrikam.com\"".to_owned())
    );
}

/// An enabled `encrypt` action encrypts; a disabled one, one that removes protection, content
/// marking alone, or no action at all does not; Graph says it with `hasProtection`.
#[test]
fn encryption_enabled_cases() {
    let summary = |fixture: &str| -> Vec<(String, Value)> {
        collection(&tenant(&format!("{DIR}{fixture}")), "labels")
            .iter()
            .map(|label| (label["name"].as_str().unwrap().to_owned(), label["encryptionEnabled"].clone()))
            .collect()
    };
    let expected = [
        ("Public", json!(false)),
        ("General", json!(false)),
        ("Confidential", json!(true)),
        ("Highly Confidential", json!(false)),
        ("Highly Confidential All Employees", json!(false)),
        ("Highly Confidential Recipients Only", json!(true)),
        ("Remove Protection", json!(false)),
    ]
    .map(|(name, enabled)| (name.to_owned(), enabled));
    assert_eq!(summary("labels-get-label.json"), expected);
    let expected = [
        ("Öffentlich", json!(false)),
        ("Vertraulich", json!(true)),
        ("Streng vertraulich", json!(false)),
        ("Nur Empfänger", json!(true)),
        ("Schutz aufheben", json!(false)),
    ]
    .map(|(name, enabled)| (name.to_owned(), enabled));
    assert_eq!(summary("labels-graph.json"), expected);

    let unknown = read(
        "label.json",
        &json!({"Name": "Legacy", "Guid": "4a1e7c3d-9b2f-4e68-a0d5-c7f3b1e9d246",
        "ContentType": "File", "LabelActions": null}),
    )
    .unwrap();
    let label = &collection(&unknown, "labels")[0];
    assert_eq!((&label["labelActions"], &label["encryptionEnabled"]), (&Value::Null, &Value::Null));
}

#[test]
fn label_actions_and_settings_are_parsed() {
    let labels = tenant(&format!("{DIR}labels-get-label.json"));
    let confidential = &collection(&labels, "labels")[2];
    assert_eq!(
        confidential["labelActions"][0],
        json!({"type": "encrypt", "subType": null, "settings": {
            "protectiontype": "template", "disabled": "false",
            "templateid": "c4e8a2f6-1d9b-4b37-8a5e-0f3c7d1b9e62", "templatearchived": "False",
            "linkedtemplateid": "c4e8a2f6-1d9b-4b37-8a5e-0f3c7d1b9e62",
            "contentexpiredondateindaysornever": "Never", "offlineaccessdays": "7",
            "rightsdefinitions": [
                {"identity": "northwindtraders.de", "rights": ["VIEW", "VIEWRIGHTSDATA", "DOCEDIT", "EDIT", "PRINT",
                    "EXTRACT", "REPLY", "REPLYALL", "FORWARD", "OBJMODEL"]},
                {"identity": "datenschutz@northwindtraders.de", "rights": ["VIEW", "VIEWRIGHTSDATA"]}
            ],
            "disableautomaticownerrights": "False"}})
    );
    let general = &collection(&labels, "labels")[1];
    assert_eq!(
        general["settings"],
        json!({"color": "#0078D4", "isparent": "False", "contenttype": "File, Email, Site, UnifiedGroup",
               "tooltip": "Nur für Mitarbeitende, kein Schutz.", "displayname": "Intern"})
    );
    assert_eq!(general["contentType"], json!(["File", "Email", "Site", "UnifiedGroup"]));
}

/// A finding on a value derived from JSON inside a string points at that string.
#[test]
fn derived_label_values_point_at_the_string_that_holds_them() {
    let labels = tenant(&format!("{DIR}labels-get-label.json"));
    let raw: Vec<Value> = serde_json::from_str(&labels.sources[0].text).unwrap();
    let action = |label: usize, index: usize| literal(raw[label]["LabelActions"][index].as_str().unwrap());
    let setting = |label: usize, index: usize| literal(raw[label]["Settings"][index].as_str().unwrap());
    let cases: Vec<(Vec<PathSegment>, &str, String)> = vec![
        (
            vec![2.into(), "labelActions".into(), 0.into(), "settings".into(), "disabled".into()],
            "/2/LabelActions/0",
            action(2, 0),
        ),
        (
            vec![
                2.into(),
                "labelActions".into(),
                0.into(),
                "settings".into(),
                "rightsdefinitions".into(),
                1.into(),
                "identity".into(),
            ],
            "/2/LabelActions/0",
            action(2, 0),
        ),
        (vec![2.into(), "labelActions".into(), 1.into(), "subType".into()], "/2/LabelActions/1", action(2, 1)),
        (vec![2.into(), "encryptionEnabled".into()], "/2/LabelActions/0", action(2, 0)),
        (vec![4.into(), "encryptionEnabled".into()], "/4/LabelActions/0", action(4, 0)),
        (vec![6.into(), "encryptionEnabled".into()], "/6/LabelActions/0", action(6, 0)),
        (vec![0.into(), "encryptionEnabled".into()], "/0/LabelActions", "\"LabelActions\": []".to_owned()),
        (vec![1.into(), "encryptionEnabled".into()], "/1/LabelActions", "\"LabelActions\": [".to_owned()),
        (vec![1.into(), "settings".into(), "tooltip".into()], "/1/Settings/3", setting(1, 3)),
        (vec![2.into(), "contentType".into(), 1.into()], "/2/ContentType", "\"File, Email\"".to_owned()),
    ];
    for (rest, pointer, text) in cases {
        let mut path: Vec<PathSegment> = vec!["labels".into()];
        path.extend(rest);
        let canonical = encryption_path(&path);
        assert_eq!(source_of(&labels, &canonical), (pointer.to_owned(), text), "{canonical}");
    }

    let graph = tenant(&format!("{DIR}labels-graph.json"));
    let cases: [(Vec<PathSegment>, &str, &str); 4] = [
        (vec![1.into(), "encryptionEnabled".into()], "/value/1/hasProtection", "true"),
        (vec![1.into(), "guid".into()], "/value/1/id", "\"3f8e1b6c-9d2a-4c57-8e14-a6b0d3f9c271\""),
        (vec![3.into(), "parentId".into()], "/value/3/parent/id", "\"e8b3f1a7-2c6d-4e94-9b05-d1a4c7f3e826\""),
        (vec![4.into(), "disabled".into()], "/value/4/isActive", "false"),
    ];
    for (rest, pointer, text) in cases {
        let mut path: Vec<PathSegment> = vec!["labels".into()];
        path.extend(rest);
        let canonical = encryption_path(&path);
        assert_eq!(source_of(&graph, &canonical), (pointer.to_owned(), text.to_owned()), "{canonical}");
    }
}

#[test]
fn rejected_exports() {
    let report = lint(&[&format!("{DIR}rejected/label-action-not-json.json")], None);
    assert_eq!(report.exit_code(Severity::Info), 2);
    assert!(report.tenants[0].results.is_empty(), "no rule may run on a rejected tenant");
    insta::assert_snapshot!(human(&report));
}

/// Values that cannot be trusted are issues at the exact source value.
#[test]
fn untrustworthy_values_are_rejected_where_they_are() {
    let label = |actions: Value, settings: Value| {
        json!([{"Name": "Confidential", "Guid": "3f8e1b6c-9d2a-4c57-8e14-a6b0d3f9c271", "ContentType": "File",
                "LabelActions": actions, "Settings": settings}])
    };
    let ome = |interval: Value, days: Value| {
        json!({"Identity": "Partner", "OTPEnabled": true, "SocialIdSignIn": false,
               "ExternalMailExpiryInterval": interval, "ExternalMailExpiryInDays": days})
    };
    let cases: [(&str, Value, IngestCode, &str); 7] = [
        (
            "rights",
            label(
                json!([
                    r#"{"Type":"encrypt","SubType":null,"Settings":[{"Key":"rightsdefinitions","Value":"[{\"Identity\":\"AuthenticatedUsers\""}]}"#
                ]),
                json!([]),
            ),
            IngestCode::InvalidEmbeddedJson,
            "/0/LabelActions/0",
        ),
        ("not an action", label(json!([r#"["encrypt"]"#]), json!([])), IngestCode::UnexpectedType, "/0/LabelActions/0"),
        (
            "action object",
            label(json!([{"Type": "encrypt"}]), json!([])),
            IngestCode::UnexpectedType,
            "/0/LabelActions/0",
        ),
        (
            "setting",
            label(json!([]), json!(["[color, #E3008C]", "[isparent]"])),
            IngestCode::UnexpectedType,
            "/0/Settings/1",
        ),
        (
            "partial day",
            ome(json!("1.12:00:00"), Value::Null),
            IngestCode::UnexpectedType,
            "/ExternalMailExpiryInterval",
        ),
        (
            "not a timespan",
            ome(json!({"TotalDays": 30.0}), Value::Null),
            IngestCode::UnexpectedType,
            "/ExternalMailExpiryInterval",
        ),
        ("disagreeing", ome(json!("30.00:00:00"), json!(60)), IngestCode::UnexpectedType, "/ExternalMailExpiryInDays"),
    ];
    for (case, content, code, pointer) in cases {
        let problems = read("export.json", &content).err().unwrap_or_else(|| panic!("{case}: accepted"));
        let found: Vec<(String, Option<String>)> =
            problems.iter().map(|p| (p.code.clone(), p.location.as_ref().map(|l| l.pointer.clone()))).collect();
        assert_eq!(found, vec![(code.code().to_owned(), Some(pointer.to_owned()))], "{case}: {problems:#?}");
    }
}
