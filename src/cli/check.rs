use super::output::{human_options, write_stdout};
use super::setup::Setup;
use super::{CheckArgs, Format};
use crate::config::Overrides;
use crate::report::{render_human, render_json};

pub fn run(args: &CheckArgs) -> u8 {
    let overrides = Overrides { select: split(&args.select), ignore: split(&args.ignore) };
    let setup = match Setup::new(&args.config, &args.policies, overrides, args.baseline.as_deref()) {
        Ok(setup) => setup,
        Err(code) => return code,
    };
    let report = crate::lint::lint(&args.paths, &setup.run());
    match args.format {
        Format::Human => {
            let options = human_options();
            write_stdout(|out| render_human(&report, options, out));
        }
        Format::Json => write_stdout(|out| render_json(&report, out)),
    }
    report.exit_code(args.fail_on)
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
