//! The oslo.messaging wire format on RabbitMQ, as recorded: the
//! `{"oslo.version": "2.0", "oslo.message": "<json>"}` envelope around RPC requests and
//! replies (and `messagingv2` notifications), the request and reply dictionaries with
//! their key order, the AMQP properties kombu sets, and parsing all of it back.
//!
//! Bodies are produced with Python's `json.dumps` formatting (see [`python`]) so they are
//! byte-identical to what oslo.messaging sends for the same values.
//!
//! [`python`]: crate::oslo::python

use serde::Serialize;
use serde_json::{Map, Value};

use crate::engine::Properties;
use crate::oslo::python::json_dumps;

/// The envelope version oslo.messaging writes and accepts (`_MESSAGE_VERSION`).
pub const ENVELOPE_VERSION: &str = "2.0";
const VERSION_KEY: &str = "oslo.version";
const MESSAGE_KEY: &str = "oslo.message";
const CONTEXT_PREFIX: &str = "_context_";

/// The AMQP properties kombu gives every oslo.messaging publish (JSON, UTF-8, persistent,
/// priority 0, empty headers), with `expiration` = the call's timeout in milliseconds on
/// call requests only.
pub fn properties(expiration_ms: Option<u64>) -> Properties {
    Properties {
        content_type: Some("application/json".into()),
        content_encoding: Some("utf-8".into()),
        priority: Some(0),
        delivery_mode: Some(2),
        expiration: expiration_ms.map(|ms| ms.to_string()),
        ..Properties::default()
    }
}

/// `serialize_msg`: the 2.0 envelope around a message dictionary.
pub fn envelope(message: &Map<String, Value>) -> String {
    let mut outer = Map::new();
    outer.insert(VERSION_KEY.into(), Value::String(ENVELOPE_VERSION.into()));
    outer.insert(MESSAGE_KEY.into(), Value::String(json_dumps(&Value::Object(message.clone()))));
    json_dumps(&Value::Object(outer))
}

/// A body that could not be read as oslo.messaging's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
pub enum WireError {
    #[error("the body is not JSON: {0}")]
    NotJson(String),
    #[error("the body is not a JSON object")]
    NotAnObject,
    #[error("UnsupportedMessageVersion: message version {0} is not compatible with {ENVELOPE_VERSION}")]
    UnsupportedVersion(String),
    #[error("the '{key}' field is missing or has the wrong type")]
    Field { key: &'static str },
}

/// `deserialize_msg`: the message dictionary inside a body, unwrapping the envelope when
/// there is one (a body without `oslo.version` is a 1.0 message, taken as it is).
pub fn open(body: &str) -> Result<Map<String, Value>, WireError> {
    let value: Value = serde_json::from_str(body).map_err(|error| WireError::NotJson(error.to_string()))?;
    let Value::Object(outer) = value else {
        return Err(WireError::NotAnObject);
    };
    let Some(version) = outer.get(VERSION_KEY) else {
        return Ok(outer);
    };
    let version = version.as_str().unwrap_or_default();
    if version.split('.').next() != Some("2") {
        return Err(WireError::UnsupportedVersion(version.into()));
    }
    let inner = outer.get(MESSAGE_KEY).and_then(Value::as_str).ok_or(WireError::Field { key: MESSAGE_KEY })?;
    match serde_json::from_str(inner).map_err(|error| WireError::NotJson(error.to_string()))? {
        Value::Object(message) => Ok(message),
        _ => Err(WireError::NotAnObject),
    }
}

/// Whether a body is wrapped in the 2.0 envelope.
pub fn is_enveloped(body: &str) -> bool {
    serde_json::from_str::<Value>(body).is_ok_and(|value| value.get(VERSION_KEY).is_some())
}

/// `pack_context`: each context key becomes `_context_<key>`, appended last.
fn pack_context(message: &mut Map<String, Value>, context: &Map<String, Value>) {
    for (key, value) in context {
        message.insert(format!("{CONTEXT_PREFIX}{key}"), value.clone());
    }
}

/// `unpack_context`: the `_context_*` keys, removed from the message.
fn unpack_context(message: &mut Map<String, Value>) -> Map<String, Value> {
    let keys: Vec<String> = message.keys().filter(|key| key.starts_with(CONTEXT_PREFIX)).cloned().collect();
    keys.into_iter()
        .filter_map(|key| message.shift_remove(&key).map(|value| (key[CONTEXT_PREFIX.len()..].to_string(), value)))
        .collect()
}

/// The fields a call adds to a request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CallFields {
    /// `_msg_id`: the uuid4 hex the reply carries back.
    pub msg_id: String,
    /// `_reply_q`: the caller's `reply_<id>` queue.
    pub reply_q: String,
    /// `_timeout`: `call_monitor_timeout` in seconds, or `null`.
    pub call_monitor_timeout: Option<u64>,
}

