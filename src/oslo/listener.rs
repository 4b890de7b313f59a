//! The notification listener actor (`get_notification_listener`): it binds
//! `<topic>.<priority>` for each target and each priority its endpoints handle, to the
//! pool's queue (named after the pool) or to `<topic>.<priority>`, dispatches each
//! notification to its endpoints (filters, HANDLED / REQUEUE), and only then acks it, or
//! requeues it when the result is REQUEUE and requeue is allowed.

use serde::Serialize;

use crate::engine::SortedMap;
use crate::engine::{ConsumerId, Delivery, SimTime};
use crate::oslo::actors::{listen, note_received, short, stop_consuming};
use crate::oslo::declare::{TransportConfig, listener_plan};
use crate::oslo::dispatcher::MsgIdCache;
use crate::oslo::note::OsloNote;
use crate::oslo::notify::{
    Notification, NotificationEndpoint, dispatch_notification, requeues, targets_and_priorities,
};
use crate::oslo::target::{Target, check_listener_target};
use crate::oslo::wire::WireError;
use crate::sim::trace::{Label, LabelKind, Note, Unreadable};
use crate::sim::{Actor, ActorCtx, ActorState, ActorStatus, Settle};

/// A listener's `targets` when its file gives none: `notifications`.
pub fn default_targets() -> Vec<Target> {
    vec![Target::topic("notifications")]
}

/// A notification listener's settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListenerConfig {
    pub name: String,
    pub targets: Vec<Target>,
    pub endpoints: Vec<NotificationEndpoint>,
    /// Listeners in one pool share one queue named after it; every pool gets a copy.
    pub pool: Option<String>,
    /// `allow_requeue` (False): without it, REQUEUE results are acked.
    pub allow_requeue: bool,
    pub transport: TransportConfig,
    pub start_ms: SimTime,
}

/// The notification listener actor.
#[derive(Debug, Clone)]
pub struct Listener {
    config: ListenerConfig,
    cache: MsgIdCache,
    // Deliveries being dispatched, by timer token, with how to settle them.
    in_progress: SortedMap<u64, (Delivery, Settle, String)>,
    // When each delivery being dispatched finishes, by timer token.
    busy_until: SortedMap<u64, SimTime>,
    // Its consumers and their queues, once it listens; emptied by a graceful stop.
    consumers: Vec<(ConsumerId, String)>,
    // Invariant: larger than every token handed out; 0 is the start timer.
    next_token: u64,
    received: u64,
}

impl Listener {
    pub fn new(config: ListenerConfig) -> Listener {
        Listener {
            config,
            cache: MsgIdCache::default(),
            in_progress: SortedMap::new(),
            busy_until: SortedMap::new(),
            consumers: Vec::new(),
            next_token: 1,
            received: 0,
        }
    }

    fn begin(&mut self, ctx: &mut ActorCtx<'_>) {
        for target in &self.config.targets {
            if let Err(error) = check_listener_target(target) {
                return ctx.note(Note::client(OsloNote::InvalidTarget { error: error.to_string() }));
            }
        }
        let pairs = targets_and_priorities(&self.config.targets, &self.config.endpoints);
        let plan = listener_plan(&self.config.transport, &pairs, self.config.pool.as_deref());
        if let Some(consumers) = listen(ctx, &plan, &self.config.name, self.config.transport.prefetch) {
            self.consumers = consumers;
            ctx.note(Note::client(OsloNote::Listening { queues: plan.consume.clone() }));
        }
    }

    fn settle(
        &mut self,
        ctx: &mut ActorCtx<'_>,
        delivery: &Delivery,
        settle: Settle,
        unique_id: &str,
        message_label: Label,
    ) {
        if settle == Settle::Ack {
            self.cache.add(unique_id);
        }
        ctx.note(Note::Settled { label: message_label, settle });
        ctx.settle(delivery, settle);
    }
}

/// A notification's label, or an unreadable one's.
fn notification_label(notification: &Result<Notification, WireError>) -> Label {
    Label::from(match notification {
        Ok(notification) => {
            LabelKind::Notification { event_type: notification.event_type.clone(), id: short(&notification.message_id) }
        }
        Err(_) => LabelKind::Unreadable { of: Unreadable::Notification },
    })
}

