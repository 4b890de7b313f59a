//! The broker: a topology plus the runtime state of queues, connections, channels and
//! consumers, driven by AMQP operations at given virtual times.
//!
//! Every operation takes `now` (virtual milliseconds) and records what happened as
//! [`BrokerEvent`]s, which callers drain. The broker never reads a clock and makes no random
//! choice: given the same operations at the same times it does the same thing.
//! Semantics follow RabbitMQ's classic queues (`rabbit_amqqueue_process.erl`,
//! `rabbit_queue_consumers.erl`, `rabbit_dead_letter.erl`); see
//! `tests/reference/amqp-oslo-semantics.txt` for the rules and their sources.

use std::cmp::Reverse;
use std::collections::VecDeque;
use std::sync::Arc;

use serde::Serialize;

use crate::engine::SortedMap;
use crate::engine::SortedSet;
use crate::engine::error::AmqpError;
use crate::engine::message::{CopyId, Death, DeathReason, Message, Properties, PublishId, SimTime};
use crate::engine::quorum;
use crate::engine::topology::{
    BindingId, Destination, ExchangeId, ExchangeSpec, MAX_EXPIRY_MS, Overflow, QueueId, QueueSpec, Route, RoutingInput,
    Topology,
};
use crate::engine::value::{FieldTable, FieldValue};

mod operator;
pub use operator::RestartLosses;

/// A client connection; exclusive queues belong to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ConnectionId(pub u32);

/// A channel on a connection; delivery tags count per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ChannelId(pub u32);

/// A consumer (`basic.consume`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ConsumerId(pub u32);

/// What a publisher sends.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Publish {
    pub exchange: String,
    pub routing_key: String,
    pub mandatory: bool,
    pub properties: Properties,
    pub body: Arc<str>,
}

impl Publish {
    /// The keys routing uses: the routing key, then the `CC` and `BCC` header values.
    pub fn routing_keys(&self) -> Vec<String> {
        let mut keys = vec![self.routing_key.clone()];
        keys.extend(header_routes(&self.properties.headers, "CC"));
        keys.extend(header_routes(&self.properties.headers, "BCC"));
        keys
    }
}

/// The publisher-confirm answer to a publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confirm {
    Ack,
    Nack,
}

/// What happened to one publish.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublishOutcome {
    pub publish: PublishId,
    pub route: Route,
    /// Sent back with 312 NO_ROUTE (mandatory and unroutable).
    pub returned: bool,
    /// Queues whose `reject-publish` overflow refused the message.
    pub rejected_by: Vec<QueueId>,
    pub confirm: Confirm,
}

/// One message handed to a client by `basic.get` or a consumer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Delivery {
    pub queue: QueueId,
    pub channel: ChannelId,
    pub consumer: Option<ConsumerId>,
    pub delivery_tag: u64,
    pub message: Message,
}

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

/// Why a message went back to its queue, which decides where a quorum queue puts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RequeueCause {
    /// `basic.nack` or `basic.reject` with requeue.
    Nack,
    /// Its channel closed with the message unacked.
    ChannelClosed,
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

/// Counters that, with the messages still held, account for every copy ever made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Ledger {
    pub publishes: u64,
    pub unroutable: u64,
    pub copies_made: u64,
    pub acked: u64,
    pub dead_lettered: u64,
    pub dropped: u64,
}

#[derive(Debug, Clone)]
struct Ready {
    message: Message,
    expires_at: Option<SimTime>,
}

/// Position of a ready message: higher priority first, then arrival order. A classic
/// queue's requeued messages reuse their key, so they return to their original place.
type ReadyKey = (Reverse<u8>, u64);

#[derive(Debug, Clone, Default)]
struct QueueState {
    // A persistent map, so cloning a queue for a simulator snapshot shares its messages;
    // entries are `Arc`s so the map's nodes move pointers, not messages.
    ready: imbl::OrdMap<ReadyKey, Arc<Ready>>,
    ready_bytes: u64,
    next_seq: u64,
    /// Consumers in registration order (the single active consumer is the first).
    consumers: Vec<ConsumerId>,
    /// Round-robin order of consumers able to take a message.
    active: VecDeque<ConsumerId>,
    ever_consumed: bool,
    last_used: SimTime,
    exclusive_owner: Option<ConnectionId>,
    // RabbitMQ 3.10.8's TTL timer when it no longer follows the head: `Some(armed)` after
    // a message jumped ahead of the head of a non-empty priority queue, where RabbitMQ does
    // not re-check expiry (`deliver_or_enqueue` assumes the head is the oldest message);
    // `armed` is when the timer it set for the old head fires, if ever. Until the timer
    // fires, a fetch or a requeue re-checks, the jumped message is not expired.
    stale_ttl_timer: Option<Option<SimTime>>,
    /// A quorum queue's returns (`RequeuePlace::Head`) go ahead of the rest in return order
    /// (`rabbit_fifo`'s returns): they take keys of a level above any priority, from here.
    next_return: u64,
    /// A quorum `reject-publish` queue went over its limit and refuses publishes until it
    /// is back at or below 80% of it (`rabbit_fifo`'s soft limit).
    rejecting_publishes: bool,
    /// A quorum queue's messages nacked or rejected with requeue whose return it has not
    /// applied yet: RabbitMQ 3.10.8's client casts a return to the leader's aux process,
    /// which appends it to the Raft log only then, so a `basic.get` sent right after it is
    /// served first (see `flush_returns`).
    pending_returns: Vec<Unacked>,
}

#[derive(Debug, Clone)]
struct Consumer {
    tag: String,
    channel: ChannelId,
    queue: QueueId,
    prefetch: u32,
    no_ack: bool,
    unacked: u32,
    // The `x-priority` consumer argument (0 by default).
    priority: i64,
}

impl Consumer {
    fn has_capacity(&self) -> bool {
        self.prefetch == 0 || self.unacked < self.prefetch
    }
}

#[derive(Debug, Clone)]
struct Unacked {
    queue: QueueId,
    key: ReadyKey,
    expires_at: Option<SimTime>,
    consumer: Option<ConsumerId>,
    message: Message,
}

#[derive(Debug, Clone)]
struct Channel {
    connection: ConnectionId,
    next_tag: u64,
    unacked: SortedMap<u64, Unacked>,
}

/// Options of `basic.consume` plus the consumer's `basic.qos` prefetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsumeOptions {
    pub consumer_tag: String,
    /// 0 means unlimited.
    pub prefetch: u32,
    pub no_ack: bool,
}

/// The broker of one vhost.
#[derive(Debug, Clone)]
pub struct Broker {
    // Shared with snapshots until changed (declarations are rare next to publishes).
    topology: Arc<Topology>,
    queues: SortedMap<QueueId, QueueState>,
    channels: SortedMap<ChannelId, Channel>,
    connections: SortedSet<ConnectionId>,
    consumers: SortedMap<ConsumerId, Consumer>,
    events: Vec<BrokerEvent>,
    // Consumer deliveries not yet taken by the simulator, in delivery order.
    outbox: Vec<Delivery>,
    // Queues that can expire something by themselves (a TTL or x-expires argument, or a
    // message with a per-message TTL): only these are scanned for deadlines.
    timed_queues: SortedSet<QueueId>,
    // Quorum queues with pending returns, so applying them costs nothing when there are none.
    returning: SortedSet<QueueId>,
    // Dead-letterings waiting their turn, oldest first. Invariant: empty between
    // operations; `dead_lettering` is true while a fan-out or a dead-lettering runs, so a
    // queue's dead-lettering waits until every copy in flight reached its queue.
    dead_letters: std::collections::VecDeque<(QueueId, Message, DeathReason)>,
    dead_lettering: bool,
    ledger: Ledger,
    now: SimTime,
    // Invariant: counters only grow, so ids are never reused.
    next_publish: u64,
    next_copy: u64,
    next_handle: u32,
}

