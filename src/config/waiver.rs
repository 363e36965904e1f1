//! Waivers: findings a customer has decided to accept, with a reason, an owner and an expiry.
//! A waived finding is still reported, as waived; an expired waiver stops waiving and is
//! reported; a waiver that matches nothing is reported.

use std::sync::Arc;

use jsonpath_rust::JsonPath;
use serde_json::Value;

use crate::model::{Finding, Location, PathSegment, RuleId, WaiverInfo};

/// What a waiver applies to, besides its rule.
#[derive(Debug, Clone, PartialEq)]
pub enum WaiverTarget {
    /// Every finding of the rule.
    Rule,
    /// Findings about an object with this id or display name, or whose offending value is it.
    Resource(String),
    /// Findings at or below the nodes this JSONPath selects in the canonical document.
    Path(String),
}

/// Where a waiver was written, which decides where "matches nothing" is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaiverScope {
    /// The run's configuration: it may match in any tenant.
    Run,
    /// A tenant directory's own configuration.
    Tenant,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Waiver {
    pub rule: RuleId,
    pub target: WaiverTarget,
    /// Only this tenant (directory or file name), when set.
    pub tenant: Option<String>,
    pub info: Arc<WaiverInfo>,
    /// The expiry date has passed: the waiver no longer applies.
    pub expired: bool,
    pub scope: WaiverScope,
    /// The `[[waivers]]` entry in its file.
    pub origin: Location,
    /// The `expires` value, for the "expired" diagnostic.
    pub expires_at: Option<Location>,
}

impl Waiver {
    /// Whether the waiver is in force for a tenant.
    pub fn applies_to_tenant(&self, tenant: &str) -> bool {
        !self.expired && self.tenant.as_deref().is_none_or(|name| name.eq_ignore_ascii_case(tenant))
    }

    /// The canonical paths a `path` target selects in a tenant's document (empty for other
    /// targets). Computed once per tenant and waiver.
    pub fn selected_paths(&self, document: &Value) -> Vec<Vec<PathSegment>> {
        let WaiverTarget::Path(query) = &self.target else { return Vec::new() };
        // The query was validated when the configuration was read.
        document.query_only_path(query).unwrap_or_default().iter().map(|path| parse_query_path(path)).collect()
    }

    /// Whether the waiver accepts `finding` (of this tenant, with `selected` from
    /// [`Waiver::selected_paths`]).
    pub fn matches(&self, finding: &Finding, document: &Value, selected: &[Vec<PathSegment>]) -> bool {
        if finding.rule != self.rule {
            return false;
        }
        match &self.target {
            WaiverTarget::Rule => true,
            WaiverTarget::Path(_) => selected.iter().any(|node| finding.path.segments().starts_with(node)),
            WaiverTarget::Resource(resource) => resource_matches(resource, finding.path.segments(), document),
        }
    }
}

/// The object a finding is about (the collection item its path starts with) has `resource` as
/// its identity, or the offending value itself is `resource`.
fn resource_matches(resource: &str, path: &[PathSegment], document: &Value) -> bool {
    let value_at = |segments: &[PathSegment]| {
        segments.iter().try_fold(document, |value, segment| match segment {
            PathSegment::Key(key) => value.get(key),
            PathSegment::Index(index) => value.get(index),
        })
    };
    let equals =
        |value: Option<&Value>| value.and_then(Value::as_str).is_some_and(|s| s.eq_ignore_ascii_case(resource));
    if equals(value_at(path)) {
        return true;
    }
    // Canonical items sit at `area/collection/index` (or `area/object` for singletons).
    let item_length = match path {
        [_, _, PathSegment::Index(_), ..] => 3,
        [_, _, ..] => 2,
        _ => return false,
    };
    let Some(object) = value_at(&path[..item_length]) else { return false };
    ["id", "guid", "name", "displayName", "identity"].iter().any(|key| equals(object.get(*key)))
}

/// `$['conditional_access']['policies'][3]` → segments.
fn parse_query_path(path: &str) -> Vec<PathSegment> {
    let mut segments = Vec::new();
    let mut rest = path.strip_prefix('$').unwrap_or(path);
    while let Some(inner) = rest.strip_prefix('[') {
        if let Some(quoted) = inner.strip_prefix('\'') {
            let Some(end) = quoted.find("']") else { break };
            segments.push(PathSegment::Key(quoted[..end].replace("\\'", "'")));
            rest = &quoted[end + 2..];
        } else {
            let Some(end) = inner.find(']') else { break };
            match inner[..end].parse() {
                Ok(index) => segments.push(PathSegment::Index(index)),
                Err(_) => break,
            }
            rest = &inner[end + 1..];
        }
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_paths_become_segments() {
        assert_eq!(
            parse_query_path("$['conditional_access']['policies'][3]['displayName']"),
            vec!["conditional_access".into(), "policies".into(), 3.into(), "displayName".into()]
        );
    }
}
