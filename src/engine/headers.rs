//! Headers-exchange matching as RabbitMQ does it (`rabbit_exchange_type_headers.erl`).
//!
//! `x-match` is `all` (the default), `any`, `all-with-x` or `any-with-x`. In `all` and
//! `any`, binding arguments whose names start with `x-` are skipped; `x-match` itself is
//! always skipped. A void binding value only asks for the header to be present; any other
//! value must equal the header's value ([`header_value_eq`]).
//! `all` over zero effective arguments is true, `any` over zero is false.
//!
//! Equality follows RabbitMQ 3.10.8, the broker Kaiten is verified against: it compares the
//! untyped values with Erlang's `==`, so an integer equals a float of the same value
//! (`1` = `1.0`), while a string never equals a number (`"1"` is not `1`) and a boolean never
//! equals an integer. RabbitMQ 3.13 switched to `=:=`, where `1` is not `1.0`.

use serde::Serialize;

use crate::engine::value::{FieldTable, FieldValue};

/// The `x-match` mode of a headers binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum XMatch {
    All,
    Any,
    AllWithX,
    AnyWithX,
}

/// RabbitMQ 3.10.8's refusal of a binding's `x-match` on a headers exchange (406, from
/// `rabbit_exchange_type_headers:validate_binding`), if it refuses it.
pub fn x_match_refusal(arguments: &FieldTable) -> Option<crate::engine::AmqpError> {
    if XMatch::from_arguments(arguments).is_ok() {
        return None;
    }
    let text = match arguments.get("x-match")? {
        FieldValue::Str(mode) => {
            format!("Invalid x-match field value <<\"{mode}\">>; expected all, any, all-with-x, or any-with-x")
        }
        other => {
            let value = match other {
                FieldValue::Int(number) => number.to_string(),
                FieldValue::Bool(flag) => flag.to_string(),
                FieldValue::Float(number) => format!("{number:?}"),
                other => other.to_json().to_string(),
            };
            format!("Invalid x-match field type {} (value {value}); expected longstr", other.amqp_type_name())
        }
    };
    Some(crate::engine::AmqpError::PreconditionFailed(text))
}

impl XMatch {
    /// Reads `x-match` from binding arguments; `Err` carries the refused value (a 406).
    pub fn from_arguments(arguments: &FieldTable) -> Result<XMatch, String> {
        match arguments.get("x-match") {
            None => Ok(XMatch::All),
            Some(FieldValue::Str(mode)) => match mode.as_str() {
                "all" => Ok(XMatch::All),
                "any" => Ok(XMatch::Any),
                "all-with-x" => Ok(XMatch::AllWithX),
                "any-with-x" => Ok(XMatch::AnyWithX),
                other => Err(other.to_string()),
            },
            Some(other) => Err(format!("{other:?}")),
        }
    }

    fn skips_x_arguments(self) -> bool {
        matches!(self, XMatch::All | XMatch::Any)
    }

    fn is_all(self) -> bool {
        matches!(self, XMatch::All | XMatch::AllWithX)
    }
}

/// How one binding argument fared against the message's headers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArgumentCheck {
    pub name: String,
    pub outcome: ArgumentOutcome,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ArgumentOutcome {
    Equal,
    Present,
    Missing,
    Different { expected: FieldValue, found: FieldValue },
}

/// The result of matching one headers binding, with each effective argument's outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadersMatch {
    pub mode: XMatch,
    pub matched: bool,
    pub checks: Vec<ArgumentCheck>,
}

/// Whether a header value equals a binding argument as RabbitMQ 3.10.8 decides it: Erlang's
/// `==` on the values with their AMQP types dropped, so integers and floats compare by
/// number. Inside arrays and tables each element keeps its type, so there `1` is not `1.0`.
pub fn header_value_eq(expected: &FieldValue, found: &FieldValue) -> bool {
    match (expected, found) {
        (FieldValue::Int(int), FieldValue::Float(float)) | (FieldValue::Float(float), FieldValue::Int(int)) => {
            *int as f64 == *float
        }
        _ => expected.amqp_eq(found),
    }
}

