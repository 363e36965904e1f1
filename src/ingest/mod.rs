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
mod limits;
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
pub use limits::{
    ByteSize, DEFAULT_MAX_FILE_SIZE, Limits, MAX_DEPTH, ReadError, parse_size, read_limited, read_text_limited,
};
pub use parse::parse;
pub use problem::IngestCode;
pub use provenance::{Locator, Origin, Provenance, Resolved};
pub use tenant::Tenant;

use crate::model::{Problem, SourceFile};

/// Reads every export of one tenant (a file, or a directory of files) within the default
/// [`Limits`]. Any file that cannot be trusted rejects the tenant: the problems of every file
/// are returned, not just the first.
pub fn load_tenant(path: &Path) -> Result<Tenant, Vec<Problem>> {
    load_tenant_within(path, &Limits::default())
}

/// Reads every export of one tenant, refusing any file larger than the limits allow before
/// reading it (see [`load_tenant`]).
pub fn load_tenant_within(path: &Path, limits: &Limits) -> Result<Tenant, Vec<Problem>> {
    let files = files::tenant_files(path).map_err(|problem| vec![problem])?;
    let mut read = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    for file in &files {
        let display = file.display().to_string();
        match read_limited(file, limits.max_file_size) {
            Ok(bytes) => read.push(FileBytes { path: display, bytes }),
            Err(error @ ReadError::TooLarge { .. }) => problems.push(too_large(&display, &error)),
            Err(error) => problems.push(problem::file_problem(
                IngestCode::Unreadable,
                &display,
                format!("cannot read {display}: {error}"),
            )),
        }
    }
    match read_files(&read) {
        Ok(exports) if problems.is_empty() => assemble_tenant(&tenant_name(path), &path.display().to_string(), exports),
        Ok(_) => Err(problems),
        Err(found) => {
            problems.extend(found);
            Err(problems)
        }
    }
}

/// The problem of a file refused by [`read_limited`] for its size (an export, or a report read
/// in its place).
pub fn too_large(display: &str, error: &ReadError) -> Problem {
    problem::file_problem(IngestCode::TooLarge, display, format!("{display} is too large to read: {error}"))
}

/// One export file's bytes, read into memory, and the path diagnostics name it by.
#[derive(Debug, Clone)]
pub struct FileBytes {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Reads one tenant from export files already in memory: decodes, parses and normalizes each,
/// then assembles the tenant. `name` is the tenant's name in reports; `path` where it came from.
pub fn read_tenant(name: &str, path: &str, files: &[FileBytes]) -> Result<Tenant, Vec<Problem>> {
    assemble_tenant(name, path, read_files(files)?)
}

/// Decodes, parses and reads every file; the problems of every file, not just the first.
/// Files are read in parallel (a lone tenant's files are most of a `check`'s reading time);
/// the order of exports and problems is the order of `files`.
fn read_files(files: &[FileBytes]) -> Result<Vec<(Arc<SourceFile>, FileExport)>, Vec<Problem>> {
    use rayon::prelude::*;
    let read: Vec<_> = files.par_iter().map(read_bytes).collect();
    let mut exports = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    for file in read {
        match file {
            Ok(export) => exports.push(export),
            Err(found) => problems.extend(found),
        }
    }
    if problems.is_empty() { Ok(exports) } else { Err(problems) }
}

/// Assembles one tenant from its files, each decoded ([`decode`]), parsed ([`parse`]) and read
/// ([`read_export`]): merges collections, checks pages and conflicts, records provenance.
pub fn assemble_tenant(
    name: &str,
    path: &str,
    exports: Vec<(Arc<SourceFile>, FileExport)>,
) -> Result<Tenant, Vec<Problem>> {
    let mut sources = Vec::with_capacity(exports.len());
    let mut contributions = Vec::with_capacity(exports.len());
    let mut identities = Vec::with_capacity(exports.len());
    let mut pages = Vec::with_capacity(exports.len());
    let mut warnings = Vec::new();
    for (source, export) in exports {
        sources.push(source);
        contributions.push(export.contributions);
        identities.push(export.tenant);
        pages.push(export.pages);
        warnings.extend(export.warnings);
    }
    let assembled = assemble::assemble(name, &sources, contributions, &identities, &pages)?;
    warnings.extend(assembled.warnings);
    Ok(Tenant {
        name: name.to_owned(),
        path: path.to_owned(),
        sources,
        document: assembled.document,
        provenance: assembled.provenance,
        areas: assembled.areas,
        warnings,
    })
}

fn read_bytes(file: &FileBytes) -> Result<(Arc<SourceFile>, FileExport), Vec<Problem>> {
    let source = decode::decode(&file.path, &file.bytes).map_err(|problem| vec![problem])?;
    let root = parse::parse(&source).map_err(|problem| vec![problem])?;
    let export = detect::read_export(&source, root)?;
    Ok((source, export))
}

fn tenant_name(path: &Path) -> String {
    let name = if path.is_dir() { path.file_name() } else { path.file_stem() };
    name.map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned())
}
