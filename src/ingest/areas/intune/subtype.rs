//! What a compliance policy's `@odata.type` says: the platform it protects and, on Android,
//! how the device is managed. One explicit table of the subtypes Microsoft Graph documents; a
//! subtype that is not in it is reported, never guessed from its name.

/// One compliance policy subtype.
#[derive(Debug, PartialEq, Eq)]
pub struct Subtype {
    /// The Graph type name, without `#microsoft.graph.`.
    pub name: &'static str,
    /// A member of the canonical `platform` enum; `None` for the tenant-wide default policy,
    /// which protects no platform of its own.
    pub platform: Option<&'static str>,
    /// A member of the canonical `androidManagement` enum, for Android subtypes.
    pub android_management: Option<&'static str>,
}

const fn subtype(
    name: &'static str,
    platform: Option<&'static str>,
    android_management: Option<&'static str>,
) -> Subtype {
    Subtype { name, platform, android_management }
}

/// Every `deviceCompliancePolicy` subtype of Graph beta (v1.0 has a subset).
pub static SUBTYPES: &[Subtype] = &[
    subtype("windows10CompliancePolicy", Some("windows"), None),
    // Windows 8.1 policies do not apply to Windows 10/11 devices.
    subtype("windows81CompliancePolicy", Some("windows81"), None),
    subtype("windows10MobileCompliancePolicy", Some("windowsMobile"), None),
    subtype("windowsPhone81CompliancePolicy", Some("windowsPhone"), None),
    subtype("iosCompliancePolicy", Some("ios"), None),
    subtype("macOSCompliancePolicy", Some("macos"), None),
    // Android Enterprise, personally owned devices with a work profile.
    subtype("androidWorkProfileCompliancePolicy", Some("android"), Some("workProfile")),
    // Android Enterprise, fully managed, dedicated and corporate-owned work profile (beta only).
    subtype("androidDeviceOwnerCompliancePolicy", Some("android"), Some("deviceOwner")),
    // Android device administrator (legacy management).
    subtype("androidCompliancePolicy", Some("android"), Some("deviceAdministrator")),
    // Android (AOSP) devices without Google Mobile Services.
    subtype("aospDeviceOwnerCompliancePolicy", Some("android"), Some("aospDeviceOwner")),
    // Android for Work, the retired predecessor of the work profile.
    subtype("androidForWorkCompliancePolicy", Some("android"), Some("androidForWork")),
    // The tenant-wide built-in policy ("Default Device Compliance Policy").
    subtype("defaultDeviceCompliancePolicy", None, None),
];

/// The settings-catalog compliance policy type (`/deviceManagement/compliancePolicies`).
pub const SETTINGS_CATALOG: &str = "deviceManagementCompliancePolicy";

