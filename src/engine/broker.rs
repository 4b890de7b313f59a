//! The broker: a topology plus the runtime state of queues, connections, channels and
//! consumers, driven by AMQP operations at given virtual times.
//!
//! Every operation takes `now` (virtual milliseconds) and records what happened as
//! [`BrokerEvent`]s, which callers drain. The broker never reads a clock and makes no random
//! choice: given the same operations at the same times it does the same thing.
//! Semantics follow RabbitMQ's classic queues (`rabbit_amqqueue_process.erl`,
//! `rabbit_queue_consumers.erl`, `rabbit_dead_letter.erl`); see
//! `tests/reference/amqp-oslo-semantics.txt` for the rules and their sources.
//!
//! This file holds the broker's state, its construction, connections and channels,
//! declarations, publishing and routing, and what a queue does when a message arrives
//! (limits, `reject-publish`, `drop-head`). The rest lives beside it: `consume.rs`
//! (`basic.get`, consumers, deliveries, prefetch, ack, nack and requeue), `expiry.rs`
//! (virtual time, message TTL and queue `x-expires`), `dead_letter.rs` (dead-lettering and
//! `x-death`), `events.rs` (the [`BrokerEvent`]s and their reasons), `operator.rs`
//! (purge and node restart) and `stream.rs` (a stream's log and its readers).

use std::cmp::Reverse;
use std::collections::VecDeque;
use std::sync::Arc;

use serde::Serialize;

use crate::engine::SortedMap;
use crate::engine::SortedSet;
use crate::engine::error::AmqpError;
use crate::engine::message::{CopyId, DeathReason, Message, Properties, PublishId, SimTime};
use crate::engine::quorum;
use crate::engine::topology::{
    BindingId, Destination, ExchangeId, ExchangeSpec, MAX_EXPIRY_MS, Overflow, QueueId, QueueSpec, Route, RoutingInput,
    Topology,
};
use crate::engine::value::{FieldTable, FieldValue};

mod consume;
mod dead_letter;
mod events;
mod expiry;
mod operator;
mod stream;

pub use consume::{ConsumeOptions, Delivery};
pub use events::{BrokerEvent, DropReason, QueueDeletion, RequeuePlace};
pub use operator::RestartLosses;

use consume::RequeueCause;
use dead_letter::published_deaths;

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
    /// A stream's log, oldest first: its offsets are the positions here. A plain vector of
    /// shared entries (a snapshot copies pointers): a persistent vector's code would cost the
    /// browser bundle more than streams, rare in a drawing, save in time.
    log: Vec<Arc<stream::StreamEntry>>,
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
    // A stream reader's next offset; `None` for a consumer of another queue type.
    stream_offset: Option<u64>,
}

impl Consumer {
    fn has_capacity(&self) -> bool {
        self.prefetch == 0 || self.unacked < self.prefetch
    }
}

#[derive(Debug, Clone)]
struct Unacked {
    queue: QueueId,
    // Read from a stream's log, which still holds the copy: settling it removes nothing.
    from_stream: bool,
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

    /// Ready messages of a queue, head first; a stream's whole log, oldest first.
    pub fn ready_messages(&self, queue: QueueId) -> Vec<&Message> {
        self.first_ready(queue, usize::MAX)
    }

    /// The first `limit` ready messages of a queue, head first (without walking the rest).
    pub fn first_ready(&self, queue: QueueId, limit: usize) -> Vec<&Message> {
        let Some(state) = self.queues.get(&queue) else { return Vec::new() };
        if self.is_stream(queue) {
            return state.log.iter().take(limit).map(|entry| &entry.message).collect();
        }
        state.ready.values().take(limit).map(|ready| &ready.message).collect()
    }

    /// Number of ready messages in a queue; the messages a stream holds (all it was given).
    pub fn ready_count(&self, queue: QueueId) -> usize {
        self.queues.get(&queue).map_or(0, |state| state.ready.len() + state.log.len())
    }

    /// Number of delivered, unacked messages taken from a queue.
    pub fn unacked_count(&self, queue: QueueId) -> usize {
        self.channels
            .values()
            .flat_map(|channel| channel.unacked.values())
            .filter(|unacked| unacked.queue == queue)
            .count()
    }

    /// Every message copy the broker holds (ready, in a stream's log, or unacked), for
    /// accounting checks; a stream's deliveries are reads of copies its log holds.
    pub fn held_copies(&self) -> Vec<CopyId> {
        let ready = self.queues.values().flat_map(|state| state.ready.values().map(|ready| ready.message.copy));
        let logged = self.queues.values().flat_map(|state| state.log.iter().map(|entry| entry.message.copy));
        let unacked = self
            .channels
            .values()
            .flat_map(|channel| channel.unacked.values())
            .filter(|unacked| !unacked.from_stream)
            .map(|unacked| unacked.message.copy);
        let ready = ready.chain(logged);
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
        if args.stream {
            return self.append_to_stream(queue, message);
        }
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

    fn pop_head(&mut self, queue: QueueId) -> Option<(ReadyKey, Ready)> {
        let state = self.queues.get_mut(&queue)?;
        let key = state.ready.get_min()?.0;
        let (key, ready) = state.ready.remove_with_key(&key)?;
        let ready = Arc::unwrap_or_clone(ready);
        state.ready_bytes -= ready.message.body_bytes();
        Some((key, ready))
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
        let logged = state.log.iter().map(|entry| &entry.message);
        for message in held.chain(logged).chain(state.pending_returns.iter().map(|unacked| &unacked.message)) {
            self.record_drop(queue, message, DropReason::QueueDeleted);
        }
        for consumer in state.consumers {
            self.consumers.remove(&consumer);
        }
        self.events.push(BrokerEvent::QueueDeleted { queue, reason });
        let deleted = Arc::make_mut(&mut self.topology).delete_queue(queue);
        self.events.extend(deleted.into_iter().map(|exchange| BrokerEvent::ExchangeDeleted { exchange }));
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

/// The routing keys a `CC` or `BCC` header adds.
fn header_routes(headers: &FieldTable, name: &str) -> Vec<String> {
    match headers.get(name) {
        // Only an array routes; `publish` refuses any other type (406) before routing.
        Some(FieldValue::Array(items)) => items.iter().filter_map(|item| item.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}
