//! File formats: RabbitMQ definitions JSON, headless AMQP scripts and scenario files in and
//! out, and two exports: `rabbitmqadmin` commands and AsyncAPI 3.0 documents.
//! The serde types live here; the engine types stay free of format concerns.
//!
//! Every format reads its text through [`parse_json`], which refuses what JSON parsers
//! silently accept or word badly (a byte-order mark, a key twice in one object), and words
//! serde's complaints for a user through [`plain_message`].

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

pub mod asyncapi;
pub mod definitions;
pub mod rabbitmqadmin;
pub(crate) mod read;
pub mod scenario;
pub mod script;

/// A problem found in a file, or something in it the simulation does not act on, with the
/// JSON path it concerns.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[error("{path}: {message}")]
pub struct Diagnostic {
    pub path: String,
    pub message: String,
}

impl Diagnostic {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic { path: path.into(), message: message.into() }
    }

    /// The same problem, placed inside `source` (a file's name, "share link"): its path
    /// becomes `source: path`, or just `source` for a problem with the whole document.
    pub fn within(self, source: &str) -> Diagnostic {
        let path = if self.path.is_empty() { source.to_string() } else { format!("{source}: {}", self.path) };
        Diagnostic { path, message: self.message }
    }
}

/// The largest file Kaiten opens, in the browser and the CLI alike; checked before the
/// file is read whole or parsed, so a huge file is refused at once instead of freezing.
pub const MAX_FILE_BYTES: usize = 16 << 20;

/// The most exchanges, queues, bindings or actors one scenario (a file opened in the
/// browser, or run by the CLI) may hold: checked before any is declared, drawn or run, so a
/// small file listing a hundred thousand queues is refused at once instead of freezing the
/// page. Headless scripts (`kaiten amqp`, `verify`) read larger definitions.
pub const MAX_ENTRIES: usize = 10_000;

/// The problem with the list at `path`, if it has more than [`MAX_ENTRIES`] entries.
pub(crate) fn too_many_entries(path: &str, entries: &[Value]) -> Option<Diagnostic> {
    (entries.len() > MAX_ENTRIES).then(|| {
        Diagnostic::new(
            path,
            format!("{} entries are more than {MAX_ENTRIES}, the most Kaiten opens in one file", entries.len()),
        )
    })
}

/// The problem with a file of `n_bytes` bytes, if it is larger than [`MAX_FILE_BYTES`].
pub fn check_size(n_bytes: u64) -> Result<(), Diagnostic> {
    if n_bytes > MAX_FILE_BYTES as u64 {
        return Err(Diagnostic::new(
            "",
            format!("the file is larger than {} MiB, the most Kaiten opens", MAX_FILE_BYTES >> 20),
        ));
    }
    Ok(())
}

/// A file's bytes as text: refused when larger than [`MAX_FILE_BYTES`] or not UTF-8, with
/// the offset of the first bad byte. (A byte-order mark is refused by [`parse_json`].)
pub fn file_text(bytes: &[u8]) -> Result<&str, Diagnostic> {
    check_size(bytes.len() as u64)?;
    std::str::from_utf8(bytes).map_err(|error| {
        Diagnostic::new(
            "",
            format!("the file is not UTF-8 text (invalid byte at offset {}); save it as UTF-8", error.valid_up_to()),
        )
    })
}

/// Parses a JSON document, refusing a byte-order mark and duplicate keys (which
/// `serde_json` would silently resolve as last-wins), with the JSON path of the problem.
pub fn parse_json(text: &str) -> Result<Value, Diagnostic> {
    if text.starts_with('\u{feff}') {
        return Err(Diagnostic::new(
            "",
            "the file starts with a byte-order mark (U+FEFF); save it as UTF-8 without a BOM",
        ));
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let mut duplicate = None;
    let parsed = Checked { path: &JsonPath::Root, duplicate: &mut duplicate }.deserialize(&mut deserializer);
    if let Some((path, key)) = duplicate {
        return Err(Diagnostic::new(path, format!("the key \"{key}\" appears twice in this object")));
    }
    let value = parsed.map_err(|error| Diagnostic::new("", syntax_message(&error)))?;
    deserializer.end().map_err(|error| Diagnostic::new("", syntax_message(&error)))?;
    Ok(value)
}

fn syntax_message(error: &serde_json::Error) -> String {
    let (line, column) = (error.line(), error.column());
    if error.is_eof() {
        format!("the JSON ends too early (line {line} column {column})")
    } else if error.to_string().starts_with("recursion limit exceeded") {
        format!("the JSON nests arrays and objects too deeply, more than 127 levels (line {line} column {column})")
    } else {
        format!("not valid JSON: {error}")
    }
}

/// Where a value sits in the document, as a chain to the root: rendered only when a
/// problem is found, so reading costs no string per value.
enum JsonPath<'a> {
    Root,
    Key(&'a JsonPath<'a>, &'a str),
    Index(&'a JsonPath<'a>, usize),
}

impl JsonPath<'_> {
    fn render(&self) -> String {
        match self {
            JsonPath::Root => String::new(),
            JsonPath::Key(parent, key) => match parent.render() {
                parent if parent.is_empty() => key.to_string(),
                parent => format!("{parent}.{key}"),
            },
            JsonPath::Index(parent, idx) => format!("{}[{idx}]", parent.render()),
        }
    }
}

