//! m365lint: a policy-as-code linter for Microsoft 365 security configuration exports.
//!
//! Data flows one way: [`ingest`] reads a tenant's exports into a canonical document with
//! provenance; [`engine`] evaluates the [`registry`]'s Rego policies against it; [`lint`]
//! locates each finding in the original files and builds a [`report::Report`], which the
//! renderers in [`report`] turn into output.

pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod diff;
pub mod engine;
pub mod ingest;
pub mod lint;
pub mod model;
pub mod redact;
pub mod registry;
pub mod report;
