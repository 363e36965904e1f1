//! A DLP rule's `AdvancedRule`: its full condition as a JSON document held in a string
//! (`{"Version":"1.0","Condition":{"Operator":"And","SubConditions":[...]}}`). Current
//! exports hold valid JSON; ScubaGear 1.1 and earlier mangled it (see [`super::mangled`]).

use serde_json::Value;

use super::mangled;
use crate::ingest::normalize::Normalizer;
use crate::ingest::problem::IngestCode;

/// The parsed document, and whether it had to be repaired.
pub struct Parsed {
    pub document: Value,
    pub repaired: bool,
}

/// Parses the AdvancedRule text found at the normalizer's position. Text that is neither
/// JSON nor ScubaGear's mangled form is an issue there: what the rule detects is unknown.
pub fn parse(normalizer: &mut Normalizer, text: &str) -> Option<Parsed> {
    let error = match serde_json::from_str(text) {
        Ok(document) => return Some(Parsed { document, repaired: false }),
        Err(error) => error,
    };
    if mangled::looks_mangled(text) {
        return match mangled::repair(text) {
            Ok(document) => Some(Parsed { document, repaired: true }),
            Err(reason) => {
                normalizer.issue(
                    IngestCode::InvalidEmbeddedJson,
                    format!(
                        "AdvancedRule has the single quotes of ScubaGear 1.1's mangled export but cannot be read back ({reason}); m365lint cannot tell what this rule detects"
                    ),
                    "unreadable AdvancedRule",
                );
                None
            }
        };
    }
    normalizer.issue(
        IngestCode::InvalidEmbeddedJson,
        format!(
            "AdvancedRule is not valid JSON ({}, at line {} column {} of its text); m365lint cannot tell what this rule detects",
            strip_position(&error.to_string()),
            error.line(),
            error.column()
        ),
        "not JSON",
    );
    None
}

/// What a repaired AdvancedRule recovered and what it could not, for the warning.
pub fn repaired_message(types: usize) -> String {
    let recovered = match types {
        0 => "its structure (it names no sensitive information type)".to_owned(),
        1 => "its structure and the 1 sensitive information type it names (name, id, counts, confidence)".to_owned(),
        n => format!("its structure and the {n} sensitive information types it names (names, ids, counts, confidence)"),
    };
    format!(
        "AdvancedRule is not JSON: ScubaGear 1.1 or earlier replaced its double quotes with single quotes and deleted its backslashes. m365lint repaired it and recovered {recovered}, and restored the characters PowerShell had escaped (' < > &). Not recoverable: double quotes and backslashes inside text values (e.g. regular expressions or keyword lists in other conditions), and line breaks inside text values, which read as `rn`"
    )
}

/// serde_json appends " at line L column C"; the message gives them separately.
fn strip_position(message: &str) -> &str {
    message.rfind(" at line ").map_or(message, |i| &message[..i])
}
