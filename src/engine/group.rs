//! Rules of one area evaluated together. Rules of an area share their library (every
//! Conditional Access rule reads each policy's shortfalls), and regorus memoizes rules within
//! one evaluation only: evaluating an area's rules in one query computes the shared library
//! once per tenant instead of once per rule. Each area gets a generated package whose rules
//! are the area's rules' `deny` (and, for a rule without findings, `not_assessed`) sets.

use std::sync::Arc;

use crate::model::{RuleArea, RuleMeta};

/// The package prefix of the generated group packages; policies cannot declare it.
pub const GROUP_PACKAGE: &str = "m365lint_internal.groups";

/// An area's rules and their generated package.
#[derive(Debug, Clone)]
pub struct Group {
    pub area: RuleArea,
    /// `data.m365lint_internal.groups.<area>`.
    pub query: String,
    /// The rules, in the order their `deny_<index>` members are numbered.
    pub rules: Vec<Arc<RuleMeta>>,
}

/// One group per area that has rules, and the Rego source of each.
pub fn groups(rules: &[Arc<RuleMeta>], declares_not_assessed: impl Fn(&RuleMeta) -> bool) -> Vec<(Group, String)> {
    RuleArea::ALL
        .into_iter()
        .filter_map(|area| {
            let members: Vec<Arc<RuleMeta>> = rules.iter().filter(|rule| rule.area == area).cloned().collect();
            if members.is_empty() {
                return None;
            }
            let package = format!("{GROUP_PACKAGE}.{}", area.key());
            let mut source = format!("package {package}\n\nimport rego.v1\n");
            for (index, rule) in members.iter().enumerate() {
                source.push_str(&format!("\ndeny_{index} := data.{}.deny\n", rule.package));
                if declares_not_assessed(rule) {
                    // Reasons not to judge matter only when there is no finding (`Verdict`;
                    // an undefined `deny` has none): not computing them otherwise saves a
                    // sixth of an area's time.
                    source.push_str(&format!(
                        "\nnot_assessed_{index} := data.{}.not_assessed if not count(deny_{index}) > 0\n",
                        rule.package
                    ));
                }
            }
            Some((Group { area, query: format!("data.{package}"), rules: members }, source))
        })
        .collect()
}

/// The path a group's module is registered under (shown only if it ever failed to parse).
pub fn source_path(group: &Group) -> String {
    format!("<m365lint group {}>", group.area.key())
}