/// What an `@odata.type` value names.
#[derive(Debug, PartialEq, Eq)]
pub enum Classified {
    Known(&'static Subtype),
    SettingsCatalog,
    Unknown,
}

/// Classifies `#microsoft.graph.<name>` (any casing; the `#` and namespace are optional).
pub fn classify(odata_type: &str) -> Classified {
    let name = type_name(odata_type);
    if name.eq_ignore_ascii_case(SETTINGS_CATALOG) {
        return Classified::SettingsCatalog;
    }
    SUBTYPES
        .iter()
        .find(|subtype| subtype.name.eq_ignore_ascii_case(name))
        .map_or(Classified::Unknown, Classified::Known)
}

/// Whether an `@odata.type` names a compliance policy of any kind (known or not).
pub fn is_compliance_type(odata_type: &str) -> bool {
    let name = type_name(odata_type);
    name.len() > "CompliancePolicy".len()
        && name
            .get(name.len() - "CompliancePolicy".len()..)
            .is_some_and(|end| end.eq_ignore_ascii_case("CompliancePolicy"))
        && has_graph_namespace(odata_type)
}

fn type_name(odata_type: &str) -> &str {
    let text = odata_type.trim();
    let text = text.strip_prefix('#').unwrap_or(text);
    text.rsplit('.').next().unwrap_or(text)
}

fn has_graph_namespace(odata_type: &str) -> bool {
    let text = odata_type.trim();
    let text = text.strip_prefix('#').unwrap_or(text);
    text.get(.."microsoft.graph.".len()).is_some_and(|prefix| prefix.eq_ignore_ascii_case("microsoft.graph."))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::schema::intune::{ANDROID_MANAGEMENT, PLATFORM};

    #[test]
    fn every_table_entry_uses_canonical_enum_members() {
        for subtype in SUBTYPES {
            if let Some(platform) = subtype.platform {
                assert_eq!(PLATFORM.member(platform), Some(platform), "{}", subtype.name);
            }
            if let Some(management) = subtype.android_management {
                assert_eq!(ANDROID_MANAGEMENT.member(management), Some(management), "{}", subtype.name);
                assert_eq!(subtype.platform, Some("android"), "{}", subtype.name);
            }
            assert!(is_compliance_type(&format!("#microsoft.graph.{}", subtype.name)), "{}", subtype.name);
        }
    }

    #[test]
    fn classifies_the_documented_subtypes() {
        let platforms: Vec<(&str, Option<&str>, Option<&str>)> = [
            "#microsoft.graph.windows10CompliancePolicy",
            "#microsoft.graph.windows81CompliancePolicy",
            "#microsoft.graph.windows10MobileCompliancePolicy",
            "#microsoft.graph.windowsPhone81CompliancePolicy",
            "#microsoft.graph.iosCompliancePolicy",
            "#microsoft.graph.macOSCompliancePolicy",
            "#microsoft.graph.androidWorkProfileCompliancePolicy",
            "#microsoft.graph.androidDeviceOwnerCompliancePolicy",
            "#microsoft.graph.androidCompliancePolicy",
            "#microsoft.graph.aospDeviceOwnerCompliancePolicy",
            "#microsoft.graph.androidForWorkCompliancePolicy",
            "#microsoft.graph.defaultDeviceCompliancePolicy",
        ]
        .into_iter()
        .map(|odata_type| match classify(odata_type) {
            Classified::Known(subtype) => (subtype.name, subtype.platform, subtype.android_management),
            other => panic!("{odata_type}: {other:?}"),
        })
        .collect();
        assert_eq!(
            platforms,
            vec![
                ("windows10CompliancePolicy", Some("windows"), None),
                ("windows81CompliancePolicy", Some("windows81"), None),
                ("windows10MobileCompliancePolicy", Some("windowsMobile"), None),
                ("windowsPhone81CompliancePolicy", Some("windowsPhone"), None),
                ("iosCompliancePolicy", Some("ios"), None),
                ("macOSCompliancePolicy", Some("macos"), None),
                ("androidWorkProfileCompliancePolicy", Some("android"), Some("workProfile")),
                ("androidDeviceOwnerCompliancePolicy", Some("android"), Some("deviceOwner")),
                ("androidCompliancePolicy", Some("android"), Some("deviceAdministrator")),
                ("aospDeviceOwnerCompliancePolicy", Some("android"), Some("aospDeviceOwner")),
                ("androidForWorkCompliancePolicy", Some("android"), Some("androidForWork")),
                ("defaultDeviceCompliancePolicy", None, None),
            ]
        );
    }

    #[test]
    fn casing_and_namespace_prefix_do_not_matter_but_names_must_match_exactly() {
        assert!(
            matches!(classify("#Microsoft.Graph.IOSCompliancePolicy"), Classified::Known(s) if s.platform == Some("ios"))
        );
        assert!(
            matches!(classify("microsoft.graph.macOSCompliancePolicy"), Classified::Known(s) if s.platform == Some("macos"))
        );
        assert_eq!(classify("#microsoft.graph.deviceManagementCompliancePolicy"), Classified::SettingsCatalog);
        assert_eq!(classify("#microsoft.graph.windows11CompliancePolicy"), Classified::Unknown);
        assert_eq!(classify("#microsoft.graph.deviceCompliancePolicy"), Classified::Unknown);
    }

    #[test]
    fn only_graph_compliance_policy_types_are_compliance_types() {
        assert!(is_compliance_type("#microsoft.graph.windows11CompliancePolicy"));
        assert!(!is_compliance_type("#microsoft.graph.windows10GeneralConfiguration"));
        assert!(!is_compliance_type("#microsoft.graph.groupAssignmentTarget"));
        assert!(!is_compliance_type("#contoso.windows10CompliancePolicy"));
        assert!(!is_compliance_type("CompliancePolicy"));
    }
}