impl Default for Broker {
    fn default() -> Self {
        Broker::new(Topology::new())
    }
}

impl Broker {
    /// A broker serving `topology`, with every queue empty, at time 0.
    pub fn new(topology: Topology) -> Broker {
        let queues = SortedMap::from_iter(topology.queues().map(|queue| (queue.id, QueueState::default())));
        let mut timed_queues = SortedSet::new();
        timed_queues.extend(topology.queues().filter(|queue| queue.args.expires.is_some()).map(|queue| queue.id));
        Broker {
            topology: Arc::new(topology),
            queues,
            channels: SortedMap::new(),
            connections: SortedSet::new(),
            consumers: SortedMap::new(),
            events: Vec::new(),
            outbox: Vec::new(),
            dead_letters: std::collections::VecDeque::new(),
            dead_lettering: false,
            timed_queues,
            returning: SortedSet::new(),
            ledger: Ledger::default(),
            now: 0,
            next_publish: 0,
            next_copy: 0,
            next_handle: 0,
        }
    }

    pub fn topology(&self) -> &Topology {
        &self.topology
    }

    pub fn now(&self) -> SimTime {
        self.now
    }

    pub fn ledger(&self) -> Ledger {
        self.ledger
    }

    /// Takes the events recorded since the last call.
    pub fn drain_events(&mut self) -> Vec<BrokerEvent> {
        std::mem::take(&mut self.events)
    }

    /// Takes the consumer deliveries made since the last call, in order.
    pub fn drain_deliveries(&mut self) -> Vec<Delivery> {
        std::mem::take(&mut self.outbox)
    }

    /// The channel a consumer receives on.
    pub fn consumer_channel(&self, consumer: ConsumerId) -> Option<ChannelId> {
        self.consumers.get(&consumer).map(|consumer| consumer.channel)
    }

    fn handle(&mut self) -> u32 {
        self.next_handle += 1;
        self.next_handle
    }

    /// Deliveries not yet settled on the connection's channels.
    pub fn unacked_on(&self, connection: ConnectionId) -> u64 {
        let channels = self.channels.values().filter(|channel| channel.connection == connection);
        channels.map(|channel| channel.unacked.len() as u64).sum()
    }

    pub fn open_connection(&mut self) -> ConnectionId {
        let id = ConnectionId(self.handle());
        self.connections.insert(id);
        id
    }

    pub fn open_channel(&mut self, connection: ConnectionId) -> ChannelId {
        let id = ChannelId(self.handle());
        self.channels.insert(id, Channel { connection, next_tag: 1, unacked: SortedMap::new() });
        id
    }

    /// Closes a channel: its consumers are cancelled and its unacked messages requeued.
    pub fn close_channel(&mut self, now: SimTime, channel: ChannelId) {
        self.tick(now);
        self.flush_returns();
        let consumers: Vec<ConsumerId> =
            self.consumers.iter().filter(|(_, consumer)| consumer.channel == channel).map(|(id, _)| *id).collect();
        for consumer in consumers {
            self.remove_consumer(consumer);
        }
        if let Some(closed) = self.channels.remove(&channel) {
            let mut touched = SortedSet::new();
            for (_, unacked) in closed.unacked {
                touched.insert(unacked.queue);
                self.requeue(unacked, RequeueCause::ChannelClosed);
            }
            for queue in touched {
                self.after_requeue(queue);
            }
        }
    }

    /// Closes a connection: its channels close and its exclusive queues are deleted.
    pub fn close_connection(&mut self, now: SimTime, connection: ConnectionId) {
        let channels: Vec<ChannelId> =
            self.channels.iter().filter(|(_, channel)| channel.connection == connection).map(|(id, _)| *id).collect();
        for channel in channels {
            self.close_channel(now, channel);
        }
        self.connections.remove(&connection);
        let owned: Vec<QueueId> = self
            .queues
            .iter()
            .filter(|(_, state)| state.exclusive_owner == Some(connection))
            .map(|(id, _)| *id)
            .collect();
        for queue in owned {
            self.remove_queue(queue, QueueDeletion::OwnerClosed);
        }
    }

    pub fn declare_exchange(&mut self, now: SimTime, spec: ExchangeSpec) -> Result<ExchangeId, AmqpError> {
        self.tick(now);
        self.flush_returns();
        Arc::make_mut(&mut self.topology).declare_exchange(spec)
    }

    /// Declares a queue; an exclusive queue belongs to `channel`'s connection.
    pub fn declare_queue(&mut self, now: SimTime, channel: ChannelId, spec: QueueSpec) -> Result<QueueId, AmqpError> {
        self.tick(now);
        self.flush_returns();
        if let Some(existing) = self.topology.queue_by_name(&spec.name) {
            self.check_exclusive(existing.id, channel)?;
            // 3.10.8 checks exclusive access strictly on a redeclaration: a queue declared
            // exclusive cannot be redeclared without it, nor the other way round.
            if existing.spec.exclusive != spec.exclusive {
                return Err(exclusive_refusal(&spec.name));
            }
        }
        let exclusive = spec.exclusive;
        let id = Arc::make_mut(&mut self.topology).declare_queue(spec)?;
        if self.topology.queue(id).is_some_and(|queue| queue.args.expires.is_some()) {
            self.timed_queues.insert(id);
        }
        let connection = self.channels.get(&channel).map(|channel| channel.connection);
        let state = self.queues.entry(id).or_default();
        state.last_used = now;
        if exclusive && state.exclusive_owner.is_none() {
            state.exclusive_owner = connection;
        }
        Ok(id)
    }

    fn check_exclusive(&self, queue: QueueId, channel: ChannelId) -> Result<(), AmqpError> {
        let owner = self.queues.get(&queue).and_then(|state| state.exclusive_owner);
        let connection = self.channels.get(&channel).map(|channel| channel.connection);
        match owner {
            Some(owner) if Some(owner) != connection => {
                Err(exclusive_refusal(self.topology.queue(queue).map_or("?", |queue| queue.name())))
            }
            _ => Ok(()),
        }
    }

    /// `queue.bind` / `exchange.bind` by names.
    pub fn bind(
        &mut self,
        now: SimTime,
        source: &str,
        destination: Destination,
        routing_key: &str,
        arguments: FieldTable,
    ) -> Result<BindingId, AmqpError> {
        self.tick(now);
        self.flush_returns();
        let source_id = self
            .topology
            .exchange_by_name(source)
            .ok_or_else(|| AmqpError::NotFound(format!("no exchange '{source}' in vhost '/'")))?
            .id;
        Arc::make_mut(&mut self.topology).bind(source_id, destination, routing_key, arguments)
    }

