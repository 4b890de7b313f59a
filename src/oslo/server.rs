//! The RPC server actor (`rpc/server.py` over `amqpdriver`): it declares its queues
//! (`topic`, `topic.server`, its own `topic_fanout_<id>`), acks every request on receipt,
//! before dispatching it (at-most-once), drops a request whose `_unique_id` is among the
//! last 16, runs the dispatcher, and, for calls only, replies through the default
//! exchange to the caller's reply queue, retrying a returned reply every 250 ms for up to
//! `kombu_missing_consumer_retry_timeout`.

use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;

use crate::engine::SortedMap;
use crate::engine::{ConsumerId, Delivery, Publish, SimTime};
use crate::oslo::actors::{listen, note_received, short, stop_consuming};
use crate::oslo::declare::{TransportConfig, rpc_server_plan};
use crate::oslo::dispatcher::{Endpoint, MsgIdCache, Outcome, dispatch};
use crate::oslo::ids::uuid4_hex;
use crate::oslo::note::{DispatchResult, OsloNote, Sent};
use crate::oslo::target::{Target, check_server_target};
use crate::oslo::wire::{Reply, Request, properties};
use crate::sim::trace::{Label, LabelKind, Note, Unreadable};
use crate::sim::{Actor, ActorCtx, ActorState, ActorStatus, MessageKind, Settle};

/// How often a returned reply is retried (`amqpdriver`: every 0.25 s).
pub const REPLY_RETRY_MS: SimTime = 250;

/// An RPC server's settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RpcServerConfig {
    pub name: String,
    /// `Target(topic=..., server=...)`, optionally with its own exchange.
    pub target: Target,
    pub endpoints: Vec<Endpoint>,
    pub transport: TransportConfig,
    pub start_ms: SimTime,
}

#[derive(Debug, Clone)]
struct PendingReply {
    msg_id: String,
    reply_q: String,
    reply: Reply,
}

/// A call-monitor heartbeat to send while the request `work` is being dispatched.
#[derive(Debug, Clone)]
struct Heartbeat {
    work: u64,
    msg_id: String,
    reply_q: String,
    interval_ms: SimTime,
}

/// The interval of call-monitor heartbeats for a request's `_timeout` (seconds), if any.
/// As `RPCDispatcher._watchdog` in oslo.messaging 18.3.1 computes it (the reference only
/// says "every _timeout/2 s"): `int(client_timeout) / 2` seconds, and no heartbeats at all
/// (a warning) when that is under one second.
pub fn heartbeat_interval_ms(call_monitor_timeout_s: u64) -> Option<SimTime> {
    (call_monitor_timeout_s >= 2).then(|| call_monitor_timeout_s.saturating_mul(1000) / 2)
}

/// The RPC server actor.
#[derive(Debug, Clone)]
pub struct RpcServer {
    config: RpcServerConfig,
    cache: MsgIdCache,
    // Requests being dispatched, by timer token: when they finish and the reply to send then
    // (None for casts).
    in_progress: SortedMap<u64, (SimTime, Option<PendingReply>)>,
    // Its consumers and their queues, once it listens; emptied by a graceful stop.
    consumers: Vec<(ConsumerId, String)>,
    // Its own `topic_fanout_<id>` queue, which a graceful stop deletes.
    fanout_queue: Option<String>,
    // The id in its fanout queue's name, kept to declare the same queue on a reconnect.
    fanout_id: String,
    // Call-monitor heartbeats due, by timer token: the request's in-progress token, and what
    // the heartbeat goes to.
    heartbeats: SortedMap<u64, Heartbeat>,
    // Returned replies waiting for a retry, by timer token.
    retrying: SortedMap<u64, Publish>,
    // When each reply (by `_msg_id`) first came back, to give up after the retry timeout.
    returned_since: SortedMap<String, SimTime>,
    // Invariant: larger than every token handed out; 0 is the start timer.
    next_token: u64,
    started: bool,
    sent: u64,
    received: u64,
}

const START: u64 = 0;

