//! What reading a whole tenant costs, phase by phase: decode + parse (the floor any JSON
//! reader pays) against normalize (recognize the export, map it through the canonical schema,
//! assemble the tenant with provenance). Issue 3's target: normalize costs no more than
//! decode + parse (ratio ≤ 1.0). Files are read into memory first: disk is not measured.
//!
//! ```sh
//! cargo bench --bench ingest                        # the bundled whole-tenant samples
//! M365LINT_BENCH_TENANTS=target/corpus/tenant-0001 cargo bench --bench ingest
//! ```
//!
//! The ratio is normalize ÷ decode+parse, read off criterion's medians; docs/performance.md
//! records the latest figure.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use m365lint::ingest::{FileBytes, assemble_tenant, decode, parse, read_export, read_tenant};

fn tenants() -> Vec<PathBuf> {
    match std::env::var("M365LINT_BENCH_TENANTS") {
        Ok(list) => list.split(',').filter(|p| !p.is_empty()).map(PathBuf::from).collect(),
        Err(_) => vec![PathBuf::from("fixtures/tenants/contoso"), PathBuf::from("fixtures/tenants/fabrikam-hardened")],
    }
}

fn files_of(dir: &Path, found: &mut Vec<FileBytes>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            files_of(&entry, found);
        } else if entry.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("json")) {
            let bytes = std::fs::read(&entry).unwrap_or_else(|e| panic!("{}: {e}", entry.display()));
            found.push(FileBytes { path: entry.display().to_string(), bytes });
        }
    }
}

fn ingest(c: &mut Criterion) {
    for tenant in tenants() {
        let name = tenant.file_name().map_or_else(|| tenant.display().to_string(), |n| n.to_string_lossy().into());
        let mut files = Vec::new();
        files_of(&tenant, &mut files);
        let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
        // The whole pipeline must accept the tenant, or the figures mean nothing.
        if let Err(problems) = read_tenant(&name, &tenant.display().to_string(), &files) {
            panic!("{} is rejected: {}", tenant.display(), problems[0].message);
        }
        let parsed: Vec<_> = files
            .iter()
            .map(|file| {
                let source = decode(&file.path, &file.bytes).expect("decodes");
                let root = parse(&source).expect("parses");
                (source, root)
            })
            .collect();

        let mut group = c.benchmark_group(format!("ingest/{name}"));
        group.throughput(criterion::Throughput::Bytes(bytes as u64));
        group.bench_function("decode+parse", |b| {
            b.iter(|| {
                for file in &files {
                    let source = decode(&file.path, &file.bytes).expect("decodes");
                    black_box(parse(&source).expect("parses"));
                }
            })
        });
        group.bench_function("normalize", |b| {
            b.iter_batched(
                || parsed.clone(),
                |parsed| {
                    let exports: Vec<_> = parsed
                        .into_iter()
                        .map(|(source, root)| {
                            let export = read_export(&source, root).expect("recognized");
                            (source, export)
                        })
                        .collect();
                    black_box(assemble_tenant(&name, "bench", exports).expect("assembles"))
                },
                BatchSize::SmallInput,
            )
        });
        group.bench_function("total", |b| {
            b.iter(|| black_box(read_tenant(&name, "bench", &files).expect("reads")));
        });
        group.finish();
    }
}

criterion_group!(benches, ingest);
criterion_main!(benches);