/// An RPC request: what `call` and `cast` publish.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Request {
    pub method: String,
    pub args: Map<String, Value>,
    pub namespace: Option<String>,
    pub version: Option<String>,
    /// Present on calls only.
    pub call: Option<CallFields>,
    /// `_unique_id`: a uuid4 hex servers use to drop duplicates.
    pub unique_id: String,
    pub context: Map<String, Value>,
}

impl Request {
    /// The message dictionary in oslo.messaging's key order: method, args, namespace and
    /// version when set, `_msg_id`, `_reply_q`, `_timeout` on calls, `_unique_id`, then
    /// the `_context_*` keys.
    pub fn to_message(&self) -> Map<String, Value> {
        let mut message = Map::new();
        message.insert("method".into(), Value::String(self.method.clone()));
        message.insert("args".into(), Value::Object(self.args.clone()));
        if let Some(namespace) = &self.namespace {
            message.insert("namespace".into(), Value::String(namespace.clone()));
        }
        if let Some(version) = &self.version {
            message.insert("version".into(), Value::String(version.clone()));
        }
        if let Some(call) = &self.call {
            message.insert("_msg_id".into(), Value::String(call.msg_id.clone()));
            message.insert("_reply_q".into(), Value::String(call.reply_q.clone()));
            message.insert("_timeout".into(), call.call_monitor_timeout.map_or(Value::Null, Value::from));
        }
        message.insert("_unique_id".into(), Value::String(self.unique_id.clone()));
        pack_context(&mut message, &self.context);
        message
    }

    /// The enveloped body.
    pub fn body(&self) -> String {
        envelope(&self.to_message())
    }

    /// Reads a request back from a body.
    pub fn parse(body: &str) -> Result<Request, WireError> {
        let mut message = open(body)?;
        let context = unpack_context(&mut message);
        let text = |message: &Map<String, Value>, key: &'static str| -> Result<Option<String>, WireError> {
            match message.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(text)) => Ok(Some(text.clone())),
                Some(_) => Err(WireError::Field { key }),
            }
        };
        let method = text(&message, "method")?.ok_or(WireError::Field { key: "method" })?;
        let args = match message.get("args") {
            None | Some(Value::Null) => Map::new(),
            Some(Value::Object(args)) => args.clone(),
            Some(_) => return Err(WireError::Field { key: "args" }),
        };
        let call = match text(&message, "_msg_id")? {
            Some(msg_id) => Some(CallFields {
                msg_id,
                reply_q: text(&message, "_reply_q")?.unwrap_or_default(),
                call_monitor_timeout: message.get("_timeout").and_then(Value::as_u64),
            }),
            None => None,
        };
        Ok(Request {
            method,
            args,
            namespace: text(&message, "namespace")?,
            version: text(&message, "version")?,
            call,
            unique_id: text(&message, "_unique_id")?.unwrap_or_default(),
            context,
        })
    }
}

/// An RPC reply, published by the server to the caller's reply queue through the default
/// exchange.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reply {
    pub result: Value,
    /// The serialized failure (a JSON string, see [`Failure`](crate::oslo::failure::Failure)).
    pub failure: Option<String>,
    /// `true` on the final reply; `false` on call-monitor heartbeats.
    pub ending: bool,
    pub msg_id: String,
    pub unique_id: String,
}

impl Reply {
    /// The message dictionary: result, failure, ending, `_msg_id`, `_unique_id`.
    pub fn to_message(&self) -> Map<String, Value> {
        let mut message = Map::new();
        message.insert("result".into(), self.result.clone());
        message.insert("failure".into(), self.failure.clone().map_or(Value::Null, Value::String));
        message.insert("ending".into(), Value::Bool(self.ending));
        message.insert("_msg_id".into(), Value::String(self.msg_id.clone()));
        message.insert("_unique_id".into(), Value::String(self.unique_id.clone()));
        message
    }

