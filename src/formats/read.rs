//! Reads a typed value out of a parsed JSON document and says where the first problem is
//! (`actors[0].failure.probability`), so every file error names its JSON path.
//!
//! This is a small serde `Deserializer` over `&serde_json::Value` that remembers its place.
//! It replaces `serde_path_to_error`, which wraps another deserializer: that second layer
//! was compiled again for every type read and cost the browser bundle about 6.6 KB gzipped.
//! It reads exactly as `serde_json`'s own `&Value` deserializer does (same visits), and names
//! the place as `serde_path_to_error` did: the innermost value, key or enum variant at which
//! serde reported the problem. Its error type keeps serde's complaint as a [`Problem`] (what
//! was expected, what was found, the unknown field and the known ones), not as words.

use std::cell::RefCell;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use serde_json::Value;

use crate::formats::problem::{Expected, Got, Problem};
use crate::formats::{Diagnostic, JsonPath};

/// Reads `T` from `value`, naming the path of the first problem (empty for the value itself).
pub(crate) fn read<T: DeserializeOwned>(value: &Value) -> Result<T, Diagnostic> {
    let failed = RefCell::new(None);
    T::deserialize(At { value, path: &JsonPath::Root, failed: &failed })
        .map_err(|error| Diagnostic::new(failed.into_inner().unwrap_or_default(), error.0))
}

/// What serde would say was found instead of what a reader expected.
pub(crate) fn got(value: &Value) -> Got {
    Got::from_serde(unexpected(value))
}

/// Serde's complaint, as data.
#[derive(Debug)]
pub(crate) struct Error(Problem);

