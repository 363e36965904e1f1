//! Directory role display names to role template ids. Microsoft365DSC writes the roles of a
//! Conditional Access policy by display name (`Get-MgDirectoryRoleTemplate`); the canonical
//! document, Graph and the rules use role template ids. Only built-in roles are listed: their
//! names and template ids are the same in every tenant.

/// Built-in role display names and their template ids: the privileged roles of catalog.md and
/// the other roles `policies/lib/roles.rego` names.
const ROLES: &[(&str, &str)] = &[
    ("Global Administrator", "62e90394-69f5-4237-9190-012177145e10"),
    // The name Global Administrator had before it was renamed; old exports still carry it.
    ("Company Administrator", "62e90394-69f5-4237-9190-012177145e10"),
    ("Privileged Role Administrator", "e8611ab8-c189-46e8-94e1-60213ab1f814"),
    ("Security Administrator", "194ae4cb-b126-40b2-bd5b-6091b380977d"),
    ("Exchange Administrator", "29232cdf-9323-42fd-ade2-1d097af3e4de"),
    ("SharePoint Administrator", "f28a1f50-f6e7-4571-818b-6a12f2af6b6c"),
    ("User Administrator", "fe930be7-5e62-47db-91af-98c3a49a38b1"),
    ("Hybrid Identity Administrator", "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2"),
    ("Application Administrator", "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3"),
    ("Cloud Application Administrator", "158c047a-c907-4556-b7ef-446551a6b5f7"),
    ("Conditional Access Administrator", "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9"),
    ("Authentication Administrator", "c4e39bd9-1100-46d3-8c65-fb160da0071f"),
    ("Privileged Authentication Administrator", "7be44c8a-adaf-4e2a-84d6-ab2649e08a13"),
    ("Billing Administrator", "b0f54661-2d74-4c50-afa3-1ec803f12efe"),
    ("Helpdesk Administrator", "729827e3-9c14-49f7-bb1b-9608f156bbb8"),
    ("Global Reader", "f2ef992c-3afb-46b9-b7cf-a126ee74c451"),
    ("Security Reader", "5d6b6bb7-de71-4623-b4af-96380a352509"),
    ("Directory Synchronization Accounts", "d29b2b05-8046-44ba-8758-1e26182fcf32"),
    ("Intune Administrator", "3a2c62db-5318-420d-8d74-23affee5d9d5"),
    ("Password Administrator", "966707d0-3269-4727-9be2-8c3a10f19b9d"),
];

/// The template id of a built-in role, by display name (any casing, surrounding spaces
/// ignored).
pub fn template_id(name: &str) -> Option<&'static str> {
    let name = name.trim();
    ROLES.iter().find(|(known, _)| known.eq_ignore_ascii_case(name)).map(|(_, id)| *id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_names_map_to_template_ids() {
        assert_eq!(template_id("Global Administrator"), Some("62e90394-69f5-4237-9190-012177145e10"));
        assert_eq!(template_id("company administrator"), Some("62e90394-69f5-4237-9190-012177145e10"));
        assert_eq!(template_id(" Helpdesk Administrator "), Some("729827e3-9c14-49f7-bb1b-9608f156bbb8"));
        assert_eq!(template_id("Contoso Tier-1 Support"), None);
    }

    /// The table and policies/lib/roles.rego name the same roles with the same ids.
    #[test]
    fn agrees_with_the_rego_role_names() {
        let rego = include_str!("../../../../policies/lib/roles.rego");
        for (name, id) in ROLES.iter().filter(|(name, _)| *name != "Company Administrator") {
            assert!(rego.contains(&format!("\"{id}\": \"{name}\"")), "{name} ({id}) is not in roles.rego");
        }
        let named = rego.lines().filter(|line| line.trim_start().starts_with("\"") && line.contains("\": \"")).count();
        assert_eq!(named, ROLES.len() - 1, "roles.rego names a role this table does not map");
    }
}