    pub fn unbind(&mut self, now: SimTime, binding: BindingId) {
        self.tick(now);
        self.flush_returns();
        let deleted = Arc::make_mut(&mut self.topology).unbind(binding);
        self.events.extend(deleted.into_iter().map(|exchange| BrokerEvent::ExchangeDeleted { exchange }));
    }

    pub fn delete_queue(&mut self, now: SimTime, queue: QueueId) {
        self.tick(now);
        self.flush_returns();
        self.remove_queue(queue, QueueDeletion::Explicit);
    }

    pub fn delete_exchange(&mut self, now: SimTime, exchange: ExchangeId) {
        self.tick(now);
        self.flush_returns();
        let deleted = Arc::make_mut(&mut self.topology).delete_exchange(exchange);
        self.events.extend(deleted.into_iter().map(|exchange| BrokerEvent::ExchangeDeleted { exchange }));
    }

    /// `basic.publish`. The checks come in RabbitMQ 3.10.8's order, with its texts: a
    /// missing exchange is 404, an internal one 403, an invalid `expiration` 406, then a
    /// `CC` or `BCC` header that is not an array, or a `delivery_mode` other than 1 or 2,
    /// is 406 (`rabbit_basic:message`). Otherwise the outcome says where the message went.
    pub fn publish(&mut self, now: SimTime, publish: Publish) -> Result<PublishOutcome, AmqpError> {
        let publish_id = self.mint_publish_id();
        self.publish_as(now, publish, publish_id)
    }

    /// A fresh publish id, for a publisher that names its message before it arrives (the
    /// simulator, whose hops carry the id from the moment the client sends).
    pub fn mint_publish_id(&mut self) -> PublishId {
        let publish_id = PublishId(self.next_publish);
        self.next_publish += 1;
        publish_id
    }

    /// [`Broker::publish`] with an id from [`Broker::mint_publish_id`].
    pub fn publish_as(
        &mut self,
        now: SimTime,
        publish: Publish,
        publish_id: PublishId,
    ) -> Result<PublishOutcome, AmqpError> {
        self.tick(now);
        self.flush_returns();
        let internal_refusal =
            |name: &str| AmqpError::AccessRefused(format!("cannot publish to internal exchange '{name}' in vhost '/'"));
        let Some(exchange) = self.topology.exchange_by_name(&publish.exchange) else {
            // Every vhost has this internal exchange (the firehose tracer's); Kaiten does not
            // model tracing, so it is not in the topology, but publishing to it is refused.
            if publish.exchange == TRACE_EXCHANGE {
                return Err(internal_refusal(TRACE_EXCHANGE));
            }
            return Err(AmqpError::NotFound(format!("no exchange '{}' in vhost '/'", publish.exchange)));
        };
        if exchange.spec.internal {
            return Err(internal_refusal(&publish.exchange));
        }
        let exchange_id = exchange.id;
        if let Some(expiration) = &publish.properties.expiration
            && parse_expiration(expiration).is_none()
        {
            return Err(AmqpError::PreconditionFailed(format!(
                "invalid expiration '{expiration}': {}",
                expiration_problem(expiration)
            )));
        }
        if let Some(problem) = invalid_message(&publish.properties) {
            return Err(AmqpError::PreconditionFailed(format!("invalid message: {problem}")));
        }
        let routing_keys = publish.routing_keys();
        let mut properties = publish.properties;
        properties.headers.remove("BCC");
        let deaths = published_deaths(&mut properties.headers, now);
        self.ledger.publishes += 1;
        let message = Message {
            publish: publish_id,
            copy: CopyId(0),
            exchange: Arc::from(publish.exchange),
            routing_keys: routing_keys.into(),
            properties: Arc::new(properties),
            body: publish.body,
            published_at: self.now,
            deaths,
            redelivered: false,
            delivery_count: None,
        };
        let route = self.topology.route(
            exchange_id,
            RoutingInput { routing_keys: &message.routing_keys, headers: &message.properties.headers },
        );
        if route.queues.is_empty() {
            self.ledger.unroutable += 1;
            self.events.push(BrokerEvent::Unroutable {
                publish: publish_id,
                exchange: exchange_id,
                returned: publish.mandatory,
            });
            return Ok(PublishOutcome {
                publish: publish_id,
                route,
                returned: publish.mandatory,
                rejected_by: Vec::new(),
                confirm: Confirm::Ack,
            });
        }
        self.events.push(BrokerEvent::Routed {
            publish: publish_id,
            exchange: exchange_id,
            route: route.clone(),
            mandatory: publish.mandatory,
        });
        // Every queue gets its copy before any queue's overflow dead-letters (RabbitMQ hands
        // the copies to all queue processes at once; their dead-lettering comes after).
        let mut rejected_by = Vec::new();
        let outermost = !std::mem::replace(&mut self.dead_lettering, true);
        for queue in &route.queues {
            if !self.deliver_or_enqueue(*queue, message.clone()) {
                rejected_by.push(*queue);
            }
        }
        if outermost {
            self.run_dead_letters();
        }
        let confirm = if rejected_by.is_empty() { Confirm::Ack } else { Confirm::Nack };
        Ok(PublishOutcome { publish: publish_id, route, returned: false, rejected_by, confirm })
    }

    /// `basic.get`: the head message of `queue`, if any.
    pub fn get(
        &mut self,
        now: SimTime,
        channel: ChannelId,
        queue: &str,
        no_ack: bool,
    ) -> Result<Option<Delivery>, AmqpError> {
        self.tick(now);
        let queue_id = self.queue_id(queue)?;
        self.check_exclusive(queue_id, channel)?;
        // RabbitMQ 3.10.8 serves basic.get on classic single-active-consumer queues like any
        // other (later releases refuse it), but refuses it on quorum ones.
        if let Some(args) = self.topology.queue(queue_id).map(|queue| &queue.args)
            && args.quorum
            && args.single_active_consumer
        {
            return Err(quorum::single_active_get_refusal(queue));
        }
        if !self.channels.contains_key(&channel) {
            return Err(AmqpError::NotFound("channel is closed".into()));
        }
        let state = self.queues.get_mut(&queue_id).expect("queue state exists");
        state.last_used = now;
        self.expire_head(queue_id);
        let Some((key, ready)) = self.pop_head(queue_id) else {
            self.flush_returns();
            return Ok(None);
        };
        let delivery = self.hand_over(queue_id, key, ready, channel, None, no_ack);
        // RabbitMQ's `fetch` drops expired messages that the fetch brought to the head.
        self.recheck_expiry(queue_id);
        self.evaluate_publish_limit(queue_id);
        self.flush_returns();
        Ok(Some(delivery))
    }

    /// `basic.consume` with a per-consumer prefetch.
    pub fn consume(
        &mut self,
        now: SimTime,
        channel: ChannelId,
        queue: &str,
        options: ConsumeOptions,
    ) -> Result<ConsumerId, AmqpError> {
        self.consume_with_priority(now, channel, queue, options, 0)
    }

