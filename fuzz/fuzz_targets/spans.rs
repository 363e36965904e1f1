//! Span mapping: for a tenant that ingests, every canonical path resolves through the
//! `Locator` to a location inside its source text, on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    m365lint_fuzz::locate_every_path(&m365lint_fuzz::split_files(data));
});