impl std::fmt::Display for Error {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{:?}", self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: std::fmt::Display>(text: T) -> Error {
        Error(Problem::Serde { text: text.to_string() })
    }
    fn invalid_type(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Error {
        Error(Problem::WrongType {
            expected: Expected::from_serde(&expected.to_string()),
            got: Got::from_serde(unexpected),
        })
    }
    fn invalid_value(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Error {
        Error::invalid_type(unexpected, expected)
    }
    fn invalid_length(length: usize, expected: &dyn de::Expected) -> Error {
        Error(Problem::InvalidLength { length: length as u64, expected: Expected::from_serde(&expected.to_string()) })
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Error {
        Error(Problem::UnknownVariant {
            found: variant.to_string(),
            expected: crate::formats::problem::names(expected),
        })
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Error {
        Error(Problem::UnknownField { found: field.to_string(), expected: crate::formats::problem::names(expected) })
    }
    fn missing_field(field: &'static str) -> Error {
        Error(Problem::MissingField { field: field.to_string() })
    }
    fn duplicate_field(field: &'static str) -> Error {
        Error(Problem::DuplicateField { field: field.to_string() })
    }
}

/// One value of the document and where it sits; `failed` keeps the first (innermost) place
/// a problem was reported from.
#[derive(Clone, Copy)]
struct At<'de, 'p> {
    value: &'de Value,
    path: &'p JsonPath<'p>,
    failed: &'p RefCell<Option<String>>,
}

/// Notes `path` as the problem's place unless a deeper one was noted already.
fn note<T>(result: Result<T, Error>, path: &JsonPath<'_>, failed: &RefCell<Option<String>>) -> Result<T, Error> {
    if result.is_err() {
        failed.borrow_mut().get_or_insert_with(|| path.render());
    }
    result
}

/// What serde calls this kind of value in "invalid type" messages.
fn unexpected(value: &Value) -> de::Unexpected<'_> {
    match value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(flag) => de::Unexpected::Bool(*flag),
        Value::Number(number) => match (number.as_u64(), number.as_i64(), number.as_f64()) {
            (Some(unsigned), _, _) => de::Unexpected::Unsigned(unsigned),
            (None, Some(signed), _) => de::Unexpected::Signed(signed),
            (None, None, float) => de::Unexpected::Float(float.unwrap_or(f64::NAN)),
        },
        Value::String(text) => de::Unexpected::Str(text),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

impl<'de> At<'de, '_> {
    fn visit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(flag) => visitor.visit_bool(*flag),
            Value::Number(number) => match (number.as_u64(), number.as_i64(), number.as_f64()) {
                (Some(unsigned), _, _) => visitor.visit_u64(unsigned),
                (None, Some(signed), _) => visitor.visit_i64(signed),
                (None, None, float) => visitor.visit_f64(float.unwrap_or(f64::NAN)),
            },
            Value::String(text) => visitor.visit_borrowed_str(text),
            Value::Array(items) => {
                let mut seq = Items { items: items.iter(), index: 0, path: self.path, failed: self.failed };
                let value = visitor.visit_seq(&mut seq)?;
                match seq.items.len() {
                    0 => Ok(value),
                    _ => Err(de::Error::invalid_length(items.len(), &"fewer elements in array")),
                }
            }
            Value::Object(members) => {
                let mut map = Members { members: members.iter(), value: None, path: self.path, failed: self.failed };
                let value = visitor.visit_map(&mut map)?;
                match map.members.len() {
                    0 => Ok(value),
                    _ => Err(de::Error::invalid_length(members.len(), &"fewer elements in map")),
                }
            }
        }
    }

    /// Says what was found instead of the kind a request takes, as `serde_json` does (a map
    /// type, say, would take `null`).
    fn refuse<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        note(Err(de::Error::invalid_type(unexpected(self.value), &visitor)), self.path, self.failed)
    }

    // The requests below hand the value only to the visitor method its kind calls for, never
    // through `visit`: a derived visitor's other methods (a struct's positional reader, the
    // "invalid type" defaults) then are never called and the compiler leaves them out, for
    // every type read. The visits are `serde_json`'s.

    fn string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::String(text) => note(visitor.visit_borrowed_str(text), self.path, self.failed),
            _ => self.refuse(visitor),
        }
    }

    fn number<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Number(_) => note(self.visit(visitor), self.path, self.failed),
            _ => self.refuse(visitor),
        }
    }

    fn array<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Array(items) => {
                let mut seq = Items { items: items.iter(), index: 0, path: self.path, failed: self.failed };
                let result = visitor.visit_seq(&mut seq).and_then(|value| match seq.items.len() {
                    0 => Ok(value),
                    _ => Err(de::Error::invalid_length(items.len(), &"fewer elements in array")),
                });
                note(result, self.path, self.failed)
            }
            _ => self.refuse(visitor),
        }
    }

    fn object<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Object(members) => {
                let mut map = Members { members: members.iter(), value: None, path: self.path, failed: self.failed };
                let result = visitor.visit_map(&mut map).and_then(|value| match map.members.len() {
                    0 => Ok(value),
                    _ => Err(de::Error::invalid_length(members.len(), &"fewer elements in map")),
                });
                note(result, self.path, self.failed)
            }
            _ => self.refuse(visitor),
        }
    }

    fn enumeration<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let (variant, value) = match self.value {
            Value::Object(members) => {
                let mut iter = members.iter();
                match (iter.next(), iter.next()) {
                    (Some((variant, value)), None) => (variant.as_str(), Some(value)),
                    _ => return Err(de::Error::invalid_value(de::Unexpected::Map, &"map with a single key")),
                }
            }
            Value::String(variant) => (variant.as_str(), None),
            other => return Err(de::Error::invalid_type(unexpected(other), &"string or map")),
        };
        visitor.visit_enum(Variant { variant, value, path: self.path, failed: self.failed })
    }
}

