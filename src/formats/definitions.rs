//! RabbitMQ definitions JSON, as `rabbitmqctl export_definitions` writes it and
//! `rabbitmqctl import_definitions` (or `POST /api/definitions`) reads it.
//!
//! Both of RabbitMQ's export forms open, from every release since 3.8: the whole broker
//! (`rabbitmqctl export_definitions`, `GET /api/definitions`) and, since 3.11 marked
//! `"rabbitmq_definition_format": "single_virtual_host"`, one virtual host (`GET
//! /api/definitions/{vhost}`), whose entries name no vhost.
//!
//! Loading builds a [`Topology`] from the `exchanges`, `queues` and `bindings` of one vhost
//! (`/`, or the single vhost's) and keeps every other member verbatim (users, vhosts,
//! permissions, policies, parameters, entries of other vhosts, members a newer
//! release writes), so saving an unchanged topology gives the same document back. What is
//! kept but not acted on is reported as diagnostics, never refused, as RabbitMQ's import
//! ignores keys it does not know. An invalid document is refused with a [`DefinitionsError`]
//! naming the JSON path and the problem, such as `bindings[2].destination: no queue named
//! "q9"`.
//!
//! Saving writes what `rabbitmqctl export_definitions` (3.10) writes: compact JSON, members
//! in name order, `vhost` on every entry (none in the single-vhost form), `"type":
//! "classic"` on queues, and no built-in exchanges (`""` and `amq.*`). One deliberate
//! difference: rabbitmqctl drops internal exchanges from its export, which would lose them,
//! so Kaiten writes them with `"internal": true` (a member the import reads).

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::engine::error::AmqpError;
use crate::engine::headers::XMatch;
use crate::engine::policy::{ApplyTo, Policies, Policy, PolicyKind};
use crate::engine::topology::{
    BUILTIN_EXCHANGES, Destination, ExchangeKind, ExchangeSpec, QueueArgs, QueueSpec, Topology,
    simulates_queue_argument,
};
use crate::engine::value::{FieldTable, FieldValue, table_from_json, table_to_json};
use crate::formats::Diagnostic;
use crate::formats::problem::{JsonKind, Problem};

/// The RabbitMQ release whose export format (and behaviour) Kaiten follows.
pub const RABBITMQ_VERSION: &str = "3.10.8";

/// A refused definitions document: where (a JSON path such as `queues[0].arguments.x-overflow`,
/// empty for the whole document) and what is wrong there.
pub type DefinitionsError = Diagnostic;

/// RabbitMQ's two export forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Form {
    /// The whole broker: users, vhosts, permissions, and `vhost` on every entry.
    #[default]
    Cluster,
    /// One virtual host (`"rabbitmq_definition_format": "single_virtual_host"`): its entries
    /// name no vhost, and the vhost's description, metadata and limits are top-level members.
    SingleVhost,
}

/// A loaded definitions document: the topology of one vhost plus everything else verbatim.
#[derive(Debug, Clone)]
pub struct Definitions {
    pub topology: Topology,
    carried: Carried,
}

/// What a definitions document carries besides the topology Kaiten simulates (users,
/// vhosts, permissions, policies, parameters, entries of other vhosts), and the entries as
/// loaded, so a topology saved through it writes everything back and unchanged entries
/// byte for byte.
#[derive(Debug, Clone, PartialEq)]
pub struct Carried {
    // Invariant: the loaded document's top-level members in their original order; the
    // `exchanges`, `queues` and `bindings` values here are stale and rebuilt on save.
    document: IndexMap<String, Value>,
    form: Form,
    // The vhost whose topology is simulated: `/`, or a single-vhost export's own.
    vhost: String,
    exchanges: Vec<Kept<ExchangeSpec>>,
    queues: Vec<Kept<QueueSpec>>,
    bindings: Vec<Kept<BindingKey>>,
}

impl Default for Carried {
    /// What an empty vhost `/` exports: the skeleton of a `rabbitmqctl export_definitions`
    /// document.
    fn default() -> Carried {
        Definitions::new(Topology::new()).carried
    }
}

impl Carried {
    /// The same, with every member of the `rabbitmqctl export_definitions` skeleton that the
    /// loaded document lacks added (empty) after its own members.
    pub fn completed(mut self) -> Carried {
        if self.form == Form::SingleVhost {
            return self;
        }
        for (name, value) in Carried::default().document {
            self.document.entry(name).or_insert(value);
        }
        self
    }
}

/// One entry of a section as loaded: either simulated (with the spec it was parsed into, so
/// save can tell whether it changed) or kept verbatim (another vhost, a built-in exchange).
#[derive(Debug, Clone, PartialEq)]
enum Kept<S> {
    Simulated { spec: S, original: Value },
    Verbatim(Value),
}

/// What identifies a binding in a definitions document.
#[derive(Debug, Clone, PartialEq)]
struct BindingKey {
    source: String,
    destination: String,
    destination_is_queue: bool,
    routing_key: String,
    arguments: FieldTable,
}

// Entries ignore members they do not name, as RabbitMQ's import does; `kept_members` reports them.
#[derive(Deserialize)]
struct ExchangeEntry {
    name: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    vhost: Option<String>,
    #[serde(default = "yes")]
    durable: bool,
    #[serde(default)]
    auto_delete: bool,
    #[serde(default)]
    internal: bool,
    #[serde(default)]
    arguments: Map<String, Value>,
}

