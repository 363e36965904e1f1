//! Writing to the terminal: colour only on a terminal, a broken pipe is not an error, and
//! fatal diagnostics go to stderr.

use std::io::{self, IsTerminal, Write};

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};

use crate::report::HumanOptions;

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
