//! The linter's streaming hook: each finished tenant reaches the sink once, in the report's
//! order, already sorted like the final report.

mod report_support;

use std::path::PathBuf;

use m365lint::lint::lint_streaming;
use report_support::setup_with_config;

#[test]
fn the_sink_gets_each_tenant_in_report_order_as_the_report_has_it() {
    let setup = setup_with_config("fixtures/config/waivers/contoso.toml");
    let run = setup.run();
    // Given in reverse, and more tenants than cores, so that they finish out of order.
    let mut paths: Vec<PathBuf> =
        ["fixtures/tenants/northwind", "fixtures/tenants/fabrikam-hardened", "fixtures/tenants/contoso"]
            .iter()
            .map(PathBuf::from)
            .collect();
    paths.extend(["fixtures/broken/empty.json", "fixtures/broken/cut-off-download.json"].iter().map(PathBuf::from));
    let mut streamed = Vec::new();
    let report = lint_streaming(&paths, &run, &mut |tenant| streamed.push(tenant.clone()));
    let names: Vec<&str> = streamed.iter().map(|t| t.path.as_str()).collect();
    assert_eq!(
        names,
        [
            "fixtures/broken/cut-off-download.json",
            "fixtures/broken/empty.json",
            "fixtures/tenants/contoso",
            "fixtures/tenants/fabrikam-hardened",
            "fixtures/tenants/northwind"
        ]
    );
    assert_eq!(streamed.len(), report.tenants.len());
    for (streamed, reported) in streamed.iter().zip(&report.tenants) {
        assert_eq!(streamed.path, reported.path);
        assert_eq!(streamed.results, reported.results, "{}: streamed already in report order", streamed.path);
        assert_eq!(streamed.problems, reported.problems);
    }
}
