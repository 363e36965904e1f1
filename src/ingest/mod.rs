//! Reads a tenant's exports into the canonical document: decode bytes (BOM, UTF-16), parse
//! JSON, recognize the export by content, normalize through the canonical schema, and
//! assemble one document with provenance.

mod areas;
mod assemble;
mod collection;
mod dates;
mod decode;
mod detect;
mod envelope;
mod export;
mod files;
mod identity;
mod normalize;
mod paging;
mod parse;
mod problem;
mod provenance;
pub mod schema;
mod tenant;

use std::path::Path;
use std::sync::Arc;

pub use collection::Collection;
pub use decode::decode;
pub use detect::read_export;
pub use export::{Contribution, FileExport};
pub use files::TENANT_CONFIG;
pub use parse::parse;
pub use problem::IngestCode;
pub use provenance::{Locator, Origin, Provenance, Resolved};
pub use tenant::Tenant;

use crate::model::{Problem, SourceFile};

/// Reads every export of one tenant (a file, or a directory of files). Any file that cannot be
/// trusted rejects the tenant: the problems of every file are returned, not just the first.
pub fn load_tenant(path: &Path) -> Result<Tenant, Vec<Problem>> {
    let files = files::tenant_files(path).map_err(|problem| vec![problem])?;
    let mut sources = Vec::with_capacity(files.len());
    let mut contributions = Vec::with_capacity(files.len());
    let mut identities = Vec::with_capacity(files.len());
    let mut pages = Vec::with_capacity(files.len());
    let mut warnings = Vec::new();
    let mut problems = Vec::new();
    for file in &files {
        match read_file(file) {
            Ok((source, export)) => {
                sources.push(source);
                contributions.push(export.contributions);
                identities.push(export.tenant);
                pages.push(export.pages);
                warnings.extend(export.warnings);
            }
            Err(found) => problems.extend(found),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let name = tenant_name(path);
    let assembled = assemble::assemble(&name, &sources, contributions, &identities, &pages)?;
    warnings.extend(assembled.warnings);
    Ok(Tenant {
        name,
        path: path.display().to_string(),
        sources,
        document: assembled.document,
        provenance: assembled.provenance,
        areas: assembled.areas,
        warnings,
    })
}

fn read_file(path: &Path) -> Result<(Arc<SourceFile>, export::FileExport), Vec<Problem>> {
    let display = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|error| {
        vec![problem::file_problem(IngestCode::Unreadable, &display, format!("cannot read {display}: {error}"))]
    })?;
    let source = decode::decode(&display, &bytes).map_err(|problem| vec![problem])?;
    let root = parse::parse(&source).map_err(|problem| vec![problem])?;
    let export = detect::read_export(&source, root)?;
    Ok((source, export))
}

fn tenant_name(path: &Path) -> String {
    let name = if path.is_dir() { path.file_name() } else { path.file_stem() };
    name.map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned())
}