impl Actor for Listener {
    fn reconnect(&mut self, ctx: &mut ActorCtx<'_>) {
        if !self.consumers.is_empty() {
            self.begin(ctx);
        }
    }

    fn name(&self) -> &str {
        &self.config.name
    }

    fn start(&mut self, ctx: &mut ActorCtx<'_>) {
        if self.config.start_ms == 0 {
            self.begin(ctx);
        } else {
            ctx.set_timer(self.config.start_ms, 0);
        }
    }

    fn on_delivery(&mut self, ctx: &mut ActorCtx<'_>, delivery: Delivery) {
        self.received += 1;
        let notification = Notification::parse(&delivery.message.body);
        let message_label = notification_label(&notification);
        note_received(ctx, &delivery, message_label.clone());
        let notification = match notification {
            Ok(notification) => notification,
            Err(error) => {
                ctx.note(Note::client(OsloNote::Unreadable { error: error.to_string() }));
                return self.settle(ctx, &delivery, Settle::Ack, "", message_label.clone());
            }
        };
        if self.cache.is_duplicate(&notification.unique_id) {
            ctx.note(Note::client(OsloNote::Duplicate { unique_id: notification.unique_id.clone() }));
            return self.settle(ctx, &delivery, Settle::Ack, "", message_label.clone());
        }
        let dispatched = dispatch_notification(&self.config.endpoints, &notification);
        let requeue = requeues(dispatched.result, self.config.allow_requeue);
        let until = ctx.now().saturating_add(dispatched.duration_ms);
        ctx.note(Note::client(OsloNote::NotificationDispatched {
            event_type: notification.event_type.clone(),
            priority: notification.priority.clone(),
            endpoints: self.config.endpoints.iter().map(|endpoint| endpoint.name.clone()).collect(),
            unknown_priority: dispatched.unknown_priority,
            calls: dispatched.calls,
            result: dispatched.result,
            requeue,
            until,
        }));
        // `incoming.requeue()` is kombu's `basic.reject(requeue=True)`.
        let settle = if requeue { Settle::RejectRequeue } else { Settle::Ack };
        if dispatched.duration_ms == 0 {
            self.settle(ctx, &delivery, settle, &notification.unique_id, message_label.clone());
        } else {
            let token = self.next_token;
            self.next_token += 1;
            self.in_progress.insert(token, (delivery, settle, notification.unique_id));
            self.busy_until.insert(token, until);
            ctx.set_timer(dispatched.duration_ms, token);
        }
    }

    fn on_timer(&mut self, ctx: &mut ActorCtx<'_>, token: u64) {
        if token == 0 {
            return self.begin(ctx);
        }
        self.busy_until.remove(&token);
        if let Some((delivery, settle, unique_id)) = self.in_progress.remove(&token) {
            let message_label = notification_label(&Notification::parse(&delivery.message.body));
            self.settle(ctx, &delivery, settle, &unique_id, message_label);
        }
    }

    /// `stop()` then `wait()`: cancels its consumers (the notification queues are shared and
    /// stay) and lets the notifications being dispatched finish and be settled.
    fn stop(&mut self, ctx: &mut ActorCtx<'_>) -> SimTime {
        stop_consuming(ctx, std::mem::take(&mut self.consumers), Vec::new());
        let last = self.busy_until.values().copied().max().unwrap_or(ctx.now());
        last.saturating_sub(ctx.now())
    }

    fn status(&self) -> ActorStatus {
        let state = match self.in_progress.len() {
            0 => ActorState::Idle,
            n => ActorState::Busy { in_progress: n as u32 },
        };
        ActorStatus { state, sent: 0, received: self.received, outcome: None }
    }

    fn clone_box(&self) -> Box<dyn Actor> {
        Box::new(self.clone())
    }
}

/// Whether a listener with this config declares `queue` (its pool, or `<topic>.<priority>`).
pub fn declares_queue(config: &ListenerConfig, queue: &str) -> bool {
    let pairs = targets_and_priorities(&config.targets, &config.endpoints);
    listener_plan(&config.transport, &pairs, config.pool.as_deref()).consume.iter().any(|name| name == queue)
}
