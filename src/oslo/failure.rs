//! Exceptions across the wire: how an RPC server serializes a failure into a reply
//! (`serialize_remote_exception`: class, module, message, tb, args, kwargs) and how the
//! client turns it back into an exception (`deserialize_remote_exception`): a builtin
//! exception (or one from `allowed_remote_exmods`) is raised as itself, anything else as
//! `RemoteError`. Client-side refusals and timeouts live here too, so that every way a
//! `call` can fail is one [`CallError`] with the Python class and text the real library
//! shows.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::oslo::python::{json_dumps, str_list_repr};
use crate::oslo::target::InvalidTarget;

/// One traceback frame as Python 3.11+'s `traceback.format_exception` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Frame {
    pub file: String,
    pub line: u32,
    pub function: String,
    pub code: String,
    /// The `^^^` line under the failing expression, when Python prints one.
    pub carets: Option<String>,
}

impl Frame {
    fn library(file: &str, line: u32, function: &str, code: &str, carets: Option<&str>) -> Frame {
        Frame {
            file: format!("site-packages/oslo_messaging/rpc/{file}"),
            line,
            function: function.into(),
            code: code.into(),
            carets: carets.map(str::to_string),
        }
    }

    fn render(&self) -> String {
        let mut text =
            format!("  File \"{}\", line {}, in {}\n    {}\n", self.file, self.line, self.function, self.code);
        if let Some(carets) = &self.carets {
            text.push_str(carets);
            text.push('\n');
        }
        text
    }
}

/// The frames oslo.messaging 18.3.1's RPC server shows above an endpoint's own frame, and
/// above its own dispatch errors, as recorded.
pub mod frames {
    use super::Frame;

    pub fn process_incoming() -> Frame {
        Frame::library(
            "server.py",
            176,
            "_process_incoming",
            "res = self.dispatcher.dispatch(message)",
            Some("          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^"),
        )
    }

    pub fn dispatch_to_endpoint() -> Frame {
        Frame::library(
            "dispatcher.py",
            309,
            "dispatch",
            "return self._do_dispatch(endpoint, method, ctxt, args)",
            Some("           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^"),
        )
    }

    pub fn do_dispatch() -> Frame {
        Frame::library(
            "dispatcher.py",
            229,
            "_do_dispatch",
            "result = func(ctxt, **new_args)",
            Some("             ^^^^^^^^^^^^^^^^^^^^^^"),
        )
    }

    pub fn raise_no_such_method() -> Frame {
        Frame::library("dispatcher.py", 318, "dispatch", "raise NoSuchMethod(method)", None)
    }

    pub fn raise_unsupported_version() -> Frame {
        Frame::library("dispatcher.py", 320, "dispatch", "raise UnsupportedVersion(version, method=method)", None)
    }
}

/// A Python exception class, by module and name (`builtins.ValueError`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ExceptionClass {
    pub module: String,
    pub name: String,
}

/// The exception classes Python has in `builtins`: the ones a client can re-raise as
/// themselves.
const BUILTIN_EXCEPTIONS: &[&str] = &[
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BufferError",
    "ConnectionError",
    "EOFError",
    "Exception",
    "FileExistsError",
    "FileNotFoundError",
    "ImportError",
    "IndexError",
    "KeyError",
    "LookupError",
    "MemoryError",
    "NameError",
    "NotImplementedError",
    "OSError",
    "OverflowError",
    "PermissionError",
    "RecursionError",
    "ReferenceError",
    "RuntimeError",
    "TimeoutError",
    "TypeError",
    "UnicodeError",
    "ValueError",
    "ZeroDivisionError",
];

impl ExceptionClass {
    /// Reads `ValueError` (a builtin) or `nova.exception.InstanceNotFound`.
    pub fn parse(text: &str) -> ExceptionClass {
        match text.rsplit_once('.') {
            Some((module, name)) => ExceptionClass { module: module.into(), name: name.into() },
            None => ExceptionClass { module: "builtins".into(), name: text.into() },
        }
    }

    pub fn builtin(name: &str) -> ExceptionClass {
        ExceptionClass { module: "builtins".into(), name: name.into() }
    }

    pub fn is_builtin(&self) -> bool {
        self.module == "builtins" && BUILTIN_EXCEPTIONS.contains(&self.name.as_str())
    }

