//! The floor of the benchmarks (docs/performance.md): read every export file of the given
//! tenants and parse it with serde_json, nothing else (bytes are decoded first, as any reader
//! must: some exports are UTF-16). Files are processed in parallel (rayon), like `check`
//! processes tenants; `RAYON_NUM_THREADS` sets the threads.
//!
//! ```sh
//! cargo run --release --example parse_floor -- target/corpus/*
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

fn main() {
    let tenants: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let mut files = Vec::new();
    for tenant in &tenants {
        collect(tenant, &mut files);
    }
    let started = Instant::now();
    let bytes: usize = files
        .par_iter()
        .map(|file| {
            let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let source = m365lint::ingest::decode(&file.display().to_string(), &bytes)
                .unwrap_or_else(|p| panic!("{}: {}", file.display(), p.message));
            let value: serde_json::Value =
                serde_json::from_str(&source.text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            std::hint::black_box(value);
            bytes.len()
        })
        .sum();
    let elapsed = started.elapsed();
    println!("{} files, {bytes} bytes, {:.3} s", files.len(), elapsed.as_secs_f64());
}

fn collect(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(path).expect("readable").map(|e| e.expect("entry").path()).collect();
        entries.sort();
        for entry in entries {
            collect(&entry, files);
        }
    } else if path.extension().is_some_and(|e| e == "json") {
        files.push(path.to_path_buf());
    }
}
