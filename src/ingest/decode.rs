//! Bytes to text: UTF-8 with or without a byte-order mark, UTF-16LE/BE with a BOM (Windows
//! PowerShell's `Out-File` default) or without one when the content makes it unambiguous.

use std::sync::Arc;

use super::problem::{IngestCode, offset_problem};
use crate::model::{Problem, SourceFile};

pub fn decode(path: &str, bytes: &[u8]) -> Result<Arc<SourceFile>, Problem> {
    let text = match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => utf8(path, rest)?,
        [0xFF, 0xFE, rest @ ..] => utf16(path, rest, encoding_rs::UTF_16LE)?,
        [0xFE, 0xFF, rest @ ..] => utf16(path, rest, encoding_rs::UTF_16BE)?,
        // JSON starts with ASCII; a NUL beside it means UTF-16 without a BOM.
        [first, 0, ..] if *first != 0 && bytes.len() % 2 == 0 => utf16(path, bytes, encoding_rs::UTF_16LE)?,
        [0, second, ..] if *second != 0 && bytes.len() % 2 == 0 => utf16(path, bytes, encoding_rs::UTF_16BE)?,
        _ => utf8(path, bytes)?,
    };
    // A second BOM (e.g. a UTF-8 BOM inside UTF-16) is not content either.
    let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
    Ok(Arc::new(SourceFile::new(path, text)))
}

fn utf8(path: &str, bytes: &[u8]) -> Result<String, Problem> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(error) => {
            let at = error.valid_up_to();
            let byte = bytes.get(at).copied().unwrap_or(0);
            // Show the file as best we can, so the diagnostic can point at the bad byte.
            let lossy = String::from_utf8_lossy(&bytes[..at]).into_owned() + &String::from_utf8_lossy(&bytes[at..]);
            let source = Arc::new(SourceFile::new(path, lossy));
            let (line, column) = source.line_column(at);
            Err(offset_problem(
                IngestCode::NotUtf8,
                &source,
                at,
                format!("{path} is not valid UTF-8: byte 0x{byte:02X} at line {line}, column {column}"),
                "not UTF-8",
            ))
        }
    }
}

/// UTF-16 in the byte order of `encoding` (`UTF_16LE` or `UTF_16BE`). When it is not valid
/// UTF-16, the code units are read again by hand to locate the first invalid one.
fn utf16(path: &str, bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> Result<String, Problem> {
    if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok(text.into_owned());
    }
    let unit = if encoding == encoding_rs::UTF_16BE { u16::from_be_bytes } else { u16::from_le_bytes };
    let source_of = |text: String| Arc::new(SourceFile::new(path, text));
    if bytes.len() % 2 != 0 {
        let text = String::from_utf16_lossy(&units(bytes, unit));
        let source = source_of(text);
        let end = source.text.len();
        return Err(offset_problem(
            IngestCode::NotUtf16,
            &source,
            end,
            format!("{path} is not valid UTF-16: it has an odd number of bytes (truncated?)"),
            "file ends mid-character",
        ));
    }
    let units = units(bytes, unit);
    let mut text = String::with_capacity(units.len());
    for decoded in char::decode_utf16(units.iter().copied()) {
        match decoded {
            Ok(c) => text.push(c),
            Err(error) => {
                let at = text.len();
                text.push_str(&String::from_utf16_lossy(&units[text.encode_utf16().count()..]));
                let source = source_of(text);
                let (line, column) = source.line_column(at);
                return Err(offset_problem(
                    IngestCode::NotUtf16,
                    &source,
                    at,
                    format!(
                        "{path} is not valid UTF-16: unpaired surrogate 0x{:04X} at line {line}, column {column}",
                        error.unpaired_surrogate()
                    ),
                    "invalid UTF-16",
                ));
            }
        }
    }
    Ok(text)
}

fn units(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Vec<u16> {
    bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut bytes = if bom { vec![0xFF, 0xFE] } else { vec![] };
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    }

    #[test]
    fn decodes_every_encoding() {
        let text = "{\"displayName\": \"Zürich – MFA\"}";
        assert_eq!(decode("f", text.as_bytes()).unwrap().text, text);
        assert_eq!(decode("f", &[b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()).unwrap().text, text);
        assert_eq!(decode("f", &utf16le(text, true)).unwrap().text, text);
        assert_eq!(decode("f", &utf16le(text, false)).unwrap().text, text);
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode("f", &be).unwrap().text, text);
    }

    #[test]
    fn invalid_utf8_points_at_the_byte() {
        let problem = decode("bad.json", b"{\n  \"a\": \"\xFF\"\n}").unwrap_err();
        let location = problem.location.unwrap();
        assert_eq!((location.line, location.column), (2, 9));
        assert!(problem.message.contains("0xFF"), "{}", problem.message);
    }

    #[test]
    fn an_unpaired_surrogate_is_located_in_either_byte_order() {
        let units: Vec<u16> = "{\n  \"a\": \"".encode_utf16().chain([0xD800]).chain("\"\n}".encode_utf16()).collect();
        for (bytes, order) in [
            (units.iter().flat_map(|u| u.to_le_bytes()).collect::<Vec<u8>>(), "LE"),
            (units.iter().flat_map(|u| u.to_be_bytes()).collect::<Vec<u8>>(), "BE"),
        ] {
            let problem = decode("bad.json", &bytes).unwrap_err();
            assert_eq!(problem.code, "m365lint::ingest::not_utf16", "{order}");
            assert!(
                problem.message.contains("unpaired surrogate 0xD800 at line 2, column 9"),
                "{order}: {}",
                problem.message
            );
        }
    }

    #[test]
    fn truncated_utf16_is_rejected() {
        let mut bytes = utf16le("{}", true);
        bytes.push(0x20);
        assert_eq!(decode("f", &bytes).unwrap_err().code, "m365lint::ingest::not_utf16");
    }
}
