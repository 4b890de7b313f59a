//! The RPC client actor: `call`, `cast` and `prepare` as a script of steps on one
//! transport (one reply queue, created on the first call and reused). A call publishes the
//! request with `expiration` = its timeout and blocks the caller until the reply with its
//! `_msg_id` arrives or the timeout passes (`MessagingTimeout`); a cast returns at once.
//! Client-side refusals (`InvalidTarget`, `RPCVersionCapError`) publish nothing.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::engine::SortedSet;
use crate::engine::{ConsumerId, Delivery, Publish, SimTime};
use crate::oslo::actors::{Cursor, note_received, short};
use crate::oslo::declare::{TransportConfig, publisher_declarations, reply_plan, reply_queue_name};
use crate::oslo::dispatcher::version_is_compatible;
use crate::oslo::failure::{CallError, Failure};
use crate::oslo::ids::uuid4_hex;
use crate::oslo::note::{OsloNote, Sent};
use crate::oslo::target::{Prepare, SendKind, Target, send_address};
use crate::oslo::wire::{CallFields, Reply, Request, properties};
use crate::sim::trace::{Label, LabelKind, Note, Unreadable};
use crate::sim::{Actor, ActorCtx, ActorState, ActorStatus, CallOutcome, MessageKind, Settle};

/// `call` or `cast`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RpcAction {
    Call,
    Cast,
}

/// One step of a client's script: `client.prepare(**prepare).call(ctxt, method, **args)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClientStep {
    /// Pause after the previous step finished (a call finishes when it returns or fails).
    pub after_ms: SimTime,
    pub action: RpcAction,
    pub method: String,
    pub args: Map<String, Value>,
    pub prepare: Prepare,
    /// The request context; each key travels as `_context_<key>`.
    pub context: Map<String, Value>,
    /// How many times to run this step.
    pub count: u32,
}

/// An RPC client's settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RpcClientConfig {
    pub name: String,
    pub target: Target,
    pub transport: TransportConfig,
    /// `get_rpc_client(timeout=...)` in milliseconds; else `rpc_response_timeout`.
    pub timeout_ms: Option<SimTime>,
    pub version_cap: Option<String>,
    /// Modules whose exceptions are re-raised as themselves instead of `RemoteError`.
    pub allowed_remote_exmods: Vec<String>,
    /// `TransportOptions(at_least_once=True)`: requests are mandatory, and an unroutable
    /// call fails at once with `MessageUndeliverable`.
    pub at_least_once: bool,
    /// `get_rpc_client(call_monitor_timeout=...)` in seconds: each call carries it as
    /// `_timeout`, the server sends a heartbeat every half of it while the method runs, and
    /// the call raises `MessagingTimeout` when no heartbeat (or reply) comes within it; the
    /// overall timeout still applies.
    pub call_monitor_timeout_s: Option<u64>,
    /// The name of the transport this client shares with others in one process: clients
    /// with the same name use one `reply_<id>` queue and one reply consumer (oslo.messaging
    /// has one `ReplyWaiter` per transport), made by the first of them to call, and each
    /// reply goes to the caller waiting for its `_msg_id`.
    pub shared_transport: Option<String>,
    pub start_ms: SimTime,
    pub steps: Vec<ClientStep>,
}

#[derive(Debug, Clone)]
struct Waiting {
    token: u64,
    // The call monitor: its timer token, duration and when it runs out.
    monitor: Option<Monitor>,
    method: String,
    msg_id: String,
    since: SimTime,
    deadline: SimTime,
}

#[derive(Debug, Clone)]
struct Monitor {
    token: u64,
    duration_ms: SimTime,
    deadline: SimTime,
}

/// The RPC client actor.
#[derive(Debug, Clone)]
pub struct RpcClient {
    config: RpcClientConfig,
    cursor: Cursor,
    reply_queue: Option<String>,
    // The reply consumer and its queue, once the first call made them.
    reply_consumers: Vec<(ConsumerId, String)>,
    // Exchanges this connection has declared (kombu declares each once).
    declared: SortedSet<String>,
    waiting: Option<Waiting>,
    // Invariant: larger than every timer token handed out; 0 is the "next step" timer.
    next_token: u64,
    sent: u64,
    received: u64,
    outcome: Option<CallOutcome>,
}

const NEXT_STEP: u64 = 0;

impl RpcClient {
    pub fn new(config: RpcClientConfig) -> RpcClient {
        RpcClient {
            config,
            cursor: Cursor::default(),
            reply_queue: None,
            reply_consumers: Vec::new(),
            declared: SortedSet::new(),
            waiting: None,
            next_token: 1,
            sent: 0,
            received: 0,
            outcome: None,
        }
    }

