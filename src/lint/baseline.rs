//! `--baseline`: a previous JSON report. Findings it already had do not fail the run; only new
//! ones do. Findings match by tenant, rule and fingerprint, never by line numbers.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;

use crate::model::Problem;
use crate::redact::comparable_fingerprint;

/// The findings of a previous report, as (tenant, fingerprint) pairs (the fingerprint starts
/// with the rule id). Fingerprints are kept in the form that plain and redacted (`--redact`)
/// reports share, so either can be the baseline of either.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    findings: BTreeSet<(String, String)>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ReportFile {
    schema_version: u32,
    tenants: Vec<TenantEntry>,
}

#[derive(Deserialize)]
struct TenantEntry {
    name: String,
    #[serde(default)]
    results: Vec<ResultEntry>,
}

#[derive(Deserialize)]
struct ResultEntry {
    #[serde(default)]
    findings: Vec<FindingEntry>,
}

#[derive(Deserialize)]
struct FindingEntry {
    fingerprint: String,
}

impl Baseline {
    /// Reads a JSON report written by `m365lint check --format json`, refusing one larger than
    /// `max_size` bytes (the run's `--max-file-size`) before reading it.
    pub fn load(path: &Path, max_size: u64) -> Result<Baseline, Problem> {
        let display = path.display().to_string();
        let problem = |message: String| Problem {
            code: "m365lint::baseline::invalid".into(),
            message,
            help: Some("a baseline is the output of `m365lint check --format json` from an earlier run".into()),
            file: Some(display.clone()),
            location: None,
            label: None,
        };
        let text = crate::ingest::read_text_limited(path, max_size)
            .map_err(|error| problem(format!("cannot read {display}: {error}")))?;
        let report: ReportFile = serde_json::from_str(&text)
            .map_err(|error| problem(format!("{display} is not an m365lint JSON report: {error}")))?;
        if report.schema_version != crate::report::JSON_SCHEMA_VERSION {
            return Err(problem(format!(
                "{display} has report schema version {}; this m365lint reads version {}",
                report.schema_version,
                crate::report::JSON_SCHEMA_VERSION
            )));
        }
        Ok(Baseline::from_pairs(report.tenants.into_iter().flat_map(|tenant| {
            let name = tenant.name;
            tenant
                .results
                .into_iter()
                .flat_map(|result| result.findings)
                .map(move |finding| (name.clone(), finding.fingerprint))
        })))
    }

    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Baseline {
        Baseline {
            findings: pairs
                .into_iter()
                .map(|(tenant, fingerprint)| (tenant, comparable_fingerprint(&fingerprint).into_owned()))
                .collect(),
        }
    }

    pub fn contains(&self, tenant: &str, fingerprint: &str) -> bool {
        self.findings.contains(&(tenant.to_owned(), comparable_fingerprint(fingerprint).into_owned()))
    }
}