/// Number requests: a number is visited as what it holds (`u64`, `i64` or `f64`).
macro_rules! numbers {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
                self.number(visitor)
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for At<'de, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        note(self.visit(visitor), self.path, self.failed)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        };
        note(result, self.path, self.failed)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        note(self.enumeration(visitor), self.path, self.failed)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        note(visitor.visit_newtype_struct(self), self.path, self.failed)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        note(visitor.visit_unit(), self.path, self.failed)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Bool(flag) => note(visitor.visit_bool(*flag), self.path, self.failed),
            _ => self.refuse(visitor),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.string(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.string(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.string(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.string(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Array(_) => self.array(visitor),
            _ => self.string(visitor),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Array(_) => self.array(visitor),
            _ => self.string(visitor),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => note(visitor.visit_unit(), self.path, self.failed),
            _ => self.refuse(visitor),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.array(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.array(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.array(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.object(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // Only an object: `serde_json` also reads a struct from an array, member by member in
        // declaration order, which no Kaiten file means and which compiled a second reader
        // for every struct into the browser bundle.
        self.object(visitor)
    }

    numbers! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128 deserialize_u8
        deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128 deserialize_f32 deserialize_f64
    }
}

/// The elements of an array, each with its index in the path.
struct Items<'de, 'p> {
    items: std::slice::Iter<'de, Value>,
    index: usize,
    path: &'p JsonPath<'p>,
    failed: &'p RefCell<Option<String>>,
}

impl<'de> de::SeqAccess<'de> for Items<'de, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        let Some(value) = self.items.next() else { return Ok(None) };
        let path = JsonPath::Index(self.path, self.index);
        self.index += 1;
        // Noted here too: a type may refuse what it read after the read succeeded.
        let result = seed.deserialize(At { value, path: &path, failed: self.failed });
        note(result, &path, self.failed).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// The members of an object, each value with its key in the path.
struct Members<'de, 'p> {
    members: serde_json::map::Iter<'de>,
    value: Option<(&'de str, &'de Value)>,
    path: &'p JsonPath<'p>,
    failed: &'p RefCell<Option<String>>,
}

impl<'de> de::MapAccess<'de> for Members<'de, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.members.next() else { return Ok(None) };
        self.value = Some((key, value));
        let result = seed.deserialize(Key(key)).map(Some);
        note(result, &JsonPath::Key(self.path, key), self.failed)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (key, value) = self.value.take().ok_or_else(|| de::Error::custom("value is missing"))?;
        let path = JsonPath::Key(self.path, key);
        note(seed.deserialize(At { value, path: &path, failed: self.failed }), &path, self.failed)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len())
    }
}

/// An object's key, read as `serde_json` reads keys: as a string.
struct Key<'de>(&'de str);

impl<'de> de::Deserializer<'de> for Key<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_borrowed_str(self.0)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let key: de::value::BorrowedStrDeserializer<'de, Error> = de::value::BorrowedStrDeserializer::new(self.0);
        key.deserialize_enum(name, variants, visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// An enum read from a string (a unit variant) or an object with one key (the variant and
/// its content); the content's path ends with the variant's name.
struct Variant<'de, 'p> {
    variant: &'de str,
    value: Option<&'de Value>,
    path: &'p JsonPath<'p>,
    failed: &'p RefCell<Option<String>>,
}

impl<'de, 'p> de::EnumAccess<'de> for Variant<'de, 'p> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let name: de::value::StrDeserializer<'_, Error> = self.variant.into_deserializer();
        let variant = note(seed.deserialize(name), self.path, self.failed)?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'de, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        let path = JsonPath::Key(self.path, self.variant);
        let result = match self.value {
            Some(value) => de::Deserialize::deserialize(At { value, path: &path, failed: self.failed }),
            None => Ok(()),
        };
        note(result, &path, self.failed)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        let path = JsonPath::Key(self.path, self.variant);
        let result = match self.value {
            Some(value) => seed.deserialize(At { value, path: &path, failed: self.failed }),
            None => Err(de::Error::invalid_type(de::Unexpected::UnitVariant, &"newtype variant")),
        };
        note(result, &path, self.failed)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        let path = JsonPath::Key(self.path, self.variant);
        let at = |value| At { value, path: &path, failed: self.failed };
        let result = match self.value {
            Some(Value::Array(items)) if items.is_empty() => visitor.visit_unit(),
            Some(value @ Value::Array(_)) => at(value).visit(visitor),
            Some(other) => Err(de::Error::invalid_type(unexpected(other), &"tuple variant")),
            None => Err(de::Error::invalid_type(de::Unexpected::UnitVariant, &"tuple variant")),
        };
        note(result, &path, self.failed)
    }

    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], visitor: V) -> Result<V::Value, Error> {
        let path = JsonPath::Key(self.path, self.variant);
        let at = |value| At { value, path: &path, failed: self.failed };
        let result = match self.value {
            Some(value @ Value::Object(_)) => at(value).visit(visitor),
            Some(other) => Err(de::Error::invalid_type(unexpected(other), &"struct variant")),
            None => Err(de::Error::invalid_type(de::Unexpected::UnitVariant, &"struct variant")),
        };
        note(result, &path, self.failed)
    }
}

