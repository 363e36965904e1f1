//! Property tests (proptest) of ingest, span mapping and `check`.
//!
//! 1. Realistic exports: every small fixture export that ingests on its own, with its free
//!    text (names, descriptions, comments) replaced by random strings (non-ASCII, quotes,
//!    backslashes, CR/LF, control characters) and written back with random whitespace, CRLF,
//!    escapes and encodings. Such an export must still ingest, every path of its canonical
//!    document must map back to a valid span of its source, a scalar's span must be a whole
//!    JSON value, and each random string must be found exactly at its span.
//! 2. Arbitrary bytes and damaged fixtures: `check` exits 0, 1 or 2, never panics, and every
//!    location it reports is a real span. In-process, with a few cases through the binary.

mod common;
mod robustness_support;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use m365lint::ingest::{FileBytes, Locator, Tenant, decode, load_tenant, read_tenant};
use m365lint::model::{CanonicalPath, PathSegment};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use robustness_support::{Checker, every_path, problems};
use serde_json::Value;

/// Seed exports larger than this are skipped: they slow each case down without adding shapes.
const MAX_SEED_BYTES: u64 = 16 * 1024;

/// Source keys (any case) whose string values are free text, safe to replace.
const FREE_TEXT: [&str; 4] = ["displayname", "description", "comment", "comments"];

/// Characters the random free text is drawn from: what breaks naive span arithmetic.
const TRICKY: &[char] = &[
    'a', 'Z', ' ', 'ü', 'ß', 'é', '日', '本', '😀', '"', '\\', '/', '~', '\r', '\n', '\t', '\u{0}', '\u{1f}', '\u{7f}',
    '\u{2028}', '\u{feff}', '{', '}', '[', ']', ',', ':',
];

/// Every small fixture export under fixtures/ingest that ingests on its own, with its text.
static SEEDS: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    collect_json(&root.join("fixtures/ingest"), &mut files);
    files.sort();
    let seeds: Vec<(String, String)> = files
        .into_iter()
        .filter(|file| std::fs::metadata(file).is_ok_and(|meta| meta.len() <= MAX_SEED_BYTES))
        .filter(|file| load_tenant(file).is_ok())
        .map(|file| {
            let bytes = std::fs::read(&file).expect("the fixture reads");
            let text = decode("seed.json", &bytes).expect("an accepted fixture decodes").text.clone();
            (file.strip_prefix(root).expect("under the root").display().to_string(), text)
        })
        .collect();
    assert!(seeds.len() >= 20, "enough seed exports: {}", seeds.len());
    seeds
});

static CHECKER: LazyLock<Checker> = LazyLock::new(Checker::new);

fn collect_json(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the fixtures directory reads") {
        let path = entry.expect("a directory entry reads").path();
        if path.is_dir() {
            collect_json(&path, files);
        } else if path.extension().is_some_and(|ext| ext == "json") {
            files.push(path);
        }
    }
}

/// How an export is written back: random choices drawn from `seed` at every token.
#[derive(Debug, Clone)]
struct Style {
    seed: u64,
    /// Probability (in percent) that a character of a string is written as a `\u` escape.
    escape_percent: u32,
    crlf: bool,
    encoding: Encoding,
}

#[derive(Debug, Clone, Copy)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16LeBom,
    Utf16BeBom,
}

fn style() -> impl Strategy<Value = Style> {
    (
        any::<u64>(),
        prop_oneof![Just(0u32), 1u32..30, Just(100u32)],
        any::<bool>(),
        prop_oneof![
            Just(Encoding::Utf8),
            Just(Encoding::Utf8Bom),
            Just(Encoding::Utf16LeBom),
            Just(Encoding::Utf16BeBom)
        ],
    )
        .prop_map(|(seed, escape_percent, crlf, encoding)| Style { seed, escape_percent, crlf, encoding })
}

/// Random free text, tagged with a unique marker so it can be found in the canonical document.
fn free_texts() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(prop::collection::vec(prop::sample::select(TRICKY), 0..12), 1..6).prop_map(|texts| {
        texts
            .into_iter()
            .enumerate()
            .map(|(i, chars)| format!("⟦{i}⟧{}", chars.into_iter().collect::<String>()))
            .collect()
    })
}

/// Replaces free-text string values, in document order, by the given texts (cycling).
/// Returns the texts actually written.
fn replace_free_text(value: &mut Value, texts: &[String], next: &mut usize, written: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if child.is_string() && FREE_TEXT.contains(&key.to_ascii_lowercase().as_str()) {
                    let text = &texts[*next % texts.len()];
                    // Unique per replacement: the marker tells the copies apart.
                    let unique = format!("{text}⟦#{}⟧", written.len());
                    *child = Value::from(unique.clone());
                    written.push(unique);
                    *next += 1;
                } else {
                    replace_free_text(child, texts, next, written);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| replace_free_text(item, texts, next, written)),
        _ => {}
    }
}