    pub fn body(&self) -> String {
        envelope(&self.to_message())
    }

    pub fn parse(body: &str) -> Result<Reply, WireError> {
        let message = open(body)?;
        let failure = match message.get("failure") {
            None | Some(Value::Null) => None,
            Some(Value::String(text)) => Some(text.clone()),
            Some(_) => return Err(WireError::Field { key: "failure" }),
        };
        Ok(Reply {
            result: message.get("result").cloned().unwrap_or(Value::Null),
            failure,
            ending: message.get("ending").and_then(Value::as_bool).unwrap_or(false),
            msg_id: message
                .get("_msg_id")
                .and_then(Value::as_str)
                .ok_or(WireError::Field { key: "_msg_id" })?
                .to_string(),
            unique_id: message.get("_unique_id").and_then(Value::as_str).unwrap_or_default().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => unreachable!("an object literal"),
        }
    }

    #[test]
    fn call_request_is_byte_identical_to_the_recording() {
        let request = Request {
            method: "add".into(),
            args: object(json!({"a": 2, "b": 40})),
            namespace: None,
            version: None,
            call: Some(CallFields {
                msg_id: "1dcfbfbb74304afc8a119777bfd0dd19".into(),
                reply_q: "reply_4b640caf67e74ad08bdb642800981774".into(),
                call_monitor_timeout: None,
            }),
            unique_id: "8be61499898e4654b1a0b492fdb50847".into(),
            context: Map::new(),
        };
        let recorded = r#"{"method": "add", "args": {"a": 2, "b": 40}, "_msg_id": "1dcfbfbb74304afc8a119777bfd0dd19", "_reply_q": "reply_4b640caf67e74ad08bdb642800981774", "_timeout": null, "_unique_id": "8be61499898e4654b1a0b492fdb50847"}"#;
        assert_eq!(json_dumps(&Value::Object(request.to_message())), recorded);
        let body = request.body();
        assert_eq!(body, json_dumps(&json!({"oslo.version": "2.0", "oslo.message": recorded})));
        assert_eq!(Request::parse(&body).unwrap(), request);
    }

    #[test]
    fn version_and_context_keys_go_where_oslo_puts_them() {
        let request = Request {
            method: "add".into(),
            args: object(json!({"a": 1, "b": 1})),
            namespace: Some("ns".into()),
            version: Some("2.0".into()),
            call: None,
            unique_id: "u".into(),
            context: object(json!({"user": "mark"})),
        };
        assert_eq!(
            json_dumps(&Value::Object(request.to_message())),
            r#"{"method": "add", "args": {"a": 1, "b": 1}, "namespace": "ns", "version": "2.0", "_unique_id": "u", "_context_user": "mark"}"#
        );
        assert_eq!(Request::parse(&request.body()).unwrap(), request);
    }

    #[test]
    fn reply_round_trips_and_matches_the_recording() {
        let reply = Reply {
            result: json!(42),
            failure: None,
            ending: true,
            msg_id: "1dcfbfbb74304afc8a119777bfd0dd19".into(),
            unique_id: "b87e548bc8a249709ed8005f8b5982a7".into(),
        };
        assert_eq!(
            json_dumps(&Value::Object(reply.to_message())),
            r#"{"result": 42, "failure": null, "ending": true, "_msg_id": "1dcfbfbb74304afc8a119777bfd0dd19", "_unique_id": "b87e548bc8a249709ed8005f8b5982a7"}"#
        );
        assert_eq!(Reply::parse(&reply.body()).unwrap(), reply);
    }

    #[test]
    fn call_properties_carry_the_timeout_and_casts_none() {
        assert_eq!(properties(Some(5000)).expiration.as_deref(), Some("5000"));
        assert_eq!(properties(None).expiration, None);
        assert_eq!(properties(None).content_type.as_deref(), Some("application/json"));
    }

    #[test]
    fn bodies_without_envelope_are_taken_as_they_are() {
        let message = open(r#"{"priority": "INFO"}"#).unwrap();
        assert_eq!(message.get("priority"), Some(&json!("INFO")));
        assert!(matches!(
            open(r#"{"oslo.version": "3.0", "oslo.message": "{}"}"#),
            Err(WireError::UnsupportedVersion(_))
        ));
    }
}
