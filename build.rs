//! Embeds every `.rego` file under `policies/` into the binary, so the built-in catalog needs
//! nothing on disk at run time, and each rule's first failing fixture (`fixtures/rules/<ID>/
//! fail*`, with the rule's `m365lint.toml`), which `m365lint explain` runs as its example. The
//! lists are generated, never maintained by hand.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let policies = root.join("policies");
    println!("cargo:rerun-if-changed={}", policies.display());

    let mut files = Vec::new();
    collect(&policies, &mut files);
    files.sort();

    let mut out = String::from("/// Every `.rego` file under `policies/`: (path relative to the repository, text).\n");
    out.push_str("pub static EMBEDDED_POLICIES: &[(&str, &str)] = &[\n");
    for file in &files {
        let relative = file.strip_prefix(&root).expect("policy files live under the manifest dir");
        let relative = relative.to_string_lossy().replace('\\', "/");
        writeln!(out, "    ({relative:?}, include_str!({:?})),", file.display().to_string()).expect("write to String");
    }
    out.push_str("];\n");

    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out_dir.join("embedded_policies.rs"), out).expect("write embedded_policies.rs");
    std::fs::write(out_dir.join("embedded_examples.rs"), examples(&root)).expect("write embedded_examples.rs");
}

/// Each rule's failing example: the first entry of `fixtures/rules/<ID>/` named `fail...`
/// (sorted by name), a file or a directory of export files, as bytes (exports may be UTF-16),
/// and the rule's `m365lint.toml` when it has one.
fn examples(root: &Path) -> String {
    let rules = root.join("fixtures").join("rules");
    println!("cargo:rerun-if-changed={}", rules.display());
    let mut ids: Vec<PathBuf> = std::fs::read_dir(&rules)
        .map(|entries| entries.flatten().map(|entry| entry.path()).filter(|path| path.is_dir()).collect())
        .unwrap_or_default();
    ids.sort();
    let relative = |path: &Path| {
        path.strip_prefix(root).expect("fixtures live under the manifest dir").to_string_lossy().replace('\\', "/")
    };
    let mut out = String::from(
        "/// Each rule's failing example (rule id, fixture path, files, `m365lint.toml`), by rule id.\n\
         pub static EMBEDDED_EXAMPLES: &[EmbeddedExample] = &[\n",
    );
    for dir in &ids {
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|entries| entries.flatten().map(|entry| entry.path()).collect())
            .unwrap_or_default();
        entries.sort();
        let Some(fixture) = entries.iter().find(|path| file_name(path).starts_with("fail")) else {
            continue;
        };
        let mut files = Vec::new();
        if fixture.is_dir() {
            collect_fixture(fixture, &mut files);
            files.sort();
        } else {
            files.push(fixture.clone());
        }
        let id = file_name(dir);
        writeln!(
            out,
            "    EmbeddedExample {{\n        rule: {id:?},\n        path: {:?},\n        files: &[",
            relative(fixture)
        )
        .expect("write to String");
        for file in &files {
            println!("cargo:rerun-if-changed={}", file.display());
            writeln!(out, "            ({:?}, include_bytes!({:?})),", relative(file), file.display().to_string())
                .expect("write to String");
        }
        // A missing file would make cargo rerun this script on every build; the rule's
        // directory, watched above, already changes when one is added.
        let config = dir.join("m365lint.toml");
        let config = if config.is_file() {
            println!("cargo:rerun-if-changed={}", config.display());
            format!("Some(include_str!({:?}))", config.display().to_string())
        } else {
            "None".to_owned()
        };
        writeln!(out, "        ],\n        config: {config},\n    }},").expect("write to String");
    }
    out.push_str("];\n");
    out
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Every file of a fixture directory, as `m365lint check` reads a tenant directory: hidden
/// files and a tenant's own `m365lint.toml` are not exports.
fn collect_fixture(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = file_name(&path);
        if name.starts_with('.') || name == "m365lint.toml" {
            continue;
        }
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect_fixture(&path, files);
        } else {
            files.push(path);
        }
    }
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, files);
        } else if path.extension().is_some_and(|ext| ext == "rego") {
            println!("cargo:rerun-if-changed={}", path.display());
            files.push(path);
        }
    }
}
