//! The table of pseudonyms of one report: each identifying value gets one readable, typed
//! pseudonym (`user-1`, `group-2`, `upn-3@redacted.invalid`) the first time it is seen, and
//! keeps it everywhere in the report.

use std::collections::{BTreeMap, HashMap, HashSet};

/// What an identifying value names; decides the pseudonym's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A user's object id or display name.
    User,
    /// A user principal name or any other e-mail address.
    Address,
    /// A group's object id or display name.
    Group,
    /// A tenant id (the customer's, or a partner's in a guest condition).
    Tenant,
    /// Another principal named in a DLP location or a mail recipient list.
    Name,
    /// The owner of a waiver (a person or a team, in the configuration).
    Owner,
    /// Any other GUID of the export (policy, label, named-location ids ...).
    Id,
}

impl Kind {
    fn prefix(self) -> &'static str {
        match self {
            Kind::User => "user",
            Kind::Address => "upn",
            Kind::Group => "group",
            Kind::Tenant => "tenant",
            Kind::Name => "name",
            Kind::Owner => "owner",
            Kind::Id => "id",
        }
    }
}

/// Graph compares ids and principal names case-insensitively, so one principal written in two
/// cases is one value; surrounding white space is not part of a name either.
pub fn normalize(value: &str) -> String {
    value.trim().to_lowercase()
}

/// Pseudonyms by normalized value, numbered per kind in the order values are first seen.
#[derive(Debug, Default)]
pub struct Pseudonyms {
    by_value: HashMap<String, String>,
    given: HashSet<String>,
    next: BTreeMap<Kind, usize>,
}

impl Pseudonyms {
    /// The value's pseudonym, given one of `kind` if it has none yet (a value keeps the kind it
    /// was first seen as).
    pub fn pseudonym(&mut self, kind: Kind, value: &str) -> &str {
        let key = normalize(value);
        let (next, given) = (&mut self.next, &mut self.given);
        self.by_value.entry(key).or_insert_with(|| {
            let number = next.entry(kind).or_insert(0);
            *number += 1;
            let pseudonym = match kind {
                Kind::Address => format!("{}-{number}@redacted.invalid", kind.prefix()),
                _ => format!("{}-{number}", kind.prefix()),
            };
            given.insert(pseudonym.clone());
            pseudonym
        })
    }

    /// Whether `text` is one of the pseudonyms handed out (so it is not redacted again).
    pub fn is_pseudonym(&self, text: &str) -> bool {
        self.given.contains(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_value_one_pseudonym_whatever_its_case() {
        let mut pseudonyms = Pseudonyms::default();
        let guid = "7D3F9A1C-5E82-4B60-9C4D-2F8E1A7B3C05";
        assert_eq!(pseudonyms.pseudonym(Kind::Group, guid), "group-1");
        assert_eq!(pseudonyms.pseudonym(Kind::Group, &guid.to_lowercase()), "group-1");
        // The kind it was first seen as wins.
        assert_eq!(pseudonyms.pseudonym(Kind::Id, guid), "group-1");
        assert_eq!(pseudonyms.pseudonym(Kind::Group, "Sales"), "group-2");
        assert_eq!(pseudonyms.pseudonym(Kind::Address, "Jane@Contoso.com"), "upn-1@redacted.invalid");
        assert_eq!(pseudonyms.pseudonym(Kind::Address, "jane@contoso.com"), "upn-1@redacted.invalid");
        assert_eq!(pseudonyms.pseudonym(Kind::User, "Jane Doe"), "user-1");
        assert!(pseudonyms.is_pseudonym("user-1"));
        assert!(!pseudonyms.is_pseudonym("user-2"));
    }
}