    fn schedule_next(&mut self, ctx: &mut ActorCtx<'_>) {
        if let Some(step) = self.config.steps.get(self.cursor.step) {
            ctx.set_timer(step.after_ms, NEXT_STEP);
        }
    }

    fn finish_step(&mut self, ctx: &mut ActorCtx<'_>) {
        let steps = &self.config.steps;
        self.cursor.advance(|index| steps.get(index).map_or(1, |step| step.count));
        self.schedule_next(ctx);
    }

    fn fail(&mut self, ctx: &mut ActorCtx<'_>, method: &str, msg_id: Option<String>, error: CallError) {
        let remote = match &error {
            CallError::RemoteError { exc_type, .. } => Some(exc_type.clone()),
            _ => None,
        };
        self.outcome = Some(CallOutcome::Raised {
            method: method.into(),
            class: error.python_class(),
            message: error.to_string(),
            remote,
        });
        ctx.note(Note::client(OsloNote::CallFailed { method: method.into(), msg_id, error }));
        self.finish_step(ctx);
    }

    fn run_step(&mut self, ctx: &mut ActorCtx<'_>) {
        let Some(step) = self.config.steps.get(self.cursor.step).cloned() else {
            return;
        };
        let target = self.config.target.prepared(&step.prepare);
        let kind = match step.action {
            RpcAction::Call => SendKind::Call,
            RpcAction::Cast => SendKind::Cast,
        };
        let address = match send_address(&target, kind, &self.config.transport.control_exchange) {
            Ok(address) => address,
            Err(error) => {
                return self.fail(ctx, &step.method, None, CallError::InvalidTarget(error));
            }
        };
        if let (Some(cap), Some(version)) = (&self.config.version_cap, &target.version)
            && !version_is_compatible(cap, version)
        {
            let error = CallError::RpcVersionCap { version: version.clone(), version_cap: cap.clone() };
            return self.fail(ctx, &step.method, None, error);
        }
        let topic = target.topic.clone().unwrap_or_default();
        if self.declared.insert(address.exchange.clone()) {
            let declarations = publisher_declarations(&self.config.transport, &address, &topic);
            if let Err(error) = crate::oslo::actors::declare(ctx, &declarations) {
                ctx.note(Note::Refused { error });
            }
        }
        let call = match step.action {
            RpcAction::Cast => None,
            RpcAction::Call => {
                let msg_id = uuid4_hex(ctx.rng());
                let reply_q = self.reply_queue(ctx);
                let call_monitor_timeout = step.prepare.call_monitor_timeout_s.or(self.config.call_monitor_timeout_s);
                Some(CallFields { msg_id, reply_q, call_monitor_timeout })
            }
        };
        let request = Request {
            method: step.method.clone(),
            args: step.args.clone(),
            namespace: target.namespace.clone(),
            version: target.version.clone(),
            call: call.clone(),
            unique_id: uuid4_hex(ctx.rng()),
            context: step.context.clone(),
        };
        let timeout_ms =
            step.prepare.timeout_ms.or(self.config.timeout_ms).unwrap_or(self.config.transport.rpc_response_timeout_ms);
        let expiration_ms = call.is_some().then_some(timeout_ms);
        let body: Arc<str> = Arc::from(request.body());
        let sent = match &call {
            Some(call) => Sent::Call { method: step.method.clone(), msg_id: call.msg_id.clone() },
            None => Sent::Cast { method: step.method.clone(), fanout: address.fanout },
        };
        let publish = Publish {
            exchange: address.exchange.clone(),
            routing_key: address.routing_key.clone(),
            mandatory: self.config.at_least_once,
            properties: properties(expiration_ms),
            body: body.clone(),
        };
        ctx.note(Note::client(OsloNote::Published {
            sent,
            exchange: address.exchange,
            routing_key: address.routing_key,
            expiration: publish.properties.expiration.clone(),
            body,
        }));
        let label = match &call {
            Some(call) => LabelKind::Call { method: step.method.clone(), id: short(&call.msg_id) },
            None => LabelKind::Cast { method: step.method.clone(), id: short(&request.unique_id) },
        };
        let drawn_as = match (&call, address.fanout) {
            (Some(_), _) => MessageKind::Call,
            (None, true) => MessageKind::FanoutCast,
            (None, false) => MessageKind::Cast,
        };
        ctx.publish_labeled(publish, label.into(), drawn_as);
        self.sent += 1;
        match call {
            None => self.finish_step(ctx),
            Some(call) => {
                let token = self.next_token;
                self.next_token += 1;
                ctx.note(Note::client(OsloNote::CallBlocked {
                    method: step.method.clone(),
                    msg_id: call.msg_id.clone(),
                    target: target.repr(),
                    timeout_ms,
                    deadline: ctx.now().saturating_add(timeout_ms),
                }));
                ctx.set_timer(timeout_ms, token);
                let (since, deadline) = (ctx.now(), ctx.now().saturating_add(timeout_ms));
                // `ReplyWaiter.wait` runs a second timer of call_monitor_timeout seconds,
                // restarted by each heartbeat; whichever runs out first raises.
                // Like `if call_monitor_timeout:` there, 0 means no monitor.
                let monitor = call.call_monitor_timeout.filter(|seconds| *seconds > 0).map(|seconds| {
                    let duration_ms = seconds.saturating_mul(1000);
                    Monitor {
                        token: self.monitor_timer(ctx, duration_ms),
                        duration_ms,
                        deadline: since.saturating_add(duration_ms),
                    }
                });
                self.waiting =
                    Some(Waiting { token, monitor, method: step.method, msg_id: call.msg_id, since, deadline });
            }
        }
    }

