//! The RPC dispatcher (`rpc/dispatcher.py`): which endpoint of a server handles a request,
//! by namespace, version and method name, and what the scripted method then does
//! (return an expression of its arguments, raise a named exception, take some time).
//!
//! Rules, in oslo.messaging's order: a request without a version is `1.0`; an endpoint
//! without a target is `Target()` (namespace `None`, version `1.0`). An endpoint is
//! compatible when the request's namespace is its own or a legacy one, the major versions
//! are equal and the request's minor (then revision) is not above the endpoint's. The first
//! compatible endpoint that has the method and whose access policy allows it (the default
//! policy refuses names starting with `_`) runs it. A compatible endpoint but no method:
//! `NoSuchMethod`. No compatible endpoint: `UnsupportedVersion`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::oslo::expr::Expr;
use crate::oslo::failure::{ExceptionClass, Failure, Frame, frames};
use crate::oslo::target::Target;
use crate::oslo::wire::Request;

/// `utils.version_is_compatible(imp_version, version)`: same major, and minor (then
/// revision) not above the implemented one. Unparsable versions are incompatible.
pub fn version_is_compatible(implemented: &str, requested: &str) -> bool {
    fn parts(version: &str) -> Option<(u64, u64, u64)> {
        let mut numbers = version.split('.');
        let major = numbers.next()?.trim().parse().ok()?;
        let minor = numbers.next()?.trim().parse().ok()?;
        let revision = match numbers.next() {
            Some(text) => text.trim().parse().ok()?,
            None => 0,
        };
        Some((major, minor, revision))
    }
    let (Some(implemented), Some(requested)) = (parts(implemented), parts(requested)) else {
        return false;
    };
    requested.0 == implemented.0
        && requested.1 <= implemented.1
        && !(requested.1 == implemented.1 && requested.2 > implemented.2)
}

/// What a scripted method does when called.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Behaviour {
    /// `return <expression of the arguments>`.
    Return(Expr),
    /// `raise <class>(<message>)`, or `raise <class>(*args)` with `args`, plus the
    /// `kwargs` attribute oslo and nova exceptions carry; the class is `ValueError` (a
    /// builtin) or `module.Name`.
    Raise {
        class: String,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        message: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        args: Option<Vec<Value>>,
        #[serde(default, skip_serializing_if = "Map::is_empty")]
        kwargs: Map<String, Value>,
    },
}

/// A method of an endpoint, with scripted behaviour.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Method {
    pub name: String,
    /// The keyword parameters after `ctxt`; `None` accepts any (`**kwargs`).
    pub params: Option<Vec<String>>,
    pub behaviour: Behaviour,
    /// Virtual milliseconds the method takes before it returns or raises.
    pub duration_ms: u64,
    /// The line its code is on, for the traceback.
    pub line: Option<u32>,
}

impl Method {
    /// A method returning `expression`, taking the parameters it reads.
    pub fn returning(name: &str, expression: &str) -> Method {
        let expr = Expr::parse(expression).expect("a valid expression");
        Method {
            name: name.into(),
            params: Some(expr.arg_names()),
            behaviour: Behaviour::Return(expr),
            duration_ms: 0,
            line: None,
        }
    }

    /// A method raising `class(message)`.
    pub fn raising(name: &str, class: &str, message: &str) -> Method {
        Method {
            name: name.into(),
            params: Some(Vec::new()),
            behaviour: Behaviour::Raise {
                class: class.into(),
                message: message.into(),
                args: None,
                kwargs: Map::new(),
            },
            duration_ms: 0,
            line: None,
        }
    }

    /// The source line shown in a traceback.
    fn code(&self) -> String {
        match &self.behaviour {
            Behaviour::Return(expr) => format!("return {expr}"),
            Behaviour::Raise { class, message, args, kwargs } => {
                let name = class.rsplit('.').next().unwrap_or(class);
                let mut parts: Vec<String> = match args {
                    Some(args) => args.iter().map(crate::oslo::python::py_repr).collect(),
                    None if message.is_empty() => Vec::new(),
                    None => vec![crate::oslo::python::json_dumps(&Value::String(message.clone()))],
                };
                parts
                    .extend(kwargs.iter().map(|(key, value)| format!("{key}={}", crate::oslo::python::py_repr(value))));
                format!("raise {name}({})", parts.join(", "))
            }
        }
    }
}