#[derive(Deserialize)]
struct QueueEntry {
    name: String,
    #[serde(default)]
    vhost: Option<String>,
    #[serde(default = "yes")]
    durable: bool,
    #[serde(default)]
    auto_delete: bool,
    #[serde(default)]
    arguments: Map<String, Value>,
    #[serde(default, rename = "type")]
    queue_type: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum DestinationType {
    Queue,
    Exchange,
}

#[derive(Deserialize)]
struct BindingEntry {
    source: String,
    #[serde(default)]
    vhost: Option<String>,
    destination: String,
    destination_type: DestinationType,
    #[serde(default)]
    routing_key: String,
    #[serde(default)]
    arguments: Map<String, Value>,
}

const EXCHANGE_MEMBERS: &[&str] = &["name", "vhost", "type", "durable", "auto_delete", "internal", "arguments"];
const QUEUE_MEMBERS: &[&str] = &["name", "vhost", "durable", "auto_delete", "arguments", "type"];
const BINDING_MEMBERS: &[&str] = &["source", "vhost", "destination", "destination_type", "routing_key", "arguments"];

/// The members of a definitions document, as RabbitMQ 3.8 to 4.2 exports write them, cluster
/// and single-vhost; others are kept and reported.
const SECTIONS: &[&str] = &[
    "rabbit_version",
    "rabbitmq_version",
    "product_name",
    "product_version",
    "rabbitmq_definition_format",
    "original_cluster_name",
    "original_vhost_name",
    "explanation",
    "metadata",
    "description",
    "tags",
    "default_queue_type",
    "limits",
    "users",
    "vhosts",
    "permissions",
    "topic_permissions",
    "parameters",
    "global_parameters",
    "policies",
    "queues",
    "exchanges",
    "bindings",
];

fn yes() -> bool {
    true
}

/// Refuses an integer argument above `i64::MAX`: AMQP tables carry signed 64-bit integers,
/// and converting it to a float would show 2^63 as `9.223372036854776e+18`.
fn too_large_integers(prefix: &str, arguments: &Map<String, Value>) -> Result<(), DefinitionsError> {
    for (name, value) in arguments {
        if let Value::Number(number) = value
            && number.is_u64()
            && number.as_i64().is_none()
        {
            return Err(DefinitionsError::new(
                format!("{prefix}.{name}"),
                Problem::IntegerTooLarge { number: number.to_string(), max: i64::MAX.to_string() },
            ));
        }
    }
    Ok(())
}

/// A policy entry (`policies`, or the value of an `operator_policy` parameter).
#[derive(Debug, Deserialize)]
struct PolicyEntry {
    #[serde(default)]
    vhost: Option<String>,
    #[serde(default)]
    name: String,
    pattern: String,
    #[serde(rename = "apply-to", default = "apply_to_all")]
    apply_to: String,
    #[serde(default)]
    definition: Map<String, Value>,
    #[serde(default)]
    priority: i64,
}

fn apply_to_all() -> String {
    "all".into()
}

/// The policies of vhost `/`: the `policies` section and the `operator_policy` entries of
/// `parameters`, checked as `rabbitmqctl set_policy` would check them.
fn read_policies(
    document: &IndexMap<String, Value>,
    vhost: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<Policy>, DefinitionsError> {
    let mut policies = Vec::new();
    for (idx, value) in section(document, "policies")?.iter().enumerate() {
        let path = format!("policies[{idx}]");
        let parsed: PolicyEntry = entry(&path, value)?;
        policies.extend(make_policy(&path, vhost, PolicyKind::User, parsed, diagnostics)?);
    }
    for (idx, value) in section(document, "parameters")?.iter().enumerate() {
        let component = value.get("component").and_then(Value::as_str).unwrap_or_default();
        if component != "operator_policy" {
            let component = component.to_string();
            diagnostics.push(Diagnostic::new(format!("parameters[{idx}]"), Problem::ParameterNotApplied { component }));
            continue;
        }
        let path = format!("parameters[{idx}].value");
        let mut inner = value.get("value").cloned().unwrap_or(Value::Null);
        if let Value::Object(members) = &mut inner {
            members.insert("name".into(), value.get("name").cloned().unwrap_or(Value::Null));
            if let Some(vhost) = value.get("vhost") {
                members.insert("vhost".into(), vhost.clone());
            }
        }
        let parsed: PolicyEntry = entry(&path, &inner)?;
        policies.extend(make_policy(&path, vhost, PolicyKind::Operator, parsed, diagnostics)?);
    }
    Ok(policies)
}

fn make_policy(
    path: &str,
    vhost: &str,
    kind: PolicyKind,
    parsed: PolicyEntry,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<Policy>, DefinitionsError> {
    if parsed.vhost.as_deref().is_some_and(|name| name != vhost) {
        diagnostics.push(other_vhost(path, &parsed.vhost));
        return Ok(None);
    }
    let apply_to = ApplyTo::parse(&parsed.apply_to).ok_or_else(|| {
        DefinitionsError::new(format!("{path}.apply-to"), Problem::ApplyToInvalid { found: parsed.apply_to.clone() })
    })?;
    too_large_integers(&format!("{path}.definition"), &parsed.definition)?;
    let definition = table_from_json(&Value::Object(parsed.definition));
    let policy =
        Policy::new(&parsed.name, &parsed.pattern, apply_to, parsed.priority, kind, definition).map_err(|error| {
            DefinitionsError::new(format!("{path}.{}", error.member), Problem::Policy { problem: error.problem })
        })?;
    let unsimulated = policy.unsimulated_keys();
    if !unsimulated.is_empty() {
        diagnostics.push(Diagnostic::new(
            format!("{path}.definition"),
            Problem::PolicyKeysNotSimulated { keys: unsimulated.iter().map(|key| key.to_string()).collect() },
        ));
    }
    Ok(Some(policy))
}

/// Reads one entry with serde, naming the failing member's path under `prefix`.
fn entry<T: for<'de> Deserialize<'de>>(prefix: &str, value: &Value) -> Result<T, DefinitionsError> {
    crate::formats::read::read(value).map_err(|problem| {
        let path = if problem.path.is_empty() { prefix.to_string() } else { format!("{prefix}.{}", problem.path) };
        problem.at(path)
    })
}

fn section<'a>(document: &'a IndexMap<String, Value>, name: &str) -> Result<&'a [Value], DefinitionsError> {
    match document.get(name) {
        None => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        Some(other) => {
            Err(DefinitionsError::new(name, Problem::WrongKind { expected: JsonKind::Array, got: JsonKind::of(other) }))
        }
    }
}

/// Reports the members of the object `value` (at `path`) that are not in `known`: RabbitMQ's
/// import ignores them, so they are kept, written back, and said once.
fn kept_members(path: &str, value: &Value, known: &[&str], diagnostics: &mut Vec<Diagnostic>) {
    let Value::Object(members) = value else { return };
    for name in members.keys().filter(|name| !known.contains(&name.as_str())) {
        let at = if path.is_empty() { name.clone() } else { format!("{path}.{name}") };
        let suggestion = crate::formats::suggest::did_you_mean(name, known);
        diagnostics.push(Diagnostic::new(at, Problem::KeyKept { suggestion }));
    }
}

/// The document's form, and the vhost whose topology is simulated: a single-vhost export's
/// `original_vhost_name`, else `/`. Single-vhost exports before 4.0.5 say neither: they are a
/// RabbitMQ export (`rabbit_version`) with none of the broker's sections and no entry naming
/// its vhost, and their vhost's name is not in them (`/` stands for it).
fn form_and_vhost(document: &IndexMap<String, Value>) -> Result<(Form, String), DefinitionsError> {
    let text = |name: &str| -> Result<Option<&str>, DefinitionsError> {
        match document.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => Ok(Some(text)),
            Some(other) => Err(DefinitionsError::new(
                name,
                Problem::WrongKind { expected: JsonKind::String, got: JsonKind::of(other) },
            )),
        }
    };
    if text("rabbitmq_definition_format")? == Some("single_virtual_host") {
        let vhost = text("original_vhost_name")?.unwrap_or("/").to_string();
        return Ok((Form::SingleVhost, vhost));
    }
    let broker_sections = ["users", "vhosts", "permissions", "topic_permissions", "global_parameters"];
    let names_a_vhost = PER_VHOST.iter().any(|name| {
        document
            .get(*name)
            .and_then(Value::as_array)
            .is_some_and(|entries| entries.iter().any(|entry| entry.get("vhost").is_some()))
    });
    let older_single_vhost = document.contains_key("rabbit_version")
        && text("rabbitmq_definition_format")?.is_none()
        && !broker_sections.iter().any(|name| document.contains_key(*name))
        && !names_a_vhost;
    let form = if older_single_vhost { Form::SingleVhost } else { Form::Cluster };
    Ok((form, "/".to_string()))
}

