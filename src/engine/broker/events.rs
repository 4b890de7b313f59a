//! What the broker records: [`BrokerEvent`]s, in order, and the reasons they carry (why a
//! copy was dropped, where a requeue put it, why a queue went). The simulator turns the
//! events into trace entries.

use serde::Serialize;

use crate::engine::broker::{ChannelId, ConsumerId};
use crate::engine::message::{CopyId, DeathReason, PublishId, SimTime};
use crate::engine::topology::{ExchangeId, QueueId, Route};

/// Why a message copy left the broker without being acked or dead-lettered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// Pushed out of a full `drop-head` queue that has no dead-letter exchange.
    MaxLength,
    /// Its TTL ran out at the head of a queue with no dead-letter exchange.
    Expired,
    /// Rejected or nacked without requeue, with no dead-letter exchange.
    Rejected,
    /// Refused by a full `reject-publish` queue.
    RejectPublish,
    /// The dead-letter exchange does not exist.
    DeadLetterExchangeMissing,
    /// Dead-lettering would loop back to a queue it already died in, with no rejection
    /// before that queue's entry in the `x-death` header.
    DeadLetterCycle,
    /// The dead-letter exchange routed it nowhere.
    DeadLetterUnroutable,
    /// Its queue was deleted.
    QueueDeleted,
    /// Requeued past a quorum queue's delivery limit, with no dead-letter exchange.
    DeliveryLimit,
    /// Removed by `queue.purge`.
    Purged,
    /// A transient message in a classic queue when the node restarted.
    BrokerRestarted,
}

/// Where a requeued message went back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RequeuePlace {
    /// A classic queue: where it was before it was delivered.
    Original,
    /// A quorum queue's returns, served before the other messages (a return when the queue
    /// has a delivery limit, or the messages of a consumer that went away).
    Head,
    /// Behind a quorum queue's other messages: without a delivery limit, 3.10.8 makes a
    /// nack's or reject's return a new enqueue.
    Tail,
}

/// Why a queue was deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QueueDeletion {
    Explicit,
    /// Unused for its `x-expires` time.
    Expired,
    /// Its last consumer went (auto-delete).
    AutoDelete,
    /// Its exclusive owner's connection closed.
    OwnerClosed,
    /// It was not durable and the node restarted.
    BrokerRestarted,
}

/// Something the broker did, in order. The simulator turns these into trace entries.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum BrokerEvent {
    /// A publish arrived at an exchange and routing chose `route`.
    Routed {
        publish: PublishId,
        exchange: ExchangeId,
        route: Route,
        mandatory: bool,
    },
    /// Routing chose no queue: returned when mandatory, silently dropped otherwise.
    Unroutable {
        publish: PublishId,
        exchange: ExchangeId,
        returned: bool,
    },
    Enqueued {
        queue: QueueId,
        copy: CopyId,
        publish: PublishId,
        depth: usize,
    },
    Delivered {
        delivery_tag: u64,
        channel: ChannelId,
        consumer: Option<ConsumerId>,
        queue: QueueId,
        copy: CopyId,
        publish: PublishId,
        redelivered: bool,
    },
    Acked {
        queue: QueueId,
        copy: CopyId,
        publish: PublishId,
        /// When the publish reached the broker (for latency statistics).
        published_at: SimTime,
    },
    Requeued {
        queue: QueueId,
        copy: CopyId,
        publish: PublishId,
        place: RequeuePlace,
    },
    Dropped {
        queue: QueueId,
        copy: CopyId,
        publish: PublishId,
        reason: DropReason,
    },
    DeadLettered {
        queue: QueueId,
        copy: CopyId,
        publish: PublishId,
        reason: DeathReason,
        dead_letter_exchange: String,
        route: Route,
    },
    QueueDeleted {
        queue: QueueId,
        reason: QueueDeletion,
    },
    ExchangeDeleted {
        exchange: ExchangeId,
    },
}
