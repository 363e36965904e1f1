//! `AADConditionalAccessPolicy`: one flat list of parameters, mapped onto the nested Graph
//! `conditionalAccessPolicy`. Microsoft365DSC replaces ids with names: users are UPNs, groups
//! display names, named locations display names, terms of use display names, the
//! authentication strength its display name (all kept as names), and roles display names
//! (mapped back to role template ids for the built-in roles, see [`super::roles`]).

use serde_json::Value;

use super::resource::{Resource, kind_at};
use super::roles;
use crate::ingest::export::Item;
use crate::ingest::normalize::is_guid;
use crate::ingest::problem::IngestCode;
use crate::ingest::schema::conditional_access::POLICY;
use crate::model::PathSegment;

/// How a parameter's value is turned into the canonical one, beyond normalizing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Read {
    Plain,
    /// Role display names to role template ids.
    Roles,
    /// Microsoft365DSC's name for the MFA trusted IPs back to their id.
    Locations,
}

/// Parameter, canonical path, how to read it. The first parameter mapped into an object is
/// where a finding about the whole object points, so each object's principal parameter
/// comes first.
const PARAMETERS: &[(&str, &[&str], Read)] = &[
    ("DisplayName", &["displayName"], Read::Plain),
    ("Id", &["id"], Read::Plain),
    ("State", &["state"], Read::Plain),
    ("IncludeUsers", &["conditions", "users", "includeUsers"], Read::Plain),
    ("ExcludeUsers", &["conditions", "users", "excludeUsers"], Read::Plain),
    ("IncludeGroups", &["conditions", "users", "includeGroups"], Read::Plain),
    ("ExcludeGroups", &["conditions", "users", "excludeGroups"], Read::Plain),
    ("IncludeRoles", &["conditions", "users", "includeRoles"], Read::Roles),
    ("ExcludeRoles", &["conditions", "users", "excludeRoles"], Read::Roles),
    (
        "IncludeGuestOrExternalUserTypes",
        &["conditions", "users", "includeGuestsOrExternalUsers", "guestOrExternalUserTypes"],
        Read::Plain,
    ),
    (
        "IncludeExternalTenantsMembershipKind",
        &["conditions", "users", "includeGuestsOrExternalUsers", "externalTenants", "membershipKind"],
        Read::Plain,
    ),
    (
        "IncludeExternalTenantsMembers",
        &["conditions", "users", "includeGuestsOrExternalUsers", "externalTenants", "members"],
        Read::Plain,
    ),
    (
        "ExcludeGuestOrExternalUserTypes",
        &["conditions", "users", "excludeGuestsOrExternalUsers", "guestOrExternalUserTypes"],
        Read::Plain,
    ),
    (
        "ExcludeExternalTenantsMembershipKind",
        &["conditions", "users", "excludeGuestsOrExternalUsers", "externalTenants", "membershipKind"],
        Read::Plain,
    ),
    (
        "ExcludeExternalTenantsMembers",
        &["conditions", "users", "excludeGuestsOrExternalUsers", "externalTenants", "members"],
        Read::Plain,
    ),
    ("IncludeApplications", &["conditions", "applications", "includeApplications"], Read::Plain),
    ("ExcludeApplications", &["conditions", "applications", "excludeApplications"], Read::Plain),
    ("IncludeUserActions", &["conditions", "applications", "includeUserActions"], Read::Plain),
    (
        "AuthenticationContexts",
        &["conditions", "applications", "includeAuthenticationContextClassReferences"],
        Read::Plain,
    ),
    ("ApplicationsFilter", &["conditions", "applications", "applicationFilter", "rule"], Read::Plain),
    ("ApplicationsFilterMode", &["conditions", "applications", "applicationFilter", "mode"], Read::Plain),
    ("ClientAppTypes", &["conditions", "clientAppTypes"], Read::Plain),
    ("UserRiskLevels", &["conditions", "userRiskLevels"], Read::Plain),
    ("SignInRiskLevels", &["conditions", "signInRiskLevels"], Read::Plain),
    ("ServicePrincipalRiskLevels", &["conditions", "servicePrincipalRiskLevels"], Read::Plain),
    ("InsiderRiskLevels", &["conditions", "insiderRiskLevels"], Read::Plain),
    ("IncludePlatforms", &["conditions", "platforms", "includePlatforms"], Read::Plain),
    ("ExcludePlatforms", &["conditions", "platforms", "excludePlatforms"], Read::Plain),
    ("IncludeLocations", &["conditions", "locations", "includeLocations"], Read::Locations),
    ("ExcludeLocations", &["conditions", "locations", "excludeLocations"], Read::Locations),
    ("DeviceFilterRule", &["conditions", "devices", "deviceFilter", "rule"], Read::Plain),
    ("DeviceFilterMode", &["conditions", "devices", "deviceFilter", "mode"], Read::Plain),
    ("IncludeDevices", &["conditions", "devices", "includeDevices"], Read::Plain),
    ("ExcludeDevices", &["conditions", "devices", "excludeDevices"], Read::Plain),
    ("IncludeServicePrincipals", &["conditions", "clientApplications", "includeServicePrincipals"], Read::Plain),
    ("ExcludeServicePrincipals", &["conditions", "clientApplications", "excludeServicePrincipals"], Read::Plain),
    (
        "ServicePrincipalFilterRule",
        &["conditions", "clientApplications", "servicePrincipalFilter", "rule"],
        Read::Plain,
    ),
    (
        "ServicePrincipalFilterMode",
        &["conditions", "clientApplications", "servicePrincipalFilter", "mode"],
        Read::Plain,
    ),
    ("TransferMethods", &["conditions", "authenticationFlows", "transferMethods"], Read::Plain),
    ("BuiltInControls", &["grantControls", "builtInControls"], Read::Plain),
    ("GrantControlOperator", &["grantControls", "operator"], Read::Plain),
    ("CustomAuthenticationFactors", &["grantControls", "customAuthenticationFactors"], Read::Plain),
    ("TermsOfUse", &["grantControls", "termsOfUse"], Read::Plain),
    ("AuthenticationStrength", &["grantControls", "authenticationStrength", "displayName"], Read::Plain),
    ("SignInFrequencyIsEnabled", &["sessionControls", "signInFrequency", "isEnabled"], Read::Plain),
    ("SignInFrequencyValue", &["sessionControls", "signInFrequency", "value"], Read::Plain),
    ("SignInFrequencyType", &["sessionControls", "signInFrequency", "type"], Read::Plain),
    ("SignInFrequencyInterval", &["sessionControls", "signInFrequency", "frequencyInterval"], Read::Plain),
    ("PersistentBrowserIsEnabled", &["sessionControls", "persistentBrowser", "isEnabled"], Read::Plain),
    ("PersistentBrowserMode", &["sessionControls", "persistentBrowser", "mode"], Read::Plain),
    (
        "ApplicationEnforcedRestrictionsIsEnabled",
        &["sessionControls", "applicationEnforcedRestrictions", "isEnabled"],
        Read::Plain,
    ),
    ("CloudAppSecurityIsEnabled", &["sessionControls", "cloudAppSecurity", "isEnabled"], Read::Plain),
    ("CloudAppSecurityType", &["sessionControls", "cloudAppSecurity", "cloudAppSecurityType"], Read::Plain),
];

