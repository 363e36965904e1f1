//! Redacting an export's text, for the source snippets of human, Markdown and HTML output,
//! and moving the spans that point into it.
//!
//! String literals are decoded before they are searched (an export may spell `&` as
//! `\u0026`) and encoded again when they change. Everything outside literals (comments,
//! TOML) is searched as it is.

use super::pseudonyms::Pseudonyms;
use super::text::Matcher;

/// One replaced range: `from..to` of the original text became `new_from..new_to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Edit {
    from: usize,
    to: usize,
    new_from: usize,
    new_to: usize,
}

/// A redacted text, and how to move a span of the original onto it.
#[derive(Debug, Clone, Default)]
pub struct RedactedText {
    pub text: String,
    edits: Vec<Edit>,
}

impl RedactedText {
    /// The redacted text of `original`.
    pub fn new(original: &str, matcher: &Matcher, table: &mut Pseudonyms) -> RedactedText {
        let mut redacted = RedactedText { text: String::with_capacity(original.len()), edits: Vec::new() };
        let mut at = 0;
        while at < original.len() {
            let (end, is_literal) = match original[at..].find('"') {
                Some(0) => (literal_end(original, at), true),
                Some(i) => (at + i, false),
                None => (original.len(), false),
            };
            let segment = &original[at..end];
            let replacement = if is_literal {
                redact_literal(segment, matcher, table)
            } else {
                Some(matcher.redact(segment, table).into_owned()).filter(|r| r != segment)
            };
            redacted.push(at, segment, replacement);
            at = end;
        }
        redacted
    }

    fn push(&mut self, from: usize, original: &str, replacement: Option<String>) {
        match replacement {
            None => self.text.push_str(original),
            Some(replacement) => {
                let new_from = self.text.len();
                self.text.push_str(&replacement);
                self.edits.push(Edit { from, to: from + original.len(), new_from, new_to: self.text.len() });
            }
        }
    }

    /// Where the original byte offset `offset` is in the redacted text, as the start of a span
    /// (an offset inside a replaced range moves to its start).
    pub fn start(&self, offset: usize) -> usize {
        match self.edits[..self.edits.partition_point(|e| e.from <= offset)].last() {
            None => offset,
            Some(edit) if offset < edit.to => edit.new_from,
            Some(edit) => offset - edit.to + edit.new_to,
        }
    }

    /// Where the original byte offset `offset` is, as the end of a span (an offset inside a
    /// replaced range moves to its end).
    pub fn end(&self, offset: usize) -> usize {
        match self.edits[..self.edits.partition_point(|e| e.from < offset)].last() {
            None => offset,
            Some(edit) if offset <= edit.to => edit.new_to,
            Some(edit) => offset - edit.to + edit.new_to,
        }
    }
}

/// The end (just after the closing quote) of the string literal starting at `start`; the end
/// of the text when it is not closed.
fn literal_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    text.len()
}

/// The literal with its identifying values replaced, or `None` when it has none.
fn redact_literal(literal: &str, matcher: &Matcher, table: &mut Pseudonyms) -> Option<String> {
    // Most literals have no escape: searched in place, without decoding.
    if literal.len() >= 2 && literal.ends_with('"') && !literal.contains('\\') {
        let content = &literal[1..literal.len() - 1];
        return match matcher.redact(content, table) {
            std::borrow::Cow::Owned(redacted) => {
                Some(serde_json::to_string(&redacted).unwrap_or_else(|_| literal.to_owned()))
            }
            std::borrow::Cow::Borrowed(_) => None,
        };
    }
    match serde_json::from_str::<String>(literal) {
        Ok(value) => {
            let redacted = matcher.redact(&value, table);
            (redacted != value).then(|| serde_json::to_string(&redacted).unwrap_or_else(|_| literal.to_owned()))
        }
        // Not JSON (a TOML literal, an unclosed string): searched as it is.
        Err(_) => Some(matcher.redact(literal, table).into_owned()).filter(|r| r != literal),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::pseudonyms::Kind;

    #[test]
    fn literals_are_decoded_and_spans_move_with_them() {
        let known = vec![(Kind::Group, "R&D".to_owned())];
        let matcher = Matcher::new(&known);
        let mut table = Pseudonyms::default();
        let original = "{\"excludeGroups\": [\"R\\u0026D\", \"x\"], \"mail\": \"jane@contoso.com\"}";
        let redacted = RedactedText::new(original, &matcher, &mut table);
        assert_eq!(redacted.text, "{\"excludeGroups\": [\"group-1\", \"x\"], \"mail\": \"upn-1@redacted.invalid\"}");
        // The span of "x" (after the replaced literal) moves by the difference in length.
        let x = original.find("\"x\"").unwrap();
        assert_eq!(&redacted.text[redacted.start(x)..redacted.end(x + 3)], "\"x\"");
        // The span of the replaced literal covers its replacement.
        let group = original.find("\"R").unwrap();
        assert_eq!(&redacted.text[redacted.start(group)..redacted.end(group + 10)], "\"group-1\"");
        // Spans before any replacement stay.
        assert_eq!(redacted.start(1), 1);
    }

    #[test]
    fn keys_and_text_outside_literals_are_searched_too() {
        let matcher = Matcher::new(&[]);
        let mut table = Pseudonyms::default();
        let original = "owner = 'jane@contoso.com'\n{\"Jane@contoso.com\": 1, \"a@odata.context\": 2}";
        let redacted = RedactedText::new(original, &matcher, &mut table);
        assert_eq!(
            redacted.text,
            "owner = 'upn-1@redacted.invalid'\n{\"upn-1@redacted.invalid\": 1, \"a@odata.context\": 2}"
        );
    }
}
