//! The one adapter for regorus's error text. regorus errors are `anyhow` strings shaped like
//!
//! ```text
//! --> policies/x.rego:5:21
//!   |
//! 5 |   f := count(p.x)
//!   |        ^
//! error: `count` requires array/object/set/string argument. Got `null`.
//! ```
//!
//! (1-based line; the column counts characters). A snapshot test guards this format across
//! regorus upgrades.

/// The parts of a regorus error message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedError {
    pub file: Option<String>,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

pub fn parse(text: &str) -> ParsedError {
    let message = text
        .lines()
        .find_map(|line| line.strip_prefix("error: "))
        .map_or_else(|| text.trim().to_owned(), |m| m.trim().to_owned());
    let header = text.lines().find_map(|line| line.trim_start().strip_prefix("--> "));
    let Some(header) = header else {
        return ParsedError { file: None, line: 0, column: 0, message };
    };
    // The path may itself contain ':' (Windows drive letters), so split from the right.
    let mut parts = header.rsplitn(3, ':');
    let column = parts.next().and_then(|c| c.trim().parse().ok());
    let line = parts.next().and_then(|l| l.trim().parse().ok());
    let file = parts.next().map(str::to_owned);
    match (file, line, column) {
        (Some(file), Some(line), Some(column)) => ParsedError { file: Some(file), line, column, message },
        _ => ParsedError { file: None, line: 0, column: 0, message },
    }
}

/// A one-line description: `policies/x.rego:5:21: message`.
pub fn describe(error: &dyn std::fmt::Display) -> String {
    let text = format!("{error:#}");
    if text.contains("exceeded time limit") {
        return "evaluation stopped: it ran past the time limit (--rule-timeout, 10 seconds by default); \
                the policy loops too long over this tenant"
            .to_owned();
    }
    let parsed = parse(&text);
    match parsed.file {
        Some(file) => format!("{file}:{}:{}: {}", parsed.line, parsed.column, parsed.message),
        None => parsed.message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_located_errors() {
        let text = "\n--> policies/y.rego:5:21\n  |\n5 |   f := count(p.x)\n  |        ^\nerror: `count` requires array/object/set/string argument. Got `null`.";
        let parsed = parse(text);
        assert_eq!(parsed.file.as_deref(), Some("policies/y.rego"));
        assert_eq!((parsed.line, parsed.column), (5, 21));
        assert_eq!(parsed.message, "`count` requires array/object/set/string argument. Got `null`.");
    }

    #[test]
    fn keeps_unlocated_errors_whole() {
        assert_eq!(parse("not a valid rule path").message, "not a valid rule path");
    }

    /// Canary: a real regorus error must still parse into file, line, column and message.
    #[test]
    fn real_regorus_errors_still_parse() {
        let mut engine = regorus::Engine::new();
        let error =
            engine.add_policy("policies/canary.rego".into(), "package canary\n\nx := {\"a\": }\n".into()).unwrap_err();
        let parsed = parse(&format!("{error:#}"));
        assert_eq!(parsed.file.as_deref(), Some("policies/canary.rego"));
        assert_eq!(parsed.line, 3);
        assert!(parsed.column > 0);
        assert!(!parsed.message.is_empty() && !parsed.message.contains("-->"), "{}", parsed.message);

        let mut engine = regorus::Engine::new();
        engine.add_policy("policies/canary.rego".into(), "package canary\n\nx := count(input.n)\n".into()).unwrap();
        engine.set_input(regorus::Value::from_json_str(r#"{"n": null}"#).unwrap());
        let error = engine.eval_rule("data.canary.x".into()).unwrap_err();
        let parsed = parse(&format!("{error:#}"));
        assert_eq!((parsed.file.as_deref(), parsed.line), (Some("policies/canary.rego"), 3));
        assert!(parsed.message.contains("count"), "{}", parsed.message);
    }

    #[test]
    fn windows_paths_keep_their_drive() {
        let parsed = parse("--> C:\\p\\x.rego:3:1\nerror: boom");
        assert_eq!(parsed.file.as_deref(), Some("C:\\p\\x.rego"));
        assert_eq!(parsed.line, 3);
    }
}
