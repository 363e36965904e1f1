use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

/// A policy that cannot be loaded. Always fatal: a run with a broken policy cannot be trusted.
#[derive(Debug, Error, Diagnostic)]
pub enum RegistryError {
    #[error("{path}: policy has no METADATA block")]
    #[diagnostic(
        code(m365lint::policy::missing_metadata),
        help(
            "every policy starts with a `# METADATA` comment block before `package`, with title, description and custom: id, name, severity, area, requires, rationale, remediation (see README, \"Writing custom policies\")"
        )
    )]
    MissingMetadata {
        path: String,
        #[source_code]
        src: NamedSource<String>,
        #[label("METADATA expected before this line")]
        span: SourceSpan,
    },

    #[error("{path}: invalid METADATA: {message}")]
    #[diagnostic(code(m365lint::policy::invalid_metadata))]
    InvalidMetadata {
        path: String,
        message: String,
        #[source_code]
        src: NamedSource<String>,
        #[label("{message}")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("{path}: no `package` declaration")]
    #[diagnostic(code(m365lint::policy::missing_package))]
    MissingPackage { path: String },

    #[error("duplicate rule {what} '{value}' in {first} and {second}")]
    #[diagnostic(code(m365lint::policy::duplicate), help("rule ids, names and packages must be unique"))]
    Duplicate { what: &'static str, value: String, first: String, second: String },

    #[error("cannot read {path}: {error}")]
    #[diagnostic(code(m365lint::policy::unreadable))]
    Read { path: String, error: String },

    #[error("{path}: data files are not loaded")]
    #[diagnostic(
        code(m365lint::policy::data_file),
        help(
            "policies read only `input` (the tenant's canonical document) and `data.m365lint.params` (the [parameters] of m365lint.toml), never files: write the values into the policy and move this file out of the policy directory"
        )
    )]
    DataFile { path: String },

    #[error("no .rego files found under {dir}")]
    #[diagnostic(code(m365lint::policy::empty_dir))]
    NoPolicies { dir: String },
}
