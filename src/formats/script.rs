//! Headless AMQP scripts: a JSON array of client steps (publish, get, ack, nack, reject,
//! consume, cancel, advance-time) and the runner that plays one against the [`Broker`].
//!
//! This is the headless contract of `kaiten amqp`, and how the engine is checked from
//! outside: `kaiten verify` plays the same script against a real RabbitMQ and compares the
//! two [`RunRecord`]s. The runner is pure and clock-free: time moves only on
//! `advance-time` steps, in virtual milliseconds.
//!
//! Each `consume` gets its own channel (so its prefetch is its own) and `get` uses one
//! channel of its own; `ack`, `nack` and `reject` name a delivery by its `message_id` (the
//! oldest unsettled delivery carrying it, optionally only from one queue) and go to the
//! channel that delivery came on. README.md ("Headless AMQP scripts") documents the steps.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::engine::broker::{Broker, ChannelId, ConsumeOptions, ConsumerId, Publish};
use crate::engine::message::{DeathFields, Message, Properties, SimTime};
use crate::engine::topology::Topology;
use crate::engine::value::{FieldTable, FieldValue, table_from_json};
use crate::formats::Diagnostic;
use crate::formats::problem::{JsonKind, Problem, names};

/// A script: steps played in order.
pub type Script = Vec<Step>;

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

fn yes() -> bool {
    true
}

/// A script that does not parse, or a step the broker cannot carry out: a JSON path into the
/// script, such as `[3].publish.properties.priority` (`$` for the whole script), and the problem.
pub type ScriptError = Diagnostic;

fn at_step(step_idx: usize, step: &Step, problem: Problem) -> ScriptError {
    ScriptError::new(format!("[{step_idx}].{}", step.name()), problem)
}

/// The step names a script may use.
const STEP_NAMES: [&str; 9] =
    ["publish", "get", "ack", "nack", "reject", "consume", "cancel", "advance-time", "declare"];

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

/// What became of one publish step.
#[derive(Debug, Clone, PartialEq)]
pub enum PublishRecord {
    Outcome {
        /// Queue names routing chose, sorted; `None` where it cannot be observed (a real
        /// broker does not say).
        routed: Option<Vec<String>>,
        returned: bool,
        rejected: bool,
    },
    Error {
        code: u16,
        text: String,
    },
}

/// One `x-death` entry as a client reads it (the `time` member left out).
#[derive(Debug, Clone, PartialEq)]
pub struct DeathRecord {
    pub queue: String,
    pub reason: String,
    pub exchange: String,
    pub routing_keys: Vec<String>,
    pub count: u64,
    pub original_expiration: Option<String>,
}

/// A message as a client sees it in a queue or a delivery.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageRecord {
    pub message_id: Option<String>,
    pub redelivered: bool,
    /// Newest first.
    pub deaths: Vec<DeathRecord>,
    /// The `x-delivery-count` header a quorum queue adds after a requeue.
    pub delivery_count: Option<u64>,
    /// The `x-first-death-exchange`, `-queue` and `-reason` headers (those present, with
    /// text values), sorted by name.
    pub first_death: Vec<(String, String)>,
}

/// The `x-first-death-*` headers of a message, sorted by name.
pub fn first_death_headers(headers: &FieldTable) -> Vec<(String, String)> {
    // In name order already.
    ["x-first-death-exchange", "x-first-death-queue", "x-first-death-reason"]
        .into_iter()
        .filter_map(|name| Some((name.to_string(), headers.get(name)?.as_str()?.to_string())))
        .collect()
}

impl MessageRecord {
    /// Reads a message the engine holds.
    pub fn of(message: &Message) -> MessageRecord {
        MessageRecord {
            message_id: message.properties.message_id.clone(),
            redelivered: message.redelivered,
            delivery_count: message.delivery_count,
            first_death: first_death_headers(&message.properties.headers),
            deaths: message
                .deaths
                .iter()
                .map(|death| DeathRecord {
                    queue: death.queue.clone(),
                    reason: death.reason.as_str().to_string(),
                    exchange: death.exchange.clone(),
                    routing_keys: death.routing_keys.clone(),
                    count: death.count,
                    original_expiration: death.original_expiration.clone(),
                })
                .collect(),
        }
    }

