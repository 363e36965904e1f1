use super::CheckArgs;
use super::output::{Destination, human_options};
use super::setup::Setup;
use crate::config::Overrides;
use crate::report::{Format, RenderOptions, render, untrusted_lines, write_summary_line, write_tenant_line};

pub fn run(args: &CheckArgs) -> u8 {
    let overrides = Overrides { select: split(&args.select), ignore: split(&args.ignore) };
    let setup = match Setup::new(&args.config, &args.policies, overrides, args.baseline.as_deref()) {
        Ok(setup) => setup,
        Err(code) => return code,
    };
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
    let report = crate::lint::lint_streaming(&args.paths, &setup.run(), &mut |tenant| {
        for destination in destinations.iter_mut().filter(|d| d.format == Format::JsonLines) {
            destination.write(|out| write_tenant_line(tenant, out));
        }
    });
    let base_dir = std::env::current_dir().ok();
    for destination in &mut destinations {
        let human = if destination.is_stdout() { human_options() } else { RenderOptions::plain().human };
        let options = RenderOptions { human, base_dir: base_dir.clone() };
        match destination.format {
            Format::JsonLines => destination.write(|out| write_summary_line(&report, out)),
            format => destination.write(|out| render(format, &report, &options, out)),
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
    if delivered { report.exit_code(args.fail_on) } else { 2 }
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
