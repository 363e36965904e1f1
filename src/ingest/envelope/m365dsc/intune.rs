//! `IntuneDeviceCompliancePolicy<Platform>` and `IntuneDeviceManagementComplianceSettings`.
//! Their parameters are the Graph property names in PascalCase (including `RTPEnabled` for
//! `rtpEnabled`), so most map by name; the platform comes from the resource name, and the
//! flattened CIM instances (`Assignments`, `ScheduledActionsForRule`) are rebuilt into
//! Graph's nested shapes.

use serde_json::{Map, Value};

use super::resource::Resource;
use crate::ingest::export::Item;
use crate::ingest::problem::IngestCode;
use crate::ingest::schema::Kind;
use crate::ingest::schema::intune::{ACTION, ASSIGNMENT_TARGET, COMPLIANCE_POLICY, SETTINGS};
use crate::model::PathSegment;

/// What a compliance policy resource's name says about the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Platform {
    pub odata_type: &'static str,
    pub platform: &'static str,
    pub android_management: Option<&'static str>,
}

/// The compliance policy resources, one per Graph subtype.
pub const POLICIES: &[(&str, Platform)] = &[
    (
        "IntuneDeviceCompliancePolicyWindows10",
        Platform {
            odata_type: "#microsoft.graph.windows10CompliancePolicy",
            platform: "windows",
            android_management: None,
        },
    ),
    (
        "IntuneDeviceCompliancePolicyiOs",
        Platform { odata_type: "#microsoft.graph.iosCompliancePolicy", platform: "ios", android_management: None },
    ),
    (
        "IntuneDeviceCompliancePolicyMacOS",
        Platform { odata_type: "#microsoft.graph.macOSCompliancePolicy", platform: "macos", android_management: None },
    ),
    (
        "IntuneDeviceCompliancePolicyAndroid",
        Platform {
            odata_type: "#microsoft.graph.androidCompliancePolicy",
            platform: "android",
            android_management: Some("deviceAdministrator"),
        },
    ),
    (
        "IntuneDeviceCompliancePolicyAndroidWorkProfile",
        Platform {
            odata_type: "#microsoft.graph.androidWorkProfileCompliancePolicy",
            platform: "android",
            android_management: Some("workProfile"),
        },
    ),
    (
        "IntuneDeviceCompliancePolicyAndroidDeviceOwner",
        Platform {
            odata_type: "#microsoft.graph.androidDeviceOwnerCompliancePolicy",
            platform: "android",
            android_management: Some("deviceOwner"),
        },
    ),
];

/// How the actions of a rule are read (`scheduledActionConfigurations`).
const ACTIONS: Kind = Kind::List(&Kind::Object(&ACTION));

/// The assignment CIM instance's members (`MSFT_DeviceManagementConfigurationPolicyAssignments`)
/// and the target member each becomes.
const TARGET_MEMBERS: &[(&str, &str)] = &[
    ("dataType", "@odata.type"),
    ("groupId", "groupId"),
    ("groupDisplayName", "groupDisplayName"),
    ("collectionId", "collectionId"),
    ("deviceAndAppManagementAssignmentFilterId", "deviceAndAppManagementAssignmentFilterId"),
    ("deviceAndAppManagementAssignmentFilterType", "deviceAndAppManagementAssignmentFilterType"),
];

/// A compliance policy. `name_pointer` is where the resource name is, which the platform
/// fields are read from.
pub fn policy(mut resource: Resource<'_>, platform: Platform, name_pointer: Vec<PathSegment>) -> Item {
    resource.put(&["@odata.type"], Value::from(platform.odata_type), name_pointer.clone(), None);
    resource.put(&["platform"], Value::from(platform.platform), name_pointer.clone(), None);
    if let Some(management) = platform.android_management {
        resource.put(&["androidManagement"], Value::from(management), name_pointer, None);
    }
    if let Some((pointer, value)) = resource.take("Assignments") {
        assignments(&mut resource, pointer, value);
    }
    if let Some((pointer, value)) = resource.take("ScheduledActionsForRule") {
        scheduled_actions(&mut resource, pointer, value);
    }
    resource.map_fields(&COMPLIANCE_POLICY);
    resource.finish(&COMPLIANCE_POLICY)
}

/// The tenant's compliance settings: parameters named as the Graph properties.
pub fn settings(mut resource: Resource<'_>) -> Item {
    resource.map_fields(&SETTINGS);
    resource.finish(&SETTINGS)
}

