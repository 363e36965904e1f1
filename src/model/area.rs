use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// An export area: a part of the canonical document that an export can provide.
/// Rules `require` areas; a rule whose areas are missing is not assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DataArea {
    ConditionalAccess,
    Intune,
    Dlp,
    Encryption,
}

impl DataArea {
    pub const ALL: [DataArea; 4] = [DataArea::ConditionalAccess, DataArea::Intune, DataArea::Dlp, DataArea::Encryption];

    /// The key of this area in the canonical document (and in its `areas` flags).
    pub fn key(self) -> &'static str {
        match self {
            DataArea::ConditionalAccess => "conditional_access",
            DataArea::Intune => "intune",
            DataArea::Dlp => "dlp",
            DataArea::Encryption => "encryption",
        }
    }

    /// What a user calls the export that provides this area.
    pub fn export_name(self) -> &'static str {
        match self {
            DataArea::ConditionalAccess => "Conditional Access",
            DataArea::Intune => "Intune device compliance",
            DataArea::Dlp => "DLP",
            DataArea::Encryption => "message encryption",
        }
    }
}

impl fmt::Display for DataArea {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for DataArea {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DataArea::ALL
            .into_iter()
            .find(|area| area.key() == s)
            .ok_or_else(|| format!("unknown area '{s}' (expected one of: conditional_access, intune, dlp, encryption)"))
    }
}

/// The part of the catalog a rule belongs to: one of the export areas, or the cross-area
/// Zero Trust checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleArea {
    ConditionalAccess,
    Intune,
    Dlp,
    Encryption,
    ZeroTrust,
}

impl RuleArea {
    pub const ALL: [RuleArea; 5] =
        [RuleArea::ConditionalAccess, RuleArea::Intune, RuleArea::Dlp, RuleArea::Encryption, RuleArea::ZeroTrust];

    pub fn key(self) -> &'static str {
        match self {
            RuleArea::ConditionalAccess => "conditional_access",
            RuleArea::Intune => "intune",
            RuleArea::Dlp => "dlp",
            RuleArea::Encryption => "encryption",
            RuleArea::ZeroTrust => "zero_trust",
        }
    }

    /// The heading reports use for this part of the catalog.
    pub fn title(self) -> &'static str {
        match self {
            RuleArea::ConditionalAccess => "Identity (Conditional Access)",
            RuleArea::Intune => "Devices (Intune compliance)",
            RuleArea::Dlp => "Data loss prevention",
            RuleArea::Encryption => "Encryption",
            RuleArea::ZeroTrust => "Zero Trust cross-checks",
        }
    }
}

impl fmt::Display for RuleArea {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for RuleArea {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RuleArea::ALL.into_iter().find(|area| area.key() == s).ok_or_else(|| {
            format!("unknown area '{s}' (expected one of: conditional_access, intune, dlp, encryption, zero_trust)")
        })
    }
}