    /// Reads a message a consumer was delivered: a quorum queue adds `x-delivery-count` to a
    /// consumer's delivery only once the message has been requeued (to a `basic.get`, always).
    pub fn delivered(message: &Message) -> MessageRecord {
        let mut record = MessageRecord::of(message);
        record.delivery_count = record.delivery_count.filter(|count| *count > 0);
        record
    }

    /// Reads a message from its `message_id`, `redelivered` flag and headers (the `x-death`
    /// header as RabbitMQ writes it, and the `x-first-death-*` headers).
    pub fn from_headers(message_id: Option<String>, redelivered: bool, headers: &FieldTable) -> MessageRecord {
        let deaths = match headers.get("x-death") {
            Some(FieldValue::Array(entries)) => entries
                .iter()
                .filter_map(|entry| match entry {
                    FieldValue::Table(table) => Some(table),
                    _ => None,
                })
                .map(|table| {
                    let fields = DeathFields::read(table);
                    DeathRecord {
                        queue: fields.queue.unwrap_or_default().to_string(),
                        reason: fields.reason.unwrap_or_default().to_string(),
                        exchange: fields.exchange.unwrap_or_default().to_string(),
                        routing_keys: fields.routing_keys,
                        count: fields.count,
                        original_expiration: fields.original_expiration.map(str::to_string),
                    }
                })
                .collect(),
            _ => Vec::new(),
        };
        MessageRecord {
            message_id,
            redelivered,
            deaths,
            delivery_count: None,
            first_death: first_death_headers(headers),
        }
    }

    /// A message in a queue as the output document shows it: its message_id, or an object
    /// with its message_id, `redelivered` (when true) and `x-death` list (when it has been
    /// dead-lettered).
    pub fn to_json(&self) -> Value {
        let id = self.message_id.as_deref().map_or(Value::Null, Value::from);
        if self.deaths.is_empty() && !self.redelivered && self.delivery_count.is_none() && self.first_death.is_empty() {
            return id;
        }
        let mut object = Map::new();
        object.insert("message_id".into(), id);
        if self.redelivered {
            object.insert("redelivered".into(), Value::Bool(true));
        }
        self.add_headers(&mut object);
        Value::Object(object)
    }

    /// A message a `get` or a consumer received: always an object, with `redelivered`.
    pub fn received_json(&self) -> Value {
        let mut object = Map::new();
        object.insert("message_id".into(), self.message_id.as_deref().map_or(Value::Null, Value::from));
        object.insert("redelivered".into(), Value::Bool(self.redelivered));
        self.add_headers(&mut object);
        Value::Object(object)
    }

    fn add_headers(&self, object: &mut Map<String, Value>) {
        if let Some(count) = self.delivery_count {
            object.insert("x-delivery-count".into(), Value::from(count));
        }
        if !self.deaths.is_empty() {
            object.insert("x-death".into(), self.deaths_json());
        }
        for (name, value) in &self.first_death {
            object.insert(name.clone(), Value::from(value.as_str()));
        }
    }

    fn deaths_json(&self) -> Value {
        self.deaths
            .iter()
            .map(|death| {
                let mut entry = json!({
                    "queue": death.queue,
                    "reason": death.reason,
                    "exchange": death.exchange,
                    "routing-keys": death.routing_keys,
                    "count": death.count,
                });
                if let Some(expiration) = &death.original_expiration {
                    entry["original-expiration"] = Value::from(expiration.as_str());
                }
                entry
            })
            .collect()
    }
}

/// Everything a client could observe during a run: the output document's publishes and
/// queues, plus what each `get` step and each consumer received (compared by `verify`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunRecord {
    pub publishes: Vec<PublishRecord>,
    /// Every queue at the end, by name, ready messages head first.
    pub queues: BTreeMap<String, Vec<MessageRecord>>,
    /// One entry per `get` step: the message, or `None` for `get-empty`.
    pub gets: Vec<Option<MessageRecord>>,
    /// Per consumer tag, the messages it was delivered, in order.
    pub deliveries: BTreeMap<String, Vec<MessageRecord>>,
    /// One entry per `declare` step: the refusal's reply code and text, or `None`.
    pub declarations: Vec<Option<(u16, String)>>,
}