impl RpcServer {
    pub fn new(config: RpcServerConfig) -> RpcServer {
        RpcServer {
            config,
            cache: MsgIdCache::default(),
            in_progress: SortedMap::new(),
            consumers: Vec::new(),
            fanout_queue: None,
            fanout_id: String::new(),
            heartbeats: SortedMap::new(),
            retrying: SortedMap::new(),
            returned_since: SortedMap::new(),
            next_token: 1,
            started: false,
            sent: 0,
            received: 0,
        }
    }

    fn token(&mut self) -> u64 {
        let token = self.next_token;
        self.next_token += 1;
        token
    }

    fn begin(&mut self, ctx: &mut ActorCtx<'_>) {
        if let Err(error) = check_server_target(&self.config.target) {
            return ctx.note(Note::client(OsloNote::InvalidTarget { error: error.to_string() }));
        }
        let fanout_id = uuid4_hex(ctx.rng());
        self.listen(ctx, &fanout_id);
    }

    /// Declares its queues and consumes from them; its fanout queue is named by `fanout_id`.
    fn listen(&mut self, ctx: &mut ActorCtx<'_>, fanout_id: &str) {
        self.fanout_id = fanout_id.to_string();
        let plan = rpc_server_plan(&self.config.transport, &self.config.target, fanout_id);
        if let Some(consumers) = listen(ctx, &plan, &self.config.name, self.config.transport.prefetch) {
            self.started = true;
            self.consumers = consumers;
            self.fanout_queue = plan.consume.last().cloned();
            ctx.note(Note::client(OsloNote::Listening { queues: plan.consume.clone() }));
        }
    }

    fn send_reply(&mut self, ctx: &mut ActorCtx<'_>, pending: PendingReply) {
        let body: Arc<str> = Arc::from(pending.reply.body());
        let failure = pending
            .reply
            .failure
            .as_deref()
            .and_then(crate::oslo::failure::Failure::parse)
            .map(|failure| failure.class);
        ctx.note(Note::client(OsloNote::Published {
            sent: Sent::Reply { msg_id: pending.msg_id.clone(), failure },
            exchange: String::new(),
            routing_key: pending.reply_q.clone(),
            expiration: None,
            body: body.clone(),
        }));
        ctx.publish_labeled(
            Publish {
                exchange: String::new(),
                routing_key: pending.reply_q.clone(),
                mandatory: self.config.transport.direct_mandatory,
                properties: properties(None),
                body,
            },
            LabelKind::Reply { id: short(&pending.msg_id) }.into(),
            MessageKind::Reply,
        );
        self.sent += 1;
    }
}

impl RpcServer {
    /// `incoming.heartbeat()`: a reply with no result and `ending: false`, then the next
    /// one after the interval if the method still runs then.
    fn send_heartbeat(&mut self, ctx: &mut ActorCtx<'_>, heartbeat: Heartbeat) {
        let Some((until, _)) = self.in_progress.get(&heartbeat.work) else {
            return;
        };
        let until = *until;
        let reply = Reply {
            result: Value::Null,
            failure: None,
            ending: false,
            msg_id: heartbeat.msg_id.clone(),
            unique_id: uuid4_hex(ctx.rng()),
        };
        let body: Arc<str> = Arc::from(reply.body());
        ctx.note(Note::client(OsloNote::Published {
            sent: Sent::Heartbeat { msg_id: heartbeat.msg_id.clone() },
            exchange: String::new(),
            routing_key: heartbeat.reply_q.clone(),
            expiration: None,
            body: body.clone(),
        }));
        ctx.publish_labeled(
            Publish {
                exchange: String::new(),
                routing_key: heartbeat.reply_q.clone(),
                mandatory: self.config.transport.direct_mandatory,
                properties: properties(None),
                body,
            },
            LabelKind::Heartbeat { id: short(&heartbeat.msg_id) }.into(),
            MessageKind::Reply,
        );
        self.sent += 1;
        if ctx.now().saturating_add(heartbeat.interval_ms) < until {
            let token = self.token();
            ctx.set_timer(heartbeat.interval_ms, token);
            self.heartbeats.insert(token, heartbeat);
        }
    }
}

