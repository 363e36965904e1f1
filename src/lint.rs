//! A run: read each tenant, evaluate every rule against it in parallel, locate the findings
//! in the original files, and build the report.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::engine::{Evaluation, PolicyEngine, PolicyFinding};
use crate::ingest::{Locator, Tenant, load_tenant};
use crate::model::{CanonicalPath, Evidence, Finding, Location, Outcome, RuleMeta, RuleResult};
use crate::report::{Report, TenantReport};

/// Lints every tenant path with `rules`.
pub fn lint(paths: &[PathBuf], rules: &[Arc<RuleMeta>], engine: &PolicyEngine) -> Report {
    let tenants = paths.par_iter().map(|path| lint_tenant(path, rules, engine)).collect();
    Report::new(tenants, rules.to_vec(), Vec::new())
}

/// One tenant, start to finish. The tenant's documents are dropped when this returns; only
/// the report (with the source files its findings point into) is kept.
pub fn lint_tenant(path: &Path, rules: &[Arc<RuleMeta>], engine: &PolicyEngine) -> TenantReport {
    let tenant = match load_tenant(path) {
        Ok(tenant) => tenant,
        Err(problems) => {
            return TenantReport {
                name: path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned()),
                path: path.display().to_string(),
                areas: Vec::new(),
                problems,
                results: Vec::new(),
                warnings: Vec::new(),
            };
        }
    };
    let results = evaluate(&tenant, rules, engine);
    TenantReport {
        name: tenant.name.clone(),
        path: tenant.path.clone(),
        areas: tenant.areas.clone(),
        problems: Vec::new(),
        results,
        warnings: tenant.warnings.clone(),
    }
}

/// Evaluates every rule against a tenant; rules whose areas are missing are not assessed.
pub fn evaluate(tenant: &Tenant, rules: &[Arc<RuleMeta>], engine: &PolicyEngine) -> Vec<RuleResult> {
    let input = PolicyEngine::prepare_input(&tenant.document);
    let evaluations: Vec<(Arc<RuleMeta>, Evaluation)> = rules
        .par_iter()
        .filter(|rule| rule.requires.iter().all(|area| tenant.has_area(*area)))
        .map_init(|| engine.worker(), |worker, rule| (Arc::clone(rule), worker.evaluate(&input, rule)))
        .collect();

    let locator = Locator::new(tenant);
    let mut results: Vec<RuleResult> = rules
        .iter()
        .filter_map(|rule| {
            let missing: Vec<_> = rule.requires.iter().copied().filter(|area| !tenant.has_area(*area)).collect();
            (!missing.is_empty()).then(|| RuleResult {
                rule: Arc::clone(rule),
                outcome: Outcome::NotAssessed { missing },
                prints: Vec::new(),
            })
        })
        .collect();
    for (rule, Evaluation { result, prints }) in evaluations {
        let outcome = match result {
            Ok(findings) if findings.is_empty() => Outcome::Pass,
            Ok(findings) => Outcome::Fail(findings.into_iter().map(|f| locate(&locator, &rule, f)).collect()),
            Err(message) => Outcome::Error { message },
        };
        results.push(RuleResult { rule, outcome, prints });
    }
    results
}

fn locate(locator: &Locator<'_>, rule: &RuleMeta, finding: PolicyFinding) -> Finding {
    let location = location_of(locator, &finding.path);
    let related = finding
        .related
        .into_iter()
        .map(|evidence| {
            let location = location_of(locator, &evidence.path);
            Evidence { message: evidence.message, path: evidence.path, location }
        })
        .collect();
    Finding {
        rule: rule.id.clone(),
        severity: finding.severity.unwrap_or(rule.severity),
        message: finding.message,
        path: finding.path,
        location,
        related,
        details: finding.details,
    }
}

fn location_of(locator: &Locator<'_>, path: &CanonicalPath) -> Option<Location> {
    locator.locate(path).map(|resolved| resolved.location)
}
