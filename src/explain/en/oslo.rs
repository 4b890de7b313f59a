//! The oslo.messaging notes' words in English.

use crate::explain::keys::OsloWords;
use crate::explain::lang::English;

impl OsloWords for English {
    fn endpoint_index(&self, index: u64) -> String {
        format!("endpoint {index}")
    }
    fn endpoint_named(&self, name: &str, index: u64) -> String {
        format!("{name} (endpoint {index})")
    }

    fn check_wrong_namespace(&self, endpoint: &str, requested: &str, accepted: &str) -> String {
        format!("{endpoint} skipped: namespace {requested} is not among the accepted {accepted}")
    }
    fn check_incompatible_version(&self, endpoint: &str, requested: &str, implemented: &str) -> String {
        format!(
            "{endpoint} skipped: version {requested} is not compatible with its {implemented} (same major, minor not above)"
        )
    }
    fn check_no_method(&self, endpoint: &str) -> String {
        format!("{endpoint} is compatible but has no such method")
    }
    fn check_refused(&self, endpoint: &str) -> String {
        format!("{endpoint} has the method but the access policy refuses names starting with '_'")
    }
    fn check_chosen(&self, endpoint: &str) -> String {
        format!("{endpoint} runs it")
    }

    fn handler_filtered(&self, endpoint: &str) -> String {
        format!("{endpoint} skipped by its filter rule")
    }
    fn handler_bad_filter(&self, endpoint: &str, error: &str) -> String {
        format!("{endpoint} skipped: its filter rule does not compile ({error})")
    }
    fn handler_handled(&self, endpoint: &str) -> String {
        format!("{endpoint} returned HANDLED")
    }
    fn handler_requeue(&self, endpoint: &str) -> String {
        format!("{endpoint} returned REQUEUE")
    }
    fn handler_none(&self, endpoint: &str) -> String {
        format!("{endpoint} returned None (handled)")
    }
    fn handler_raised(&self, endpoint: &str, class: &str, message: &str) -> String {
        format!("{endpoint} raised {class}: {message} (counts as REQUEUE)")
    }

    fn listening(&self, actor: &str, queues: &str) -> String {
        format!("{actor} declared its topology and consumes from {queues}")
    }
    fn stopped_cancelled(&self, actor: &str, queues: &str) -> String {
        format!("{actor} stops: it cancelled its consumers on {queues}")
    }
    fn stopped_cancelled_deleted(&self, actor: &str, queues: &str, deleted: &str) -> String {
        format!(
            "{actor} stops: it cancelled its consumers on {queues} and deleted its own queue {deleted} (an auto-delete exchange goes with its last binding)"
        )
    }
    fn stopped_no_consumers(&self, actor: &str) -> String {
        format!("{actor} stops: it has no consumers to cancel")
    }
    fn stopped_no_consumers_deleted(&self, actor: &str, deleted: &str) -> String {
        format!(
            "{actor} stops: it has no consumers to cancel and deleted its own queue {deleted} (an auto-delete exchange goes with its last binding)"
        )
    }
    fn invalid_target(&self, actor: &str, error: &str) -> String {
        format!("{actor} cannot start: InvalidTarget: {error}")
    }

    fn the_default_exchange(&self) -> String {
        "the default exchange".into()
    }
    fn sent_call(&self, method: &str, msg_id: &str) -> String {
        format!("sent call {method} (_msg_id {msg_id})")
    }
    fn sent_fanout_cast(&self, method: &str) -> String {
        format!("sent fanout cast {method}")
    }
    fn sent_cast(&self, method: &str) -> String {
        format!("sent cast {method}")
    }
    fn sent_reply(&self, msg_id: &str) -> String {
        format!("sent the reply to {msg_id}")
    }
    fn sent_failed_reply(&self, msg_id: &str, class: &str) -> String {
        format!("sent the reply to {msg_id}, carrying a {class} failure")
    }
    fn sent_notification(&self, event_type: &str, priority: &str) -> String {
        format!("sent notification {event_type} ({priority})")
    }
    fn sent_heartbeat(&self, msg_id: &str) -> String {
        format!("sent a call-monitor heartbeat for {msg_id} (the method still runs)")
    }
    fn published(&self, actor: &str, what: &str, exchange: &str, routing_key: &str) -> String {
        format!("{actor} {what} to {exchange} with routing key {routing_key}")
    }
    fn published_expiring(
        &self,
        actor: &str,
        what: &str,
        exchange: &str,
        routing_key: &str,
        expiration: &str,
    ) -> String {
        format!("{actor} {what} to {exchange} with routing key {routing_key}, expiring after {expiration} ms")
    }

