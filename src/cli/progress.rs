//! The progress bar of a batch run: on stderr, only when it is a terminal, not under CI (the
//! `CI` variable every CI system sets), and only for enough tenants to be worth watching.
//! Output written to the terminal while the bar is drawn goes through [`Progress::suspend`].

use std::io::{self, IsTerminal};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Fewer tenants than this finish before a bar would tell anything.
const MIN_TENANTS: usize = 5;

pub struct Progress(Option<ProgressBar>);

impl Progress {
    pub fn new(tenants: usize) -> Progress {
        let wanted = tenants >= MIN_TENANTS && io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        if !wanted {
            return Progress(None);
        }
        let bar = ProgressBar::with_draw_target(Some(tenants as u64), ProgressDrawTarget::stderr());
        // A template that does not parse is a bug here, not the user's: then plain counts.
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} linting tenants {bar:30} {pos}/{len}  {elapsed} elapsed, about {eta} left",
        ) {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress(Some(bar))
    }

    /// One more tenant done.
    pub fn advance(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// Runs `write` with the bar hidden, so that output to the terminal is not mixed with it.
    pub fn suspend<T>(&self, write: impl FnOnce() -> T) -> T {
        match &self.0 {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
    }

    /// Removes the bar before the final outputs are written.
    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