impl RunRecord {
    /// The output document of `kaiten amqp`.
    pub fn document(&self) -> Value {
        let publishes: Vec<Value> = self
            .publishes
            .iter()
            .map(|publish| match publish {
                PublishRecord::Outcome { routed, returned, rejected } => {
                    json!({"routed": routed.clone().unwrap_or_default(), "returned": returned, "rejected": rejected})
                }
                PublishRecord::Error { code, text } => json!({"error": {"code": code, "text": text}}),
            })
            .collect();
        let queues: Map<String, Value> = self
            .queues
            .iter()
            .map(|(name, messages)| (name.clone(), Value::Array(messages.iter().map(MessageRecord::to_json).collect())))
            .collect();
        let gets: Vec<Value> =
            self.gets.iter().map(|got| got.as_ref().map_or(Value::Null, MessageRecord::received_json)).collect();
        let deliveries: Map<String, Value> = self
            .deliveries
            .iter()
            .map(|(tag, messages)| (tag.clone(), messages.iter().map(MessageRecord::received_json).collect()))
            .collect();
        let mut document = json!({"publishes": publishes, "gets": gets, "deliveries": deliveries, "queues": queues});
        if !self.declarations.is_empty() {
            document["declarations"] = self
                .declarations
                .iter()
                .map(|refusal| {
                    refusal.as_ref().map_or(Value::Null, |(code, text)| json!({"error": {"code": code, "text": text}}))
                })
                .collect();
        }
        document
    }
}

/// Which channel a delivery came on: the get channel or a consumer's own.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChannelKey {
    Get,
    Consumer(String),
}

#[derive(Debug, Clone)]
struct Unsettled {
    channel: ChannelKey,
    delivery_tag: u64,
    message_id: Option<String>,
    queue: String,
}

/// Deliveries awaiting ack, nack or reject, in delivery order, so that steps can name them
/// by message_id. Shared by the simulation runner and `kaiten verify`.
#[derive(Debug, Clone, Default)]
pub struct UnsettledDeliveries {
    entries: Vec<Unsettled>,
}

impl UnsettledDeliveries {
    pub fn push(&mut self, channel: ChannelKey, delivery_tag: u64, message_id: Option<String>, queue: &str) {
        self.entries.push(Unsettled { channel, delivery_tag, message_id, queue: queue.to_string() });
    }

    /// The channel and delivery tag of the oldest unsettled delivery of `message_id`.
    pub fn find(&self, message_id: &str, queue: Option<&str>) -> Option<(ChannelKey, u64)> {
        self.entries
            .iter()
            .find(|entry| {
                entry.message_id.as_deref() == Some(message_id) && queue.is_none_or(|queue| entry.queue == queue)
            })
            .map(|entry| (entry.channel.clone(), entry.delivery_tag))
    }

    /// Settles a delivery, and with `multiple` every earlier one on the same channel.
    pub fn settle(&mut self, channel: &ChannelKey, delivery_tag: u64, multiple: bool) {
        self.entries.retain(|entry| {
            &entry.channel != channel
                || if multiple { entry.delivery_tag > delivery_tag } else { entry.delivery_tag != delivery_tag }
        });
    }

    fn not_found(message_id: &str, queue: Option<&str>) -> Problem {
        Problem::NoUnsettledDelivery { message_id: message_id.to_string(), queue: queue.map(str::to_string) }
    }
}

/// Converts a publish step into the engine's `basic.publish`.
pub fn engine_publish(step: &PublishStep) -> Publish {
    let properties = Properties {
        message_id: step.properties.message_id.clone(),
        correlation_id: step.properties.correlation_id.clone(),
        reply_to: step.properties.reply_to.clone(),
        expiration: step.properties.expiration.clone(),
        priority: step.properties.priority,
        content_type: step.properties.content_type.clone(),
        delivery_mode: step.properties.delivery_mode,
        headers: table_from_json(&Value::Object(step.headers.clone())),
        ..Properties::default()
    };
    Publish {
        exchange: step.exchange.clone(),
        routing_key: step.routing_key.clone(),
        mandatory: step.mandatory,
        properties,
        body: step.body.as_str().into(),
    }
}

