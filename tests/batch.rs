//! Batch runs: `--jobs`, `--shard`, output streamed per tenant, no progress bar when piped,
//! and exports released from memory once nothing needs their text.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use common::{Mixed, human, lint, m365lint, setup_with_config};
use m365lint::engine::Queries;
use m365lint::lint::{Batch, lint_batch};
use m365lint::model::{Outcome, Severity};
use m365lint::report::{
    Format, JsonSpool, RenderOptions, Report, SarifSpool, render, render_human_end, untrusted_lines, write_summary_line,
};

/// Rejected, failing, clean and partial tenants: every kind a batch meets.
const TENANTS: [&str; 6] = [
    "fixtures/tenants/northwind",
    "fixtures/tenants/contoso",
    "fixtures/broken/empty.json",
    "fixtures/tenants/fabrikam-hardened",
    "fixtures/ingest/intune/graph-v1-bare-array.json",
    "fixtures/broken/cut-off-download.json",
];

fn rendered(format: Format, report: &Report) -> String {
    let mut out = Vec::new();
    render(format, report, &RenderOptions::plain(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn tenant_paths(stdout: &str) -> Vec<String> {
    let report: serde_json::Value = serde_json::from_str(stdout).unwrap();
    report["tenants"].as_array().unwrap().iter().map(|t| t["path"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn shards_split_the_tenants_so_that_each_is_linted_exactly_once() {
    let mut seen = Vec::new();
    let mut sizes = Vec::new();
    for shard in ["1/3", "2/3", "3/3"] {
        let mut args = vec!["check", "--format", "json", "--shard", shard];
        args.extend(TENANTS);
        let run = m365lint(&args);
        assert!(run.code == 1 || run.code == 2, "{shard}: {}", run.stderr);
        let paths = tenant_paths(&run.stdout);
        sizes.push(paths.len());
        seen.extend(paths);
    }
    assert_eq!(sizes, [2, 2, 2]);
    let all: BTreeSet<&str> = TENANTS.into_iter().collect();
    assert_eq!(seen.len(), TENANTS.len(), "no tenant twice: {seen:?}");
    assert_eq!(seen.iter().map(String::as_str).collect::<BTreeSet<_>>(), all);
}

#[test]
fn a_shard_without_tenants_says_so_and_passes() {
    let run = m365lint(&["check", "--shard", "4/4", "fixtures/tenants/contoso", "fixtures/tenants/northwind"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stderr.contains("shard 4/4 has none of the 2 tenants"), "{}", run.stderr);
}

#[test]
fn bad_shards_and_job_counts_are_usage_errors() {
    for args in [["--shard", "0/2"], ["--shard", "3/2"], ["--shard", "two"], ["--jobs", "0"], ["--jobs", "x"]] {
        let mut full = vec!["check", "fixtures/tenants/contoso"];
        full.extend(args);
        let run = m365lint(&full);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(args[0]), "{args:?} names the option: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}: nothing is linted");
    }
}

#[test]
fn the_number_of_jobs_does_not_change_the_report() {
    let report = |jobs: &str| {
        let mut args = vec!["check", "--format", "json", "--jobs", jobs];
        args.extend(TENANTS);
        let run = m365lint(&args);
        assert_eq!(run.code, 2, "{}", run.stderr);
        run.stdout
    };
    let one = report("1");
    assert_eq!(one, report("2"));
    assert_eq!(one, report("7"), "more jobs than cores or tenants");
}

#[test]
fn human_output_streamed_per_tenant_is_the_whole_report_rendered() {
    let paths = ["fixtures/tenants/contoso", "fixtures/tenants/northwind", "fixtures/broken/empty.json"];
    let mut args = vec!["check"];
    args.extend(paths);
    let run = m365lint(&args);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, human(&lint(&paths, None)));
    // Piped: no progress bar (nor anything else) on stderr.
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn no_progress_bar_when_output_is_piped() {
    let mut args = vec!["check", "--format", "concise"];
    args.extend(TENANTS);
    let run = m365lint(&args);
    assert_eq!(run.code, 2);
    assert!(!run.stderr.contains("linting tenants"), "{}", run.stderr);
}

/// With `release_sources`, the report keeps no export text, yet every format but `human`
/// (drawn while the tenant is in memory) renders exactly as from a report that kept them.
#[test]
fn released_exports_change_no_report_but_the_snippets() {
    let setup = setup_with_config("fixtures/config/waivers/contoso.toml");
    let run = setup.run();
    let paths: Vec<PathBuf> = TENANTS.iter().map(PathBuf::from).collect();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    let mut drawn = Vec::new();
    let released = lint_batch(
        &paths,
        &run,
        &Batch { pool: Some(&pool), release_sources: true, drop_streamed: false, redactor: None },
        &mut |tenant| {
            // The sink still sees the text.
            for result in &tenant.results {
                for finding in result.outcome.findings() {
                    drawn.push(finding.location.as_ref().is_some_and(|l| !l.source.text.is_empty()));
                }
            }
        },
    );
    let kept = m365lint::lint::lint(&paths, &run);
    assert!(!drawn.is_empty() && drawn.iter().all(|&has_text| has_text));

    let mut locations = 0;
    for tenant in &released.tenants {
        for result in &tenant.results {
            if let Outcome::Fail(findings) | Outcome::Waived(findings) = &result.outcome {
                for finding in findings {
                    let all = finding.location.iter().chain(finding.related.iter().filter_map(|e| e.location.as_ref()));
                    for location in all {
                        assert!(location.source.text.is_empty(), "{} keeps its text", location.source.path);
                        assert!(location.line > 0 && location.end_line >= location.line);
                        locations += 1;
                    }
                }
            }
        }
    }
    assert!(locations > 100, "{locations}");
    for format in Format::ALL.into_iter().filter(|f| *f != Format::Human) {
        assert_eq!(rendered(format, &released), rendered(format, &kept), "{}", format.name());
    }
}

/// When every output streams, the run keeps only the tenants that make it untrustworthy (which
/// the closing lines name) and the counts of the others; the spooled JSON report, the closing
/// lines and the exit code are exactly those of a run that kept everything.
#[test]
fn a_streamed_run_keeps_counts_not_findings_and_reports_the_same() {
    let setup = setup_with_config("fixtures/config/waivers/contoso.toml");
    let run = setup.run();
    let paths: Vec<PathBuf> = TENANTS.iter().map(PathBuf::from).collect();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    let mut spool = JsonSpool::new().unwrap();
    let batch = Batch { pool: Some(&pool), release_sources: true, drop_streamed: true, redactor: None };
    let streamed = lint_batch(&paths, &run, &batch, &mut |tenant| spool.add(tenant).unwrap());
    let kept = m365lint::lint::lint(&paths, &run);

    let held: Vec<&str> = streamed.tenants.iter().map(|t| t.path.as_str()).collect();
    assert_eq!(held, ["fixtures/broken/cut-off-download.json", "fixtures/broken/empty.json"]);
    assert_eq!(streamed.streamed, TENANTS.len() - 2);
    assert!(kept.summary.total_findings() > 50, "{:?}", kept.summary);
    assert_eq!(streamed.summary, kept.summary);
    let ids = |report: &Report| report.rules.iter().map(|rule| rule.id.to_string()).collect::<Vec<_>>();
    assert_eq!(ids(&streamed), ids(&kept));
    assert_eq!(streamed.warnings, kept.warnings);
    for severity in [Severity::Info, Severity::Low, Severity::High, Severity::Critical] {
        assert_eq!(streamed.exit_code(severity), kept.exit_code(severity));
    }
    assert_eq!(untrusted_lines(&streamed), untrusted_lines(&kept));

    let mut spooled = Vec::new();
    spool.finish(&streamed, &mut spooled).unwrap();
    assert_eq!(String::from_utf8(spooled).unwrap(), rendered(Format::Json, &kept));
    let mut end = (Vec::new(), Vec::new());
    write_summary_line(&streamed, &mut end.0).unwrap();
    write_summary_line(&kept, &mut end.1).unwrap();
    assert_eq!(end.0, end.1);
    let (mut human_end, mut kept_end) = (Vec::new(), Vec::new());
    render_human_end(&streamed, RenderOptions::plain().human, &mut human_end).unwrap();
    render_human_end(&kept, RenderOptions::plain().human, &mut kept_end).unwrap();
    assert_eq!(String::from_utf8(human_end).unwrap(), String::from_utf8(kept_end).unwrap());
}

/// The spooled SARIF log of a streamed run is byte for byte that of a run that kept every
/// tenant, though the rules' indices are known only at the end (a tenant's own configuration
/// selects a rule that sorts before the run's) and the run's warnings come before the tenants'
/// notifications: with results from dropped and kept tenants, rule errors, rules not assessed,
/// waived findings, waiver warnings of the run and of a tenant, and rejected tenants.
#[test]
fn a_streamed_run_spools_the_sarif_log_of_a_run_that_kept_everything() {
    let mixed = Mixed::new();
    let setup = setup_with_config(mixed.config.to_str().unwrap());
    let run = setup.run();
    let paths = mixed.path_bufs();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    let mut spool = SarifSpool::new(&RenderOptions::plain()).unwrap();
    let batch = Batch { pool: Some(&pool), release_sources: true, drop_streamed: true, redactor: None };
    let streamed = lint_batch(&paths, &run, &batch, &mut |tenant| spool.add(tenant).unwrap());
    let kept = m365lint::lint::lint(&paths, &run);

    // The run has everything the log must get right.
    assert_eq!(streamed.streamed, 2, "own-rules and the Intune export are dropped");
    assert_eq!(streamed.summary, kept.summary);
    let s = &kept.summary;
    assert!(s.total_findings() > 20 && s.waived > 0 && s.errors > 0 && s.not_assessed > 0, "{s:?}");
    assert_eq!(s.rejected_tenants, 2, "{s:?}");
    assert!(setup.settings.rules.iter().all(|rule| rule.id.as_str() != "CA001"));
    assert_eq!(streamed.rules[0].id.as_str(), "CA001", "only the tenant's own configuration selects it");
    assert!(!kept.warnings.is_empty(), "the run's expired and unmatched waivers");
    let tenant_waiver = |t: &m365lint::report::TenantReport| t.warnings.iter().any(|w| w.code.contains("waiver"));
    assert!(kept.tenants.iter().any(tenant_waiver), "own-rules' unmatched waiver");

    let mut spooled = Vec::new();
    spool.finish(&streamed, &mut spooled).unwrap();
    assert_eq!(String::from_utf8(spooled).unwrap(), rendered(Format::Sarif, &kept));
}

/// On a terminal (a pseudo-terminal from util-linux `script`), the bar is drawn on stderr,
/// but not when `CI` is set.
#[test]
fn a_progress_bar_on_a_terminal_but_not_in_ci() {
    if std::process::Command::new("script").arg("--version").output().is_err() {
        eprintln!("SKIPPED: util-linux `script` (for a pseudo-terminal) is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let mut command = format!("{} check --format json --output {}", env!("CARGO_BIN_EXE_m365lint"), report.display());
    for tenant in TENANTS {
        command.push(' ');
        command.push_str(tenant);
    }
    let on_terminal = |ci: bool| {
        let mut script = std::process::Command::new("script");
        script.args(["-qec", &command, "/dev/null"]).current_dir(env!("CARGO_MANIFEST_DIR"));
        if ci {
            script.env("CI", "true");
        } else {
            script.env_remove("CI");
        }
        let output = script.output().unwrap();
        assert_eq!(output.status.code(), Some(2));
        assert_eq!(tenant_paths(&std::fs::read_to_string(&report).unwrap()).len(), TENANTS.len());
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    assert!(on_terminal(false).contains("linting tenants"), "a bar on a terminal");
    assert!(!on_terminal(true).contains("linting tenants"), "no bar under CI");
}

/// A batch evaluates a tenant's areas in one query while other tenants keep the threads busy:
/// the results must be those of a query per area, for the batch's tenants and every rule
/// fixture.
#[test]
fn one_query_per_tenant_gives_the_results_of_a_query_per_area() {
    let setup = setup_with_config("fixtures/config/waivers/contoso.toml");
    let mut paths: Vec<PathBuf> = TENANTS.iter().map(PathBuf::from).collect();
    let mut rules: Vec<PathBuf> =
        std::fs::read_dir("fixtures/rules").unwrap().map(|entry| entry.unwrap().path()).collect();
    rules.sort();
    for rule in rules {
        let mut fixtures: Vec<PathBuf> = std::fs::read_dir(&rule)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.file_name().is_some_and(|name| name.to_string_lossy().starts_with(['p', 'f'])))
            .collect();
        fixtures.sort();
        paths.extend(fixtures);
    }
    let mut compared = 0;
    for path in &paths {
        let Ok(tenant) = m365lint::ingest::load_tenant(path) else { continue };
        let rules = &setup.settings.rules;
        let per_area = m365lint::lint::evaluate_by(&tenant, rules, &setup.engine, Queries::PerArea);
        let one_query = m365lint::lint::evaluate_by(&tenant, rules, &setup.engine, Queries::PerTenant);
        assert!(per_area == one_query, "{}: the results differ", path.display());
        compared += 1;
    }
    assert!(compared > 100, "{compared} tenants compared");
}