/// The simulated vhost's `default_queue_type` (3.11+): a member of its entry, or of its
/// metadata, or (single-vhost form) of the document.
fn default_queue_type<'a>(document: &'a IndexMap<String, Value>, form: Form, vhost: &str) -> Option<&'a str> {
    let of = |entry: &'a Value| {
        let direct = entry.get("default_queue_type").and_then(Value::as_str);
        direct.or_else(|| entry.get("metadata")?.get("default_queue_type")?.as_str())
    };
    match form {
        Form::SingleVhost => {
            let direct = document.get("default_queue_type").and_then(Value::as_str);
            direct.or_else(|| document.get("metadata")?.get("default_queue_type")?.as_str())
        }
        Form::Cluster => document
            .get("vhosts")?
            .as_array()?
            .iter()
            .find(|entry| entry.get("name").and_then(Value::as_str) == Some(vhost))
            .and_then(of),
    }
}

impl Definitions {
    /// An empty vhost `/` with the skeleton of a `rabbitmqctl export_definitions` document.
    pub fn new(topology: Topology) -> Definitions {
        let mut document = IndexMap::new();
        for (name, value) in [
            ("bindings", Value::Array(Vec::new())),
            ("exchanges", Value::Array(Vec::new())),
            ("global_parameters", Value::Array(Vec::new())),
            ("parameters", Value::Array(Vec::new())),
            ("permissions", Value::Array(Vec::new())),
            ("policies", Value::Array(Vec::new())),
            ("queues", Value::Array(Vec::new())),
            ("rabbit_version", Value::from(RABBITMQ_VERSION)),
            ("rabbitmq_version", Value::from(RABBITMQ_VERSION)),
            ("topic_permissions", Value::Array(Vec::new())),
            ("users", Value::Array(Vec::new())),
            (
                "vhosts",
                serde_json::json!([{"limits": [], "metadata": {"description": "Default virtual host", "tags": []}, "name": "/"}]),
            ),
        ] {
            document.insert(name.to_string(), value);
        }
        let (mut policies, mut parameters) = (Vec::new(), Vec::new());
        for policy in topology.policies().iter() {
            let value = serde_json::json!({
                "apply-to": policy.apply_to.as_str(),
                "definition": table_to_json(&policy.definition),
                "pattern": policy.pattern,
                "priority": policy.priority,
            });
            match policy.kind {
                PolicyKind::User => {
                    let mut entry = value;
                    entry["name"] = Value::from(policy.name.as_str());
                    entry["vhost"] = Value::from("/");
                    policies.push(entry);
                }
                PolicyKind::Operator => parameters.push(serde_json::json!({
                    "component": "operator_policy", "name": policy.name, "value": value, "vhost": "/",
                })),
            }
        }
        document.insert("policies".into(), Value::Array(policies));
        document.insert("parameters".into(), Value::Array(parameters));
        let carried = Carried {
            document,
            form: Form::Cluster,
            vhost: "/".to_string(),
            exchanges: Vec::new(),
            queues: Vec::new(),
            bindings: Vec::new(),
        };
        Definitions { topology, carried }
    }