    /// Starts a call-monitor timer of `duration_ms`; returns its token.
    fn monitor_timer(&mut self, ctx: &mut ActorCtx<'_>, duration_ms: SimTime) -> u64 {
        let token = self.next_token;
        self.next_token += 1;
        ctx.set_timer(duration_ms, token);
        token
    }

    /// Declares the `reply_<reply_id>` queue and consumes from it.
    fn listen_for_replies(&mut self, ctx: &mut ActorCtx<'_>, reply_id: &str) {
        let plan = reply_plan(&self.config.transport, reply_id);
        let tag = format!("{}-replies", self.config.name);
        if let Some(consumers) = crate::oslo::actors::listen(ctx, &plan, &tag, 0) {
            self.reply_consumers = consumers;
            ctx.note(Note::client(OsloNote::Listening { queues: plan.consume.clone() }));
        }
    }

    /// The reply queue, declared and consumed on the first call (`_get_reply_q`), or the
    /// one its shared transport already has.
    fn reply_queue(&mut self, ctx: &mut ActorCtx<'_>) -> String {
        if let Some(queue) = &self.reply_queue {
            return queue.clone();
        }
        let shared_key = self.config.shared_transport.as_ref().map(|name| format!("oslo.transport.{name}.reply_q"));
        if let Some(queue) = shared_key.as_ref().and_then(|key| ctx.shared().get(key)).cloned() {
            self.reply_queue = Some(queue.clone());
            return queue;
        }
        let reply_id = uuid4_hex(ctx.rng());
        self.listen_for_replies(ctx, &reply_id);
        let queue = reply_queue_name(&reply_id);
        if let Some(key) = shared_key {
            ctx.shared().insert(key, queue.clone());
        }
        self.reply_queue = Some(queue.clone());
        queue
    }
}

impl Actor for RpcClient {
    fn name(&self) -> &str {
        &self.config.name
    }

    /// Its reply queue is declared again under the same name (the driver keeps its
    /// `reply_<id>`), so replies to calls still waiting can arrive.
    fn reconnect(&mut self, ctx: &mut ActorCtx<'_>) {
        let owned = !self.reply_consumers.is_empty();
        if let Some(reply_id) = self.reply_queue.as_deref().and_then(|queue| queue.strip_prefix("reply_"))
            && owned
        {
            let reply_id = reply_id.to_string();
            self.listen_for_replies(ctx, &reply_id);
        }
    }

    fn start(&mut self, ctx: &mut ActorCtx<'_>) {
        if let Some(first) = self.config.steps.first() {
            ctx.set_timer(self.config.start_ms.saturating_add(first.after_ms), NEXT_STEP);
        }
    }

