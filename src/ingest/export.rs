//! What one export file contributes to a tenant.

use serde_json::Value;

use super::collection::Collection;
use super::identity::TenantIdentity;
use super::paging::Page;
use super::schema::Kind;
use crate::model::PathSegment;

/// One canonical object and where it came from.
#[derive(Debug, Clone)]
pub struct Item {
    /// Pointer to the source object in its file.
    pub pointer: Vec<PathSegment>,
    /// The canonical object.
    pub value: Value,
    /// Canonical values that were moved or derived rather than read in place: canonical path
    /// relative to the item, source pointer, and how to walk below it.
    pub derived: Vec<(Vec<PathSegment>, Vec<PathSegment>, Option<Kind>)>,
}

impl Item {
    pub fn new(pointer: Vec<PathSegment>, value: Value) -> Self {
        Item { pointer, value, derived: Vec::new() }
    }
}

/// Objects of one collection found in one file.
#[derive(Debug, Clone)]
pub struct Contribution {
    pub collection: Collection,
    /// Pointer to the list (or object) in the file that holds the collection: what a finding
    /// about something missing from the collection points at.
    pub container: Vec<PathSegment>,
    pub items: Vec<Item>,
}

/// Everything one file contributes, and what was worth a warning while reading it.
#[derive(Debug, Clone)]
pub struct FileExport {
    pub contributions: Vec<Contribution>,
    /// The Graph list pages in the file, checked against the tenant's other pages.
    pub pages: Vec<Page>,
    pub warnings: Vec<crate::model::Problem>,
    /// The tenant the file says it is of (tool wrappers record it).
    pub tenant: Option<TenantIdentity>,
}