impl Actor for RpcServer {
    fn name(&self) -> &str {
        &self.config.name
    }

    fn start(&mut self, ctx: &mut ActorCtx<'_>) {
        if self.config.start_ms == 0 {
            self.begin(ctx);
        } else {
            ctx.set_timer(self.config.start_ms, START);
        }
    }

    fn on_delivery(&mut self, ctx: &mut ActorCtx<'_>, delivery: Delivery) {
        self.received += 1;
        let request = Request::parse(&delivery.message.body);
        let request_label = match &request {
            Ok(request) => {
                let method = request.method.clone();
                match &request.call {
                    Some(call) => LabelKind::Call { method, id: short(&call.msg_id) },
                    None => LabelKind::Cast { method, id: short(&request.unique_id) },
                }
            }
            Err(_) => LabelKind::Unreadable { of: Unreadable::Message },
        };
        let request_label = Label::from(request_label);
        note_received(ctx, &delivery, request_label.clone());
        // Acknowledged on receipt, before dispatch: at-most-once.
        ctx.note(Note::Settled { label: request_label, settle: Settle::Ack });
        ctx.settle(&delivery, Settle::Ack);
        let request = match request {
            Ok(request) => request,
            Err(error) => {
                return ctx.note(Note::client(OsloNote::Unreadable { error: error.to_string() }));
            }
        };
        if self.cache.is_duplicate(&request.unique_id) {
            return ctx.note(Note::client(OsloNote::Duplicate { unique_id: request.unique_id }));
        }
        self.cache.add(&request.unique_id);
        let dispatched = dispatch(&self.config.endpoints, &request);
        let duration_ms = ctx.work_time(dispatched.duration_ms);
        let until = ctx.now().saturating_add(duration_ms);
        let (result, reply_payload) = match dispatched.outcome {
            Outcome::Returned { result } => (DispatchResult::Returned { result: result.clone() }, (result, None)),
            Outcome::Raised { failure } => (
                DispatchResult::Raised { class: failure.class.clone(), message: failure.message.clone() },
                (Value::Null, Some(failure.to_json())),
            ),
        };
        ctx.note(Note::client(OsloNote::Dispatched {
            method: request.method.clone(),
            namespace: request.namespace.clone(),
            version: request.version.clone(),
            endpoints: self.config.endpoints.iter().map(|endpoint| endpoint.name.clone()).collect(),
            checks: dispatched.checks,
            result,
            until,
            replies: request.call.is_some(),
        }));
        let monitor = request.call.as_ref().and_then(|call| call.call_monitor_timeout);
        let pending = match request.call {
            Some(call) => {
                let reply = Reply {
                    result: reply_payload.0,
                    failure: reply_payload.1,
                    ending: true,
                    msg_id: call.msg_id.clone(),
                    unique_id: uuid4_hex(ctx.rng()),
                };
                Some(PendingReply { msg_id: call.msg_id, reply_q: call.reply_q, reply })
            }
            None => None,
        };
        if duration_ms == 0 {
            if let Some(pending) = pending {
                self.send_reply(ctx, pending);
            }
        } else {
            let token = self.token();
            // The watchdog sends heartbeats while the method runs, only for calls whose
            // client set call_monitor_timeout (`_timeout`).
            let heartbeat = pending.as_ref().zip(monitor).and_then(|(pending, timeout_s)| {
                let interval_ms = heartbeat_interval_ms(timeout_s)?;
                (interval_ms < duration_ms).then(|| Heartbeat {
                    work: token,
                    msg_id: pending.msg_id.clone(),
                    reply_q: pending.reply_q.clone(),
                    interval_ms,
                })
            });
            self.in_progress.insert(token, (until, pending));
            ctx.set_timer(duration_ms, token);
            if let Some(heartbeat) = heartbeat {
                let heartbeat_token = self.token();
                ctx.set_timer(heartbeat.interval_ms, heartbeat_token);
                self.heartbeats.insert(heartbeat_token, heartbeat);
            }
        }
    }

