//! The plain AMQP actors: producers that publish from templates, and consumers that
//! process deliveries for a while and then ack, nack or reject them (optionally replying,
//! for request/reply scenarios).

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::engine::{ConsumeOptions, Delivery, FieldTable, FieldValue, Properties, Publish, SimTime};
use crate::sim::actor::{Actor, ActorCtx, ActorState, ActorStatus, Settle};
use crate::sim::trace::{Label, Note};

/// How long a consumer works on one message.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Processing {
    Fixed(SimTime),
    /// Uniform between the two bounds, inclusive.
    Uniform([SimTime; 2]),
    /// Exponential with this mean.
    Exponential(SimTime),
}

impl Default for Processing {
    fn default() -> Self {
        Processing::Fixed(100)
    }
}

impl Processing {
    fn draw(self, ctx: &mut ActorCtx<'_>) -> SimTime {
        match self {
            Processing::Fixed(ms) => ms,
            Processing::Uniform([low, high]) => ctx.rng().between(low, high),
            Processing::Exponential(mean) => ctx.rng().exponential(mean),
        }
    }
}

/// Expands `{n}` (1-based message number) and `{name}` (the actor's name).
pub fn expand_template(template: &str, name: &str, n: u64) -> String {
    template.replace("{n}", &n.to_string()).replace("{name}", name)
}

/// The most bytes one expanded template (a body, routing key, message id or header) may
/// take; a scenario whose templates could expand further is refused when it loads.
pub const MAX_EXPANDED_BYTES: u64 = 1 << 20;

/// The most bytes `expand_template(template, name, n)` can give for any `n`, without
/// expanding it (`{n}` is at most 20 digits).
pub fn expanded_size_bound(template: &str, name: &str) -> u64 {
    let n_numbers = template.matches("{n}").count() as u64;
    let n_names = template.replace("{n}", "0").matches("{name}").count() as u64;
    (template.len() as u64)
        .saturating_add(n_numbers.saturating_mul(20))
        .saturating_add(n_names.saturating_mul(name.len() as u64))
}

/// A producer's settings (see the scenario format in the README).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProducerConfig {
    pub name: String,
    pub exchange: String,
    pub routing_key: String,
    pub body: String,
    pub count: u64,
    pub interval_ms: SimTime,
    pub start_ms: SimTime,
    pub mandatory: bool,
    /// `message_id` template; defaults to `{name}-{n}`.
    pub message_id: Option<String>,
    pub priority: Option<u8>,
    pub expiration: Option<String>,
    /// 2 for persistent messages (they survive a broker restart in a durable queue).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_mode: Option<u8>,
    /// Header values; string values are templates.
    pub headers: serde_json::Map<String, serde_json::Value>,
    /// A reply queue to declare, consume and name in `reply_to` (request/reply).
    pub reply_queue: Option<String>,
}

/// A producer's `body` when its file gives none.
pub fn default_body() -> String {
    "message {n}".into()
}
/// A producer's `interval_ms` when its file gives none.
pub fn default_interval() -> SimTime {
    100
}

/// Publishes `count` messages, `interval_ms` apart, starting at `start_ms`.
#[derive(Debug, Clone)]
pub struct Producer {
    config: ProducerConfig,
    sent: u64,
    replies: u64,
}

impl Producer {
    pub fn new(config: ProducerConfig) -> Producer {
        Producer { config, sent: 0, replies: 0 }
    }

    /// Declares its reply queue, if it has one, and consumes from it.
    fn listen_for_replies(&self, ctx: &mut ActorCtx<'_>) {
        if let Some(reply_queue) = self.config.reply_queue.clone() {
            let mut spec = crate::engine::QueueSpec::new(reply_queue.clone());
            spec.durable = false;
            spec.exclusive = true;
            let declared = ctx.declare_queue(spec).and_then(|_| {
                ctx.consume(
                    &reply_queue,
                    ConsumeOptions { consumer_tag: format!("{}-replies", self.config.name), prefetch: 0, no_ack: true },
                )
            });
            if let Err(error) = declared {
                ctx.note(Note::Refused { error });
            }
        }
    }

