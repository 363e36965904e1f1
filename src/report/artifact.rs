//! How SARIF and GitHub annotations name an export file: relative to the working directory,
//! which CI tools resolve against the checkout, with `/` separators.

use std::borrow::Cow;
use std::path::Path;

/// The path relative to `base` when it is inside it, else as given; `/`-separated.
pub fn relative_path<'a>(path: &'a str, base: Option<&Path>) -> Cow<'a, str> {
    let inside =
        base.and_then(|base| Path::new(path).strip_prefix(base).ok()).filter(|_| Path::new(path).is_absolute());
    let path: Cow<'a, str> = match inside {
        Some(relative) => Cow::Owned(relative.to_string_lossy().into_owned()),
        None => Cow::Borrowed(path),
    };
    let path = if std::path::MAIN_SEPARATOR == '\\' { Cow::Owned(path.replace('\\', "/")) } else { path };
    match path.strip_prefix("./") {
        Some(rest) => Cow::Owned(rest.to_owned()),
        None => path,
    }
}

/// A URI reference for the file: relative (to the working directory) when the path is,
/// a `file:` URI otherwise. Everything but unreserved characters and `/` is percent-encoded.
pub fn artifact_uri(path: &str, base: Option<&Path>) -> String {
    let path = relative_path(path, base);
    let encoded = percent_encode(&path);
    if Path::new(path.as_ref()).is_absolute() || path.starts_with('/') {
        if encoded.starts_with('/') { format!("file://{encoded}") } else { format!("file:///{encoded}") }
    } else {
        encoded
    }
}

fn percent_encode(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_stay_relative_and_are_encoded() {
        assert_eq!(artifact_uri("./exports/Zürich policies.json", None), "exports/Z%C3%BCrich%20policies.json");
        assert_eq!(artifact_uri("a:b#c%.json", None), "a%3Ab%23c%25.json");
    }

    #[test]
    fn absolute_paths_inside_the_working_directory_become_relative() {
        let base = Path::new("/work/repo");
        assert_eq!(artifact_uri("/work/repo/exports/ca.json", Some(base)), "exports/ca.json");
        assert_eq!(relative_path("/work/repo/exports/ca.json", Some(base)), "exports/ca.json");
    }

    #[test]
    fn absolute_paths_elsewhere_are_file_uris() {
        assert_eq!(artifact_uri("/tmp/x y.json", Some(Path::new("/work/repo"))), "file:///tmp/x%20y.json");
        assert_eq!(relative_path("/tmp/x.json", Some(Path::new("/work/repo"))), "/tmp/x.json");
    }
}
