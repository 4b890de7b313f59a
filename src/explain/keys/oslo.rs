//! The keys of the oslo.messaging actors' words: what a caller is blocked on, which
//! endpoint the dispatcher chose and why it passed over the others, what a call returned
//! or raised, and what a listener did with a notification. Python class and method names,
//! targets, `_msg_id`s and JSON values are arguments: code words every language keeps.

use crate::explain::lang::words;

words! {
    /// The oslo.messaging notes' words.
    pub trait OsloWords {
        // Endpoints, by name and index.
        fn endpoint_index(&self, index: number);
        fn endpoint_named(&self, name: text, index: number);

        // Why the dispatcher passed over an endpoint, or chose it.
        fn check_wrong_namespace(&self, endpoint: text, requested: text, accepted: text);
        fn check_incompatible_version(&self, endpoint: text, requested: text, implemented: text);
        fn check_no_method(&self, endpoint: text);
        fn check_refused(&self, endpoint: text);
        fn check_chosen(&self, endpoint: text);

        // What a notification endpoint did.
        fn handler_filtered(&self, endpoint: text);
        fn handler_bad_filter(&self, endpoint: text, error: text);
        fn handler_handled(&self, endpoint: text);
        fn handler_requeue(&self, endpoint: text);
        fn handler_none(&self, endpoint: text);
        fn handler_raised(&self, endpoint: text, class: text, message: text);

        // Starting and stopping.
        fn listening(&self, actor: text, queues: text);
        fn stopped_cancelled(&self, actor: text, queues: text);
        fn stopped_cancelled_deleted(&self, actor: text, queues: text, deleted: text);
        fn stopped_no_consumers(&self, actor: text);
        fn stopped_no_consumers_deleted(&self, actor: text, deleted: text);
        fn invalid_target(&self, actor: text, error: text);

        // What was published, where.
        fn the_default_exchange(&self);
        fn sent_call(&self, method: text, msg_id: text);
        fn sent_fanout_cast(&self, method: text);
        fn sent_cast(&self, method: text);
        fn sent_reply(&self, msg_id: text);
        fn sent_failed_reply(&self, msg_id: text, class: text);
        fn sent_notification(&self, event_type: text, priority: text);
        fn sent_heartbeat(&self, msg_id: text);
        fn published(&self, actor: text, what: text, exchange: text, routing_key: text);
        fn published_expiring(&self, actor: text, what: text, exchange: text, routing_key: text, expiration: text);

        // Calls.
        fn call_blocked(&self, actor: text, method: text, target: text, timeout_ms: number, deadline: number);
        fn call_returned_after(&self, actor: text, method: text, result: text, waited_ms: number);
        fn call_failed(&self, actor: text, method: text, class: text, message: text);

        // The dispatcher.
        fn version_default(&self);
        fn no_endpoints(&self);
        fn outcome_returns(&self, result: text);
        fn outcome_raises(&self, class: text, message: text);
        fn dispatched_then_reply(&self, actor: text, method: text, version: text, reasons: text, outcome: text, until: number);
        fn dispatched_cast(&self, actor: text, method: text, version: text, reasons: text, outcome: text, until: number);

        // Replies and heartbeats.
        fn reply_unexpected(&self, actor: text, msg_id: text);
        fn heartbeat_restarts_monitor(&self, actor: text, msg_id: text, at: number);
        fn heartbeat(&self, actor: text, msg_id: text);
        fn reply_retrying(&self, actor: text, msg_id: text, at: number);
        fn reply_given_up(&self, actor: text, msg_id: text);
        fn duplicate(&self, actor: text, unique_id: text);
        fn unreadable(&self, actor: text, error: text);

        // Notifications.
        fn unknown_priority(&self, actor: text, event_type: text, priority: text);
        fn no_endpoint_handles(&self);
        fn notification_requeued(&self, actor: text, event_type: text, priority: text, calls: text, until: number);
        fn notification_acked_anyway(&self, actor: text, event_type: text, priority: text, calls: text, until: number);
        fn notification_acked(&self, actor: text, event_type: text, priority: text, calls: text, until: number);
    }
}