struct ConsumerEntry {
    channel: ChannelId,
    consumer: ConsumerId,
    no_ack: bool,
}

/// How the queues are read at the end of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Readback {
    /// Every ready message as the queue holds it: the output document's `queues`.
    #[default]
    Snapshot,
    /// `basic.get` until empty, queue by queue in name order, as `kaiten verify` reads a
    /// real broker. This differs from a snapshot only where fetching changes things: an
    /// expired message behind the head dies (and may be dead-lettered) once it is the head.
    Drain,
}

/// Options of [`run_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RunOptions {
    pub readback: Readback,
}

/// Plays a script against a broker serving `topology`, starting at virtual time 0.
pub fn run(topology: Topology, script: &[Step]) -> Result<RunRecord, ScriptError> {
    run_with(topology, script, RunOptions::default())
}

/// [`run`] with options.
pub fn run_with(topology: Topology, script: &[Step], options: RunOptions) -> Result<RunRecord, ScriptError> {
    let mut broker = Broker::new(topology);
    let connection = broker.open_connection();
    let get_channel = broker.open_channel(connection);
    let mut now: SimTime = 0;
    let mut record = RunRecord::default();
    let mut unsettled = UnsettledDeliveries::default();
    // Consumer tags stay here after cancel: their channel still carries unacked messages.
    let mut consumers: BTreeMap<String, ConsumerEntry> = BTreeMap::new();
    let mut tags: BTreeMap<ConsumerId, String> = BTreeMap::new();
    let channel_of = |consumers: &BTreeMap<String, ConsumerEntry>, key: &ChannelKey| match key {
        ChannelKey::Get => get_channel,
        ChannelKey::Consumer(tag) => consumers[tag].channel,
    };

    for (step_idx, step) in script.iter().enumerate() {
        let fail = |problem: Problem| at_step(step_idx, step, problem);
        let refused = |error: crate::engine::AmqpError| fail(Problem::Broker { text: error.to_string() });
        match step {
            Step::Publish(publish) => match broker.publish(now, engine_publish(publish)) {
                Ok(outcome) => {
                    let mut routed: Vec<String> = outcome
                        .route
                        .queues
                        .iter()
                        .filter_map(|queue| broker.topology().queue(*queue).map(|queue| queue.name().to_string()))
                        .collect();
                    routed.sort();
                    record.publishes.push(PublishRecord::Outcome {
                        routed: Some(routed),
                        returned: outcome.returned,
                        rejected: !outcome.rejected_by.is_empty(),
                    });
                }
                Err(error) => {
                    record.publishes.push(PublishRecord::Error { code: error.code(), text: error.text().to_string() })
                }
            },
            Step::Get(get) => {
                let delivery = broker.get(now, get_channel, &get.queue, get.no_ack).map_err(refused)?;
                if let Some(delivery) = &delivery
                    && !get.no_ack
                {
                    let message_id = delivery.message.properties.message_id.clone();
                    unsettled.push(ChannelKey::Get, delivery.delivery_tag, message_id, &get.queue);
                }
                record.gets.push(delivery.map(|delivery| MessageRecord::of(&delivery.message)));
            }
            Step::Ack(ack) => {
                let (key, tag) = unsettled
                    .find(&ack.message_id, ack.queue.as_deref())
                    .ok_or_else(|| fail(UnsettledDeliveries::not_found(&ack.message_id, ack.queue.as_deref())))?;
                broker.ack(now, channel_of(&consumers, &key), tag, ack.multiple).map_err(refused)?;
                unsettled.settle(&key, tag, ack.multiple);
            }
            Step::Nack(nack) => {
                let (key, tag) = unsettled
                    .find(&nack.message_id, nack.queue.as_deref())
                    .ok_or_else(|| fail(UnsettledDeliveries::not_found(&nack.message_id, nack.queue.as_deref())))?;
                // Settle first: a requeued message may be delivered again within the nack.
                unsettled.settle(&key, tag, nack.multiple);
                broker.nack(now, channel_of(&consumers, &key), tag, nack.multiple, nack.requeue).map_err(refused)?;
            }
            Step::Reject(reject) => {
                let (key, tag) = unsettled
                    .find(&reject.message_id, reject.queue.as_deref())
                    .ok_or_else(|| fail(UnsettledDeliveries::not_found(&reject.message_id, reject.queue.as_deref())))?;
                unsettled.settle(&key, tag, false);
                broker.nack(now, channel_of(&consumers, &key), tag, false, reject.requeue).map_err(refused)?;
            }
            Step::Consume(consume) => {
                if consumers.contains_key(&consume.consumer_tag) {
                    return Err(fail(Problem::ConsumerTagInUse { tag: consume.consumer_tag.clone() }));
                }
                let channel = broker.open_channel(connection);
                let options = ConsumeOptions {
                    consumer_tag: consume.consumer_tag.clone(),
                    prefetch: u32::from(consume.prefetch),
                    no_ack: consume.no_ack,
                };
                let consumer = broker
                    .consume_with_priority(now, channel, &consume.queue, options, consume.priority.unwrap_or(0))
                    .map_err(refused)?;
                tags.insert(consumer, consume.consumer_tag.clone());
                record.deliveries.entry(consume.consumer_tag.clone()).or_default();
                consumers
                    .insert(consume.consumer_tag.clone(), ConsumerEntry { channel, consumer, no_ack: consume.no_ack });
            }
            Step::Cancel(cancel) => {
                let entry = consumers
                    .get(&cancel.consumer_tag)
                    .ok_or_else(|| fail(Problem::NoConsumerTag { tag: cancel.consumer_tag.clone() }))?;
                broker.cancel(now, entry.consumer);
            }
            Step::AdvanceTime(advance) => {
                now = now.saturating_add(advance.ms);
                broker.advance_to(now);
            }
            Step::Declare(declare) => {
                let outcome = broker.declare_queue(now, get_channel, declare.spec());
                record.declarations.push(outcome.err().map(|error| (error.code(), error.text().to_string())));
            }
        }
        broker.drain_events();
        for delivery in broker.drain_deliveries() {
            let Some(tag) = delivery.consumer.and_then(|consumer| tags.get(&consumer)) else { continue };
            let record_of = MessageRecord::delivered(&delivery.message);
            let queue_name =
                broker.topology().queue(delivery.queue).map_or_else(String::new, |queue| queue.name().to_string());
            if !consumers[tag].no_ack {
                let message_id = record_of.message_id.clone();
                unsettled.push(ChannelKey::Consumer(tag.clone()), delivery.delivery_tag, message_id, &queue_name);
            }
            record.deliveries.entry(tag.clone()).or_default().push(record_of);
        }
    }
    // Returns a quorum queue has not applied yet are applied before the queues are read.
    broker.advance_to(now);
    match options.readback {
        Readback::Snapshot => {
            record.queues = broker
                .topology()
                .queues()
                .map(|queue| {
                    (
                        queue.name().to_string(),
                        broker.ready_messages(queue.id).into_iter().map(MessageRecord::of).collect(),
                    )
                })
                .collect();
        }
        Readback::Drain => {
            let reader = broker.open_channel(connection);
            let names: std::collections::BTreeSet<String> =
                broker.topology().queues().map(|queue| queue.name().to_string()).collect();
            for name in names {
                let mut messages = Vec::new();
                while let Ok(Some(delivery)) = broker.get(now, reader, &name, true) {
                    messages.push(MessageRecord::of(&delivery.message));
                }
                record.queues.insert(name, messages);
            }
        }
    }
    Ok(record)
}

