//! The notifier actor (`Notifier` with the `messaging` or `messagingv2` driver): for each
//! scripted notification and each of its topics, it declares the exchange and the
//! `<topic>.<priority>` queue (once per connection, so unconsumed notifications pile up
//! there) and publishes the message, timestamped with the virtual clock.

use std::sync::Arc;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::engine::SortedSet;
use crate::engine::{Delivery, Publish, SimTime};
use crate::oslo::actors::{Cursor, declare, short};
use crate::oslo::declare::{TransportConfig, notifier_declarations};
use crate::oslo::ids::{uuid4_hex, uuid4_string};
use crate::oslo::note::{OsloNote, Sent};
use crate::oslo::notify::{Driver, Notification, Priority, notify_addresses};
use crate::oslo::python::datetime_str;
use crate::oslo::wire::properties;
use crate::sim::trace::{Label, LabelKind, Note};
use crate::sim::{Actor, ActorCtx, ActorState, ActorStatus, MessageKind};

/// One scripted notification: `notifier.<priority>(ctxt, event_type, payload)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotifyStep {
    pub after_ms: SimTime,
    pub priority: Priority,
    pub event_type: String,
    pub payload: Value,
    /// A plain dict passed as the context: oslo.messaging 18.3.1's `_sanitize_context`
    /// turns a dict (or None) into `{}`, so none of it is sent.
    pub context: Map<String, Value>,
    /// A `RequestContext`, as its `to_dict()`: each key travels as `_context_<key>`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_context: Option<Map<String, Value>>,
    /// `notifier.prepare(publisher_id=...)` for this step; else the notifier's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher_id: Option<String>,
    pub count: u32,
}

/// A notifier's `topics` when its file gives none: `notifications`.
pub fn default_topics() -> Vec<String> {
    vec!["notifications".into()]
}

/// A notifier's settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotifierConfig {
    pub name: String,
    pub publisher_id: String,
    pub topics: Vec<String>,
    pub driver: Driver,
    pub transport: TransportConfig,
    /// The wall-clock instant (ms since the Unix epoch) virtual time 0 stands for, for
    /// the `timestamp` field.
    pub epoch_ms: u64,
    pub start_ms: SimTime,
    pub steps: Vec<NotifyStep>,
}

/// The notifier actor.
#[derive(Debug, Clone)]
pub struct Notifier {
    config: NotifierConfig,
    cursor: Cursor,
    // (exchange, routing key) pairs already declared on this connection.
    declared: SortedSet<(String, String)>,
    sent: u64,
}

impl Notifier {
    pub fn new(config: NotifierConfig) -> Notifier {
        Notifier { config, cursor: Cursor::default(), declared: SortedSet::new(), sent: 0 }
    }

    fn notify(&mut self, ctx: &mut ActorCtx<'_>, step: &NotifyStep) {
        if self.config.driver == Driver::Noop {
            return;
        }
        let message_id = uuid4_string(ctx.rng());
        let timestamp = datetime_str(self.config.epoch_ms.saturating_add(ctx.now()));
        let addresses = notify_addresses(&self.config.transport.control_exchange, &self.config.topics, step.priority);
        for (exchange, routing_key) in addresses {
            if self.declared.insert((exchange.clone(), routing_key.clone())) {
                let declarations = notifier_declarations(&self.config.transport, &exchange, &routing_key);
                if let Err(error) = declare(ctx, &declarations) {
                    ctx.note(Note::Refused { error });
                }
            }
            // Each topic's send adds its own `_unique_id` to the same message.
            let notification = Notification {
                message_id: message_id.clone(),
                publisher_id: step.publisher_id.clone().unwrap_or_else(|| self.config.publisher_id.clone()),
                event_type: step.event_type.clone(),
                priority: step.priority.upper(),
                payload: step.payload.clone(),
                timestamp: timestamp.clone(),
                unique_id: uuid4_hex(ctx.rng()),
                context: step.request_context.clone().unwrap_or_default(),
            };
            let body: Arc<str> = Arc::from(notification.body(self.config.driver));
            ctx.note(Note::client(OsloNote::Published {
                sent: Sent::Notification { event_type: step.event_type.clone(), priority: step.priority.upper() },
                exchange: exchange.clone(),
                routing_key: routing_key.clone(),
                expiration: None,
                body: body.clone(),
            }));
            let publish = Publish { exchange, routing_key, mandatory: false, properties: properties(None), body };
            ctx.publish_labeled(
                publish,
                Label::from(LabelKind::Notification { event_type: step.event_type.clone(), id: short(&message_id) }),
                MessageKind::Notification,
            );
            self.sent += 1;
        }
    }
}

impl Actor for Notifier {
    fn name(&self) -> &str {
        &self.config.name
    }

    fn start(&mut self, ctx: &mut ActorCtx<'_>) {
        if let Some(first) = self.config.steps.first() {
            ctx.set_timer(self.config.start_ms.saturating_add(first.after_ms), 0);
        }
    }

    fn on_delivery(&mut self, _ctx: &mut ActorCtx<'_>, _delivery: Delivery) {}

    fn on_timer(&mut self, ctx: &mut ActorCtx<'_>, _token: u64) {
        let Some(step) = self.config.steps.get(self.cursor.step).cloned() else {
            return;
        };
        self.notify(ctx, &step);
        let steps = &self.config.steps;
        self.cursor.advance(|index| steps.get(index).map_or(1, |step| step.count));
        if let Some(next) = self.config.steps.get(self.cursor.step) {
            ctx.set_timer(next.after_ms, 0);
        }
    }

    fn status(&self) -> ActorStatus {
        let state = if self.cursor.step >= self.config.steps.len() { ActorState::Done } else { ActorState::Idle };
        ActorStatus { state, sent: self.sent, received: 0, outcome: None }
    }

    fn clone_box(&self) -> Box<dyn Actor> {
        Box::new(self.clone())
    }
}

/// Whether a notifier with this config declares `queue` (`<topic>.<priority>` for the
/// priorities its script uses).
pub fn declares_queue(config: &NotifierConfig, queue: &str) -> bool {
    config
        .steps
        .iter()
        .any(|step| config.topics.iter().any(|topic| queue == format!("{topic}.{}", step.priority.as_str())))
}
