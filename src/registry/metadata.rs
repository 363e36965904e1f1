//! Reads a policy's `# METADATA` block. regorus drops comments, so this is our own parser:
//! the YAML after stripping `# ` from each comment line, validated into a [`RuleMeta`].

use miette::{NamedSource, SourceSpan};
use serde::Deserialize;

use super::{PolicySource, RegistryError};
use crate::model::{DataArea, Reference, RelatedResource, RuleArea, RuleId, RuleMeta, RuleName, Severity};

/// The annotation keys we accept: OPA's standard ones at top level, ours under `custom:`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Annotations {
    #[serde(default)]
    #[allow(dead_code)]
    scope: Option<String>,
    title: String,
    description: String,
    #[serde(default)]
    related_resources: Vec<RelatedResource>,
    #[serde(default)]
    #[allow(dead_code)]
    authors: Option<yaml_serde::Value>,
    #[serde(default)]
    #[allow(dead_code)]
    organizations: Option<yaml_serde::Value>,
    custom: Custom,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Custom {
    id: RuleId,
    name: RuleName,
    severity: Severity,
    area: RuleArea,
    requires: Vec<DataArea>,
    rationale: String,
    remediation: String,
    #[serde(default)]
    references: Vec<Reference>,
}

/// The METADATA comment block of a policy: its YAML text and where each YAML line sits in
/// the policy file (for pointing errors at the right place).
struct Block {
    yaml: String,
    /// For each YAML line: byte offset in the policy text where its content starts.
    line_starts: Vec<usize>,
    /// Byte range of the `# METADATA` line.
    header: (usize, usize),
}

pub fn parse_rule_meta(source: &PolicySource) -> Result<RuleMeta, RegistryError> {
    let text: &str = &source.text;
    let package_line = find_package(text).ok_or_else(|| RegistryError::MissingPackage { path: source.path.clone() })?;
    let Some(block) = find_block(text, package_line.0) else {
        return Err(RegistryError::MissingMetadata {
            path: source.path.clone(),
            src: named(source),
            span: (package_line.0, package_line.1 - package_line.0).into(),
        });
    };

    let annotations: Annotations = yaml_serde::from_str(&block.yaml).map_err(|error| {
        let span = error
            .location()
            .and_then(|loc| {
                let start = *block.line_starts.get(loc.line().saturating_sub(1))?;
                Some(start + loc.column().saturating_sub(1))
            })
            .map_or(SourceSpan::from((block.header.0, block.header.1 - block.header.0)), |at| {
                SourceSpan::from((at.min(text.len()), 1))
            });
        invalid(source, strip_location(&error.to_string()), span, None)
    })?;

    let package = package_name(&text[package_line.0..package_line.1]);
    let custom = annotations.custom;
    let header_span = SourceSpan::from((block.header.0, block.header.1 - block.header.0));
    for (field, value) in [
        ("title", &annotations.title),
        ("description", &annotations.description),
        ("custom.rationale", &custom.rationale),
        ("custom.remediation", &custom.remediation),
    ] {
        if value.trim().is_empty() {
            return Err(invalid(source, format!("`{field}` must not be empty"), header_span, None));
        }
    }
    if custom.requires.is_empty() {
        return Err(invalid(
            source,
            "`custom.requires` must name at least one area".into(),
            header_span,
            Some("list the export areas the rule reads, e.g. `requires: [conditional_access]`".into()),
        ));
    }

    Ok(RuleMeta {
        id: custom.id,
        name: custom.name,
        title: annotations.title.trim().to_owned(),
        description: annotations.description.trim().to_owned(),
        severity: custom.severity,
        area: custom.area,
        requires: custom.requires,
        rationale: custom.rationale.trim().to_owned(),
        remediation: custom.remediation.trim().to_owned(),
        references: custom.references,
        related_resources: annotations.related_resources,
        package,
        source: source.path.clone(),
        builtin: source.builtin,
    })
}

