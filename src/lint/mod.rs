//! A run: read each tenant, evaluate its rules in parallel, locate the findings in the
//! original files, apply waivers and the baseline, and build the report.

mod baseline;
mod example;
mod fingerprint;
mod shard;
mod waivers;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError, mpsc};

pub use baseline::Baseline;
pub use example::lint_example;
pub use fingerprint::fingerprint;
pub use shard::Shard;

use crate::config::{CONFIG_FILE, Config, ConfigFile, Overrides, Settings, WaiverScope, resolve};
use crate::engine::{Evaluation, PolicyEngine, PolicyFinding, Queries, Verdict};
use crate::ingest::{Locator, Tenant, load_tenant_within};
use crate::model::{CanonicalPath, Evidence, Finding, Location, Outcome, Problem, RuleMeta, RuleResult};
use crate::redact::{Identifiers, Redactor};
use crate::registry::Catalog;
use crate::report::{Report, TenantReport};

/// What a run needs besides the tenant paths: the catalog, the run's configuration resolved
/// into settings, an engine prepared with its parameters, and an optional baseline.
pub struct Run<'a> {
    pub catalog: &'a Catalog,
    pub config: &'a Config,
    pub overrides: &'a Overrides,
    pub settings: &'a Settings,
    pub engine: &'a PolicyEngine,
    pub baseline: Option<&'a Baseline>,
}

/// What a [`Run`] borrows, owned: what `check` and `diff` prepare before the first tenant (see
/// `cli::setup`), and what the integration tests prepare the same way.
pub struct Prepared {
    pub config: Config,
    pub catalog: Catalog,
    pub overrides: Overrides,
    pub settings: Settings,
    pub engine: PolicyEngine,
    pub baseline: Option<Baseline>,
}

impl Prepared {
    pub fn run(&self) -> Run<'_> {
        Run {
            catalog: &self.catalog,
            config: &self.config,
            overrides: &self.overrides,
            settings: &self.settings,
            engine: &self.engine,
            baseline: self.baseline.as_ref(),
        }
    }
}

/// How a run over many tenants is carried out.
#[derive(Debug, Clone, Copy, Default)]
pub struct Batch<'p> {
    /// The worker threads (`--jobs`); `None`: rayon's global pool, one thread per core.
    pub pool: Option<&'p rayon::ThreadPool>,
    /// Drop each tenant's export texts once the sink has had the tenant (see
    /// [`TenantReport::release_sources`]): memory then stays bounded by the tenants in flight,
    /// not their number, but the report can no longer draw source snippets.
    pub release_sources: bool,
    /// Drop each tenant once the sink has had it, keeping only its counts (and the tenants
    /// that make the run untrustworthy, see [`Report::must_keep`]): for runs whose every output
    /// streams ([`crate::report::Format::streams`]), so memory does not grow with the number
    /// of tenants' findings.
    pub drop_streamed: bool,
    /// Replace identifying values by pseudonyms before the sink sees a tenant (`--redact`,
    /// see [`crate::redact`]); one redactor can serve several batches (both sides of a diff),
    /// so that a value has one pseudonym across them.
    pub redactor: Option<&'p Mutex<Redactor>>,
}

/// Lints every tenant path.
pub fn lint(paths: &[PathBuf], run: &Run<'_>) -> Report {
    lint_streaming(paths, run, &mut |_| {})
}

/// Lints every tenant path on the global thread pool, keeping every source (see [`lint_batch`]).
pub fn lint_streaming(paths: &[PathBuf], run: &Run<'_>, sink: &mut dyn FnMut(&TenantReport)) -> Report {
    lint_batch(paths, run, &Batch::default(), sink)
}

