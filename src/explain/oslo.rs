//! Sentences for the oslo.messaging actors' trace notes ([`OsloNote`]): what a caller is
//! blocked on, which endpoint the dispatcher chose and why it passed over the others, what
//! a call returned or raised, and what a listener did with a notification. The words are
//! the catalogue's ([`OsloWords`](crate::explain::keys::OsloWords)).

use crate::explain::lang::Catalogue;
use crate::oslo::dispatcher::EndpointCheck;
use crate::oslo::note::{DispatchResult, OsloNote, Sent};
use crate::oslo::notify::{HandlerCall, HandlerResult, NotificationResult};
use crate::oslo::python::json_dumps;

/// A namespace as Python prints it (a code word in every language).
fn namespace_text(namespace: &Option<String>) -> String {
    namespace.as_deref().map_or_else(|| "None".into(), |namespace| format!("'{namespace}'"))
}

fn endpoint_name(w: &dyn Catalogue, endpoints: &[String], index: usize) -> String {
    let number = index as u64;
    endpoints.get(index).map_or_else(|| w.endpoint_index(number), |name| w.endpoint_named(name, number))
}

fn check_text(w: &dyn Catalogue, check: &EndpointCheck, endpoints: &[String]) -> String {
    match check {
        EndpointCheck::WrongNamespace { endpoint, requested, accepted } => {
            let accepted: Vec<String> = accepted.iter().map(namespace_text).collect();
            w.check_wrong_namespace(
                &endpoint_name(w, endpoints, *endpoint),
                &namespace_text(requested),
                &format!("[{}]", accepted.join(", ")),
            )
        }
        EndpointCheck::IncompatibleVersion { endpoint, requested, implemented } => {
            w.check_incompatible_version(&endpoint_name(w, endpoints, *endpoint), requested, implemented)
        }
        EndpointCheck::NoMethod { endpoint } => w.check_no_method(&endpoint_name(w, endpoints, *endpoint)),
        EndpointCheck::Refused { endpoint } => w.check_refused(&endpoint_name(w, endpoints, *endpoint)),
        EndpointCheck::Chosen { endpoint } => w.check_chosen(&endpoint_name(w, endpoints, *endpoint)),
    }
}

fn handler_text(w: &dyn Catalogue, call: &HandlerCall, endpoints: &[String]) -> String {
    match call {
        HandlerCall::Filtered { endpoint } => w.handler_filtered(&endpoint_name(w, endpoints, *endpoint)),
        HandlerCall::BadFilter { endpoint, error } => {
            w.handler_bad_filter(&endpoint_name(w, endpoints, *endpoint), error)
        }
        HandlerCall::Returned { endpoint, result } => {
            let endpoint = endpoint_name(w, endpoints, *endpoint);
            match result {
                HandlerResult::Handled => w.handler_handled(&endpoint),
                HandlerResult::Requeue => w.handler_requeue(&endpoint),
                HandlerResult::None => w.handler_none(&endpoint),
                HandlerResult::Raise { class, message } => w.handler_raised(&endpoint, class, message),
            }
        }
    }
}

fn sent_text(w: &dyn Catalogue, sent: &Sent) -> String {
    match sent {
        Sent::Call { method, msg_id } => w.sent_call(method, msg_id),
        Sent::Cast { method, fanout: true } => w.sent_fanout_cast(method),
        Sent::Cast { method, fanout: false } => w.sent_cast(method),
        Sent::Reply { msg_id, failure: None } => w.sent_reply(msg_id),
        Sent::Reply { msg_id, failure: Some(class) } => w.sent_failed_reply(msg_id, class),
        Sent::Notification { event_type, priority } => w.sent_notification(event_type, priority),
        Sent::Heartbeat { msg_id } => w.sent_heartbeat(msg_id),
    }
}