/// What Microsoft365DSC writes for the MFA trusted IPs location (id all zeros).
const MFA_TRUSTED_IPS: (&str, &str) =
    ("Multifactor authentication trusted IPs", "00000000-0000-0000-0000-000000000000");

pub fn build(mut resource: Resource<'_>) -> Item {
    for (param, path, read) in PARAMETERS {
        let Some(kind) = kind_at(&POLICY, path) else { continue };
        let array = resource.peek(param).is_some_and(Value::is_array);
        let Some((pointer, value)) = resource.read(param, &kind) else { continue };
        let value = match (read, value) {
            (Read::Plain, value) => value,
            (read, Value::Array(names)) => Value::Array(
                names
                    .into_iter()
                    .enumerate()
                    .map(|(index, name)| {
                        let Value::String(text) = name else { return name };
                        let mut at = pointer.clone();
                        if array {
                            at.push(PathSegment::Index(index));
                        }
                        Value::String(rename(&mut resource, *read, at, text))
                    })
                    .collect(),
            ),
            (_, value) => value,
        };
        resource.put(path, value, pointer, Some(kind));
    }
    for name in resource.remaining() {
        if super::is_bookkeeping(&name) {
            continue;
        }
        let mut pointer = resource.pointer().to_vec();
        pointer.push(PathSegment::Key(name.clone()));
        resource.warn(
            pointer,
            IngestCode::UnreadParameter,
            format!(
                "AADConditionalAccessPolicy parameter `{name}` is not read by m365lint: rules do not see it, and if it narrows the policy they judge the policy broader than it is"
            ),
            "not read",
        );
    }
    resource.finish(&POLICY)
}

