//! The trace: every hop of every message and every client decision, in order, as plain
//! data. Words are produced from it only by [`crate::explain`].

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use crate::engine::{AmqpError, BrokerEvent, Death, ExchangeId, FieldTable, Properties, PublishId, QueueId, SimTime};
use crate::sim::actor::{ActorId, Settle};
use crate::sim::intervention::{Effect, InterventionAction};

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
        label: Label,
        exchange: String,
        routing_keys: Vec<String>,
        headers: FieldTable,
    },
    /// The broker refused a publish (404 or 403); the simulation goes on.
    PublishRefused { actor: ActorId, exchange: String, error: AmqpError },
    /// Something the broker did.
    Broker(BrokerEvent),
    /// A message, ack or return left one place for another over the simulated network.
    Hop(Hop),
    /// Something a client did or decided.
    Note { actor: ActorId, note: Note },
    /// A user's intervention happened, and what it did.
    Intervened { action: InterventionAction, effect: Effect },
}

impl TraceEvent {
    /// The message this entry is about, if any.
    pub fn message(&self) -> Option<PublishId> {
        match self {
            TraceEvent::Hop(hop) => Some(hop.message),
            TraceEvent::Arrived { publish, .. } => Some(*publish),
            TraceEvent::Broker(
                BrokerEvent::Routed { publish, .. }
                | BrokerEvent::Unroutable { publish, .. }
                | BrokerEvent::Enqueued { publish, .. }
                | BrokerEvent::Delivered { publish, .. }
                | BrokerEvent::Acked { publish, .. }
                | BrokerEvent::Requeued { publish, .. }
                | BrokerEvent::Dropped { publish, .. }
                | BrokerEvent::DeadLettered { publish, .. },
            ) => Some(*publish),
            TraceEvent::Intervened { effect: Effect::Dropped { hop }, .. } => Some(hop.message),
            TraceEvent::Intervened { action: InterventionAction::DuplicateMessage { message }, .. } => Some(*message),
            _ => None,
        }
    }
}

/// Where a hop starts or ends: a client, or an exchange or queue of the broker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "place", content = "id", rename_all = "snake_case")]
pub enum Place {
    Actor(ActorId),
    Exchange(ExchangeId),
    Queue(QueueId),
    /// The broker itself, for a publish to an exchange that does not exist.
    Broker,
}

/// What kind of message a hop carries, for drawing it: each kind has its own colour and
/// shape in the UI and its own arrow in the sequence diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    /// A plain AMQP publish.
    Plain,
    /// An oslo.messaging RPC request (`call`).
    Call,
    /// The reply to a call.
    Reply,
    /// An oslo.messaging `cast` to one server.
    Cast,
    /// A `cast` with `fanout=True`, to every server of a topic.
    FanoutCast,
    /// An oslo.messaging notification.
    Notification,
    /// A copy the broker dead-lettered (it carries `x-death`).
    DeadLettered,
    /// A mandatory publish the broker sent back as unroutable.
    Returned,
    /// An ack, nack or reject on its way to the broker.
    Settle,
}

/// What a message is called in trace lines, tokens, the log and the sequence diagram, as
/// data: [`crate::explain`] words it in the reader's language. One `Arc`, so the large
/// trace clones it cheaply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Label(Arc<LabelKind>);

/// The kinds of message label. Method names, event types and ids are code words, kept as
/// they are; ids are shortened to their first eight characters when the label is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LabelKind {
    /// An oslo.messaging `call` of `method`, by its `_msg_id`.
    Call { method: String, id: String },
    /// An oslo.messaging `cast` of `method`, by its `_unique_id`.
    Cast { method: String, id: String },
    /// A call's request that the broker returned as unroutable, by its `_msg_id`.
    CallRequest { id: String },
    /// The reply to the call `id`.
    Reply { id: String },
    /// A heartbeat for the call `id`.
    Heartbeat { id: String },
    /// An oslo.messaging notification of `event_type`, by its message id.
    Notification { event_type: String, id: String },
    /// A delivery whose body could not be read as the message it was expected to be.
    Unreadable { of: Unreadable },
    /// A plain AMQP message, by its message_id (or nothing); words of no language.
    #[serde(untagged)]
    Plain(String),
}

/// What an unreadable delivery was expected to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unreadable {
    /// A request to an RPC server.
    Message,
    /// A reply to a caller.
    Reply,
    /// A notification to a listener.
    Notification,
}

impl Label {
    /// A plain message's label: its message_id, or nothing.
    pub fn plain(text: impl Into<String>) -> Label {
        Label(Arc::new(LabelKind::Plain(text.into())))
    }

    pub fn kind(&self) -> &LabelKind {
        &self.0
    }

    /// The text of a plain label; `None` for the kinds that are worded.
    pub fn plain_text(&self) -> Option<&str> {
        match self.kind() {
            LabelKind::Plain(text) => Some(text),
            _ => None,
        }
    }