    /// `topology` saved through what a loaded document carries: the loaded entries of
    /// everything else come back verbatim.
    pub fn carrying(topology: Topology, carried: Carried) -> Definitions {
        Definitions { topology, carried }
    }

    /// The topology, and what the document carries besides it.
    pub fn into_parts(self) -> (Topology, Carried) {
        (self.topology, self.carried)
    }

    /// Parses a definitions document of either form (a byte-order mark first is skipped, as
    /// RabbitMQ skips it). Returns the definitions and what the simulation keeps but does
    /// not act on (policies' other keys, other vhosts, members it does not know),
    /// or the first problem found.
    pub fn parse(text: &str) -> Result<(Definitions, Vec<Diagnostic>), DefinitionsError> {
        let document = crate::formats::parse_json(text.strip_prefix('\u{feff}').unwrap_or(text))?;
        let Value::Object(document) = document else {
            return Err(DefinitionsError::new("", Problem::DefinitionsNotObject { got: JsonKind::of(&document) }));
        };
        let document: IndexMap<String, Value> = document.into_iter().collect();
        let mut diagnostics = Vec::new();
        kept_members("", &Value::Object(document.clone().into_iter().collect()), SECTIONS, &mut diagnostics);
        let (form, vhost) = form_and_vhost(&document)?;
        let default_queue_type = default_queue_type(&document, form, &vhost);
        let mut topology = Topology::new();
        let policies = read_policies(&document, &vhost, &mut diagnostics)?;
        if !policies.is_empty() {
            topology.set_policies(Policies::new(policies));
        }
        let in_vhost = |entry: &Option<String>| entry.as_deref().is_none_or(|name| name == vhost);
        let mut exchanges = Vec::new();
        let mut queues = Vec::new();
        let mut bindings = Vec::new();

        for (idx, value) in section(&document, "exchanges")?.iter().enumerate() {
            let path = format!("exchanges[{idx}]");
            let parsed: ExchangeEntry = entry(&path, value)?;
            kept_members(&path, value, EXCHANGE_MEMBERS, &mut diagnostics);
            if !in_vhost(&parsed.vhost) {
                diagnostics.push(other_vhost(&path, &parsed.vhost));
                exchanges.push(Kept::Verbatim(value.clone()));
                continue;
            }
            let kind = ExchangeKind::parse(&parsed.kind).ok_or_else(|| {
                DefinitionsError::new(
                    format!("{path}.type"),
                    Problem::UnknownExchangeType { found: parsed.kind.clone() },
                )
            })?;
            if let Some((_, builtin_kind)) = BUILTIN_EXCHANGES.iter().find(|(name, _)| *name == parsed.name) {
                if *builtin_kind != kind {
                    return Err(DefinitionsError::new(
                        format!("{path}.type"),
                        Problem::BuiltinExchangeType {
                            name: parsed.name.clone(),
                            kind: builtin_kind.as_str().to_string(),
                        },
                    ));
                }
                // Built-in exchanges exist in every vhost; RabbitMQ's export leaves them out.
                continue;
            }
            // Another `amq.*` name (4.2's `amq.rabbitmq.log`): RabbitMQ's import skips it.
            if parsed.name.starts_with("amq.") {
                diagnostics.push(Diagnostic::new(path, Problem::ReservedExchangeKept { name: parsed.name }));
                exchanges.push(Kept::Verbatim(value.clone()));
                continue;
            }
            too_large_integers(&format!("{path}.arguments"), &parsed.arguments)?;
            for name in parsed.arguments.keys().filter(|name| *name != "alternate-exchange") {
                diagnostics.push(Diagnostic::new(format!("{path}.arguments.{name}"), Problem::ArgumentNotSimulated));
            }
            let arguments = table_from_json(&Value::Object(parsed.arguments));
            if let Some(ae) = arguments.get("alternate-exchange")
                && ae.as_str().is_none()
            {
                return Err(DefinitionsError::new(
                    format!("{path}.arguments.alternate-exchange"),
                    Problem::AlternateExchangeNotName { got: ae.to_json().to_string() },
                ));
            }
            let spec = ExchangeSpec {
                name: parsed.name,
                kind,
                durable: parsed.durable,
                auto_delete: parsed.auto_delete,
                internal: parsed.internal,
                arguments,
            };
            topology.declare_exchange(spec.clone()).map_err(|error| amqp_problem(&path, "name", &error))?;
            exchanges.push(Kept::Simulated { spec, original: value.clone() });
        }

        for (idx, value) in section(&document, "queues")?.iter().enumerate() {
            let path = format!("queues[{idx}]");
            let mut parsed: QueueEntry = entry(&path, value)?;
            kept_members(&path, value, QUEUE_MEMBERS, &mut diagnostics);
            if !in_vhost(&parsed.vhost) {
                diagnostics.push(other_vhost(&path, &parsed.vhost));
                queues.push(Kept::Verbatim(value.clone()));
                continue;
            }
            let declared = parsed.arguments.get("x-queue-type").and_then(Value::as_str).map(str::to_string);
            let queue_type = parsed.queue_type.clone().or_else(|| declared.clone());
            // A queue declared in a vhost whose default queue type is quorum (or stream) is
            // one without the argument saying so; its export says it by its type.
            if let (None, Some(kind @ ("quorum" | "stream"))) = (declared.as_deref(), queue_type.as_deref())
                && (default_queue_type == Some(kind) || kind == "stream")
            {
                parsed.arguments.insert("x-queue-type".into(), Value::from(kind));
            }
            let declared_as = parsed.arguments.get("x-queue-type").and_then(Value::as_str);
            let (declared_quorum, declared_stream) = (declared_as == Some("quorum"), declared_as == Some("stream"));
            match parsed.queue_type.as_deref() {
                None | Some("classic") if !declared_quorum && !declared_stream => {}
                // HTTP exports before 4.2.9 write no `type`: the argument says it.
                None | Some("quorum") if declared_quorum => {}
                None | Some("stream") if declared_stream => {}
                Some("quorum") => {
                    return Err(DefinitionsError::new(format!("{path}.type"), Problem::QuorumNeedsArgument));
                }
                Some("classic") | None => {
                    return Err(DefinitionsError::new(format!("{path}.type"), Problem::ArgumentsMakeQuorum));
                }
                Some(queue_type) => {
                    return Err(DefinitionsError::new(
                        format!("{path}.type"),
                        Problem::QueueTypeNotSimulated { found: queue_type.to_string() },
                    ));
                }
            }
            too_large_integers(&format!("{path}.arguments"), &parsed.arguments)?;
            // In the file's order; a stream's retention and placement arguments are kept, not
            // simulated.
            for (name, value) in &parsed.arguments {
                let simulated = if declared_stream {
                    name == "x-queue-type"
                } else {
                    simulates_queue_argument(name, &FieldValue::from_json(value))
                };
                if !simulated {
                    diagnostics
                        .push(Diagnostic::new(format!("{path}.arguments.{name}"), Problem::ArgumentNotSimulated));
                }
            }
            let arguments = table_from_json(&Value::Object(parsed.arguments));
            // Check arguments one by one so the error names the one at fault.
            for (name, argument) in &arguments {
                let mut alone = FieldTable::new();
                alone.insert(name.clone(), argument.clone());
                if let Err(error) = QueueArgs::parse(&parsed.name, &alone) {
                    return Err(DefinitionsError::new(
                        format!("{path}.arguments.{name}"),
                        Problem::Broker { text: error.text().to_string() },
                    ));
                }
            }
            let spec = QueueSpec {
                name: parsed.name,
                durable: parsed.durable,
                exclusive: false,
                auto_delete: parsed.auto_delete,
                arguments,
            };
            if let Err(error) = crate::engine::topology::check_queue_type(&spec) {
                return Err(DefinitionsError::new(path, precondition_failed(error.text())));
            }
            if let Err(error) = crate::engine::topology::check_dead_letter_routing_key(&spec) {
                return Err(DefinitionsError::new(
                    format!("{path}.arguments.x-dead-letter-routing-key"),
                    precondition_failed(error.text()),
                ));
            }
            topology.declare_queue(spec.clone()).map_err(|error| amqp_problem(&path, "name", &error))?;
            queues.push(Kept::Simulated { spec, original: value.clone() });
        }

        for (idx, value) in section(&document, "bindings")?.iter().enumerate() {
            let path = format!("bindings[{idx}]");
            let parsed: BindingEntry = entry(&path, value)?;
            kept_members(&path, value, BINDING_MEMBERS, &mut diagnostics);
            if !in_vhost(&parsed.vhost) {
                diagnostics.push(other_vhost(&path, &parsed.vhost));
                bindings.push(Kept::Verbatim(value.clone()));
                continue;
            }
            let destination_is_queue = matches!(parsed.destination_type, DestinationType::Queue);
            let source = topology.exchange_by_name(&parsed.source).ok_or_else(|| {
                DefinitionsError::new(format!("{path}.source"), Problem::NoExchange { name: parsed.source.clone() })
            })?;
            if source.name().is_empty() {
                return Err(DefinitionsError::new(format!("{path}.source"), Problem::DefaultExchangeBound));
            }
            let (source_id, source_kind) = (source.id, source.spec.kind);
            let destination = if destination_is_queue {
                topology.queue_by_name(&parsed.destination).map(|queue| Destination::Queue(queue.id))
            } else {
                topology.exchange_by_name(&parsed.destination).map(|exchange| Destination::Exchange(exchange.id))
            }
            .ok_or_else(|| {
                let name = parsed.destination.clone();
                let problem =
                    if destination_is_queue { Problem::NoQueue { name } } else { Problem::NoExchange { name } };
                DefinitionsError::new(format!("{path}.destination"), problem)
            })?;
            too_large_integers(&format!("{path}.arguments"), &parsed.arguments)?;
            let arguments = table_from_json(&Value::Object(parsed.arguments));
            if source_kind == ExchangeKind::Headers
                && let Err(mode) = XMatch::from_arguments(&arguments)
            {
                return Err(DefinitionsError::new(
                    format!("{path}.arguments.x-match"),
                    Problem::XMatchInvalid { found: mode.to_string() },
                ));
            }
            topology
                .bind(source_id, destination, &parsed.routing_key, arguments.clone())
                .map_err(|error| amqp_problem(&path, "destination", &error))?;
            let key = BindingKey {
                source: parsed.source,
                destination: parsed.destination,
                destination_is_queue,
                routing_key: parsed.routing_key,
                arguments,
            };
            bindings.push(Kept::Simulated { spec: key, original: value.clone() });
        }
        let carried = Carried { document, form, vhost, exchanges, queues, bindings };
        Ok((Definitions { topology, carried }, diagnostics))
    }

