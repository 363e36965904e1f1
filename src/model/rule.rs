use std::fmt;

use serde::{Deserialize, Serialize};

use super::{DataArea, RuleArea, Severity};

/// A rule's stable id (`CA001`): what waivers, baselines and CI gates refer to.
/// Letters, digits, `-` and `_`, starting with a letter, at most 32 characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RuleId(String);

impl RuleId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for RuleId {
    type Error = String;

    fn try_from(id: String) -> Result<Self, Self::Error> {
        let valid = id.len() <= 32
            && id.starts_with(|c: char| c.is_ascii_alphabetic())
            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if valid {
            Ok(RuleId(id))
        } else {
            Err(format!(
                "invalid rule id '{id}': use letters, digits, '-' and '_', starting with a letter (e.g. CA001)"
            ))
        }
    }
}

impl From<RuleId> for String {
    fn from(id: RuleId) -> String {
        id.0
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A rule's kebab-case name, naming the problem (`legacy-authentication-allowed`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RuleName(String);

impl RuleName {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name in snake_case, as used for the policy's file and package.
    pub fn snake_case(&self) -> String {
        self.0.replace('-', "_")
    }
}

impl TryFrom<String> for RuleName {
    type Error = String;

    fn try_from(name: String) -> Result<Self, Self::Error> {
        let valid = !name.is_empty()
            && name.starts_with(|c: char| c.is_ascii_lowercase())
            && !name.ends_with('-')
            && !name.contains("--")
            && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if valid {
            Ok(RuleName(name))
        } else {
            Err(format!("invalid rule name '{name}': use kebab-case (e.g. legacy-authentication-allowed)"))
        }
    }
}

impl From<RuleName> for String {
    fn from(name: RuleName) -> String {
        name.0
    }
}

impl fmt::Display for RuleName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A control in another baseline that a rule corresponds to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// `SCuBA`, `CIS`, `ZTA`, `Workshop`, or another framework's name.
    pub framework: String,
    /// The control's id in that framework (`MS.AAD.1.1v1`, `5.2.2.3`, `CISO-M3`).
    pub id: String,
    /// `true` when the rule is inspired by the control rather than the same check.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inspired: bool,
    /// How the rule differs from the control, when it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A link from METADATA's standard `related_resources`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelatedResource {
    #[serde(rename = "ref")]
    pub reference: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Everything known about a rule, read from its policy's METADATA block: the single home of
/// a rule's metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleMeta {
    pub id: RuleId,
    pub name: RuleName,
    pub title: String,
    pub description: String,
    pub severity: Severity,
    pub area: RuleArea,
    pub requires: Vec<DataArea>,
    pub rationale: String,
    pub remediation: String,
    pub references: Vec<Reference>,
    pub related_resources: Vec<RelatedResource>,
    /// The Rego package, e.g. `m365lint.conditional_access.legacy_authentication_allowed`.
    pub package: String,
    /// Where the policy was loaded from (`policies/...` for built-ins).
    pub source: String,
    /// Whether the policy ships with m365lint (as opposed to a user's `--policies`).
    pub builtin: bool,
}
