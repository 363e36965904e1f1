//! Every fixture, mutated: truncated, bit-flipped, with values swapped for other types,
//! nested 10,000 levels deep, or holding a string of several megabytes. Whatever the damage,
//! `check` must exit 0, 1 or 2 without a panic; damage that makes the JSON invalid must be
//! rejected (exit 2) with a diagnostic that points into the file; and every location in the
//! report must be a real span of its text.
//!
//! The mutations are seeded and deterministic. Most runs are in-process (the library as
//! `check` calls it); a sample goes through the real binary, where a panic would exit 101.

mod common;
mod robustness_support;

use std::path::{Path, PathBuf};

use m365lint::model::Location;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use robustness_support::{Checker, problems};
use serde_json::Value;

const SEED: u64 = 0x6d33_3635_6c69_6e74;

/// How deep the deep-nesting mutations nest.
const DEPTH: usize = 10_000;

/// Size of the huge-string mutation's string.
const HUGE: usize = 3 << 20;

/// Huge strings go into every n-th fixture only: each such run lints, and renders in every
/// format, megabytes of text in a debug build.
const HUGE_SAMPLE: usize = 16;

/// Every n-th mutated file also goes through the binary.
const BINARY_SAMPLE: usize = 40;

/// What a mutation guarantees about its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// The file is not valid JSON any more: exit 2 with a located diagnostic.
    Invalid,
    /// Anything but a panic: exit 0, 1 or 2 (the result may still be a valid export).
    Any,
}

struct Mutant {
    name: String,
    bytes: Vec<u8>,
    expect: Expect,
}

#[test]
fn truncated_fixtures_are_rejected_with_a_location() {
    run_mutations("truncation", 1, truncations);
}

#[test]
fn fixtures_with_flipped_bytes_never_panic() {
    run_mutations("byte flips", 1, byte_flips);
}

#[test]
fn fixtures_with_values_of_another_type_never_panic() {
    run_mutations("type swaps", 1, type_swaps);
}

#[test]
fn deeply_nested_fixtures_are_rejected_with_a_location() {
    run_mutations("deep nesting", 1, deep_nesting);
}

#[test]
fn fixtures_with_huge_strings_never_panic() {
    run_mutations("huge strings", HUGE_SAMPLE, huge_strings);
}

/// Every JSON fixture (exports, tenants, rule cases, broken inputs), sorted.
fn fixture_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    collect_ext(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"), "json", &mut files);
    files.sort();
    assert!(files.len() > 100, "the fixtures are found ({} files)", files.len());
    files
}

/// Applies `mutate` to every `every`-th fixture and checks each mutant; reports every failure
/// at once.
fn run_mutations(kind: &str, every: usize, mutate: fn(&[u8], &mut StdRng) -> Vec<Mutant>) {
    let checker = Checker::new();
    let scratch = tempfile::tempdir().expect("a temporary directory");
    let root = format!("{}/", env!("CARGO_MANIFEST_DIR"));
    let mut failures = Vec::new();
    let mut count = 0;
    for (index, fixture) in fixture_files().iter().enumerate().step_by(every) {
        let bytes = std::fs::read(fixture).expect("the fixture reads");
        let name = fixture.display().to_string().replace(&root, "");
        let mut rng = StdRng::seed_from_u64(SEED ^ fnv(name.as_bytes()));
        for mutant in mutate(&bytes, &mut rng) {
            count += 1;
            let path = scratch.path().join(format!("{index}-{}.json", mutant.name));
            std::fs::write(&path, &mutant.bytes).expect("the mutant is written");
            let what = format!("{name} ({})", mutant.name);
            let through_binary = count % BINARY_SAMPLE == 0;
            if let Err(failure) = check_mutant(&checker, &path, mutant.expect, through_binary) {
                failures.push(format!("{what}: {failure}"));
            }
            std::fs::remove_file(&path).expect("the mutant is removed");
        }
    }
    assert!(count * every > 100, "{kind}: only {count} mutants");
    assert!(failures.is_empty(), "{kind}: {} of {count} mutants failed:\n{}", failures.len(), failures.join("\n"));
}