/// Reads a JSON value, recording the first key that appears twice in one object (and
/// stopping there), with the path of that object.
struct Checked<'a> {
    path: &'a JsonPath<'a>,
    duplicate: &'a mut Option<(String, String)>,
}

impl<'de> DeserializeSeed<'de> for Checked<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Checked<'_> {
    type Value = Value;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }
    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::from(value))
    }
    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::from(value))
    }
    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_string()))
    }
    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let path = JsonPath::Index(self.path, items.len());
            match seq.next_element_seed(Checked { path: &path, duplicate: &mut *self.duplicate })? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if members.contains_key(&key) {
                *self.duplicate = Some((self.path.render(), key));
                return Err(de::Error::custom("duplicate key"));
            }
            let path = JsonPath::Key(self.path, &key);
            let member = map.next_value_seed(Checked { path: &path, duplicate: &mut *self.duplicate })?;
            members.insert(key, member);
        }
        Ok(Value::Object(members))
    }
}

/// Serde's message about a value, in words a user understands: "expected u8" becomes
/// "expected a whole number from 0 to 255", backquotes become quotes, "struct X" goes.
pub fn plain_message(message: &str) -> String {
    let mut text = message.to_string();
    for (rust, words) in [
        ("expected u8", "expected a whole number from 0 to 255"),
        ("expected u16", "expected a whole number from 0 to 65535"),
        ("expected u32", "expected a whole number from 0 to 4294967295"),
        ("expected u64", "expected a whole number from 0 to 18446744073709551615"),
        ("expected i64", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected a string", "expected a string (in double quotes)"),
        ("expected a boolean", "expected true or false"),
        ("expected a sequence", "expected an array ([...])"),
        ("expected a map", "expected an object ({...})"),
    ] {
        if let Some(at) = text.find(rust)
            && !text[at + rust.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
        {
            text.replace_range(at..at + rust.len(), words);
        }
    }
    if let Some(at) = text.find("expected struct ") {
        text.replace_range(at.., "expected an object ({...})");
    }
    if let Some(at) = text.find("expected internally tagged enum") {
        text.replace_range(at.., "expected an object ({...}) with a \"kind\"");
    }
    let rest = text.strip_prefix("invalid type: ").or_else(|| text.strip_prefix("invalid value: "));
    // "invalid type: integer `300`, expected ..." -> "expected ..., got 300"
    if let Some((got, expected)) = rest.and_then(|rest| rest.split_once(", expected ")) {
        text = format!("expected {expected}, got {}", got_words(got));
    }
    text.replace('`', "'")
}

/// "integer `300`" -> "300"; "string \"x\"" -> "the string \"x\""; "map" -> "an object".
fn got_words(got: &str) -> String {
    let value = got.split_once(' ').map(|(_, value)| value.trim_matches('`'));
    match (got.split(' ').next().unwrap_or_default(), value) {
        ("integer" | "floating", Some(value)) => {
            value.strip_prefix("point ").map_or(value, |value| value.trim_matches('`')).to_string()
        }
        ("string", Some(value)) => format!("the string {value}"),
        ("boolean", Some(value)) => value.to_string(),
        ("map", _) => "an object".into(),
        ("sequence", _) => "an array".into(),
        ("null", _) | ("unit", _) => "null".into(),
        _ => got.to_string(),
    }
}

/// What kind of JSON value this is, in words (for "expected an array, got a string").
pub(crate) fn kind_of(value: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_and_duplicate_keys_are_refused_with_their_place() {
        let bom = parse_json("\u{feff}{}").unwrap_err();
        assert!(bom.message.contains("byte-order mark"), "{bom}");
        let twice = parse_json(r#"{"actors": [{"kind": "producer"}, {"name": "a", "name": "b"}]}"#).unwrap_err();
        assert_eq!(twice.to_string(), "actors[1]: the key \"name\" appears twice in this object");
        let top = parse_json(r#"{"a": 1, "a": 2}"#).unwrap_err();
        assert_eq!(top.to_string(), ": the key \"a\" appears twice in this object");
        assert!(parse_json("[1, {\"a\": {\"b\": [true]}}]").is_ok());
        assert!(parse_json("{").unwrap_err().message.starts_with("the JSON ends too early"));
        assert!(parse_json("{} x").unwrap_err().message.starts_with("not valid JSON"));
    }

    #[test]
    fn deeply_nested_json_is_refused_not_a_stack_overflow() {
        let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let error = parse_json(&nested).unwrap_err();
        assert!(error.message.starts_with("the JSON nests arrays and objects too deeply"), "{error}");
    }

    #[test]
    fn serde_messages_in_plain_words() {
        assert_eq!(
            plain_message("invalid value: integer `300`, expected u8"),
            "expected a whole number from 0 to 255, got 300"
        );
        assert_eq!(
            plain_message("invalid type: string \"x\", expected u32"),
            "expected a whole number from 0 to 4294967295, got the string \"x\""
        );
        assert_eq!(
            plain_message("invalid type: sequence, expected struct Scenario with 10 elements"),
            "expected an object ({...}), got an array"
        );
        assert_eq!(plain_message("missing field `name`"), "missing field 'name'");
        assert_eq!(
            plain_message("invalid type: floating point `1.5`, expected u64"),
            "expected a whole number from 0 to 18446744073709551615, got 1.5"
        );
    }
}
