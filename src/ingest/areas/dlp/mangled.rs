//! ScubaGear 1.1 and earlier post-processed its Defender export with `.replace('\"', "'")`
//! and `.replace('\', '')`. A JSON document held in a string (a DLP rule's `AdvancedRule`)
//! therefore arrives with single-quoted strings, `rn` where its line breaks were, and `u0027`
//! where Windows PowerShell had escaped `'` (likewise `u003c`, `u003e`, `u0026`). This reads
//! such text back into a JSON value.
//!
//! What cannot come back: a `"` or `\` that a text value held (both were turned into
//! something else or deleted), and line breaks inside text values (they read as `rn`). Text
//! with a `'` inside a value cannot be read at all: the value would end early, and the
//! reader reports an error instead of guessing.

use serde_json::{Map, Number, Value};

/// How deep the repaired document may nest (AdvancedRule documents nest a handful of levels).
const MAX_DEPTH: usize = 64;

/// PowerShell's escapes that lost their backslash, and the characters they stood for.
const LOST_ESCAPES: [(&str, &str); 4] = [("u0027", "'"), ("u003c", "<"), ("u003e", ">"), ("u0026", "&")];

/// Whether `text` has the shape of ScubaGear's mangled JSON: a document that uses single
/// quotes and holds no double quote or backslash at all.
pub fn looks_mangled(text: &str) -> bool {
    let start = text.trim_start();
    (start.starts_with('{') || start.starts_with('['))
        && text.contains('\'')
        && !text.contains('"')
        && !text.contains('\\')
}

/// Reads mangled JSON, or says where it stops making sense.
pub fn repair(text: &str) -> Result<Value, String> {
    let mut reader = Reader { text, position: 0 };
    let value = reader.value(0)?;
    reader.skip_space();
    if reader.position < text.len() {
        return Err(reader.error("unexpected text after the document"));
    }
    Ok(value)
}

struct Reader<'a> {
    text: &'a str,
    /// Byte offset of the next unread character.
    position: usize,
}