    /// The form the document was loaded in (a new one is a cluster export).
    pub fn form(&self) -> Form {
        self.carried.form
    }

    /// The document for the current topology in the form it was loaded in, as `rabbitmqctl
    /// export_definitions` (or, for one vhost, `GET /api/definitions/{vhost}`) writes it.
    pub fn to_json(&self) -> Value {
        self.to_json_as(self.carried.form)
    }

    /// The document for the current topology in `form`: a single vhost's export becomes a
    /// broker's holding just that vhost; a broker's becomes the export of the simulated vhost,
    /// without what belongs to the broker (users, other vhosts, permissions).
    pub fn to_json_as(&self, form: Form) -> Value {
        let own = self.own_form_json();
        match (self.carried.form, form) {
            (Form::SingleVhost, Form::Cluster) => single_to_cluster(own, &self.carried.vhost),
            (Form::Cluster, Form::SingleVhost) => cluster_to_single(own, &self.carried.vhost),
            _ => Value::Object(own),
        }
    }

    fn own_form_json(&self) -> Map<String, Value> {
        let topology = &self.topology;
        let vhost = (self.carried.form == Form::Cluster).then_some(self.carried.vhost.as_str());
        let current_exchanges: Vec<(ExchangeSpec, Value)> = topology
            .exchanges()
            .filter(|exchange| !exchange.is_builtin())
            .map(|exchange| (exchange.spec.clone(), exchange_json(&exchange.spec, vhost)))
            .collect();
        let current_queues: Vec<(QueueSpec, Value)> =
            topology.queues().map(|queue| (queue.spec.clone(), queue_json(&queue.spec, vhost))).collect();
        let current_bindings: Vec<(BindingKey, Value)> = topology
            .bindings()
            .map(|binding| {
                let (destination, destination_is_queue) = match binding.destination {
                    Destination::Queue(queue) => (topology.queue(queue).map_or("", |queue| queue.name()), true),
                    Destination::Exchange(exchange) => (topology.exchange(exchange).map_or("", |x| x.name()), false),
                };
                let key = BindingKey {
                    source: topology.exchange(binding.source).map_or("", |x| x.name()).to_string(),
                    destination: destination.to_string(),
                    destination_is_queue,
                    routing_key: binding.routing_key.clone(),
                    arguments: binding.arguments.clone(),
                };
                let json = binding_json(&key, vhost);
                (key, json)
            })
            .collect();
        let carried = &self.carried;
        let mut document: Map<String, Value> = Map::new();
        for (name, value) in &carried.document {
            let rebuilt = match name.as_str() {
                "exchanges" => merge(&carried.exchanges, &current_exchanges, |a, b| a.name == b.name),
                "queues" => merge(&carried.queues, &current_queues, |a, b| a.name == b.name),
                "bindings" => merge(&carried.bindings, &current_bindings, |a, b| a == b),
                _ => value.clone(),
            };
            document.insert(name.clone(), rebuilt);
        }
        for name in ["exchanges", "queues", "bindings"] {
            if !document.contains_key(name) {
                let items = match name {
                    "exchanges" => merge(&carried.exchanges, &current_exchanges, |a, b| a.name == b.name),
                    "queues" => merge(&carried.queues, &current_queues, |a, b| a.name == b.name),
                    _ => merge(&carried.bindings, &current_bindings, |a, b| a == b),
                };
                if items.as_array().is_some_and(|items| !items.is_empty()) {
                    document.insert(name.to_string(), items);
                }
            }
        }
        document
    }

