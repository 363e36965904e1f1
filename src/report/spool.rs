//! What the formats written at the end of a run too large to hold (`--format json`, `--format
//! sarif`) share: values written as they finish to an anonymous temporary file, one compact JSON
//! line each, and read back in order into the document at the end.

use std::cell::RefCell;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};

use serde::Serialize;
use serde::ser::Error;

/// Values spooled to an anonymous temporary file (removed by the system however the process
/// ends), one compact JSON line each.
pub(super) struct LineSpool {
    file: BufWriter<File>,
    count: usize,
}

impl LineSpool {
    pub(super) fn new() -> io::Result<LineSpool> {
        Ok(LineSpool { file: BufWriter::new(tempfile::tempfile()?), count: 0 })
    }

    pub(super) fn push(&mut self, value: &impl Serialize) -> io::Result<()> {
        serde_json::to_writer(&mut self.file, value)?;
        // JSON escapes every newline inside strings: one value per line.
        self.file.write_all(b"\n")?;
        self.count += 1;
        Ok(())
    }

    /// The spooled values, from the first.
    pub(super) fn read_back(self) -> io::Result<SpooledLines> {
        let mut file = self.file.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.seek(SeekFrom::Start(0))?;
        Ok(SpooledLines { lines: RefCell::new(BufReader::new(file)), count: self.count })
    }
}

/// Spooled values being read back. They are read while the document is serialized, which
/// `Serialize` does through `&self`: the reader is in a `RefCell`, and the lines can be read once.
pub(super) struct SpooledLines {
    lines: RefCell<BufReader<File>>,
    count: usize,
}

impl SpooledLines {
    pub(super) fn len(&self) -> usize {
        self.count
    }

    /// Hands each spooled line (one JSON value) to `each`, in order. A read error, or a file
    /// shorter than what was spooled, is a serialization error: it ends the document's writing.
    pub(super) fn each_line<E: Error>(&self, mut each: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
        let mut lines = self.lines.borrow_mut();
        let mut line = String::new();
        for _ in 0..self.count {
            line.clear();
            match lines.read_line(&mut line) {
                Ok(0) => return Err(E::custom("the spooled report ended early")),
                Ok(_) => {}
                Err(error) => return Err(E::custom(format!("cannot read the spooled report: {error}"))),
            }
            each(&line)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_come_back_in_order_one_per_line() {
        let mut spool = LineSpool::new().unwrap();
        for value in [serde_json::json!({"text": "two\nlines"}), serde_json::json!([1, 2.5, null])] {
            spool.push(&value).unwrap();
        }
        let spooled = spool.read_back().unwrap();
        assert_eq!(spooled.len(), 2);
        let mut lines = Vec::new();
        spooled
            .each_line(|line| {
                lines.push(line.to_owned());
                Ok::<(), serde_json::Error>(())
            })
            .unwrap();
        assert_eq!(lines, ["{\"text\":\"two\\nlines\"}\n", "[1,2.5,null]\n"]);
    }
}
