//! The actor interface: the clients around the broker (producers, consumers, and the
//! oslo.messaging clients, servers, notifiers and listeners in [`crate::oslo`]).
//!
//! An actor reacts to its start, to deliveries, to its own timers and to returned
//! messages. It acts through [`ActorCtx`]: declarations and `basic.consume` take effect at
//! once (they are synchronous round trips in AMQP and Kaiten does not animate them), while
//! publishes and acks travel over the simulated network and reach the broker after a
//! latency drawn from the seeded RNG. Actors draw randomness only from `ctx.rng()` and
//! read time only from `ctx.now()`.

use std::fmt;

use serde::Serialize;

use crate::engine::SortedMap;
use crate::engine::{
    AmqpError, BindingId, Broker, ChannelId, ConsumeOptions, ConsumerId, Delivery, Destination, ExchangeId,
    ExchangeSpec, FieldTable, Publish, PublishId, QueueId, QueueSpec, SimTime,
};
use crate::sim::rng::SimRng;
use crate::sim::trace::{Label, MessageKind, Note};

/// An actor's index in its world, in the order the scenario lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ActorId(pub u32);

/// How a client settles a delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Settle {
    Ack,
    /// `basic.nack` with `requeue = true`.
    NackRequeue,
    /// `basic.nack` with `requeue = false`: dead-lettered or dropped.
    NackDiscard,
    /// `basic.reject` with `requeue = false`.
    Reject,
    /// `basic.reject` with `requeue = true`.
    RejectRequeue,
}

/// What an actor is doing, for inspectors and drawings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ActorState {
    Idle,
    /// Working on deliveries (a consumer processing, a server dispatching).
    Busy {
        in_progress: u32,
    },
    /// A caller blocked in `call()` since `since`, waiting for `waiting_for` until it
    /// gives up at `deadline`.
    Blocked {
        since: SimTime,
        waiting_for: String,
        deadline: SimTime,
    },
    /// Finished its script (a producer that sent everything).
    Done,
    Stopped,
}

/// A snapshot of an actor for the UI and the CLI.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorStatus {
    pub state: ActorState,
    /// Messages this actor has sent.
    pub sent: u64,
    /// Deliveries this actor has received.
    pub received: u64,
    /// What its last call came back with (RPC clients).
    pub outcome: Option<CallOutcome>,
}

/// What a call returned or raised, as a caller shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum CallOutcome {
    /// The result, as Python's `repr` shows it (`42`).
    Returned { method: String, value: String },
    /// The exception's class (`oslo_messaging.exceptions.MessagingTimeout`) and its `str()`;
    /// for a `RemoteError`, the class the server raised.
    Raised { method: String, class: String, message: String, remote: Option<String> },
}

