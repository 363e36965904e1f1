use std::sync::OnceLock;

/// One input file as the user sees it: the path they gave (for display) and its decoded text
/// (BOM removed, UTF-16 converted). Every span and line:column refers to this text.
#[derive(Debug)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    /// Byte offset of the start of each line, built on first use: findings are located by
    /// binary search instead of a scan from the top of a (possibly megabytes long) file.
    line_starts: OnceLock<Vec<usize>>,
}

impl PartialEq for SourceFile {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path && self.text == other.text
    }
}

impl Eq for SourceFile {}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile { path: path.into(), text: text.into(), line_starts: OnceLock::new() }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| std::iter::once(0).chain(newline_offsets(&self.text).map(|i| i + 1)).collect())
    }

    /// The same file without its text: what a report keeps of an export once the findings that
    /// point into it have been drawn, so that a run over many tenants does not hold every
    /// export in memory. Locations into it keep their line and column; only a source snippet
    /// can no longer be drawn.
    pub fn released(&self) -> SourceFile {
        SourceFile::new(self.path.clone(), String::new())
    }

    /// 1-based line and column (in characters, not bytes) of a byte offset into the text.
    /// A `\r\n` line ending belongs to the line it ends.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let starts = self.line_starts();
        // The last line start at or before the offset.
        let line = starts.partition_point(|&start| start <= offset);
        let line_start = starts[line - 1];
        let column = self.text[line_start..offset].chars().count() + 1;
        (line, column)
    }

    /// Byte offset of a 1-based line and character column, clamped to the text.
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let mut offset = 0;
        for _ in 1..line {
            match self.text[offset..].find('\n') {
                Some(i) => offset += i + 1,
                None => return self.text.len(),
            }
        }
        let rest = &self.text[offset..];
        let line_end = rest.find('\n').unwrap_or(rest.len());
        let within = rest[..line_end].char_indices().nth(column.saturating_sub(1)).map_or(line_end, |(i, _)| i);
        offset + within
    }
}

fn newline_offsets(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i)
}

/// The nearest character boundary at or before `offset` (`str::floor_char_boundary`, which is
/// newer than the crate's minimum Rust version).
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("f.json", text)
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let f = file("{\"n\": \"Zürich\", \"x\": 1}");
        let x = f.text.find("\"x\"").unwrap();
        assert_eq!(f.line_column(x), (1, 17));
        assert_eq!(f.offset_of(1, 17), x);
    }

    #[test]
    fn crlf_lines() {
        let f = file("{\r\n  \"a\": 1,\r\n  \"b\": 2\r\n}");
        let b = f.text.find("\"b\"").unwrap();
        assert_eq!(f.line_column(b), (3, 3));
        assert_eq!(f.offset_of(3, 3), b);
    }

    #[test]
    fn every_offset_agrees_with_a_scan_from_the_top() {
        let f = file("{\r\n  \"ä\": [1,\n 2],\n\n  \"b\": \"日本\"\r\n}\n");
        for offset in 0..=f.text.len() {
            let boundary = floor_char_boundary(&f.text, offset);
            let before = &f.text[..boundary];
            let line = before.matches('\n').count() + 1;
            let column = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1;
            assert_eq!(f.line_column(offset), (line, column), "offset {offset}");
        }
    }
}
