//! Compliance policies: read through the canonical schema, then given what the export only
//! implies. The platform comes from `@odata.type` (one table, see `subtype`); navigation
//! properties (`assignments`, `scheduledActionsForRule`) are kept only when the export really
//! expanded them, because Graph leaves them out (and the SDK writes `null`) otherwise, and
//! "not exported" must never read as "none".

use serde_json::{Map, Value};

use super::member::{at_path, has_value, member};
use super::subtype::{self, Classified};
use crate::ingest::export::Item;
use crate::ingest::normalize::Normalizer;
use crate::ingest::problem::IngestCode;
use crate::ingest::schema::intune::COMPLIANCE_POLICY;
use crate::model::PathSegment;

/// A compliance policy of any kind: a Graph compliance policy type, or a settings-catalog
/// compliance policy (Graph lists those without `@odata.type`), which is recognized so that it
/// can be rejected with a reason rather than reported as an unknown file.
pub fn is_compliance_policy(object: &Map<String, Value>) -> bool {
    match member(object, "@odata.type").and_then(|member| member.value.as_str()) {
        Some(odata_type) => subtype::is_compliance_type(odata_type),
        None => is_settings_catalog_policy(object),
    }
}

/// `deviceManagementCompliancePolicy`: `platforms` and `technologies` strings, settings in a
/// `settings` list (or only counted).
fn is_settings_catalog_policy(object: &Map<String, Value>) -> bool {
    has_value(object, "platforms")
        && has_value(object, "technologies")
        && (has_value(object, "settingCount") || has_value(object, "settings"))
}

pub fn normalize(normalizer: &mut Normalizer, pointer: Vec<PathSegment>, value: Value) -> Item {
    let (odata_type, navigation, name) = match &value {
        Value::Object(object) => (
            member(object, "@odata.type")
                .and_then(|member| member.value.as_str().map(|text| (member.path.clone(), text.to_owned()))),
            Navigation::of(object),
            name_of(object),
        ),
        _ => (None, Navigation::default(), "this policy".to_owned()),
    };
    let mut out = normalizer.object_at(&pointer, value, &COMPLIANCE_POLICY);
    let mut item = Item::new(pointer.clone(), Value::Null);
    if let Value::Object(policy) = &mut out {
        navigation.apply(normalizer, policy, &name);
        match odata_type {
            Some((path, odata_type)) => derive_platform(normalizer, &mut item, policy, &path, &odata_type, &name),
            None => normalizer.issue(
                IngestCode::UnsupportedExport,
                format!("{name} is a settings-catalog compliance policy, which m365lint does not read yet"),
                "settings-catalog policy",
            ),
        }
    }
    item.value = out;
    item
}

/// Sets `platform` and `androidManagement` from the subtype, pointing both at `@odata.type`.
fn derive_platform(
    normalizer: &mut Normalizer,
    item: &mut Item,
    policy: &mut Map<String, Value>,
    path: &[PathSegment],
    odata_type: &str,
    name: &str,
) {
    let subtype = match subtype::classify(odata_type) {
        Classified::Known(subtype) => subtype,
        Classified::SettingsCatalog => {
            let message = format!(
                "{name} is a settings-catalog compliance policy ({odata_type}), which m365lint does not read yet"
            );
            at_path(normalizer, path, |n| n.issue(IngestCode::UnsupportedExport, message, "settings-catalog policy"));
            return;
        }
        Classified::Unknown => {
            let message = format!(
                "{name} has the type {odata_type}, which is not a compliance policy type m365lint knows: it cannot tell which platform the policy protects"
            );
            at_path(normalizer, path, |n| n.issue(IngestCode::UnknownSubtype, message, "unknown policy type"));
            return;
        }
    };
    let mut source = item.pointer.clone();
    source.extend_from_slice(path);
    for (name, derived) in [("platform", subtype.platform), ("androidManagement", subtype.android_management)] {
        policy.insert(name.to_owned(), derived.map_or(Value::Null, |member| Value::String(member.to_owned())));
        if derived.is_some() {
            item.derived.push((vec![PathSegment::from(name)], source.clone(), None));
        }
    }
}

/// What to call a policy in messages: its name (`displayName`; `name` for settings-catalog
/// policies), else its id.
fn name_of(object: &Map<String, Value>) -> String {
    ["displayName", "name", "id"]
        .iter()
        .find_map(|field| member(object, field).and_then(|member| member.value.as_str()))
        .map_or_else(|| "this policy".to_owned(), |name| format!("'{name}'"))
}

/// What the export says about the navigation properties, read before normalizing (which turns
/// `null` into `[]`).
#[derive(Default)]
struct Navigation {
    assignments: bool,
    scheduled_actions: bool,
    /// A scheduled action exported without its configurations: where it is, below the policy.
    unexpanded_action: Option<Vec<PathSegment>>,
}

impl Navigation {
    fn of(object: &Map<String, Value>) -> Self {
        let scheduled = member(object, "scheduledActionsForRule").filter(|member| !member.value.is_null());
        let unexpanded_action = scheduled.as_ref().and_then(|scheduled| {
            let rules: Vec<(Vec<PathSegment>, &Value)> = match scheduled.value {
                Value::Array(rules) => rules
                    .iter()
                    .enumerate()
                    .map(|(index, rule)| {
                        let mut path = scheduled.path.clone();
                        path.push(PathSegment::Index(index));
                        (path, rule)
                    })
                    .collect(),
                single => vec![(scheduled.path.clone(), single)],
            };
            rules.into_iter().find_map(|(path, rule)| {
                let rule = rule.as_object()?;
                (!has_value(rule, "scheduledActionConfigurations")).then_some(path)
            })
        });
        Navigation {
            assignments: has_value(object, "assignments"),
            scheduled_actions: scheduled.is_some(),
            unexpanded_action,
        }
    }

    /// Drops what was not exported. Actions without their configurations say nothing about
    /// what happens to a non-compliant device, so they count as not exported (with a warning:
    /// the export looks complete but is not).
    fn apply(self, normalizer: &mut Normalizer, policy: &mut Map<String, Value>, name: &str) {
        if !self.assignments {
            policy.remove("assignments");
        }
        if !self.scheduled_actions {
            policy.remove("scheduledActionsForRule");
        }
        if let Some(path) = self.unexpanded_action {
            policy.remove("scheduledActionsForRule");
            let message = format!(
                "{name}: actions for non-compliance were exported without their scheduledActionConfigurations, so they are not assessed"
            );
            at_path(normalizer, &path, |n| n.warn(IngestCode::NotExpanded, message, "configurations not expanded"));
        }
    }
}
