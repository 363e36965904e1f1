use std::path::Path;
use std::sync::{Mutex, PoisonError};

use super::output::write_stdout;
use super::setup::{fail, prepare};
use super::{DiffArgs, DiffFormat};
use crate::config::Overrides;
use crate::diff::{Side, compare, render_human, render_json, render_markdown};
use crate::ingest::DEFAULT_MAX_FILE_SIZE;
use crate::lint::Batch;
use crate::model::Problem;
use crate::redact::{Redactor, redacted_fingerprint};

pub fn run(args: &DiffArgs) -> u8 {
    let mut setup = None;
    // One redactor for both sides, so that a value has one pseudonym in the whole diff.
    let redactor = Mutex::new(Redactor::new());
    let batch = Batch { redactor: args.redact.then_some(&redactor), ..Batch::default() };
    // A side and whether it was read from a JSON report (rather than linted here).
    let mut side = |path: &Path| -> Result<(Side, bool), u8> {
        let max_size = args.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE);
        if let Some(side) = Side::from_json_report(path, max_size).map_err(|problem| fail(&[problem]))? {
            return Ok((side, true));
        }
        if setup.is_none() {
            let overrides = Overrides { max_file_size: args.max_file_size, ..Overrides::default() };
            setup = Some(prepare(&args.config, &args.policies, overrides, None)?);
        }
        let Some(setup) = setup.as_ref() else { return Err(2) };
        let report = crate::lint::lint_batch(&[path.to_path_buf()], &setup.run(), &batch, &mut |_| {});
        Ok((Side::from_report(&report, path.display().to_string()), false))
    };
    let (mut old, mut new) = match (side(&args.old), side(&args.new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    if args.redact {
        // A JSON report's exports are not at hand: its messages get the values collected from
        // the other side, if that was linted here, and the GUID and address patterns.
        let mut redactor = redactor.lock().unwrap_or_else(PoisonError::into_inner);
        for (side, _) in [&mut old, &mut new].into_iter().filter(|(_, from_report)| *from_report) {
            for finding in &mut side.findings {
                redactor.redact_text(&mut finding.message);
                finding.fingerprint = redacted_fingerprint(&finding.fingerprint);
            }
        }
    }
    let ((old, _), (new, _)) = (old, new);
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
