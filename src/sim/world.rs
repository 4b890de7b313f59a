//! The world: broker, actors, network and pending events at one virtual instant.
//! [`World::step`] processes exactly one pending event and appends what happened to the
//! trace; everything random comes from the world's own seeded generator.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::engine::SortedMap;
use crate::engine::{
    Broker, BrokerEvent, ChannelId, ConnectionId, ConsumerId, Delivery, Publish, PublishId, SimTime, Topology,
};
use crate::sim::actor::{Actor, ActorCtx, ActorId, Outgoing, Settle};
use crate::sim::intervention::{InputChange, Intervention, InterventionAction};
use crate::sim::rng::SimRng;
use crate::sim::schedule::Schedule;
use crate::sim::stats::Stats;
use crate::sim::trace::{Content, Hop, Label, Leg, MessageKind, Note, Place, TraceEntry, TraceEvent};

/// Network latency between any client and the broker, drawn per message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Network {
    /// Inclusive bounds in virtual milliseconds.
    pub latency_ms: [SimTime; 2],
}

impl Default for Network {
    fn default() -> Self {
        Network { latency_ms: [8, 12] }
    }
}

// Arrivals carry the connection they travel on: one that closed since (a crash and
// restart, a broker restart) lost them. Timers and stops carry the actor's `life`, so
// those of a process that died never reach the one restarted in its place.
#[derive(Debug, Clone)]
enum Pending {
    Start(ActorId),
    Timer {
        actor: ActorId,
        life: u32,
        token: u64,
    },
    PublishArrives {
        actor: ActorId,
        connection: ConnectionId,
        publish: Box<Publish>,
        hop: Arc<Hop>,
    },
    SettleArrives {
        actor: ActorId,
        connection: ConnectionId,
        settle: SettleSent,
        hop: Arc<Hop>,
    },
    DeliveryArrives {
        actor: ActorId,
        connection: ConnectionId,
        delivery: Box<Delivery>,
        hop: Arc<Hop>,
    },
    ReturnArrives {
        actor: ActorId,
        connection: ConnectionId,
        publish: Box<Publish>,
        hop: Arc<Hop>,
    },
    BrokerDeadline,
    Stop {
        actor: ActorId,
        life: u32,
    },
    /// The broker notices that a dead client's connection closed: its TCP close travels the
    /// same ordered link as what the client sent before it died.
    ConnectionLost {
        actor: ActorId,
        connection: ConnectionId,
    },
    Intervene(Box<InterventionAction>),
}

/// An ack, nack or reject on its way to the broker.
#[derive(Debug, Clone, Copy)]
struct SettleSent {
    channel: ChannelId,
    delivery_tag: u64,
    settle: Settle,
}

impl Pending {
    /// The network crossing this event ends, if it is an arrival.
    fn hop(&self) -> Option<&Hop> {
        match self {
            Pending::PublishArrives { hop, .. }
            | Pending::SettleArrives { hop, .. }
            | Pending::DeliveryArrives { hop, .. }
            | Pending::ReturnArrives { hop, .. } => Some(hop),
            _ => None,
        }
    }

    /// The crossing this event ends, to change (a cut link delays its arrival).
    fn hop_mut(&mut self) -> Option<&mut Arc<Hop>> {
        match self {
            Pending::PublishArrives { hop, .. }
            | Pending::SettleArrives { hop, .. }
            | Pending::DeliveryArrives { hop, .. }
            | Pending::ReturnArrives { hop, .. } => Some(hop),
            _ => None,
        }
    }

