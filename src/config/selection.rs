//! Which rules run: `select` and `ignore` by rule id or name, area, or severity.

use std::sync::Arc;

use crate::model::{RuleArea, RuleMeta, Severity};
use crate::registry::Catalog;

/// One entry of `select` / `ignore`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// A rule, by id (`CA001`) or name (`legacy-authentication-allowed`).
    Rule(String),
    Area(RuleArea),
    Severity(Severity),
}

impl Selector {
    /// Reads a selector; `None` when it names no rule, area or severity.
    pub fn parse(text: &str, catalog: &Catalog) -> Option<Selector> {
        let text = text.trim();
        if let Some(rule) = catalog.find(text) {
            return Some(Selector::Rule(rule.id.to_string()));
        }
        if let Ok(area) = text.to_ascii_lowercase().parse::<RuleArea>() {
            return Some(Selector::Area(area));
        }
        text.parse::<Severity>().ok().map(Selector::Severity)
    }

    pub fn matches(&self, rule: &RuleMeta) -> bool {
        match self {
            Selector::Rule(id) => rule.id.as_str() == id,
            Selector::Area(area) => rule.area == *area,
            Selector::Severity(severity) => rule.severity == *severity,
        }
    }
}

/// `select` (empty: every rule) minus `ignore`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub select: Vec<Selector>,
    pub ignore: Vec<Selector>,
}

impl Selection {
    pub fn apply(&self, rules: &[Arc<RuleMeta>]) -> Vec<Arc<RuleMeta>> {
        rules
            .iter()
            .filter(|rule| self.select.is_empty() || self.select.iter().any(|s| s.matches(rule)))
            .filter(|rule| !self.ignore.iter().any(|s| s.matches(rule)))
            .cloned()
            .collect()
    }
}
