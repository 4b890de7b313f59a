//! Messages as the broker holds them: properties, body, routing keys and the `x-death`
//! history dead-lettering builds.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::engine::value::{FieldTable, FieldValue};

/// Virtual time in milliseconds since the simulation started.
pub type SimTime = u64;

/// One `basic.publish`, shared by every copy routing makes of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PublishId(pub u64);

/// One copy of a message in one queue; dead-lettering makes new copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CopyId(pub u64);

/// The AMQP basic properties Kaiten models.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Properties {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correlation_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    /// Per-message TTL in milliseconds, as the decimal string AMQP carries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_encoding: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_mode: Option<u8>,
    #[serde(skip_serializing_if = "FieldTable::is_empty")]
    pub headers: FieldTable,
}

/// Why a message was dead-lettered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeathReason {
    Rejected,
    Expired,
    Maxlen,
    /// Requeued past a quorum queue's delivery limit.
    DeliveryLimit,
}

impl DeathReason {
    /// The reason an `x-death` entry names, if it is one of RabbitMQ's four.
    pub fn from_name(name: &str) -> Option<DeathReason> {
        [DeathReason::Rejected, DeathReason::Expired, DeathReason::Maxlen, DeathReason::DeliveryLimit]
            .into_iter()
            .find(|reason| reason.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DeathReason::Rejected => "rejected",
            DeathReason::Expired => "expired",
            DeathReason::Maxlen => "maxlen",
            DeathReason::DeliveryLimit => "delivery_limit",
        }
    }
}

/// The reason an `x-death` entry names: one of RabbitMQ's four, or, in an entry a client
/// published, any other text (empty where the entry names none, or not as text), which
/// RabbitMQ 3.10.8 keeps as it is.
// Written only (the message inspector shows it as its text): an untagged reader would buffer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum EntryReason {
    Known(DeathReason),
    Other(String),
}

impl EntryReason {
    pub fn of_name(name: &str) -> EntryReason {
        DeathReason::from_name(name).map_or_else(|| EntryReason::Other(name.to_string()), EntryReason::Known)
    }

    pub fn as_str(&self) -> &str {
        match self {
            EntryReason::Known(reason) => reason.as_str(),
            EntryReason::Other(text) => text,
        }
    }
}

/// One `x-death` entry: one RabbitMQ made, or one of the entries a client published with the
/// message (a message it received, republished), kept as 3.10.8 keeps any table there, with
/// what it names (a missing queue or exchange as empty text).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Death {
    pub queue: String,
    pub reason: EntryReason,
    /// `None` in a client's entry without a (whole number) count.
    pub count: Option<u64>,
    /// The exchange the message had been published to when it died.
    pub exchange: String,
    pub routing_keys: Vec<String>,
    pub original_expiration: Option<String>,
    pub time: SimTime,
}

/// The members of one `x-death` header entry, each as found (`None` or empty where it is
/// missing or of another type): read once here for the broker, which keeps a client's entry
/// ([`Death::from_field_table`]), and for the differential corpus, which records the real
/// broker's entries whatever they hold (`formats::script::MessageRecord`).
#[derive(Debug, Clone, PartialEq)]
pub struct DeathFields<'a> {
    pub queue: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub exchange: Option<&'a str>,
    pub routing_keys: Vec<String>,
    pub count: Option<u64>,
    pub original_expiration: Option<&'a str>,
}

impl<'a> DeathFields<'a> {
    pub fn read(table: &'a FieldTable) -> DeathFields<'a> {
        let text = |name: &str| table.get(name).and_then(FieldValue::as_str);
        DeathFields {
            queue: text("queue"),
            reason: text("reason"),
            exchange: text("exchange"),
            routing_keys: match table.get("routing-keys") {
                Some(FieldValue::Array(keys)) => {
                    keys.iter().filter_map(FieldValue::as_str).map(str::to_string).collect()
                }
                _ => Vec::new(),
            },
            count: table.get("count").and_then(FieldValue::as_int).map(|count| count.max(0) as u64),
            original_expiration: text("original-expiration"),
        }
    }
}

impl Death {
    /// An entry of an `x-death` header a client published (a message it received and
    /// republished): 3.10.8 keeps any table, whatever it names.
    pub fn from_field_table(table: &FieldTable, now: SimTime) -> Death {
        let fields = DeathFields::read(table);
        Death {
            queue: fields.queue.unwrap_or_default().to_string(),
            reason: EntryReason::of_name(fields.reason.unwrap_or_default()),
            count: fields.count,
            exchange: fields.exchange.unwrap_or_default().to_string(),
            routing_keys: fields.routing_keys,
            original_expiration: fields.original_expiration.map(str::to_string),
            time: now,
        }
    }

    /// The entry as the `x-death` header table RabbitMQ writes (time in seconds).
    pub fn to_field_table(&self) -> FieldTable {
        let mut table = FieldTable::new();
        table.insert("queue".into(), FieldValue::Str(self.queue.clone()));
        table.insert("reason".into(), FieldValue::Str(self.reason.as_str().into()));
        if let Some(count) = self.count {
            table.insert("count".into(), FieldValue::Int(count as i64));
        }
        table.insert("exchange".into(), FieldValue::Str(self.exchange.clone()));
        table.insert(
            "routing-keys".into(),
            FieldValue::Array(self.routing_keys.iter().cloned().map(FieldValue::Str).collect()),
        );
        if let Some(expiration) = &self.original_expiration {
            table.insert("original-expiration".into(), FieldValue::Str(expiration.clone()));
        }
        table
    }
}

/// A message copy held by a queue or a consumer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Message {
    pub publish: PublishId,
    pub copy: CopyId,
    /// The exchange it was last published (or dead-lettered) to.
    pub exchange: Arc<str>,
    /// The routing key, then CC and BCC values: what routing used.
    pub routing_keys: Arc<[String]>,
    // Shared between copies and snapshots; changed only by dead-lettering (copy on write).
    pub properties: Arc<Properties>,
    pub body: Arc<str>,
    /// When the publish reached the broker, for publish-to-ack latency.
    pub published_at: SimTime,
    /// Newest first.
    pub deaths: Vec<Death>,
    pub redelivered: bool,
    /// In a quorum queue, how many times it was requeued (its `x-delivery-count` header);
    /// `None` in a classic queue.
    pub delivery_count: Option<u64>,
}

impl Message {
    /// The routing key the publisher gave.
    pub fn routing_key(&self) -> &str {
        self.routing_keys.first().map_or("", String::as_str)
    }

    /// A short label for logs and drawings: the message_id, else the publish number.
    pub fn label(&self) -> String {
        match &self.properties.message_id {
            Some(id) => id.clone(),
            None => format!("#{}", self.publish.0),
        }
    }

    /// Body size in bytes, which `x-max-length-bytes` counts.
    pub fn body_bytes(&self) -> u64 {
        self.body.len() as u64
    }

    /// The queue level of this message in a queue with `max_priority` (none = one level).
    pub fn priority_level(&self, max_priority: Option<u8>) -> u8 {
        match max_priority {
            None => 0,
            Some(max) => self.properties.priority.unwrap_or(0).min(max),
        }
    }
}
