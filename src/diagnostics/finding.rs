use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, SourceCode};

use super::source_code::{FileSource, label_span};
use crate::model::{Evidence, Finding, RuleMeta, Severity, SourceFile};

/// A finding as a miette diagnostic: the message, a label on the offending value in the
/// original file, near misses in the same file as secondary labels (in other files as related
/// diagnostics), and the rule's remediation as help.
pub struct FindingDiagnostic {
    code: String,
    message: String,
    severity: miette::Severity,
    label: String,
    help: String,
    source: Option<FileSource>,
    primary: Option<(usize, usize)>,
    secondary: Vec<(String, usize, usize)>,
    elsewhere: Vec<EvidenceDiagnostic>,
}

impl FindingDiagnostic {
    pub fn new(finding: &Finding, rule: &RuleMeta) -> Self {
        let source = finding.location.as_ref().map(|location| location.source.clone());
        let mut secondary = Vec::new();
        let mut elsewhere = Vec::new();
        for evidence in &finding.related {
            match &evidence.location {
                Some(location) if same_file(&source, &location.source) && label_span(location).is_some() => {
                    secondary.push((evidence.message.clone(), location.offset, location.length.max(1)));
                }
                _ => elsewhere.push(EvidenceDiagnostic::new(evidence)),
            }
        }
        FindingDiagnostic {
            code: format!("{} {}", finding.rule, rule.name),
            message: format!("[{}] {}", finding.severity, finding.message),
            severity: miette_severity(finding.severity),
            label: rule.name.as_str().replace('-', " "),
            help: rule.remediation.clone(),
            primary: finding.location.as_ref().and_then(label_span),
            source: source.map(FileSource),
            secondary,
            elsewhere,
        }
    }
}

fn same_file(source: &Option<Arc<SourceFile>>, other: &Arc<SourceFile>) -> bool {
    source.as_ref().is_some_and(|source| Arc::ptr_eq(source, other))
}

/// The one mapping from our severities to miette's three levels.
pub fn miette_severity(severity: Severity) -> miette::Severity {
    match severity {
        Severity::Critical | Severity::High => miette::Severity::Error,
        Severity::Medium | Severity::Low => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

impl fmt::Debug for FindingDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FindingDiagnostic").field("code", &self.code).field("message", &self.message).finish()
    }
}

impl fmt::Display for FindingDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FindingDiagnostic {}

impl Diagnostic for FindingDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.help))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|source| source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (offset, length) = self.primary?;
        let primary = LabeledSpan::new_primary_with_span(Some(self.label.clone()), (offset, length));
        let secondary = self
            .secondary
            .iter()
            .map(|(message, offset, length)| LabeledSpan::new_with_span(Some(message.clone()), (*offset, *length)));
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.elsewhere.is_empty() {
            return None;
        }
        Some(Box::new(self.elsewhere.iter().map(|d| d as &dyn Diagnostic)))
    }
}

/// Evidence that lives in another file than its finding (or nowhere in particular).
struct EvidenceDiagnostic {
    message: String,
    source: Option<FileSource>,
    span: Option<(usize, usize)>,
}

impl EvidenceDiagnostic {
    fn new(evidence: &Evidence) -> Self {
        EvidenceDiagnostic {
            message: evidence.message.clone(),
            source: evidence.location.as_ref().map(|location| FileSource(location.source.clone())),
            span: evidence.location.as_ref().and_then(label_span),
        }
    }
}

impl fmt::Debug for EvidenceDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for EvidenceDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EvidenceDiagnostic {}

impl Diagnostic for EvidenceDiagnostic {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|source| source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (offset, length) = self.span?;
        Some(Box::new(std::iter::once(LabeledSpan::new_primary_with_span(Some("here".into()), (offset, length)))))
    }
}