/// An RPC endpoint: a class with a target (namespace, version) and methods.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Endpoint {
    /// The class name (`Endpoint`), used in `TypeError` messages.
    pub name: String,
    /// `endpoint.target`; `None` is `Target()`.
    pub target: Option<Target>,
    pub methods: Vec<Method>,
    /// The file its code is in, for tracebacks.
    pub source_file: Option<String>,
}

impl Endpoint {
    pub fn method(&self, name: &str) -> Option<&Method> {
        self.methods.iter().find(|method| method.name == name)
    }

    /// The endpoint's version; `None` counts as `1.0`.
    pub fn version(&self) -> String {
        self.target.as_ref().and_then(|target| target.version.clone()).unwrap_or_else(|| "1.0".into())
    }

    fn accepted_namespaces(&self) -> Vec<Option<String>> {
        self.target.as_ref().map_or_else(|| vec![None], Target::accepted_namespaces)
    }

    fn frame(&self, method: &Method, index: usize) -> Frame {
        Frame {
            file: self.source_file.clone().unwrap_or_else(|| "endpoints.py".into()),
            line: method.line.unwrap_or(10 + 3 * index as u32),
            function: method.name.clone(),
            code: method.code(),
            carets: None,
        }
    }
}

/// How one endpoint was judged for a request: the dispatcher's reasoning, as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "check", rename_all = "snake_case")]
pub enum EndpointCheck {
    /// The request's namespace is not one the endpoint accepts.
    WrongNamespace { endpoint: usize, requested: Option<String>, accepted: Vec<Option<String>> },
    /// The versions are incompatible.
    IncompatibleVersion { endpoint: usize, requested: String, implemented: String },
    /// Compatible, but it has no such method.
    NoMethod { endpoint: usize },
    /// Compatible and has the method, but the access policy refuses it (`_private`).
    Refused { endpoint: usize },
    /// This endpoint runs the method.
    Chosen { endpoint: usize },
}

/// What dispatching produced: a result or a failure for the reply.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    Returned { result: Value },
    Raised { failure: Failure },
}

/// The dispatcher's decision and the method's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dispatch {
    pub checks: Vec<EndpointCheck>,
    pub outcome: Outcome,
    /// How long the method ran (0 when nothing ran).
    pub duration_ms: u64,
}

const DISPATCHER_MODULE: &str = "oslo_messaging.rpc.dispatcher";

/// Dispatches `request` to `endpoints` as `RPCDispatcher.dispatch` does.
pub fn dispatch(endpoints: &[Endpoint], request: &Request) -> Dispatch {
    let requested_version = request.version.clone().unwrap_or_else(|| "1.0".into());
    let mut checks = Vec::new();
    let mut found_compatible = false;
    for (index, endpoint) in endpoints.iter().enumerate() {
        let accepted = endpoint.accepted_namespaces();
        if !accepted.contains(&request.namespace) {
            checks.push(EndpointCheck::WrongNamespace {
                endpoint: index,
                requested: request.namespace.clone(),
                accepted,
            });
            continue;
        }
        let implemented = endpoint.version();
        if !version_is_compatible(&implemented, &requested_version) {
            checks.push(EndpointCheck::IncompatibleVersion {
                endpoint: index,
                requested: requested_version.clone(),
                implemented,
            });
            continue;
        }
        match endpoint.method(&request.method) {
            Some(method) if !request.method.starts_with('_') => {
                checks.push(EndpointCheck::Chosen { endpoint: index });
                let method_index = endpoint.methods.iter().position(|candidate| candidate == method).unwrap_or(0);
                let outcome = run(endpoint, method, method_index, &request.args);
                return Dispatch { checks, outcome, duration_ms: method.duration_ms };
            }
            Some(_) => checks.push(EndpointCheck::Refused { endpoint: index }),
            None => checks.push(EndpointCheck::NoMethod { endpoint: index }),
        }
        found_compatible = true;
    }
    let failure = if found_compatible {
        Failure::raised(
            &ExceptionClass::parse(&format!("{DISPATCHER_MODULE}.NoSuchMethod")),
            &format!("Endpoint does not support RPC method {}", request.method),
            &[frames::process_incoming(), frames::raise_no_such_method()],
        )
    } else {
        Failure::raised(
            &ExceptionClass::parse(&format!("{DISPATCHER_MODULE}.UnsupportedVersion")),
            &format!("Endpoint does not support RPC version {requested_version}. Attempted method: {}", request.method),
            &[frames::process_incoming(), frames::raise_unsupported_version()],
        )
    };
    Dispatch { checks, outcome: Outcome::Raised { failure }, duration_ms: 0 }
}

