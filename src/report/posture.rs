//! The posture score per area that the gap reports (`markdown`, `html`) show a customer: how
//! much of an area's assessed, severity-weighted rules pass. Tallied here, once, from a
//! tenant's results.

use std::collections::BTreeMap;

use super::TenantReport;
use crate::model::{Outcome, RuleArea, Severity};

/// How the score is computed, in the words the reports print beside it.
pub const SCORE_FORMULA: &str = "score = 100 × (sum of the weights of the rules that passed) ÷ (sum of the weights \
     of the rules assessed), rounded down; weights by the rule's severity: critical 8, high 4, medium 2, low 1, \
     info 0. Waived rules count as not passed (the risk is accepted, not removed); rules not assessed or that \
     failed to evaluate are left out, so an area with none assessed has no score.";

/// A rule's weight in the score: each severity counts twice the one below; informational
/// rules do not count.
pub fn weight(severity: Severity) -> u32 {
    match severity {
        Severity::Critical => 8,
        Severity::High => 4,
        Severity::Medium => 2,
        Severity::Low => 1,
        Severity::Info => 0,
    }
}

/// One area of one tenant: its rule outcomes and score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaPosture {
    pub area: RuleArea,
    pub passed: usize,
    pub failed: usize,
    pub waived: usize,
    pub not_assessed: usize,
    pub errors: usize,
    /// Findings not waived, by severity.
    pub findings: BTreeMap<Severity, usize>,
    /// Sum of the weights of the rules that passed.
    pub earned: u32,
    /// Sum of the weights of the rules assessed (passed, failed or waived).
    pub possible: u32,
}

impl AreaPosture {
    fn new(area: RuleArea) -> Self {
        AreaPosture {
            area,
            passed: 0,
            failed: 0,
            waived: 0,
            not_assessed: 0,
            errors: 0,
            findings: BTreeMap::new(),
            earned: 0,
            possible: 0,
        }
    }

    /// 0–100, rounded down so that any weighted failure keeps an area below 100; `None` when
    /// no weighted rule was assessed.
    pub fn score(&self) -> Option<u32> {
        (self.possible > 0).then(|| self.earned * 100 / self.possible)
    }

    /// The score as reports print it: `61 %`, or why there is none.
    pub fn score_label(&self) -> String {
        match self.score() {
            Some(score) => format!("{score} %"),
            None if self.rules() == 0 => "no rules".to_owned(),
            None if self.passed + self.failed + self.waived == 0 => "not assessed".to_owned(),
            None => "informational only".to_owned(),
        }
    }

    /// Rules the area has in this run, whatever their outcome.
    pub fn rules(&self) -> usize {
        self.passed + self.failed + self.waived + self.not_assessed + self.errors
    }

    pub fn open_findings(&self) -> usize {
        self.findings.values().sum()
    }
}

/// The five areas of a tenant, in [`RuleArea::ALL`] order (areas without rules included).
pub fn posture(tenant: &TenantReport) -> Vec<AreaPosture> {
    let mut areas: Vec<AreaPosture> = RuleArea::ALL.into_iter().map(AreaPosture::new).collect();
    for result in &tenant.results {
        let Some(area) = areas.iter_mut().find(|a| a.area == result.rule.area) else { continue };
        let weight = weight(result.rule.severity);
        match &result.outcome {
            Outcome::Pass => {
                area.passed += 1;
                area.earned += weight;
                area.possible += weight;
            }
            Outcome::Fail(_) => {
                area.failed += 1;
                area.possible += weight;
            }
            Outcome::Waived(_) => {
                area.waived += 1;
                area.possible += weight;
            }
            Outcome::NotAssessed { .. } => area.not_assessed += 1,
            Outcome::Error { .. } => area.errors += 1,
        }
        for finding in result.outcome.findings().iter().filter(|f| f.waiver.is_none()) {
            *area.findings.entry(finding.severity).or_default() += 1;
        }
    }
    areas
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_score_is_the_weighted_share_of_assessed_rules_that_passed() {
        let mut area = AreaPosture::new(RuleArea::Intune);
        assert_eq!(area.score(), None, "nothing assessed: no score");
        // A critical rule passed (8), a high one failed (4), a low one waived (1).
        (area.earned, area.possible) = (8, 13);
        assert_eq!(area.score(), Some(61), "8/13 = 61.5%, rounded down");
        (area.earned, area.possible) = (199, 200);
        assert_eq!(area.score(), Some(99), "a failure never rounds up to 100");
    }

    #[test]
    fn weights_double_per_severity() {
        let weights: Vec<u32> = Severity::DESCENDING.into_iter().map(weight).collect();
        assert_eq!(weights, [8, 4, 2, 1, 0]);
    }
}