/// The CIM instances of a list parameter with their pointers; a single instance stands for a
/// one-item list, `null` (or `""`) for an empty one.
fn instances(pointer: &[PathSegment], value: Value) -> Vec<(Vec<PathSegment>, Value)> {
    match value {
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(index, item)| ([pointer, &[PathSegment::Index(index)]].concat(), item))
            .collect(),
        Value::Null => Vec::new(),
        Value::String(text) if text.is_empty() => Vec::new(),
        single => vec![(pointer.to_vec(), single)],
    }
}

/// `Assignments` → `assignments[].target`: `dataType` is the target's `@odata.type`, the
/// other members are the target's own.
fn assignments(resource: &mut Resource<'_>, pointer: Vec<PathSegment>, value: Value) {
    let mut built = Vec::new();
    let mut sources = Vec::new();
    for (at, instance) in instances(&pointer, value) {
        let Value::Object(members) = instance else {
            resource.issue(
                at,
                IngestCode::UnexpectedType,
                "expected an MSFT_DeviceManagementConfigurationPolicyAssignments instance".into(),
                "not an assignment",
            );
            continue;
        };
        let mut target = Map::new();
        let mut member_sources = Vec::new();
        for (member, canonical) in TARGET_MEMBERS {
            let Some((key, value)) = members.iter().find(|(key, _)| key.eq_ignore_ascii_case(member)) else {
                continue;
            };
            let Some(field) = ASSIGNMENT_TARGET.field(canonical) else { continue };
            let member_pointer = [at.as_slice(), &[PathSegment::Key(key.clone())]].concat();
            let (member_pointer, value) = super::resource::undo_artefacts(member_pointer, value.clone(), &field.kind);
            let value = resource.normalize(&member_pointer, value, &field.kind);
            target.insert((*canonical).to_owned(), value);
            member_sources.push((*canonical, member_pointer, field.kind));
        }
        let mut assignment = Map::new();
        assignment.insert("target".into(), Value::Object(target));
        built.push(Value::Object(assignment));
        sources.push((at, member_sources));
    }
    resource.put(&["assignments"], Value::Array(built), pointer, None);
    for (index, (at, member_sources)) in sources.into_iter().enumerate() {
        let item = vec![PathSegment::from("assignments"), PathSegment::Index(index)];
        resource.record(item.clone(), at.clone(), None);
        let target = [item, vec![PathSegment::from("target")]].concat();
        resource.record(target.clone(), at, Some(Kind::Object(&ASSIGNMENT_TARGET)));
        for (canonical, member_pointer, kind) in member_sources {
            resource.record([target.as_slice(), &[PathSegment::from(canonical)]].concat(), member_pointer, Some(kind));
        }
    }
}

/// `ScheduledActionsForRule` (a flat list of action configurations) →
/// `scheduledActionsForRule[0].scheduledActionConfigurations[]`, Graph's one rule holding the
/// actions. Members match the action's Graph names in any casing; the notification template's
/// display name (the Windows 10 resource's `NotificationTemplate`) has no canonical place.
fn scheduled_actions(resource: &mut Resource<'_>, pointer: Vec<PathSegment>, value: Value) {
    let kind = Kind::Object(&ACTION);
    let actions: Vec<Value> =
        instances(&pointer, value).into_iter().map(|(at, instance)| resource.normalize(&at, instance, &kind)).collect();
    let mut rule = Map::new();
    rule.insert("scheduledActionConfigurations".into(), Value::Array(actions));
    resource.put(&["scheduledActionsForRule"], Value::Array(vec![Value::Object(rule)]), pointer.clone(), None);
    let configurations = vec![
        PathSegment::from("scheduledActionsForRule"),
        PathSegment::Index(0),
        PathSegment::from("scheduledActionConfigurations"),
    ];
    resource.record(configurations[..2].to_vec(), pointer.clone(), None);
    resource.record(configurations, pointer, Some(ACTIONS));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::schema::intune::{ANDROID_MANAGEMENT, PLATFORM};

    #[test]
    fn platforms_are_canonical_members() {
        for (name, platform) in POLICIES {
            assert_eq!(PLATFORM.member(platform.platform), Some(platform.platform), "{name}");
            if let Some(management) = platform.android_management {
                assert_eq!(ANDROID_MANAGEMENT.member(management), Some(management), "{name}");
            }
        }
    }

    #[test]
    fn assignment_members_are_target_fields() {
        for (member, canonical) in TARGET_MEMBERS {
            assert!(ASSIGNMENT_TARGET.field(canonical).is_some(), "{member} → {canonical}");
        }
    }
}
