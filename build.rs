//! Embeds every `.rego` file under `policies/` into the binary, so the built-in catalog needs
//! nothing on disk at run time. The list is generated, never maintained by hand.

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

    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded_policies.rs");
    std::fs::write(dest, out).expect("write embedded_policies.rs");
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
