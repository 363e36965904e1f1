//! The collections of the canonical document and what each needs to be assembled.

use super::schema::{self, ObjectSchema};
use crate::model::DataArea;

/// A place in the canonical document that exports fill: a list of objects, or a single
/// configuration object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Collection {
    ConditionalAccessPolicies,
}

impl Collection {
    pub const ALL: [Collection; 1] = [Collection::ConditionalAccessPolicies];

    pub fn area(self) -> DataArea {
        match self {
            Collection::ConditionalAccessPolicies => DataArea::ConditionalAccess,
        }
    }

    /// The key of the collection inside its area's object.
    pub fn key(self) -> &'static str {
        match self {
            Collection::ConditionalAccessPolicies => "policies",
        }
    }

    /// A single object (`null` when absent) rather than a list.
    pub fn is_singleton(self) -> bool {
        match self {
            Collection::ConditionalAccessPolicies => false,
        }
    }

    pub fn schema(self) -> &'static ObjectSchema {
        match self {
            Collection::ConditionalAccessPolicies => &schema::conditional_access::POLICY,
        }
    }

    /// Canonical fields that identify an object across files, in order of preference: the
    /// same object in two files (pages, per-object files, two producers) is merged when equal
    /// and a conflict otherwise.
    pub fn identity(self) -> &'static [&'static str] {
        match self {
            Collection::ConditionalAccessPolicies => &["id", "displayName"],
        }
    }

    /// What a user calls one object of the collection, for messages.
    pub fn noun(self) -> &'static str {
        match self {
            Collection::ConditionalAccessPolicies => "Conditional Access policy",
        }
    }
}
