//! What an arbitrary Rego query costs against one tenant: the best of three evaluations, each on
//! a fresh clone of an engine prepared with the policies of DIR (docs/performance.md). For
//! finding which library rule or function a rule's time goes to.
//!
//! ```sh
//! cargo run --release --example query_cost -- target/corpus/tenant-0000 policies \
//!     'x := data.m365lint.lib.conditional_access.all_shortfalls'
//! ```
//!
//! `--print` (before TENANT) also prints the value bound to `x`, as JSON, after each query's
//! line: bench/regopy_peer.py compares it with the peer engine's answer to the same query.
use m365lint::config::Parameters;
use m365lint::ingest::load_tenant;
use m365lint::registry::{PolicyKind, sources_from_dir};
use std::time::Instant;

// As the binary (src/main.rs): the allocator is a large part of the interpreter's cost.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let print = args.first().is_some_and(|arg| arg == "--print");
    if print {
        args.remove(0);
    }
    if args.len() < 3 {
        eprintln!("usage: query_cost [--print] TENANT POLICY_DIR QUERY...");
        std::process::exit(2);
    }
    let tenant = load_tenant(std::path::Path::new(&args[0])).expect("tenant");
    let mut engine = regorus::Engine::new();
    for source in sources_from_dir(std::path::Path::new(&args[1])).expect("policies") {
        if source.kind != PolicyKind::Test {
            engine.add_policy(source.path.clone(), source.text.to_string()).expect("policy");
        }
    }
    engine
        .add_data(regorus::Value::from(serde_json::json!({"m365lint": {"params": Parameters::default().to_data()}})))
        .unwrap();
    engine.set_input(regorus::Value::new_object());
    let _ = engine.eval_query("data.m365lint.lib.finding".into(), false);
    let input = regorus::Value::from(tenant.document.clone());
    for query in &args[2..] {
        let mut best = f64::MAX;
        let mut size = 0;
        let mut bound = None;
        for _ in 0..3 {
            let mut e = engine.clone();
            e.set_input(input.clone());
            let started = Instant::now();
            let r = e.eval_query(query.clone(), false);
            best = best.min(started.elapsed().as_secs_f64() * 1000.0);
            size = match r {
                Ok(r) => {
                    bound =
                        r.result.first().and_then(|result| result.bindings.as_object().ok()?.get(&"x".into()).cloned());
                    format!("{:?}", r).len()
                }
                Err(e) => {
                    println!("{e}");
                    0
                }
            };
        }
        println!("{best:9.2} ms  {size:8}  {query}");
        if print {
            println!("{}", bound.and_then(|value| serde_json::to_string(&value).ok()).unwrap_or_else(|| "null".into()));
        }
    }
}
