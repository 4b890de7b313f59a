//! What a client observes during a script's run: each publish's outcome, what each `get`
//! and consumer received, and the queues at the end; written as `kaiten amqp`'s output
//! document.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::engine::message::{DeathFields, Message};
use crate::engine::value::{FieldTable, FieldValue};

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
    /// The `x-stream-offset` header a stream adds to what it delivers.
    pub stream_offset: Option<u64>,
}

/// The `x-first-death-*` headers of a message, sorted by name.
pub fn first_death_headers(headers: &FieldTable) -> Vec<(String, String)> {
    // In name order already.
    ["x-first-death-exchange", "x-first-death-queue", "x-first-death-reason"]
        .into_iter()
        .filter_map(|name| Some((name.to_string(), headers.get(name)?.as_str()?.to_string())))
        .collect()
}

/// The `x-stream-offset` header, which a stream's deliveries carry.
fn stream_offset(headers: &FieldTable) -> Option<u64> {
    headers.get(crate::engine::stream::OFFSET_HEADER).and_then(FieldValue::as_int).and_then(|n| u64::try_from(n).ok())
}

impl MessageRecord {
    /// Reads a message the engine holds.
    pub fn of(message: &Message) -> MessageRecord {
        MessageRecord {
            message_id: message.properties.message_id.clone(),
            redelivered: message.redelivered,
            delivery_count: message.delivery_count,
            first_death: first_death_headers(&message.properties.headers),
            stream_offset: stream_offset(&message.properties.headers),
            deaths: message
                .deaths
                .iter()
                .map(|death| DeathRecord {
                    queue: death.queue.clone(),
                    reason: death.reason.as_str().to_string(),
                    exchange: death.exchange.clone(),
                    routing_keys: death.routing_keys.clone(),
                    count: death.count.unwrap_or(0),
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
                        count: fields.count.unwrap_or(0),
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
            stream_offset: stream_offset(headers),
        }
    }

    /// A message in a queue as the output document shows it: its message_id, or an object
    /// with its message_id, `redelivered` (when true) and `x-death` list (when it has been
    /// dead-lettered).
    pub fn to_json(&self) -> Value {
        let id = self.message_id.as_deref().map_or(Value::Null, Value::from);
        if self.deaths.is_empty()
            && !self.redelivered
            && self.delivery_count.is_none()
            && self.first_death.is_empty()
            && self.stream_offset.is_none()
        {
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
        if let Some(offset) = self.stream_offset {
            object.insert(crate::engine::stream::OFFSET_HEADER.into(), Value::from(offset));
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
    /// One entry per `consume` step: the refusal's reply code and text, or `None`.
    pub consumes: Vec<Option<(u16, String)>>,
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
        // Only a refused consume shows them, so documents without one keep their shape.
        if self.consumes.iter().any(Option::is_some) {
            document["consumes"] = self
                .consumes
                .iter()
                .map(|refusal| {
                    refusal.as_ref().map_or(Value::Null, |(code, text)| json!({"error": {"code": code, "text": text}}))
                })
                .collect();
        }
        document
    }
}
