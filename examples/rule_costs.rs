//! Where evaluation time goes, to profile before optimizing (docs/performance.md): the time to
//! load the built-in catalog and prepare the engine, then for one tenant, the time to read it,
//! to convert its canonical document for the engine, to evaluate each area's rules together
//! (as `check` does for a lone tenant), all areas in one query (as `check` does in a batch), and
//! each rule alone, slowest first.
//! Each figure is the median of `--runs` evaluations on one thread.
//!
//! ```sh
//! cargo run --release --example rule_costs -- target/corpus/tenant-0000 [--runs 5]
//! cargo run --release --example rule_costs -- target/corpus/tenant-0000 --only CA014 --runs 200
//! ```
//!
//! `--policies-from DIR` reads the policies from DIR (e.g. `policies`) instead of the binary.
//!
//! `--only ID` evaluates that rule (or that area, e.g. `--only dlp`) `--runs` times and nothing
//! else: a loop to run under `perf` or `valgrind --tool=callgrind`.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use m365lint::config::Parameters;
use m365lint::engine::{PolicyEngine, Queries};
use m365lint::ingest::load_tenant;
use m365lint::model::RuleMeta;
use m365lint::registry::{Catalog, sources_from_dir};

// As the binary (src/main.rs): the allocator is a large part of the interpreter's cost, and the
// system allocator is markedly slower on worker threads than on the main one.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let started = Instant::now();
                std::hint::black_box(f());
                started.elapsed()
            })
            .collect(),
    )
}

fn ms(d: Duration) -> String {
    format!("{:9.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    // One thread: costs add up instead of overlapping.
    rayon::ThreadPoolBuilder::new().num_threads(1).build_global().expect("first pool");
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut runs = 5;
    let mut only = None;
    let mut from = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--only" => only = Some(args.next().expect("--only ID")),
            "--policies-from" => from = Some(PathBuf::from(args.next().expect("--policies-from DIR"))),
            _ => path = Some(PathBuf::from(arg)),
        }
    }
    let path = path.expect("usage: rule_costs TENANT [--runs N]");
    // `--policies-from policies` reads the catalog from disk instead of the binary: edit a
    // policy and measure again without rebuilding.
    let catalog = match from {
        Some(dir) => Catalog::build(sources_from_dir(&dir).expect("policies")).expect("catalog"),
        None => Catalog::load(&[]).expect("built-in policies"),
    };
    let engine = PolicyEngine::load(&catalog, &Parameters::default().to_data()).expect("engine");

    let rules: Vec<Arc<RuleMeta>> = catalog.rules().to_vec();
    if let Some(id) = only {
        let tenant = load_tenant(&path).expect("tenant reads");
        let input = PolicyEngine::prepare_input(&tenant.document);
        // A rule id, or an area key (`conditional_access`): its rules in one query, as `check` runs them.
        let selected: Vec<Arc<RuleMeta>> =
            rules.iter().filter(|rule| rule.id.as_str() == id || rule.area.key() == id).cloned().collect();
        assert!(!selected.is_empty(), "--only takes a built-in rule id or an area key");
        let cost = time(runs, || engine.evaluate(&input, &selected));
        println!("{id} alone {}", ms(cost));
        return;
    }
    // What every run pays before the first tenant: the catalog (policy metadata) and the
    // engine (parsing and preparing the policies).
    let built_in = time(runs, || Catalog::load(&[]).expect("built-in policies"));
    // Freed outside the timing: `check` leaves the engine to the process's exit.
    let prepared = median(
        (0..runs)
            .map(|_| {
                let started = Instant::now();
                let engine = PolicyEngine::load(&catalog, &Parameters::default().to_data()).expect("engine");
                let elapsed = started.elapsed();
                drop(engine);
                elapsed
            })
            .collect(),
    );
    println!("start: catalog {}  engine {}", ms(built_in), ms(prepared));
    let read = time(runs, || load_tenant(&path).expect("tenant reads"));
    let tenant = load_tenant(&path).expect("tenant reads");
    let convert = time(runs, || PolicyEngine::prepare_input(&tenant.document));
    let input = PolicyEngine::prepare_input(&tenant.document);
    println!("{}: read {}  convert {}", path.display(), ms(read), ms(convert));

    let all = time(runs, || engine.evaluate(&input, &rules));
    println!("all rules, grouped by area  {}", ms(all));
    let one = time(runs, || engine.evaluate_by(&input, &rules, Queries::PerTenant));
    println!("all rules, one query        {}", ms(one));
    let mut areas: Vec<_> = rules.iter().map(|rule| rule.area).collect();
    areas.dedup();
    for area in areas {
        let members: Vec<Arc<RuleMeta>> = rules.iter().filter(|rule| rule.area == area).cloned().collect();
        println!("  {:<20} {}", area.key(), ms(time(runs, || engine.evaluate(&input, &members))));
    }
    let mut single: Vec<(Duration, &str)> = rules
        .iter()
        .map(|rule| (time(runs, || engine.evaluate(&input, std::slice::from_ref(rule))), rule.id.as_str()))
        .collect();
    single.sort_by_key(|entry| std::cmp::Reverse(entry.0));
    println!("each rule alone, slowest first:");
    for (cost, id) in single {
        println!("  {id:<8} {}", ms(cost));
    }
}
