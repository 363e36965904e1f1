//! Where every canonical object came from, and how any canonical path maps back to the exact
//! value in the original file.
//!
//! The normalizer records an [`Origin`] for each canonical object it builds (and for values it
//! derives or moves). Below a recorded origin, a canonical path is walked in the source through
//! the same schema declarations the normalizer read it with: case-insensitive keys, field
//! aliases, `AdditionalProperties`, a single object where a list belongs, and strings that hold
//! a list or a JSON document (which are pointed at as a whole).

use std::cell::OnceCell;
use std::collections::HashMap;

use super::schema::{Kind, ObjectSchema, is_additional_properties};
use super::tenant::Tenant;
use crate::diagnostics::{SourceTree, TreeNode};
use crate::model::{CanonicalPath, Location, PathSegment};

/// The source of a canonical node.
#[derive(Debug, Clone)]
pub struct Origin {
    /// Index into the tenant's sources.
    pub file: usize,
    /// Exact pointer to the source value.
    pub pointer: Vec<PathSegment>,
    /// How the canonical node below this origin was read, when it was read through a schema.
    pub kind: Option<Kind>,
}

/// Recorded origins, keyed by canonical path.
#[derive(Debug, Default)]
pub struct Provenance {
    entries: HashMap<Vec<PathSegment>, Origin>,
}

impl Provenance {
    pub fn insert(&mut self, canonical: Vec<PathSegment>, origin: Origin) {
        self.entries.insert(canonical, origin);
    }

    /// The closest recorded ancestor (or the path itself) and the segments below it.
    pub fn origin_of<'p>(&self, path: &'p [PathSegment]) -> Option<(&Origin, &'p [PathSegment])> {
        (0..=path.len()).rev().find_map(|len| self.entries.get(&path[..len]).map(|origin| (origin, &path[len..])))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Where a canonical path leads in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub location: Location,
    /// False when the walk stopped early (the value does not exist in the source, e.g. a
    /// missing key): the location is then the closest existing ancestor.
    pub exact: bool,
}

/// Resolves canonical paths of one tenant, parsing each source file's span tree at most once.
pub struct Locator<'t> {
    tenant: &'t Tenant,
    trees: Vec<OnceCell<SourceTree<'t>>>,
}

impl<'t> Locator<'t> {
    pub fn new(tenant: &'t Tenant) -> Self {
        Locator { tenant, trees: tenant.sources.iter().map(|_| OnceCell::new()).collect() }
    }

    pub fn locate(&self, path: &CanonicalPath) -> Option<Resolved> {
        let (origin, rest) = self.tenant.provenance.origin_of(path.segments())?;
        let tree = self.trees.get(origin.file)?.get_or_init(|| SourceTree::parse(&self.tenant.sources[origin.file]));
        let mut node = tree.node(&origin.pointer)?;
        let mut kind = origin.kind;
        let mut exact = true;
        for segment in rest {
            if is_string(&node) {
                // A flags string, a comma list or a JSON document in a string: the string
                // holds the value.
                break;
            }
            match step(&node, kind, segment) {
                Some((next, next_kind)) => {
                    node = next;
                    kind = next_kind;
                }
                None => {
                    exact = false;
                    break;
                }
            }
        }
        Some(Resolved { location: tree.location(&node), exact })
    }
}

fn is_string(node: &TreeNode<'_, '_>) -> bool {
    matches!(node.value, jsonc_parser::ast::Value::StringLit(_))
}

fn step<'t, 'a>(
    node: &TreeNode<'t, 'a>,
    kind: Option<Kind>,
    segment: &PathSegment,
) -> Option<(TreeNode<'t, 'a>, Option<Kind>)> {
    match segment {
        PathSegment::Key(key) => {
            let schema: Option<&'static ObjectSchema> = match kind {
                Some(Kind::Object(schema)) => Some(schema),
                _ => None,
            };
            let field = schema.and_then(|schema| schema.field(key));
            let matches = |source_key: &str| {
                field.map_or(source_key.eq_ignore_ascii_case(key), |field| field.matches_key(source_key))
            };
            let child = node
                .child(matches)
                .or_else(|| node.child(is_additional_properties).and_then(|bag| bag.child(matches)))?;
            Some((child, field.map(|field| field.kind)))
        }
        PathSegment::Index(index) => {
            let item_kind = match kind {
                Some(Kind::List(item)) => Some(*item),
                _ => None,
            };
            if node.is_array() {
                return Some((node.item(*index)?, item_kind));
            }
            // A single value where a list belongs stands for the list's only item.
            (*index == 0).then(|| (node.clone(), item_kind))
        }
    }
}
