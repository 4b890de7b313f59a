//! What the oslo.messaging actors record in the trace: their decisions as data (which
//! endpoint the dispatcher chose and why the others were passed over, what a caller got
//! back, why a call failed). [`crate::explain`] turns these into sentences.

use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;

use crate::engine::SimTime;
use crate::oslo::dispatcher::EndpointCheck;
use crate::oslo::failure::CallError;
use crate::oslo::notify::{HandlerCall, NotificationResult};
use crate::sim::trace::ClientNote;

/// What an oslo publish carries.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum Sent {
    /// A `call` request, waiting for a reply with `msg_id`.
    Call {
        method: String,
        msg_id: String,
    },
    Cast {
        method: String,
        fanout: bool,
    },
    /// A reply to the call `msg_id`, carrying a result or the class of a failure.
    Reply {
        msg_id: String,
        failure: Option<String>,
    },
    Notification {
        event_type: String,
        priority: String,
    },
    /// A call-monitor heartbeat for the call `msg_id` (a reply with `ending: false`).
    Heartbeat {
        msg_id: String,
    },
}

/// The result a server's dispatch produced, in short.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum DispatchResult {
    Returned { result: Value },
    Raised { class: String, message: String },
}

/// One oslo.messaging decision or action.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "oslo", rename_all = "snake_case")]
pub enum OsloNote {
    /// The piece declared its topology and consumes from these queues.
    Listening { queues: Vec<String> },
    /// A graceful stop: the piece cancelled its consumers on `queues` and deleted the
    /// queues it owns (`deleted`).
    StoppedConsuming { queues: Vec<String>, deleted: Vec<String> },
    /// The piece could not start: its target is invalid.
    InvalidTarget { error: String },
    /// An oslo publish left the client (the body is exactly what goes on the wire).
    Published { sent: Sent, exchange: String, routing_key: String, expiration: Option<String>, body: Arc<str> },
    /// The caller is blocked in `call()` until a reply or `deadline`.
    CallBlocked { method: String, msg_id: String, target: String, timeout_ms: SimTime, deadline: SimTime },
    /// `call()` returned a result.
    CallReturned { method: String, msg_id: String, result: Value, waited_ms: SimTime },
    /// `call()` or `cast()` raised.
    CallFailed { method: String, msg_id: Option<String>, error: CallError },
    /// The server dispatched a request: each endpoint's verdict, and what came of it.
    Dispatched {
        method: String,
        namespace: Option<String>,
        version: Option<String>,
        endpoints: Vec<String>,
        checks: Vec<EndpointCheck>,
        result: DispatchResult,
        until: SimTime,
        /// Whether a reply will be sent (calls only).
        replies: bool,
    },
    /// A reply arrived for a call nobody waits for any more (it timed out).
    ReplyUnexpected { msg_id: String },
    /// A call-monitor heartbeat (`ending: false`) arrived; the caller's call monitor now
    /// runs out at `monitor_deadline` (None: the call has no monitor).
    Heartbeat { msg_id: String, monitor_deadline: Option<SimTime> },
    /// A reply came back unroutable (the reply queue is gone): retried, or given up.
    ReplyReturned { msg_id: String, retry_at: Option<SimTime> },
    /// A message whose `_unique_id` was seen among the last 16 was dropped.
    Duplicate { unique_id: String },
    /// A body oslo.messaging could not read.
    Unreadable { error: String },
    /// A listener dispatched a notification.
    NotificationDispatched {
        event_type: String,
        priority: String,
        endpoints: Vec<String>,
        unknown_priority: bool,
        calls: Vec<HandlerCall>,
        result: NotificationResult,
        requeue: bool,
        until: SimTime,
    },
}

impl ClientNote for OsloNote {
    fn to_json(&self) -> Value {
        serde_json::to_value(self).expect("oslo notes serialize")
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn same_as(&self, other: &dyn ClientNote) -> bool {
        other.as_any().downcast_ref::<OsloNote>() == Some(self)
    }
}
