//! The collections of the canonical document and what each needs to be assembled.

use super::schema::{self, ObjectSchema};
use crate::model::DataArea;

/// A place in the canonical document that exports fill: a list of objects, or a single
/// configuration object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Collection {
    ConditionalAccessPolicies,
    IntuneCompliancePolicies,
    IntuneSettings,
    DlpPolicies,
    DlpRules,
    IrmConfiguration,
    OmeConfigurations,
    TransportRules,
    SensitivityLabels,
}

impl Collection {
    pub const ALL: [Collection; 9] = [
        Collection::ConditionalAccessPolicies,
        Collection::IntuneCompliancePolicies,
        Collection::IntuneSettings,
        Collection::DlpPolicies,
        Collection::DlpRules,
        Collection::IrmConfiguration,
        Collection::OmeConfigurations,
        Collection::TransportRules,
        Collection::SensitivityLabels,
    ];

    pub fn area(self) -> DataArea {
        match self {
            Collection::ConditionalAccessPolicies => DataArea::ConditionalAccess,
            Collection::IntuneCompliancePolicies | Collection::IntuneSettings => DataArea::Intune,
            Collection::DlpPolicies | Collection::DlpRules => DataArea::Dlp,
            Collection::IrmConfiguration
            | Collection::OmeConfigurations
            | Collection::TransportRules
            | Collection::SensitivityLabels => DataArea::Encryption,
        }
    }

    /// The key of the collection inside its area's object.
    pub fn key(self) -> &'static str {
        match self {
            Collection::ConditionalAccessPolicies | Collection::DlpPolicies => "policies",
            Collection::IntuneCompliancePolicies => "compliance_policies",
            Collection::IntuneSettings => "settings",
            Collection::DlpRules => "rules",
            Collection::IrmConfiguration => "irm",
            Collection::OmeConfigurations => "ome",
            Collection::TransportRules => "transport_rules",
            Collection::SensitivityLabels => "labels",
        }
    }

    /// A single object (`null` when absent) rather than a list.
    pub fn is_singleton(self) -> bool {
        matches!(self, Collection::IntuneSettings | Collection::IrmConfiguration)
    }

    pub fn schema(self) -> &'static ObjectSchema {
        match self {
            Collection::ConditionalAccessPolicies => &schema::conditional_access::POLICY,
            Collection::IntuneCompliancePolicies => &schema::intune::COMPLIANCE_POLICY,
            Collection::IntuneSettings => &schema::intune::SETTINGS,
            Collection::DlpPolicies => &schema::dlp::POLICY,
            Collection::DlpRules => &schema::dlp::RULE,
            Collection::IrmConfiguration => &schema::encryption::IRM,
            Collection::OmeConfigurations => &schema::encryption::OME,
            Collection::TransportRules => &schema::encryption::TRANSPORT_RULE,
            Collection::SensitivityLabels => &schema::encryption::LABEL,
        }
    }

    /// Canonical fields that identify an object across files, in order of preference: the
    /// same object in two files (pages, per-object files, two producers) is merged when equal
    /// and a conflict otherwise. Singletons have one identity: there is one of them.
    pub fn identity(self) -> &'static [&'static str] {
        match self {
            Collection::ConditionalAccessPolicies | Collection::IntuneCompliancePolicies => &["id", "displayName"],
            Collection::IntuneSettings | Collection::IrmConfiguration => &[],
            // Names are unique per tenant and every producer exports them (GUIDs are not
            // in Microsoft365DSC exports).
            Collection::DlpPolicies
            | Collection::DlpRules
            | Collection::TransportRules
            | Collection::SensitivityLabels => &["name"],
            Collection::OmeConfigurations => &["identity"],
        }
    }

    /// The collection without which this one cannot be assessed: DLP rules mean nothing
    /// without their policies (whose mode decides whether they act), and a policy is judged by
    /// its rules. An export with one and not the other leaves the area not assessed.
    pub fn partner(self) -> Option<Collection> {
        match self {
            Collection::DlpPolicies => Some(Collection::DlpRules),
            Collection::DlpRules => Some(Collection::DlpPolicies),
            _ => None,
        }
    }

    /// What a user calls one object of the collection, for messages.
    pub fn noun(self) -> &'static str {
        match self {
            Collection::ConditionalAccessPolicies => "Conditional Access policy",
            Collection::IntuneCompliancePolicies => "compliance policy",
            Collection::IntuneSettings => "Intune compliance settings",
            Collection::DlpPolicies => "DLP policy",
            Collection::DlpRules => "DLP rule",
            Collection::IrmConfiguration => "IRM configuration",
            Collection::OmeConfigurations => "OME configuration",
            Collection::TransportRules => "transport rule",
            Collection::SensitivityLabels => "sensitivity label",
        }
    }
}