/// An object's members, read one by one as serde's derived reader with
/// `deny_unknown_fields` reads a struct, with the same problems at the same paths (an unknown
/// member is found before a member of the wrong type). Written by hand for lesson steps, goals and
/// edits and for actors' settings: a derived reader for each member set compiled into the
/// browser bundle some 60 KB before wasm-opt for the lessons alone, where these few functions
/// are shared.
pub(crate) struct Fields<'a> {
    path: &'a str,
    members: &'a serde_json::Map<String, Value>,
}

impl<'a> Fields<'a> {
    /// `value`'s members, none of them outside `known`.
    pub(crate) fn of(path: &'a str, value: &'a Value, known: &[&str]) -> Result<Fields<'a>, Diagnostic> {
        let Some(members) = value.as_object() else {
            let problem = Problem::WrongType { expected: Expected::Object, got: got(value) };
            return Err(Diagnostic::new(path, problem));
        };
        if let Some(found) = members.keys().find(|key| !known.contains(&key.as_str())) {
            let expected = crate::formats::problem::names(known);
            return Err(Diagnostic::new(
                Fields::member_path(path, found),
                Problem::UnknownField { found: found.clone(), expected },
            ));
        }
        Ok(Fields { path, members })
    }

    pub(crate) fn member_path(path: &str, name: &str) -> String {
        if path.is_empty() { name.to_string() } else { format!("{path}.{name}") }
    }

    /// A member that must be there.
    pub(crate) fn required<T: serde::de::DeserializeOwned>(&self, name: &str) -> Result<T, Diagnostic> {
        match self.members.get(name) {
            Some(value) => read_at(&Fields::member_path(self.path, name), value),
            None => Err(self.missing(name)),
        }
    }

    /// The problem of a member that must be there and is not.
    pub(crate) fn missing(&self, name: &str) -> Diagnostic {
        Diagnostic::new(self.path, Problem::MissingField { field: name.to_string() })
    }

    /// A member that may be left out, then `default`.
    pub(crate) fn or<T: serde::de::DeserializeOwned>(&self, name: &str, default: T) -> Result<T, Diagnostic> {
        match self.members.get(name) {
            Some(value) => read_at(&Fields::member_path(self.path, name), value),
            None => Ok(default),
        }
    }

    /// A member that may be left out or `null`.
    pub(crate) fn optional<T: serde::de::DeserializeOwned>(&self, name: &str) -> Result<Option<T>, Diagnostic> {
        self.or(name, None)
    }

    /// A member read by a reader of its own (`read` is given the member's path), `None` when
    /// it is left out.
    pub(crate) fn with<T>(&self, name: &str, read: Reader<T>) -> Result<Option<T>, Diagnostic> {
        self.members.get(name).map(|value| read(&Fields::member_path(self.path, name), value)).transpose()
    }

    /// A member that may be left out or `null`, read by a reader of its own.
    pub(crate) fn optional_with<T>(&self, name: &str, read: Reader<T>) -> Result<Option<T>, Diagnostic> {
        match self.members.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => read(&Fields::member_path(self.path, name), value).map(Some),
        }
    }

    /// A list member whose items are read by a reader of their own, `None` when it is left
    /// out.
    pub(crate) fn list_with<T>(&self, name: &str, read: Reader<T>) -> Result<Option<Vec<T>>, Diagnostic> {
        self.members.get(name).map(|value| list(&Fields::member_path(self.path, name), value, read)).transpose()
    }
}

/// A hand-written reader: a value and its path to a `T` or the problem at a path.
pub(crate) type Reader<T> = fn(&str, &Value) -> Result<T, Diagnostic>;

/// A list whose items are read by `read`, each at `path[index]`.
pub(crate) fn list<T>(path: &str, value: &Value, read: Reader<T>) -> Result<Vec<T>, Diagnostic> {
    let Some(items) = value.as_array() else {
        return Err(Diagnostic::new(path, Problem::WrongType { expected: Expected::Array, got: got(value) }));
    };
    items.iter().enumerate().map(|(index, item)| read(&format!("{path}[{index}]"), item)).collect()
}

/// Reads `T` from `value`, naming the failing member's path under `path`.
pub(crate) fn read_at<T: serde::de::DeserializeOwned>(path: &str, value: &Value) -> Result<T, Diagnostic> {
    read(value).map_err(|problem| {
        let at = match problem.path.as_str() {
            "" => path.to_string(),
            inner if inner.starts_with('[') => format!("{path}{inner}"),
            inner => format!("{path}.{inner}"),
        };
        problem.at(at)
    })
}
