//! Text to JSON, with syntax errors located at line:column.

use std::sync::Arc;

use serde_json::Value;

use super::problem::{IngestCode, file_problem, offset_problem};
use crate::model::{Problem, SourceFile};

pub fn parse(source: &Arc<SourceFile>) -> Result<Value, Problem> {
    if source.text.trim().is_empty() {
        return Err(file_problem(IngestCode::NotJson, &source.path, format!("{} is empty", source.path)));
    }
    serde_json::from_str(&source.text).map_err(|error| {
        // serde_json counts columns in bytes; our locations count characters.
        let line_start = source.offset_of(error.line(), 1);
        let offset = (line_start + error.column().saturating_sub(1)).min(source.text.len());
        let offset = floor_boundary(&source.text, offset);
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

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
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

    #[test]
    fn empty_files_are_not_json() {
        assert!(parse(&source("  \n")).unwrap_err().message.contains("empty"));
    }
}
