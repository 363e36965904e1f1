use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

use super::regorus_error;
use crate::registry::PolicySource;

/// A policy that cannot be loaded into the engine.
#[derive(Debug, Error, Diagnostic)]
pub enum EngineError {
    #[error("{path}:{line}:{column}: {message}")]
    #[diagnostic(code(m365lint::policy::rego_error))]
    Rego {
        path: String,
        line: usize,
        column: usize,
        message: String,
        #[source_code]
        src: Option<NamedSource<String>>,
        #[label("{message}")]
        span: Option<SourceSpan>,
    },

    #[error("{message}")]
    #[diagnostic(code(m365lint::policy::rego_error))]
    Unlocated { message: String },

    #[error("{path}:{line}:{column}: brackets nest more than {max} levels deep")]
    #[diagnostic(
        code(m365lint::policy::too_deep),
        help(
            "parsing time doubles with each level of nested array and object literals; name the inner values (`inner := {{...}}`) to flatten the policy"
        )
    )]
    TooDeep {
        path: String,
        line: usize,
        column: usize,
        max: usize,
        #[source_code]
        src: NamedSource<String>,
        #[label("level {}", max + 1)]
        span: SourceSpan,
    },

    #[error("{path}:{line}:{column}: {builtin} is refused: it would reach {reach}")]
    #[diagnostic(
        code(m365lint::policy::refused_builtin),
        help(
            "policies run sandboxed: they read `input` (the tenant's canonical document, see `m365lint normalize`) and `data.m365lint.params` (the configuration's [parameters]), and cannot reach the network, the file system or the environment"
        )
    )]
    Refused {
        path: String,
        line: usize,
        column: usize,
        builtin: &'static str,
        reach: &'static str,
        #[source_code]
        src: NamedSource<String>,
        #[label("refused: {builtin}")]
        span: SourceSpan,
    },

    #[error("{path}: rule {id} declares no `deny` rule")]
    #[diagnostic(
        code(m365lint::policy::missing_deny),
        help("a policy reports violations as `deny contains finding if {{ ... }}`")
    )]
    MissingDeny { path: String, id: String },

    #[error("cannot load parameters into the engine: {message}")]
    #[diagnostic(code(m365lint::policy::data))]
    Data { message: String },
}

impl EngineError {
    /// A policy nested too deep to hand to the parser.
    pub(super) fn too_deep(source: &PolicySource, offset: usize) -> Self {
        let (line, column) =
            crate::model::SourceFile::new(source.path.clone(), source.text.to_string()).line_column(offset);
        EngineError::TooDeep {
            path: source.path.clone(),
            line,
            column,
            max: super::sandbox::MAX_POLICY_NESTING,
            src: NamedSource::new(&source.path, source.text.to_string()),
            span: SourceSpan::from((offset, 1)),
        }
    }

    /// A call of a builtin that would leave the sandbox.
    pub(super) fn refused(source: &PolicySource, call: &super::sandbox::RefusedCall) -> Self {
        // Columns in characters, as editors count them (regorus counts a tab as 4).
        let (line, column) =
            crate::model::SourceFile::new(source.path.clone(), source.text.to_string()).line_column(call.offset);
        EngineError::Refused {
            path: source.path.clone(),
            line,
            column,
            builtin: call.builtin,
            reach: call.capability.describe(),
            src: NamedSource::new(&source.path, source.text.to_string()),
            span: SourceSpan::from((call.offset, call.builtin.len())),
        }
    }

    /// Turns a regorus error into a diagnostic pointing into the policy's source when the
    /// error names one.
    pub fn from_regorus(error: &dyn std::fmt::Display, sources: &[PolicySource]) -> Self {
        let parsed = regorus_error::parse(&format!("{error:#}"));
        let Some(path) = parsed.file else {
            return EngineError::Unlocated { message: parsed.message };
        };
        let text = super::source_text(sources, &path);
        let span = text.as_deref().map(|text| {
            let file = crate::model::SourceFile::new(path.clone(), text);
            SourceSpan::from((file.offset_of(parsed.line, parsed.column), 1))
        });
        EngineError::Rego {
            src: text.map(|text| NamedSource::new(&path, text.to_string())),
            span,
            path,
            line: parsed.line,
            column: parsed.column,
            message: parsed.message,
        }
    }
}
