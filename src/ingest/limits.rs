//! Bounds on what m365lint reads, so that a pathological input (a multi-gigabyte file, a
//! device that never ends, JSON nested a million levels deep) is rejected with a clear
//! diagnostic instead of exhausting memory or the stack.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// Largest file read by default. Real exports of large tenants are a few MB to tens of MB
/// (a ScubaGear export of a tenant with thousands of DLP rules and transport rules is ~30 MB);
/// 64 MiB leaves room for them while keeping a run's memory (a file's text, its parsed tree
/// and its canonical document, for each tenant in flight) well within a CI runner's.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Deepest nesting of arrays and objects accepted in an export. Real exports nest fewer than
/// 20 levels (`ConvertTo-Json -Depth 10` stops at 10 below the root; Graph responses at about
/// 8); 64 leaves room for them, and stays below serde_json's own limit of 128 and far below
/// what the span parser and the engine can recurse through.
pub const MAX_DEPTH: usize = 64;

/// How much of its input a run may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read, in bytes.
    pub max_file_size: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_file_size: DEFAULT_MAX_FILE_SIZE }
    }
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// The file holds more than `limit` bytes (`size` is what it holds, as far as it was read).
    TooLarge {
        size: u64,
        limit: u64,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(error) => write!(f, "{error}"),
            ReadError::TooLarge { size, limit } => {
                write!(f, "it is {} ({size} bytes), larger than the limit of {}", ByteSize(*size), ByteSize(*limit))
            }
        }
    }
}

/// Reads a whole file, refusing it before reading when it is larger than `limit` bytes, and
/// never reading more than `limit + 1` bytes of it (a file that grows, or a device).
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let size = file.metadata().map_err(ReadError::Io)?.len();
    if size > limit {
        return Err(ReadError::TooLarge { size, limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    let read = bytes.len() as u64;
    if read > limit {
        return Err(ReadError::TooLarge { size: read, limit });
    }
    Ok(bytes)
}

/// Reads a whole file as UTF-8 text, within `limit` bytes (see [`read_limited`]).
pub fn read_text_limited(path: &Path, limit: u64) -> Result<String, ReadError> {
    let bytes = read_limited(path, limit)?;
    String::from_utf8(bytes).map_err(|error| ReadError::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, error)))
}

/// A number of bytes, shown the way people write it (`64 MiB`, `1.5 GiB`, `812 bytes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteSize(pub u64);

impl fmt::Display for ByteSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
        for (unit, size) in UNITS {
            if self.0 >= size {
                let whole = self.0 / size;
                let tenths = (self.0 % size) * 10 / size;
                return if tenths == 0 { write!(f, "{whole} {unit}") } else { write!(f, "{whole}.{tenths} {unit}") };
            }
        }
        write!(f, "{} bytes", self.0)
    }
}

/// Parses a size as people write it: a number of bytes (`1048576`), or a number with a unit,
/// decimal (`kB`, `MB`, `GB`, `TB`: powers of 1000) or binary (`KiB`, `MiB`, `GiB`, `TiB`: powers
/// of 1024); case does not matter, a space before the unit is allowed (`200MB`, `1.5 GiB`,
/// `512kib`). Parsing is the `parse-size` crate's; a limit of zero bytes is refused here.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let bytes = parse_size::parse_size(text.trim())
        .map_err(|_| format!("'{text}' is not a size: write bytes (1048576) or a number with a unit (200MB, 1GiB)"))?;
    if bytes == 0 {
        return Err(format!("'{text}' is not a size larger than zero"));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_read_in_every_usual_spelling() {
        assert_eq!(parse_size("1048576"), Ok(1_048_576));
        assert_eq!(parse_size("200MB"), Ok(200_000_000));
        assert_eq!(parse_size("200 mb"), Ok(200_000_000));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert_eq!(parse_size("64MiB"), Ok(DEFAULT_MAX_FILE_SIZE));
        assert_eq!(parse_size("1.5KiB"), Ok(1536));
        assert_eq!(parse_size("512k"), Ok(512_000));
        assert_eq!(parse_size("10B"), Ok(10));
        assert_eq!(parse_size(" 1TB "), Ok(1_000_000_000_000));
        assert_eq!(parse_size("1e3"), Ok(1_000));
    }

    #[test]
    fn nonsense_sizes_are_refused() {
        for bad in
            ["", "MB", "-1", "1.2.3MB", "0", "0MB", "0.0001", "99999999999999999999", "20000000000GiB", "12 parsecs"]
        {
            assert!(parse_size(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn sizes_are_shown_with_binary_units() {
        assert_eq!(ByteSize(DEFAULT_MAX_FILE_SIZE).to_string(), "64 MiB");
        assert_eq!(ByteSize(1536).to_string(), "1.5 KiB");
        assert_eq!(ByteSize(812).to_string(), "812 bytes");
        assert_eq!(ByteSize(3 << 30).to_string(), "3 GiB");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        std::fs::write(&path, vec![b' '; 2048]).unwrap();
        assert_eq!(read_limited(&path, 2048).unwrap().len(), 2048);
        match read_limited(&path, 2047) {
            Err(ReadError::TooLarge { size, limit }) => assert_eq!((size, limit), (2048, 2047)),
            other => panic!("expected TooLarge, got {other:?}"),
        }
    }

    #[test]
    fn a_device_is_read_no_further_than_the_limit() {
        // /dev/zero reports a size of 0 and never ends: only take() stops it.
        match read_limited(Path::new("/dev/zero"), 4096) {
            Err(ReadError::TooLarge { size, limit }) => assert_eq!((size, limit), (4097, 4096)),
            other => panic!("expected TooLarge, got {other:?}"),
        }
    }
}
