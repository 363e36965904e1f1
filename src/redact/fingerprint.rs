//! Fingerprints in a redacted report. A fingerprint names the values a finding is about
//! (`CA010:conditional_access/policies[id=…]/conditions/users/excludeGroups[=<group id>]`), so a
//! redacted report carries its SHA-256 digest instead: `CA010:sha256:<64 hex digits>`. The
//! digest depends only on the plain fingerprint, so it is the same on every run and for every
//! pseudonym numbering, and baselines and diffs compare either form through
//! [`comparable_fingerprint`].
//!
//! A digest cannot be turned back into the values, but it can confirm a guess of all of them
//! (rule, policy id, excluded principal); an unkeyed digest is the price of baselines that
//! keep working across runs and machines.

use std::borrow::Cow;

use data_encoding::HEXLOWER;
use sha2::{Digest, Sha256};

const MARK: &str = ":sha256:";

/// The fingerprint of a redacted report: the rule id, then the digest of the whole plain
/// fingerprint.
pub fn redacted_fingerprint(fingerprint: &str) -> String {
    if is_redacted(fingerprint) {
        return fingerprint.to_owned();
    }
    let rule = fingerprint.split_once(':').map_or("", |(rule, _)| rule);
    format!("{rule}{MARK}{}", HEXLOWER.encode(&Sha256::digest(fingerprint.as_bytes())))
}

/// The form in which fingerprints from plain and redacted reports compare equal.
pub fn comparable_fingerprint(fingerprint: &str) -> Cow<'_, str> {
    if is_redacted(fingerprint) { Cow::Borrowed(fingerprint) } else { Cow::Owned(redacted_fingerprint(fingerprint)) }
}

fn is_redacted(fingerprint: &str) -> bool {
    fingerprint.split_once(MARK).is_some_and(|(rule, digest)| {
        !rule.contains('/')
            && digest.len() == 64
            && digest.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_keeps_the_rule_and_hides_the_values() {
        let plain = "CA010:conditional_access/policies[id=p1]/conditions/users/excludeGroups[=4f6e2b1a-0c3d-4e5f-8a9b-1c2d3e4f5a6b]";
        let redacted = redacted_fingerprint(plain);
        assert!(redacted.starts_with("CA010:sha256:"), "{redacted}");
        assert!(!redacted.contains("4f6e2b1a"), "{redacted}");
        assert_eq!(redacted.len(), "CA010:sha256:".len() + 64);
        // Stable, idempotent, and comparable with the plain form.
        assert_eq!(redacted_fingerprint(plain), redacted);
        assert_eq!(redacted_fingerprint(&redacted), redacted);
        assert_eq!(comparable_fingerprint(plain), comparable_fingerprint(&redacted));
        assert_ne!(comparable_fingerprint(plain), comparable_fingerprint("CA010:conditional_access/policies[id=p2]"));
    }
}
