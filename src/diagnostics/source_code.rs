use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::model::{Location, SourceFile};

/// Labels that end further right than this are not drawn under the source line: miette 7.6
/// pads a label to its column with a formatting width, which panics past 65,535, and a label
/// thousands of characters to the right is unreadable anyway. The diagnostic keeps its message.
const MAX_LABEL_COLUMN: usize = 4096;

/// The span miette labels for a location (at least one byte wide), or `None` when it lies too
/// far right on its line to be drawn (e.g. a value on a minified export's single huge line).
pub fn label_span(location: &Location) -> Option<(usize, usize)> {
    (location.column <= MAX_LABEL_COLUMN && location.end_column <= MAX_LABEL_COLUMN)
        .then_some((location.offset, location.length.max(1)))
}

/// A source file as miette reads it: named by its path, without copying the text.
///
/// miette 7.6's `&str` source reports `line_count` as the absolute line at the end of the
/// context, while its snippet merger reads it as the number of lines in the context; every
/// pair of labels within about twice the first label's line number then merges into one huge
/// block. We report the number of lines the context spans instead.
#[derive(Debug, Clone)]
pub struct FileSource(pub Arc<SourceFile>);

impl SourceCode for FileSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let contents = self.0.text.as_str().read_span(span, context_lines_before, context_lines_after)?;
        let data = contents.data();
        let lines_spanned = data.iter().filter(|&&b| b == b'\n').count();
        Ok(Box::new(MietteSpanContents::new_named(
            self.0.path.clone(),
            data,
            *contents.span(),
            contents.line(),
            contents.column(),
            lines_spanned,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceTree;

    #[test]
    fn labels_far_right_on_a_huge_line_are_not_drawn() {
        let text = format!("{{\"a\": \"{}\", \"b\": 1}}", "x".repeat(70_000));
        let source = Arc::new(SourceFile::new("t.json", text.clone()));
        let near = SourceTree::location_at_offset(&source, 1, 3);
        assert_eq!(label_span(&near), Some((1, 3)));
        let far = SourceTree::location_at_offset(&source, text.find("\"b\"").unwrap(), 3);
        assert_eq!(label_span(&far), None);
    }
}