fn check_mutant(checker: &Checker, path: &Path, expect: Expect, through_binary: bool) -> Result<(), String> {
    let checked = checker.check(path).map_err(|panic| format!("panicked: {panic}"))?;
    let found: Vec<_> = problems(&checked.report).collect();
    for problem in &found {
        if let Some(fault) = problem.location.as_ref().and_then(Location::fault) {
            return Err(format!("{} has a bad location: {fault}", problem.code));
        }
    }
    match expect {
        Expect::Invalid if checked.code != 2 => return Err(format!("exit {} for invalid JSON", checked.code)),
        Expect::Invalid if !found.iter().any(|problem| problem.location.is_some()) => {
            let codes: Vec<&str> = found.iter().map(|problem| problem.code.as_str()).collect();
            return Err(format!("invalid JSON rejected without a location: {codes:?}"));
        }
        _ if checked.code > 2 => return Err(format!("exit {}", checked.code)),
        _ => {}
    }
    if through_binary {
        let path = path.to_str().expect("temporary paths are UTF-8");
        let run = common::m365lint(&["check", path, "--format", "concise"]);
        if i32::from(checked.code) != run.code {
            return Err(format!("the binary exits {}, the library {}:\n{}", run.code, checked.code, run.stderr));
        }
    }
    Ok(())
}

/// FNV-1a: a stable per-file seed (std's hasher may change between releases).
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// The fixture as a JSON document, when it is plain UTF-8 JSON (optionally with a BOM).
fn json_of(bytes: &[u8]) -> Option<Value> {
    serde_json::from_slice(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).ok()
}

/// Whether these bytes are valid UTF-8 JSON (the oracle for mutants of UTF-8 fixtures).
fn is_json(bytes: &[u8]) -> bool {
    json_of(bytes).is_some()
}

/// Cuts at a quarter, half, three quarters and one byte before the end of the content.
/// Cutting a UTF-8 JSON document inside its content always leaves invalid JSON; a UTF-16 file
/// is then invalid UTF-16 or truncated JSON: rejected either way.
fn truncations(bytes: &[u8], _rng: &mut StdRng) -> Vec<Mutant> {
    let content = bytes.len() - bytes.iter().rev().take_while(|b| b.is_ascii_whitespace() || **b == 0).count();
    let mut points = vec![content / 4, content / 2, content * 3 / 4, content.saturating_sub(1)];
    points.retain(|&at| at > 3);
    points.dedup();
    points
        .into_iter()
        .map(|at| Mutant { name: format!("cut-at-{at}"), bytes: bytes[..at].to_vec(), expect: Expect::Invalid })
        .collect()
}

/// Four mutants, each with one to four bytes XORed with a random mask. The result is judged
/// by a JSON parser: a flip inside a string may keep the file valid.
fn byte_flips(bytes: &[u8], rng: &mut StdRng) -> Vec<Mutant> {
    if bytes.is_empty() {
        return Vec::new();
    }
    let utf8_json = is_json(bytes);
    (0..4)
        .map(|n| {
            let mut flipped = bytes.to_vec();
            let flips = rng.random_range(1..=4);
            for _ in 0..flips {
                let at = rng.random_range(0..flipped.len());
                flipped[at] ^= rng.random_range(1..=255u8);
            }
            let expect = if utf8_json && !is_json(&flipped) { Expect::Invalid } else { Expect::Any };
            Mutant { name: format!("flip-{n}"), bytes: flipped, expect }
        })
        .collect()
}

/// Three mutants, each with up to three values replaced by a value of another type
/// (string → number → array → null → string; objects and booleans become strings), written
/// compact or pretty-printed with CRLF.
fn type_swaps(bytes: &[u8], rng: &mut StdRng) -> Vec<Mutant> {
    let Some(document) = json_of(bytes) else { return Vec::new() };
    let pointers = value_pointers(&document);
    if pointers.is_empty() {
        return Vec::new();
    }
    (0..3)
        .map(|n| {
            let mut swapped = document.clone();
            for _ in 0..rng.random_range(1..=3) {
                let pointer = &pointers[rng.random_range(0..pointers.len())];
                if let Some(value) = swapped.pointer_mut(pointer) {
                    *value = other_type(value);
                }
            }
            let text = if rng.random_bool(0.5) {
                serde_json::to_string(&swapped)
            } else {
                serde_json::to_string_pretty(&swapped).map(|text| text.replace('\n', "\r\n"))
            };
            Mutant {
                name: format!("swap-{n}"),
                bytes: text.expect("JSON serializes").into_bytes(),
                expect: Expect::Any,
            }
        })
        .collect()
}