    fn on_timer(&mut self, ctx: &mut ActorCtx<'_>, token: u64) {
        if token == START {
            return self.begin(ctx);
        }
        if let Some((_, pending)) = self.in_progress.remove(&token) {
            if let Some(pending) = pending {
                self.send_reply(ctx, pending);
            }
            return;
        }
        if let Some(heartbeat) = self.heartbeats.remove(&token) {
            return self.send_heartbeat(ctx, heartbeat);
        }
        if let Some(publish) = self.retrying.remove(&token) {
            let mut reply_label = LabelKind::Reply { id: String::new() };
            if let Ok(reply) = Reply::parse(&publish.body) {
                reply_label = LabelKind::Reply { id: short(&reply.msg_id) };
                ctx.note(Note::client(OsloNote::Published {
                    sent: Sent::Reply { msg_id: reply.msg_id, failure: None },
                    exchange: publish.exchange.clone(),
                    routing_key: publish.routing_key.clone(),
                    expiration: None,
                    body: publish.body.clone(),
                }));
            }
            ctx.publish_labeled(publish, reply_label.into(), MessageKind::Reply);
            self.sent += 1;
        }
    }

    fn on_return(&mut self, ctx: &mut ActorCtx<'_>, returned: Publish) {
        let Ok(reply) = Reply::parse(&returned.body) else {
            return;
        };
        ctx.note(Note::Returned { label: LabelKind::Reply { id: short(&reply.msg_id) }.into() });
        if !reply.ending {
            // A heartbeat is not retried: `heartbeat()` gives up on a failed send.
            return ctx.note(Note::client(OsloNote::ReplyReturned { msg_id: reply.msg_id, retry_at: None }));
        }
        let first = *self.returned_since.entry(reply.msg_id.clone()).or_insert(ctx.now());
        let retry_at = ctx.now() + REPLY_RETRY_MS;
        if retry_at > first + self.config.transport.missing_consumer_retry_timeout_ms {
            self.returned_since.remove(&reply.msg_id);
            return ctx.note(Note::client(OsloNote::ReplyReturned { msg_id: reply.msg_id, retry_at: None }));
        }
        ctx.note(Note::client(OsloNote::ReplyReturned { msg_id: reply.msg_id, retry_at: Some(retry_at) }));
        let token = self.token();
        self.retrying.insert(token, returned);
        ctx.set_timer(REPLY_RETRY_MS, token);
    }

    /// `stop()` then `wait()`: cancels its consumers and deletes its own fanout queue (the
    /// auto-delete `topic_fanout` exchange goes with its last binding); the shared `topic`
    /// and `topic.server` queues stay. `wait()` lets the requests being dispatched finish
    /// and reply, so the connection closes when the last one is done.
    fn reconnect(&mut self, ctx: &mut ActorCtx<'_>) {
        if self.started && !self.consumers.is_empty() {
            let fanout_id = self.fanout_id.clone();
            self.listen(ctx, &fanout_id);
        }
    }

    fn stop(&mut self, ctx: &mut ActorCtx<'_>) -> SimTime {
        let consumers = std::mem::take(&mut self.consumers);
        let owned = self.fanout_queue.take().into_iter().collect();
        stop_consuming(ctx, consumers, owned);
        let last = self.in_progress.values().map(|(until, _)| *until).max().unwrap_or(ctx.now());
        last.saturating_sub(ctx.now())
    }

    fn status(&self) -> ActorStatus {
        let state = match self.in_progress.len() {
            _ if !self.started => ActorState::Idle,
            0 => ActorState::Idle,
            n => ActorState::Busy { in_progress: n as u32 },
        };
        ActorStatus { state, sent: self.sent, received: self.received, outcome: None }
    }

    fn clone_box(&self) -> Box<dyn Actor> {
        Box::new(self.clone())
    }
}

/// Whether a server with this config declares `queue` by name (its fanout queue's name is
/// random, so only `topic` and `topic.server` count).
pub fn declares_queue(config: &RpcServerConfig, queue: &str) -> bool {
    let topic = config.target.topic.as_deref().unwrap_or_default();
    let server = config.target.server.as_deref().unwrap_or_default();
    queue == topic || queue == format!("{topic}.{server}")
}