/// A client of the broker, driven by the simulator.
pub trait Actor: NativeDebug {
    fn name(&self) -> &str;
    /// Called once when the simulation starts (at the actor's start time).
    fn start(&mut self, ctx: &mut ActorCtx<'_>);
    /// A delivery from one of this actor's consumers arrived.
    fn on_delivery(&mut self, ctx: &mut ActorCtx<'_>, delivery: Delivery);
    /// A timer set with [`ActorCtx::set_timer`] fired.
    fn on_timer(&mut self, ctx: &mut ActorCtx<'_>, token: u64);
    /// A mandatory publish came back unroutable (`basic.return`, 312 NO_ROUTE).
    fn on_return(&mut self, ctx: &mut ActorCtx<'_>, returned: Publish) {
        let _ = (ctx, returned);
    }
    /// The broker refused a publish (404 missing exchange, 403 internal exchange).
    fn on_publish_error(&mut self, ctx: &mut ActorCtx<'_>, error: AmqpError) {
        let _ = (ctx, error);
    }
    /// A graceful stop (the scenario script's `stop_gracefully`): the actor runs its own stop
    /// logic (cancel its consumers, delete the queues it owns) and returns how long it still
    /// needs to finish the work in progress; its connection closes after that. A killed actor
    /// (`stop_actor`) skips this. By default nothing happens and the connection closes at once.
    fn stop(&mut self, ctx: &mut ActorCtx<'_>) -> SimTime {
        let _ = ctx;
        0
    }
    /// The broker restarted and the actor has a new connection: it declares again what it
    /// declared and consumes again from the queues it consumed from, keeping what it holds
    /// in memory, as oslo.messaging's driver does when it reconnects. By default nothing
    /// is declared again.
    fn reconnect(&mut self, ctx: &mut ActorCtx<'_>) {
        let _ = ctx;
    }
    /// The name of the transport (one client process's connection pool) this actor shares
    /// with others, if any. A delivery to one actor of a shared transport goes to the first
    /// one, in scenario order, that [`claims`](Actor::claims) it, else to the consumer's owner.
    fn shared_transport(&self) -> Option<&str> {
        None
    }
    /// Whether this actor is the one waiting for `delivery` (an oslo reply to its call).
    fn claims(&self, delivery: &Delivery) -> bool {
        let _ = delivery;
        false
    }
    fn status(&self) -> ActorStatus;
    fn clone_box(&self) -> Box<dyn Actor>;
}

/// `Debug` in native code, where tests compare whole worlds by their `Debug` text; nothing in
/// the browser. A supertrait's method sits in every actor's vtable, which kept each actor's and
/// its settings' derived `Debug` code in the browser bundle though nothing there prints it
/// (about 28 KB before wasm-opt); there `dyn Actor` prints its name.
#[cfg(not(target_arch = "wasm32"))]
pub trait NativeDebug: fmt::Debug {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: fmt::Debug> NativeDebug for T {}
#[cfg(target_arch = "wasm32")]
pub trait NativeDebug {}
#[cfg(target_arch = "wasm32")]
impl<T> NativeDebug for T {}

#[cfg(target_arch = "wasm32")]
impl fmt::Debug for dyn Actor {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.debug_struct("Actor").field("name", &self.name()).finish_non_exhaustive()
    }
}

impl Clone for Box<dyn Actor> {
    fn clone(&self) -> Self {
        self.clone_box()
    }
}

/// Something an actor asked for that the world carries out after the callback returns.
#[derive(Debug, Clone)]
pub(crate) enum Outgoing {
    Publish {
        publish: Box<Publish>,
        label: Label,
        kind: MessageKind,
    },
    Settle {
        channel: ChannelId,
        delivery_tag: u64,
        settle: Settle,
        queue: QueueId,
        message: PublishId,
        message_id: Option<String>,
    },
    Timer {
        delay: SimTime,
        token: u64,
    },
}

/// What an actor may do while handling a callback.
pub struct ActorCtx<'a> {
    pub(crate) actor: ActorId,
    pub(crate) now: SimTime,
    pub(crate) slowdown: u32,
    pub(crate) channel: ChannelId,
    pub(crate) broker: &'a mut Broker,
    pub(crate) rng: &'a mut SimRng,
    pub(crate) outgoing: Vec<Outgoing>,
    pub(crate) notes: Vec<Note>,
    pub(crate) new_consumers: Vec<ConsumerId>,
    pub(crate) shared: &'a mut SortedMap<String, String>,
}

impl ActorCtx<'_> {
    pub fn actor(&self) -> ActorId {
        self.actor
    }

    pub fn now(&self) -> SimTime {
        self.now
    }

    pub fn rng(&mut self) -> &mut SimRng {
        self.rng
    }

    /// How long work that normally takes `ms` takes this actor now (a slowed actor takes
    /// longer).
    pub fn work_time(&self, ms: SimTime) -> SimTime {
        ms.saturating_mul(SimTime::from(self.slowdown))
    }

    /// The actor's own channel (one connection and channel per actor).
    pub fn channel(&self) -> ChannelId {
        self.channel
    }

    /// Memory shared by the actors of one client process (what actors of one shared
    /// transport know together, such as its reply queue's name), part of the world's state.
    pub fn shared(&mut self) -> &mut SortedMap<String, String> {
        self.shared
    }

    /// Read-only view of the broker, for names and queue depths.
    pub fn broker(&self) -> &Broker {
        self.broker
    }

    pub fn declare_exchange(&mut self, spec: ExchangeSpec) -> Result<ExchangeId, AmqpError> {
        self.broker.declare_exchange(self.now, spec)
    }

    pub fn declare_queue(&mut self, spec: QueueSpec) -> Result<QueueId, AmqpError> {
        self.broker.declare_queue(self.now, self.channel, spec)
    }

    pub fn bind_queue(
        &mut self,
        exchange: &str,
        queue: QueueId,
        routing_key: &str,
        arguments: FieldTable,
    ) -> Result<BindingId, AmqpError> {
        self.broker.bind(self.now, exchange, Destination::Queue(queue), routing_key, arguments)
    }

    /// `basic.consume` on the actor's channel; deliveries arrive through `on_delivery`.
    pub fn consume(&mut self, queue: &str, options: ConsumeOptions) -> Result<ConsumerId, AmqpError> {
        let consumer = self.broker.consume(self.now, self.channel, queue, options)?;
        self.new_consumers.push(consumer);
        Ok(consumer)
    }

    pub fn cancel(&mut self, consumer: ConsumerId) {
        self.broker.cancel(self.now, consumer);
    }

    /// `queue.delete` by name (its bindings go, and an auto-delete exchange with its last one).
    pub fn delete_queue(&mut self, queue: &str) -> Result<(), AmqpError> {
        let id = self
            .broker
            .topology()
            .queue_by_name(queue)
            .ok_or_else(|| AmqpError::NotFound(format!("no queue '{queue}' in vhost '/'")))?
            .id;
        self.broker.delete_queue(self.now, id);
        Ok(())
    }

    /// Sends a plain publish, labelled by its message_id; it reaches the broker after the
    /// network latency.
    pub fn publish(&mut self, publish: Publish) {
        let label = Label::plain(publish.properties.message_id.clone().unwrap_or_default());
        self.outgoing.push(Outgoing::Publish { publish: Box::new(publish), label, kind: MessageKind::Plain });
    }

    /// Sends a publish shown as `label` and drawn as `kind` (an RPC request, a reply...).
    pub fn publish_labeled(&mut self, publish: Publish, label: Label, kind: MessageKind) {
        self.outgoing.push(Outgoing::Publish { publish: Box::new(publish), label, kind });
    }

    /// Sends an ack, nack or reject for a delivery; it reaches the broker after the latency.
    pub fn settle(&mut self, delivery: &Delivery, settle: Settle) {
        self.outgoing.push(Outgoing::Settle {
            channel: delivery.channel,
            delivery_tag: delivery.delivery_tag,
            settle,
            queue: delivery.queue,
            message: delivery.message.publish,
            message_id: delivery.message.properties.message_id.clone(),
        });
    }

    /// Calls `on_timer(token)` after `delay` virtual milliseconds.
    pub fn set_timer(&mut self, delay: SimTime, token: u64) {
        self.outgoing.push(Outgoing::Timer { delay, token });
    }

    /// Records something the actor did or decided, for the trace.
    pub fn note(&mut self, note: Note) {
        self.notes.push(note);
    }
}