    /// The name the last traceback line uses: bare for builtins, qualified otherwise.
    pub fn traceback_name(&self) -> String {
        if self.module == "builtins" || self.module == "__main__" {
            self.name.clone()
        } else {
            format!("{}.{}", self.module, self.name)
        }
    }

    /// `module.Name`.
    pub fn qualified(&self) -> String {
        format!("{}.{}", self.module, self.name)
    }
}

/// A serialized failure, the JSON string in a reply's `failure` field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    pub class: String,
    pub module: String,
    /// `str(exception)`.
    pub message: String,
    /// `traceback.format_exception(...)`: one string per line group.
    pub tb: Vec<String>,
    pub args: Vec<Value>,
    pub kwargs: Map<String, Value>,
}

impl Failure {
    /// A failure raised with one message argument (`raise ValueError("kaboom")`, and
    /// oslo.messaging's own exceptions), with the traceback through `frames`.
    pub fn raised(class: &ExceptionClass, message: &str, frames: &[Frame]) -> Failure {
        let args = if message.is_empty() { Vec::new() } else { vec![Value::String(message.into())] };
        Failure::raised_with(class, &args, &Map::new(), frames)
    }

    /// A failure raised with any positional arguments and keyword arguments (the
    /// `kwargs` attribute oslo and nova exceptions carry): `str()` of the exception is
    /// Python's (`''` for none, `str(arg)` for one, `repr(KeyError arg)`, the tuple's repr
    /// for several), the traceback ends with it, and `args` and `kwargs` are sent as given.
    pub fn raised_with(
        class: &ExceptionClass,
        args: &[Value],
        kwargs: &Map<String, Value>,
        frames: &[Frame],
    ) -> Failure {
        let key_error = class.module == "builtins" && class.name == "KeyError";
        let shown = match args {
            [] => String::new(),
            [only] if key_error => crate::oslo::python::py_repr(only),
            [only] => crate::oslo::python::py_str(only),
            several => format!("({})", several.iter().map(crate::oslo::python::py_repr).collect::<Vec<_>>().join(", ")),
        };
        let mut tb = vec!["Traceback (most recent call last):\n".to_string()];
        tb.extend(frames.iter().map(Frame::render));
        if shown.is_empty() {
            tb.push(format!("{}\n", class.traceback_name()));
        } else {
            tb.push(format!("{}: {}\n", class.traceback_name(), shown));
        }
        Failure {
            class: class.name.clone(),
            module: class.module.clone(),
            message: shown,
            tb,
            args: args.to_vec(),
            kwargs: kwargs.clone(),
        }
    }

    /// The JSON string, keys in oslo.messaging's order.
    pub fn to_json(&self) -> String {
        let mut data = Map::new();
        data.insert("class".into(), Value::String(self.class.clone()));
        data.insert("module".into(), Value::String(self.module.clone()));
        data.insert("message".into(), Value::String(self.message.clone()));
        data.insert("tb".into(), Value::Array(self.tb.iter().cloned().map(Value::String).collect()));
        data.insert("args".into(), Value::Array(self.args.clone()));
        data.insert("kwargs".into(), Value::Object(self.kwargs.clone()));
        json_dumps(&Value::Object(data))
    }

    /// Reads a failure back; missing fields default as `failure.get(...)` does.
    pub fn parse(text: &str) -> Option<Failure> {
        let value: Value = serde_json::from_str(text).ok()?;
        let text_of = |key: &str| value.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
        Some(Failure {
            class: text_of("class"),
            module: text_of("module"),
            message: text_of("message"),
            tb: value
                .get("tb")
                .and_then(Value::as_array)
                .map(|lines| lines.iter().filter_map(Value::as_str).map(str::to_string).collect())
                .unwrap_or_default(),
            args: value.get("args").and_then(Value::as_array).cloned().unwrap_or_default(),
            kwargs: value.get("kwargs").and_then(Value::as_object).cloned().unwrap_or_default(),
        })
    }

    pub fn exception_class(&self) -> ExceptionClass {
        ExceptionClass { module: self.module.clone(), name: self.class.clone() }
    }

    /// `deserialize_remote_exception`: builtins and `allowed_remote_exmods` are re-raised
    /// as themselves (with the remote traceback appended to the message), anything else
    /// becomes `RemoteError`.
    pub fn deserialize(&self, allowed_remote_exmods: &[String]) -> CallError {
        let class = self.exception_class();
        let reraise =
            if class.module == "builtins" { class.is_builtin() } else { allowed_remote_exmods.contains(&class.module) };
        if !reraise {
            return CallError::RemoteError {
                exc_type: self.class.clone(),
                value: self.message.clone(),
                traceback: self.tb.clone(),
            };
        }
        let text = format!("{}\n{}", self.message, self.tb.join("\n"));
        CallError::Reraised { class, text }
    }
}

