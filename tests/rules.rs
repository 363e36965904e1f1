//! Every rule has a passing and a failing fixture under `fixtures/rules/<ID>/`, run through the
//! whole pipeline (ingest, engine, locations). A fixture is a file or a directory (one tenant)
//! named `pass...` or `fail...`; an `m365lint.toml` beside them holds the rule's parameters.

mod common;

use std::path::{Path, PathBuf};

use m365lint::config::{Config, Overrides};
use m365lint::model::Outcome;
use m365lint::registry::Catalog;
use m365lint::report::Report;

fn rule_fixtures(id: &str) -> (Vec<PathBuf>, Vec<PathBuf>, Option<PathBuf>) {
    let dir = Path::new("fixtures/rules").join(id);
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|_| panic!("{id} has no fixtures: create {}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    let named = |prefix: &str| -> Vec<PathBuf> {
        entries.iter().filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix)).cloned().collect()
    };
    let config = dir.join("m365lint.toml");
    (named("pass"), named("fail"), config.is_file().then_some(config))
}

fn lint_one_rule(catalog: &Catalog, id: &str, tenant: &Path, config: Option<&Path>) -> Report {
    let config = config.map_or_else(Config::default, |path| Config::load(path).unwrap());
    let overrides = Overrides { select: vec![id.to_owned()], ignore: Vec::new(), max_file_size: None };
    common::lint_catalog(&[tenant.to_str().unwrap()], &config, catalog, &overrides)
}

#[test]
fn every_rule_passes_and_fails_its_fixtures() {
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).unwrap();
    let catalog = Catalog::load(&[]).unwrap();
    for rule in catalog.rules() {
        let id = rule.id.as_str();
        let (passing, failing, config) = rule_fixtures(id);
        assert!(!passing.is_empty() && !failing.is_empty(), "{id} needs pass and fail fixtures");
        for tenant in &passing {
            let report = lint_one_rule(&catalog, id, tenant, config.as_deref());
            let outcome = &report.tenants[0].results.first().map(|r| &r.outcome);
            assert_eq!(
                *outcome,
                Some(&Outcome::Pass),
                "{id} must pass {}:\n{}",
                tenant.display(),
                common::human(&report)
            );
        }
        for tenant in &failing {
            let report = lint_one_rule(&catalog, id, tenant, config.as_deref());
            let result = report.tenants[0].results.first();
            let Some(Outcome::Fail(findings)) = result.map(|r| &r.outcome) else {
                panic!("{id} must fail {}:\n{}", tenant.display(), common::human(&report));
            };
            for finding in findings {
                assert!(finding.location.is_some(), "{id}: finding without a location: {}", finding.message);
                for related in &finding.related {
                    assert!(related.location.is_some(), "{id}: near miss without a location: {}", related.message);
                }
            }
            let name = format!("{id}-{}", tenant.file_name().unwrap().to_string_lossy());
            insta::assert_snapshot!(name, common::human(&report));
        }
    }
}