    /// `basic.consume` with the `x-priority` consumer argument: while a consumer of a
    /// higher priority has prefetch room, consumers of lower priorities get nothing;
    /// consumers of one priority take turns (`rabbit_queue_consumers`). The default is 0;
    /// negative priorities are allowed.
    pub fn consume_with_priority(
        &mut self,
        now: SimTime,
        channel: ChannelId,
        queue: &str,
        options: ConsumeOptions,
        priority: i64,
    ) -> Result<ConsumerId, AmqpError> {
        self.tick(now);
        self.flush_returns();
        let queue_id = self.queue_id(queue)?;
        self.check_exclusive(queue_id, channel)?;
        if !self.channels.contains_key(&channel) {
            return Err(AmqpError::NotFound("channel is closed".into()));
        }
        let id = ConsumerId(self.handle());
        self.consumers.insert(
            id,
            Consumer {
                tag: options.consumer_tag,
                channel,
                queue: queue_id,
                prefetch: options.prefetch,
                no_ack: options.no_ack,
                unacked: 0,
                priority,
            },
        );
        let state = self.queues.get_mut(&queue_id).expect("queue state exists");
        state.consumers.push(id);
        state.active.push_back(id);
        state.ever_consumed = true;
        state.last_used = now;
        self.dispatch(queue_id);
        Ok(id)
    }

    /// `basic.cancel`. Unacked messages stay with the channel until acked or closed.
    pub fn cancel(&mut self, now: SimTime, consumer: ConsumerId) {
        self.tick(now);
        self.flush_returns();
        self.remove_consumer(consumer);
    }

    /// The consumer tag given at `basic.consume`.
    pub fn consumer_tag(&self, consumer: ConsumerId) -> Option<&str> {
        self.consumers.get(&consumer).map(|consumer| consumer.tag.as_str())
    }

    /// `basic.ack`, with `multiple` acking every tag up to this one.
    pub fn ack(
        &mut self,
        now: SimTime,
        channel: ChannelId,
        delivery_tag: u64,
        multiple: bool,
    ) -> Result<(), AmqpError> {
        self.tick(now);
        for unacked in self.take_unacked(channel, delivery_tag, multiple)? {
            self.ledger.acked += 1;
            self.events.push(BrokerEvent::Acked {
                queue: unacked.queue,
                copy: unacked.message.copy,
                publish: unacked.message.publish,
                published_at: unacked.message.published_at,
            });
            self.release_consumer(unacked.consumer);
            self.after_change(unacked.queue);
        }
        Ok(())
    }

    /// `basic.nack` (and `basic.reject`, which is a nack without `multiple`): requeue to the
    /// original position, or dead-letter (`rejected`) or drop.
    pub fn nack(
        &mut self,
        now: SimTime,
        channel: ChannelId,
        delivery_tag: u64,
        multiple: bool,
        requeue: bool,
    ) -> Result<(), AmqpError> {
        self.tick(now);
        let taken = self.take_unacked(channel, delivery_tag, multiple)?;
        let mut touched = SortedSet::new();
        for unacked in taken {
            if requeue && self.topology.queue(unacked.queue).is_some_and(|queue| queue.args.quorum) {
                // The consumer gets its room back when the return is applied.
                let state = self.queues.get_mut(&unacked.queue).expect("a quorum queue's state exists");
                self.returning.insert(unacked.queue);
                state.pending_returns.push(unacked);
                continue;
            }
            touched.insert(unacked.queue);
            self.release_consumer(unacked.consumer);
            if requeue {
                self.requeue(unacked, RequeueCause::Nack);
            } else {
                self.dead_letter_or_drop(unacked.queue, unacked.message, DeathReason::Rejected);
            }
        }
        for queue in touched {
            if requeue {
                self.after_requeue(queue);
            } else {
                self.after_change(queue);
            }
        }
        Ok(())
    }

    /// Moves virtual time to `now`, expiring messages and queues whose time has come, in
    /// deadline order.
    pub fn advance_to(&mut self, now: SimTime) {
        while let Some(deadline) = self.next_expiry() {
            if deadline > now {
                break;
            }
            self.now = self.now.max(deadline);
            self.expire_due();
        }
        self.now = self.now.max(now);
        self.expire_due();
        self.flush_returns();
    }

    /// The next virtual time at which the broker acts by itself: a queue head's TTL, an
    /// unused queue's `x-expires`, or now, when quorum queues have returns to apply (a
    /// requeued message goes back to its consumers without anything else happening).
    pub fn next_deadline(&self) -> Option<SimTime> {
        let returns = (!self.returning.is_empty()).then_some(self.now);
        returns.into_iter().chain(self.next_expiry()).min()
    }

    /// The next virtual time at which something expires by itself.
    fn next_expiry(&self) -> Option<SimTime> {
        self.timed_queues
            .iter()
            .filter_map(|id| self.queues.get(id).map(|state| (id, state)))
            .flat_map(|(id, state)| {
                let head = match state.stale_ttl_timer {
                    Some(armed) => armed,
                    None => state.ready.values().next().and_then(|ready| ready.expires_at),
                };
                let expires = match self.topology.queue(*id).and_then(|queue| queue.args.expires) {
                    Some(ms) if state.consumers.is_empty() => Some(state.last_used.saturating_add(ms)),
                    _ => None,
                };
                [head, expires]
            })
            .flatten()
            .min()
    }

    /// Ready messages of a queue, head first.
    pub fn ready_messages(&self, queue: QueueId) -> Vec<&Message> {
        self.first_ready(queue, usize::MAX)
    }

    /// The first `limit` ready messages of a queue, head first (without walking the rest).
    pub fn first_ready(&self, queue: QueueId, limit: usize) -> Vec<&Message> {
        self.queues
            .get(&queue)
            .map_or_else(Vec::new, |state| state.ready.values().take(limit).map(|ready| &ready.message).collect())
    }

    /// Number of ready messages in a queue.
    pub fn ready_count(&self, queue: QueueId) -> usize {
        self.queues.get(&queue).map_or(0, |state| state.ready.len())
    }

    /// Number of delivered, unacked messages taken from a queue.
    pub fn unacked_count(&self, queue: QueueId) -> usize {
        self.channels
            .values()
            .flat_map(|channel| channel.unacked.values())
            .filter(|unacked| unacked.queue == queue)
            .count()
    }

    /// Every message copy the broker holds (ready or unacked), for accounting checks.
    pub fn held_copies(&self) -> Vec<CopyId> {
        let ready = self.queues.values().flat_map(|state| state.ready.values().map(|ready| ready.message.copy));
        let unacked =
            self.channels.values().flat_map(|channel| channel.unacked.values().map(|unacked| unacked.message.copy));
        let returning =
            self.queues.values().flat_map(|state| state.pending_returns.iter().map(|unacked| unacked.message.copy));
        ready.chain(unacked).chain(returning).collect()
    }

    /// The consumers of a queue in registration order, with their unacked counts.
    pub fn consumers_of(&self, queue: QueueId) -> Vec<(ConsumerId, u32)> {
        self.queues
            .get(&queue)
            .map_or_else(Vec::new, |state| state.consumers.iter().map(|id| (*id, self.consumers[id].unacked)).collect())
    }

    fn queue_id(&self, name: &str) -> Result<QueueId, AmqpError> {
        self.topology
            .queue_by_name(name)
            .map(|queue| queue.id)
            .ok_or_else(|| AmqpError::NotFound(format!("no queue '{name}' in vhost '/'")))
    }

