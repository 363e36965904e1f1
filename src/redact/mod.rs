//! `--redact`: replaces the identifying values of a report (user and group ids, UPNs and other
//! e-mail addresses, user and group display names, tenant ids, any GUID of the export) with
//! stable, typed pseudonyms (`user-1`, `group-2`, `upn-3@redacted.invalid`, `id-4`), so that a
//! report can be shared.
//!
//! It runs once per tenant, on the finished [`TenantReport`] and the export texts its
//! findings point into, before any renderer sees it: every output format gets the same
//! redacted report, and no renderer knows about redaction. One [`Redactor`] serves a whole
//! report, so a value keeps its pseudonym across tenants and formats; pseudonyms are numbered
//! per kind in the order the values are first met (the tenants in report order, each tenant's
//! collected values in document order, then its report text in report order), so the same
//! input gives the same pseudonyms on every run.
//!
//! Fingerprints hold identifying values (`excludeGroups[=<group id>]`): a redacted report
//! carries their digest instead (see [`redacted_fingerprint`]), which baselines and diffs
//! accept in place of the plain fingerprint (see [`comparable_fingerprint`]).

mod fingerprint;
mod identifiers;
mod pseudonyms;
mod source;
mod text;

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value;

pub use fingerprint::{comparable_fingerprint, redacted_fingerprint};
pub use identifiers::Identifiers;
pub use pseudonyms::Kind;

use crate::model::{Finding, Location, Outcome, Problem, SourceFile};
use crate::report::TenantReport;
use pseudonyms::Pseudonyms;
use source::RedactedText;
use text::Matcher;

/// Redacts the tenants of one report, keeping one table of pseudonyms for all of them.
#[derive(Debug, Default)]
pub struct Redactor {
    table: Pseudonyms,
    /// Every tenant's collected values so far, for the problems of the whole run.
    known: Vec<(Kind, String)>,
}

impl Redactor {
    pub fn new() -> Redactor {
        Redactor::default()
    }

    /// Redacts a tenant's report in place, given the values collected from its document.
    pub fn redact_tenant(&mut self, tenant: &mut TenantReport, identifiers: &Identifiers) {
        for (kind, value) in &identifiers.values {
            self.table.pseudonym(*kind, value);
        }
        self.known.extend(identifiers.values.iter().cloned());
        let matcher = Matcher::new(&identifiers.values);
        let mut pass = Pass { table: &mut self.table, matcher: &matcher, sources: HashMap::new() };
        for result in &mut tenant.results {
            match &mut result.outcome {
                Outcome::Fail(findings) | Outcome::Waived(findings) => {
                    findings.iter_mut().for_each(|finding| pass.finding(finding));
                }
                Outcome::NotAssessed { reasons, .. } => reasons.iter_mut().for_each(|reason| pass.string(reason)),
                Outcome::Error { message } => pass.string(message),
                Outcome::Pass => {}
            }
            result.prints.iter_mut().for_each(|print| pass.string(print));
        }
        tenant.problems.iter_mut().chain(tenant.warnings.iter_mut()).for_each(|problem| pass.problem(problem));
    }

    /// Redacts one text with the values collected from every tenant so far and the patterns.
    pub fn redact_text(&mut self, text: &mut String) {
        let matcher = Matcher::new(&self.known);
        Pass { table: &mut self.table, matcher: &matcher, sources: HashMap::new() }.string(text);
    }

    /// Redacts problems that concern the whole run (e.g. unmatched waivers of its
    /// configuration), with the values collected from every tenant.
    pub fn redact_problems(&mut self, problems: &mut [Problem]) {
        let matcher = Matcher::new(&self.known);
        let mut pass = Pass { table: &mut self.table, matcher: &matcher, sources: HashMap::new() };
        problems.iter_mut().for_each(|problem| pass.problem(problem));
    }
}

/// One redaction pass over a tenant: the export texts are redacted once each, however many
/// locations point into them.
struct Pass<'a> {
    table: &'a mut Pseudonyms,
    matcher: &'a Matcher,
    sources: HashMap<*const SourceFile, (Arc<SourceFile>, RedactedText)>,
}

impl Pass<'_> {
    fn string(&mut self, text: &mut String) {
        let redacted = match self.matcher.redact(text, self.table) {
            std::borrow::Cow::Owned(redacted) => Some(redacted),
            std::borrow::Cow::Borrowed(_) => None,
        };
        if let Some(redacted) = redacted {
            *text = redacted;
        }
    }

    fn finding(&mut self, finding: &mut Finding) {
        self.string(&mut finding.message);
        finding.location.iter_mut().for_each(|location| self.location(location));
        for evidence in &mut finding.related {
            self.string(&mut evidence.message);
            evidence.location.iter_mut().for_each(|location| self.location(location));
        }
        if let Some(details) = &mut finding.details {
            self.value(details);
        }
        finding.fingerprint = redacted_fingerprint(&finding.fingerprint);
        if let Some(waiver) = &mut finding.waiver {
            let mut redacted = (**waiver).clone();
            self.string(&mut redacted.reason);
            redacted.owner.iter_mut().for_each(|owner| self.string(owner));
            redacted.location.iter_mut().for_each(|location| self.location(location));
            *waiver = Arc::new(redacted);
        }
    }

    fn problem(&mut self, problem: &mut Problem) {
        self.string(&mut problem.message);
        problem.help.iter_mut().for_each(|help| self.string(help));
        problem.label.iter_mut().for_each(|label| self.string(label));
        problem.location.iter_mut().for_each(|location| self.location(location));
    }

    fn value(&mut self, value: &mut Value) {
        match value {
            Value::String(text) => self.string(text),
            Value::Array(items) => items.iter_mut().for_each(|item| self.value(item)),
            Value::Object(object) => {
                let entries = std::mem::take(object);
                for (mut key, mut value) in entries {
                    self.string(&mut key);
                    self.value(&mut value);
                    object.insert(key, value);
                }
            }
            _ => {}
        }
    }

    /// Points the location at the redacted text of its file, moving its span with the
    /// replacements before it. Line and column still name the place in the original export,
    /// which is the file the reader of the report has.
    fn location(&mut self, location: &mut Location) {
        self.string(&mut location.pointer);
        if location.source.text.is_empty() {
            return;
        }
        let key = Arc::as_ptr(&location.source);
        if !self.sources.contains_key(&key) {
            let redacted = RedactedText::new(&location.source.text, self.matcher, self.table);
            let file = Arc::new(SourceFile::new(location.source.path.clone(), redacted.text.clone()));
            self.sources.insert(key, (file, redacted));
        }
        let Some((file, redacted)) = self.sources.get(&key) else { return };
        let start = redacted.start(location.offset);
        let end = redacted.end(location.offset + location.length).max(start);
        location.offset = start;
        location.length = end - start;
        location.source = Arc::clone(file);
    }
}
