//! ScubaGear's `ProviderSettingsExport.json`: one object with the run's metadata
//! (`baseline_version`, `module_version`, `tenant_details`, `scuba_config`) and each
//! provider's export under snake_case keys. m365lint reads `conditional_access_policies`
//! (Graph beta objects, every key UpperCamelCase), `dlp_compliance_policies`,
//! `dlp_compliance_rules` and `transport_rule`; everything else is not linted.
//!
//! ScubaGear writes `[]` when a command fails, so an empty list can mean "not collected".
//! Its command tracker lists failed commands in `<provider>_unsuccessful_commands`, and the
//! Security Suite (formerly Defender) provider sets `defender_dlp_license` to false when the
//! DLP cmdlets failed as if unlicensed (it then also lists them as successful, "for
//! compatibility"). A collection so marked is not contributed, with a warning, so its area is
//! not assessed rather than assessed as empty. A provider that failed outright leaves its
//! keys out of the file; when `scuba_config.ProductNames` says it ran, that is a warning too.

mod tenant;

use serde_json::{Map, Value};

use crate::ingest::areas;
use crate::ingest::collection::Collection;
use crate::ingest::export::Contribution;
use crate::ingest::identity::TenantIdentity;
use crate::ingest::normalize::Normalizer;
use crate::ingest::problem::IngestCode;
use crate::model::PathSegment;

/// A collection ScubaGear exports.
struct Section {
    key: &'static str,
    collection: Collection,
    /// What a user calls the objects, for messages.
    noun: &'static str,
    /// The commands that fetch it (current and older ScubaGear names).
    commands: &'static [&'static str],
    /// Where the provider lists failed commands (current and older provider names).
    failures: &'static [&'static str],
    /// A flag that is false when the provider could not use the commands at all.
    license: Option<&'static str>,
    /// `scuba_config.ProductNames` values that run the provider.
    products: &'static [&'static str],
    /// What follows when the section cannot be read, for messages.
    consequence: &'static str,
}

const CONDITIONAL_ACCESS: Section = Section {
    key: "conditional_access_policies",
    collection: Collection::ConditionalAccessPolicies,
    noun: "Conditional Access policies",
    commands: &["Get-MgBetaIdentityConditionalAccessPolicy", "Get-MgIdentityConditionalAccessPolicy"],
    failures: &["aad_unsuccessful_commands"],
    license: None,
    products: &["aad"],
    consequence: "Conditional Access is not assessed",
};

const DLP_POLICIES: Section = Section {
    key: "dlp_compliance_policies",
    collection: Collection::DlpPolicies,
    noun: "DLP policies",
    commands: &["Get-DlpCompliancePolicy"],
    failures: &["securitysuite_unsuccessful_commands", "defender_unsuccessful_commands"],
    license: Some("defender_dlp_license"),
    products: &["securitysuite", "defender"],
    consequence: "DLP is not assessed",
};

const DLP_RULES: Section = Section {
    key: "dlp_compliance_rules",
    collection: Collection::DlpRules,
    noun: "DLP rules",
    commands: &["Get-DlpComplianceRule"],
    ..DLP_POLICIES
};

const TRANSPORT_RULES: Section = Section {
    key: "transport_rule",
    collection: Collection::TransportRules,
    noun: "transport rules",
    commands: &["Get-TransportRule"],
    failures: &["exo_unsuccessful_commands"],
    license: None,
    products: &["exo"],
    consequence: "transport rules are not assessed",
};

/// What a ScubaGear file holds for m365lint.
pub struct Unwrapped {
    pub contributions: Vec<Contribution>,
    pub tenant: Option<TenantIdentity>,
}

/// A ScubaGear provider-settings export: its run metadata sits at the top level.
pub fn recognize(map: &Map<String, Value>) -> bool {
    map.contains_key("module_version") && (map.contains_key("baseline_version") || map.contains_key("tenant_details"))
}