    fn tick(&mut self, now: SimTime) {
        if now > self.now {
            self.advance_to(now);
        }
    }

    fn expire_due(&mut self) {
        let queues: Vec<QueueId> = self.timed_queues.iter().copied().collect();
        for queue in queues {
            // RabbitMQ's TTL timer fired: it checks whatever is at the head now.
            if self
                .queues
                .get(&queue)
                .and_then(|state| state.stale_ttl_timer)
                .flatten()
                .is_some_and(|at| at <= self.now)
            {
                self.recheck_expiry(queue);
            }
            self.expire_head(queue);
            let Some(state) = self.queues.get(&queue) else { continue };
            let expired = match self.topology.queue(queue).and_then(|queue| queue.args.expires) {
                Some(ms) => state.consumers.is_empty() && state.last_used.saturating_add(ms) <= self.now,
                None => false,
            };
            if expired {
                self.remove_queue(queue, QueueDeletion::Expired);
            }
        }
    }

    fn mint_copy(&mut self) -> CopyId {
        self.next_copy += 1;
        self.ledger.copies_made += 1;
        CopyId(self.next_copy)
    }

    /// A copy arrives at a queue. Returns false when `reject-publish` refused it.
    fn deliver_or_enqueue(&mut self, queue: QueueId, mut message: Message) -> bool {
        message.copy = self.mint_copy();
        message.redelivered = false;
        let args = self.topology.queue(queue).expect("routed queues exist").args.clone();
        message.delivery_count = args.quorum.then_some(0);
        let state = &self.queues[&queue];
        let will_overflow = if args.quorum {
            // A quorum queue takes the message that goes over the limit and refuses the
            // next ones (`rabbit_fifo`); `drop-head` then drops from the head.
            state.rejecting_publishes
        } else {
            args.max_length.is_some_and(|max| state.ready.len() as u64 + 1 > max)
                || args.max_length_bytes.is_some_and(|max| state.ready_bytes + message.body_bytes() > max)
        };
        if will_overflow && args.overflow != Overflow::DropHead {
            if args.overflow == Overflow::RejectPublishDlx {
                self.dead_letter_or_drop(queue, message, DeathReason::Maxlen);
            } else {
                self.ledger.dropped += 1;
                self.events.push(BrokerEvent::Dropped {
                    queue,
                    copy: message.copy,
                    publish: message.publish,
                    reason: DropReason::RejectPublish,
                });
            }
            return false;
        }
        let ttl = [args.message_ttl, message.properties.expiration.as_deref().and_then(parse_expiration)]
            .into_iter()
            .flatten()
            .min();
        // A deadline past the end of time saturates: the message expires at u64::MAX ms.
        let expires_at = ttl.map(|ms| self.now.saturating_add(ms));
        let level = message.priority_level(args.max_priority);
        let state = self.queues.get_mut(&queue).expect("queue state exists");
        let key = (Reverse(level), state.next_seq);
        state.next_seq += 1;
        state.ready_bytes += message.body_bytes();
        let (copy, publish) = (message.copy, message.publish);
        if let Some((old_head_key, old_head)) = state.ready.get_min()
            && key < *old_head_key
            && state.stale_ttl_timer.is_none()
        {
            state.stale_ttl_timer = Some(old_head.expires_at);
        }
        state.ready.insert(key, Arc::new(Ready { message, expires_at }));
        if expires_at.is_some() {
            self.timed_queues.insert(queue);
        }
        let depth = state.ready.len();
        self.events.push(BrokerEvent::Enqueued { queue, copy, publish, depth });
        self.after_change(queue);
        true
    }

    /// After a message arrived or a consumer got room: deliver what can be delivered, then
    /// enforce `drop-head` limits and TTL at the head. A message arriving at an empty queue
    /// with a consumer ready goes straight to it, whatever its TTL (RabbitMQ's
    /// `deliver_or_enqueue`: `attempt_delivery`, then `maybe_drop_head`, `drop_expired_msgs`).
    fn after_change(&mut self, queue: QueueId) {
        if !self.queues.contains_key(&queue) {
            return;
        }
        self.dispatch(queue);
        self.drop_head_over_limit(queue);
        self.expire_head(queue);
        self.evaluate_publish_limit(queue);
    }

    /// A quorum `reject-publish` queue starts refusing publishes once over its limit and
    /// accepts them again at or below 80% of it (`rabbit_fifo:evaluate_limit`).
    fn evaluate_publish_limit(&mut self, queue: QueueId) {
        let Some(args) = self.topology.queue(queue).map(|queue| &queue.args) else { return };
        if !args.quorum || args.overflow != Overflow::RejectPublish {
            return;
        }
        let (max_length, max_bytes) = (args.max_length, args.max_length_bytes);
        let Some(state) = self.queues.get_mut(&queue) else { return };
        let (ready, bytes) = (state.ready.len() as u64, state.ready_bytes);
        if max_length.is_some_and(|max| ready > max) || max_bytes.is_some_and(|max| bytes > max) {
            state.rejecting_publishes = true;
        } else if state.rejecting_publishes
            && max_length.is_none_or(|max| ready <= quorum::soft_limit(max))
            && max_bytes.is_none_or(|max| bytes <= quorum::soft_limit(max))
        {
            state.rejecting_publishes = false;
        }
    }

    /// After messages were requeued: limits and TTL first, then delivery (RabbitMQ's
    /// `requeue_and_run`), so an expired requeued message dies rather than being delivered.
    fn after_requeue(&mut self, queue: QueueId) {
        if !self.queues.contains_key(&queue) {
            return;
        }
        self.drop_head_over_limit(queue);
        self.recheck_expiry(queue);
        self.dispatch(queue);
        self.evaluate_publish_limit(queue);
    }

    /// Applies quorum queues' pending returns (in the order they were made), as the leader
    /// appends what its aux process made of them once the commands already sent are in:
    /// before anything but a `basic.get`, an ack or a nack, and right after a `basic.get`.
    fn flush_returns(&mut self) {
        if self.returning.is_empty() {
            return;
        }
        for queue in std::mem::take(&mut self.returning) {
            let Some(state) = self.queues.get_mut(&queue) else { continue };
            let pending = std::mem::take(&mut state.pending_returns);
            for unacked in pending {
                self.release_consumer(unacked.consumer);
                self.requeue(unacked, RequeueCause::Nack);
            }
            self.after_requeue(queue);
        }
    }

    fn drop_head_over_limit(&mut self, queue: QueueId) {
        let Some(args) = self.topology.queue(queue).map(|queue| queue.args.clone()) else { return };
        if args.overflow != Overflow::DropHead {
            return;
        }
        loop {
            let state = &self.queues[&queue];
            let over = args.max_length.is_some_and(|max| state.ready.len() as u64 > max)
                || args.max_length_bytes.is_some_and(|max| state.ready_bytes > max);
            if !over {
                break;
            }
            let (_, ready) = self.pop_head(queue).expect("a queue over its limit has a head");
            self.dead_letter_or_drop(queue, ready.message, DeathReason::Maxlen);
            // RabbitMQ re-checks expiry after dropping a head (`deliver_or_enqueue`).
            if let Some(state) = self.queues.get_mut(&queue) {
                state.stale_ttl_timer = None;
            }
        }
    }

