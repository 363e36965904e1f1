//! Maps places in input files to byte spans and line:column, and turns findings and
//! problems into miette diagnostics.

mod finding;
mod problem;
mod source_code;
mod tree;

pub use finding::{FindingDiagnostic, miette_severity};
pub use problem::ProblemDiagnostic;
pub use tree::{SourceTree, TreeNode};