    /// The document as text: compact, like `rabbitmqctl export_definitions`.
    pub fn save(&self) -> String {
        self.to_json().to_string()
    }
}

/// Rebuilds one section: loaded entries in their original order (verbatim when the entity
/// is unchanged, regenerated when it changed, left out when it is gone), then new ones.
fn merge<S: PartialEq>(loaded: &[Kept<S>], current: &[(S, Value)], same: impl Fn(&S, &S) -> bool) -> Value {
    let mut used = vec![false; current.len()];
    let mut out = Vec::new();
    for kept in loaded {
        match kept {
            Kept::Verbatim(value) => out.push(value.clone()),
            Kept::Simulated { spec, original } => {
                let found = current.iter().enumerate().find(|(idx, (now, _))| !used[*idx] && same(spec, now));
                if let Some((idx, (now, generated))) = found {
                    used[idx] = true;
                    out.push(if now == spec { original.clone() } else { generated.clone() });
                }
            }
        }
    }
    for (idx, (_, generated)) in current.iter().enumerate() {
        if !used[idx] {
            out.push(generated.clone());
        }
    }
    Value::Array(out)
}

/// Members of a single-vhost export that describe its vhost; a cluster export has them on
/// the vhost's entry in `vhosts`.
const VHOST_MEMBERS: [&str; 5] = ["description", "metadata", "tags", "default_queue_type", "limits"];

