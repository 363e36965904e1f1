use std::sync::Arc;

use super::{CanonicalPath, RuleId, Severity, SourceFile};

/// Where a value sits in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub source: Arc<SourceFile>,
    /// RFC 6901 pointer to the value in the original file.
    pub pointer: String,
    /// Byte range of the value in `source.text`.
    pub offset: usize,
    pub length: usize,
    /// 1-based; the column counts characters.
    pub line: usize,
    pub column: usize,
    /// Where the value ends (the position just after it), computed with the start so that
    /// reports need not keep the file's text (see [`SourceFile::released`]).
    pub end_line: usize,
    pub end_column: usize,
}

impl Location {
    /// Why this location is not a byte range of its text on character boundaries whose
    /// line:column pairs agree with it; `None` when it is. Every location m365lint reports must
    /// pass while its source text is held (the fuzz targets and robustness tests check it).
    pub fn fault(&self) -> Option<String> {
        let text = &self.source.text;
        let Some(end) = self.offset.checked_add(self.length) else {
            return Some(format!("span {} + {} overflows", self.offset, self.length));
        };
        if end > text.len() {
            return Some(format!("span {}..{end} is outside a text of {} bytes", self.offset, text.len()));
        }
        if !text.is_char_boundary(self.offset) || !text.is_char_boundary(end) {
            return Some(format!("span {}..{end} cuts a character", self.offset));
        }
        let start = self.source.line_column(self.offset);
        let stop = self.source.line_column(end);
        if (self.line, self.column) != start || (self.end_line, self.end_column) != stop {
            return Some(format!(
                "span {}..{end} says {}:{}-{}:{}, the text says {}:{}-{}:{}",
                self.offset, self.line, self.column, self.end_line, self.end_column, start.0, start.1, stop.0, stop.1
            ));
        }
        None
    }
}

/// Secondary evidence for a finding: a near miss or another value that explains it.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub message: String,
    pub path: CanonicalPath,
    pub location: Option<Location>,
}

/// Why a finding is accepted: a waiver from the configuration that matched it.
#[derive(Debug, Clone, PartialEq)]
pub struct WaiverInfo {
    pub reason: String,
    pub owner: Option<String>,
    /// `YYYY-MM-DD`, when the waiver has an expiry date.
    pub expires: Option<String>,
    /// The waiver in its configuration file.
    pub location: Option<Location>,
}

/// One violation reported by a rule, located in the original export.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    pub message: String,
    pub path: CanonicalPath,
    /// `None` only when the path does not lead into any input file (e.g. a tenant-level finding).
    pub location: Option<Location>,
    pub related: Vec<Evidence>,
    /// Free-form structured details from the policy (expected / actual values ...).
    pub details: Option<serde_json::Value>,
    /// Identifies the finding across runs without line numbers: the canonical path with list
    /// positions replaced by the identity of what is there (a policy's id, an excluded group),
    /// plus the finding's details. Baselines and diffs match on it.
    pub fingerprint: String,
    /// Set when a waiver accepts the finding; it is then reported, but does not fail the run.
    pub waiver: Option<Arc<WaiverInfo>>,
    /// Set when `--baseline` is given and the baseline already had this finding.
    pub in_baseline: bool,
}

impl Finding {
    /// Whether the finding can fail the run: not waived, and not already in the baseline.
    pub fn is_gating(&self) -> bool {
        self.waiver.is_none() && !self.in_baseline
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn location(offset: usize, length: usize, start: (usize, usize), end: (usize, usize)) -> Location {
        Location {
            source: Arc::new(SourceFile::new("f.json", "{\n  \"name\": \"Zürich\"\n}\n")),
            pointer: "/name".into(),
            offset,
            length,
            line: start.0,
            column: start.1,
            end_line: end.0,
            end_column: end.1,
        }
    }

    #[test]
    fn a_location_is_faulty_outside_its_text_inside_a_character_or_at_the_wrong_line() {
        // "Zürich" with its quotes: bytes 12..21, line 2 columns 11..19.
        assert_eq!(location(12, 9, (2, 11), (2, 19)).fault(), None);
        assert!(location(12, 90, (2, 11), (2, 19)).fault().unwrap().contains("outside"));
        assert!(location(12, usize::MAX, (2, 11), (2, 19)).fault().unwrap().contains("overflows"));
        assert!(location(12, 3, (2, 11), (2, 14)).fault().unwrap().contains("cuts a character"));
        assert!(location(12, 9, (1, 11), (2, 19)).fault().unwrap().contains("the text says 2:11-2:19"));
    }
}
