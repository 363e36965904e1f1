//! Applies waivers to a tenant's findings, and reports the waivers that expired or matched
//! nothing.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::config::{Waiver, WaiverScope};
use crate::model::{Outcome, Problem, RuleResult};

/// Identifies a waiver across tenants: its file and position.
pub type WaiverKey = (String, usize);

pub fn key(waiver: &Waiver) -> WaiverKey {
    (waiver.origin.source.path.clone(), waiver.origin.offset)
}

/// Marks every finding a waiver in force accepts (the first matching waiver wins) and turns
/// fully waived failures into `Waived`. Returns the waivers that matched something.
pub fn apply(tenant: &str, document: &Value, results: &mut [RuleResult], waivers: &[Waiver]) -> BTreeSet<WaiverKey> {
    let in_force: Vec<(&Waiver, Vec<Vec<crate::model::PathSegment>>)> = waivers
        .iter()
        .filter(|waiver| waiver.applies_to_tenant(tenant))
        .map(|waiver| (waiver, waiver.selected_paths(document)))
        .collect();
    let mut matched = BTreeSet::new();
    for result in results.iter_mut() {
        let findings = match &mut result.outcome {
            Outcome::Fail(findings) | Outcome::Waived(findings) => std::mem::take(findings),
            _ => continue,
        };
        let findings = findings
            .into_iter()
            .map(|mut finding| {
                if let Some((waiver, _)) =
                    in_force.iter().find(|(waiver, selected)| waiver.matches(&finding, document, selected))
                {
                    finding.waiver = Some(waiver.info.clone());
                    matched.insert(key(waiver));
                }
                finding
            })
            .collect();
        result.outcome = Outcome::from_findings(findings);
    }
    matched
}

/// Warnings for the waivers of `scope`: expired ones (they no longer waive anything) and those
/// in force that matched no finding.
pub fn warnings(waivers: &[Waiver], scope: WaiverScope, matched: &BTreeSet<WaiverKey>) -> Vec<Problem> {
    waivers
        .iter()
        .filter(|waiver| waiver.scope == scope)
        .filter_map(|waiver| {
            if waiver.expired {
                let expires = waiver.info.expires.as_deref().unwrap_or_default();
                Some(Problem {
                    code: "m365lint::waiver::expired".into(),
                    message: format!(
                        "the waiver for {} expired on {expires}: its findings are reported again",
                        waiver.rule
                    ),
                    help: Some("renew the decision (a new `expires` date) or fix the finding and remove the waiver".into()),
                    file: Some(waiver.origin.source.path.clone()),
                    location: Some(waiver.expires_at.clone().unwrap_or_else(|| waiver.origin.clone())),
                    label: Some("expired".into()),
                })
            } else if !matched.contains(&key(waiver)) {
                Some(Problem {
                    code: "m365lint::waiver::unmatched".into(),
                    message: format!("the waiver for {} matches no finding", waiver.rule),
                    help: Some(
                        "remove it if the finding is fixed; otherwise check its `resource`, `path` or `tenant` against `m365lint normalize` output".into(),
                    ),
                    file: Some(waiver.origin.source.path.clone()),
                    location: Some(waiver.origin.clone()),
                    label: Some("matches nothing".into()),
                })
            } else {
                None
            }
        })
        .collect()
}
