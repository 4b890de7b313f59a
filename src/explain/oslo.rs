//! Sentences for the oslo.messaging actors' trace notes ([`OsloNote`]): what a caller is
//! blocked on, which endpoint the dispatcher chose and why it passed over the others, what
//! a call returned or raised, and what a listener did with a notification.

use crate::oslo::dispatcher::EndpointCheck;
use crate::oslo::note::{DispatchResult, OsloNote, Sent};
use crate::oslo::notify::{HandlerCall, HandlerResult, NotificationResult};
use crate::oslo::python::json_dumps;

fn namespace_text(namespace: &Option<String>) -> String {
    namespace.as_deref().map_or_else(|| "None".into(), |namespace| format!("'{namespace}'"))
}

fn endpoint_name(endpoints: &[String], index: usize) -> String {
    endpoints.get(index).map_or_else(|| format!("endpoint {index}"), |name| format!("{name} (endpoint {index})"))
}

fn check_text(check: &EndpointCheck, endpoints: &[String]) -> String {
    match check {
        EndpointCheck::WrongNamespace { endpoint, requested, accepted } => {
            let accepted: Vec<String> = accepted.iter().map(namespace_text).collect();
            format!(
                "{} skipped: namespace {} is not among the accepted [{}]",
                endpoint_name(endpoints, *endpoint),
                namespace_text(requested),
                accepted.join(", ")
            )
        }
        EndpointCheck::IncompatibleVersion { endpoint, requested, implemented } => format!(
            "{} skipped: version {requested} is not compatible with its {implemented} (same major, minor not above)",
            endpoint_name(endpoints, *endpoint)
        ),
        EndpointCheck::NoMethod { endpoint } => {
            format!("{} is compatible but has no such method", endpoint_name(endpoints, *endpoint))
        }
        EndpointCheck::Refused { endpoint } => format!(
            "{} has the method but the access policy refuses names starting with '_'",
            endpoint_name(endpoints, *endpoint)
        ),
        EndpointCheck::Chosen { endpoint } => {
            format!("{} runs it", endpoint_name(endpoints, *endpoint))
        }
    }
}

fn handler_text(call: &HandlerCall, endpoints: &[String]) -> String {
    match call {
        HandlerCall::Filtered { endpoint } => {
            format!("{} skipped by its filter rule", endpoint_name(endpoints, *endpoint))
        }
        HandlerCall::BadFilter { endpoint, error } => {
            format!("{} skipped: its filter rule does not compile ({error})", endpoint_name(endpoints, *endpoint))
        }
        HandlerCall::Returned { endpoint, result } => {
            let what = match result {
                HandlerResult::Handled => "returned HANDLED".to_string(),
                HandlerResult::Requeue => "returned REQUEUE".to_string(),
                HandlerResult::None => "returned None (handled)".to_string(),
                HandlerResult::Raise { class, message } => {
                    format!("raised {class}: {message} (counts as REQUEUE)")
                }
            };
            format!("{} {what}", endpoint_name(endpoints, *endpoint))
        }
    }
}