    /// RabbitMQ's `drop_expired_msgs` where 3.10.8 calls it whatever the head (after a
    /// fetch, a requeue, or when its TTL timer fires): the head's expiry is checked again.
    fn recheck_expiry(&mut self, queue: QueueId) {
        if let Some(state) = self.queues.get_mut(&queue) {
            state.stale_ttl_timer = None;
        }
        self.expire_head(queue);
    }

    /// Expires messages at the head whose deadline has passed, unless RabbitMQ's TTL timer
    /// no longer follows the head (`stale_ttl_timer`).
    fn expire_head(&mut self, queue: QueueId) {
        loop {
            let Some(state) = self.queues.get(&queue) else { return };
            if state.stale_ttl_timer.is_some() {
                return;
            }
            let due = state.ready.values().next().and_then(|ready| ready.expires_at).is_some_and(|at| at <= self.now);
            if !due {
                return;
            }
            let (_, ready) = self.pop_head(queue).expect("checked above");
            self.dead_letter_or_drop(queue, ready.message, DeathReason::Expired);
        }
    }

    fn pop_head(&mut self, queue: QueueId) -> Option<(ReadyKey, Ready)> {
        let state = self.queues.get_mut(&queue)?;
        let key = state.ready.get_min()?.0;
        let (key, ready) = state.ready.remove_with_key(&key)?;
        let ready = Arc::unwrap_or_clone(ready);
        state.ready_bytes -= ready.message.body_bytes();
        Some((key, ready))
    }

    /// Delivers ready messages round-robin to consumers with prefetch room, as
    /// `rabbit_queue_consumers` does: the consumer at the front takes one and goes to the
    /// back; a consumer at its limit leaves the rotation until an ack frees it.
    fn dispatch(&mut self, queue: QueueId) {
        let single_active = self.topology.queue(queue).is_some_and(|queue| queue.args.single_active_consumer);
        loop {
            let Some(state) = self.queues.get_mut(&queue) else { return };
            if state.ready.is_empty() {
                return;
            }
            let consumer_id = if single_active {
                match state.consumers.first() {
                    Some(first) if self.consumers[first].has_capacity() => *first,
                    _ => return,
                }
            } else {
                // A consumer found at its prefetch limit leaves the rotation (RabbitMQ blocks
                // it) until an ack or nack frees it; one that took a message goes to the back
                // even when that message filled it (`rabbit_queue_consumers:deliver/6`).
                loop {
                    // The first consumer of the highest priority in the rotation.
                    let consumers = &self.consumers;
                    let Some(position) = state
                        .active
                        .iter()
                        .enumerate()
                        .max_by_key(|(position, id)| (consumers[*id].priority, std::cmp::Reverse(*position)))
                        .map(|(position, _)| position)
                    else {
                        return;
                    };
                    let front = state.active.remove(position).expect("position is in the rotation");
                    if self.consumers[&front].has_capacity() {
                        break front;
                    }
                }
            };
            let (key, ready) = self.pop_head(queue).expect("checked non-empty");
            let consumer = &self.consumers[&consumer_id];
            let (channel, no_ack) = (consumer.channel, consumer.no_ack);
            let delivery = self.hand_over(queue, key, ready, channel, Some(consumer_id), no_ack);
            self.outbox.push(delivery);
            if !single_active {
                self.queues.get_mut(&queue).expect("queue exists").active.push_back(consumer_id);
            }
            // As RabbitMQ's `fetch`: expired messages the delivery brought to the head go.
            self.recheck_expiry(queue);
        }
    }

    fn hand_over(
        &mut self,
        queue: QueueId,
        key: ReadyKey,
        ready: Ready,
        channel_id: ChannelId,
        consumer: Option<ConsumerId>,
        no_ack: bool,
    ) -> Delivery {
        let Ready { message, expires_at } = ready;
        let channel = self.channels.get_mut(&channel_id).expect("deliveries go to open channels");
        let delivery_tag = channel.next_tag;
        channel.next_tag += 1;
        self.events.push(BrokerEvent::Delivered {
            delivery_tag,
            channel: channel_id,
            consumer,
            queue,
            copy: message.copy,
            publish: message.publish,
            redelivered: message.redelivered,
        });
        if no_ack {
            self.ledger.acked += 1;
            self.events.push(BrokerEvent::Acked {
                queue,
                copy: message.copy,
                publish: message.publish,
                published_at: message.published_at,
            });
        } else {
            channel
                .unacked
                .insert(delivery_tag, Unacked { queue, key, expires_at, consumer, message: message.clone() });
            if let Some(consumer) = consumer.and_then(|id| self.consumers.get_mut(&id)) {
                consumer.unacked += 1;
            }
        }
        Delivery { queue, channel: channel_id, consumer, delivery_tag, message }
    }

    fn take_unacked(
        &mut self,
        channel_id: ChannelId,
        delivery_tag: u64,
        multiple: bool,
    ) -> Result<Vec<Unacked>, AmqpError> {
        let channel =
            self.channels.get_mut(&channel_id).ok_or_else(|| AmqpError::NotFound("channel is closed".into()))?;
        if multiple && delivery_tag == 0 {
            // Tag 0 with `multiple` means every outstanding delivery on the channel.
            return Ok(std::mem::take(&mut channel.unacked).into_iter().map(|(_, unacked)| unacked).collect());
        }
        if multiple {
            let keep = channel.unacked.split_off(&(delivery_tag + 1));
            let taken = std::mem::replace(&mut channel.unacked, keep);
            if taken.is_empty() {
                return Err(unknown_tag(delivery_tag));
            }
            Ok(taken.into_iter().map(|(_, unacked)| unacked).collect())
        } else {
            channel.unacked.remove(&delivery_tag).map(|unacked| vec![unacked]).ok_or_else(|| unknown_tag(delivery_tag))
        }
    }

    /// A consumer that got an ack or nack has room again: back into the rotation.
    fn release_consumer(&mut self, consumer: Option<ConsumerId>) {
        let Some(consumer_id) = consumer else { return };
        let Some(consumer) = self.consumers.get_mut(&consumer_id) else { return };
        consumer.unacked = consumer.unacked.saturating_sub(1);
        // Only a consumer that was blocked (taken out of the rotation) rejoins, at the back.
        if consumer.has_capacity() {
            let queue = consumer.queue;
            if let Some(state) = self.queues.get_mut(&queue)
                && !state.active.contains(&consumer_id)
            {
                state.active.push_back(consumer_id);
            }
        }
    }

