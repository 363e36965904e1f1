use std::fmt;

use miette::{Diagnostic, LabeledSpan, SourceCode};

use super::source_code::{FileSource, label_span};
use crate::model::Problem;

/// A [`Problem`] as a miette diagnostic: an error with a label at the offending place.
pub struct ProblemDiagnostic {
    problem: Problem,
    source: Option<FileSource>,
    severity: miette::Severity,
}

impl ProblemDiagnostic {
    /// A problem that makes the run untrustworthy.
    pub fn new(problem: &Problem) -> Self {
        let source = problem.location.as_ref().map(|location| FileSource(location.source.clone()));
        ProblemDiagnostic { problem: problem.clone(), source, severity: miette::Severity::Error }
    }

    /// Something worth knowing that does not affect the outcome (a tolerated input quirk, an
    /// expired or unmatched waiver).
    pub fn warning(problem: &Problem) -> Self {
        ProblemDiagnostic { severity: miette::Severity::Warning, ..ProblemDiagnostic::new(problem) }
    }
}

impl fmt::Debug for ProblemDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.problem, f)
    }
}

impl fmt::Display for ProblemDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problem.message)
    }
}

impl std::error::Error for ProblemDiagnostic {}

impl Diagnostic for ProblemDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.problem.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.problem.help.as_ref().map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|source| source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = label_span(self.problem.location.as_ref()?)?;
        let label = LabeledSpan::new_primary_with_span(self.problem.label.clone(), span);
        Some(Box::new(std::iter::once(label)))
    }
}
