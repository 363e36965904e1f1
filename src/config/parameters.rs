//! Every parameter of the catalog with its default: the one home of these values. Policies
//! read them as `data.m365lint.params`; `m365lint init` writes them out.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Parameters {
    /// Break-glass accounts: excluded from lockout-prone policies by design.
    pub emergency_access: Principals,
    /// Exclusions a policy may have and still count as applying to everyone.
    pub approved_exclusions: Exclusions,
    /// Directory role template ids treated as privileged.
    pub privileged_roles: Vec<String>,
    pub admin_sign_in_frequency_hours: u32,
    /// Platforms that must have an assigned compliance policy.
    pub platforms: Vec<Platform>,
    pub min_password_length: MinPasswordLength,
    /// Minimum OS version per platform; unset means only "a minimum is set" is checked.
    pub min_os_version: BTreeMap<Platform, String>,
    pub max_device_threat_level: ThreatLevel,
    pub max_noncompliance_grace_hours: u32,
    pub max_checkin_threshold_days: u32,
    /// Sensitive information types every tenant must protect with DLP (names as Purview spells them).
    pub dlp_required_info_types: Vec<String>,
    pub dlp_workloads: Vec<Workload>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Principals {
    /// Object ids or user principal names.
    pub users: Vec<String>,
    /// Object ids or display names.
    pub groups: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Exclusions {
    pub users: Vec<String>,
    pub groups: Vec<String>,
    /// Application ids.
    pub applications: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MinPasswordLength {
    /// Windows and macOS.
    pub desktop: u32,
    /// iOS and Android.
    pub mobile: u32,
}

impl Default for MinPasswordLength {
    fn default() -> Self {
        MinPasswordLength { desktop: 8, mobile: 6 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Windows,
    Ios,
    Android,
    Macos,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThreatLevel {
    Secured,
    Low,
    Medium,
    High,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Workload {
    Exchange,
    Sharepoint,
    Onedrive,
    Teams,
    Endpoint,
}

/// Role template ids of the privileged roles (catalog.md, "Privileged roles").
const PRIVILEGED_ROLES: [&str; 14] = [
    "62e90394-69f5-4237-9190-012177145e10", // Global Administrator
    "e8611ab8-c189-46e8-94e1-60213ab1f814", // Privileged Role Administrator
    "194ae4cb-b126-40b2-bd5b-6091b380977d", // Security Administrator
    "29232cdf-9323-42fd-ade2-1d097af3e4de", // Exchange Administrator
    "f28a1f50-f6e7-4571-818b-6a12f2af6b6c", // SharePoint Administrator
    "fe930be7-5e62-47db-91af-98c3a49a38b1", // User Administrator
    "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2", // Hybrid Identity Administrator
    "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", // Application Administrator
    "158c047a-c907-4556-b7ef-446551a6b5f7", // Cloud Application Administrator
    "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", // Conditional Access Administrator
    "c4e39bd9-1100-46d3-8c65-fb160da0071f", // Authentication Administrator
    "7be44c8a-adaf-4e2a-84d6-ab2649e08a13", // Privileged Authentication Administrator
    "b0f54661-2d74-4c50-afa3-1ec803f12efe", // Billing Administrator
    "729827e3-9c14-49f7-bb1b-9608f156bbb8", // Helpdesk Administrator
];

impl Default for Parameters {
    fn default() -> Self {
        Parameters {
            emergency_access: Principals::default(),
            approved_exclusions: Exclusions::default(),
            privileged_roles: PRIVILEGED_ROLES.iter().map(|id| (*id).to_owned()).collect(),
            admin_sign_in_frequency_hours: 4,
            platforms: vec![Platform::Windows, Platform::Ios, Platform::Android, Platform::Macos],
            min_password_length: MinPasswordLength::default(),
            min_os_version: BTreeMap::new(),
            max_device_threat_level: ThreatLevel::Medium,
            max_noncompliance_grace_hours: 24,
            max_checkin_threshold_days: 30,
            dlp_required_info_types: vec![
                "Credit Card Number".into(),
                "U.S. Social Security Number (SSN)".into(),
                "U.S. Individual Taxpayer Identification Number (ITIN)".into(),
            ],
            dlp_workloads: vec![
                Workload::Exchange,
                Workload::Sharepoint,
                Workload::Onedrive,
                Workload::Teams,
                Workload::Endpoint,
            ],
        }
    }
}

impl Parameters {
    /// Checks what types alone cannot.
    pub fn validate(&self) -> Result<(), String> {
        for (platform, version) in &self.min_os_version {
            let valid = !version.is_empty()
                && version.split('.').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
            if !valid {
                return Err(format!(
                    "min_os_version.{} = \"{version}\" is not a dotted version such as \"10.0.19045\"",
                    serde_json::to_value(platform).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
                ));
            }
        }
        Ok(())
    }

    /// The parameters as policies see them.
    pub fn to_data(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}
