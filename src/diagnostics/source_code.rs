use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::model::SourceFile;

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
