//! The trace: every hop of every message and every client decision, in order, as plain
//! data. Words are produced from it only by [`crate::explain`].

use std::sync::Arc;

use serde::Serialize;

use crate::engine::{AmqpError, BrokerEvent, FieldTable, PublishId, QueueId, SimTime};
use crate::sim::actor::{ActorId, Settle};

/// One entry of the trace.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraceEntry {
    /// The simulation step that produced it (a step is one processed event).
    pub step: u64,
    pub time: SimTime,
    pub event: TraceEvent,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TraceEvent {
    /// A publish reached the broker from `actor`; the routing input is kept so the routing
    /// decision can be explained binding by binding.
    Arrived {
        actor: ActorId,
        publish: PublishId,
        label: Arc<str>,
        exchange: String,
        routing_keys: Vec<String>,
        headers: FieldTable,
    },
    /// The broker refused a publish (404 or 403); the simulation goes on.
    PublishRefused { actor: ActorId, exchange: String, error: AmqpError },
    /// Something the broker did.
    Broker(BrokerEvent),
    /// Something a client did or decided.
    Note { actor: ActorId, note: Note },
}

/// A client's action or decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "note", rename_all = "snake_case")]
pub enum Note {
    /// A publish left the client; it reaches the broker after the network latency.
    Sent { label: Arc<str>, exchange: String, routing_key: String, arrives_at: SimTime },
    /// A delivery reached the client.
    Received { label: Arc<str>, queue: QueueId, delivery_tag: u64, redelivered: bool },
    /// The client started working on a delivery until `until`.
    Processing { label: Arc<str>, until: SimTime },
    /// Processing failed (the consumer's failure probability came up).
    ProcessingFailed { label: Arc<str> },
    /// The client settled a delivery; the ack or nack reaches the broker after the latency.
    Settled { label: Arc<str>, settle: Settle },
    /// A mandatory publish came back as unroutable.
    Returned { label: Arc<str> },
    /// The broker refused a declaration or `basic.consume` the actor asked for.
    Refused { error: AmqpError },
    /// The actor was stopped by the scenario's script.
    Stopped,
    /// An oslo.messaging client, server, notifier or listener did or decided something.
    Oslo(crate::oslo::note::OsloNote),
}

/// A 64-bit FNV-1a digest of the trace's JSON, one entry per line: equal digests mean
/// byte-identical traces (used to check native and wasm runs agree).
pub fn trace_digest<'a>(entries: impl IntoIterator<Item = &'a TraceEntry>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for entry in entries {
        let line = serde_json::to_string(entry).expect("trace entries serialize");
        for byte in line.bytes().chain(std::iter::once(b'\n')) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}
