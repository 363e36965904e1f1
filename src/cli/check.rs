use super::CheckArgs;
use super::output::{Destination, human_options};
use super::progress::Progress;
use super::setup::prepare;
use crate::config::Overrides;
use crate::lint::Batch;
use crate::redact::Redactor;
use crate::report::{
    Format, HumanOptions, JsonSpool, RenderOptions, Report, SarifSpool, TenantReport, render, render_human_end,
    render_human_tenant, untrusted_lines, write_summary_line, write_tenant_line,
};

pub fn run(args: &CheckArgs) -> u8 {
    let overrides =
        Overrides { select: split(&args.select), ignore: split(&args.ignore), max_file_size: args.max_file_size };
    let mut setup = match prepare(&args.config, &args.policies, overrides, args.baseline.as_deref()) {
        Ok(setup) => setup,
        Err(code) => return code,
    };
    setup.engine.set_time_limit(std::time::Duration::from_secs_f64(args.rule_timeout));
    let mut destinations = Vec::new();
    for spec in &args.output.outputs {
        match Destination::open(spec) {
            Ok(destination) => destinations.push(destination),
            Err(message) => {
                eprintln!("m365lint: {message}");
                return 2;
            }
        }
    }
    let pool = match args.jobs.map(|jobs| rayon::ThreadPoolBuilder::new().num_threads(usize::from(jobs)).build()) {
        None => None,
        Some(Ok(pool)) => Some(pool),
        Some(Err(error)) => {
            eprintln!("m365lint: cannot start {} worker threads: {error}", args.jobs.unwrap_or_default());
            return 2;
        }
    };
    let paths = match args.shard {
        Some(shard) => {
            let paths = shard.select(&args.paths);
            if paths.is_empty() {
                eprintln!("m365lint: shard {shard} has none of the {} tenants", args.paths.len());
            }
            paths
        }
        None => args.paths.clone(),
    };
    let human = |destination: &Destination| {
        if destination.is_stdout() { human_options() } else { RenderOptions::plain().human }
    };
    // SARIF names files relative to the working directory; spooled SARIF does so as each
    // tenant is spooled, so the options are set before the run.
    let base_dir = std::env::current_dir().ok();
    let render_options =
        |destination: &Destination| RenderOptions { human: human(destination), base_dir: base_dir.clone() };
    // Human output and json-lines are written as tenants finish, and json and sarif spooled to
    // temporary files; every other format renders the finished report, which then no longer
    // needs the exports' text. When every output streams, the run keeps no tenant's findings:
    // memory stays bounded by the tenants in flight, however many tenants the run has.
    let mut spools = Vec::new();
    for destination in &destinations {
        spools.push(match Spool::new(destination.format, &render_options(destination)) {
            None => None,
            Some(Ok(spool)) => Some(spool),
            Some(Err(error)) => {
                let name = spool_name(destination);
                eprintln!("m365lint: cannot create a temporary file for the {name} report: {error}");
                return 2;
            }
        });
    }
    let mut spool_error = None;
    let progress = Progress::new(paths.len());
    let drop_streamed = destinations.iter().all(|destination| destination.format.streams());
    let redactor = std::sync::Mutex::new(Redactor::new());
    let batch =
        Batch { pool: pool.as_ref(), release_sources: true, drop_streamed, redactor: args.redact.then_some(&redactor) };
    let report = crate::lint::lint_batch(&paths, &setup.run(), &batch, &mut |tenant| {
        progress.advance();
        for (destination, spool) in destinations.iter_mut().zip(&mut spools) {
            let options: HumanOptions = human(destination);
            match destination.format {
                Format::JsonLines => progress.suspend(|| destination.write(|out| write_tenant_line(tenant, out))),
                Format::Human => {
                    progress.suspend(|| destination.write(|out| render_human_tenant(tenant, options, out)))
                }
                _ => {
                    if let Some(Err(error)) = spool.as_mut().map(|spool| spool.add(tenant)) {
                        spool_error.get_or_insert((spool_name(destination), error));
                    }
                }
            }
        }
    });
    progress.finish();
    if let Some((name, error)) = spool_error {
        eprintln!("m365lint: cannot write the {name} report's temporary file: {error}");
        return 2;
    }
    for (destination, spool) in destinations.iter_mut().zip(spools) {
        let options = render_options(destination);
        match (destination.format, spool) {
            (Format::JsonLines, _) => destination.write(|out| write_summary_line(&report, out)),
            (Format::Human, _) => destination.write(|out| render_human_end(&report, options.human, out)),
            (_, Some(spool)) => destination.write(|out| spool.finish(&report, out)),
            (format, None) => destination.write(|out| render(format, &report, &options, out)),
        }
    }
    // Exit code 2 explains itself in human and concise output; otherwise say why on stderr.
    let explained = destinations.iter().any(|d| d.is_stdout() && d.format.is_for_terminals());
    if !report.is_trustworthy() && !explained {
        eprintln!("m365lint: the run cannot be trusted (exit code 2):");
        for line in untrusted_lines(&report) {
            eprintln!("  {line}");
        }
    }
    let mut delivered = true;
    for destination in destinations {
        delivered &= destination.finish();
    }
    let code = if delivered { report.exit_code(args.fail_on) } else { 2 };
    // The process ends here: freeing the prepared engine and the report (hundreds of
    // thousands of small allocations) would add milliseconds to every run for nothing.
    std::mem::forget(report);
    std::mem::forget(setup);
    code
}

/// A format written from temporary files at the end: each tenant is spooled as it finishes.
enum Spool {
    Json(JsonSpool),
    Sarif(SarifSpool),
}

impl Spool {
    /// The spool of `format`, if it is written that way.
    fn new(format: Format, options: &RenderOptions) -> Option<std::io::Result<Spool>> {
        match format {
            Format::Json => Some(JsonSpool::new().map(Spool::Json)),
            Format::Sarif => Some(SarifSpool::new(options).map(Spool::Sarif)),
            _ => None,
        }
    }

    fn add(&mut self, tenant: &TenantReport) -> std::io::Result<()> {
        match self {
            Spool::Json(spool) => spool.add(tenant),
            Spool::Sarif(spool) => spool.add(tenant),
        }
    }

    fn finish(self, report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        match self {
            Spool::Json(spool) => spool.finish(report, out),
            Spool::Sarif(spool) => spool.finish(report, out),
        }
    }
}

/// How the errors of a spooled format name its report: "JSON", "SARIF".
fn spool_name(destination: &Destination) -> String {
    destination.format.name().to_uppercase()
}

/// `--select CA001,CA002 --select dlp` → each selector.
pub fn split(values: &[String]) -> Vec<String> {
    values
        .iter()
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}
