//! `--format` and `--output`: which formats a run writes, and where.
//!
//! The pairing rule: `--format` may be repeated; an `--output FILE` writes the `--format`
//! just before it on the command line (with no `--format` at all, it writes the default
//! `human`). A format without `--output` goes to standard output, and at most one may. Also
//! refused: an `--output` before the first `--format`, two `--output`s after one `--format`,
//! and one file named twice. Refusals are usage errors (exit 2), before anything is linted.
//!
//! Clap's derive cannot see the order of two different options, so [`OutputArgs`] reads it
//! from the argument indices itself.

use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::error::ErrorKind;
use clap::{Arg, ArgAction, ArgMatches, Args, Command, FromArgMatches, ValueEnum};

use crate::report::Format;

/// One format to write, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputSpec {
    pub format: Format,
    /// `None`: standard output.
    pub file: Option<PathBuf>,
}

/// The formats and outputs of `check`, paired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputArgs {
    pub outputs: Vec<OutputSpec>,
}

impl ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &Format::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.name()).help(self.description()))
    }
}

impl Args for OutputArgs {
    fn augment_args(command: Command) -> Command {
        command
            .arg(
                Arg::new("format")
                    .long("format")
                    .value_name("FORMAT")
                    .action(ArgAction::Append)
                    .value_parser(clap::builder::EnumValueParser::<Format>::new())
                    .help("Output format; repeat it to write several (default: human)")
                    .long_help(
                        "Output format. Repeat it to write several formats from one run: each \
                         --output FILE applies to the --format just before it, and at most one \
                         format goes to standard output.",
                    ),
            )
            .arg(
                Arg::new("output")
                    .long("output")
                    .value_name("FILE")
                    .action(ArgAction::Append)
                    .value_parser(clap::value_parser!(PathBuf))
                    .help("Write the --format just before it to FILE instead of standard output"),
            )
    }

    fn augment_args_for_update(command: Command) -> Command {
        Self::augment_args(command)
    }
}

impl FromArgMatches for OutputArgs {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let formats = indexed::<Format>(matches, "format");
        let files = indexed::<PathBuf>(matches, "output");
        let outputs =
            pair(&formats, &files).map_err(|message| clap::Error::raw(ErrorKind::ArgumentConflict, message))?;
        Ok(OutputArgs { outputs })
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

/// An option's values with their positions on the command line.
fn indexed<T: Clone + Send + Sync + 'static>(matches: &ArgMatches, id: &str) -> Vec<(usize, T)> {
    match (matches.indices_of(id), matches.get_many::<T>(id)) {
        (Some(indices), Some(values)) => indices.zip(values.cloned()).collect(),
        _ => Vec::new(),
    }
}

/// Applies the pairing rule (see the module documentation).
fn pair(formats: &[(usize, Format)], files: &[(usize, PathBuf)]) -> Result<Vec<OutputSpec>, String> {
    let defaulted = formats.is_empty();
    let formats = if defaulted { vec![(0, Format::Human)] } else { formats.to_vec() };
    let mut outputs: Vec<OutputSpec> =
        formats.iter().map(|(_, format)| OutputSpec { format: *format, file: None }).collect();
    for (index, file) in files {
        let owner =
            if defaulted { Some(0) } else { formats.iter().rposition(|(format_index, _)| format_index < index) };
        let Some(owner) = owner else {
            return Err(format!(
                "--output {} comes before any --format: put each --output right after the --format it is for",
                file.display()
            ));
        };
        let output = &mut outputs[owner];
        if let Some(earlier) = &output.file {
            return Err(format!(
                "--format {} has two --output files ({} and {}): repeat --format {0} before the second",
                output.format,
                earlier.display(),
                file.display()
            ));
        }
        output.file = Some(file.clone());
    }
    let on_stdout: Vec<&str> = outputs.iter().filter(|o| o.file.is_none()).map(|o| o.format.name()).collect();
    if on_stdout.len() > 1 {
        return Err(format!(
            "only one format can go to standard output, but {} would: give all but one an --output FILE after it",
            on_stdout.join(" and ")
        ));
    }
    for (i, output) in outputs.iter().enumerate() {
        if let Some(file) = &output.file
            && outputs[..i].iter().any(|earlier| earlier.file.as_ref() == Some(file))
        {
            return Err(format!("{} is the --output of two formats", file.display()));
        }
    }
    Ok(outputs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(format: Format, file: Option<&str>) -> OutputSpec {
        OutputSpec { format, file: file.map(PathBuf::from) }
    }

    #[test]
    fn each_output_belongs_to_the_format_before_it() {
        let formats = [(1, Format::Human), (3, Format::Sarif), (7, Format::Junit)];
        let files = [(5, PathBuf::from("m.sarif")), (9, PathBuf::from("j.xml"))];
        assert_eq!(
            pair(&formats, &files).unwrap(),
            [spec(Format::Human, None), spec(Format::Sarif, Some("m.sarif")), spec(Format::Junit, Some("j.xml"))]
        );
    }

    #[test]
    fn without_format_an_output_gets_the_default() {
        assert_eq!(pair(&[], &[]).unwrap(), [spec(Format::Human, None)]);
        assert_eq!(pair(&[], &[(2, PathBuf::from("out.txt"))]).unwrap(), [spec(Format::Human, Some("out.txt"))]);
    }

    #[test]
    fn ambiguous_pairings_are_refused() {
        let err = pair(&[(3, Format::Json)], &[(1, PathBuf::from("a"))]).unwrap_err();
        assert!(err.contains("comes before any --format"), "{err}");
        let err = pair(&[(1, Format::Json)], &[(3, PathBuf::from("a")), (5, PathBuf::from("b"))]).unwrap_err();
        assert!(err.contains("two --output files (a and b)"), "{err}");
        let err = pair(&[(1, Format::Json), (3, Format::Sarif)], &[]).unwrap_err();
        assert!(err.contains("json and sarif would"), "{err}");
        let err = pair(&[(1, Format::Json), (5, Format::Sarif)], &[(3, PathBuf::from("a")), (7, PathBuf::from("a"))])
            .unwrap_err();
        assert!(err.contains("a is the --output of two formats"), "{err}");
        let err = pair(&[], &[(1, PathBuf::from("a")), (3, PathBuf::from("b"))]).unwrap_err();
        assert!(err.contains("--format human has two --output files"), "{err}");
    }
}
