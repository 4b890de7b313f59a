//! File formats: RabbitMQ definitions JSON, headless AMQP scripts and scenario files in and
//! out, and two exports: `rabbitmqadmin` commands and AsyncAPI 3.0 documents.
//! The serde types live here; the engine types stay free of format concerns.
//!
//! Every format reads its text through [`parse_json`], which refuses what JSON parsers
//! silently accept or word badly (a byte-order mark, a key twice in one object). Problems are
//! data ([`Problem`]), never words: `explain::problems` words them in the user's language.

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

pub(crate) mod actors;
pub mod asyncapi;
pub mod definitions;
pub mod problem;
pub mod rabbitmqadmin;
pub(crate) mod read;
pub mod scenario;
pub mod script;
pub mod suggest;

pub use problem::{Expected, Got, JsonKind, Problem};

/// A problem found in a file, or something in it the simulation does not act on, with the
/// JSON path it concerns. It has no words of its own: `explain::problem` says it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub path: String,
    pub problem: Problem,
}

impl Diagnostic {
    pub fn new(path: impl Into<String>, problem: Problem) -> Diagnostic {
        Diagnostic { path: path.into(), problem }
    }

    /// The same problem at another path.
    pub fn at(self, path: impl Into<String>) -> Diagnostic {
        Diagnostic { path: path.into(), problem: self.problem }
    }

    /// The same problem, placed inside `source` (a file's name, "share link"): its path
    /// becomes `source: path`, or just `source` for a problem with the whole document.
    pub fn within(self, source: &str) -> Diagnostic {
        let path = if self.path.is_empty() { source.to_string() } else { format!("{source}: {}", self.path) };
        Diagnostic { path, problem: self.problem }
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
        Diagnostic::new(path, Problem::TooManyEntries { entries: entries.len() as u64, max: MAX_ENTRIES as u64 })
    })
}

/// The problem with a file of `n_bytes` bytes, if it is larger than [`MAX_FILE_BYTES`].
pub fn check_size(n_bytes: u64) -> Result<(), Diagnostic> {
    if n_bytes > MAX_FILE_BYTES as u64 {
        return Err(Diagnostic::new("", Problem::FileTooLarge { max_mib: (MAX_FILE_BYTES >> 20) as u64 }));
    }
    Ok(())
}

/// A file's bytes as text: refused when larger than [`MAX_FILE_BYTES`] or not UTF-8, with
/// the offset of the first bad byte. (A byte-order mark is refused by [`parse_json`].)
pub fn file_text(bytes: &[u8]) -> Result<&str, Diagnostic> {
    check_size(bytes.len() as u64)?;
    std::str::from_utf8(bytes)
        .map_err(|error| Diagnostic::new("", Problem::NotUtf8 { offset: error.valid_up_to() as u64 }))
}

/// Parses a JSON document, refusing a byte-order mark and duplicate keys (which
/// `serde_json` would silently resolve as last-wins), with the JSON path of the problem.
pub fn parse_json(text: &str) -> Result<Value, Diagnostic> {
    if text.starts_with('\u{feff}') {
        return Err(Diagnostic::new("", Problem::ByteOrderMark));
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let mut duplicate = None;
    let parsed = Checked { path: &JsonPath::Root, duplicate: &mut duplicate }.deserialize(&mut deserializer);
    if let Some((path, key)) = duplicate {
        return Err(Diagnostic::new(path, Problem::DuplicateKey { key }));
    }
    let value = parsed.map_err(|error| Diagnostic::new("", syntax_problem(&error)))?;
    deserializer.end().map_err(|error| Diagnostic::new("", syntax_problem(&error)))?;
    Ok(value)
}

fn syntax_problem(error: &serde_json::Error) -> Problem {
    let (line, column) = (error.line() as u64, error.column() as u64);
    let text = error.to_string();
    if error.is_eof() {
        Problem::JsonEndsEarly { line, column }
    } else if text.starts_with("recursion limit exceeded") {
        Problem::JsonTooDeep { line, column }
    } else {
        // serde_json's words end with " at line L column C"; the place is kept as numbers.
        let place = format!(" at line {line} column {column}");
        let error = text.strip_suffix(&place).unwrap_or(&text).to_string();
        Problem::InvalidJson { error, line, column }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_and_duplicate_keys_are_refused_with_their_place() {
        assert_eq!(parse_json("\u{feff}{}").unwrap_err().problem, Problem::ByteOrderMark);
        let twice = parse_json(r#"{"actors": [{"kind": "producer"}, {"name": "a", "name": "b"}]}"#).unwrap_err();
        assert_eq!(twice, Diagnostic::new("actors[1]", Problem::DuplicateKey { key: "name".into() }));
        let top = parse_json(r#"{"a": 1, "a": 2}"#).unwrap_err();
        assert_eq!(top, Diagnostic::new("", Problem::DuplicateKey { key: "a".into() }));
        assert!(parse_json("[1, {\"a\": {\"b\": [true]}}]").is_ok());
        assert_eq!(parse_json("{").unwrap_err().problem, Problem::JsonEndsEarly { line: 1, column: 1 });
        assert_eq!(
            parse_json("{} x").unwrap_err().problem,
            Problem::InvalidJson { error: "trailing characters".into(), line: 1, column: 4 }
        );
    }

    #[test]
    fn deeply_nested_json_is_refused_not_a_stack_overflow() {
        let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let error = parse_json(&nested).unwrap_err();
        assert!(matches!(error.problem, Problem::JsonTooDeep { .. }), "{error:?}");
    }

    #[test]
    fn serde_complaints_are_data() {
        let read_u8 = |value| read::read::<u8>(&value).unwrap_err().problem;
        assert_eq!(
            read_u8(serde_json::json!(300)),
            Problem::WrongType { expected: Expected::U8, got: Got::Number("300".into()) }
        );
        assert_eq!(
            read_u8(serde_json::json!(1.5)),
            Problem::WrongType { expected: Expected::U8, got: Got::Number("1.5".into()) }
        );
        assert_eq!(
            read_u8(serde_json::json!("x")),
            Problem::WrongType { expected: Expected::U8, got: Got::String("x".into()) }
        );
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code, reason = "read only to be refused")]
        struct Named {
            name: String,
        }
        // A struct is read from an object only (serde_json would also take an array).
        assert_eq!(
            read::read::<Named>(&serde_json::json!(["x"])).unwrap_err().problem,
            Problem::WrongType { expected: Expected::Object, got: Got::Array }
        );
        assert_eq!(
            read::read::<Named>(&serde_json::json!({})).unwrap_err().problem,
            Problem::MissingField { field: "name".into() }
        );
        assert_eq!(
            read::read::<Named>(&serde_json::json!({"nmae": "x"})).unwrap_err(),
            Diagnostic::new("nmae", Problem::UnknownField { found: "nmae".into(), expected: vec!["name".into()] })
        );
    }
}
