//! Each built-in rule's failing example: its first `fixtures/rules/<ID>/fail*` fixture,
//! embedded at build time (see build.rs), which `m365lint explain` lints in memory.

/// A failing fixture of one rule, as embedded in the binary.
#[derive(Debug)]
pub struct EmbeddedExample {
    /// The rule it fails.
    pub rule: &'static str,
    /// The fixture's path in the repository: a file, or a directory of export files.
    pub path: &'static str,
    /// Its export files: repository path and bytes (exports may be UTF-16).
    pub files: &'static [(&'static str, &'static [u8])],
    /// The rule's `m365lint.toml` (the parameters the example needs), when it has one.
    pub config: Option<&'static str>,
}

include!(concat!(env!("OUT_DIR"), "/embedded_examples.rs"));

/// The failing example of built-in rule `id`, if it has one.
pub fn example(id: &str) -> Option<&'static EmbeddedExample> {
    EMBEDDED_EXAMPLES.iter().find(|example| example.rule == id)
}
