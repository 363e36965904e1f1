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
