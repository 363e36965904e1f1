//! A span-carrying view of a JSON source file. Built only when a location is needed (for a
//! finding or a problem), never on the hot path of linting.

use std::sync::Arc;

use jsonc_parser::ast::{ObjectPropName, Value};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};

use crate::model::{Location, PathSegment, SourceFile, floor_char_boundary, pointer_of};

/// A parsed source file whose nodes know their byte ranges.
pub struct SourceTree<'a> {
    source: &'a Arc<SourceFile>,
    root: Option<Value<'a>>,
}

/// A node of the source tree, with the exact source path that leads to it.
#[derive(Clone)]
pub struct TreeNode<'t, 'a> {
    pub value: &'t Value<'a>,
    pub pointer: Vec<PathSegment>,
    /// Byte range of the property name, when the node is an object member.
    key: Option<(usize, usize)>,
}

impl<'a> SourceTree<'a> {
    /// Parses the file's text. Files reach this point only after serde_json accepted them,
    /// so a parse failure here is unexpected; the tree is then empty and nothing resolves.
    pub fn parse(source: &'a Arc<SourceFile>) -> Self {
        let options = ParseOptions {
            allow_comments: false,
            allow_loose_object_property_names: false,
            allow_trailing_commas: false,
            ..ParseOptions::default()
        };
        let root = parse_to_ast(&source.text, &CollectOptions::default(), &options).ok().and_then(|r| r.value);
        SourceTree { source, root }
    }

    pub fn source(&self) -> &'a Arc<SourceFile> {
        self.source
    }

    pub fn root(&self) -> Option<TreeNode<'_, 'a>> {
        self.root.as_ref().map(|value| TreeNode { value, pointer: Vec::new(), key: None })
    }

    /// The node at an exact source pointer.
    pub fn node(&self, pointer: &[PathSegment]) -> Option<TreeNode<'_, 'a>> {
        let mut node = self.root()?;
        for segment in pointer {
            node = match segment {
                PathSegment::Key(key) => node.child(|k| k == key)?,
                PathSegment::Index(i) => node.item(*i)?,
            };
        }
        Some(node)
    }

    /// Where a node sits in the file. A scalar is spanned exactly; an object or a list is
    /// spanned from its key (when it has one) to the end of its first line, so a label on it
    /// reads `"excludeGroups": [` instead of underlining a whole block.
    pub fn location(&self, node: &TreeNode<'_, 'a>) -> Location {
        let range = node.value.range();
        let (start, end) = if node.is_object() || node.is_array() {
            let text = &self.source.text;
            let first_line_end = text[range.start..range.end].find('\n').map_or(range.end, |i| range.start + i);
            let end = text[..first_line_end].trim_end_matches('\r').len().max(range.start + 1);
            (node.key.map_or(range.start, |(key_start, _)| key_start), end)
        } else {
            (range.start, range.end)
        };
        let (line, column) = self.source.line_column(start);
        let length = end.saturating_sub(start);
        let (end_line, end_column) = self.source.line_column(start + length);
        Location {
            source: Arc::clone(self.source),
            pointer: pointer_of(&node.pointer),
            offset: start,
            length,
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// A location at a byte offset (for errors found before a tree exists, e.g. syntax errors).
    /// The span is kept inside the text and widened to whole characters: a one-byte span on a
    /// multi-byte character (a replacement character in a file that is not UTF-8) covers the
    /// character, and a span at the end of the text (a file that ends early) is empty.
    pub fn location_at_offset(source: &Arc<SourceFile>, offset: usize, length: usize) -> Location {
        let text = &source.text;
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let mut end = offset.saturating_add(length).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let length = end - offset;
        let (line, column) = source.line_column(offset);
        let (end_line, end_column) = source.line_column(offset + length);
        Location {
            source: Arc::clone(source),
            pointer: String::new(),
            offset,
            length,
            line,
            column,
            end_line,
            end_column,
        }
    }
}

impl<'t, 'a> TreeNode<'t, 'a> {
    /// The last property whose key satisfies `matches` (JSON parsers keep the last duplicate).
    pub fn child(&self, matches: impl Fn(&str) -> bool) -> Option<TreeNode<'t, 'a>> {
        let Value::Object(object) = self.value else {
            return None;
        };
        let prop = object.properties.iter().rev().find(|prop| matches(prop_name(&prop.name)))?;
        let mut pointer = self.pointer.clone();
        pointer.push(PathSegment::Key(prop_name(&prop.name).to_owned()));
        let key = prop.name.range();
        Some(TreeNode { value: &prop.value, pointer, key: Some((key.start, key.end)) })
    }

    pub fn item(&self, index: usize) -> Option<TreeNode<'t, 'a>> {
        let Value::Array(array) = self.value else {
            return None;
        };
        let value = array.elements.get(index)?;
        let mut pointer = self.pointer.clone();
        pointer.push(PathSegment::Index(index));
        Some(TreeNode { value, pointer, key: None })
    }

    pub fn is_object(&self) -> bool {
        matches!(self.value, Value::Object(_))
    }

    pub fn is_array(&self) -> bool {
        matches!(self.value, Value::Array(_))
    }
}

fn prop_name<'b>(name: &'b ObjectPropName<'_>) -> &'b str {
    match name {
        ObjectPropName::String(lit) => &lit.value,
        ObjectPropName::Word(word) => word.value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Arc<SourceFile> {
        Arc::new(SourceFile::new("t.json", text))
    }

    #[test]
    fn spans_are_byte_ranges_with_character_columns() {
        let src = source("{\r\n  \"näme\": \"Zürich\",\r\n  \"list\": [1, \"ü\", 3]\r\n}");
        let tree = SourceTree::parse(&src);
        let node = tree.node(&["list".into(), 1.into()]).unwrap();
        let loc = tree.location(&node);
        assert_eq!(&src.text[loc.offset..loc.offset + loc.length], "\"ü\"");
        assert_eq!((loc.line, loc.column), (3, 15));
        assert_eq!(loc.pointer, "/list/1");
    }

    #[test]
    fn containers_span_their_key_and_first_line() {
        let src = source("{\r\n  \"list\": [\r\n    1\r\n  ]\r\n}");
        let tree = SourceTree::parse(&src);
        let loc = tree.location(&tree.node(&["list".into()]).unwrap());
        assert_eq!(&src.text[loc.offset..loc.offset + loc.length], "\"list\": [");
        assert_eq!((loc.line, loc.column), (2, 3));
        let root = tree.location(&tree.root().unwrap());
        assert_eq!(&src.text[root.offset..root.offset + root.length], "{");
    }

    #[test]
    fn offset_locations_stay_inside_the_text_on_whole_characters() {
        let src = source("{\"a\": \"Z\u{fffd}rich\"}");
        let at = src.text.find('\u{fffd}').unwrap();
        let loc = SourceTree::location_at_offset(&src, at, 1);
        assert_eq!(&src.text[loc.offset..loc.offset + loc.length], "\u{fffd}");
        assert_eq!((loc.end_line, loc.end_column), (1, 10));
        let end = SourceTree::location_at_offset(&src, src.text.len(), 1);
        assert_eq!((end.offset, end.length), (src.text.len(), 0));
        let inside = SourceTree::location_at_offset(&src, at + 1, 1);
        assert_eq!((inside.offset, inside.length), (at, 3));
    }

    #[test]
    fn escaped_keys_match_their_decoded_text() {
        let src = source(r#"{"a\u0026b": {"c": true}}"#);
        let tree = SourceTree::parse(&src);
        let node = tree.node(&["a&b".into(), "c".into()]).unwrap();
        assert_eq!(tree.location(&node).column, 20);
    }
}
