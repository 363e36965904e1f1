use std::sync::Arc;

use super::{DataArea, Finding, RuleMeta};

/// What evaluating one rule against one tenant produced.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Pass,
    /// At least one finding is not waived (waived ones are listed too, marked as such).
    Fail(Vec<Finding>),
    /// Every finding is accepted by a waiver: documented, not hidden.
    Waived(Vec<Finding>),
    /// A required export area is missing (or the policy said it cannot judge): neither a
    /// pass nor a failure.
    NotAssessed {
        missing: Vec<DataArea>,
        reasons: Vec<String>,
    },
    /// The policy failed to evaluate; the run cannot be trusted.
    Error {
        message: String,
    },
}

impl Outcome {
    pub fn kind(&self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail(_) => "fail",
            Outcome::Waived(_) => "waived",
            Outcome::NotAssessed { .. } => "not-assessed",
            Outcome::Error { .. } => "error",
        }
    }

    /// The findings of a failed or waived rule.
    pub fn findings(&self) -> &[Finding] {
        match self {
            Outcome::Fail(findings) | Outcome::Waived(findings) => findings,
            _ => &[],
        }
    }

    /// Fail or Waived, depending on whether any finding is left unwaived.
    pub fn from_findings(findings: Vec<Finding>) -> Outcome {
        if findings.is_empty() {
            Outcome::Pass
        } else if findings.iter().all(|f| f.waiver.is_some()) {
            Outcome::Waived(findings)
        } else {
            Outcome::Fail(findings)
        }
    }
}

/// One rule's outcome for one tenant, with the `print` output the policy produced.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleResult {
    pub rule: Arc<RuleMeta>,
    pub outcome: Outcome,
    pub prints: Vec<String>,
}
