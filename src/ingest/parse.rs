//! Text to JSON, with syntax errors located at line:column, and nesting bounded by
//! [`MAX_DEPTH`] before any recursive parser sees the text.

use std::sync::Arc;

use serde_json::Value;

use super::limits::MAX_DEPTH;
use super::problem::{IngestCode, file_problem, offset_problem};
use crate::model::{Problem, SourceFile, floor_char_boundary};

pub fn parse(source: &Arc<SourceFile>) -> Result<Value, Problem> {
    if source.text.trim().is_empty() {
        return Err(file_problem(IngestCode::NotJson, &source.path, format!("{} is empty", source.path)));
    }
    check_depth(source)?;
    serde_json::from_str(&source.text).map_err(|error| {
        // serde_json counts columns in bytes; our locations count characters.
        let line_start = source.offset_of(error.line(), 1);
        let offset = (line_start + error.column().saturating_sub(1)).min(source.text.len());
        let offset = floor_char_boundary(&source.text, offset);
        let (line, column) = source.line_column(offset);
        let reason = strip_position(&error.to_string());
        offset_problem(
            IngestCode::NotJson,
            source,
            offset,
            format!("{} is not valid JSON: {reason} at line {line}, column {column}", source.path),
            &reason,
        )
    })
}

/// Rejects text that nests arrays and objects deeper than [`MAX_DEPTH`], pointing at the
/// bracket that goes one level too deep. One pass over the bytes, no recursion: this is what
/// lets serde_json, the span parser and the engine recurse safely afterwards. Brackets inside
/// strings do not count; syntax errors are left to serde_json.
fn check_depth(source: &Arc<SourceFile>) -> Result<(), Problem> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (offset, byte) in source.text.bytes().enumerate() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    let (line, column) = source.line_column(offset);
                    return Err(offset_problem(
                        IngestCode::TooDeep,
                        source,
                        offset,
                        format!(
                            "{} nests arrays and objects more than {MAX_DEPTH} levels deep at line {line}, column {column}",
                            source.path
                        ),
                        &format!("level {depth}"),
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// serde_json appends " at line L column C"; we report our own (character) column.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Arc<SourceFile> {
        Arc::new(SourceFile::new("t.json", text))
    }

    #[test]
    fn syntax_errors_are_located_in_characters() {
        let problem = parse(&source("{\r\n  \"name\": \"Zürich\",\r\n  \"x\": tru\r\n}")).unwrap_err();
        let location = problem.location.unwrap();
        assert_eq!(location.line, 3);
        assert!(problem.message.contains("line 3"), "{}", problem.message);
        let problem = parse(&source("{\"ä\": 1,, }")).unwrap_err();
        assert_eq!(problem.location.unwrap().column, 9, "{}", problem.message);
    }

    fn nested(levels: usize) -> String {
        format!("{}{}", "[".repeat(levels), "]".repeat(levels))
    }

    #[test]
    fn nesting_up_to_the_limit_is_read() {
        assert!(parse(&source(&nested(MAX_DEPTH))).is_ok());
        // Brackets inside strings, escaped quotes included, are not nesting.
        let text = format!("{{\"a\": \"\\\"{}\", \"b\": {}}}", "[".repeat(500), nested(MAX_DEPTH - 1));
        assert!(parse(&source(&text)).is_ok(), "{text}");
    }

    #[test]
    fn nesting_past_the_limit_is_located_where_it_goes_too_deep() {
        for levels in [MAX_DEPTH + 1, 129, 100_000, 1_000_000] {
            let problem = parse(&source(&nested(levels))).unwrap_err();
            assert_eq!(problem.code, "m365lint::ingest::too_deep", "{levels}");
            let location = problem.location.unwrap();
            assert_eq!((location.line, location.column), (1, MAX_DEPTH + 1), "{levels}");
        }
        // Unclosed brackets (a cut-off file) are caught too, not left to recursion.
        let problem = parse(&source(&format!("{{\n  \"a\": {}", "[".repeat(1_000_000)))).unwrap_err();
        assert_eq!(problem.code, "m365lint::ingest::too_deep");
        assert_eq!(problem.location.unwrap().line, 2);
    }

    #[test]
    fn empty_files_are_not_json() {
        assert!(parse(&source("  \n")).unwrap_err().message.contains("empty"));
    }
}
