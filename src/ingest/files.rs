//! The files of a tenant: the path itself, or every file under a directory.

use std::path::{Path, PathBuf};

use super::problem::{IngestCode, file_problem};
use crate::model::Problem;

/// A tenant directory may hold its own configuration; it is not an export.
pub const TENANT_CONFIG: &str = "m365lint.toml";

/// The export files of a tenant, sorted by path. Hidden files and the tenant's own
/// `m365lint.toml` are skipped; everything else must be an export.
pub fn tenant_files(path: &Path) -> Result<Vec<PathBuf>, Problem> {
    let display = path.display().to_string();
    let metadata = std::fs::metadata(path)
        .map_err(|error| file_problem(IngestCode::Unreadable, &display, format!("cannot read {display}: {error}")))?;
    if metadata.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    collect(path, &mut files)?;
    if files.is_empty() {
        return Err(file_problem(IngestCode::NoFiles, &display, format!("{display} holds no export files")));
    }
    files.sort();
    Ok(files)
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), Problem> {
    let display = dir.display().to_string();
    let unreadable = |error: std::io::Error| {
        file_problem(IngestCode::Unreadable, &display, format!("cannot read {display}: {error}"))
    };
    for entry in std::fs::read_dir(dir).map_err(unreadable)? {
        let entry = entry.map_err(unreadable)?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == TENANT_CONFIG {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files)?;
        } else if path.is_file() {
            files.push(path);
        } else {
            // A FIFO or a device would block or never end; a dangling symlink cannot be read.
            // Either way the tenant is not whole: say so rather than hang or skip it.
            let shown = path.display().to_string();
            let what = if path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) {
                "a symbolic link to nothing"
            } else {
                "not a regular file"
            };
            return Err(file_problem(IngestCode::Unreadable, &shown, format!("cannot read {shown}: it is {what}")));
        }
    }
    Ok(())
}