/// The sections whose entries belong to one vhost.
const PER_VHOST: [&str; 5] = ["exchanges", "queues", "bindings", "policies", "parameters"];

/// A single vhost's export as a cluster export holding that vhost: `vhost` on every entry,
/// the vhost's members on its entry in `vhosts`.
fn single_to_cluster(document: Map<String, Value>, vhost: &str) -> Value {
    let mut vhost_entry = Map::new();
    vhost_entry.insert("name".into(), Value::from(vhost));
    let mut out = Map::new();
    for (name, value) in document {
        match name.as_str() {
            "rabbitmq_definition_format" => {
                out.insert(name, Value::from("cluster"));
            }
            "original_vhost_name" | "explanation" => {}
            member if VHOST_MEMBERS.contains(&member) => {
                vhost_entry.insert(name, value);
            }
            section if PER_VHOST.contains(&section) => {
                let entries = entries_of(value).into_iter().map(|entry| with_vhost(entry, vhost)).collect();
                out.insert(name, Value::Array(entries));
            }
            _ => {
                out.insert(name, value);
            }
        }
    }
    for name in ["users", "permissions", "topic_permissions", "global_parameters"] {
        out.entry(name).or_insert_with(|| Value::Array(Vec::new()));
    }
    out.insert("vhosts".into(), Value::Array(vec![Value::Object(vhost_entry)]));
    Value::Object(out)
}

/// A cluster export as the export of its vhost `vhost` alone, as `GET
/// /api/definitions/{vhost}` writes it: that vhost's entries without `vhost`, its entry's
/// members at the top, nothing that belongs to the broker.
fn cluster_to_single(document: Map<String, Value>, vhost: &str) -> Value {
    let vhost_entry = document.get("vhosts").and_then(Value::as_array).and_then(|entries| {
        entries.iter().find(|entry| entry.get("name").and_then(Value::as_str) == Some(vhost)).cloned()
    });
    let mut out = Map::new();
    for (name, value) in document {
        match name.as_str() {
            "rabbitmq_definition_format" | "original_cluster_name" | "explanation" => {}
            "users" | "vhosts" | "permissions" | "topic_permissions" | "global_parameters" => {}
            section if PER_VHOST.contains(&section) => {
                let entries = entries_of(value)
                    .into_iter()
                    .filter(|entry| entry.get("vhost").and_then(Value::as_str).is_none_or(|name| name == vhost))
                    .map(without_vhost)
                    .collect();
                out.insert(name, Value::Array(entries));
            }
            _ => {
                out.insert(name, value);
            }
        }
    }
    out.insert("rabbitmq_definition_format".into(), Value::from("single_virtual_host"));
    out.insert("original_vhost_name".into(), Value::from(vhost));
    out.insert("explanation".into(), Value::from(format!("Definitions of virtual host '{vhost}'")));
    if let Some(Value::Object(entry)) = vhost_entry {
        for (name, value) in entry {
            if VHOST_MEMBERS.contains(&name.as_str()) {
                out.insert(name, value);
            }
        }
    }
    Value::Object(out)
}

fn entries_of(section: Value) -> Vec<Value> {
    match section {
        Value::Array(entries) => entries,
        _ => Vec::new(),
    }
}

/// The entry with `vhost` set, placed among its members in name order as exports write them.
fn with_vhost(entry: Value, vhost: &str) -> Value {
    let Value::Object(members) = entry else { return entry };
    if members.contains_key("vhost") {
        return Value::Object(members);
    }
    let mut out = Map::new();
    let mut placed = false;
    for (name, value) in members {
        if !placed && name.as_str() > "vhost" {
            out.insert("vhost".into(), Value::from(vhost));
            placed = true;
        }
        out.insert(name, value);
    }
    if !placed {
        out.insert("vhost".into(), Value::from(vhost));
    }
    Value::Object(out)
}

fn without_vhost(entry: Value) -> Value {
    match entry {
        Value::Object(mut members) => {
            members.shift_remove("vhost");
            Value::Object(members)
        }
        other => other,
    }
}

fn exchange_json(spec: &ExchangeSpec, vhost: Option<&str>) -> Value {
    let mut object = Map::new();
    object.insert("arguments".into(), table_to_json(&spec.arguments));
    object.insert("auto_delete".into(), Value::Bool(spec.auto_delete));
    object.insert("durable".into(), Value::Bool(spec.durable));
    if spec.internal {
        object.insert("internal".into(), Value::Bool(true));
    }
    object.insert("name".into(), Value::from(spec.name.as_str()));
    object.insert("type".into(), Value::from(spec.kind.as_str()));
    if let Some(vhost) = vhost {
        object.insert("vhost".into(), Value::from(vhost));
    }
    Value::Object(object)
}