pub fn read(mut map: Map<String, Value>, normalizer: &mut Normalizer) -> Unwrapped {
    let tenant = tenant::identity(&map, normalizer);
    let mut contributions = Vec::new();
    if collected(&map, &CONDITIONAL_ACCESS, normalizer) {
        contributions.extend(contribution(&mut map, &CONDITIONAL_ACCESS, normalizer));
    }
    // When only one of the two DLP collections was collected, assembly leaves the other out
    // too (with a warning): DLP is not assessed on half its data.
    for section in [DLP_POLICIES, DLP_RULES] {
        if collected(&map, &section, normalizer) {
            contributions.extend(contribution(&mut map, &section, normalizer));
        }
    }
    if collected(&map, &TRANSPORT_RULES, normalizer) {
        contributions.extend(contribution(&mut map, &TRANSPORT_RULES, normalizer));
    }
    Unwrapped { contributions, tenant }
}

/// Whether the section can be read; when ScubaGear says it failed to collect it, a warning
/// says why.
fn collected(map: &Map<String, Value>, section: &Section, normalizer: &mut Normalizer) -> bool {
    if !map.contains_key(section.key) {
        provider_failed(map, section, normalizer);
        return false;
    }
    let mut causes = Vec::new();
    if let Some(flag) = section.license
        && map.get(flag) == Some(&Value::Bool(false))
    {
        causes.push(format!(
            "`{flag}` is false (the Security & Compliance cmdlets failed as if the tenant had no DLP license)"
        ));
    }
    for list in section.failures {
        let failed = map.get(*list).and_then(Value::as_array).is_some_and(|commands| {
            commands
                .iter()
                .filter_map(Value::as_str)
                .any(|command| section.commands.iter().any(|wanted| command.eq_ignore_ascii_case(wanted)))
        });
        if failed {
            causes.push(format!("`{list}` lists `{}`", section.commands[0]));
        }
    }
    if causes.is_empty() {
        return true;
    }
    normalizer.warn_at(
        &[section.key.into()],
        IngestCode::NotCollected,
        format!(
            "ScubaGear did not collect the {}: {}. `{}` therefore does not say whether the tenant has any, so {}",
            section.noun,
            causes.join(", and "),
            section.key,
            section.consequence,
        ),
        "not collected",
    );
    false
}

/// A provider that threw leaves its keys out of the file; if the run asked for it, say so.
fn provider_failed(map: &Map<String, Value>, section: &Section, normalizer: &mut Normalizer) {
    let Some(Value::Array(products)) = map.get("scuba_config").and_then(|config| config.get("ProductNames")) else {
        return;
    };
    let Some(index) =
        products.iter().position(|product| product.as_str().is_some_and(|name| section.products.contains(&name)))
    else {
        return;
    };
    let product = products[index].as_str().unwrap_or_default().to_owned();
    normalizer.warn_at(
        &["scuba_config".into(), "ProductNames".into(), index.into()],
        IngestCode::NotCollected,
        format!(
            "ScubaGear ran the `{product}` provider, but the export has no `{}`: the provider failed and ScubaGear left its output out, so {}",
            section.key, section.consequence,
        ),
        "provider failed",
    );
}

/// The section's objects, each normalized by its area. ConvertTo-Json writes a one-item
/// list as the item.
fn contribution(map: &mut Map<String, Value>, section: &Section, normalizer: &mut Normalizer) -> Option<Contribution> {
    let value = map.remove(section.key)?;
    let container = vec![PathSegment::from(section.key)];
    let (items, single) = match value {
        Value::Array(items) => (items, false),
        Value::Object(_) => (vec![value], true),
        other => {
            normalizer.issue_at(
                &container,
                IngestCode::UnexpectedType,
                format!("expected the list of {}, found {}", section.noun, kind_of(&other)),
                "not a list",
            );
            return None;
        }
    };
    let items = items
        .into_iter()
        .enumerate()
        .map(|(index, value)| {
            let mut pointer = container.clone();
            if !single {
                pointer.push(PathSegment::Index(index));
            }
            areas::normalize(section.collection, normalizer, pointer, value)
        })
        .collect();
    Some(Contribution { collection: section.collection, container, items })
}

fn kind_of(value: &Value) -> String {
    match value {
        Value::String(text) => format!("the string '{text}'"),
        Value::Number(n) => format!("the number {n}"),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".into(),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}
