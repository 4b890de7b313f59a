//! AMQP field values and tables, as they appear in headers and in binding, queue and
//! exchange arguments.
//!
//! RabbitMQ compares header values with their AMQP type dropped (`long 1` equals
//! `signedint 1`) but not across kinds (`1` is not `1.0`, `"1"` is not `1`), so a value
//! keeps its kind: integer, float, string, boolean, void, array or table. JSON maps onto it
//! exactly as `rabbitmqctl import_definitions` does: integers stay integers, numbers with a
//! fraction or exponent become floats, `null` is void.

use serde::{Deserialize, Serialize};

use crate::engine::SortedMap;

/// A field table: header or argument name to value, in name order.
pub type FieldTable = SortedMap<String, FieldValue>;

/// One AMQP field value with its kind kept for RabbitMQ's equality rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FieldValue {
    Void,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Array(Vec<FieldValue>),
    Table(FieldTable),
}

impl FieldValue {
    /// The name RabbitMQ gives this value's AMQP type in its error texts, for the types
    /// Kaiten's clients send (integers go as 64-bit `long`, floats as `double`).
    pub fn amqp_type_name(&self) -> &'static str {
        match self {
            FieldValue::Void => "void",
            FieldValue::Bool(_) => "bool",
            FieldValue::Int(_) => "long",
            FieldValue::Float(_) => "double",
            FieldValue::Str(_) => "longstr",
            FieldValue::Array(_) => "array",
            FieldValue::Table(_) => "table",
        }
    }

    /// Equality as RabbitMQ's headers exchange applies it (`=:=` on the untyped value).
    pub fn amqp_eq(&self, other: &FieldValue) -> bool {
        match (self, other) {
            (FieldValue::Float(a), FieldValue::Float(b)) => a == b,
            (FieldValue::Array(a), FieldValue::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.amqp_eq(y))
            }
            (FieldValue::Table(a), FieldValue::Table(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|((ka, va), (kb, vb))| ka == kb && va.amqp_eq(vb))
            }
            _ => self == other,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            FieldValue::Str(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_int(&self) -> Option<i64> {
        match self {
            FieldValue::Int(number) => Some(*number),
            _ => None,
        }
    }

    /// The value as JSON, the inverse of [`FieldValue::from_json`].
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            FieldValue::Void => Value::Null,
            FieldValue::Bool(flag) => Value::Bool(*flag),
            FieldValue::Int(number) => Value::from(*number),
            FieldValue::Float(number) => {
                serde_json::Number::from_f64(*number).map(Value::Number).unwrap_or(Value::Null)
            }
            FieldValue::Str(text) => Value::String(text.clone()),
            FieldValue::Array(items) => Value::Array(items.iter().map(FieldValue::to_json).collect()),
            FieldValue::Table(table) => {
                Value::Object(table.iter().map(|(key, value)| (key.clone(), value.to_json())).collect())
            }
        }
    }

    /// Reads JSON the way RabbitMQ's definitions import does.
    pub fn from_json(json: &serde_json::Value) -> FieldValue {
        use serde_json::Value;
        match json {
            Value::Null => FieldValue::Void,
            Value::Bool(flag) => FieldValue::Bool(*flag),
            Value::Number(number) => match number.as_i64() {
                Some(int) => FieldValue::Int(int),
                None => FieldValue::Float(number.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(text) => FieldValue::Str(text.clone()),
            Value::Array(items) => FieldValue::Array(items.iter().map(FieldValue::from_json).collect()),
            Value::Object(_) => FieldValue::Table(table_from_json(json)),
        }
    }
}

/// Converts a JSON object into a field table; anything else is an empty table.
pub fn table_from_json(json: &serde_json::Value) -> FieldTable {
    let mut table = FieldTable::new();
    if let serde_json::Value::Object(map) = json {
        table.extend(map.iter().map(|(key, value)| (key.clone(), FieldValue::from_json(value))));
    }
    table
}

/// Converts a field table into a JSON object.
pub fn table_to_json(table: &FieldTable) -> serde_json::Value {
    serde_json::Value::Object(table.iter().map(|(key, value)| (key.clone(), value.to_json())).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equality_keeps_kinds_apart() {
        assert!(FieldValue::Int(1).amqp_eq(&FieldValue::Int(1)));
        assert!(!FieldValue::Int(1).amqp_eq(&FieldValue::Float(1.0)));
        assert!(!FieldValue::Int(1).amqp_eq(&FieldValue::Str("1".into())));
    }

    #[test]
    fn json_numbers_keep_integer_or_float() {
        let value: serde_json::Value = serde_json::from_str(r#"{"a": 1, "b": 1.0, "c": null}"#).unwrap();
        let table = table_from_json(&value);
        assert_eq!(table.get("a"), Some(&FieldValue::Int(1)));
        assert_eq!(table.get("b"), Some(&FieldValue::Float(1.0)));
        assert_eq!(table.get("c"), Some(&FieldValue::Void));
        assert_eq!(table_to_json(&table), value);
    }
}