/// Matches message headers against one binding's arguments.
pub fn match_headers(mode: XMatch, arguments: &FieldTable, headers: &FieldTable) -> HeadersMatch {
    let checks: Vec<ArgumentCheck> = arguments
        .iter()
        .filter(|(name, _)| name.as_str() != "x-match")
        .filter(|(name, _)| !(mode.skips_x_arguments() && name.starts_with("x-")))
        .map(|(name, expected)| {
            let outcome = match (expected, headers.get(name)) {
                (_, None) => ArgumentOutcome::Missing,
                (FieldValue::Void, Some(_)) => ArgumentOutcome::Present,
                (expected, Some(found)) if header_value_eq(expected, found) => ArgumentOutcome::Equal,
                (expected, Some(found)) => {
                    ArgumentOutcome::Different { expected: expected.clone(), found: found.clone() }
                }
            };
            ArgumentCheck { name: name.clone(), outcome }
        })
        .collect();
    let passes = |check: &ArgumentCheck| matches!(check.outcome, ArgumentOutcome::Equal | ArgumentOutcome::Present);
    let matched = if mode.is_all() { checks.iter().all(passes) } else { checks.iter().any(passes) };
    HeadersMatch { mode, matched, checks }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(pairs: &[(&str, FieldValue)]) -> FieldTable {
        pairs.iter().map(|(key, value)| (key.to_string(), value.clone())).collect()
    }

    #[test]
    fn x_match_refusals_carry_rabbitmqs_text() {
        // As RabbitMQ 3.10.8's management API answered them.
        let refusal = |value: FieldValue| x_match_refusal(&table(&[("x-match", value)])).map(|error| error.to_string());
        assert_eq!(
            refusal(FieldValue::Str("bogus".into())).as_deref(),
            Some(
                "406 PRECONDITION_FAILED: Invalid x-match field value <<\"bogus\">>; expected all, any, all-with-x, \
                 or any-with-x"
            )
        );
        assert_eq!(
            refusal(FieldValue::Int(5)).as_deref(),
            Some("406 PRECONDITION_FAILED: Invalid x-match field type long (value 5); expected longstr")
        );
        assert_eq!(refusal(FieldValue::Str("any-with-x".into())), None);
    }

    fn s(text: &str) -> FieldValue {
        FieldValue::Str(text.into())
    }

    #[test]
    fn all_and_any_case_21() {
        let args = table(&[("foo", s("bar")), ("fuu", s("ber"))]);
        let both = table(&[("foo", s("bar")), ("fuu", s("ber"))]);
        let one = table(&[("foo", s("bar"))]);
        assert!(match_headers(XMatch::All, &args, &both).matched);
        assert!(!match_headers(XMatch::All, &args, &one).matched);
        assert!(match_headers(XMatch::Any, &args, &one).matched);
        assert!(!match_headers(XMatch::Any, &args, &FieldTable::new()).matched);
    }

    #[test]
    fn with_x_and_void_case_22_and_28() {
        let args = table(&[("foo", FieldValue::Void), ("x-foo", FieldValue::Void)]);
        let only_x = table(&[("x-foo", s("1"))]);
        assert!(!match_headers(XMatch::AllWithX, &args, &only_x).matched);
        assert!(match_headers(XMatch::AnyWithX, &args, &only_x).matched);
        let x_only_args = table(&[("x-foo", FieldValue::Int(1))]);
        assert!(!match_headers(XMatch::Any, &x_only_args, &table(&[("x-foo", FieldValue::Int(1))])).matched);
        assert!(match_headers(XMatch::All, &FieldTable::new(), &FieldTable::new()).matched);
    }

    #[test]
    fn kinds_case_29_as_rabbitmq_3_10() {
        let args = table(&[("n", FieldValue::Int(1))]);
        assert!(match_headers(XMatch::All, &args, &table(&[("n", FieldValue::Int(1))])).matched);
        // RabbitMQ 3.10.8 compares with `==`: 1 equals 1.0 (3.13+ would say no).
        assert!(match_headers(XMatch::All, &args, &table(&[("n", FieldValue::Float(1.0))])).matched);
        assert!(!match_headers(XMatch::All, &args, &table(&[("n", FieldValue::Float(1.5))])).matched);
        assert!(!match_headers(XMatch::All, &args, &table(&[("n", s("1"))])).matched);
        assert!(!match_headers(XMatch::All, &args, &table(&[("n", FieldValue::Bool(true))])).matched);
    }
}