/// Writes JSON with random whitespace between tokens and random `\u` escapes in strings.
struct Printer {
    rng: StdRng,
    style: Style,
    out: String,
}

impl Printer {
    fn print(value: &Value, style: &Style) -> String {
        let mut printer = Printer { rng: StdRng::seed_from_u64(style.seed), style: style.clone(), out: String::new() };
        printer.space();
        printer.value(value);
        printer.space();
        printer.out
    }

    fn space(&mut self) {
        let newline = if self.style.crlf { "\r\n" } else { "\n" };
        for _ in 0..self.rng.random_range(0..3) {
            match self.rng.random_range(0..4) {
                0 => self.out.push(' '),
                1 => self.out.push('\t'),
                2 => self.out.push_str(newline),
                _ => self.out.push_str("    "),
            }
        }
    }

    fn value(&mut self, value: &Value) {
        match value {
            Value::Object(map) => {
                self.out.push('{');
                for (i, (key, child)) in map.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.space();
                    self.string(key);
                    self.space();
                    self.out.push(':');
                    self.space();
                    self.value(child);
                    self.space();
                }
                self.out.push('}');
            }
            Value::Array(items) => {
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.space();
                    self.value(item);
                    self.space();
                }
                self.out.push(']');
            }
            Value::String(text) => self.string(text),
            scalar => self.out.push_str(&scalar.to_string()),
        }
    }

    fn string(&mut self, text: &str) {
        self.out.push('"');
        for c in text.chars() {
            let escape = self.rng.random_range(0..100) < self.style.escape_percent;
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '/' if escape => self.out.push_str("\\/"),
                '\n' if !escape => self.out.push_str("\\n"),
                '\r' if !escape => self.out.push_str("\\r"),
                '\t' if !escape => self.out.push_str("\\t"),
                c if escape || c < ' ' => {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        self.out.push_str(&format!("\\u{unit:04x}"));
                    }
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }
}

fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        Encoding::Utf16LeBom => {
            [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect()
        }
        Encoding::Utf16BeBom => {
            [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect()
        }
    }
}

/// Whether a span is how a container is shown: `{`, `[`, or `"key": {` / `"key": [`.
fn opens_container(text: &str) -> bool {
    let opens = |rest: &str| rest.trim_start().starts_with(['{', '[']);
    if opens(text) {
        return true;
    }
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<String>();
    match stream.next() {
        Some(Ok(_key)) => text[stream.byte_offset()..].trim_start().strip_prefix(':').is_some_and(opens),
        _ => false,
    }
}

/// Whether the canonical path lies inside one of the area collections (what policies report),
/// where every path must have an origin.
fn in_area(path: &[PathSegment]) -> bool {
    matches!(path.first(), Some(PathSegment::Key(area)) if ["conditional_access", "intune", "dlp", "encryption"].contains(&area.as_str()))
        && path.len() >= 3
}

/// The spans of every canonical path of `tenant`: in the source, on character boundaries,
/// whole JSON values for exact scalars, and each written free text found exactly there.
/// Returns how many canonical values are written free text.
fn assert_spans(tenant: &Tenant, written: &[String]) -> Result<usize, TestCaseError> {
    let locator = Locator::new(tenant);
    let mut found = 0;
    for (path, value) in every_path(&tenant.document) {
        let canonical = CanonicalPath::new(path.clone());
        let Some(resolved) = locator.locate(&canonical) else {
            prop_assert!(!in_area(&path), "{canonical} has no origin");
            continue;
        };
        let location = &resolved.location;
        prop_assert!(location.fault().is_none(), "{canonical}: {:?}", location.fault());
        if !resolved.exact || value.is_object() || value.is_array() {
            continue;
        }
        let text = &location.source.text[location.offset..location.offset + location.length];
        let source: Result<Value, _> = serde_json::from_str(text);
        // A derived value (e.g. a number read from an object of the source) points at the
        // object it came from: the span then opens that container.
        prop_assert!(source.is_ok() || opens_container(text), "{canonical}: the span {text:?} is no JSON value");
        if let Value::String(canonical_text) = value
            && written.contains(canonical_text)
        {
            prop_assert_eq!(source.ok(), Some(value.clone()), "{} is not where its text is", canonical);
            found += 1;
        }
    }
    Ok(found)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_canonical_path_of_a_rewritten_export_maps_to_its_span(
        seed in 0..SEEDS.len(),
        texts in free_texts(),
        style in style(),
    ) {
        let (name, text) = &SEEDS[seed];
        let mut document: Value = serde_json::from_str(text).expect("an accepted fixture is JSON");
        let mut written = Vec::new();
        replace_free_text(&mut document, &texts, &mut 0, &mut written);
        let printed = Printer::print(&document, &style);
        let files = [FileBytes { path: "export.json".into(), bytes: encode(&printed, style.encoding) }];
        let tenant = match read_tenant("t", "t", &files) {
            Ok(tenant) => tenant,
            Err(problems) => {
                let codes: Vec<(&str, &str)> = problems.iter().map(|p| (p.code.as_str(), p.message.as_str())).collect();
                return Err(TestCaseError::fail(format!("{name} rewritten is rejected: {codes:?}\n{printed}")));
            }
        };
        let found = assert_spans(&tenant, &written)?;
        // Free text the canonical schema keeps must come through unchanged.
        prop_assert!(written.is_empty() || found > 0 || !keeps_free_text(&tenant), "{name}: no free text survived");
    }
}