/// Every way an RPC `call` (or a `cast`'s client-side checks) can fail, as the caller sees
/// it.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum CallError {
    /// Refused client-side before anything was sent.
    #[error("{0}")]
    InvalidTarget(InvalidTarget),
    /// The requested version is beyond the client's `version_cap`.
    #[error(
        "Requested message version, {version} is incompatible.  It needs to be equal in major version and less than or equal in minor version as the specified version cap {version_cap}."
    )]
    RpcVersionCap { version: String, version_cap: String },
    /// No reply within the timeout.
    #[error("Timed out waiting for a reply to message ID {msg_id}")]
    MessagingTimeout { msg_id: String },
    /// With `at_least_once`, the request came back unroutable (`basic.return`). Its
    /// `str()` is empty in oslo.messaging.
    #[error("")]
    MessageUndeliverable { exchange: String, routing_key: String },
    /// A remote builtin exception (or one from `allowed_remote_exmods`), raised as itself.
    #[error("{text}")]
    Reraised { class: ExceptionClass, text: String },
    /// Any other remote exception.
    #[error("Remote error: {exc_type} {value}\n{}.", str_list_repr(traceback))]
    RemoteError { exc_type: String, value: String, traceback: Vec<String> },
}

impl CallError {
    /// `type(e).__module__ + "." + type(e).__name__` of the exception the caller gets.
    pub fn python_class(&self) -> String {
        match self {
            CallError::InvalidTarget(_) => InvalidTarget::PYTHON_CLASS.into(),
            CallError::RpcVersionCap { .. } => "oslo_messaging.rpc.client.RPCVersionCapError".into(),
            CallError::MessagingTimeout { .. } => "oslo_messaging.exceptions.MessagingTimeout".into(),
            CallError::MessageUndeliverable { .. } => "oslo_messaging.exceptions.MessageUndeliverable".into(),
            CallError::Reraised { class, .. } if class.module == "builtins" => class.qualified(),
            // Non-builtin classes are swapped for a `<Name>_Remote` subclass in `<module>_Remote`.
            CallError::Reraised { class, .. } => {
                format!("{}_Remote.{}_Remote", class.module, class.name)
            }
            CallError::RemoteError { .. } => "oslo_messaging.rpc.client.RemoteError".into(),
        }
    }

    /// The short class name (`ValueError`, `RemoteError`, `MessagingTimeout`).
    pub fn class_name(&self) -> String {
        let class = self.python_class();
        class.rsplit_once('.').map_or(class.clone(), |(_, name)| name.to_string())
    }

