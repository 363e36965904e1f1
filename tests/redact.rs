//! `check --redact`: no identifying value of the exports in any output format, consistent
//! pseudonyms, the same exit code and findings as the plain run, and fingerprints that keep
//! baselines and diffs working.
//!
//! The identifying values are collected here from the fixture files themselves, independently
//! of m365lint's own collection: every GUID and e-mail address, and the user and group names
//! of the fields and resources that hold them.

mod report_support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use m365lint::report::Format;
use regex::Regex;
use report_support::cli;
use serde_json::Value;

/// A tenant to redact: its command-line arguments and the files its values come from.
struct Case {
    name: &'static str,
    args: &'static [&'static str],
    files: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "contoso",
        args: &["fixtures/tenants/contoso", "--config", "fixtures/config/waivers/contoso.toml"],
        files: &["fixtures/tenants/contoso", "fixtures/config/waivers/contoso.toml"],
    },
    Case {
        name: "woodgrove",
        args: &["fixtures/ingest/m365dsc/woodgrove-tenant-report.json"],
        files: &["fixtures/ingest/m365dsc/woodgrove-tenant-report.json"],
    },
    // Two tenants in one report: one table of pseudonyms, tenants streamed as they finish.
    Case {
        name: "both",
        args: &[
            "fixtures/tenants/contoso",
            "fixtures/ingest/m365dsc/woodgrove-tenant-report.json",
            "--config",
            "fixtures/config/waivers/contoso.toml",
        ],
        files: &[
            "fixtures/tenants/contoso",
            "fixtures/config/waivers/contoso.toml",
            "fixtures/ingest/m365dsc/woodgrove-tenant-report.json",
        ],
    },
];

fn guid() -> Regex {
    Regex::new(r"(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").unwrap()
}

fn address() -> Regex {
    Regex::new(r"(?i)[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+").unwrap()
}

/// Fields whose values name users, groups, mailboxes or people's sites and recipients, in any
/// producer's spelling (lower case).
const PRINCIPAL_FIELDS: &[&str] = &[
    "includeusers",
    "excludeusers",
    "includegroups",
    "excludegroups",
    "groupdisplayname",
    "groupname",
    "members",
    "owner",
    "exchangelocation",
    "exchangelocationexception",
    "sharepointlocation",
    "sharepointlocationexception",
    "onedrivelocation",
    "onedrivelocationexception",
    "teamslocation",
    "teamslocationexception",
    "endpointdlplocation",
    "endpointdlplocationexception",
    "notifyuser",
    "generatealert",
    "generateincidentreport",
    "sentto",
];
/// Values of those fields that name no one.
const KEYWORDS: &[&str] = &["all", "none", "guestsorexternalusers", "owner", "lastmodifier", "siteadmin"];

/// Every identifying value of the case's files, in lower case, except the well-known ids that
/// the rule documentation itself names (Microsoft's first-party app ids): a report carries the
/// rule documentation, which is the same for every tenant.
fn identifying_values(case: &Case) -> BTreeSet<String> {
    let documentation = cli(&["policies", "--format", "json"]).stdout.to_lowercase();
    let mut values = collected_values(case);
    values.retain(|value| !guid().is_match(value) || !documentation.contains(value.as_str()));
    values
}

fn collected_values(case: &Case) -> BTreeSet<String> {
    let mut values = BTreeSet::new();
    for file in case.files {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let files: Vec<_> = if path.is_dir() {
            let mut entries: Vec<_> = std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()).collect();
            entries.sort();
            entries
        } else {
            vec![path]
        };
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let text = text.trim_start_matches('\u{feff}');
            let document: Value = if file.extension().is_some_and(|e| e == "toml") {
                let table: toml::Table = toml::from_str(text).unwrap();
                serde_json::to_value(table).unwrap()
            } else {
                serde_json::from_str(text).unwrap()
            };
            collect(&document, None, &mut values);
        }
    }
    values
}