/// The full view of a message used in difference reports: the document form plus the
/// redelivered flag and any `original-expiration`.
fn describe(message: &MessageRecord) -> String {
    let mut text = message.to_json().to_string();
    if message.redelivered {
        text.push_str(" (redelivered)");
    }
    for death in &message.deaths {
        if let Some(expiration) = &death.original_expiration {
            text.push_str(&format!(" (original-expiration {expiration} in {})", death.queue));
        }
    }
    text
}

fn describe_publish(publish: &PublishRecord) -> String {
    match publish {
        PublishRecord::Outcome { routed, returned, rejected } => {
            let routed = routed.as_ref().map_or_else(String::new, |routed| format!("routed {routed:?}, "));
            format!("{routed}returned {returned}, rejected {rejected}")
        }
        PublishRecord::Error { code, text } => format!("error {code} ({text})"),
    }
}

fn describe_list(messages: &[MessageRecord]) -> String {
    let items: Vec<String> = messages.iter().map(describe).collect();
    format!("[{}]", items.join(", "))
}

/// Where a simulated run and a run on a real broker disagree, one line each. Routing
/// (`routed`) is compared only where both sides observed it; error codes and texts are
/// compared (the live side words its texts as the simulation does: no reply-code name, the
/// vhost as `/`). Consumer deliveries are compared whole: message_id, redelivered flag and
/// `x-death` entries.
pub fn differences(simulated: &RunRecord, broker: &RunRecord) -> Vec<String> {
    let mut out = Vec::new();
    if simulated.publishes.len() != broker.publishes.len() {
        out.push(format!(
            "publishes: simulated {} outcomes, broker {}",
            simulated.publishes.len(),
            broker.publishes.len()
        ));
    }
    for (idx, (sim, real)) in simulated.publishes.iter().zip(&broker.publishes).enumerate() {
        let agree = match (sim, real) {
            (
                PublishRecord::Outcome { routed: sim_routed, returned: sim_returned, rejected: sim_rejected },
                PublishRecord::Outcome { routed: real_routed, returned: real_returned, rejected: real_rejected },
            ) => {
                sim_returned == real_returned
                    && sim_rejected == real_rejected
                    && match (sim_routed, real_routed) {
                        (Some(sim_routed), Some(real_routed)) => sim_routed == real_routed,
                        _ => true,
                    }
            }
            // RabbitMQ's reply text too, so a user searching for the message finds it.
            (
                PublishRecord::Error { code: sim_code, text: sim_text },
                PublishRecord::Error { code: real_code, text: real_text },
            ) => sim_code == real_code && sim_text == real_text,
            _ => false,
        };
        if !agree {
            out.push(format!(
                "publishes[{idx}]: simulated {}; broker {}",
                describe_publish(sim),
                describe_publish(real)
            ));
        }
    }
    if simulated.declarations != broker.declarations {
        let show = |declarations: &[Option<(u16, String)>]| {
            let shown: Vec<String> = declarations
                .iter()
                .map(|refusal| {
                    refusal.as_ref().map_or_else(|| "ok".to_string(), |(code, text)| format!("{code} {text}"))
                })
                .collect();
            shown.join("; ")
        };
        out.push(format!(
            "declarations: simulated [{}]; broker [{}]",
            show(&simulated.declarations),
            show(&broker.declarations)
        ));
    }
    if simulated.gets.len() != broker.gets.len() {
        out.push(format!("gets: simulated {} results, broker {}", simulated.gets.len(), broker.gets.len()));
    }
    for (idx, (sim, real)) in simulated.gets.iter().zip(&broker.gets).enumerate() {
        if sim != real {
            let show = |got: &Option<MessageRecord>| got.as_ref().map_or_else(|| "get-empty".to_string(), describe);
            out.push(format!("gets[{idx}]: simulated {}; broker {}", show(sim), show(real)));
        }
    }
    let tags: std::collections::BTreeSet<&String> =
        simulated.deliveries.keys().chain(broker.deliveries.keys()).collect();
    for tag in tags {
        let brief =
            |record: &RunRecord| -> Vec<MessageRecord> { record.deliveries.get(tag).cloned().unwrap_or_default() };
        let (sim, real) = (brief(simulated), brief(broker));
        if sim != real {
            out.push(format!(
                "deliveries[{tag:?}]: simulated {}; broker {}",
                describe_list(&sim),
                describe_list(&real)
            ));
        }
    }
    let names: std::collections::BTreeSet<&String> = simulated.queues.keys().chain(broker.queues.keys()).collect();
    for name in names {
        match (simulated.queues.get(name), broker.queues.get(name)) {
            (Some(sim), Some(real)) if sim != real => {
                out.push(format!("queues[{name:?}]: simulated {}; broker {}", describe_list(sim), describe_list(real)));
            }
            (Some(_), None) => out.push(format!("queues[{name:?}]: exists in the simulation, not on the broker")),
            (None, Some(_)) => out.push(format!("queues[{name:?}]: exists on the broker, not in the simulation")),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::topology::{ExchangeKind, ExchangeSpec, QueueSpec};

    #[test]
    fn differences_compare_what_both_sides_observed() {
        let message = |id: &str| MessageRecord {
            message_id: Some(id.into()),
            redelivered: false,
            deaths: Vec::new(),
            delivery_count: None,
            first_death: Vec::new(),
        };
        let simulated = RunRecord {
            publishes: vec![
                PublishRecord::Outcome { routed: Some(vec!["q".into()]), returned: false, rejected: false },
                PublishRecord::Error { code: 404, text: "no exchange 'x' in vhost '/'".into() },
            ],
            queues: [("q".to_string(), vec![message("m1")])].into_iter().collect(),
            ..RunRecord::default()
        };
        let mut broker = RunRecord {
            publishes: vec![
                PublishRecord::Outcome { routed: None, returned: false, rejected: false },
                PublishRecord::Error { code: 404, text: "no exchange 'x' in vhost '/'".into() },
            ],
            ..simulated.clone()
        };
        assert!(differences(&simulated, &broker).is_empty(), "routed is unknown on the broker side");
        broker.publishes[1] = PublishRecord::Error { code: 404, text: "no exchange 'y' in vhost '/'".into() };
        assert_eq!(differences(&simulated, &broker).len(), 1, "error texts are RabbitMQ's, compared too");
        broker.publishes[1] = simulated.publishes[1].clone();
        broker.queues.insert("q".into(), vec![MessageRecord { redelivered: true, ..message("m1") }]);
        broker.publishes[0] = PublishRecord::Outcome { routed: None, returned: true, rejected: false };
        let found = differences(&simulated, &broker);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("publishes[0]: "));
        assert!(found[1].contains("(redelivered)"));
    }

    #[test]
    fn runs_the_issue_example_shape() {
        let mut topology = Topology::new();
        topology.declare_exchange(ExchangeSpec::new("x", ExchangeKind::Topic)).unwrap();
        let queue = topology
            .declare_queue(QueueSpec {
                arguments: [
                    ("x-max-length".to_string(), FieldValue::Int(1)),
                    ("x-dead-letter-exchange".to_string(), FieldValue::Str(String::new())),
                    ("x-dead-letter-routing-key".to_string(), FieldValue::Str("dlq".into())),
                ]
                .into_iter()
                .collect(),
                ..QueueSpec::new("src")
            })
            .unwrap();
        topology.declare_queue(QueueSpec::new("dlq")).unwrap();
        let x = topology.exchange_by_name("x").unwrap().id;
        topology.bind(x, crate::engine::topology::Destination::Queue(queue), "k", Default::default()).unwrap();
        let script = parse(
            r#"[{"publish": {"exchange": "x", "routing_key": "k", "properties": {"message_id": "m1"}}},
                {"publish": {"exchange": "x", "routing_key": "k", "properties": {"message_id": "m2"}}},
                {"publish": {"exchange": "nope", "routing_key": "k", "mandatory": true}},
                {"publish": {"exchange": "x", "routing_key": "none", "mandatory": true}}]"#,
        )
        .unwrap();
        let document = run(topology, &script).unwrap().document();
        assert_eq!(
            document.to_string(),
            r#"{"publishes":[{"routed":["src"],"returned":false,"rejected":false},{"routed":["src"],"returned":false,"rejected":false},{"error":{"code":404,"text":"no exchange 'nope' in vhost '/'"}},{"routed":[],"returned":true,"rejected":false}],"gets":[],"deliveries":{},"queues":{"dlq":[{"message_id":"m1","x-death":[{"queue":"src","reason":"maxlen","exchange":"x","routing-keys":["k"],"count":1}],"x-first-death-exchange":"x","x-first-death-queue":"src","x-first-death-reason":"maxlen"}],"src":["m2"]}}"#
        );
    }
}
