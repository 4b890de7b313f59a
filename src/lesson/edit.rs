//! A task's solution: edits of a scenario as data (bind a queue, set a queue argument,
//! change an actor's setting), applied to the scenario file so the result is checked exactly
//! as a file the learner could have saved. The studio applies the same edits to the canvas
//! for Show solution.

use serde_json::{Map, Value};

use crate::formats::Problem;
use crate::formats::read::Fields;
use crate::formats::scenario::{Diagnostic, Scenario};
use crate::formats::suggest::did_you_mean;
use crate::lesson::kind_of;

/// One edit of a scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Binds a queue (or an exchange) to an exchange.
    Bind {
        source: String,
        destination: String,
        destination_is_queue: bool,
        routing_key: String,
        arguments: Map<String, Value>,
    },
    /// Removes the bindings from `source` to `destination` with this key.
    Unbind { source: String, destination: String, routing_key: String },
    /// Sets (or, with `null`, removes) a queue argument such as `x-message-ttl`.
    SetQueueArgument { queue: String, argument: String, value: Value },
    /// Sets (or removes) an exchange argument such as `alternate-exchange`.
    SetExchangeArgument { exchange: String, argument: String, value: Value },
    /// Declares a classic queue with these arguments.
    DeclareQueue { name: String, arguments: Map<String, Value> },
    /// Declares an exchange of this type.
    DeclareExchange { name: String, kind: String },
    /// Sets one setting of an actor (`prefetch`, `auto_ack`, `routing_key`, `timeout_ms`...).
    SetActor { actor: String, field: String, value: Value },
}

const EDIT_KINDS: [&str; 7] =
    ["bind", "unbind", "set_queue_argument", "set_exchange_argument", "declare_queue", "declare_exchange", "set_actor"];

impl Edit {
    pub(crate) fn read(path: &str, value: &Value) -> Result<Edit, Diagnostic> {
        let (kind, fields) = kind_of(path, value, &EDIT_KINDS)?;
        Ok(match kind {
            "bind" => {
                let bind = Fields::of(
                    path,
                    &fields,
                    &["source", "destination", "destination_type", "routing_key", "arguments"],
                )?;
                let (source, destination) = (bind.required("source")?, bind.required("destination")?);
                let destination_type: String = bind.or("destination_type", "queue".into())?;
                let (routing_key, arguments) =
                    (bind.or("routing_key", String::new())?, bind.or("arguments", Map::new())?);
                let destination_is_queue = match destination_type.as_str() {
                    "queue" => true,
                    "exchange" => false,
                    other => {
                        return Err(Diagnostic::new(
                            format!("{path}.destination_type"),
                            Problem::UnknownVariant {
                                found: other.to_string(),
                                expected: vec!["queue".into(), "exchange".into()],
                            },
                        ));
                    }
                };
                Edit::Bind { source, destination, destination_is_queue, routing_key, arguments }
            }
            "unbind" => {
                let unbind = Fields::of(path, &fields, &["source", "destination", "routing_key"])?;
                Edit::Unbind {
                    source: unbind.required("source")?,
                    destination: unbind.required("destination")?,
                    routing_key: unbind.or("routing_key", String::new())?,
                }
            }
            "set_queue_argument" => {
                let set = Fields::of(path, &fields, &["queue", "argument", "value"])?;
                Edit::SetQueueArgument {
                    queue: set.required("queue")?,
                    argument: set.required("argument")?,
                    value: set.required("value")?,
                }
            }
            "set_exchange_argument" => {
                let set = Fields::of(path, &fields, &["exchange", "argument", "value"])?;
                Edit::SetExchangeArgument {
                    exchange: set.required("exchange")?,
                    argument: set.required("argument")?,
                    value: set.required("value")?,
                }
            }
            "declare_queue" => {
                let declare = Fields::of(path, &fields, &["name", "arguments"])?;
                Edit::DeclareQueue { name: declare.required("name")?, arguments: declare.or("arguments", Map::new())? }
            }
            "declare_exchange" => {
                let declare = Fields::of(path, &fields, &["name", "type"])?;
                Edit::DeclareExchange { name: declare.required("name")?, kind: declare.required("type")? }
            }
            _ => {
                let set = Fields::of(path, &fields, &["actor", "field", "value"])?;
                Edit::SetActor {
                    actor: set.required("actor")?,
                    field: set.required("field")?,
                    value: set.required("value")?,
                }
            }
        })
    }
}