    /// The actor whose process handles this event: the events a paused actor holds back.
    fn handled_by(&self) -> Option<ActorId> {
        match self {
            Pending::Timer { actor, .. }
            | Pending::DeliveryArrives { actor, .. }
            | Pending::ReturnArrives { actor, .. } => Some(*actor),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
struct ActorSlot {
    actor: Box<dyn Actor>,
    // The actor as the scenario made it, for a restart.
    initial: Arc<dyn Actor>,
    connection: ConnectionId,
    channel: ChannelId,
    stopped: bool,
    // A graceful stop has begun: its connection closes when the actor's work is done.
    stopping: bool,
    // Counts restarts: the process a timer or a stop was meant for.
    life: u32,
    // Paused: events it would handle wait here, in order, until it resumes.
    paused: bool,
    waiting: Vec<Pending>,
    // Work takes this many times as long.
    slowdown: u32,
    // Its link is down until then: crossings to and from it wait.
    cut_until: SimTime,
}

/// Everything that changes during a run.
#[derive(Debug, Clone)]
pub struct World {
    broker: Broker,
    actors: Vec<ActorSlot>,
    consumer_owner: SortedMap<ConsumerId, ActorId>,
    pending: Schedule<Pending>,
    rng: SimRng,
    network: Network,
    now: SimTime,
    steps: u64,
    // The earliest broker deadline already scheduled, to avoid scheduling it twice.
    deadline_scheduled: Option<SimTime>,
    // The latest arrival scheduled on each actor's link, per direction, for FIFO channels.
    last_arrival: SortedMap<(ActorId, Direction), SimTime>,
    // How publishes sent with a kind or label of their own are drawn; the rest are plain
    // messages labelled by their message_id. Persistent, so snapshots share it.
    sent_as: imbl::OrdMap<PublishId, (MessageKind, Label)>,
    // Memory shared by the actors of one client process ([`ActorCtx::shared`]).
    shared: SortedMap<String, String>,
    stats: Stats,
}

mod intervene;

/// Which way a message crosses the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Direction {
    ToBroker,
    ToClient,
}

impl World {
    /// A world at time 0 with `actors` started in order and `interventions` scheduled.
    pub fn new(
        topology: Topology,
        actors: Vec<Box<dyn Actor>>,
        network: Network,
        seed: u64,
        interventions: &[Intervention],
    ) -> World {
        let mut broker = Broker::new(topology);
        let mut pending = Schedule::default();
        let slots = actors
            .into_iter()
            .enumerate()
            .map(|(idx, actor)| {
                let connection = broker.open_connection();
                let channel = broker.open_channel(connection);
                pending.push_input(0, Pending::Start(ActorId(idx as u32)));
                ActorSlot {
                    initial: Arc::from(actor.clone_box()),
                    actor,
                    connection,
                    channel,
                    stopped: false,
                    stopping: false,
                    life: 0,
                    paused: false,
                    waiting: Vec::new(),
                    slowdown: 1,
                    cut_until: 0,
                }
            })
            .collect();
        for intervention in interventions {
            pending.push_input(intervention.at, Pending::Intervene(Box::new(intervention.action.clone())));
        }
        World {
            broker,
            actors: slots,
            consumer_owner: SortedMap::new(),
            pending,
            rng: SimRng::from_seed(seed),
            network,
            now: 0,
            steps: 0,
            deadline_scheduled: None,
            last_arrival: SortedMap::new(),
            sent_as: imbl::OrdMap::new(),
            shared: SortedMap::new(),
            stats: Stats::default(),
        }
    }

    pub fn broker(&self) -> &Broker {
        &self.broker
    }

    pub fn now(&self) -> SimTime {
        self.now
    }

    /// Steps processed so far.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// The actors in scenario order.
    pub fn actors(&self) -> impl Iterator<Item = (ActorId, &dyn Actor)> {
        self.actors.iter().enumerate().map(|(idx, slot)| (ActorId(idx as u32), slot.actor.as_ref()))
    }

    /// Whether an actor was stopped (killed, or its graceful stop has closed its connection).
    pub fn is_stopped(&self, actor: ActorId) -> bool {
        self.actors.get(actor.0 as usize).is_some_and(|slot| slot.stopped)
    }

    /// Whether an actor is paused by an intervention.
    pub fn is_paused(&self, actor: ActorId) -> bool {
        self.actors.get(actor.0 as usize).is_some_and(|slot| slot.paused)
    }

    /// How many times as long an actor's work takes now (1 unless slowed).
    pub fn slowdown(&self, actor: ActorId) -> u32 {
        self.actors.get(actor.0 as usize).map_or(1, |slot| slot.slowdown)
    }

    /// The actor a consumer belongs to.
    pub fn consumer_actor(&self, consumer: ConsumerId) -> Option<ActorId> {
        self.consumer_owner.get(&consumer).copied()
    }

    pub fn actor_name(&self, actor: ActorId) -> &str {
        self.actors.get(actor.0 as usize).map_or("?", |slot| slot.actor.name())
    }

    /// The hops on their way now (departed, not yet arrived), oldest departure first.
    pub fn in_flight(&self) -> Vec<&Hop> {
        let mut hops: Vec<&Hop> = self.pending.items().filter_map(Pending::hop).collect();
        let key = |hop: &Hop| (hop.departs, hop.arrives, hop.message, hop.kind);
        crate::engine::order::sort_by(&mut hops, |a, b| key(a).cmp(&key(b)));
        hops
    }

    /// When the next event will happen, if any.
    pub fn next_time(&self) -> Option<SimTime> {
        self.pending.peek_time()
    }

    /// Whether nothing at or after `at` has happened yet: an input at `at` changes nothing
    /// up to here. Virtual time never goes back, so `now` is the time of the last event.
    pub fn is_before(&self, at: SimTime) -> bool {
        self.steps == 0 || self.now < at
    }

    /// Makes the change to this world's inputs, as if it had been built with the inputs so
    /// changed: exact while [`World::is_before`] the change's time, for an intervention that
    /// comes after every other at its time in the list `World::new` was given. Returns false,
    /// changing nothing, when an intervention to remove is not pending.
    pub fn change_inputs(&mut self, change: &InputChange) -> bool {
        match change {
            InputChange::Add(intervention) => {
                let action = Box::new(intervention.action.clone());
                self.pending.push_input(intervention.at, Pending::Intervene(action));
                true
            }
            InputChange::Remove(intervention) => {
                let wanted = |pending: &Pending| matches!(pending, Pending::Intervene(action) if **action == intervention.action);
                self.pending.remove_last_at(intervention.at, wanted).is_some()
            }
        }
    }

    /// Processes one pending event, appending its trace entries to `trace`. Returns false
    /// when nothing is left to do.
    pub fn step(&mut self, trace: &mut Vec<TraceEntry>) -> bool {
        let Some((at, pending)) = self.pending.pop() else {
            return false;
        };
        self.now = self.now.max(at);
        self.steps += 1;
        let mut log = StepLog { step: self.steps, time: self.now, entries: trace };
        if !self.is_current(&pending) {
            return true;
        }
        if let Some(slot) = pending.handled_by().and_then(|actor| self.actors.get_mut(actor.0 as usize))
            && slot.paused
        {
            slot.waiting.push(pending);
            return true;
        }
        match pending {
            Pending::Start(actor) => self.with_actor(actor, &mut log, |actor, ctx| actor.start(ctx)),
            Pending::Timer { actor, token, .. } => {
                self.with_actor(actor, &mut log, |actor, ctx| actor.on_timer(ctx, token))
            }
            Pending::DeliveryArrives { actor, delivery, .. } => {
                self.with_actor(actor, &mut log, |actor, ctx| actor.on_delivery(ctx, *delivery));
            }
            Pending::ReturnArrives { actor, publish, .. } => {
                self.with_actor(actor, &mut log, |actor, ctx| actor.on_return(ctx, *publish));
            }
            Pending::PublishArrives { actor, publish, hop, .. } => {
                self.publish_arrives(actor, *publish, &hop, &mut log)
            }
            Pending::SettleArrives { actor, settle: SettleSent { channel, delivery_tag, settle }, .. } => {
                let result = match settle {
                    Settle::Ack => self.broker.ack(self.now, channel, delivery_tag, false),
                    Settle::NackRequeue | Settle::RejectRequeue => {
                        self.broker.nack(self.now, channel, delivery_tag, false, true)
                    }
                    Settle::NackDiscard | Settle::Reject => {
                        self.broker.nack(self.now, channel, delivery_tag, false, false)
                    }
                };
                let counters = self.stats.actor(actor);
                counters.unacked = counters.unacked.saturating_sub(1);
                if settle == Settle::Ack {
                    counters.acked += 1
                } else {
                    counters.nacked += 1
                }
                if let Err(error) = result {
                    log.push(TraceEvent::Note { actor, note: Note::Refused { error } });
                }
            }
            Pending::BrokerDeadline => {
                self.deadline_scheduled = None;
                self.broker.advance_to(self.now);
            }
            Pending::Stop { actor, .. } => self.stop_actor(actor, &mut log),
            Pending::ConnectionLost { actor, connection } => {
                let unacked = self.broker.unacked_on(connection);
                self.broker.close_connection(self.now, connection);
                log.push(TraceEvent::Note { actor, note: Note::Disconnected { unacked } });
            }
            Pending::Intervene(action) => self.intervene(*action, &mut log),
        }
        self.collect_broker_output(&mut log);
        true
    }

    fn publish_arrives(&mut self, actor: ActorId, publish: Publish, hop: &Hop, log: &mut StepLog<'_>) {
        let exchange = publish.exchange.clone();
        let routing_keys = publish.routing_keys();
        let headers = publish.properties.headers.clone();
        let returned_copy = publish.mandatory.then(|| publish.clone());
        let label = hop.label.clone();
        match self.broker.publish_as(self.now, publish, hop.message) {
            Ok(outcome) => {
                log.push(TraceEvent::Arrived {
                    actor,
                    publish: outcome.publish,
                    label,
                    exchange,
                    routing_keys,
                    headers,
                });
                if outcome.returned
                    && let Some(returned) = returned_copy
                {
                    let arrives_at = self.arrival(actor, Direction::ToClient);
                    let from = self.broker.topology().exchange_by_name(&returned.exchange).map(|x| x.id);
                    let hop = Arc::new(Hop {
                        message: outcome.publish,
                        label: hop.label.clone(),
                        kind: MessageKind::Returned,
                        from: from.map_or(Place::Broker, Place::Exchange),
                        to: Place::Actor(actor),
                        departs: self.now,
                        arrives: arrives_at,
                        leg: Leg::Return { content: publish_content(&returned) },
                    });
                    log.push(TraceEvent::Hop(Hop::clone(&hop)));
                    let connection = self.connection_of(actor);
                    self.pending.push(
                        arrives_at,
                        Pending::ReturnArrives { actor, connection, publish: Box::new(returned), hop },
                    );
                }
            }
            Err(error) => {
                log.push(TraceEvent::PublishRefused { actor, exchange, error: error.clone() });
                self.with_actor(actor, log, |actor, ctx| actor.on_publish_error(ctx, error));
            }
        }
    }

    fn stop_actor(&mut self, actor: ActorId, log: &mut StepLog<'_>) {
        let Some(slot) = self.actors.get_mut(actor.0 as usize) else { return };
        if slot.stopped {
            return;
        }
        slot.stopped = true;
        let connection = slot.connection;
        log.push(TraceEvent::Note { actor, note: Note::Stopped });
        let noticed = self.arrival(actor, Direction::ToBroker);
        self.pending.push(noticed, Pending::ConnectionLost { actor, connection });
    }

    /// Runs the actor's own stop logic, then closes its connection once its work in progress
    /// is done (at once if it has none).
    fn stop_gracefully(&mut self, actor: ActorId, log: &mut StepLog<'_>) {
        let Some(slot) = self.actors.get_mut(actor.0 as usize) else { return };
        if slot.stopped || slot.stopping {
            return;
        }
        slot.stopping = true;
        let mut drain: SimTime = 0;
        self.with_actor(actor, log, |actor, ctx| drain = actor.stop(ctx));
        let until = self.now.saturating_add(drain);
        log.push(TraceEvent::Note { actor, note: Note::Stopping { until } });
        if drain == 0 {
            self.stop_actor(actor, log);
        } else {
            let life = self.actors[actor.0 as usize].life;
            self.pending.push(until, Pending::Stop { actor, life });
        }
    }

    /// Whether an event still concerns the process and connection it was meant for.
    fn is_current(&self, pending: &Pending) -> bool {
        let slot = |actor: &ActorId| self.actors.get(actor.0 as usize);
        match pending {
            Pending::Timer { actor, life, .. } | Pending::Stop { actor, life } => {
                slot(actor).is_some_and(|slot| slot.life == *life)
            }
            Pending::PublishArrives { actor, connection, .. }
            | Pending::SettleArrives { actor, connection, .. }
            | Pending::DeliveryArrives { actor, connection, .. }
            | Pending::ReturnArrives { actor, connection, .. } => {
                slot(actor).is_some_and(|slot| slot.connection == *connection)
            }
            Pending::Start(_) | Pending::BrokerDeadline | Pending::Intervene(_) | Pending::ConnectionLost { .. } => {
                true
            }
        }
    }

    fn connection_of(&self, actor: ActorId) -> ConnectionId {
        self.actors[actor.0 as usize].connection
    }

    /// When something sent now between `actor` and the broker arrives: after the drawn
    /// latency, but never before what was sent earlier the same way, since an AMQP channel
    /// is ordered (ties keep order because the schedule breaks them by scheduling order).
    fn arrival(&mut self, actor: ActorId, direction: Direction) -> SimTime {
        let link_up = self.actors.get(actor.0 as usize).map_or(0, |slot| slot.cut_until);
        let drawn = self.now.max(link_up).saturating_add(self.latency());
        let last = self.last_arrival.entry((actor, direction)).or_insert(0);
        *last = (*last).max(drawn);
        *last
    }

    fn latency(&mut self) -> SimTime {
        let [low, high] = self.network.latency_ms;
        self.rng.between(low, high)
    }

    /// Runs one actor callback and carries out what it asked for.
    fn with_actor(
        &mut self,
        actor_id: ActorId,
        log: &mut StepLog<'_>,
        callback: impl FnOnce(&mut dyn Actor, &mut ActorCtx<'_>),
    ) {
        let Some(slot) = self.actors.get_mut(actor_id.0 as usize) else { return };
        if slot.stopped {
            return;
        }
        let life = slot.life;
        let mut ctx = ActorCtx {
            actor: actor_id,
            now: self.now,
            slowdown: slot.slowdown,
            channel: slot.channel,
            broker: &mut self.broker,
            rng: &mut self.rng,
            outgoing: Vec::new(),
            notes: Vec::new(),
            new_consumers: Vec::new(),
            shared: &mut self.shared,
        };
        callback(slot.actor.as_mut(), &mut ctx);
        let ActorCtx { outgoing, notes, new_consumers, .. } = ctx;
        let connection = self.connection_of(actor_id);
        for consumer in new_consumers {
            self.consumer_owner.insert(consumer, actor_id);
        }
        for note in notes {
            log.push(TraceEvent::Note { actor: actor_id, note });
        }
        for item in outgoing {
            match item {
                Outgoing::Timer { delay, token } => {
                    self.pending.push(self.now.saturating_add(delay), Pending::Timer { actor: actor_id, life, token })
                }
                Outgoing::Publish { publish, label, kind } => {
                    self.send_publish(actor_id, publish, label, kind, log);
                }
                Outgoing::Settle { channel, delivery_tag, settle, queue, message, message_id } => {
                    let arrives_at = self.arrival(actor_id, Direction::ToBroker);
                    let (_, label) = self.drawn_as(message, message_id.as_deref());
                    let hop = Arc::new(Hop {
                        message,
                        label,
                        kind: MessageKind::Settle,
                        from: Place::Actor(actor_id),
                        to: Place::Queue(queue),
                        departs: self.now,
                        arrives: arrives_at,
                        leg: Leg::Settle { settle },
                    });
                    log.push(TraceEvent::Hop(Hop::clone(&hop)));
                    let settle = SettleSent { channel, delivery_tag, settle };
                    self.pending.push(arrives_at, Pending::SettleArrives { actor: actor_id, connection, settle, hop });
                }
            }
        }
    }

    /// Puts a publish from `actor` on the wire to the broker; returns its new publish id.
    fn send_publish(
        &mut self,
        actor: ActorId,
        publish: Box<Publish>,
        label: Label,
        kind: MessageKind,
        log: &mut StepLog<'_>,
    ) -> PublishId {
        let arrives_at = self.arrival(actor, Direction::ToBroker);
        let message = self.broker.mint_publish_id();
        if kind != MessageKind::Plain || publish.properties.message_id.as_deref() != label.plain_text() {
            self.sent_as.insert(message, (kind, label.clone()));
        }
        let to = self.broker.topology().exchange_by_name(&publish.exchange).map(|x| x.id);
        let hop = Arc::new(Hop {
            message,
            label,
            kind,
            from: Place::Actor(actor),
            to: to.map_or(Place::Broker, Place::Exchange),
            departs: self.now,
            arrives: arrives_at,
            leg: Leg::Publish { exchange: publish.exchange.clone(), content: publish_content(&publish) },
        });
        log.push(TraceEvent::Hop(Hop::clone(&hop)));
        let connection = self.connection_of(actor);
        self.pending.push(arrives_at, Pending::PublishArrives { actor, connection, publish, hop });
        message
    }

    /// Moves broker events into the trace and stats, sends deliveries on their way, and
    /// makes sure the broker's next expiry deadline is scheduled.
    fn collect_broker_output(&mut self, log: &mut StepLog<'_>) {
        for event in self.broker.drain_events() {
            if let BrokerEvent::Acked { published_at, .. } = &event {
                self.stats.latency.record(self.now - published_at);
            }
            log.push(TraceEvent::Broker(event));
        }
        for delivery in self.broker.drain_deliveries() {
            let Some(owner) = delivery.consumer.and_then(|consumer| self.consumer_owner.get(&consumer)).copied() else {
                continue;
            };
            let owner = self.claimant(owner, &delivery);
            let counters = self.stats.actor(owner);
            counters.delivered += 1;
            counters.unacked += 1;
            let arrives_at = self.arrival(owner, Direction::ToClient);
            let message = &delivery.message;
            let (kind, label) = self.drawn_as(message.publish, message.properties.message_id.as_deref());
            let hop = Arc::new(Hop {
                message: message.publish,
                label,
                kind: if message.deaths.is_empty() { kind } else { MessageKind::DeadLettered },
                from: Place::Queue(delivery.queue),
                to: Place::Actor(owner),
                departs: self.now,
                arrives: arrives_at,
                leg: Leg::Deliver {
                    delivery_tag: delivery.delivery_tag,
                    redelivered: message.redelivered,
                    content: Arc::new(Content {
                        routing_key: message.routing_key().to_string(),
                        properties: message.properties.clone(),
                        body: message.body.clone(),
                        deaths: message.deaths.clone(),
                    }),
                },
            });
            log.push(TraceEvent::Hop(Hop::clone(&hop)));
            let connection = self.connection_of(owner);
            self.pending.push(
                arrives_at,
                Pending::DeliveryArrives { actor: owner, connection, delivery: Box::new(delivery), hop },
            );
        }
        if let Some(deadline) = self.broker.next_deadline() {
            let deadline = deadline.max(self.now);
            if self.deadline_scheduled.is_none_or(|scheduled| deadline < scheduled) {
                self.deadline_scheduled = Some(deadline);
                self.pending.push(deadline, Pending::BrokerDeadline);
            }
        }
    }
}

impl World {
    /// Who gets a delivery to `owner`'s consumer: the first actor (in scenario order) of
    /// the owner's shared transport that claims it, else the owner.
    fn claimant(&self, owner: ActorId, delivery: &Delivery) -> ActorId {
        let Some(transport) = self.actors.get(owner.0 as usize).and_then(|slot| slot.actor.shared_transport()) else {
            return owner;
        };
        self.actors
            .iter()
            .position(|slot| {
                !slot.stopped && slot.actor.shared_transport() == Some(transport) && slot.actor.claims(delivery)
            })
            .map_or(owner, |idx| ActorId(idx as u32))
    }

    /// How a publish is drawn: the kind and label it was sent with, or a plain message
    /// labelled by its message_id.
    fn drawn_as(&self, message: PublishId, message_id: Option<&str>) -> (MessageKind, Label) {
        self.sent_as
            .get(&message)
            .cloned()
            .unwrap_or_else(|| (MessageKind::Plain, Label::plain(message_id.unwrap_or_default())))
    }
}

/// What a publish carries, for the hops and the message inspector.
fn publish_content(publish: &Publish) -> Arc<Content> {
    Arc::new(Content {
        routing_key: publish.routing_key.clone(),
        properties: Arc::new(publish.properties.clone()),
        body: publish.body.clone(),
        deaths: Vec::new(),
    })
}

struct StepLog<'a> {
    step: u64,
    time: SimTime,
    entries: &'a mut Vec<TraceEntry>,
}

impl StepLog<'_> {
    fn push(&mut self, event: TraceEvent) {
        self.entries.push(TraceEntry { step: self.step, time: self.time, event });
    }
}