    fn message(&self, n: u64) -> Publish {
        let name = &self.config.name;
        let template = self.config.message_id.as_deref().unwrap_or("{name}-{n}");
        let message_id = expand_template(template, name, n);
        let mut headers = FieldTable::new();
        headers.extend(self.config.headers.iter().map(|(key, value)| {
            let value = match value {
                serde_json::Value::String(text) => FieldValue::Str(expand_template(text, name, n)),
                other => FieldValue::from_json(other),
            };
            (key.clone(), value)
        }));
        let reply = self.config.reply_queue.is_some();
        Publish {
            exchange: self.config.exchange.clone(),
            routing_key: expand_template(&self.config.routing_key, name, n),
            mandatory: self.config.mandatory,
            properties: Properties {
                correlation_id: reply.then(|| message_id.clone()),
                message_id: Some(message_id),
                reply_to: self.config.reply_queue.clone(),
                priority: self.config.priority,
                expiration: self.config.expiration.clone(),
                delivery_mode: self.config.delivery_mode,
                headers,
                ..Properties::default()
            },
            body: Arc::from(expand_template(&self.config.body, name, n)),
        }
    }
}

impl Actor for Producer {
    fn name(&self) -> &str {
        &self.config.name
    }

    fn start(&mut self, ctx: &mut ActorCtx<'_>) {
        self.listen_for_replies(ctx);
        if self.config.count > 0 {
            ctx.set_timer(self.config.start_ms, 1);
        }
    }

    fn reconnect(&mut self, ctx: &mut ActorCtx<'_>) {
        self.listen_for_replies(ctx);
    }

    fn on_delivery(&mut self, ctx: &mut ActorCtx<'_>, delivery: Delivery) {
        self.replies += 1;
        ctx.note(Note::Received {
            label: label_of(&delivery),
            queue: delivery.queue,
            delivery_tag: delivery.delivery_tag,
            redelivered: delivery.message.redelivered,
        });
    }
    fn on_timer(&mut self, ctx: &mut ActorCtx<'_>, n: u64) {
        ctx.publish(self.message(n));
        self.sent += 1;
        if n < self.config.count {
            ctx.set_timer(self.config.interval_ms, n + 1);
        }
    }

    fn on_return(&mut self, ctx: &mut ActorCtx<'_>, returned: Publish) {
        let label = returned.properties.message_id.unwrap_or_default();
        ctx.note(Note::Returned { label: Label::plain(label) });
    }

    fn status(&self) -> ActorStatus {
        let state = if self.sent >= self.config.count { ActorState::Done } else { ActorState::Idle };
        ActorStatus { state, sent: self.sent, received: self.replies, outcome: None }
    }

    fn clone_box(&self) -> Box<dyn Actor> {
        Box::new(self.clone())
    }
}

/// A consumer's failure rule: with this probability processing fails and the message is
/// settled this way instead.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Failure {
    pub probability: f64,
    pub settle: Settle,
}

/// A consumer's settings (see the scenario format in the README).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsumerConfig {
    pub name: String,
    pub queue: String,
    /// 0 = unlimited.
    pub prefetch: u32,
    pub processing_ms: Processing,
    pub settle: Settle,
    /// Consume with `no_ack` (the broker forgets the message on delivery).
    pub auto_ack: bool,
    pub failure: Option<Failure>,
    /// Publish a reply to `reply_to` through the default exchange when done.
    pub reply: bool,
    pub start_ms: SimTime,
}

/// Processes deliveries for a while, then settles them.
#[derive(Debug, Clone)]
pub struct Consumer {
    config: ConsumerConfig,
    // Deliveries being processed, by timer token.
    in_progress: Vec<(u64, Delivery)>,
    next_token: u64,
    received: u64,
    sent: u64,
    // It has started consuming (after its start time).
    consuming: bool,
}

