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
}

/// Secondary evidence for a finding: a near miss or another value that explains it.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub message: String,
    pub path: CanonicalPath,
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
}
