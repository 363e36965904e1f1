//! Every output format: snapshots on the whole-tenant samples, and every outcome kind (pass,
//! fail, waived, not assessed, error, rejected input) in every format.

mod report_support;

use m365lint::report::{Format, Report};
use report_support::{HOSTILE, SAMPLES, every_outcome, rendered};

#[test]
fn every_format_on_every_sample() {
    for sample in SAMPLES {
        let report = sample.report();
        for format in Format::ALL {
            let text = rendered(format, &report);
            insta::assert_snapshot!(format!("{}.{}", sample.name, format.name()), text);
        }
    }
}

#[test]
fn rendering_is_deterministic() {
    for sample in SAMPLES {
        let (first, second) = (sample.report(), sample.report());
        for format in Format::ALL {
            assert_eq!(rendered(format, &first), rendered(format, &second), "{} {format}", sample.name);
        }
    }
}

/// Asserts that `text` contains each of `needles`, naming the format on failure.
fn contains_all(format: Format, text: &str, needles: &[&str]) {
    for needle in needles {
        assert!(text.contains(needle), "{format} output lacks {needle:?}:\n{text}");
    }
}

fn lacks_all(format: Format, text: &str, needles: &[&str]) {
    for needle in needles {
        assert!(!text.contains(needle), "{format} output has {needle:?}:\n{text}");
    }
}

fn outcome_report() -> Report {
    let report = every_outcome();
    // Tenants are in path order: fixtures/broken/... before fixtures/tenants/contoso/....
    assert!(report.tenants[0].is_rejected(), "the broken export is rejected");
    let kinds: Vec<&str> = report.tenants[1].results.iter().map(|r| r.outcome.kind()).collect();
    for kind in ["pass", "fail", "waived", "not-assessed", "error"] {
        assert!(kinds.contains(&kind), "the fixture report has no {kind} outcome: {kinds:?}");
    }
    report
}

#[test]
fn text_formats_mention_every_outcome() {
    let report = outcome_report();
    for format in [Format::Human, Format::Concise] {
        let text = rendered(format, &report);
        contains_all(
            format,
            &text,
            &[
                "CA009",                                                      // fail
                "1 of 7 assessed rules passed",                               // pass (TEST002)
                "waived: CA014 policy-disabled",                              // waived
                "not assessed (no Intune device compliance export): TEST003", // not assessed
                "TEST001",                                                    // error
                "rule failed to evaluate",
                "sdk-without-depth: rejected, no rule was evaluated", // rejected input
                "m365lint::ingest::truncated_export",
                "2 tenants:",
            ],
        );
    }
}

#[test]
fn json_formats_mention_every_outcome() {
    let report = outcome_report();
    let document: serde_json::Value = serde_json::from_str(&rendered(Format::Json, &report)).unwrap();
    let lines: Vec<serde_json::Value> =
        rendered(Format::JsonLines, &report).lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert_eq!(lines.len(), 3, "two tenants and a summary");
    assert_eq!(lines[2]["type"], "summary");
    assert_eq!(lines[2]["summary"], document["summary"], "the summary line is the report's summary");
    for (index, line) in lines[..2].iter().enumerate() {
        assert_eq!(line["type"], "tenant");
        let mut tenant = line.clone();
        let object = tenant.as_object_mut().unwrap();
        assert_eq!(object.remove("schemaVersion"), Some(serde_json::json!(1)));
        object.remove("type");
        assert_eq!(tenant, document["tenants"][index], "a tenant line is the report's tenant");
    }
    let outcomes: Vec<&str> =
        document["tenants"][1]["results"].as_array().unwrap().iter().map(|r| r["outcome"].as_str().unwrap()).collect();
    for kind in ["pass", "fail", "waived", "not-assessed", "error"] {
        assert!(outcomes.contains(&kind), "{outcomes:?}");
    }
    assert_eq!(document["tenants"][0]["status"], "rejected");
}

