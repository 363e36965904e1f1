use super::CheckArgs;
use super::output::{Destination, human_options};
use super::progress::Progress;
use super::setup::Setup;
use crate::config::Overrides;
use crate::lint::Batch;
use crate::redact::Redactor;
use crate::report::{
    Format, HumanOptions, JsonSpool, RenderOptions, render, render_human_end, render_human_tenant, untrusted_lines,
    write_summary_line, write_tenant_line,
};

pub fn run(args: &CheckArgs) -> u8 {
    let overrides =
        Overrides { select: split(&args.select), ignore: split(&args.ignore), max_file_size: args.max_file_size };
    let mut setup = match Setup::new(&args.config, &args.policies, overrides, args.baseline.as_deref()) {
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
    // Human output and json-lines are written as tenants finish, and json spooled to a
    // temporary file; every other format renders the finished report, which then no longer
    // needs the exports' text. When every output streams, the run keeps no tenant's findings:
    // memory stays bounded by the tenants in flight, however many tenants the run has.
    let mut spools = Vec::new();
    for destination in &destinations {
        spools.push(match destination.format {
            Format::Json => match JsonSpool::new() {
                Ok(spool) => Some(spool),
                Err(error) => {
                    eprintln!("m365lint: cannot create a temporary file for the JSON report: {error}");
                    return 2;
                }
            },
            _ => None,
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
                Format::Json => {
                    if let Some(Err(error)) = spool.as_mut().map(|spool| spool.add(tenant)) {
                        spool_error.get_or_insert(error);
                    }
                }
                _ => {}
            }
        }
    });
    progress.finish();
    if let Some(error) = spool_error {
        eprintln!("m365lint: cannot write the JSON report's temporary file: {error}");
        return 2;
    }
    let base_dir = std::env::current_dir().ok();
    for (destination, spool) in destinations.iter_mut().zip(spools) {
        let options = RenderOptions { human: human(destination), base_dir: base_dir.clone() };
        match (destination.format, spool) {
            (Format::JsonLines, _) => destination.write(|out| write_summary_line(&report, out)),
            (Format::Human, _) => destination.write(|out| render_human_end(&report, options.human, out)),
            (Format::Json, Some(spool)) => destination.write(|out| spool.finish(&report, out)),
            (format, _) => destination.write(|out| render(format, &report, &options, out)),
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