const START_TOKEN: u64 = 0;

impl Consumer {
    pub fn new(config: ConsumerConfig) -> Consumer {
        Consumer {
            config,
            in_progress: Vec::new(),
            next_token: START_TOKEN + 1,
            received: 0,
            sent: 0,
            consuming: false,
        }
    }

    fn consume(&self, ctx: &mut ActorCtx<'_>) {
        let options = ConsumeOptions {
            consumer_tag: self.config.name.clone(),
            prefetch: self.config.prefetch,
            no_ack: self.config.auto_ack,
        };
        if let Err(error) = ctx.consume(&self.config.queue, options) {
            ctx.note(Note::Refused { error });
        }
    }

    fn failure_per_million(&self) -> u32 {
        self.config.failure.map_or(0, |failure| (failure.probability.clamp(0.0, 1.0) * 1_000_000.0) as u32)
    }
}

fn label_of(delivery: &Delivery) -> Label {
    Label::plain(delivery.message.label())
}

impl Actor for Consumer {
    fn name(&self) -> &str {
        &self.config.name
    }

    fn start(&mut self, ctx: &mut ActorCtx<'_>) {
        ctx.set_timer(self.config.start_ms, START_TOKEN);
    }

    fn on_delivery(&mut self, ctx: &mut ActorCtx<'_>, delivery: Delivery) {
        self.received += 1;
        let label = label_of(&delivery);
        ctx.note(Note::Received {
            label: label.clone(),
            queue: delivery.queue,
            delivery_tag: delivery.delivery_tag,
            redelivered: delivery.message.redelivered,
        });
        let drawn = self.config.processing_ms.draw(ctx);
        let took = ctx.work_time(drawn);
        ctx.note(Note::Processing { label, until: ctx.now().saturating_add(took) });
        let token = self.next_token;
        self.next_token += 1;
        self.in_progress.push((token, delivery));
        ctx.set_timer(took, token);
    }

    fn on_timer(&mut self, ctx: &mut ActorCtx<'_>, token: u64) {
        if token == START_TOKEN {
            self.consuming = true;
            return self.consume(ctx);
        }
        let Some(position) = self.in_progress.iter().position(|(pending, _)| *pending == token) else { return };
        let (_, delivery) = self.in_progress.remove(position);
        let label = label_of(&delivery);
        let failed = ctx.rng().chance(self.failure_per_million());
        let settle = match (failed, self.config.failure) {
            (true, Some(failure)) => {
                ctx.note(Note::ProcessingFailed { label: label.clone() });
                failure.settle
            }
            _ => self.config.settle,
        };
        if self.config.reply
            && !failed
            && let Some(reply_to) = delivery.message.properties.reply_to.clone()
        {
            let properties = Properties {
                correlation_id: delivery.message.properties.correlation_id.clone(),
                message_id: Some(format!("reply-{}", delivery.message.label())),
                ..Properties::default()
            };
            ctx.publish(Publish {
                exchange: String::new(),
                routing_key: reply_to,
                mandatory: false,
                properties,
                body: Arc::from(format!("reply to {}", delivery.message.label())),
            });
            self.sent += 1;
        }
        if !self.config.auto_ack {
            ctx.note(Note::Settled { label, settle });
            ctx.settle(&delivery, settle);
        }
    }

    fn reconnect(&mut self, ctx: &mut ActorCtx<'_>) {
        // What it was processing came on the old connection: the broker requeued it, and
        // an ack on the new connection would name a delivery tag it never had.
        self.in_progress.clear();
        if self.consuming {
            self.consume(ctx);
        }
    }

    fn status(&self) -> ActorStatus {
        let state = match self.in_progress.len() {
            0 => ActorState::Idle,
            n => ActorState::Busy { in_progress: n as u32 },
        };
        ActorStatus { state, sent: self.sent, received: self.received, outcome: None }
    }

    fn clone_box(&self) -> Box<dyn Actor> {
        Box::new(self.clone())
    }
}