#[test]
fn sarif_mentions_every_outcome() {
    let report = outcome_report();
    let sarif: serde_json::Value = serde_json::from_str(&rendered(Format::Sarif, &report)).unwrap();
    let run = &sarif["runs"][0];
    let results = run["results"].as_array().unwrap();
    let of = |rule: &'static str| results.iter().filter(move |r| r["ruleId"] == rule);
    assert!(of("CA009").all(|r| r.get("suppressions").is_none() && r["level"] == "warning"), "fail (medium)");
    let waived: Vec<_> = of("CA014").collect();
    assert_eq!(waived.len(), 1);
    assert_eq!(waived[0]["suppressions"][0]["kind"], "external", "waived");
    assert_eq!(
        waived[0]["suppressions"][0]["justification"],
        "Kept disabled for the Zürich office migration rollback plan; not planned to be enabled"
    );
    assert_eq!(run["properties"]["summary"]["rules"]["passed"], 1, "pass");
    assert!(of("TEST002").next().is_none() && of("TEST003").next().is_none(), "no result without a finding");
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notifications = invocation["toolExecutionNotifications"].as_array().unwrap();
    let about = |rule: &str| {
        notifications.iter().find(|n| n["associatedRule"]["id"] == rule).unwrap_or_else(|| panic!("{rule}"))
    };
    assert_eq!(about("TEST001")["level"], "error", "error");
    assert_eq!(about("TEST003")["level"], "note", "not assessed");
    assert!(about("TEST003")["message"]["text"].as_str().unwrap().contains("not assessed: no Intune"));
    let rejected = notifications
        .iter()
        .find(|n| n["descriptor"]["id"] == "m365lint::ingest::truncated_export")
        .expect("the rejected input is a notification");
    assert_eq!(rejected["level"], "error");
    assert_eq!(
        rejected["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "fixtures/broken/sdk-without-depth.json"
    );
    let warnings = invocation["toolConfigurationNotifications"].as_array().unwrap();
    assert!(warnings.iter().any(|n| n["descriptor"]["id"] == "m365lint::waiver::expired"));
}

#[test]
fn junit_mentions_every_outcome() {
    let report = outcome_report();
    let xml = rendered(Format::Junit, &report);
    let case = |name: &str| {
        let start = xml.find(&format!("<testcase name=\"{name}\"")).unwrap_or_else(|| panic!("no case {name}:\n{xml}"));
        let end = xml[start..].find("</testcase>").map_or(xml.len(), |i| start + i);
        let next = xml[start + 1..].find("<testcase").map_or(xml.len(), |i| start + 1 + i);
        &xml[start..end.min(next)]
    };
    let passed = case("TEST002 always-passes");
    assert!(!passed.contains("<failure") && !passed.contains("<skipped") && !passed.contains("<error"), "{passed}");
    assert!(case("CA009 policy-report-only").contains("<failure"), "fail");
    let waived = case("CA014 policy-disabled");
    assert!(
        !waived.contains("<failure") && waived.contains("<system-out>waived: every finding is accepted"),
        "{waived}"
    );
    assert!(case("TEST003 needs-intune").contains("<skipped message=\"not assessed: no Intune"), "not assessed");
    assert!(case("TEST001 broken-rule").contains("<error"), "error");
    assert!(case("exports can be read").contains("<error"), "rejected");
    assert!(
        xml.contains("classname=\"conditional-access-policies\"")
            && xml.contains("<testsuite name=\"sdk-without-depth\"")
    );
}

#[test]
fn github_commands_mention_every_outcome() {
    let report = outcome_report();
    let log = rendered(Format::Github, &report);
    contains_all(
        Format::Github,
        &log,
        &[
            "::warning file=fixtures/tenants/contoso/conditional-access-policies.json,line=10,col=22,endColumn=57,title=CA009 policy-report-only::[medium]",
            "waived: CA014 policy-disabled",
            "::notice title=1 rule not assessed::conditional-access-policies: TEST003 (no Intune device compliance export)",
            "::error title=TEST001 broken-rule::conditional-access-policies: rule failed to evaluate",
            "::error file=fixtures/broken/sdk-without-depth.json,line=4,col=23",
            "1 of 7 assessed rules passed",
        ],
    );
    let waived_annotation = log.lines().any(|line| line.starts_with("::") && line.contains("title=CA014"));
    assert!(!waived_annotation, "waived findings are not annotated:\n{log}");
}

#[test]
fn gap_reports_mention_every_outcome() {
    let report = outcome_report();
    for format in [Format::Markdown, Format::Html] {
        let text = rendered(format, &report);
        contains_all(
            format,
            &text,
            &[
                "CA009",
                "Zero Trust cross-checks",
                "100 %", // TEST002 passed: the only assessed Zero Trust rule
                "Kept disabled for the Zürich office migration rollback plan",
                "Sven Müller",
                "2099-06-30",
                "TEST003",
                "no Intune device compliance export",
                "TEST001",
                "rule failed to evaluate",
                "sdk-without-depth.json",
                "expected an object, found",
            ],
        );
    }
    contains_all(
        Format::Markdown,
        &rendered(Format::Markdown, &report),
        &["### Waived: documented as not planned", "**Rejected:**"],
    );
    contains_all(Format::Html, &rendered(Format::Html, &report), &["Documented as not planned (waived)", "Rejected:"]);
}

#[test]
fn csv_has_a_row_per_finding_and_nothing_else() {
    let report = outcome_report();
    let csv = rendered(Format::Csv, &report);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let findings: usize = report.tenants.iter().flat_map(|t| &t.results).map(|r| r.outcome.findings().len()).sum();
    assert_eq!(rows.len(), findings);
    let waived: Vec<(&str, &str)> = rows.iter().filter(|r| &r[11] == "true").map(|r| (&r[2], &r[12])).collect();
    assert!(waived.contains(&(
        "CA014",
        "Kept disabled for the Zürich office migration rollback plan; not planned to be enabled"
    )));
    assert!(rows.iter().any(|r| &r[2] == "CA009" && &r[11] == "false"));
    lacks_all(Format::Csv, &csv, &["TEST001", "TEST002", "TEST003", "sdk-without-depth"]);
}

#[test]
fn export_text_is_escaped_in_every_format() {
    let report = outcome_report();
    for format in Format::ALL {
        let text = rendered(format, &report);
        if matches!(format, Format::Human | Format::Concise | Format::Github) {
            // What CI logs show: no line of export text may become a workflow command.
            let injected = text.lines().any(|line| line.starts_with("::error::injected"));
            assert!(!injected, "{format}: a line of export text became a workflow command");
        }
        match format {
            Format::Html | Format::Junit => {
                lacks_all(format, &text, &["<img src=http://127.0.0.1"]);
                contains_all(format, &text, &["&lt;img src=http://127.0.0.1:9/x.png&gt;"]);
            }
            Format::Markdown => {
                contains_all(format, &text, &["\\<img src=http://127.0.0.1:9/x.png\\> 100%, a\\|b: \\*bold\\*"])
            }
            Format::Csv => contains_all(format, &text, &["\"'=HYPERLINK(\"\"http://127.0.0.1:9/\"\")"]),
            Format::Github => contains_all(format, &text, &["100%25, a|b: *bold*%0A::error::injected"]),
            Format::Json | Format::JsonLines | Format::Sarif => {
                contains_all(format, &text, &[&serde_json::to_string(HOSTILE).unwrap()[1..40]])
            }
            Format::Human | Format::Concise => {}
        }
    }
}