fn other_type(value: &Value) -> Value {
    match value {
        Value::String(text) => Value::from(text.len()),
        Value::Number(number) => Value::Array(vec![Value::Number(number.clone())]),
        Value::Array(_) => Value::Null,
        Value::Null => Value::from("null"),
        Value::Bool(flag) => Value::from(flag.to_string()),
        Value::Object(_) => Value::from("System.Collections.Hashtable"),
    }
}

/// JSON pointers of every value below the root.
fn value_pointers(document: &Value) -> Vec<String> {
    fn walk(value: &Value, pointer: &str, out: &mut Vec<String>) {
        let children: Vec<(String, &Value)> = match value {
            Value::Object(map) => {
                map.iter().map(|(key, child)| (key.replace('~', "~0").replace('/', "~1"), child)).collect()
            }
            Value::Array(items) => items.iter().enumerate().map(|(i, child)| (i.to_string(), child)).collect(),
            _ => return,
        };
        for (segment, child) in children {
            let child_pointer = format!("{pointer}/{segment}");
            out.push(child_pointer.clone());
            walk(child, &child_pointer, out);
        }
    }
    let mut out = Vec::new();
    walk(document, "", &mut out);
    out
}

/// A value replaced by 10,000 nested lists (closed, or left open), and 10,000 unclosed `{"a":`
/// appended where the document ends. All too deep for a JSON parser to accept.
fn deep_nesting(bytes: &[u8], rng: &mut StdRng) -> Vec<Mutant> {
    let mut mutants = Vec::new();
    let closed = format!("{}{}", "[".repeat(DEPTH), "]".repeat(DEPTH));
    let open = "[".repeat(DEPTH);
    if let Some(document) = json_of(bytes) {
        let pointers = value_pointers(&document);
        if !pointers.is_empty() {
            let pointer = &pointers[rng.random_range(0..pointers.len())];
            for (name, nested) in [("nested-lists", &closed), ("nested-open-lists", &open)] {
                mutants.push(Mutant {
                    name: name.into(),
                    bytes: replace_value(&document, pointer, nested),
                    expect: Expect::Invalid,
                });
            }
        }
    }
    let mut objects = bytes.to_vec();
    objects.extend("{\"a\":".repeat(DEPTH).into_bytes());
    let expect = if is_json(bytes) { Expect::Invalid } else { Expect::Any };
    mutants.push(Mutant { name: "nested-objects".into(), bytes: objects, expect });
    mutants
}

/// The document, compact, with the value at `pointer` replaced by raw `text`.
fn replace_value(document: &Value, pointer: &str, text: &str) -> Vec<u8> {
    const MARK: &str = "\u{1}m365lint-mutation\u{1}";
    let mut marked = document.clone();
    *marked.pointer_mut(pointer).expect("the pointer was taken from this document") = Value::from(MARK);
    let serialized = serde_json::to_string(&marked).expect("JSON serializes");
    serialized.replacen(&serde_json::to_string(MARK).expect("a string serializes"), text, 1).into_bytes()
}

