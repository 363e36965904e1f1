//! The identifying values of one tenant, collected from its canonical document (and the
//! principals its configuration names) while the document is still at hand: the redactor
//! then replaces them wherever they occur in the report.
//!
//! Collected: Conditional Access users and groups (ids, UPNs, display names), guest
//! conditions' tenant ids, the tenant's id, Intune assignment groups (ids and names) and
//! notification CC groups, DLP locations of people and mailboxes, DLP notification and alert
//! recipients, transport rule recipients, and the configuration's emergency-access accounts
//! and approved exclusions, and the owners of its waivers. Any GUID or e-mail address elsewhere is caught by the patterns of
//! [`super::text`]. Policy and label names are configuration, not personal data: they are
//! kept, except where a collected value occurs in them.

use serde_json::Value;

use super::pseudonyms::Kind;
use crate::config::{Parameters, Waiver};

/// Keywords that stand in principal lists for "everyone", "nobody" or a role of the item:
/// they name no one.
const KEYWORDS: [&str; 8] =
    ["all", "none", "guestsorexternalusers", "owner", "lastmodifier", "siteadmin", "alltrusted", "default"];

/// Which fields name principals, and as what. Matched on the field's key; the canonical
/// document spells keys one way whatever the producer.
fn kind_of_field(key: &str) -> Option<Kind> {
    Some(match key {
        "includeUsers" | "excludeUsers" => Kind::User,
        "includeGroups" | "excludeGroups" | "groupId" | "groupDisplayName" | "notificationMessageCCList" => Kind::Group,
        "members" => Kind::Tenant,
        "exchangeLocation"
        | "exchangeLocationException"
        | "sharePointLocation"
        | "sharePointLocationException"
        | "oneDriveLocation"
        | "oneDriveLocationException"
        | "teamsLocation"
        | "teamsLocationException"
        | "endpointDlpLocation"
        | "endpointDlpLocationException"
        | "notifyUser"
        | "generateAlert"
        | "generateIncidentReport"
        | "sentTo" => Kind::Name,
        _ => return None,
    })
}

/// A tenant's identifying values with their kinds, in document order (which numbers the
/// pseudonyms deterministically).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identifiers {
    pub values: Vec<(Kind, String)>,
}

impl Identifiers {
    /// Collects from a canonical document, the tenant's parameters and the owners of its
    /// waivers (people, in a consultant's configuration).
    pub fn collect(document: &Value, parameters: &Parameters, waivers: &[Waiver]) -> Identifiers {
        let mut identifiers = Identifiers::default();
        if let Some(id) = document.pointer("/tenant/id").and_then(Value::as_str) {
            identifiers.add(Kind::Tenant, id);
        }
        identifiers.walk(document, None);
        let principals = [
            (Kind::User, &parameters.emergency_access.users),
            (Kind::Group, &parameters.emergency_access.groups),
            (Kind::User, &parameters.approved_exclusions.users),
            (Kind::Group, &parameters.approved_exclusions.groups),
        ];
        for (kind, values) in principals {
            for value in values {
                identifiers.add(kind, value);
            }
        }
        for owner in waivers.iter().filter_map(|waiver| waiver.info.owner.as_deref()) {
            identifiers.add(Kind::Owner, owner);
        }
        identifiers
    }

    fn walk(&mut self, value: &Value, field: Option<Kind>) {
        match value {
            Value::Object(object) => {
                for (key, value) in object {
                    self.walk(value, kind_of_field(key));
                }
            }
            Value::Array(items) => items.iter().for_each(|item| self.walk(item, field)),
            Value::String(text) => {
                if let Some(kind) = field {
                    self.add(kind, text);
                }
            }
            _ => {}
        }
    }

    fn add(&mut self, kind: Kind, value: &str) {
        let value = value.trim();
        if value.is_empty() || KEYWORDS.iter().any(|keyword| value.eq_ignore_ascii_case(keyword)) {
            return;
        }
        // An address is typed as one whatever field it is in.
        let kind = if value.contains('@') && !value.contains(char::is_whitespace) { Kind::Address } else { kind };
        self.values.push((kind, value.to_owned()));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn principals_are_collected_with_their_kinds_and_keywords_skipped() {
        let document = json!({
            "tenant": {"name": "contoso", "id": "5f3b1c2a-1d4e-4a8b-9c6d-7e8f9a0b1c2d"},
            "conditional_access": {"policies": [{
                "displayName": "Require MFA",
                "conditions": {"users": {
                    "includeUsers": ["All"],
                    "excludeUsers": ["breakglass@contoso.com", "0c1d2e3f-0000-4000-8000-000000000001"],
                    "excludeGroups": ["Notfallzugriff – Break Glass"]
                }}
            }]},
            "dlp": {"rules": [{"notifyUser": ["Owner", "SiteAdmin", "dlp@contoso.com"]}]}
        });
        let mut parameters = Parameters::default();
        parameters.emergency_access.groups.push("BG Accounts".into());
        let mut collected = Identifiers::collect(&document, &parameters, &[]).values;
        // The order follows the document's key order; what is collected is the point here.
        collected.sort();
        let mut expected = vec![
            (Kind::Tenant, "5f3b1c2a-1d4e-4a8b-9c6d-7e8f9a0b1c2d".to_owned()),
            (Kind::Address, "breakglass@contoso.com".to_owned()),
            (Kind::User, "0c1d2e3f-0000-4000-8000-000000000001".to_owned()),
            (Kind::Group, "Notfallzugriff – Break Glass".to_owned()),
            (Kind::Address, "dlp@contoso.com".to_owned()),
            (Kind::Group, "BG Accounts".to_owned()),
        ];
        expected.sort();
        assert_eq!(collected, expected);
    }
}
