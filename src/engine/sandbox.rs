//! Policies are untrusted code: they may read the tenant (`input`) and the parameters
//! (`data.m365lint.params`) and nothing else. regorus is built without its `http` and
//! `opa-runtime` features, so `http.send` and `opa.runtime` do not exist at all, and no
//! builtin of regorus reads files or the environment (see the test below, which pins that).
//! A call to a missing builtin only fails when evaluation reaches it, though, and a policy
//! whose call is never reached would pass silently: so every call to a builtin that OPA
//! offers for leaving the sandbox is refused here, when the policy is loaded. So is nesting
//! deep enough to make regorus's parser run for hours (see [`MAX_POLICY_NESTING`]).

use regorus::unstable::{Lexer, TokenKind};

use crate::registry::PolicySource;

/// What a refused builtin would reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capability {
    Network,
    Environment,
}

impl Capability {
    pub fn describe(self) -> &'static str {
        match self {
            Capability::Network => "the network",
            Capability::Environment => "the environment (variables, configuration, files of the host)",
        }
    }
}

/// OPA builtins that reach outside the evaluation. OPA has no builtin that reads arbitrary
/// files: its `opa.runtime()` hands out the environment and the configuration file's content.
const REFUSED: [(&str, Capability); 3] = [
    ("http.send", Capability::Network),
    ("net.lookup_ip_addr", Capability::Network),
    ("opa.runtime", Capability::Environment),
];

/// A call to a refused builtin, where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedCall {
    pub builtin: &'static str,
    pub capability: Capability,
    /// Byte offset of the call in the source.
    pub offset: usize,
}

/// Deepest nesting of brackets, braces and parentheses accepted in a policy. regorus's parser
/// takes time exponential in the nesting of array and object literals (each level doubles it:
/// 22 levels of `{"a": ...}` take seconds, 30 would take hours), before any time limit applies;
/// hand-written policies nest fewer than 10 levels.
pub const MAX_POLICY_NESTING: usize = 16;

/// What screening a policy's text found, before regorus parses it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Screening {
    pub refused: Vec<RefusedCall>,
    /// Byte offset of the first bracket nested deeper than [`MAX_POLICY_NESTING`]: the policy
    /// must not be handed to the parser.
    pub too_deep: Option<usize>,
}

