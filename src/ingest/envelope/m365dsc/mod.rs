//! Microsoft365DSC JSON reports: `New-M365DSCReportFromConfiguration -Type JSON` parses an
//! exported DSC configuration (DSCParser's `ConvertTo-DSCObject`) and writes it with
//! `ConvertTo-Json -Depth 25`:
//!
//! ```json
//! [{"ResourceName": "AADConditionalAccessPolicy", "ResourceInstanceName": "AADConditionalAccessPolicy-MFA",
//!   "DisplayName": "MFA", "State": "enabled", "IncludeUsers": ["All"], "Ensure": "Present",
//!   "ApplicationId": "$ConfigurationData.NonNodeData.ApplicationId", ...}]
//! ```
//!
//! Recognized by content: objects with `ResourceName` and `ResourceInstanceName`. Hashtable
//! key order is random; nested CIM instances are objects with `"CIMInstance": "MSFT_..."`;
//! credential parameters are variable names as strings; a one-resource report is a bare
//! object (a one-element pipeline). Resources m365lint does not lint are skipped; resources
//! declared `Ensure = "Absent"` describe what must not exist and are skipped with a warning.
//! Each resource family maps its parameters onto the canonical document in its own module;
//! parameters Microsoft365DSC did not export stay missing.

mod conditional_access;
mod dlp;
mod encryption;
mod intune;
mod resource;
mod roles;

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::ingest::collection::Collection;
use crate::ingest::export::{Contribution, Item};
use crate::ingest::normalize::Normalizer;
use crate::ingest::problem::{IngestCode, Issue};
use crate::model::PathSegment;
use resource::{Resource, Sink};

/// What a report contributes, and what was found wrong (issues) or worth saying (warnings).
#[derive(Debug, Default)]
pub struct Read {
    pub contributions: Vec<Contribution>,
    pub issues: Vec<Issue>,
    pub warnings: Vec<Issue>,
}

/// The resource families m365lint lints, by resource name.
#[derive(Debug, Clone, Copy)]
enum Family {
    ConditionalAccessPolicy,
    CompliancePolicy(intune::Platform),
    ComplianceSettings,
    DlpPolicy,
    DlpRule,
    IrmConfiguration,
    OmeConfiguration,
    TransportRule,
    SensitivityLabel,
}

impl Family {
    fn of(resource_name: &str) -> Option<Family> {
        let is = |name: &str| resource_name.eq_ignore_ascii_case(name);
        if let Some((_, platform)) = intune::POLICIES.iter().find(|(name, _)| is(name)) {
            return Some(Family::CompliancePolicy(*platform));
        }
        [
            ("AADConditionalAccessPolicy", Family::ConditionalAccessPolicy),
            ("IntuneDeviceManagementComplianceSettings", Family::ComplianceSettings),
            ("SCDLPCompliancePolicy", Family::DlpPolicy),
            ("SCDLPComplianceRule", Family::DlpRule),
            ("EXOIRMConfiguration", Family::IrmConfiguration),
            ("EXOOMEConfiguration", Family::OmeConfiguration),
            ("EXOTransportRule", Family::TransportRule),
            ("SCSensitivityLabel", Family::SensitivityLabel),
        ]
        .into_iter()
        .find_map(|(name, family)| is(name).then_some(family))
    }

    fn collection(self) -> Collection {
        match self {
            Family::ConditionalAccessPolicy => Collection::ConditionalAccessPolicies,
            Family::CompliancePolicy(_) => Collection::IntuneCompliancePolicies,
            Family::ComplianceSettings => Collection::IntuneSettings,
            Family::DlpPolicy => Collection::DlpPolicies,
            Family::DlpRule => Collection::DlpRules,
            Family::IrmConfiguration => Collection::IrmConfiguration,
            Family::OmeConfiguration => Collection::OmeConfigurations,
            Family::TransportRule => Collection::TransportRules,
            Family::SensitivityLabel => Collection::SensitivityLabels,
        }
    }

    fn build(self, resource: Resource<'_>, name_pointer: Vec<PathSegment>) -> Item {
        match self {
            Family::ConditionalAccessPolicy => conditional_access::build(resource),
            Family::CompliancePolicy(platform) => intune::policy(resource, platform, name_pointer),
            Family::ComplianceSettings => intune::settings(resource),
            Family::DlpPolicy => dlp::policy(resource),
            Family::DlpRule => dlp::rule(resource),
            Family::IrmConfiguration => encryption::irm(resource),
            Family::OmeConfiguration => encryption::ome(resource),
            Family::TransportRule => encryption::transport_rule(resource),
            Family::SensitivityLabel => encryption::label(resource),
        }
    }
}

