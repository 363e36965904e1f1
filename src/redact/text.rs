//! Finding identifying values in text: the known values of a tenant (its users, groups,
//! tenant ids ...) wherever they occur, and any GUID or e-mail address, so that a value a
//! custom policy interpolates into a message is replaced as well as one in a known field.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};
use regex::Regex;

use super::pseudonyms::{Kind, Pseudonyms};

/// Any GUID, or an e-mail address / user principal name.
static PATTERNS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?P<guid>\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b)|(?P<address>[a-z0-9._%+-][a-z0-9._%+'-]*@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)",
    )
    .unwrap_or_else(|error| unreachable!("the redaction patterns are valid: {error}"))
});

/// Searches text for a set of known values (case-insensitively, whole words only) and for
/// GUIDs and e-mail addresses.
pub struct Matcher {
    known: Option<AhoCorasick>,
    kinds: Vec<Kind>,
}

/// One identifying value found in a text: its byte range and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hit {
    start: usize,
    end: usize,
    kind: Kind,
}

impl Matcher {
    /// A matcher for `known` values (with their kinds) plus the patterns.
    pub fn new(known: &[(Kind, String)]) -> Matcher {
        let known: Vec<&(Kind, String)> = known.iter().filter(|(_, value)| !value.trim().is_empty()).collect();
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(known.iter().map(|(_, value)| value.trim()))
            .ok();
        Matcher { known: automaton, kinds: known.iter().map(|(kind, _)| *kind).collect() }
    }

    /// The text with every identifying value replaced by its pseudonym; borrowed when it has none.
    pub fn redact<'t>(&self, text: &'t str, table: &mut Pseudonyms) -> Cow<'t, str> {
        let mut out = String::new();
        let mut copied = 0;
        let mut from = 0;
        while let Some(hit) = self.next_hit(text, from, table) {
            out.push_str(&text[copied..hit.start]);
            out.push_str(table.pseudonym(hit.kind, &text[hit.start..hit.end]));
            copied = hit.end;
            from = hit.end;
        }
        if copied == 0 {
            return Cow::Borrowed(text);
        }
        out.push_str(&text[copied..]);
        Cow::Owned(out)
    }

    /// The first hit at or after `from`: the earliest, the longest of those that start together.
    fn next_hit(&self, text: &str, from: usize, table: &Pseudonyms) -> Option<Hit> {
        let known = self.next_known(text, from);
        let pattern = next_pattern(text, from, table);
        match (known, pattern) {
            (Some(k), Some(p)) if p.start < k.start || (p.start == k.start && p.end > k.end) => Some(p),
            (Some(k), _) => Some(k),
            (None, p) => p,
        }
    }

    fn next_known(&self, text: &str, mut from: usize) -> Option<Hit> {
        let automaton = self.known.as_ref()?;
        while from <= text.len() {
            let found = automaton.find(Input::new(text).span(from..text.len()))?;
            if whole_word(text, found.start(), found.end()) {
                return Some(Hit {
                    start: found.start(),
                    end: found.end(),
                    kind: self.kinds[found.pattern().as_usize()],
                });
            }
            from = next_char(text, found.start());
        }
        None
    }
}

fn next_pattern(text: &str, mut from: usize, table: &Pseudonyms) -> Option<Hit> {
    while from <= text.len() {
        let captures = PATTERNS.captures_at(text, from)?;
        let (found, kind) = match (captures.name("guid"), captures.name("address")) {
            (Some(guid), _) => (guid, Kind::Id),
            (None, Some(address)) => (address, Kind::Address),
            (None, None) => return None,
        };
        let skip = match kind {
            Kind::Address => is_odata_annotation(found.as_str()) || table.is_pseudonym(found.as_str()),
            // The nil GUID names no one (in a location condition it means the MFA trusted IPs).
            _ => found.as_str().bytes().all(|b| b == b'0' || b == b'-'),
        };
        if skip {
            from = found.end();
            continue;
        }
        return Some(Hit { start: found.start(), end: found.end(), kind });
    }
    None
}

/// `authenticationStrength@odata.context` is an OData annotation, not an address.
fn is_odata_annotation(address: &str) -> bool {
    address.split_once('@').is_some_and(|(_, domain)| domain.to_ascii_lowercase().starts_with("odata."))
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `text[start..end]` is not part of a longer word: `Sales` is not in `Salesforce`.
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let value = &text[start..end];
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let starts_word = value.chars().next().is_some_and(is_word);
    let ends_word = value.chars().next_back().is_some_and(is_word);
    let glued_before = starts_word && before.is_some_and(is_word);
    let glued_after = ends_word && after.is_some_and(is_word);
    !glued_before && !glued_after
}

fn next_char(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(text.len() + 1, |c| at + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redact(known: &[(Kind, &str)], text: &str) -> String {
        let known: Vec<(Kind, String)> = known.iter().map(|(kind, value)| (*kind, (*value).to_owned())).collect();
        let mut table = Pseudonyms::default();
        for (kind, value) in &known {
            table.pseudonym(*kind, value);
        }
        Matcher::new(&known).redact(text, &mut table).into_owned()
    }

    #[test]
    fn known_values_are_replaced_as_whole_words_in_any_case() {
        let known = [(Kind::Group, "Sales"), (Kind::Group, "Équipe Sécurité (Ausnahmen)")];
        assert_eq!(
            redact(&known, "excludes SALES and Équipe Sécurité (Ausnahmen); Salesforce and PreSales stay"),
            "excludes group-1 and group-2; Salesforce and PreSales stay"
        );
    }

    #[test]
    fn guids_and_addresses_are_replaced_wherever_they_are() {
        let text =
            "user 4F6E2B1A-0C3D-4E5F-8A9B-1C2D3E4F5A6B (jane.doe@contoso.com) and 4f6e2b1a-0c3d-4e5f-8a9b-1c2d3e4f5a6b";
        assert_eq!(redact(&[], text), "user id-1 (upn-1@redacted.invalid) and id-1");
        let nil = "excludes 00000000-0000-0000-0000-000000000000";
        assert_eq!(redact(&[], nil), nil);
        assert_eq!(
            redact(&[(Kind::User, "4f6e2b1a-0c3d-4e5f-8a9b-1c2d3e4f5a6b")], text),
            "user user-1 (upn-1@redacted.invalid) and user-1"
        );
    }

    #[test]
    fn odata_annotations_and_pseudonyms_are_left_alone() {
        let text = "authenticationStrength@odata.context upn-1@redacted.invalid";
        assert_eq!(redact(&[(Kind::Address, "a@b.example")], text), text);
    }

    #[test]
    fn text_without_identifying_values_is_borrowed() {
        let mut table = Pseudonyms::default();
        assert!(matches!(Matcher::new(&[]).redact("Require MFA for admins", &mut table), Cow::Borrowed(_)));
    }
}
