use m365lint::config::Parameters;
use m365lint::engine::PolicyEngine;
use m365lint::registry::Catalog;
use std::time::Instant;
fn main() {
    for _ in 0..30 {
        let t = Instant::now();
        let catalog = Catalog::load(&[]).unwrap();
        let a = t.elapsed();
        let engine = PolicyEngine::load(&catalog, &Parameters::default().to_data()).ok().unwrap();
        let b = t.elapsed();
        drop(engine);
        let c = t.elapsed();
        println!("catalog {:?} engine {:?} drop {:?}", a, b - a, c - b);
    }
}
