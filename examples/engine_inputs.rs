//! Writes what the Rego engine sees for one tenant, for running the same policies on another
//! Rego engine (bench/regopy_peer.py, docs/performance.md): `input.json` (the canonical
//! document), `data.json` (the default parameters as `data.m365lint.params`) and `rules.json`
//! (each built-in rule's id, area and package).
//!
//! ```sh
//! cargo run --release --example engine_inputs -- target/corpus/tenant-0000 /tmp/peer
//! ```

use std::path::PathBuf;

use m365lint::config::Parameters;
use m365lint::ingest::load_tenant;
use m365lint::registry::Catalog;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(tenant), Some(out)) = (args.next().map(PathBuf::from), args.next().map(PathBuf::from)) else {
        eprintln!("usage: engine_inputs TENANT OUTDIR");
        std::process::exit(2);
    };
    let tenant = load_tenant(&tenant).unwrap_or_else(|problems| {
        eprintln!("{}: {}", tenant.display(), problems.first().map_or("rejected", |p| p.message.as_str()));
        std::process::exit(2);
    });
    let catalog = Catalog::load(&[]).expect("the built-in policies load");
    let rules: Vec<serde_json::Value> = catalog
        .rules()
        .iter()
        .map(|rule| serde_json::json!({"id": rule.id.as_str(), "area": rule.area.key(), "package": rule.package}))
        .collect();
    let data = serde_json::json!({ "m365lint": { "params": Parameters::default().to_data() } });
    std::fs::create_dir_all(&out).expect("the output directory can be created");
    for (name, value) in
        [("input.json", &tenant.document), ("data.json", &data), ("rules.json", &serde_json::json!(rules))]
    {
        std::fs::write(out.join(name), value.to_string()).expect("the output directory is writable");
    }
}
