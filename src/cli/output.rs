//! Writing output: colour only on a terminal, a broken pipe is not an error, fatal
//! diagnostics go to stderr, and each format of `check` to its destination.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};

use super::formats::OutputSpec;
use crate::report::{Format, HumanOptions};

/// Options for human output on stdout.
pub fn human_options() -> HumanOptions {
    let color = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let width = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(100);
    HumanOptions { color, width }
}

/// Writes to stdout; a closed pipe (`m365lint ... | head`) ends output quietly.
pub fn write_stdout(render: impl FnOnce(&mut dyn Write) -> io::Result<()>) {
    let stdout = io::stdout();
    let mut lock = stdout.lock();
    let result = render(&mut lock).and_then(|()| lock.flush());
    if let Err(error) = result
        && error.kind() != io::ErrorKind::BrokenPipe
    {
        eprintln!("m365lint: cannot write output: {error}");
    }
}

/// Prints diagnostics that stop a command (bad config, broken policy) to stderr.
pub fn print_diagnostics<'a>(diagnostics: impl IntoIterator<Item = &'a dyn Diagnostic>) {
    let color = io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100).with_links(false);
    let mut text = String::new();
    for diagnostic in diagnostics {
        if handler.render_report(&mut text, diagnostic).is_err() {
            text.push_str(&diagnostic.to_string());
        }
        text.push('\n');
    }
    let _ = io::stderr().write_all(text.as_bytes());
}

/// Where one format of a run goes: standard output or a file, opened before linting starts
/// (so a bad `--output` path fails fast). A write error is kept, and reported by
/// [`Destination::finish`]; later writes are skipped. A closed standard output
/// (`m365lint ... | head`) is not an error.
pub struct Destination {
    pub format: Format,
    target: Target,
    error: Option<io::Error>,
}

enum Target {
    Stdout,
    File { path: PathBuf, writer: BufWriter<File> },
}

impl Destination {
    pub fn open(spec: &OutputSpec) -> Result<Destination, String> {
        let target = match &spec.file {
            None => Target::Stdout,
            Some(path) => {
                let file = File::create(path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                Target::File { path: path.clone(), writer: BufWriter::new(file) }
            }
        };
        Ok(Destination { format: spec.format, target, error: None })
    }

    pub fn is_stdout(&self) -> bool {
        matches!(self.target, Target::Stdout)
    }

    /// Renders into the destination and flushes, so streamed lines are out at once.
    pub fn write(&mut self, render: impl FnOnce(&mut dyn Write) -> io::Result<()>) {
        if self.error.is_some() {
            return;
        }
        let result = match &mut self.target {
            Target::Stdout => {
                let stdout = io::stdout();
                let mut lock = stdout.lock();
                render(&mut lock).and_then(|()| lock.flush())
            }
            Target::File { writer, .. } => render(writer).and_then(|()| writer.flush()),
        };
        if let Err(error) = result {
            self.error = Some(error);
        }
    }

    /// Reports a write error on stderr; `false` when output was lost (not for a closed pipe).
    pub fn finish(self) -> bool {
        match (self.error, &self.target) {
            (None, _) => true,
            (Some(error), Target::Stdout) if error.kind() == io::ErrorKind::BrokenPipe => true,
            (Some(error), Target::Stdout) => {
                eprintln!("m365lint: cannot write output: {error}");
                false
            }
            (Some(error), Target::File { path, .. }) => {
                eprintln!("m365lint: cannot write {}: {error}", path.display());
                false
            }
        }
    }
}