fn queue_json(spec: &QueueSpec, vhost: Option<&str>) -> Value {
    let mut object = Map::new();
    object.insert("arguments".into(), table_to_json(&spec.arguments));
    object.insert("auto_delete".into(), Value::Bool(spec.auto_delete));
    object.insert("durable".into(), Value::Bool(spec.durable));
    object.insert("name".into(), Value::from(spec.name.as_str()));
    let kind = if crate::engine::quorum::is_quorum(&spec.arguments) {
        "quorum"
    } else if crate::engine::stream::is_stream(&spec.arguments) {
        "stream"
    } else {
        "classic"
    };
    object.insert("type".into(), Value::from(kind));
    if let Some(vhost) = vhost {
        object.insert("vhost".into(), Value::from(vhost));
    }
    Value::Object(object)
}

fn binding_json(key: &BindingKey, vhost: Option<&str>) -> Value {
    let mut object = Map::new();
    object.insert("arguments".into(), table_to_json(&key.arguments));
    object.insert("destination".into(), Value::from(key.destination.as_str()));
    object.insert("destination_type".into(), Value::from(if key.destination_is_queue { "queue" } else { "exchange" }));
    object.insert("routing_key".into(), Value::from(key.routing_key.as_str()));
    object.insert("source".into(), Value::from(key.source.as_str()));
    if let Some(vhost) = vhost {
        object.insert("vhost".into(), Value::from(vhost));
    }
    Value::Object(object)
}

fn other_vhost(path: &str, vhost: &Option<String>) -> Diagnostic {
    Diagnostic::new(path, Problem::OtherVhost { vhost: vhost.clone().unwrap_or_default() })
}

fn amqp_problem(path: &str, member: &str, error: &AmqpError) -> DefinitionsError {
    DefinitionsError::new(format!("{path}.{member}"), Problem::Broker { text: error.to_string() })
}

/// The broker model's refusal of a declaration, with the reply code RabbitMQ answers with.
fn precondition_failed(text: &str) -> Problem {
    Problem::Broker { text: format!("{text} (406 PRECONDITION_FAILED)") }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPORT: &str = r#"{"bindings":[{"arguments":{"a":"b","z":1},"destination":"q1","destination_type":"queue","routing_key":"a.#","source":"x","vhost":"/"}],"exchanges":[{"arguments":{"alternate-exchange":"ae"},"auto_delete":false,"durable":true,"name":"x","type":"topic","vhost":"/"}],"global_parameters":[],"parameters":[],"permissions":[{"configure":".*","read":".*","user":"guest","vhost":"/","write":".*"}],"policies":[],"queues":[{"arguments":{"x-max-length":3,"x-overflow":"reject-publish"},"auto_delete":false,"durable":true,"name":"q1","type":"classic","vhost":"/"}],"rabbit_version":"3.10.8","rabbitmq_version":"3.10.8","topic_permissions":[],"users":[{"hashing_algorithm":"rabbit_password_hashing_sha256","limits":{},"name":"guest","password_hash":"4C9+RFUwD2P9ujjlq6pTZ2FSPnVrXJzM2lSLujA4Qm5er7sl","tags":["administrator"]}],"vhosts":[{"limits":[],"metadata":{"description":"Default virtual host","tags":[]},"name":"/"}]}"#;

    #[test]
    fn a_rabbitmqctl_export_round_trips_byte_for_byte() {
        let (definitions, diagnostics) = Definitions::parse(EXPORT).unwrap();
        assert!(diagnostics.is_empty());
        assert_eq!(definitions.save(), EXPORT);
        assert_eq!(definitions.topology.queues().count(), 1);
    }

    #[test]
    fn saving_a_changed_topology_writes_rabbitmqctl_entries() {
        let (mut definitions, _) = Definitions::parse(EXPORT).unwrap();
        definitions.topology.declare_queue(QueueSpec::new("q2")).unwrap();
        let saved = definitions.to_json();
        assert_eq!(
            saved["queues"][1].to_string(),
            r#"{"arguments":{},"auto_delete":false,"durable":true,"name":"q2","type":"classic","vhost":"/"}"#
        );
        assert_eq!(saved["exchanges"].as_array().unwrap().len(), 1, "built-in exchanges are left out");
    }

    #[test]
    fn a_hundred_thousand_bindings_load_and_duplicates_are_still_merged() {
        // Loading was quadratic (30,000 bindings took 5.6 s): each bind scanned every binding.
        let mut bindings: Vec<Value> = (0..100_000)
            .map(|idx| {
                serde_json::json!({"source": "x", "destination": format!("q{}", idx % 100), "destination_type": "queue",
                    "routing_key": format!("k{idx}.#"), "arguments": {}, "vhost": "/"})
            })
            .collect();
        bindings.push(bindings[5].clone());
        let queues: Vec<Value> = (0..100).map(|idx| serde_json::json!({"name": format!("q{idx}")})).collect();
        let document = serde_json::json!({"exchanges": [{"name": "x", "type": "topic"}], "queues": queues,
            "bindings": bindings});
        let (definitions, _) = Definitions::parse(&document.to_string()).unwrap();
        assert_eq!(definitions.topology.bindings().count(), 100_000);
    }
}
