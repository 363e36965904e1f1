use std::fmt;

use serde::{Deserialize, Serialize};

/// One step into a JSON document: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PathSegment {
    Index(usize),
    Key(String),
}

impl From<&str> for PathSegment {
    fn from(key: &str) -> Self {
        PathSegment::Key(key.to_owned())
    }
}

impl From<usize> for PathSegment {
    fn from(index: usize) -> Self {
        PathSegment::Index(index)
    }
}

/// A path into the canonical document, as policies report it in a finding's `path`
/// (`["conditional_access", "policies", 3, "state"]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CanonicalPath(pub Vec<PathSegment>);

impl CanonicalPath {
    pub fn new(segments: Vec<PathSegment>) -> Self {
        CanonicalPath(segments)
    }

    pub fn segments(&self) -> &[PathSegment] {
        &self.0
    }

    /// This path extended by one segment.
    pub fn child(&self, segment: impl Into<PathSegment>) -> Self {
        let mut segments = self.0.clone();
        segments.push(segment.into());
        CanonicalPath(segments)
    }

    /// The path as an RFC 6901 JSON pointer (`/conditional_access/policies/3/state`).
    pub fn to_pointer(&self) -> String {
        pointer_of(&self.0)
    }
}

impl fmt::Display for CanonicalPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_pointer())
    }
}

/// Renders segments as an RFC 6901 JSON pointer, escaping `~` and `/` in keys.
pub fn pointer_of(segments: &[PathSegment]) -> String {
    let mut pointer = String::new();
    for segment in segments {
        pointer.push('/');
        match segment {
            PathSegment::Index(i) => pointer.push_str(&i.to_string()),
            PathSegment::Key(key) => pointer.push_str(&key.replace('~', "~0").replace('/', "~1")),
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_keys() {
        let path = CanonicalPath::new(vec!["a/b".into(), "c~d".into(), 2.into()]);
        assert_eq!(path.to_pointer(), "/a~1b/c~0d/2");
    }

    #[test]
    fn deserializes_mixed_segments() {
        let path: CanonicalPath = serde_json::from_str(r#"["conditional_access","policies",3]"#).unwrap();
        assert_eq!(path.segments()[2], PathSegment::Index(3));
    }
}
