use std::path::Path;

use super::output::write_stdout;
use super::setup::{Setup, fail};
use super::{DiffArgs, DiffFormat};
use crate::config::Overrides;
use crate::diff::{Side, compare, render_human, render_json, render_markdown};
use crate::ingest::DEFAULT_MAX_FILE_SIZE;
use crate::model::Problem;

pub fn run(args: &DiffArgs) -> u8 {
    let mut setup = None;
    let mut side = |path: &Path| -> Result<Side, u8> {
        let max_size = args.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE);
        if let Some(side) = Side::from_json_report(path, max_size).map_err(|problem| fail(&[problem]))? {
            return Ok(side);
        }
        if setup.is_none() {
            let overrides = Overrides { max_file_size: args.max_file_size, ..Overrides::default() };
            setup = Some(Setup::new(&args.config, &args.policies, overrides, None)?);
        }
        let Some(setup) = setup.as_ref() else { return Err(2) };
        let report = crate::lint::lint(&[path.to_path_buf()], &setup.run());
        Ok(Side::from_report(&report, path.display().to_string()))
    };
    let (old, new) = match (side(&args.old), side(&args.new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let untrusted: Vec<Problem> = [&old, &new]
        .iter()
        .flat_map(|side| {
            side.problems.iter().map(|message| Problem {
                code: "m365lint::diff::untrusted_input".into(),
                message: format!("{}: {message}", side.label),
                help: Some("run `m365lint check` on it to see why".into()),
                file: Some(side.label.clone()),
                location: None,
                label: None,
            })
        })
        .collect();
    if !untrusted.is_empty() {
        return fail(&untrusted);
    }
    let diff = compare(&old, &new);
    match args.format {
        DiffFormat::Human => write_stdout(|out| render_human(&diff, out)),
        DiffFormat::Json => write_stdout(|out| render_json(&diff, out)),
        DiffFormat::Markdown => write_stdout(|out| render_markdown(&diff, out)),
    }
    u8::from(!diff.added.is_empty())
}
