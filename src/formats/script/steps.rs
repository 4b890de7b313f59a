//! The steps of a headless AMQP script and their parser, which names the JSON path of the
//! first problem.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Script, ScriptError};
use crate::formats::problem::{JsonKind, Problem, names};

/// One client step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum Step {
    Publish(Box<PublishStep>),
    Get(GetStep),
    Ack(AckStep),
    Nack(NackStep),
    Reject(RejectStep),
    Consume(ConsumeStep),
    Cancel(CancelStep),
    AdvanceTime(AdvanceTimeStep),
    Declare(DeclareStep),
    Case(CaseStep),
}

impl Step {
    /// The step's name as scripts spell it.
    pub fn name(&self) -> &'static str {
        match self {
            Step::Publish(_) => "publish",
            Step::Get(_) => "get",
            Step::Ack(_) => "ack",
            Step::Nack(_) => "nack",
            Step::Reject(_) => "reject",
            Step::Consume(_) => "consume",
            Step::Cancel(_) => "cancel",
            Step::AdvanceTime(_) => "advance-time",
            Step::Declare(_) => "declare",
            Step::Case(_) => "case",
        }
    }
}

/// `basic.publish` with publisher confirms.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishStep {
    #[serde(default)]
    pub exchange: String,
    #[serde(default)]
    pub routing_key: String,
    #[serde(default)]
    pub mandatory: bool,
    #[serde(default)]
    pub body: String,
    /// Header values keep their JSON kind: integers, floats, strings, booleans, `null`
    /// (void), arrays and objects (tables).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub headers: Map<String, Value>,
    #[serde(default)]
    pub properties: PublishProperties,
}

/// The basic properties a publish step may set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishProperties {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u8>,
    /// Per-message TTL in milliseconds, as the decimal string AMQP carries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlation_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_mode: Option<u8>,
}

/// `basic.get` on the script's get channel; `no_ack` false (AMQP's default) leaves the
/// message unacked until an `ack`, `nack` or `reject` step names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GetStep {
    pub queue: String,
    #[serde(default)]
    pub no_ack: bool,
}

/// `basic.ack` of the oldest unsettled delivery of `message_id` (from `queue`, if given).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AckStep {
    pub message_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<String>,
    #[serde(default)]
    pub multiple: bool,
}

/// `basic.nack`; `requeue` defaults to true, as in AMQP.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NackStep {
    pub message_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<String>,
    #[serde(default)]
    pub multiple: bool,
    #[serde(default = "yes")]
    pub requeue: bool,
}

/// `basic.reject`; `requeue` defaults to true, as in AMQP.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RejectStep {
    pub message_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<String>,
    #[serde(default = "yes")]
    pub requeue: bool,
}

/// `basic.qos` (per consumer, 0 = unlimited) and `basic.consume` on a new channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsumeStep {
    pub queue: String,
    pub consumer_tag: String,
    #[serde(default)]
    pub prefetch: u16,
    #[serde(default)]
    pub no_ack: bool,
    /// The `x-priority` consumer argument (consumer priorities); 0 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i64>,
    /// Other consumer arguments (a stream's `x-stream-offset`, say), values keeping their
    /// JSON kind as headers do (an `x-priority` here wins over `priority`).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub arguments: Map<String, Value>,
}

impl ConsumeStep {
    /// The consumer arguments the step sends: `arguments`, with `priority` as `x-priority`.
    pub fn consumer_arguments(&self) -> crate::engine::value::FieldTable {
        let mut table = crate::engine::value::table_from_json(&Value::Object(self.arguments.clone()));
        if let Some(priority) = self.priority
            && table.get("x-priority").is_none()
        {
            table.insert("x-priority".to_string(), crate::engine::value::FieldValue::Int(priority));
        }
        table
    }
}

/// `basic.cancel`; the consumer's unacked messages stay with its channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CancelStep {
    pub consumer_tag: String,
}

/// Lets virtual time pass (a real sleep under `kaiten verify`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdvanceTimeStep {
    pub ms: u64,
}

/// `queue.declare` on a channel of its own; the output's `declarations` says whether the
/// broker refused it (with the reply code and RabbitMQ's text) or not (`null`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeclareStep {
    pub queue: String,
    #[serde(default = "yes")]
    pub durable: bool,
    #[serde(default)]
    pub auto_delete: bool,
    #[serde(default)]
    pub exclusive: bool,
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub arguments: Map<String, Value>,
}

impl DeclareStep {
    /// The queue the step asks for.
    pub fn spec(&self) -> crate::engine::QueueSpec {
        crate::engine::QueueSpec {
            name: self.queue.clone(),
            durable: self.durable,
            exclusive: self.exclusive,
            auto_delete: self.auto_delete,
            arguments: crate::engine::value::table_from_json(&Value::Object(self.arguments.clone())),
        }
    }
}

/// Marks where a case translated from another test suite begins: the steps up to the next
/// `case` step are that case. It does nothing on either side; `kaiten verify-corpus` counts
/// cases and names the one a difference falls in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseStep {
    /// The case's name in its suite (`dead_letter_nack`).
    pub name: String,
    /// Where it comes from: repository, file and the test's own name.
    pub from: String,
}

fn yes() -> bool {
    true
}

/// The step names a script may use.
const STEP_NAMES: [&str; 10] =
    ["publish", "get", "ack", "nack", "reject", "consume", "cancel", "advance-time", "declare", "case"];

/// Parses a script, naming the JSON path of the first problem in plain words.
pub fn parse(text: &str) -> Result<Script, ScriptError> {
    let document = crate::formats::parse_json(text).map_err(|problem| {
        let path = if problem.path.is_empty() { "$".into() } else { problem.path.clone() };
        problem.at(path)
    })?;
    let Value::Array(items) = document else {
        return Err(ScriptError::new("$", Problem::ScriptNotArray { got: JsonKind::of(&document) }));
    };
    items.iter().enumerate().map(|(idx, item)| parse_step(idx, item)).collect()
}

fn parse_step(idx: usize, item: &Value) -> Result<Step, ScriptError> {
    let path = format!("[{idx}]");
    let problem = |problem: Problem| ScriptError::new(path.clone(), problem);
    let Value::Object(members) = item else {
        return Err(problem(Problem::ScriptStepNotObject { got: JsonKind::of(item) }));
    };
    let name = match members.keys().collect::<Vec<_>>().as_slice() {
        [] => return Err(problem(Problem::ScriptStepEmpty { actions: names(&STEP_NAMES) })),
        [name] => name.as_str(),
        several => {
            let several: Vec<String> = several.iter().map(|name| name.to_string()).collect();
            return Err(problem(Problem::ScriptStepSeveral { names: several }));
        }
    };
    if !STEP_NAMES.contains(&name) {
        return Err(problem(Problem::UnknownScriptAction {
            found: name.to_string(),
            suggestion: crate::formats::suggest::did_you_mean(name, &STEP_NAMES),
            actions: names(&STEP_NAMES),
        }));
    }
    crate::formats::read::read(item).map_err(|problem| {
        let at = if problem.path.is_empty() { format!("{path}.{name}") } else { format!("{path}.{}", problem.path) };
        problem.at(at)
    })
}
