/// One input file as the user sees it: the path they gave (for display) and its decoded text
/// (BOM removed, UTF-16 converted). Every span and line:column refers to this text.
#[derive(Debug, PartialEq, Eq)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

impl SourceFile {
    /// 1-based line and column (in characters, not bytes) of a byte offset into the text.
    /// A `\r\n` line ending belongs to the line it ends.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let column = before[line_start..].chars().count() + 1;
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

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile { path: "f.json".into(), text: text.into() }
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
}