    fn on_delivery(&mut self, ctx: &mut ActorCtx<'_>, delivery: Delivery) {
        self.received += 1;
        // The reply waiter acknowledges every reply on receipt.
        let reply = Reply::parse(&delivery.message.body);
        let reply_label = match &reply {
            Ok(reply) => LabelKind::Reply { id: short(&reply.msg_id) },
            Err(_) => LabelKind::Unreadable { of: Unreadable::Reply },
        };
        let reply_label = Label::from(reply_label);
        note_received(ctx, &delivery, reply_label.clone());
        ctx.note(Note::Settled { label: reply_label, settle: Settle::Ack });
        ctx.settle(&delivery, Settle::Ack);
        let reply = match reply {
            Ok(reply) => reply,
            Err(error) => {
                return ctx.note(Note::client(OsloNote::Unreadable { error: error.to_string() }));
            }
        };
        let waiting = self.waiting.as_ref().filter(|waiting| waiting.msg_id == reply.msg_id).cloned();
        let Some(waiting) = waiting else {
            return ctx.note(Note::client(OsloNote::ReplyUnexpected { msg_id: reply.msg_id }));
        };
        if !reply.ending {
            // A heartbeat restarts the call monitor (`call_monitor_timer.restart()`).
            let monitor = waiting.monitor.map(|monitor| {
                let token = self.monitor_timer(ctx, monitor.duration_ms);
                Monitor { token, deadline: ctx.now().saturating_add(monitor.duration_ms), ..monitor }
            });
            let monitor_deadline = monitor.as_ref().map(|monitor| monitor.deadline);
            if let Some(waiting) = &mut self.waiting {
                waiting.monitor = monitor;
            }
            return ctx.note(Note::client(OsloNote::Heartbeat { msg_id: reply.msg_id, monitor_deadline }));
        }
        self.waiting = None;
        match reply.failure.as_deref().and_then(Failure::parse) {
            Some(failure) => {
                let error = failure.deserialize(&self.config.allowed_remote_exmods);
                self.fail(ctx, &waiting.method, Some(waiting.msg_id), error);
            }
            None => {
                self.outcome = Some(CallOutcome::Returned {
                    method: waiting.method.clone(),
                    value: crate::oslo::python::json_dumps(&reply.result),
                });
                ctx.note(Note::client(OsloNote::CallReturned {
                    method: waiting.method,
                    msg_id: waiting.msg_id,
                    result: reply.result,
                    waited_ms: ctx.now() - waiting.since,
                }));
                self.finish_step(ctx);
            }
        }
    }

    fn on_timer(&mut self, ctx: &mut ActorCtx<'_>, token: u64) {
        if token == NEXT_STEP {
            return self.run_step(ctx);
        }
        let runs_out = |waiting: &mut Waiting| {
            waiting.token == token || waiting.monitor.as_ref().is_some_and(|monitor| monitor.token == token)
        };
        if let Some(waiting) = self.waiting.take_if(runs_out) {
            let error = CallError::MessagingTimeout { msg_id: waiting.msg_id.clone() };
            self.fail(ctx, &waiting.method, Some(waiting.msg_id), error);
        }
    }

    fn on_return(&mut self, ctx: &mut ActorCtx<'_>, returned: Publish) {
        let msg_id = Request::parse(&returned.body).ok().and_then(|request| request.call).map(|call| call.msg_id);
        let id = short(msg_id.as_deref().unwrap_or_default());
        ctx.note(Note::Returned { label: LabelKind::CallRequest { id }.into() });
        let Some(msg_id) = msg_id else { return };
        if let Some(waiting) = self.waiting.take_if(|waiting| waiting.msg_id == msg_id) {
            let error =
                CallError::MessageUndeliverable { exchange: returned.exchange, routing_key: returned.routing_key };
            self.fail(ctx, &waiting.method, Some(waiting.msg_id), error);
        }
    }

    /// `transport.cleanup()`: the reply waiter cancels its consumer; the reply queue stays
    /// until its `x-expires` (oslo.messaging does not delete it).
    fn stop(&mut self, ctx: &mut ActorCtx<'_>) -> SimTime {
        crate::oslo::actors::stop_consuming(ctx, std::mem::take(&mut self.reply_consumers), Vec::new());
        0
    }

    fn shared_transport(&self) -> Option<&str> {
        self.config.shared_transport.as_deref()
    }

    /// The reply waiter hands a reply to the caller waiting for its `_msg_id`.
    fn claims(&self, delivery: &Delivery) -> bool {
        let Some(waiting) = &self.waiting else { return false };
        Reply::parse(&delivery.message.body).is_ok_and(|reply| reply.msg_id == waiting.msg_id)
    }

    fn status(&self) -> ActorStatus {
        let state = match &self.waiting {
            Some(waiting) => ActorState::Blocked {
                since: waiting.since,
                waiting_for: format!("the reply to {} ({})", waiting.method, waiting.msg_id),
                deadline: waiting
                    .monitor
                    .as_ref()
                    .map_or(waiting.deadline, |monitor| monitor.deadline.min(waiting.deadline)),
            },
            None if self.cursor.step >= self.config.steps.len() => ActorState::Done,
            None => ActorState::Idle,
        };
        ActorStatus { state, sent: self.sent, received: self.received, outcome: self.outcome.clone() }
    }

    fn clone_box(&self) -> Box<dyn Actor> {
        Box::new(self.clone())
    }
}