fn collect(value: &Value, field: Option<&str>, values: &mut BTreeSet<String>) {
    match value {
        Value::Object(object) => {
            let resource = object.get("ResourceName").and_then(Value::as_str);
            for (key, item) in object {
                collect_text(key, values);
                let named = matches!(resource, Some("AADGroup" | "AADUser")) && key == "DisplayName";
                let field = if named { "groupname".to_owned() } else { key.to_lowercase() };
                collect(item, Some(&field), values);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect(item, field, values)),
        Value::String(text) => {
            collect_text(text, values);
            let lower = text.trim().to_lowercase();
            if field.is_some_and(|f| PRINCIPAL_FIELDS.contains(&f))
                && !lower.is_empty()
                && !KEYWORDS.contains(&lower.as_str())
            {
                values.insert(lower);
            }
        }
        _ => {}
    }
}

/// The nil GUID names no one (in a location condition it stands for the MFA trusted IPs), and
/// the rule documentation mentions it.
const NIL_GUID: &str = "00000000-0000-0000-0000-000000000000";

fn collect_text(text: &str, values: &mut BTreeSet<String>) {
    for found in guid().find_iter(text).filter(|found| found.as_str() != NIL_GUID) {
        values.insert(found.as_str().to_lowercase());
    }
    for found in address().find_iter(text) {
        if !found.as_str().to_lowercase().contains("@odata.") {
            values.insert(found.as_str().to_lowercase());
        }
    }
}

/// Undoes the escaping of the markup formats, so an escaped value is still found.
fn unescaped(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// What a run printed, and its exit code.
struct Output {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(case: &Case, format: Format, redact: bool) -> Output {
    let mut args = vec!["check"];
    args.extend(case.args);
    args.extend(["--format", format.name()]);
    if redact {
        args.push("--redact");
    }
    let run = cli(&args);
    Output { code: run.code, stdout: run.stdout, stderr: run.stderr }
}

#[test]
fn the_helper_finds_the_values_that_matter() {
    let contoso = identifying_values(&CASES[0]);
    let woodgrove = identifying_values(&CASES[1]);
    assert!(contoso.contains("dlp-meldungen@contoso.com"), "{contoso:?}");
    assert!(contoso.contains("sven müller"), "{contoso:?}");
    assert!(contoso.contains("b7e2c9a4-1f3d-4e8b-a6c5-9d0e2f4a7b31"), "{contoso:?}");
    assert!(woodgrove.contains("breakglass-01@woodgrovebank.onmicrosoft.com"), "{woodgrove:?}");
    assert!(woodgrove.contains("équipe sécurité (ausnahmen)"), "{woodgrove:?}");
    assert!(woodgrove.contains("notfallzugriff – break glass"), "{woodgrove:?}");
}

#[test]
fn no_output_format_holds_an_identifying_value() {
    for case in CASES {
        let values = identifying_values(case);
        for format in Format::ALL {
            let plain = run(case, format, false);
            let redacted = run(case, format, true);
            assert_eq!(redacted.code, plain.code, "{} {format}: {}", case.name, redacted.stderr);
            let output = unescaped(&redacted.stdout).to_lowercase();
            // The plain run shows some of them: the test is not vacuous.
            let plain_output = unescaped(&plain.stdout).to_lowercase();
            assert!(
                values.iter().any(|v| plain_output.contains(v.as_str())),
                "{} {format}: nothing to redact",
                case.name
            );
            let leaked: Vec<&String> = values.iter().filter(|v| output.contains(v.as_str())).collect();
            assert!(leaked.is_empty(), "{} {format} leaks {leaked:?}:\n{}", case.name, redacted.stdout);
            assert!(
                redacted.stderr.is_empty()
                    || !values.iter().any(|v| redacted.stderr.to_lowercase().contains(v.as_str()))
            );
        }
    }
}

fn json(case: &Case, redact: bool) -> Value {
    serde_json::from_str(&run(case, Format::Json, redact).stdout).unwrap()
}

/// A pseudonym as m365lint writes them.
const PSEUDONYM: &str = r"(?:user|upn|group|tenant|name|owner|id)-[0-9]+(?:@redacted\.invalid)?";

/// Walks the plain and the redacted JSON report side by side. In each string, the plain
/// text's identifying values must have become pseudonyms and nothing else may have changed;
/// records which pseudonym each value became.
fn align(plain: &Value, redacted: &Value, values: &[String], seen: &mut BTreeMap<String, BTreeSet<String>>, key: &str) {
    match (plain, redacted) {
        (Value::Object(p), Value::Object(r)) => {
            assert_eq!(p.len(), r.len());
            for ((pk, pv), (rk, rv)) in p.iter().zip(r) {
                align(&Value::String(pk.clone()), &Value::String(rk.clone()), values, seen, "");
                align(pv, rv, values, seen, pk);
            }
        }
        (Value::Array(p), Value::Array(r)) => {
            assert_eq!(p.len(), r.len());
            for (pv, rv) in p.iter().zip(r) {
                align(pv, rv, values, seen, key);
            }
        }
        (Value::String(p), Value::String(r)) if key == "fingerprint" => {
            assert!(r.contains(":sha256:") && !values.iter().any(|v| r.to_lowercase().contains(v.as_str())), "{r}");
            assert_eq!(p.split(':').next(), r.split(':').next(), "the rule id stays");
        }
        (Value::String(p), Value::String(r)) => align_text(p, r, values, seen),
        (p, r) => assert_eq!(p, r),
    }
}

fn align_text(plain: &str, redacted: &str, values: &[String], seen: &mut BTreeMap<String, BTreeSet<String>>) {
    let lower = plain.to_lowercase();
    // Every GUID is replaced, also those m365lint derives (role template ids of role names).
    let mut values = values.to_vec();
    values.extend(guid().find_iter(&lower).map(|g| g.as_str().to_owned()).filter(|g| g != NIL_GUID));
    // Split the plain text at its identifying values, leftmost and longest first.
    let mut pattern = String::from("^");
    let mut found = Vec::new();
    let mut at = 0;
    while at < lower.len() {
        let next = values
            .iter()
            .filter_map(|v| lower[at..].find(v.as_str()).map(|i| (at + i, v)))
            .min_by(|a, b| a.0.cmp(&b.0).then(b.1.len().cmp(&a.1.len())));
        let Some((start, value)) = next else { break };
        pattern.push_str(&regex::escape(&plain[at..start]));
        pattern.push_str(&format!("({PSEUDONYM})"));
        found.push(value.clone());
        at = start + value.len();
    }
    pattern.push_str(&regex::escape(&plain[at..]));
    pattern.push('$');
    let captures = Regex::new(&pattern)
        .unwrap()
        .captures(redacted)
        .unwrap_or_else(|| panic!("{redacted:?} is not {plain:?} with its identifying values replaced"));
    for (i, value) in found.into_iter().enumerate() {
        seen.entry(value).or_default().insert(captures[i + 1].to_owned());
    }
}

#[test]
fn each_value_has_one_pseudonym_and_distinct_values_distinct_ones() {
    for case in CASES {
        let mut values: Vec<String> = identifying_values(case).into_iter().collect();
        values.sort_by_key(|value| std::cmp::Reverse(value.len()));
        let mut seen = BTreeMap::new();
        align(&json(case, false), &json(case, true), &values, &mut seen, "");
        assert!(!seen.is_empty(), "{}: the JSON report names nobody", case.name);
        let mut owners: BTreeMap<String, String> = BTreeMap::new();
        for (value, pseudonyms) in &seen {
            assert_eq!(pseudonyms.len(), 1, "{}: {value} became {pseudonyms:?}", case.name);
            let pseudonym = pseudonyms.iter().next().unwrap();
            if let Some(other) = owners.insert(pseudonym.clone(), value.clone()) {
                panic!("{}: {value} and {other} both became {pseudonym}", case.name);
            }
        }
        // A value seen in two places kept its pseudonym: at least one is.
        let json_text = run(case, Format::Json, false).stdout.to_lowercase();
        assert!(seen.keys().any(|value| json_text.matches(value.as_str()).count() >= 2), "{}: {seen:?}", case.name);
    }
}

#[test]
fn every_format_tells_the_same_redacted_messages() {
    for case in CASES {
        let report = json(case, true);
        let mut messages: Vec<String> = Vec::new();
        for tenant in report["tenants"].as_array().unwrap() {
            for result in tenant["results"].as_array().unwrap() {
                for finding in result["findings"].as_array().into_iter().flatten() {
                    messages.push(finding["message"].as_str().unwrap().to_owned());
                }
            }
        }
        assert!(!messages.is_empty());
        let sarif: Value = serde_json::from_str(&run(case, Format::Sarif, true).stdout).unwrap();
        let mut in_sarif: Vec<String> = sarif["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|result| result["message"]["text"].as_str().unwrap().to_owned())
            .collect();
        let mut expected = messages.clone();
        expected.sort();
        in_sarif.sort();
        assert_eq!(in_sarif, expected, "{}: SARIF", case.name);
        // JSON lines stream each tenant as it finishes: redacted the same way.
        let mut streamed: Vec<String> = Vec::new();
        for line in run(case, Format::JsonLines, true).stdout.lines() {
            let line: Value = serde_json::from_str(line).unwrap();
            for result in line["results"].as_array().into_iter().flatten() {
                for finding in result["findings"].as_array().into_iter().flatten() {
                    streamed.push(finding["message"].as_str().unwrap().to_owned());
                }
            }
        }
        assert_eq!(streamed, messages, "{}: JSON lines", case.name);
        // Human output wraps messages; its one-line form and the CSV hold them whole.
        for format in [Format::Concise, Format::Csv] {
            let output = run(case, format, true).stdout;
            for message in &messages {
                assert!(output.contains(message.as_str()), "{} {format} lacks {message:?}", case.name);
            }
        }
    }
}

#[test]
fn redaction_keeps_the_findings_and_their_counts() {
    for case in CASES {
        let (plain, redacted) = (json(case, false), json(case, true));
        assert_eq!(plain["summary"], redacted["summary"], "{}", case.name);
        let outcomes = |report: &Value| -> Vec<(String, String, usize)> {
            report["tenants"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|tenant| tenant["results"].as_array().unwrap())
                .map(|r| {
                    let count = r["findings"].as_array().map_or(0, Vec::len);
                    (r["ruleId"].as_str().unwrap().to_owned(), r["outcome"].as_str().unwrap().to_owned(), count)
                })
                .collect()
        };
        assert_eq!(outcomes(&plain), outcomes(&redacted), "{}", case.name);
    }
}

#[test]
fn redacted_human_output() {
    let case = &CASES[1];
    let output = run(case, Format::Human, true);
    insta::assert_snapshot!("woodgrove.human", report_support::without_version(&output.stdout));
}

#[test]
fn the_same_input_gets_the_same_pseudonyms_on_every_run() {
    let case = &CASES[0];
    for format in [Format::Json, Format::Human, Format::Html] {
        assert_eq!(run(case, format, true).stdout, run(case, format, true).stdout, "{format}");
    }
}

#[test]
fn plain_and_redacted_reports_are_baselines_and_diff_sides_of_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let case = &CASES[0];
    let plain_path = dir.path().join("plain.json");
    let redacted_path = dir.path().join("redacted.json");
    std::fs::write(&plain_path, run(case, Format::Json, false).stdout).unwrap();
    std::fs::write(&redacted_path, run(case, Format::Json, true).stdout).unwrap();
    let (plain_path, redacted_path) = (plain_path.to_str().unwrap(), redacted_path.to_str().unwrap());
    for (baseline, redact) in [(redacted_path, false), (plain_path, true), (redacted_path, true)] {
        let mut args = vec!["check"];
        args.extend(case.args);
        args.extend(["--format", "json", "--baseline", baseline]);
        if redact {
            args.push("--redact");
        }
        let output = cli(&args);
        assert_eq!(output.code, 0, "baseline {baseline}, redact {redact}: {}", output.stderr);
        let report: Value = serde_json::from_str(&output.stdout).unwrap();
        let findings = &report["summary"]["findings"];
        assert!(findings["inBaseline"].as_u64().unwrap() > 0, "{findings}");
        assert_eq!(findings["inBaseline"], findings["total"], "{findings}");
        assert_eq!(findings["new"], 0, "{findings}");
    }
    let diff = cli(&["diff", plain_path, redacted_path, "--format", "json"]);
    assert_eq!(diff.code, 0, "{}", diff.stdout);
    let diff: Value = serde_json::from_str(&diff.stdout).unwrap();
    assert_eq!(diff["added"], Value::Array(Vec::new()));
    assert_eq!(diff["resolved"], Value::Array(Vec::new()));
}

#[test]
fn diff_redacts_the_exports_it_lints() {
    let (contoso, woodgrove) = ("fixtures/tenants/contoso", "fixtures/ingest/m365dsc/woodgrove-tenant-report.json");
    let values = identifying_values(&CASES[2]);
    // Contoso's findings are resolved, Woodgrove's new: each side's values are in the diff.
    for format in ["human", "json", "markdown"] {
        let plain = cli(&["diff", contoso, woodgrove, "--format", format]);
        let redacted = cli(&["diff", contoso, woodgrove, "--format", format, "--redact"]);
        assert_eq!(redacted.code, plain.code, "{format}: {}", redacted.stderr);
        let output = redacted.stdout.to_lowercase();
        assert!(values.iter().any(|v| plain.stdout.to_lowercase().contains(v.as_str())), "{format}: nothing to redact");
        let leaked: Vec<&String> = values.iter().filter(|v| output.contains(v.as_str())).collect();
        assert!(leaked.is_empty(), "diff {format} leaks {leaked:?}:\n{}", redacted.stdout);
    }
    // Both sides share one table: every finding is unchanged, none new or resolved.
    let diff: Value =
        serde_json::from_str(&cli(&["diff", woodgrove, woodgrove, "--format", "json", "--redact"]).stdout).unwrap();
    assert_eq!(diff["summary"]["new"], 0);
    assert_eq!(diff["summary"]["resolved"], 0);
    assert!(diff["summary"]["unchanged"].as_u64().unwrap() > 0);
    assert!(diff.to_string().contains("group-1"), "{diff}");
}