    /// Puts an unacked message back: a classic queue at its original place; a quorum queue
    /// counts the delivery and, as 3.10.8's `rabbit_fifo` does, puts a nack's return on a
    /// queue without a delivery limit behind the rest (its leader's aux process turns the
    /// return into `requeue` commands, which enqueue the message again) and any other return
    /// in `returns`, ahead of the rest (`return_one`).
    fn requeue(&mut self, unacked: Unacked, cause: RequeueCause) {
        let Some(state) = self.queues.get_mut(&unacked.queue) else {
            self.ledger.dropped += 1;
            self.events.push(BrokerEvent::Dropped {
                queue: unacked.queue,
                copy: unacked.message.copy,
                publish: unacked.message.publish,
                reason: DropReason::QueueDeleted,
            });
            return;
        };
        let mut message = unacked.message;
        message.redelivered = true;
        let mut key = unacked.key;
        let mut place = RequeuePlace::Original;
        if let Some(args) = self.topology.queue(unacked.queue).map(|queue| &queue.args)
            && args.quorum
        {
            let count = message.delivery_count.unwrap_or(0) + 1;
            message.delivery_count = Some(count);
            if quorum::past_limit(count, args.delivery_limit) {
                return self.dead_letter_or_drop(unacked.queue, message, DeathReason::DeliveryLimit);
            }
            if cause == RequeueCause::Nack && args.delivery_limit.is_none() {
                // Priorities do not order a quorum queue: every message is at level 0.
                key = (Reverse(0), state.next_seq);
                state.next_seq += 1;
                place = RequeuePlace::Tail;
            } else {
                key = (Reverse(u8::MAX), state.next_return);
                state.next_return += 1;
                place = RequeuePlace::Head;
            }
        }
        state.ready_bytes += message.body_bytes();
        let (copy, publish) = (message.copy, message.publish);
        // The expiry computed at enqueue stays: requeueing does not restart the TTL clock.
        state.ready.insert(key, Arc::new(Ready { message, expires_at: unacked.expires_at }));
        self.events.push(BrokerEvent::Requeued { queue: unacked.queue, copy, publish, place });
    }

    fn remove_consumer(&mut self, consumer_id: ConsumerId) {
        let Some(consumer) = self.consumers.remove(&consumer_id) else { return };
        let queue = consumer.queue;
        let Some(state) = self.queues.get_mut(&queue) else { return };
        state.consumers.retain(|id| *id != consumer_id);
        state.active.retain(|id| *id != consumer_id);
        state.last_used = self.now;
        let auto_delete = self.topology.queue(queue).is_some_and(|queue| queue.spec.auto_delete);
        // RabbitMQ 3.10's basic.cancel does not run the queue: a single active consumer taking
        // over gets messages at the next publish, ack or requeue, not at the cancel itself.
        if auto_delete && state.ever_consumed && state.consumers.is_empty() {
            self.remove_queue(queue, QueueDeletion::AutoDelete);
        }
    }

    /// Counts a copy as dropped from `queue` and says why.
    fn record_drop(&mut self, queue: QueueId, message: &Message, reason: DropReason) {
        self.ledger.dropped += 1;
        self.events.push(BrokerEvent::Dropped { queue, copy: message.copy, publish: message.publish, reason });
    }

    fn remove_queue(&mut self, queue: QueueId, reason: QueueDeletion) {
        let Some(state) = self.queues.remove(&queue) else { return };
        self.timed_queues.remove(&queue);
        let held = state.ready.values().map(|ready| &ready.message);
        for message in held.chain(state.pending_returns.iter().map(|unacked| &unacked.message)) {
            self.record_drop(queue, message, DropReason::QueueDeleted);
        }
        for consumer in state.consumers {
            self.consumers.remove(&consumer);
        }
        self.events.push(BrokerEvent::QueueDeleted { queue, reason });
        let deleted = Arc::make_mut(&mut self.topology).delete_queue(queue);
        self.events.extend(deleted.into_iter().map(|exchange| BrokerEvent::ExchangeDeleted { exchange }));
    }

    /// Dead-letters a copy leaving `queue` for `reason`, or drops it when the queue has no
    /// dead-letter exchange, the exchange is missing, or the dead-letter path would cycle.
    /// Dead-letters a message of `queue` (or drops it if it cannot be), after every
    /// dead-lettering already waiting: a worklist, not recursion, so a long chain of
    /// dead-letter exchanges cannot overflow the stack, and one publish's copies all reach
    /// their queues before any of them dead-letters.
    fn dead_letter_or_drop(&mut self, queue: QueueId, message: Message, reason: DeathReason) {
        self.dead_letters.push_back((queue, message, reason));
        if !self.dead_lettering {
            self.dead_lettering = true;
            self.run_dead_letters();
        }
    }

    fn run_dead_letters(&mut self) {
        while let Some((queue, message, reason)) = self.dead_letters.pop_front() {
            self.dead_letter_now(queue, message, reason);
        }
        self.dead_lettering = false;
    }

    fn dead_letter_now(&mut self, queue: QueueId, message: Message, reason: DeathReason) {
        let Some(queue_def) = self.topology.queue(queue) else {
            // A nack for a message of a queue deleted meanwhile: the copy is gone with it.
            return self.drop_copy(queue, &message, DropReason::QueueDeleted);
        };
        let drop_reason = match reason {
            DeathReason::Rejected => DropReason::Rejected,
            DeathReason::Expired => DropReason::Expired,
            DeathReason::Maxlen => DropReason::MaxLength,
            DeathReason::DeliveryLimit => DropReason::DeliveryLimit,
        };
        let Some(dlx_name) = queue_def.args.dead_letter_exchange.clone() else {
            return self.drop_copy(queue, &message, drop_reason);
        };
        let Some(dlx) = self.topology.exchange_by_name(&dlx_name).map(|exchange| exchange.id) else {
            return self.drop_copy(queue, &message, DropReason::DeadLetterExchangeMissing);
        };
        let queue_name = queue_def.name().to_string();
        let dead_letter_routing_key = queue_def.args.dead_letter_routing_key.clone();
        let dead =
            dead_lettered_message(message.clone(), &queue_name, reason, &dlx_name, dead_letter_routing_key, self.now);
        let route = self
            .topology
            .route(dlx, RoutingInput { routing_keys: &dead.routing_keys, headers: &dead.properties.headers });
        let targets: Vec<QueueId> = route
            .queues
            .iter()
            .copied()
            .filter(|target| {
                reason == DeathReason::Rejected
                    || !is_cycle(self.topology.queue(*target).map_or("", |queue| queue.name()), &dead.deaths)
            })
            .collect();
        if targets.is_empty() {
            let why =
                if route.queues.is_empty() { DropReason::DeadLetterUnroutable } else { DropReason::DeadLetterCycle };
            return self.drop_copy(queue, &message, why);
        }
        self.ledger.dead_lettered += 1;
        self.events.push(BrokerEvent::DeadLettered {
            queue,
            copy: message.copy,
            publish: message.publish,
            reason,
            dead_letter_exchange: dlx_name,
            route,
        });
        for target in targets {
            self.deliver_or_enqueue(target, dead.clone());
        }
    }

    fn drop_copy(&mut self, queue: QueueId, message: &Message, reason: DropReason) {
        self.ledger.dropped += 1;
        self.events.push(BrokerEvent::Dropped { queue, copy: message.copy, publish: message.publish, reason });
    }
}

/// A per-message `expiration` in milliseconds, as RabbitMQ's `parse_expiration` reads it:
/// a decimal integer with an optional sign, not negative and at most ten years
/// (`rabbit_misc:check_expiry`).
fn parse_expiration(text: &str) -> Option<u64> {
    text.parse::<i64>().ok().and_then(|ms| u64::try_from(ms).ok()).filter(|ms| *ms <= MAX_EXPIRY_MS)
}