fn named(source: &PolicySource) -> NamedSource<String> {
    NamedSource::new(&source.path, source.text.to_string())
}

fn invalid(source: &PolicySource, message: String, span: SourceSpan, help: Option<String>) -> RegistryError {
    RegistryError::InvalidMetadata { path: source.path.clone(), message, src: named(source), span, help }
}

/// yaml_serde appends "at line L column C"; we point at the place instead.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// Byte range of the first `package` line.
fn find_package(text: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("package ") || trimmed.starts_with("package\t") {
            return Some((offset, offset + line.trim_end().len()));
        }
        offset += line.len();
    }
    None
}

fn package_name(line: &str) -> String {
    line.trim().trim_start_matches("package").trim().to_owned()
}

/// The comment block that starts with `# METADATA` and precedes the package declaration.
fn find_block(text: &str, package_start: usize) -> Option<Block> {
    let head = &text[..package_start];
    let mut offset = 0;
    let mut block: Option<Block> = None;
    for line in head.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        match &mut block {
            None if trimmed.strip_prefix('#').is_some_and(|rest| rest.trim() == "METADATA") => {
                block = Some(Block {
                    yaml: String::new(),
                    line_starts: Vec::new(),
                    header: (offset, offset + content.len()),
                });
            }
            Some(current) if trimmed.starts_with('#') => {
                let indent = content.len() - trimmed.len();
                let after_hash = &trimmed[1..];
                let stripped = after_hash.strip_prefix(' ').unwrap_or(after_hash);
                let start = offset + indent + (trimmed.len() - stripped.len());
                current.yaml.push_str(stripped);
                current.yaml.push('\n');
                current.line_starts.push(start);
            }
            // The block ends at the first line that is not a comment.
            Some(_) => break,
            None => {}
        }
        offset += line.len();
    }
    block
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "# METADATA\n# title: Legacy authentication is not blocked\n# description: checks\n# custom:\n#   id: CA001\n#   name: legacy-authentication-allowed\n#   severity: critical\n#   area: conditional_access\n#   requires: [conditional_access]\n#   rationale: why\n#   remediation: fix\n#   references:\n#     - {framework: SCuBA, id: MS.AAD.1.1v1}\n#     - {framework: CIS, id: \"5.2.2.3\", inspired: true, note: differs}\npackage m365lint.conditional_access.legacy_authentication_allowed\n";

    fn source(text: &str) -> PolicySource {
        PolicySource::new("policies/conditional_access/x.rego".into(), text, true)
    }

    #[test]
    fn parses_complete_metadata() {
        let meta = parse_rule_meta(&source(GOOD)).unwrap();
        assert_eq!(meta.id.as_str(), "CA001");
        assert_eq!(meta.severity, Severity::Critical);
        assert_eq!(meta.requires, vec![DataArea::ConditionalAccess]);
        assert_eq!(meta.package, "m365lint.conditional_access.legacy_authentication_allowed");
        assert_eq!(meta.references.len(), 2);
        assert!(meta.references[1].inspired);
    }

    #[test]
    fn missing_block_is_an_error() {
        let err = parse_rule_meta(&source("package x\n")).unwrap_err();
        assert!(matches!(err, RegistryError::MissingMetadata { .. }));
    }

    #[test]
    fn invalid_severity_points_at_its_line() {
        let text = GOOD.replace("severity: critical", "severity: urgent");
        let err = parse_rule_meta(&source(&text)).unwrap_err();
        let RegistryError::InvalidMetadata { span, message, .. } = err else { panic!("wrong error") };
        let line = text[..span.offset()].matches('\n').count() + 1;
        assert_eq!(line, 7, "{message}");
        assert!(message.contains("urgent"), "{message}");
    }

    #[test]
    fn unknown_key_is_an_error() {
        let text = GOOD.replace("#   rationale: why", "#   rationale: why\n#   severty: high");
        assert!(matches!(parse_rule_meta(&source(&text)), Err(RegistryError::InvalidMetadata { .. })));
    }
}
