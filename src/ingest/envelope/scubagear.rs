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
use crate::ingest::normalize::{Normalizer, describe};
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
    failed_providers(&map, normalizer);
    // When only one of the two DLP collections can be read, assembly leaves the other out too
    // (with a warning): DLP is not assessed on half its data.
    let mut contributions = Vec::new();
    for section in [CONDITIONAL_ACCESS, DLP_POLICIES, DLP_RULES, TRANSPORT_RULES] {
        if collected(&map, &section, normalizer) {
            contributions.extend(contribution(&mut map, &section, normalizer));
        }
    }
    Unwrapped { contributions, tenant }
}

/// Whether the section can be read; when ScubaGear says it failed to collect it, a warning
/// says why.
fn collected(map: &Map<String, Value>, section: &Section, normalizer: &mut Normalizer) -> bool {
    if !map.contains_key(section.key) {
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

/// A provider that threw leaves its keys out of the file; when `scuba_config.ProductNames`
/// says the run asked for it, one warning per provider says so.
fn failed_providers(map: &Map<String, Value>, normalizer: &mut Normalizer) {
    let Some(Value::Array(products)) = map.get("scuba_config").and_then(|config| config.get("ProductNames")) else {
        return;
    };
    for (index, product) in products.iter().enumerate() {
        let Some(product) = product.as_str() else { continue };
        let missing: Vec<&Section> = [CONDITIONAL_ACCESS, DLP_POLICIES, DLP_RULES, TRANSPORT_RULES]
            .iter()
            .filter(|section| section.products.contains(&product) && !map.contains_key(section.key))
            .collect();
        let Some(first) = missing.first() else { continue };
        let keys: Vec<String> = missing.iter().map(|section| format!("`{}`", section.key)).collect();
        normalizer.warn_at(
            &["scuba_config".into(), "ProductNames".into(), index.into()],
            IngestCode::NotCollected,
            format!(
                "ScubaGear ran the `{product}` provider, but the export has no {}: the provider failed and ScubaGear left its output out, so {}",
                keys.join(" or "),
                first.consequence,
            ),
            "provider failed",
        );
    }
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
                format!("expected the list of {}, found {}", section.noun, describe(&other)),
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::model::pointer_of;

    fn warnings(export: Value) -> (Vec<Collection>, Vec<(String, String)>) {
        let mut normalizer = Normalizer::new();
        let Value::Object(map) = export else { unreachable!("the test passes an object") };
        assert!(recognize(&map));
        let unwrapped = read(map, &mut normalizer);
        let collections = unwrapped.contributions.iter().map(|c| c.collection).collect();
        let warnings = normalizer.take_warnings().into_iter().map(|w| (pointer_of(&w.pointer), w.message)).collect();
        (collections, warnings)
    }

    #[test]
    fn a_failed_provider_is_one_warning_naming_every_missing_key() {
        let (collections, warnings) = warnings(json!({
            "baseline_version": "1", "module_version": "1.7.1",
            "scuba_config": {"ProductNames": ["aad", "securitysuite"]},
            "conditional_access_policies": [],
            "aad_successful_commands": ["Get-MgBetaIdentityConditionalAccessPolicy"],
            "aad_unsuccessful_commands": []
        }));
        assert_eq!(collections, [Collection::ConditionalAccessPolicies]);
        assert_eq!(
            warnings,
            [(
                "/scuba_config/ProductNames/1".to_owned(),
                "ScubaGear ran the `securitysuite` provider, but the export has no `dlp_compliance_policies` or `dlp_compliance_rules`: the provider failed and ScubaGear left its output out, so DLP is not assessed".to_owned()
            )]
        );
    }

    #[test]
    fn products_not_run_are_not_failures_and_collected_lists_count_even_when_empty() {
        let (collections, warnings) = warnings(json!({
            "baseline_version": "1", "module_version": "1.8.0",
            "scuba_config": {"ProductNames": ["securitysuite"]},
            "dlp_compliance_policies": [], "dlp_compliance_rules": [],
            "defender_dlp_license": true,
            "securitysuite_successful_commands": ["Get-DlpCompliancePolicy", "Get-DlpComplianceRule"],
            "securitysuite_unsuccessful_commands": []
        }));
        assert_eq!(collections, [Collection::DlpPolicies, Collection::DlpRules]);
        assert!(warnings.is_empty(), "{warnings:?}");
    }
}