/// The entries of a definitions section, created empty when missing.
fn section<'a>(definitions: &'a mut Value, name: &str) -> &'a mut Vec<Value> {
    if !definitions.is_object() {
        *definitions = Value::Object(Map::new());
    }
    let entry = definitions.as_object_mut().expect("an object").entry(name).or_insert_with(|| Value::Array(Vec::new()));
    if !entry.is_array() {
        *entry = Value::Array(Vec::new());
    }
    entry.as_array_mut().expect("an array")
}

fn named<'a>(entries: &'a mut [Value], name: &str) -> Option<&'a mut Value> {
    entries.iter_mut().find(|entry| entry.get("name").and_then(Value::as_str) == Some(name))
}

fn names_of(entries: &[Value], key: &str) -> Vec<String> {
    entries.iter().filter_map(|entry| entry.get(key).and_then(Value::as_str)).map(str::to_string).collect()
}

fn set_member(object: &mut Value, name: &str, value: &Value) {
    if let Value::Object(members) = object {
        if value.is_null() {
            members.shift_remove(name);
        } else {
            members.insert(name.to_string(), value.clone());
        }
    }
}

/// `scenario` with `edits` applied in order, checked as a file would be; the first edit that
/// names something missing is refused, with its index.
pub fn apply(scenario: &Scenario, edits: &[Edit]) -> Result<Scenario, Vec<Diagnostic>> {
    let mut document = serde_json::to_value(scenario).expect("scenarios serialize");
    for (idx, edit) in edits.iter().enumerate() {
        apply_one(&mut document, edit).map_err(|problem| vec![problem.at(format!("solution[{idx}]"))])?;
    }
    Scenario::from_json(&document.to_string())
}

fn missing(kind: &str, name: &str, known: &[String]) -> Diagnostic {
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    let suggestion = did_you_mean(name, &known);
    let problem = match kind {
        "queue" => Problem::NoQueueNamed { name: name.to_string(), suggestion },
        "actor" => Problem::NoActorNamed { name: name.to_string(), suggestion },
        _ => Problem::NoExchange { name: name.to_string() },
    };
    Diagnostic::new("", problem)
}

fn apply_one(document: &mut Value, edit: &Edit) -> Result<(), Diagnostic> {
    let definitions = &mut document["definitions"];
    match edit {
        Edit::Bind { source, destination, destination_is_queue, routing_key, arguments } => {
            section(definitions, "bindings").push(serde_json::json!({
                "source": source, "destination": destination,
                "destination_type": if *destination_is_queue { "queue" } else { "exchange" },
                "routing_key": routing_key, "arguments": arguments, "vhost": "/",
            }));
        }
        Edit::Unbind { source, destination, routing_key } => {
            section(definitions, "bindings").retain(|binding| {
                !(binding.get("source").and_then(Value::as_str) == Some(source)
                    && binding.get("destination").and_then(Value::as_str) == Some(destination)
                    && binding.get("routing_key").and_then(Value::as_str).unwrap_or("") == routing_key)
            });
        }
        Edit::SetQueueArgument { queue, argument, value } => {
            let queues = section(definitions, "queues");
            let known = names_of(queues, "name");
            let entry = named(queues, queue).ok_or_else(|| missing("queue", queue, &known))?;
            if entry.get("arguments").is_none_or(|arguments| !arguments.is_object()) {
                entry["arguments"] = Value::Object(Map::new());
            }
            set_member(&mut entry["arguments"], argument, value);
        }
        Edit::SetExchangeArgument { exchange, argument, value } => {
            let exchanges = section(definitions, "exchanges");
            let known = names_of(exchanges, "name");
            let entry = named(exchanges, exchange).ok_or_else(|| missing("exchange", exchange, &known))?;
            if entry.get("arguments").is_none_or(|arguments| !arguments.is_object()) {
                entry["arguments"] = Value::Object(Map::new());
            }
            set_member(&mut entry["arguments"], argument, value);
        }
        Edit::DeclareQueue { name, arguments } => {
            section(definitions, "queues").push(serde_json::json!({
                "name": name, "vhost": "/", "durable": true, "auto_delete": false, "arguments": arguments,
            }));
        }
        Edit::DeclareExchange { name, kind } => {
            section(definitions, "exchanges").push(serde_json::json!({
                "name": name, "vhost": "/", "type": kind, "durable": true, "auto_delete": false,
                "internal": false, "arguments": {},
            }));
        }
        Edit::SetActor { actor, field, value } => {
            let actors = document["actors"].as_array_mut().map_or(&mut [][..], Vec::as_mut_slice);
            let known = names_of(actors, "name");
            let entry = named(actors, actor).ok_or_else(|| missing("actor", actor, &known))?;
            set_member(entry, field, value);
        }
    }
    Ok(())
}