/// Whether the canonical document holds any free-text field at all.
fn keeps_free_text(tenant: &Tenant) -> bool {
    every_path(&tenant.document).iter().any(|(path, value)| {
        value.is_string()
            && matches!(path.last(), Some(PathSegment::Key(key)) if FREE_TEXT.contains(&key.to_ascii_lowercase().as_str()))
    })
}

/// Damage done to a fixture's bytes.
#[derive(Debug, Clone)]
enum Damage {
    Truncate(prop::sample::Index),
    Flip(Vec<(prop::sample::Index, u8)>),
    Insert(prop::sample::Index, Vec<u8>),
    Remove(prop::sample::Index, usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    let token = prop_oneof![
        Just(b"[".to_vec()),
        Just(b"{".to_vec()),
        Just(b"\"".to_vec()),
        Just(b",".to_vec()),
        Just(b"null".to_vec()),
        Just(b"\"System.Collections.Hashtable\"".to_vec()),
        Just(b"\\ud800".to_vec()),
        Just(vec![0xFF]),
        Just(vec![0]),
        prop::collection::vec(any::<u8>(), 1..16),
    ];
    prop_oneof![
        any::<prop::sample::Index>().prop_map(Damage::Truncate),
        prop::collection::vec((any::<prop::sample::Index>(), 1..=255u8), 1..6).prop_map(Damage::Flip),
        (any::<prop::sample::Index>(), token).prop_map(|(at, bytes)| Damage::Insert(at, bytes)),
        (any::<prop::sample::Index>(), 1..64usize).prop_map(|(at, len)| Damage::Remove(at, len)),
    ]
}

fn apply(bytes: &[u8], damage: &Damage) -> Vec<u8> {
    let mut out = bytes.to_vec();
    if out.is_empty() {
        return out;
    }
    match damage {
        Damage::Truncate(at) => out.truncate(at.index(out.len())),
        Damage::Flip(flips) => {
            for (at, mask) in flips {
                let at = at.index(out.len());
                out[at] ^= mask;
            }
        }
        Damage::Insert(at, bytes) => {
            let at = at.index(out.len());
            out.splice(at..at, bytes.iter().copied());
        }
        Damage::Remove(at, len) => {
            let at = at.index(out.len());
            let end = (at + len).min(out.len());
            out.drain(at..end);
        }
    }
    out
}

/// Arbitrary bytes, or a seed export with random damage.
fn check_input() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256),
        (0..SEEDS.len(), prop::collection::vec(damage(), 1..4)).prop_map(|(seed, damages)| {
            damages.iter().fold(SEEDS[seed].1.clone().into_bytes(), |bytes, damage| apply(&bytes, damage))
        }),
    ]
}

/// Runs `check` in-process on the bytes as one export file: exit 0, 1 or 2, no panic, every
/// location real. Returns the exit code.
fn check_bytes(bytes: &[u8], dir: &Path) -> Result<u8, TestCaseError> {
    let path = dir.join("export.json");
    std::fs::write(&path, bytes).expect("the input is written");
    let checked = CHECKER.check(&path).map_err(|panic| TestCaseError::fail(format!("check panicked: {panic}")))?;
    prop_assert!(checked.code <= 2, "exit {}", checked.code);
    for problem in problems(&checked.report) {
        if let Some(location) = &problem.location {
            prop_assert!(location.fault().is_none(), "{}: {:?}", problem.code, location.fault());
        }
    }
    Ok(checked.code)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn check_never_panics_and_exits_0_1_or_2(bytes in check_input()) {
        let dir = tempfile::tempdir().expect("a temporary directory");
        check_bytes(&bytes, dir.path())?;
    }
}

proptest! {
    // The binary costs a process and a catalog build per case: a few cases only.
    #![proptest_config(ProptestConfig { cases: 6, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_binary_agrees_and_never_panics(bytes in check_input()) {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let code = check_bytes(&bytes, dir.path())?;
        let path = dir.path().join("export.json");
        let run = common::m365lint(&["check", path.to_str().expect("temporary paths are UTF-8"), "--format", "json"]);
        prop_assert_eq!(run.code, i32::from(code), "{}", run.stderr);
    }
}
