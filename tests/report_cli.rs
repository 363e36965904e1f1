//! `check --format ... --output ...` on the command line: several formats from one run, the
//! pairing rule, streaming JSON lines, and what exit code 2 says on stderr.

mod report_support;

use report_support::{SAMPLES, cli};

#[test]
fn one_run_writes_several_formats_each_as_a_single_format_run_would() {
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    let (sarif, junit, lines, html) = (file("r.sarif"), file("r.xml"), file("r.jsonl"), file("r.html"));
    let sample = &SAMPLES[0];
    let mut args = sample.args();
    args.extend([
        "--format", "human", "--format", "sarif", "--output", &sarif, "--format", "junit", "--output", &junit,
    ]);
    args.extend(["--format", "json-lines", "--output", &lines, "--format", "html", "--output", &html]);
    let run = cli(&args);
    let alone = |format: &str| {
        let mut args = sample.args();
        args.extend(["--format", format]);
        cli(&args)
    };
    let human = alone("human");
    assert_eq!(run.code, human.code, "{}", run.stderr);
    assert_eq!(run.stdout, human.stdout, "human output on stdout");
    for (path, format) in [(&sarif, "sarif"), (&junit, "junit"), (&lines, "json-lines"), (&html, "html")] {
        let written = std::fs::read_to_string(path).unwrap();
        assert_eq!(written, alone(format).stdout, "{format} written to a file");
    }
}

#[test]
fn an_output_without_format_writes_the_default_human_format() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.txt");
    let mut args = SAMPLES[0].args();
    args.extend(["--output", out.to_str().unwrap()]);
    let run = cli(&args);
    assert_eq!(run.stdout, "");
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains("tenant contoso") && written.contains("assessed rules passed"), "{written}");
    assert!(!written.contains('\u{1b}'), "no colour in files");
}

#[test]
fn ambiguous_format_and_output_pairings_are_usage_errors() {
    for (extra, expected) in [
        (vec!["--format", "json", "--format", "sarif"], "only one format can go to standard output"),
        (vec!["--output", "a.txt", "--format", "json"], "comes before any --format"),
        (vec!["--format", "json", "--output", "a", "--output", "b"], "--format json has two --output files"),
        (
            vec!["--format", "json", "--output", "a", "--format", "csv", "--output", "a"],
            "a is the --output of two formats",
        ),
        (vec!["--format", "pdf"], "invalid value 'pdf'"),
    ] {
        let mut args = vec!["check", "fixtures/tenants/contoso"];
        args.extend(extra.iter());
        let run = cli(&args);
        assert_eq!(run.code, 2, "{extra:?}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{extra:?}: expected {expected:?} in\n{}", run.stderr);
        assert_eq!(run.stdout, "", "nothing is linted");
    }
}

#[test]
fn an_unwritable_output_fails_before_linting() {
    let run = cli(&["check", "fixtures/tenants/contoso", "--format", "sarif", "--output", "no/such/dir/r.sarif"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot write no/such/dir/r.sarif"), "{}", run.stderr);
}

#[test]
fn json_lines_come_in_path_order_whatever_the_argument_order() {
    let args = |paths: &[&'static str]| {
        let mut args = vec!["check"];
        args.extend(paths);
        args.extend(["--format", "json-lines"]);
        cli(&args)
    };
    let run =
        args(&["fixtures/tenants/northwind", "fixtures/broken/sdk-without-depth.json", "fixtures/tenants/contoso"]);
    assert_eq!(run.code, 2, "a rejected tenant");
    let lines: Vec<serde_json::Value> = run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let paths: Vec<&str> = lines.iter().map(|l| l["path"].as_str().unwrap_or("(summary)")).collect();
    assert_eq!(
        paths,
        [
            "fixtures/broken/sdk-without-depth.json",
            "fixtures/tenants/contoso",
            "fixtures/tenants/northwind",
            "(summary)"
        ]
    );
    assert_eq!(lines[3]["type"], "summary");
    assert_eq!(lines[3]["summary"]["tenants"], 3);
    let again =
        args(&["fixtures/tenants/contoso", "fixtures/tenants/northwind", "fixtures/broken/sdk-without-depth.json"]);
    assert_eq!(run.stdout, again.stdout, "deterministic");
}

#[test]
fn exit_code_2_is_explained_on_stderr_when_no_terminal_format_does() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("r.sarif");
    let run = cli(&[
        "check",
        "fixtures/tenants/contoso",
        "fixtures/broken/sdk-without-depth.json",
        "--format",
        "sarif",
        "--output",
        sarif.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("the run cannot be trusted (exit code 2)"), "{}", run.stderr);
    assert!(
        run.stderr.contains("fixtures/broken/sdk-without-depth.json:4:23: m365lint::ingest::truncated_export"),
        "{}",
        run.stderr
    );
    let human = cli(&["check", "fixtures/tenants/contoso", "fixtures/broken/sdk-without-depth.json"]);
    assert_eq!(human.stderr, "", "human output explains it on stdout");
}
