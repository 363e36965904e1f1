//! Several export files of one tenant (the input split at `FILE_SEPARATOR`): exercises
//! assembly across files (merged collections, paging, duplicate and conflicting objects).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    m365lint_fuzz::ingest(&m365lint_fuzz::split_files(data));
});
