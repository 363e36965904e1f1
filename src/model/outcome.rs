use std::sync::Arc;

use super::{DataArea, Finding, RuleMeta};

/// What evaluating one rule against one tenant produced.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Pass,
    Fail(Vec<Finding>),
    /// A required export area is missing: neither a pass nor a failure.
    NotAssessed {
        missing: Vec<DataArea>,
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
            Outcome::NotAssessed { .. } => "not-assessed",
            Outcome::Error { .. } => "error",
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