    /// `f"{type(e).__module__}.{type(e).__name__}: {e}"`, as the recording prints errors.
    pub fn python_display(&self) -> String {
        format!("{}: {}", self.python_class(), self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorded_failure(index: usize) -> String {
        let capture: Value = serde_json::from_str(include_str!("../../tests/reference/oslo-capture.json")).unwrap();
        let body = &capture["firehose"][index]["body"]["oslo.message"];
        let message: Value = serde_json::from_str(body.as_str().unwrap()).unwrap();
        message["failure"].as_str().unwrap().to_string()
    }

    fn recorded_error(key: &str) -> String {
        let capture: Value = serde_json::from_str(include_str!("../../tests/reference/oslo-capture.json")).unwrap();
        capture[key].as_str().unwrap().to_string()
    }

    fn boom() -> Failure {
        let endpoint_frame = Frame {
            file: "oslo_capture.py".into(),
            line: 27,
            function: "boom".into(),
            code: "raise ValueError(\"kaboom\")".into(),
            carets: None,
        };
        Failure::raised(
            &ExceptionClass::builtin("ValueError"),
            "kaboom",
            &[frames::process_incoming(), frames::dispatch_to_endpoint(), frames::do_dispatch(), endpoint_frame],
        )
    }

    #[test]
    fn case_56_endpoint_exception_serializes_and_reraises_as_recorded() {
        let failure = boom();
        assert_eq!(failure.to_json(), recorded_failure(6));
        let error = Failure::parse(&failure.to_json()).unwrap().deserialize(&[]);
        assert_eq!(error.python_class(), "builtins.ValueError");
        assert_eq!(error.python_display(), recorded_error("boom_exc"));
    }

    #[test]
    fn dispatcher_errors_arrive_as_remote_error_as_recorded() {
        let class = ExceptionClass::parse("oslo_messaging.rpc.dispatcher.NoSuchMethod");
        let no_such = Failure::raised(
            &class,
            "Endpoint does not support RPC method nosuch",
            &[frames::process_incoming(), frames::raise_no_such_method()],
        );
        assert_eq!(no_such.to_json(), recorded_failure(17));
        assert_eq!(no_such.deserialize(&[]).python_display(), recorded_error("nosuch_exc"));
        let class = ExceptionClass::parse("oslo_messaging.rpc.dispatcher.UnsupportedVersion");
        let unsupported = Failure::raised(
            &class,
            "Endpoint does not support RPC version 2.0. Attempted method: add",
            &[frames::process_incoming(), frames::raise_unsupported_version()],
        );
        assert_eq!(unsupported.to_json(), recorded_failure(21));
        assert_eq!(unsupported.deserialize(&[]).python_display(), recorded_error("version_exc"));
    }

    #[test]
    fn timeout_text_matches_the_recording() {
        let error = CallError::MessagingTimeout { msg_id: "064d94eba8874c66a847f99312591746".into() };
        assert_eq!(error.python_display(), recorded_error("timeout_exc"));
    }

    #[test]
    fn a_key_error_shows_its_argument_as_python_repr_does() {
        let failure = Failure::raised(&ExceptionClass::builtin("KeyError"), "vol-9", &[]);
        assert_eq!(failure.message, "'vol-9'");
        assert_eq!(failure.tb.last().unwrap(), "KeyError: 'vol-9'\n");
        assert_eq!(failure.args, vec![Value::String("vol-9".into())]);
        let other = Failure::raised(&ExceptionClass::builtin("ValueError"), "vol-9", &[]);
        assert_eq!(other.message, "vol-9");
    }

    #[test]
    fn several_arguments_and_keyword_arguments_follow_python() {
        let args = [Value::from("vol-9"), Value::from(3), Value::from(1.5), Value::Null];
        let failure = Failure::raised_with(&ExceptionClass::builtin("ValueError"), &args, &Map::new(), &[]);
        assert_eq!(failure.message, "('vol-9', 3, 1.5, None)");
        assert_eq!(failure.tb.last().unwrap(), "ValueError: ('vol-9', 3, 1.5, None)\n");
        assert_eq!(failure.args, args);
        let none = Failure::raised_with(&ExceptionClass::builtin("ValueError"), &[], &Map::new(), &[]);
        assert_eq!((none.message.as_str(), none.tb.last().unwrap().as_str()), ("", "ValueError\n"));
        let one_number =
            Failure::raised_with(&ExceptionClass::builtin("ValueError"), &[Value::from(7)], &Map::new(), &[]);
        assert_eq!(one_number.message, "7");
        let kwargs: Map<String, Value> =
            [("instance_id".to_string(), Value::from(42)), ("code".into(), Value::from(404))].into_iter().collect();
        let nova = Failure::raised_with(
            &ExceptionClass::parse("nova.exception.InstanceNotFound"),
            &[Value::from("Instance 42 could not be found.")],
            &kwargs,
            &[],
        );
        let sent: Value = serde_json::from_str(&nova.to_json()).unwrap();
        assert_eq!(sent["kwargs"], serde_json::json!({"instance_id": 42, "code": 404}));
        assert_eq!(sent["message"], "Instance 42 could not be found.");
    }

    #[test]
    fn allowed_modules_are_reraised_as_remote_subclasses() {
        let class = ExceptionClass::parse("nova.exception.InstanceNotFound");
        let failure = Failure::raised(&class, "gone", &[frames::process_incoming()]);
        assert_eq!(failure.deserialize(&[]).python_class(), "oslo_messaging.rpc.client.RemoteError");
        let allowed = failure.deserialize(&["nova.exception".to_string()]);
        assert_eq!(allowed.python_class(), "nova.exception_Remote.InstanceNotFound_Remote");
        // An unknown name in builtins cannot be imported, so it stays a RemoteError.
        let unknown = Failure::raised(&ExceptionClass::builtin("NoSuchError"), "x", &[]);
        assert_eq!(unknown.deserialize(&[]).class_name(), "RemoteError");
    }
}