/// A role or location name as the canonical document spells it.
fn rename(resource: &mut Resource<'_>, read: Read, pointer: Vec<PathSegment>, name: String) -> String {
    match read {
        Read::Roles => role(resource, pointer, name),
        Read::Locations if name.eq_ignore_ascii_case(MFA_TRUSTED_IPS.0) => MFA_TRUSTED_IPS.1.to_owned(),
        Read::Locations | Read::Plain => name,
    }
}

/// The template id of a built-in role; other names are kept, with a warning. A role already
/// written as its template id is kept as it is.
fn role(resource: &mut Resource<'_>, pointer: Vec<PathSegment>, name: String) -> String {
    match roles::template_id(&name) {
        Some(id) => id.to_owned(),
        None if is_guid(name.trim()) => name,
        None => {
            resource.warn(
                pointer,
                IngestCode::UnknownRoleName,
                format!("'{name}' is not a built-in directory role m365lint knows by name; it is kept as the name"),
                "role kept as a name",
            );
            name
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Map, json};

    use super::*;
    use crate::ingest::envelope::m365dsc::resource::Sink;
    use crate::ingest::normalize::Normalizer;

    /// A parameter m365lint does not map may narrow the policy: it is named in a warning.
    /// DSC's bookkeeping (credentials, `Ensure`, DSCParser comments) is not, nor a role that is
    /// already a template id.
    #[test]
    fn unmapped_parameters_are_warned_about() {
        let mut normalizer = Normalizer::new();
        let mut sink = Sink::default();
        let params: Map<String, Value> = json!({
            "ResourceName": "AADConditionalAccessPolicy",
            "ResourceInstanceName": "AADConditionalAccessPolicy-Agents",
            "DisplayName": "Agents – block high risk",
            "State": "enabled",
            "IncludeUsers": ["All"],
            "ExcludeRoles": ["Directory Synchronization Accounts", "d29b2b05-8046-44ba-8758-1e26182fcf32"],
            "AgentIdRiskLevels": "high",
            "Credential": "$Credscredential",
            "Ensure": "Present",
            "_metadata_State": "# Freigegeben durch CAB-2291"
        })
        .as_object()
        .cloned()
        .unwrap_or_default();
        let item = build(Resource::new(vec![PathSegment::Index(4)], params, &mut normalizer, &mut sink));
        assert_eq!(
            item.value,
            json!({
                "displayName": "Agents – block high risk",
                "state": "enabled",
                "conditions": {"users": {
                    "includeUsers": ["All"],
                    "excludeRoles": ["d29b2b05-8046-44ba-8758-1e26182fcf32", "d29b2b05-8046-44ba-8758-1e26182fcf32"]
                }}
            })
        );
        let warnings: Vec<(IngestCode, String)> =
            sink.warnings.iter().map(|w| (w.code, crate::model::pointer_of(&w.pointer))).collect();
        assert_eq!(warnings, vec![(IngestCode::UnreadParameter, "/4/AgentIdRiskLevels".to_owned())]);
        assert!(sink.issues.is_empty() && normalizer.take_issues().is_empty());
    }

    /// Every canonical path of the table exists in the canonical schema, once.
    #[test]
    fn every_parameter_maps_to_a_canonical_field() {
        let mut paths = std::collections::BTreeSet::new();
        for (param, path, _) in PARAMETERS {
            assert!(kind_at(&POLICY, path).is_some(), "{param} maps to {path:?}, which the schema does not declare");
            assert!(paths.insert(path.to_vec()), "{path:?} is mapped twice");
        }
    }
}