/// A report resource: an object with a string `ResourceName` and a `ResourceInstanceName`.
pub fn is_resource(object: &Map<String, Value>) -> bool {
    member(object, "ResourceName").is_some_and(|(_, name)| name.is_string())
        && member(object, "ResourceInstanceName").is_some()
}

/// A report: a list in which some object is a resource (the others are then reported).
pub fn is_report(items: &[Value]) -> bool {
    items.iter().any(|item| item.as_object().is_some_and(is_resource))
}

/// Parameters every resource has for DSC's own bookkeeping (authentication, `Ensure`,
/// DSCParser's comment metadata): never canonical values.
pub fn is_bookkeeping(name: &str) -> bool {
    const BOOKKEEPING: &[&str] = &[
        "ResourceName",
        "ResourceInstanceName",
        "Ensure",
        "Credential",
        "ApplicationId",
        "ApplicationSecret",
        "TenantId",
        "CertificateThumbprint",
        "CertificatePath",
        "CertificatePassword",
        "ManagedIdentity",
        "AccessTokens",
        "PsDscRunAsCredential",
        "DependsOn",
    ];
    BOOKKEEPING.iter().any(|known| known.eq_ignore_ascii_case(name))
        || name.get(..10).is_some_and(|prefix| prefix.eq_ignore_ascii_case("_metadata_"))
}

/// Reads the resources of the report in `path`, each with its pointer.
pub fn read(path: &str, resources: Vec<(Vec<PathSegment>, Value)>, normalizer: &mut Normalizer) -> Read {
    let mut sink = Sink::default();
    let mut by_collection: BTreeMap<Collection, Vec<Item>> = BTreeMap::new();
    let total = resources.len();
    for (pointer, value) in resources {
        let object = match value {
            Value::Object(object) if is_resource(&object) => object,
            _ => {
                sink.issues.push(Issue {
                    code: IngestCode::NotAResource,
                    pointer,
                    message: format!(
                        "{path} is a Microsoft365DSC report, but this item is not a resource (no `ResourceName` and `ResourceInstanceName`)"
                    ),
                    label: Some("not a resource".into()),
                });
                continue;
            }
        };
        let Some((name_key, name)) = member(&object, "ResourceName").and_then(|(k, v)| Some((k.clone(), v.as_str()?)))
        else {
            continue;
        };
        let Some(family) = Family::of(name) else { continue };
        if let Some(warning) = absent(&pointer, &object, name) {
            sink.warnings.push(warning);
            continue;
        }
        let name_pointer = [pointer.as_slice(), &[PathSegment::Key(name_key)]].concat();
        let resource = Resource::new(pointer, object, normalizer, &mut sink);
        let item = family.build(resource, name_pointer);
        by_collection.entry(family.collection()).or_default().push(item);
    }
    if by_collection.is_empty() && sink.issues.is_empty() {
        sink.warnings.push(Issue {
            code: IngestCode::NothingToLint,
            pointer: Vec::new(),
            message: format!(
                "{path} is a Microsoft365DSC report of {total} resource{}, none of which m365lint lints",
                if total == 1 { "" } else { "s" }
            ),
            label: Some("nothing to lint".into()),
        });
    }
    let contributions = by_collection
        .into_iter()
        .map(|(collection, items)| Contribution { collection, container: Vec::new(), items })
        .collect();
    Read { contributions, issues: sink.issues, warnings: sink.warnings }
}

/// `Ensure = "Absent"`: the resource says the object must not exist. It is not configuration
/// to lint, and reading it as present would be wrong either way.
fn absent(pointer: &[PathSegment], object: &Map<String, Value>, name: &str) -> Option<Issue> {
    let (key, ensure) = member(object, "Ensure")?;
    if !ensure.as_str().is_some_and(|ensure| ensure.eq_ignore_ascii_case("Absent")) {
        return None;
    }
    let instance = member(object, "ResourceInstanceName").and_then(|(_, v)| v.as_str()).unwrap_or_default();
    Some(Issue {
        code: IngestCode::AbsentResource,
        pointer: [pointer, &[PathSegment::Key(key.clone())]].concat(),
        message: format!(
            "{name} '{instance}' declares Ensure = 'Absent': skipped, it is not part of the configuration"
        ),
        label: Some("skipped".into()),
    })
}

/// A member of an object, in any casing: its key as exported and its value.
fn member<'m>(object: &'m Map<String, Value>, name: &str) -> Option<(&'m String, &'m Value)> {
    object.iter().find(|(key, _)| key.eq_ignore_ascii_case(name))
}