    /// A plain label with no text (a message without a message_id).
    pub fn is_empty(&self) -> bool {
        self.plain_text().is_some_and(str::is_empty)
    }
}

impl From<LabelKind> for Label {
    fn from(kind: LabelKind) -> Label {
        Label(Arc::new(kind))
    }
}

/// A message's body and properties, shared by the hops that carry it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Content {
    pub routing_key: String,
    pub properties: Arc<Properties>,
    pub body: Arc<str>,
    /// The `x-death` history, newest first, for a dead-lettered copy.
    pub deaths: Vec<Death>,
}

/// Which crossing a hop is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "leg", rename_all = "snake_case")]
pub enum Leg {
    /// A client's publish on its way to an exchange.
    Publish { exchange: String, content: Arc<Content> },
    /// A delivery on its way from a queue to a consumer.
    Deliver { delivery_tag: u64, redelivered: bool, content: Arc<Content> },
    /// An ack, nack or reject on its way back to the queue.
    Settle { settle: Settle },
    /// A mandatory publish coming back as unroutable (`basic.return`).
    Return { content: Arc<Content> },
}

impl Leg {
    /// The message carried, if the leg carries one (an ack carries none).
    pub fn content(&self) -> Option<&Arc<Content>> {
        match self {
            Leg::Publish { content, .. } | Leg::Deliver { content, .. } | Leg::Return { content } => Some(content),
            Leg::Settle { .. } => None,
        }
    }
}

/// One network crossing: which message, where it leaves and arrives, and when. Animation,
/// the event log and the sequence diagram all read these; none of them re-runs anything.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hop {
    /// The publish this is part of: minted when the client sends, never empty.
    pub message: PublishId,
    pub label: Label,
    pub kind: MessageKind,
    pub from: Place,
    pub to: Place,
    pub departs: SimTime,
    pub arrives: SimTime,
    pub leg: Leg,
}

/// A client's action or decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "note", rename_all = "snake_case")]
pub enum Note {
    /// A delivery reached the client.
    Received { label: Label, queue: QueueId, delivery_tag: u64, redelivered: bool },
    /// The client started working on a delivery until `until`.
    Processing { label: Label, until: SimTime },
    /// Processing failed (the consumer's failure probability came up).
    ProcessingFailed { label: Label },
    /// The client settled a delivery; the ack or nack reaches the broker after the latency.
    Settled { label: Label, settle: Settle },
    /// A mandatory publish came back as unroutable.
    Returned { label: Label },
    /// The broker refused a declaration or `basic.consume` the actor asked for.
    Refused { error: AmqpError },
    /// The actor's process ended (a crash, or the end of a graceful stop).
    Stopped,
    /// The script stopped the actor gracefully: it ran its own stop logic and closes its
    /// connection at `until`, when its work in progress is done.
    Stopping { until: SimTime },
    /// The broker saw the actor's connection close, with this many deliveries unacked
    /// (they go back to their queues).
    Disconnected { unacked: u64 },
    /// A client defined above the simulator (an oslo.messaging client, server, notifier or
    /// listener) did or decided something.
    Client(ClientNoteRef),
}

impl Note {
    /// Wraps a note of a client defined above the simulator.
    pub fn client(note: impl ClientNote) -> Note {
        Note::Client(ClientNoteRef(Arc::new(note)))
    }

    /// The client note as its own type, if it is one.
    pub fn client_note<T: ClientNote>(&self) -> Option<&T> {
        match self {
            Note::Client(note) => note.0.as_any().downcast_ref::<T>(),
            _ => None,
        }
    }
}

/// The note type of a layer built on the simulator (oslo.messaging's). The simulator stores,
/// clones, compares and serializes such notes without knowing their type, so the layers
/// point one way: `oslo` knows `sim`, never the reverse.
///
/// Not `Debug`, for the reason [`crate::sim::Actor`] is not: [`ClientNoteRef`] prints the
/// note's JSON.
pub trait ClientNote: Send + Sync + 'static {
    /// The note as JSON: an object, whose fields join the trace entry's.
    fn to_json(&self) -> serde_json::Value;
    fn as_any(&self) -> &dyn Any;
    fn same_as(&self, other: &dyn ClientNote) -> bool;
}

/// A shared client note; what [`Note::Client`] holds.
#[derive(Clone)]
pub struct ClientNoteRef(pub Arc<dyn ClientNote>);

impl fmt::Debug for ClientNoteRef {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "ClientNote({})", self.0.to_json())
    }
}

impl PartialEq for ClientNoteRef {
    fn eq(&self, other: &Self) -> bool {
        self.0.same_as(other.0.as_ref())
    }
}

impl Serialize for ClientNoteRef {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.to_json().serialize(serializer)
    }
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
