//! Plain domain types shared by every other module. Nothing here depends on the rest of the crate.

mod area;
mod finding;
mod outcome;
mod path;
mod problem;
mod rule;
mod severity;
mod source;

pub use area::{DataArea, RuleArea};
pub use finding::{Evidence, Finding, Location, WaiverInfo};
pub use outcome::{Outcome, RuleResult};
pub use path::{CanonicalPath, PathSegment, pointer_of};
pub use problem::Problem;
pub use rule::{Reference, RelatedResource, RuleId, RuleMeta, RuleName};
pub use severity::Severity;
pub use source::{SourceFile, floor_char_boundary};