impl Reader<'_> {
    fn rest(&self) -> &str {
        &self.text[self.position..]
    }

    /// Skips whitespace, including the `rn` left of each `\r\n`. No value starts with `r`,
    /// so between tokens `rn` is never part of a value.
    fn skip_space(&mut self) {
        loop {
            let rest = self.rest();
            if rest.starts_with("rn") {
                self.position += 2;
            } else if let Some(c) = rest.chars().next().filter(|c| c.is_whitespace()) {
                self.position += c.len_utf8();
            } else {
                return;
            }
        }
    }

    fn error(&self, what: &str) -> String {
        let character = self.text[..self.position].chars().count() + 1;
        format!("{what} at character {character}")
    }

    fn expect(&mut self, token: char) -> Result<(), String> {
        self.skip_space();
        if self.rest().starts_with(token) {
            self.position += token.len_utf8();
            Ok(())
        } else if self.rest().is_empty() {
            Err(self.error(&format!("the document ends where `{token}` was expected")))
        } else {
            Err(self.error(&format!("expected `{token}`")))
        }
    }

    /// Consumes `token` if it comes next.
    fn accept(&mut self, token: char) -> bool {
        self.skip_space();
        let found = self.rest().starts_with(token);
        if found {
            self.position += token.len_utf8();
        }
        found
    }

    fn value(&mut self, depth: usize) -> Result<Value, String> {
        if depth > MAX_DEPTH {
            return Err(self.error("the document nests too deeply"));
        }
        self.skip_space();
        match self.rest().chars().next() {
            Some('{') => self.object(depth),
            Some('[') => self.array(depth),
            Some('\'') => self.string().map(Value::String),
            Some('t') => self.literal("true", Value::Bool(true)),
            Some('f') => self.literal("false", Value::Bool(false)),
            Some('n') => self.literal("null", Value::Null),
            Some(c) if c == '-' || c.is_ascii_digit() => self.number(),
            Some(_) => Err(self.error("expected a value")),
            None => Err(self.error("the document ends early")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, String> {
        self.expect('{')?;
        let mut map = Map::new();
        if self.accept('}') {
            return Ok(Value::Object(map));
        }
        loop {
            self.skip_space();
            if !self.rest().starts_with('\'') {
                return Err(self.error("expected a quoted key"));
            }
            let key = self.string()?;
            self.expect(':')?;
            let value = self.value(depth + 1)?;
            map.insert(key, value);
            if self.accept('}') {
                return Ok(Value::Object(map));
            }
            self.expect(',')?;
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, String> {
        self.expect('[')?;
        let mut items = Vec::new();
        if self.accept(']') {
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            if self.accept(']') {
                return Ok(Value::Array(items));
            }
            self.expect(',')?;
        }
    }

    /// A single-quoted string; it ends at the next `'` (the mangling left no way to escape one).
    fn string(&mut self) -> Result<String, String> {
        let Some(length) = self.rest()[1..].find('\'') else {
            return Err(self.error("a quoted text does not end"));
        };
        let mut text = self.rest()[1..=length].to_owned();
        self.position += length + 2;
        for (escape, character) in LOST_ESCAPES {
            text = text.replace(escape, character);
        }
        Ok(text)
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, String> {
        if self.rest().starts_with(word) {
            self.position += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn number(&mut self) -> Result<Value, String> {
        let length = self
            .rest()
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E')))
            .unwrap_or(self.rest().len());
        let number: Number =
            serde_json::from_str(&self.rest()[..length]).map_err(|_| self.error("expected a number"))?;
        self.position += length;
        Ok(Value::Number(number))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_what_scubagear_1_1_wrote() {
        let text = "{rn  'Version': '1.0',rn  'Condition': {rn    'Operator': 'And',rn    'SubConditions': [rn      {rn        'ConditionName': 'ContentContainsSensitiveInformation',rn        'Value': [rn          {rn            'Groups': [rn              {rn                'Name': 'Internal u0026 Modern',rn                'Operator': 'Or',rn                'Sensitivetypes': [rn                  {rn                    'Name': 'Australia Driveru0027s Licence Number',rn                    'Mincount': 1,rn                    'Maxcount': -1,rn                    'Minconfidence': 85,rn                    'Maxconfidence': 100,rn                    'Enabled': true,rn                    'Unused': nullrn                  }rn                ]rn              }rn            ],rn            'Operator': 'And'rn          }rn        ]rn      }rn    ]rn  }rn}";
        assert!(looks_mangled(text));
        assert_eq!(
            repair(text).unwrap(),
            json!({"Version": "1.0", "Condition": {"Operator": "And", "SubConditions": [
                {"ConditionName": "ContentContainsSensitiveInformation", "Value": [
                    {"Groups": [{"Name": "Internal & Modern", "Operator": "Or", "Sensitivetypes": [
                        {"Name": "Australia Driver's Licence Number", "Mincount": 1, "Maxcount": -1,
                         "Minconfidence": 85, "Maxconfidence": 100, "Enabled": true, "Unused": null}
                    ]}], "Operator": "And"}
                ]}
            ]}})
        );
    }

    #[test]
    fn rn_inside_text_is_text() {
        assert_eq!(repair("{'Name': 'Modern Internal'}").unwrap(), json!({"Name": "Modern Internal"}));
    }

    #[test]
    fn json_and_other_text_do_not_look_mangled() {
        assert!(!looks_mangled("{\"Version\": \"1.0\"}"));
        assert!(!looks_mangled("Version 1.0, 'And'"));
        assert!(!looks_mangled("{'Pattern': '\\d{3}'}"));
    }

    #[test]
    fn broken_text_is_an_error_with_its_place() {
        assert_eq!(repair("{'Name': 'Driver's Licence'}").unwrap_err(), "expected `,` at character 18");
        assert_eq!(repair("{'Name': 'Open").unwrap_err(), "a quoted text does not end at character 10");
        assert_eq!(repair("{'Count': 1} extra").unwrap_err(), "unexpected text after the document at character 14");
        assert_eq!(repair("{'Count': one}").unwrap_err(), "expected a value at character 11");
    }
}