/// One sentence (with clauses) for an oslo note by `actor`.
pub fn sentence(actor: &str, note: &OsloNote) -> String {
    match note {
        OsloNote::Listening { queues } => {
            let queues: Vec<String> = queues.iter().map(|queue| format!("'{queue}'")).collect();
            format!("{actor} declared its topology and consumes from {}", queues.join(", "))
        }
        OsloNote::StoppedConsuming { queues, deleted } => {
            let quoted = |names: &[String]| names.iter().map(|name| format!("'{name}'")).collect::<Vec<_>>().join(", ");
            let cancelled = if queues.is_empty() {
                "has no consumers to cancel".to_string()
            } else {
                format!("cancelled its consumers on {}", quoted(queues))
            };
            let deleted = if deleted.is_empty() {
                String::new()
            } else {
                format!(
                    " and deleted its own queue {} (an auto-delete exchange goes with its last binding)",
                    quoted(deleted)
                )
            };
            format!("{actor} stops: it {cancelled}{deleted}")
        }
        OsloNote::InvalidTarget { error } => {
            format!("{actor} cannot start: InvalidTarget: {error}")
        }
        OsloNote::Published { sent, exchange, routing_key, expiration, .. } => {
            let exchange =
                if exchange.is_empty() { "the default exchange".to_string() } else { format!("exchange '{exchange}'") };
            let what = match sent {
                Sent::Call { method, msg_id } => format!("sent call {method} (_msg_id {msg_id})"),
                Sent::Cast { method, fanout: true } => format!("sent fanout cast {method}"),
                Sent::Cast { method, fanout: false } => format!("sent cast {method}"),
                Sent::Reply { msg_id, failure: None } => format!("sent the reply to {msg_id}"),
                Sent::Reply { msg_id, failure: Some(class) } => {
                    format!("sent the reply to {msg_id}, carrying a {class} failure")
                }
                Sent::Notification { event_type, priority } => format!("sent notification {event_type} ({priority})"),
                Sent::Heartbeat { msg_id } => {
                    format!("sent a call-monitor heartbeat for {msg_id} (the method still runs)")
                }
            };
            let ttl = expiration.as_deref().map_or_else(String::new, |ms| format!(", expiring after {ms} ms"));
            format!("{actor} {what} to {exchange} with routing key '{routing_key}'{ttl}")
        }
        OsloNote::CallBlocked { method, target, timeout_ms, deadline, .. } => format!(
            "{actor} is blocked in call {method} to {target} until the reply comes or the {timeout_ms} ms timeout passes (at {deadline} ms)"
        ),
        OsloNote::CallReturned { method, result, waited_ms, .. } => {
            format!("{actor}'s call {method} returned {} after {waited_ms} ms", json_dumps(result))
        }
        OsloNote::CallFailed { method, error, .. } => {
            let text = error.to_string();
            let first_line = text.lines().next().unwrap_or_default();
            format!("{actor}'s {method} raised {}: {first_line}", error.python_class())
        }
        OsloNote::Dispatched { method, version, endpoints, checks, result, until, replies, .. } => {
            let checks: Vec<String> = checks.iter().map(|check| check_text(check, endpoints)).collect();
            let version = version.as_deref().unwrap_or("1.0 (default)");
            let outcome = match result {
                DispatchResult::Returned { result } => format!("returns {}", json_dumps(result)),
                DispatchResult::Raised { class, message } => format!("raises {class}: {message}"),
            };
            let reply = if *replies { ", then replies" } else { " (a cast: no reply)" };
            let reasons = if checks.is_empty() { "no endpoints".to_string() } else { checks.join("; ") };
            format!("{actor} dispatches {method} version {version}: {reasons}; it {outcome} at {until} ms{reply}")
        }
        OsloNote::ReplyUnexpected { msg_id } => {
            format!("{actor} got a reply to {msg_id} but no caller waits for it any more (it timed out): dropped")
        }
        OsloNote::Heartbeat { msg_id, monitor_deadline: Some(at) } => {
            format!(
                "{actor} got a call-monitor heartbeat for {msg_id}: its call monitor restarts and runs out at {at} ms"
            )
        }
        OsloNote::Heartbeat { msg_id, monitor_deadline: None } => {
            format!("{actor} got a call-monitor heartbeat for {msg_id}")
        }
        OsloNote::ReplyReturned { msg_id, retry_at: Some(at) } => {
            format!("{actor}'s reply to {msg_id} was unroutable (no reply queue): retrying at {at} ms")
        }
        OsloNote::ReplyReturned { msg_id, retry_at: None } => {
            format!("{actor}'s reply to {msg_id} was unroutable for too long: given up")
        }
        OsloNote::Duplicate { unique_id } => {
            format!("{actor} dropped a duplicate message (_unique_id {unique_id} seen recently)")
        }
        OsloNote::Unreadable { error } => format!("{actor} could not read a message: {error}"),
        OsloNote::NotificationDispatched {
            event_type,
            priority,
            endpoints,
            unknown_priority,
            calls,
            result,
            requeue,
            until,
        } => {
            if *unknown_priority {
                return format!("{actor} got {event_type} with unknown priority '{priority}': a warning, then ack");
            }
            let calls: Vec<String> = calls.iter().map(|call| handler_text(call, endpoints)).collect();
            let calls = if calls.is_empty() { "no endpoint handles it".to_string() } else { calls.join("; ") };
            let settle = match (result, requeue) {
                (NotificationResult::Requeue, true) => "requeues it",
                (NotificationResult::Requeue, false) => "acks it anyway (requeue is not allowed)",
                (NotificationResult::Handled, _) => "acks it",
            };
            format!("{actor} dispatches {event_type} ({priority}): {calls}; at {until} ms it {settle}")
        }
    }
}
