//! The minimized crashers the fuzzers found (fixtures/fuzz-regressions, see fuzz/README.md),
//! through the real ingest and the `check` binary: no panic, every location a real span, and
//! the exit code each file's name records (`NAME.exit2.json`).
//!
//! A `.json` file is one export; a `.multi` file holds several exports of one tenant joined
//! by the multi-file fuzz targets' separator, and is split into a tenant directory first.

mod common;
mod robustness_support;

use std::path::{Path, PathBuf};

use m365lint::ingest::{Locator, load_tenant};
use m365lint::model::{CanonicalPath, Location};
use robustness_support::{Checker, every_path, problems};

const REGRESSIONS: &str = "fixtures/fuzz-regressions";

/// What `fuzz/src/lib.rs` splits multi-file inputs at.
const FILE_SEPARATOR: &[u8] = b"\n\0--m365lint-next-file--\0\n";

/// One crasher, as a tenant path `check` can read, and the exit code it must get.
struct Regression {
    name: String,
    tenant: PathBuf,
    expected: u8,
}

/// Every crasher, each as a tenant path (`.multi` files split into `scratch`).
fn regressions(scratch: &Path) -> Vec<Regression> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(REGRESSIONS);
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/fuzz-regressions reads")
        .map(|entry| entry.expect("a directory entry reads").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json" || ext == "multi"))
        .collect();
    entries.sort();
    assert!(!entries.is_empty(), "no crashers in {REGRESSIONS}");
    entries
        .into_iter()
        .map(|path| {
            let name = path.file_name().expect("a file name").to_string_lossy().into_owned();
            let expected = expected_code(&name);
            let tenant = if path.extension().is_some_and(|ext| ext == "multi") { split(&path, scratch) } else { path };
            Regression { name, tenant, expected }
        })
        .collect()
}

/// `NAME.exit2.json` → 2.
fn expected_code(name: &str) -> u8 {
    name.split('.')
        .find_map(|part| part.strip_prefix("exit").and_then(|code| code.parse().ok()))
        .unwrap_or_else(|| panic!("{name} does not record its exit code (NAME.exitN.json)"))
}

/// Writes the exports of a `.multi` file into a tenant directory of their own.
fn split(path: &Path, scratch: &Path) -> PathBuf {
    let bytes = std::fs::read(path).expect("the crasher reads");
    let tenant = scratch.join(path.file_stem().expect("a file stem"));
    std::fs::create_dir_all(&tenant).expect("the tenant directory is created");
    let mut rest = bytes.as_slice();
    let mut index = 0;
    loop {
        let at = rest.windows(FILE_SEPARATOR.len()).position(|window| window == FILE_SEPARATOR);
        let (file, next) = match at {
            Some(at) => (&rest[..at], &rest[at + FILE_SEPARATOR.len()..]),
            None => (rest, &[][..]),
        };
        std::fs::write(tenant.join(format!("fuzz-{index}.json")), file).expect("an export is written");
        index += 1;
        if at.is_none() {
            break;
        }
        rest = next;
    }
    tenant
}

#[test]
fn every_crasher_ingests_with_real_spans() {
    let scratch = tempfile::tempdir().expect("a temporary directory");
    for regression in regressions(scratch.path()) {
        let name = &regression.name;
        match load_tenant(&regression.tenant) {
            Ok(tenant) => {
                assert_ne!(regression.expected, 2, "{name} is accepted, but its name says exit 2");
                let locator = Locator::new(&tenant);
                for (path, _) in every_path(&tenant.document) {
                    if let Some(resolved) = locator.locate(&CanonicalPath::new(path.clone())) {
                        let fault = resolved.location.fault();
                        assert!(fault.is_none(), "{name}: {path:?}: {fault:?}");
                    }
                }
            }
            Err(found) => {
                assert_eq!(regression.expected, 2, "{name} is rejected: {found:?}");
                for problem in found {
                    let fault = problem.location.as_ref().and_then(Location::fault);
                    assert!(fault.is_none(), "{name}: {}: {fault:?}", problem.code);
                }
            }
        }
    }
}

#[test]
fn every_crasher_gets_its_exit_code_in_process() {
    let scratch = tempfile::tempdir().expect("a temporary directory");
    let checker = Checker::new();
    for regression in regressions(scratch.path()) {
        let name = &regression.name;
        let checked = checker.check(&regression.tenant).unwrap_or_else(|panic| panic!("{name}: {panic}"));
        assert_eq!(checked.code, regression.expected, "{name}");
        for problem in problems(&checked.report) {
            let fault = problem.location.as_ref().and_then(Location::fault);
            assert!(fault.is_none(), "{name}: {}: {fault:?}", problem.code);
        }
    }
}

#[test]
fn every_crasher_gets_its_exit_code_from_the_binary() {
    let scratch = tempfile::tempdir().expect("a temporary directory");
    for regression in regressions(scratch.path()) {
        let tenant = regression.tenant.to_str().expect("paths are UTF-8");
        let run = common::m365lint(&["check", tenant, "--format", "concise"]);
        assert_eq!(run.code, i32::from(regression.expected), "{}:\n{}{}", regression.name, run.stdout, run.stderr);
    }
}