/// A random string value (or, without one, a random value) replaced by a string of 3 MiB of
/// mixed ASCII, non-ASCII and escapes; and a 3 MiB string appended after the document.
fn huge_strings(bytes: &[u8], rng: &mut StdRng) -> Vec<Mutant> {
    let Some(document) = json_of(bytes) else { return Vec::new() };
    let unit = "Zürich \\\"MFA\\\" \\u00e9\\r\\n 日本 ";
    let huge = format!("\"{}\"", unit.repeat(HUGE / unit.len()));
    let pointers = value_pointers(&document);
    let strings: Vec<&String> =
        pointers.iter().filter(|pointer| document.pointer(pointer).is_some_and(Value::is_string)).collect();
    let mut mutants = Vec::new();
    let target = if strings.is_empty() {
        pointers.get(rng.random_range(0..pointers.len().max(1)))
    } else {
        Some(strings[rng.random_range(0..strings.len())])
    };
    if let Some(pointer) = target {
        mutants.push(Mutant {
            name: "huge-value".into(),
            bytes: replace_value(&document, pointer, &huge),
            expect: Expect::Any,
        });
    }
    let mut trailing = bytes.to_vec();
    trailing.extend(huge.into_bytes());
    mutants.push(Mutant { name: "huge-trailing".into(), bytes: trailing, expect: Expect::Invalid });
    mutants
}

/// Configuration files (fixtures/config, the rule cases' `m365lint.toml`) get the same
/// damage, as `check --config FILE` reads them: never a panic, every located problem a real
/// span, and a sample through the binary exits 0, 1 or 2 as the library says.
#[test]
fn mutated_configuration_files_never_panic() {
    let checker = Checker::new();
    let scratch = tempfile::tempdir().expect("a temporary directory");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut configs = Vec::new();
    collect_ext(&root.join("fixtures"), "toml", &mut configs);
    configs.sort();
    assert!(configs.len() >= 5, "the configuration fixtures are found");
    let tenant = root.join("fixtures/ingest/conditional_access/graph-single-policy.json");
    let mut failures = Vec::new();
    let mut count = 0;
    for (index, config) in configs.iter().enumerate() {
        let bytes = std::fs::read(config).expect("the fixture reads");
        let name = config.strip_prefix(root).expect("under the root").display().to_string();
        let mut rng = StdRng::seed_from_u64(SEED ^ fnv(name.as_bytes()));
        let mut mutants = truncations(&bytes, &mut rng);
        mutants.extend(byte_flips(&bytes, &mut rng));
        let deep = [
            ("nested-arrays", format!("x = {}{}\n", "[".repeat(DEPTH), "]".repeat(DEPTH))),
            ("nested-tables", format!("x = {}1{}\n", "{a = ".repeat(DEPTH), "}".repeat(DEPTH))),
            ("nested-open", format!("x = {}", "[{a = ".repeat(DEPTH))),
            ("huge-string", format!("x = \"{}\"\n", "Zürich \\\" ".repeat(HUGE / 10))),
        ];
        for (what, text) in deep {
            mutants.push(Mutant {
                name: what.into(),
                bytes: [bytes.as_slice(), b"\n", text.as_bytes()].concat(),
                expect: Expect::Any,
            });
        }
        for mutant in mutants {
            count += 1;
            let path = scratch.path().join(format!("{index}-{}.toml", mutant.name));
            std::fs::write(&path, &mutant.bytes).expect("the mutant is written");
            let what = format!("{name} ({})", mutant.name);
            match checker.config_problems(&path) {
                Err(panic) => failures.push(format!("{what}: panicked: {panic}")),
                Ok(found) => {
                    for problem in &found {
                        if let Some(fault) = problem.location.as_ref().and_then(Location::fault) {
                            failures.push(format!("{what}: {} has a bad location: {fault}", problem.code));
                        }
                    }
                    if count % 8 == 0 {
                        let args =
                            ["check", tenant.to_str().expect("UTF-8"), "--config", path.to_str().expect("UTF-8")];
                        let run = common::m365lint(&args);
                        let expected = if found.is_empty() { [0, 1] } else { [2, 2] };
                        if !expected.contains(&run.code) {
                            failures.push(format!("{what}: the binary exits {}: {}", run.code, run.stderr));
                        }
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} configuration mutants failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn collect_ext(dir: &Path, ext: &str, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the fixtures directory reads") {
        let path = entry.expect("a directory entry reads").path();
        if path.is_dir() {
            collect_ext(&path, ext, files);
        } else if path.extension().is_some_and(|found| found == ext) {
            files.push(path);
        }
    }
}