/// Python's wording for a list of missing argument names: `'a'`, `'a' and 'b'`,
/// `'a', 'b', and 'c'`.
fn quoted_names(names: &[&String]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("'{name}'")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

/// Calls the scripted method: `func(ctxt, **args)`.
fn run(endpoint: &Endpoint, method: &Method, method_index: usize, args: &Map<String, Value>) -> Outcome {
    let call_frames = [frames::process_incoming(), frames::dispatch_to_endpoint(), frames::do_dispatch()];
    let qualified = format!("{}.{}()", endpoint.name, method.name);
    if let Some(params) = &method.params {
        if let Some(unexpected) = args.keys().find(|key| !params.contains(key)) {
            let message = format!("{qualified} got an unexpected keyword argument '{unexpected}'");
            return Outcome::Raised {
                failure: Failure::raised(&ExceptionClass::builtin("TypeError"), &message, &call_frames),
            };
        }
        let missing: Vec<&String> = params.iter().filter(|param| !args.contains_key(*param)).collect();
        if !missing.is_empty() {
            let plural = if missing.len() == 1 { "argument" } else { "arguments" };
            let message = format!(
                "{qualified} missing {} required positional {plural}: {}",
                missing.len(),
                quoted_names(&missing)
            );
            return Outcome::Raised {
                failure: Failure::raised(&ExceptionClass::builtin("TypeError"), &message, &call_frames),
            };
        }
    }
    let mut method_frames = call_frames.to_vec();
    method_frames.push(endpoint.frame(method, method_index));
    match &method.behaviour {
        Behaviour::Return(expr) => match expr.eval(args) {
            Ok(result) => Outcome::Returned { result },
            Err(error) => Outcome::Raised {
                failure: Failure::raised(&ExceptionClass::builtin(error.class), &error.message, &method_frames),
            },
        },
        Behaviour::Raise { class, message, args: None, kwargs } => {
            let args = if message.is_empty() { Vec::new() } else { vec![Value::String(message.clone())] };
            Outcome::Raised {
                failure: Failure::raised_with(&ExceptionClass::parse(class), &args, kwargs, &method_frames),
            }
        }
        Behaviour::Raise { class, args: Some(args), kwargs, .. } => Outcome::Raised {
            failure: Failure::raised_with(&ExceptionClass::parse(class), args, kwargs, &method_frames),
        },
    }
}

/// The last 16 `_unique_id`s a listener acknowledged (`amqp._MsgIdCache`): a request
/// whose id is among them is a duplicate and is dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MsgIdCache {
    // Invariant: at most `MsgIdCache::SIZE` ids, oldest first.
    ids: Vec<String>,
}

impl MsgIdCache {
    pub const SIZE: usize = 16;

    pub fn is_duplicate(&self, unique_id: &str) -> bool {
        !unique_id.is_empty() && self.ids.iter().any(|id| id == unique_id)
    }