    fn call_blocked(&self, actor: &str, method: &str, target: &str, timeout_ms: u64, deadline: u64) -> String {
        format!(
            "{actor} is blocked in call {method} to {target} until the reply comes or the {timeout_ms} ms timeout passes (at {deadline} ms)"
        )
    }
    fn call_returned_after(&self, actor: &str, method: &str, result: &str, waited_ms: u64) -> String {
        format!("{actor}'s call {method} returned {result} after {waited_ms} ms")
    }
    fn call_failed(&self, actor: &str, method: &str, class: &str, message: &str) -> String {
        format!("{actor}'s {method} raised {class}: {message}")
    }

    fn version_default(&self) -> String {
        "1.0 (default)".into()
    }
    fn no_endpoints(&self) -> String {
        "no endpoints".into()
    }
    fn outcome_returns(&self, result: &str) -> String {
        format!("returns {result}")
    }
    fn outcome_raises(&self, class: &str, message: &str) -> String {
        format!("raises {class}: {message}")
    }
    fn dispatched_then_reply(
        &self,
        actor: &str,
        method: &str,
        version: &str,
        reasons: &str,
        outcome: &str,
        until: u64,
    ) -> String {
        format!("{actor} dispatches {method} version {version}: {reasons}; it {outcome} at {until} ms, then replies")
    }
    fn dispatched_cast(
        &self,
        actor: &str,
        method: &str,
        version: &str,
        reasons: &str,
        outcome: &str,
        until: u64,
    ) -> String {
        format!(
            "{actor} dispatches {method} version {version}: {reasons}; it {outcome} at {until} ms (a cast: no reply)"
        )
    }

    fn reply_unexpected(&self, actor: &str, msg_id: &str) -> String {
        format!("{actor} got a reply to {msg_id} but no caller waits for it any more (it timed out): dropped")
    }
    fn heartbeat_restarts_monitor(&self, actor: &str, msg_id: &str, at: u64) -> String {
        format!("{actor} got a call-monitor heartbeat for {msg_id}: its call monitor restarts and runs out at {at} ms")
    }
    fn heartbeat(&self, actor: &str, msg_id: &str) -> String {
        format!("{actor} got a call-monitor heartbeat for {msg_id}")
    }
    fn reply_retrying(&self, actor: &str, msg_id: &str, at: u64) -> String {
        format!("{actor}'s reply to {msg_id} was unroutable (no reply queue): retrying at {at} ms")
    }
    fn reply_given_up(&self, actor: &str, msg_id: &str) -> String {
        format!("{actor}'s reply to {msg_id} was unroutable for too long: given up")
    }
    fn duplicate(&self, actor: &str, unique_id: &str) -> String {
        format!("{actor} dropped a duplicate message (_unique_id {unique_id} seen recently)")
    }
    fn unreadable(&self, actor: &str, error: &str) -> String {
        format!("{actor} could not read a message: {error}")
    }

    fn unknown_priority(&self, actor: &str, event_type: &str, priority: &str) -> String {
        format!("{actor} got {event_type} with unknown priority '{priority}': a warning, then ack")
    }
    fn no_endpoint_handles(&self) -> String {
        "no endpoint handles it".into()
    }
    fn notification_requeued(&self, actor: &str, event_type: &str, priority: &str, calls: &str, until: u64) -> String {
        format!("{actor} dispatches {event_type} ({priority}): {calls}; at {until} ms it requeues it")
    }
    fn notification_acked_anyway(
        &self,
        actor: &str,
        event_type: &str,
        priority: &str,
        calls: &str,
        until: u64,
    ) -> String {
        format!(
            "{actor} dispatches {event_type} ({priority}): {calls}; at {until} ms it acks it anyway (requeue is not allowed)"
        )
    }
    fn notification_acked(&self, actor: &str, event_type: &str, priority: &str, calls: &str, until: u64) -> String {
        format!("{actor} dispatches {event_type} ({priority}): {calls}; at {until} ms it acks it")
    }
}