/// Why RabbitMQ's `parse_expiration` refuses an `expiration` (Erlang's `string:to_integer`
/// reads an optional sign and digits; the rest must be empty), in its words.
fn expiration_problem(text: &str) -> String {
    let sign = usize::from(text.starts_with(['+', '-']));
    let digits_end = sign + text[sign..].bytes().take_while(u8::is_ascii_digit).count();
    if digits_end == sign {
        return "no_integer".into();
    }
    let (number, rest) = text.split_at(digits_end);
    if !rest.is_empty() {
        return format!("{{leftover_string,{}}}", erlang_string(rest));
    }
    let number = number.trim_start_matches('+');
    if number.starts_with('-') {
        format!("{{value_negative,{number}}}")
    } else {
        format!("{{value_too_large,{number}}}")
    }
}

/// An Erlang string as `~p` prints it: double quotes, with `"` and `\` escaped.
fn erlang_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// 405 for a queue another connection holds exclusively, in 3.10.8's words
/// (`rabbit_amqqueue:check_exclusive_access`).
fn exclusive_refusal(queue: &str) -> AmqpError {
    AmqpError::ResourceLocked(format!(
        "cannot obtain exclusive access to locked queue '{queue}' in vhost '/'. It could be originally declared on \
         another connection or the exclusive property value does not match that of the original declaration."
    ))
}

/// The every-vhost internal exchange of RabbitMQ's firehose tracer.
pub const TRACE_EXCHANGE: &str = "amq.rabbitmq.trace";

/// What `rabbit_basic:message` refuses in a publish's properties, as RabbitMQ prints the
/// reason: a `CC` or `BCC` header that is not an array (`{unacceptable_type_in_header,
/// "CC",longstr}`), or a `delivery_mode` other than 1 or 2 (`{delivery_mode_unknown,3}`).
fn invalid_message(properties: &Properties) -> Option<String> {
    if let Some(mode) = properties.delivery_mode
        && mode != 1
        && mode != 2
    {
        return Some(format!("{{delivery_mode_unknown,{mode}}}"));
    }
    for name in ["CC", "BCC"] {
        match properties.headers.get(name) {
            None | Some(FieldValue::Array(_)) => {}
            Some(other) => {
                return Some(format!("{{unacceptable_type_in_header,\"{name}\",{}}}", other.amqp_type_name()));
            }
        }
    }
    None
}

fn unknown_tag(delivery_tag: u64) -> AmqpError {
    AmqpError::PreconditionFailed(format!("unknown delivery tag {delivery_tag}"))
}

/// The routing keys a `CC` or `BCC` header adds.
fn header_routes(headers: &FieldTable, name: &str) -> Vec<String> {
    match headers.get(name) {
        // Only an array routes; `publish` refuses any other type (406) before routing.
        Some(FieldValue::Array(items)) => items.iter().filter_map(|item| item.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

/// The `x-death` entries a client published with a message (one it received, republished),
/// which RabbitMQ 3.10.8 keeps and counts its own deaths beside: they leave the headers for
/// the message's `deaths`. A header that is not an array of entries Kaiten reads (each a
/// table naming a queue and one of RabbitMQ's four reasons) stays in the headers, and
/// dead-lettering replaces it, as RabbitMQ resets an `x-death` header that is not an array.
fn published_deaths(headers: &mut FieldTable, now: SimTime) -> Vec<Death> {
    let Some(FieldValue::Array(entries)) = headers.get("x-death") else {
        return Vec::new();
    };
    let deaths: Option<Vec<Death>> = entries
        .iter()
        .map(|entry| match entry {
            FieldValue::Table(table) => Death::from_field_table(table, now),
            _ => None,
        })
        .collect();
    match deaths {
        Some(deaths) if !deaths.is_empty() => {
            headers.remove("x-death");
            deaths
        }
        _ => Vec::new(),
    }
}

/// The copy dead-lettering republishes, as 3.10.8's `rabbit_dead_letter:make_msg` makes it:
/// a new `x-death` entry (or the entry of the same queue and reason counted once more) in
/// front, the dead-letter routing key if set, and no per-message TTL. The first death also
/// sets the `x-first-death-reason`, `-queue` and `-exchange` headers.
fn dead_lettered_message(
    mut message: Message,
    queue: &str,
    reason: DeathReason,
    dlx: &str,
    dead_letter_routing_key: Option<String>,
    now: SimTime,
) -> Message {
    let properties = Arc::make_mut(&mut message.properties);
    let original_expiration = properties.expiration.take();
    // An `x-death` header still in the headers is one Kaiten could not read (see
    // `published_deaths`): RabbitMQ replaces one that is not an array by its own entry.
    let had_header = properties.headers.remove("x-death").is_some();
    if message.deaths.is_empty() && !had_header {
        for (name, value) in [("reason", reason.as_str()), ("queue", queue), ("exchange", &message.exchange)] {
            properties.headers.insert(format!("x-first-death-{name}"), FieldValue::Str(value.to_string()));
        }
    }
    // RabbitMQ 3.10 records the publish routing key plus the CC header's keys; BCC keys
    // route the dead-lettered copy but are not recorded (the BCC header is gone).
    let death_routing_keys: Vec<String> = std::iter::once(message.routing_key().to_string())
        .chain(header_routes(&message.properties.headers, "CC"))
        .collect();
    // 3.10.8 first groups the entries by queue and reason (`group_by_queue_and_reason`):
    // the first entry of each pair stays, and with two or more entries the list comes out
    // reversed. Then the entry of this queue and reason moves to the front.
    if message.deaths.len() >= 2 {
        let mut seen = std::collections::BTreeSet::new();
        let mut grouped: Vec<Death> = Vec::with_capacity(message.deaths.len());
        for death in message.deaths.drain(..) {
            if seen.insert((death.queue.clone(), death.reason.as_str())) {
                grouped.push(death);
            }
        }
        grouped.reverse();
        message.deaths = grouped;
    }
    let existing = message.deaths.iter().position(|death| death.queue == queue && death.reason == reason);
    let death = match existing {
        Some(position) => {
            let mut repeat = message.deaths.remove(position);
            repeat.count += 1;
            repeat
        }
        None => Death {
            queue: queue.to_string(),
            reason,
            count: 1,
            exchange: message.exchange.to_string(),
            routing_keys: death_routing_keys,
            original_expiration,
            time: now,
        },
    };
    message.deaths.insert(0, death);
    message.exchange = Arc::from(dlx);
    if let Some(key) = dead_letter_routing_key {
        message.routing_keys = Arc::from(vec![key]);
        // RabbitMQ 3.10 drops the CC header when a dead-letter routing key replaces the
        // keys (newer releases keep it).
        Arc::make_mut(&mut message.properties).headers.remove("CC");
    }
    message.redelivered = false;
    message.delivery_count = None;
    message
}

/// RabbitMQ 3.10.8's cycle rule (`rabbit_dead_letter:is_cycle`): dropping is needed when
/// `target` already appears in the deaths and no entry from the front of the list up to
/// its first one is a rejection. The list is the new copy's `x-death` header, whose order
/// `dead_lettered_message` regroups, so "before" is header order, not time: a rejection
/// outside a two-queue cycle keeps it going, one outside a three-queue cycle does not.
fn is_cycle(target: &str, deaths: &[Death]) -> bool {
    match deaths.iter().position(|death| death.queue == target) {
        None => false,
        Some(position) => deaths[..=position].iter().all(|death| death.reason != DeathReason::Rejected),
    }
}
