//! One export file's bytes through the whole ingest: decode, parse, detect, normalize,
//! assemble. Every outcome must be a tenant or located problems, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    m365lint_fuzz::ingest(&m365lint_fuzz::one_file(data));
});