/// Screens `source`: every call of a refused builtin, in order, and nesting too deep to parse.
/// Comments and strings are not code: the text is read with regorus's own lexer. A file the
/// lexer cannot read is left to the parser, which reports it.
pub fn screen(source: &PolicySource) -> Screening {
    let Ok(file) = regorus::Source::from_contents(source.path.clone(), source.text.to_string()) else {
        return Screening::default();
    };
    let mut lexer = Lexer::new(&file);
    let mut tokens = Vec::new();
    let (mut depth, mut too_deep) = (0usize, None);
    while let Ok(token) = lexer.next_token() {
        if token.0 == TokenKind::Eof {
            break;
        }
        if token.0 == TokenKind::Symbol {
            match token.1.text() {
                "[" | "{" | "(" => {
                    depth += 1;
                    if depth > MAX_POLICY_NESTING && too_deep.is_none() {
                        too_deep = Some(token.1.start as usize);
                    }
                }
                "]" | "}" | ")" => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        tokens.push(token);
    }
    Screening { refused: refused_calls(&tokens), too_deep }
}

fn refused_calls(tokens: &[regorus::unstable::Token]) -> Vec<RefusedCall> {
    let symbol = |index: usize, text: &str| {
        tokens.get(index).is_some_and(|token| token.0 == TokenKind::Symbol && token.1.text() == text)
    };
    let mut calls = Vec::new();
    for start in 0..tokens.len() {
        // A reference starts at an identifier that does not follow a dot.
        if tokens[start].0 != TokenKind::Ident || (start > 0 && symbol(start - 1, ".")) {
            continue;
        }
        let mut name = tokens[start].1.text().to_owned();
        let mut end = start + 1;
        while symbol(end, ".") && tokens.get(end + 1).is_some_and(|token| token.0 == TokenKind::Ident) {
            name.push('.');
            name.push_str(tokens[end + 1].1.text());
            end += 2;
        }
        // `http.send(...)` is a call; `with http.send as mock` in a test replaces it.
        let called = symbol(end, "(");
        let replaced = start > 0 && tokens[start - 1].0 == TokenKind::Ident && tokens[start - 1].1.text() == "with";
        if let Some((builtin, capability)) = REFUSED.iter().find(|(refused, _)| *refused == name)
            && (called || !replaced)
        {
            calls.push(RefusedCall { builtin, capability: *capability, offset: tokens[start].1.start as usize });
        }
    }
    calls
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calls(text: &str) -> Vec<(&'static str, usize, usize)> {
        let source = PolicySource::new("custom/p.rego".into(), text, false);
        let file = crate::model::SourceFile::new("custom/p.rego", text);
        screen(&source)
            .refused
            .into_iter()
            .map(|call| {
                let (line, column) = file.line_column(call.offset);
                (call.builtin, line, column)
            })
            .collect()
    }

    #[test]
    fn calls_and_references_to_refused_builtins_are_found_where_they_are() {
        let text = "package p\nimport rego.v1\n\nx := http.send({\"url\": \"https://example.com\"})\n\
                    y if {\topa.runtime().env.HOME }\nz := net . lookup_ip_addr(\"example.com\")\nf := http.send\n";
        assert_eq!(
            calls(text),
            [("http.send", 4, 6), ("opa.runtime", 5, 8), ("net.lookup_ip_addr", 6, 6), ("http.send", 7, 6)]
        );
    }

    #[test]
    fn comments_strings_and_other_names_are_not_calls() {
        let text = "package p\n# http.send({}) in a comment\nx := \"http.send({})\"\ny := `opa.runtime()`\n\
                    z := input.http.send\nw := my_http.send(1)\n";
        assert_eq!(calls(text), []);
    }

    #[test]
    fn nesting_past_the_limit_is_found_before_parsing() {
        let nested = |levels: usize| {
            let text = format!("package p\nx := {}1{}\n", "[".repeat(levels), "]".repeat(levels));
            screen(&PolicySource::new("p.rego".into(), text, false)).too_deep
        };
        assert_eq!(nested(MAX_POLICY_NESTING), None);
        // The 17th bracket, after "package p\nx := " and 16 others.
        assert_eq!(nested(MAX_POLICY_NESTING + 1), Some(15 + MAX_POLICY_NESTING));
        assert_eq!(nested(100_000), Some(15 + MAX_POLICY_NESTING));
        let text = format!("package p\n# {}\nx := \"{}\"\n", "{".repeat(50), "[".repeat(50));
        assert_eq!(screen(&PolicySource::new("p.rego".into(), text, false)), Screening::default());
    }

    #[test]
    fn the_built_in_policies_pass_screening() {
        // The engine skips screening them on every run (see `new_engine`).
        for source in crate::registry::embedded_sources() {
            assert!(source.builtin, "{}", source.path);
            assert_eq!(screen(&source), Screening::default(), "{}", source.path);
        }
    }

    #[test]
    fn regorus_offers_no_builtin_that_leaves_the_sandbox() {
        // Pins the features chosen in Cargo.toml: enabling `http`, `opa-runtime` or `net`, or a
        // regorus release adding such a builtin, fails here first.
        let builtins: Vec<&str> = regorus::unstable::BUILTINS.keys().copied().collect();
        for (refused, _) in REFUSED {
            assert!(!builtins.contains(&refused), "regorus offers {refused}");
        }
        let leaky = ["http.", "net.lookup", "opa.", "io.", "os.", "file.", "env.", "time.now"];
        let found: Vec<&&str> =
            builtins.iter().filter(|name| leaky.iter().any(|prefix| name.starts_with(prefix))).collect();
        assert!(found.is_empty(), "builtins that may reach outside the evaluation: {found:?}");
    }
}
