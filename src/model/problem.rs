use super::Location;

/// Something that makes a run untrustworthy: an input that was rejected, a configuration
/// error, a policy that failed to load. Problems always lead to exit code 2.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Stable diagnostic code, e.g. `m365lint::ingest::truncated_export`.
    pub code: String,
    pub message: String,
    pub help: Option<String>,
    /// The file the problem is about, when there is one.
    pub file: Option<String>,
    /// The exact place, when known.
    pub location: Option<Location>,
    /// Short text for the label at `location`.
    pub label: Option<String>,
}