/// One sentence (with clauses) for an oslo note by `actor`, in `w`'s language.
pub fn sentence(w: &dyn Catalogue, actor: &str, note: &OsloNote) -> String {
    match note {
        OsloNote::Listening { queues } => w.listening(actor, &w.quoted_list(queues)),
        OsloNote::StoppedConsuming { queues, deleted } => match (queues.is_empty(), deleted.is_empty()) {
            (false, true) => w.stopped_cancelled(actor, &w.quoted_list(queues)),
            (false, false) => w.stopped_cancelled_deleted(actor, &w.quoted_list(queues), &w.quoted_list(deleted)),
            (true, true) => w.stopped_no_consumers(actor),
            (true, false) => w.stopped_no_consumers_deleted(actor, &w.quoted_list(deleted)),
        },
        OsloNote::InvalidTarget { error } => w.invalid_target(actor, error),
        OsloNote::Published { sent, exchange, routing_key, expiration, .. } => {
            let exchange =
                if exchange.is_empty() { w.the_default_exchange() } else { w.exchange_place(&w.quoted(exchange)) };
            let what = sent_text(w, sent);
            let routing_key = w.quoted(routing_key);
            match expiration {
                Some(ms) => w.published_expiring(actor, &what, &exchange, &routing_key, ms),
                None => w.published(actor, &what, &exchange, &routing_key),
            }
        }
        OsloNote::CallBlocked { method, target, timeout_ms, deadline, .. } => {
            w.call_blocked(actor, method, target, *timeout_ms, *deadline)
        }
        OsloNote::CallReturned { method, result, waited_ms, .. } => {
            w.call_returned_after(actor, method, &json_dumps(result), *waited_ms)
        }
        OsloNote::CallFailed { method, error, .. } => {
            let text = error.to_string();
            let first_line = text.lines().next().unwrap_or_default();
            w.call_failed(actor, method, &error.python_class(), first_line)
        }
        OsloNote::Dispatched { method, version, endpoints, checks, result, until, replies, .. } => {
            let checks: Vec<String> = checks.iter().map(|check| check_text(w, check, endpoints)).collect();
            let version = version.clone().unwrap_or_else(|| w.version_default());
            let outcome = match result {
                DispatchResult::Returned { result } => w.outcome_returns(&json_dumps(result)),
                DispatchResult::Raised { class, message } => w.outcome_raises(class, message),
            };
            let reasons = if checks.is_empty() { w.no_endpoints() } else { checks.join(&w.clause_separator()) };
            if *replies {
                w.dispatched_then_reply(actor, method, &version, &reasons, &outcome, *until)
            } else {
                w.dispatched_cast(actor, method, &version, &reasons, &outcome, *until)
            }
        }
        OsloNote::ReplyUnexpected { msg_id } => w.reply_unexpected(actor, msg_id),
        OsloNote::Heartbeat { msg_id, monitor_deadline: Some(at) } => w.heartbeat_restarts_monitor(actor, msg_id, *at),
        OsloNote::Heartbeat { msg_id, monitor_deadline: None } => w.heartbeat(actor, msg_id),
        OsloNote::ReplyReturned { msg_id, retry_at: Some(at) } => w.reply_retrying(actor, msg_id, *at),
        OsloNote::ReplyReturned { msg_id, retry_at: None } => w.reply_given_up(actor, msg_id),
        OsloNote::Duplicate { unique_id } => w.duplicate(actor, unique_id),
        OsloNote::Unreadable { error } => w.unreadable(actor, error),
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
                return w.unknown_priority(actor, event_type, priority);
            }
            let calls: Vec<String> = calls.iter().map(|call| handler_text(w, call, endpoints)).collect();
            let calls = if calls.is_empty() { w.no_endpoint_handles() } else { calls.join(&w.clause_separator()) };
            match (result, requeue) {
                (NotificationResult::Requeue, true) => {
                    w.notification_requeued(actor, event_type, priority, &calls, *until)
                }
                (NotificationResult::Requeue, false) => {
                    w.notification_acked_anyway(actor, event_type, priority, &calls, *until)
                }
                (NotificationResult::Handled, _) => w.notification_acked(actor, event_type, priority, &calls, *until),
            }
        }
    }
}