/// Lints every tenant path, in parallel, and hands each finished tenant to `sink` in the
/// report's order (sorted by path) as soon as it and every tenant before it are done: output
/// streamed from the sink (`--format json-lines`) is the same from run to run.
///
/// Workers take tenants in that order from a shared counter, so the tenants finished but held
/// back for those before them are at most about one per worker: with
/// [`Batch::release_sources`], memory is bounded by the largest tenants in flight.
pub fn lint_batch(paths: &[PathBuf], run: &Run<'_>, batch: &Batch, sink: &mut dyn FnMut(&TenantReport)) -> Report {
    let mut ordered: Vec<(String, &PathBuf)> = paths.iter().map(|path| (path.display().to_string(), path)).collect();
    ordered.sort_by(|a, b| a.0.cmp(&b.0));
    let (sender, receiver) = mpsc::channel();
    let next = AtomicUsize::new(0);
    let work = |sender: mpsc::Sender<(usize, Linted)>| {
        let (next, ordered) = (&next, &ordered);
        let threads = rayon::current_num_threads();
        rayon::scope(|scope| {
            for _ in 0..threads.min(ordered.len()) {
                let sender = sender.clone();
                scope.spawn(move |_| {
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some((_, path)) = ordered.get(index) else { break };
                        // While more tenants wait than there are threads, they keep every thread
                        // busy: a tenant's areas are evaluated in one query, which shares the
                        // libraries between them. The last tenants spread their areas over the
                        // threads that would otherwise sit idle, when there are any.
                        let spread = threads > 1 && ordered.len() - index <= threads;
                        let queries = if spread { Queries::PerArea } else { Queries::PerTenant };
                        // The receiver lives until every sender is gone.
                        if sender.send((index, lint_one(path, run, batch.redactor.is_some(), queries))).is_err() {
                            break;
                        }
                    }
                });
            }
        });
    };
    let mut matched = BTreeSet::new();
    let mut tenants = Vec::with_capacity(if batch.drop_streamed { 0 } else { paths.len() });
    let mut dropped = Dropped::default();
    // Redacted in report order, so pseudonyms are numbered the same on every run.
    let mut redactor = batch.redactor.map(|redactor| redactor.lock().unwrap_or_else(PoisonError::into_inner));
    std::thread::scope(|scope| {
        scope.spawn(|| match batch.pool {
            Some(pool) => pool.install(|| work(sender)),
            None => work(sender),
        });
        // Tenants finish in any order; hold each until those before it are out.
        let mut finished = BTreeMap::new();
        let mut next_out = 0;
        for (index, outcome) in receiver {
            finished.insert(index, outcome);
            while let Some(Linted { mut tenant, matched: keys, identifiers }) = finished.remove(&next_out) {
                next_out += 1;
                tenant.sort();
                if let Some(redactor) = &mut redactor {
                    redactor.redact_tenant(&mut tenant, &identifiers);
                }
                sink(&tenant);
                matched.extend(keys);
                if batch.drop_streamed && !Report::must_keep(&tenant) {
                    dropped.absorb(&tenant, &run.settings.rules);
                    continue;
                }
                if batch.release_sources {
                    tenant.release_sources();
                }
                tenants.push(tenant);
            }
        }
    });
    let mut warnings = waivers::warnings(&run.settings.waivers, WaiverScope::Run, &matched);
    if let Some(redactor) = &mut redactor {
        redactor.redact_problems(&mut warnings);
    }
    let mut rules = run.settings.rules.clone();
    rules.extend(dropped.extra_rules.into_values());
    Report::streamed(tenants, dropped.summary, dropped.count, rules, Vec::new(), warnings)
}

/// What a streamed run keeps of the tenants it drops: their counts, and the rules their own
/// configuration selected beyond the run's (formats that list rules need them).
#[derive(Default)]
struct Dropped {
    count: usize,
    summary: crate::report::Summary,
    extra_rules: BTreeMap<crate::model::RuleId, Arc<RuleMeta>>,
}

impl Dropped {
    fn absorb(&mut self, tenant: &TenantReport, run_rules: &[Arc<RuleMeta>]) {
        self.count += 1;
        self.summary.absorb(&tenant.summary());
        for result in &tenant.results {
            if !run_rules.iter().any(|rule| rule.id == result.rule.id) {
                self.extra_rules.entry(result.rule.id.clone()).or_insert_with(|| Arc::clone(&result.rule));
            }
        }
    }
}

/// One tenant, start to finish. The tenant's documents are dropped when this returns; only
/// the report (with the source files its findings point into) is kept. Also returns the
/// waivers that matched.
pub fn lint_tenant(path: &Path, run: &Run<'_>) -> (TenantReport, BTreeSet<waivers::WaiverKey>) {
    let Linted { tenant, matched, .. } = lint_one(path, run, false, Queries::PerArea);
    (tenant, matched)
}

/// A linted tenant, with what the batch needs besides its report.
struct Linted {
    tenant: TenantReport,
    /// The waivers that matched.
    matched: BTreeSet<waivers::WaiverKey>,
    /// The tenant's identifying values, when the run is redacted (collected here, while the
    /// canonical document is at hand).
    identifiers: Identifiers,
}

fn lint_one(path: &Path, run: &Run<'_>, redact: bool, queries: Queries) -> Linted {
    let reject = |problems| Linted {
        tenant: rejected(path, problems),
        matched: BTreeSet::new(),
        identifiers: Identifiers::default(),
    };
    let (settings, engine) = match tenant_settings(path, run) {
        Ok(found) => found,
        Err(problems) => return reject(problems),
    };
    let tenant = match load_tenant_within(path, &settings.limits) {
        Ok(tenant) => tenant,
        Err(problems) => return reject(problems),
    };
    let identifiers = if redact {
        Identifiers::collect(&tenant.document, &settings.parameters, &settings.waivers)
    } else {
        Identifiers::default()
    };
    let mut results = evaluate_by(&tenant, &settings.rules, &engine, queries);
    let matched = waivers::apply(&tenant.name, &tenant.document, &mut results, &settings.waivers);
    if let Some(baseline) = run.baseline {
        for result in &mut results {
            if let Outcome::Fail(findings) | Outcome::Waived(findings) = &mut result.outcome {
                for finding in findings {
                    finding.in_baseline = baseline.contains(&tenant.name, &finding.fingerprint);
                }
            }
        }
    }
    let mut warnings = tenant.warnings.clone();
    warnings.extend(waivers::warnings(&settings.waivers, WaiverScope::Tenant, &matched));
    let report = TenantReport {
        name: tenant.name.clone(),
        path: tenant.path.clone(),
        areas: tenant.areas.clone(),
        problems: Vec::new(),
        results,
        warnings,
    };
    Linted { tenant: report, matched, identifiers }
}