    /// Remembers an acknowledged id, forgetting the oldest beyond 16.
    pub fn add(&mut self, unique_id: &str) {
        if unique_id.is_empty() || self.is_duplicate(unique_id) {
            return;
        }
        if self.ids.len() == Self::SIZE {
            self.ids.remove(0);
        }
        self.ids.push(unique_id.into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn request(method: &str, args: Value, namespace: Option<&str>, version: Option<&str>) -> Request {
        Request {
            method: method.into(),
            args: args.as_object().unwrap().clone(),
            namespace: namespace.map(str::to_string),
            version: version.map(str::to_string),
            call: None,
            unique_id: "u".into(),
            context: Map::new(),
        }
    }

    fn endpoint(namespace: Option<&str>, version: Option<&str>, methods: Vec<Method>) -> Endpoint {
        Endpoint {
            name: "Endpoint".into(),
            target: Some(Target {
                namespace: namespace.map(str::to_string),
                version: version.map(str::to_string),
                ..Target::default()
            }),
            methods,
            source_file: None,
        }
    }

    fn foo() -> Method {
        Method::returning("foo", "1")
    }

    fn class_of(dispatch: &Dispatch) -> String {
        match &dispatch.outcome {
            Outcome::Returned { result } => format!("returned {result}"),
            Outcome::Raised { failure } => failure.class.clone(),
        }
    }

    #[test]
    fn version_compatibility() {
        assert!(version_is_compatible("1.0", "1.0"));
        assert!(version_is_compatible("3.4", "3.2"));
        assert!(!version_is_compatible("1.5", "3.2"));
        assert!(!version_is_compatible("7.5", "7.6"));
        assert!(version_is_compatible("1.1.5", "1.1.4"));
        assert!(!version_is_compatible("1.1", "1.1.1"));
        assert!(!version_is_compatible("1.0", "2.0"));
    }

    #[test]
    fn case_57_dispatcher_rules() {
        let two = vec![endpoint(None, Some("1.5"), vec![foo()]), endpoint(None, Some("3.4"), vec![foo()])];
        let chosen = dispatch(&two, &request("foo", json!({}), None, Some("3.2")));
        assert_eq!(chosen.checks.last(), Some(&EndpointCheck::Chosen { endpoint: 1 }));
        let old = vec![endpoint(None, Some("1.5"), vec![foo()]), endpoint(None, Some("3.0"), vec![foo()])];
        assert_eq!(class_of(&dispatch(&old, &request("foo", json!({}), None, Some("3.2")))), "UnsupportedVersion");
        assert_eq!(class_of(&dispatch(&[], &request("foo", json!({}), None, None))), "UnsupportedVersion");
        let one = vec![endpoint(None, None, vec![foo(), Method::returning("_foobar", "2")])];
        assert_eq!(class_of(&dispatch(&one, &request("foobar", json!({}), None, None))), "NoSuchMethod");
        let private = dispatch(&one, &request("_foobar", json!({}), None, None));
        assert_eq!(class_of(&private), "NoSuchMethod");
        assert_eq!(private.checks, [EndpointCheck::Refused { endpoint: 0 }]);
        let legacy = vec![Endpoint {
            target: Some(Target {
                namespace: Some("testns".into()),
                legacy_namespaces: vec![None],
                ..Target::default()
            }),
            ..endpoint(None, None, vec![foo()])
        }];
        assert_eq!(class_of(&dispatch(&legacy, &request("foo", json!({}), None, None))), "returned 1");
    }

    #[test]
    fn case_55_namespace_and_version() {
        let endpoints = vec![endpoint(Some("Name1"), Some("7.5"), vec![foo()])];
        assert_eq!(
            class_of(&dispatch(&endpoints, &request("foo", json!({}), Some("Name1"), Some("7.5")))),
            "returned 1"
        );
        assert_eq!(
            class_of(&dispatch(&endpoints, &request("foo", json!({}), Some("Name1"), Some("7.6")))),
            "UnsupportedVersion"
        );
        assert_eq!(
            class_of(&dispatch(&endpoints, &request("foo", json!({}), Some("Name2"), Some("7.5")))),
            "UnsupportedVersion"
        );
        // A namespaced endpoint does not take requests without a namespace.
        assert_eq!(
            class_of(&dispatch(&endpoints, &request("foo", json!({}), None, Some("7.5")))),
            "UnsupportedVersion"
        );
    }

    #[test]
    fn scripted_methods_return_raise_and_check_arguments() {
        let endpoints = vec![endpoint(
            None,
            Some("1.0"),
            vec![Method::returning("add", "a + b"), Method::raising("boom", "ValueError", "kaboom")],
        )];
        assert_eq!(
            class_of(&dispatch(&endpoints, &request("add", json!({"a": 2, "b": 40}), None, None))),
            "returned 42"
        );
        let boom = dispatch(&endpoints, &request("boom", json!({}), None, None));
        let Outcome::Raised { failure } = &boom.outcome else { panic!("boom raises") };
        assert_eq!(failure.tb.last().unwrap(), "ValueError: kaboom\n");
        assert!(failure.tb[4].contains("raise ValueError(\"kaboom\")"));
        let extra = dispatch(&endpoints, &request("add", json!({"a": 1, "b": 2, "c": 3}), None, None));
        let Outcome::Raised { failure } = &extra.outcome else { panic!("a TypeError") };
        assert_eq!(failure.message, "Endpoint.add() got an unexpected keyword argument 'c'");
        let missing = dispatch(&endpoints, &request("add", json!({}), None, None));
        let Outcome::Raised { failure } = &missing.outcome else { panic!("a TypeError") };
        assert_eq!(failure.message, "Endpoint.add() missing 2 required positional arguments: 'a' and 'b'");
        let wrong = dispatch(&endpoints, &request("add", json!({"a": 1, "b": "x"}), None, None));
        assert_eq!(class_of(&wrong), "TypeError");
    }

    #[test]
    fn duplicate_cache_keeps_the_last_sixteen() {
        let mut cache = MsgIdCache::default();
        for index in 0..17 {
            cache.add(&format!("id{index}"));
        }
        assert!(!cache.is_duplicate("id0"));
        assert!(cache.is_duplicate("id1"));
        assert!(cache.is_duplicate("id16"));
    }
}
