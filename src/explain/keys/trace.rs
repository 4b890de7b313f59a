//! The keys of the trace's words: one sentence per trace entry, the routing explanation's
//! lines (binding by binding), and the names they use.

use crate::explain::lang::words;

words! {
    /// The trace's words: what crossed the network, what the broker decided and why, what
    /// clients did.
    pub trait TraceWords {
        // Names inside sentences.
        fn quoted(&self, name: text);
        fn default_exchange(&self);
        fn a_message(&self);
        fn message_number(&self, number: number);

        // Message labels (`sim::Label`): method names, event types and ids are code words.
        // An id may be empty; the label then ends before it.
        fn label_call(&self, method: text, id: text);
        fn label_cast(&self, method: text, id: text);
        fn label_call_request(&self, id: text);
        fn label_reply(&self, id: text);
        fn label_heartbeat(&self, id: text);
        fn label_notification(&self, event_type: text, id: text);
        fn label_unreadable_message(&self);
        fn label_unreadable_reply(&self);
        fn label_unreadable_notification(&self);
        fn exchange_place(&self, exchange: text);
        fn queue_place(&self, queue: text);
        fn the_broker(&self);
        fn list_separator(&self);
        fn clause_separator(&self);

        // The broker's decisions.
        fn arrived(&self, label: text, actor: text, exchange: text, routing_key: text);
        fn publish_refused(&self, actor: text, exchange: text, error: text);
        fn routed(&self, exchange: text, label: text, queues: text);
        fn unroutable_returned(&self, label: text, exchange: text);
        fn unroutable_dropped(&self, label: text, exchange: text);
        fn enqueued(&self, label: text, queue: text, ready: number);
        fn delivered_to_consumer(&self, queue: text, label: text, consumer: text, tag: number);
        fn redelivered_to_consumer(&self, queue: text, label: text, consumer: text, tag: number);
        fn delivered_to_its_consumer(&self, queue: text, label: text, tag: number);
        fn redelivered_to_its_consumer(&self, queue: text, label: text, tag: number);
        fn delivered_to_get(&self, queue: text, label: text, tag: number);
        fn redelivered_to_get(&self, queue: text, label: text, tag: number);
        fn acked(&self, label: text, queue: text);
        fn requeued(&self, label: text, queue: text);
        fn requeued_to_head(&self, label: text, queue: text);
        fn requeued_to_tail(&self, label: text, queue: text);
        fn dropped(&self, label: text, queue: text, why: text);
        fn dead_lettered(&self, label: text, queue: text, why: text, exchange: text, queues: text);
        fn queue_gone(&self, queue: text, why: text);
        fn exchange_gone(&self, exchange: text);

        // Why a message was dropped.
        fn drop_max_length(&self);
        fn drop_expired(&self);
        fn drop_rejected(&self);
        fn drop_reject_publish(&self);
        fn drop_dlx_missing(&self);
        fn drop_dlx_cycle(&self);
        fn drop_dlx_unroutable(&self);
        fn drop_queue_deleted(&self);
        fn drop_delivery_limit(&self);
        fn drop_purged(&self);
        fn drop_broker_restarted(&self);

        // Why a message was dead-lettered.
        fn death_rejected(&self);
        fn death_expired(&self);
        fn death_max_length(&self);
        fn death_delivery_limit(&self);

        // Why a queue went.
        fn deleted_explicitly(&self);
        fn deleted_expired(&self);
        fn deleted_auto_delete(&self);
        fn deleted_owner_closed(&self);
        fn deleted_broker_restarted(&self);

        // Hops on the wire.
        fn hop_publish(&self, from: text, label: text, exchange: text, routing_key: text, arrives: number);
        fn hop_deliver(&self, from: text, label: text, to: text, tag: number, arrives: number);
        fn hop_redeliver(&self, from: text, label: text, to: text, tag: number, arrives: number);
        fn hop_ack(&self, label: text, from: text, to: text, arrives: number);
        fn hop_nack(&self, label: text, from: text, to: text, arrives: number);
        fn hop_reject(&self, label: text, from: text, to: text, arrives: number);
        fn hop_return(&self, from: text, label: text, to: text, arrives: number);

        // What clients did.
        fn received(&self, actor: text, label: text, queue: text);
        fn received_again(&self, actor: text, label: text, queue: text);
        fn processing(&self, actor: text, label: text, until: number);
        fn processing_failed(&self, actor: text, label: text);
        fn settled_ack(&self, actor: text, label: text);
        fn settled_nack_requeue(&self, actor: text, label: text);
        fn settled_nack_discard(&self, actor: text, label: text);
        fn settled_reject(&self, actor: text, label: text);
        fn settled_reject_requeue(&self, actor: text, label: text);
        fn got_returned(&self, actor: text, label: text);
        fn operation_refused(&self, actor: text, error: text);
        fn stopped(&self, actor: text);
        fn stopping(&self, actor: text, until: number);
        fn disconnected_clean(&self, actor: text);
        fn disconnected(&self, actor: text, unacked: number);

        // The routing explanation, one line per binding.
        fn default_exchange_no_queue(&self, routing_key: text);
        fn default_exchange_queue(&self, queue: text);
        fn binding_matched(&self, exchange: text, binding_key: text, destination: text, why: text);
        fn binding_no_match(&self, exchange: text, binding_key: text, destination: text, why: text);
        fn binding_to_exchange_matched(&self, exchange: text, binding_key: text, destination: text, why: text);
        fn binding_to_exchange_no_match(&self, exchange: text, binding_key: text, destination: text, why: text);
        fn no_bindings(&self, exchange: text);
        fn alternate_tried(&self, exchange: text, alternate: text);
        fn key_equal(&self, routing_key: text);
        fn key_differs(&self);
        fn fanout_copies(&self);
        fn topic_word_for_word(&self, routing_key: text);
        fn topic_fits(&self, routing_key: text, parts: text);
        fn topic_part(&self, wildcard: text, words: text);
        fn topic_word_differs(&self, position: number, found: text, expected: text);
        fn topic_word_count(&self, binding_words: number, key_words: number);
        fn topic_cannot_line_up(&self);
        fn header_equal(&self, name: text);
        fn header_present(&self, name: text);
        fn header_missing(&self, name: text);
        fn header_different(&self, name: text, found: text, expected: text);
        fn x_match_nothing(&self, mode: text);
        fn x_match(&self, mode: text, checks: text);
    }
}