/// The run's settings, or those of the tenant directory's own `m365lint.toml` merged over them
/// (with an engine holding its parameters).
fn tenant_settings<'r>(
    path: &Path,
    run: &'r Run<'_>,
) -> Result<(Cow<'r, Settings>, Cow<'r, PolicyEngine>), Vec<Problem>> {
    let own = path.join(CONFIG_FILE);
    if !path.is_dir() || !own.is_file() {
        return Ok((Cow::Borrowed(run.settings), Cow::Borrowed(run.engine)));
    }
    let file = ConfigFile::read(&own).map_err(|problem| vec![problem])?;
    let mut layers: Vec<(&ConfigFile, WaiverScope)> = run.config.file.iter().map(|f| (f, WaiverScope::Run)).collect();
    layers.push((&file, WaiverScope::Tenant));
    let settings = resolve(&layers, run.catalog, run.overrides)?;
    if settings.parameters == run.settings.parameters {
        return Ok((Cow::Owned(settings), Cow::Borrowed(run.engine)));
    }
    let engine = run
        .engine
        .with_params(&settings.parameters.to_data(), settings.rules.first().map(|rule| rule.as_ref()))
        .map_err(|error| {
            vec![Problem {
                code: "m365lint::config::invalid".into(),
                message: format!("{}: {error}", own.display()),
                help: None,
                file: Some(own.display().to_string()),
                location: None,
                label: None,
            }]
        })?;
    Ok((Cow::Owned(settings), Cow::Owned(engine)))
}

fn rejected(path: &Path, problems: Vec<Problem>) -> TenantReport {
    let name = if path.is_dir() { path.file_name() } else { path.file_stem() };
    TenantReport {
        name: name.map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned()),
        path: path.display().to_string(),
        areas: Vec::new(),
        problems,
        results: Vec::new(),
        warnings: Vec::new(),
    }
}

/// Evaluates every rule against a tenant; rules whose areas are missing are not assessed.
pub fn evaluate(tenant: &Tenant, rules: &[Arc<RuleMeta>], engine: &PolicyEngine) -> Vec<RuleResult> {
    evaluate_by(tenant, rules, engine, Queries::PerArea)
}

/// [`evaluate`], with the tenant's areas evaluated as `queries` says (the results are the same).
pub fn evaluate_by(
    tenant: &Tenant,
    rules: &[Arc<RuleMeta>],
    engine: &PolicyEngine,
    queries: Queries,
) -> Vec<RuleResult> {
    let input = PolicyEngine::prepare_input(&tenant.document);
    let applicable: Vec<Arc<RuleMeta>> =
        rules.iter().filter(|rule| rule.requires.iter().all(|area| tenant.has_area(*area))).cloned().collect();
    let evaluations = engine.evaluate_by(&input, &applicable, queries);

    let locator = Locator::new(tenant);
    let mut results: Vec<RuleResult> = rules
        .iter()
        .filter_map(|rule| {
            let missing: Vec<_> = rule.requires.iter().copied().filter(|area| !tenant.has_area(*area)).collect();
            (!missing.is_empty()).then(|| RuleResult {
                rule: Arc::clone(rule),
                outcome: Outcome::NotAssessed { missing, reasons: Vec::new() },
                prints: Vec::new(),
            })
        })
        .collect();
    for (rule, Evaluation { result, prints }) in evaluations {
        let outcome = match result {
            Ok(Verdict::Findings(findings)) => Outcome::from_findings(
                findings.into_iter().map(|f| locate(&locator, &tenant.document, &rule, f)).collect(),
            ),
            Ok(Verdict::NotAssessed(reasons)) => Outcome::NotAssessed { missing: Vec::new(), reasons },
            Err(message) => Outcome::Error { message },
        };
        results.push(RuleResult { rule, outcome, prints });
    }
    results
}

fn locate(locator: &Locator<'_>, document: &serde_json::Value, rule: &RuleMeta, finding: PolicyFinding) -> Finding {
    let location = location_of(locator, &finding.path);
    let related = finding
        .related
        .into_iter()
        .map(|evidence| {
            let location = location_of(locator, &evidence.path);
            Evidence { message: evidence.message, path: evidence.path, location }
        })
        .collect();
    let fingerprint = fingerprint(rule.id.as_str(), finding.path.segments(), finding.details.as_ref(), document);
    Finding {
        rule: rule.id.clone(),
        // A finding that sets no severity of its own has the rule's (after overrides).
        severity: finding.severity.unwrap_or(rule.severity),
        message: finding.message,
        path: finding.path,
        location,
        related,
        details: finding.details,
        fingerprint,
        waiver: None,
        in_baseline: false,
    }
}

fn location_of(locator: &Locator<'_>, path: &CanonicalPath) -> Option<Location> {
    locator.locate(path).map(|resolved| resolved.location)
}
