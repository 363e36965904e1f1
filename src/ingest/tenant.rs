use std::sync::Arc;

use serde_json::Value;

use super::provenance::Provenance;
use crate::model::{DataArea, Problem, SourceFile};

/// One tenant's exports, normalized: the canonical document policies see as `input`, the
/// source files it was read from, and the provenance that maps it back to them.
#[derive(Debug)]
pub struct Tenant {
    /// Short name (the directory or file name).
    pub name: String,
    /// The path as the user gave it.
    pub path: String,
    pub sources: Vec<Arc<SourceFile>>,
    pub document: Value,
    pub provenance: Provenance,
    /// Areas the exports provide.
    pub areas: Vec<DataArea>,
    /// Things worth knowing that do not make the input untrustworthy.
    pub warnings: Vec<Problem>,
}

impl Tenant {
    pub fn has_area(&self, area: DataArea) -> bool {
        self.areas.contains(&area)
    }
}
