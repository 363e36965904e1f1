//! Configuration problems: always exit 2, always pointing into the file.

use std::sync::Arc;

use super::file::location;
use crate::model::{Problem, SourceFile};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigCode {
    Unreadable,
    /// Syntax, unknown key, wrong type.
    Invalid,
    UnknownRule,
    UnknownSelector,
    InvalidSeverity,
    InvalidJsonPath,
    InvalidDate,
    InvalidWaiver,
    PolicyDirectory,
}

impl ConfigCode {
    pub fn code(self) -> &'static str {
        match self {
            ConfigCode::Unreadable => "m365lint::config::unreadable",
            ConfigCode::Invalid => "m365lint::config::invalid",
            ConfigCode::UnknownRule => "m365lint::config::unknown_rule",
            ConfigCode::UnknownSelector => "m365lint::config::unknown_selector",
            ConfigCode::InvalidSeverity => "m365lint::config::invalid_severity",
            ConfigCode::InvalidJsonPath => "m365lint::config::invalid_jsonpath",
            ConfigCode::InvalidDate => "m365lint::config::invalid_date",
            ConfigCode::InvalidWaiver => "m365lint::config::invalid_waiver",
            ConfigCode::PolicyDirectory => "m365lint::config::policy_directory",
        }
    }

    pub fn help(self) -> Option<&'static str> {
        match self {
            ConfigCode::Unreadable => None,
            ConfigCode::Invalid => {
                Some("see the configuration reference in the README, or run `m365lint init` for a commented template")
            }
            ConfigCode::UnknownRule => Some("`m365lint policies` lists every rule id and name"),
            ConfigCode::UnknownSelector => Some(
                "a selector is a rule id or name (`m365lint policies`), an area (conditional_access, intune, dlp, encryption, zero_trust) or a severity (critical, high, medium, low, info)",
            ),
            ConfigCode::InvalidSeverity => Some("severities are critical, high, medium, low and info"),
            ConfigCode::InvalidJsonPath => Some(
                "`path` is a JSONPath over the canonical document (see `m365lint normalize`), e.g. \"$.conditional_access.policies[?(@.displayName == 'Block legacy authentication')]\"",
            ),
            ConfigCode::InvalidDate => Some("write the date as a TOML date: expires = 2026-12-31"),
            ConfigCode::InvalidWaiver => Some(
                "a waiver names a `rule`, a `reason`, and at most one target: `resource` (an id, a display name or the offending value) or `path` (a JSONPath)",
            ),
            ConfigCode::PolicyDirectory => None,
        }
    }
}

pub fn config_problem(
    source: &Arc<SourceFile>,
    code: ConfigCode,
    span: std::ops::Range<usize>,
    message: String,
    label: &str,
) -> Problem {
    let location = location(source, span);
    Problem {
        code: code.code().into(),
        message: format!("{}:{}:{}: {message}", source.path, location.line, location.column),
        help: code.help().map(str::to_owned),
        file: Some(source.path.clone()),
        location: Some(location),
        label: Some(label.to_owned()),
    }
}
