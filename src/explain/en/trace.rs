//! The trace's words in English.

use crate::explain::keys::TraceWords;
use crate::explain::lang::English;

impl TraceWords for English {
    fn quoted(&self, name: &str) -> String {
        format!("'{name}'")
    }
    fn default_exchange(&self) -> String {
        "(default)".into()
    }
    fn a_message(&self) -> String {
        "a message".into()
    }
    fn message_number(&self, number: u64) -> String {
        format!("message #{number}")
    }

    fn label_call(&self, method: &str, id: &str) -> String {
        format!("call {method} {id}")
    }
    fn label_cast(&self, method: &str, id: &str) -> String {
        format!("cast {method} {id}")
    }
    fn label_call_request(&self, id: &str) -> String {
        format!("call request {id}")
    }
    fn label_reply(&self, id: &str) -> String {
        format!("reply to {id}")
    }
    fn label_heartbeat(&self, id: &str) -> String {
        format!("heartbeat to {id}")
    }
    fn label_notification(&self, event_type: &str, id: &str) -> String {
        format!("notification {event_type} {id}")
    }
    fn label_unreadable_message(&self) -> String {
        "message ?".into()
    }
    fn label_unreadable_reply(&self) -> String {
        "reply ?".into()
    }
    fn label_unreadable_notification(&self) -> String {
        "notification ?".into()
    }
    fn exchange_place(&self, exchange: &str) -> String {
        format!("exchange {exchange}")
    }
    fn queue_place(&self, queue: &str) -> String {
        format!("queue {queue}")
    }
    fn the_broker(&self) -> String {
        "the broker".into()
    }
    fn list_separator(&self) -> String {
        ", ".into()
    }
    fn clause_separator(&self) -> String {
        "; ".into()
    }

    fn arrived(&self, label: &str, actor: &str, exchange: &str, routing_key: &str) -> String {
        format!("{label} from {actor} reached exchange {exchange} with routing key {routing_key}")
    }
    fn publish_refused(&self, actor: &str, exchange: &str, error: &str) -> String {
        format!("the broker refused a publish from {actor} to exchange {exchange}: {error}")
    }
    fn routed(&self, exchange: &str, label: &str, queues: &str) -> String {
        format!("exchange {exchange} routed {label} to {queues}")
    }
    fn unroutable_returned(&self, label: &str, exchange: &str) -> String {
        format!(
            "{label} matched no binding of exchange {exchange} (nor of an alternate exchange): it was mandatory, so the broker returned it to the publisher (312 NO_ROUTE)"
        )
    }
    fn unroutable_dropped(&self, label: &str, exchange: &str) -> String {
        format!(
            "{label} matched no binding of exchange {exchange} (nor of an alternate exchange): it was not mandatory, so the broker dropped it silently"
        )
    }
    fn enqueued(&self, label: &str, queue: &str, ready: u64) -> String {
        format!("{label} entered queue {queue} ({ready} ready)")
    }
    fn delivered_to_consumer(&self, queue: &str, label: &str, consumer: &str, tag: u64) -> String {
        format!("queue {queue} delivered {label} to consumer {consumer} (delivery tag {tag})")
    }
    fn redelivered_to_consumer(&self, queue: &str, label: &str, consumer: &str, tag: u64) -> String {
        format!("queue {queue} delivered {label} to consumer {consumer} (delivery tag {tag}, marked redelivered)")
    }
    fn delivered_to_its_consumer(&self, queue: &str, label: &str, tag: u64) -> String {
        format!("queue {queue} delivered {label} to its consumer (delivery tag {tag})")
    }
    fn redelivered_to_its_consumer(&self, queue: &str, label: &str, tag: u64) -> String {
        format!("queue {queue} delivered {label} to its consumer (delivery tag {tag}, marked redelivered)")
    }
    fn delivered_to_get(&self, queue: &str, label: &str, tag: u64) -> String {
        format!("queue {queue} delivered {label} to a basic.get (delivery tag {tag})")
    }
    fn redelivered_to_get(&self, queue: &str, label: &str, tag: u64) -> String {
        format!("queue {queue} delivered {label} to a basic.get (delivery tag {tag}, marked redelivered)")
    }
    fn acked(&self, label: &str, queue: &str) -> String {
        format!("{label} was acknowledged; queue {queue} has forgotten it")
    }
    fn requeued(&self, label: &str, queue: &str) -> String {
        format!("{label} went back to its original place in queue {queue}, to be redelivered")
    }
    fn requeued_to_head(&self, label: &str, queue: &str) -> String {
        format!(
            "{label} went back to quorum queue {queue} ahead of the messages waiting there, to be redelivered first"
        )
    }
    fn requeued_to_tail(&self, label: &str, queue: &str) -> String {
        format!(
            "{label} went to the back of quorum queue {queue}, behind the messages waiting there: without a delivery limit, RabbitMQ 3.10.8 enqueues a requeued message again"
        )
    }
    fn dropped(&self, label: &str, queue: &str, why: &str) -> String {
        format!("{label} was dropped from queue {queue}: {why}")
    }
    fn dead_lettered(&self, label: &str, queue: &str, why: &str, exchange: &str, queues: &str) -> String {
        format!(
            "{label} left queue {queue} because {why}; it was dead-lettered through exchange {exchange} to {queues}"
        )
    }
    fn queue_gone(&self, queue: &str, why: &str) -> String {
        format!("queue {queue} is gone: {why}")
    }
    fn exchange_gone(&self, exchange: &str) -> String {
        format!("exchange {exchange} is gone: it is auto-delete and lost its last binding")
    }

    fn drop_max_length(&self) -> String {
        "the queue was full (x-overflow drop-head) and has no dead-letter exchange, so the oldest message went".into()
    }
    fn drop_expired(&self) -> String {
        "its TTL ran out at the head of the queue and the queue has no dead-letter exchange".into()
    }
    fn drop_rejected(&self) -> String {
        "it was rejected without requeue and the queue has no dead-letter exchange".into()
    }
    fn drop_reject_publish(&self) -> String {
        "the queue was full and its x-overflow is reject-publish, so it refused the message (the publisher gets a nack)"
            .into()
    }
    fn drop_dlx_missing(&self) -> String {
        "its dead-letter exchange does not exist".into()
    }
    fn drop_dlx_cycle(&self) -> String {
        "dead-lettering would send it back to a queue it already died in, and its x-death header lists no rejection before that queue's entry (a cycle, as RabbitMQ 3.10.8 reads the header)".into()
    }
    fn drop_dlx_unroutable(&self) -> String {
        "its dead-letter exchange routed it nowhere".into()
    }
    fn drop_queue_deleted(&self) -> String {
        "the queue was deleted".into()
    }
    fn drop_delivery_limit(&self) -> String {
        "it was requeued more times than the quorum queue's delivery limit and the queue has no dead-letter exchange"
            .into()
    }
    fn drop_purged(&self) -> String {
        "the queue was purged".into()
    }
    fn drop_broker_restarted(&self) -> String {
        "the broker restarted and the message was transient (delivery_mode 1), so only the queue survived".into()
    }

    fn death_rejected(&self) -> String {
        "it was rejected without requeue".into()
    }
    fn death_expired(&self) -> String {
        "its TTL ran out at the head of the queue".into()
    }
    fn death_max_length(&self) -> String {
        "the queue was over its length limit".into()
    }
    fn death_delivery_limit(&self) -> String {
        "it was requeued more times than the quorum queue's delivery limit".into()
    }

    fn deleted_explicitly(&self) -> String {
        "it was deleted".into()
    }
    fn deleted_expired(&self) -> String {
        "it was unused for its x-expires time".into()
    }
    fn deleted_auto_delete(&self) -> String {
        "its last consumer left and it is auto-delete".into()
    }
    fn deleted_owner_closed(&self) -> String {
        "the connection owning it (exclusive) closed".into()
    }
    fn deleted_broker_restarted(&self) -> String {
        "it was not durable and the broker restarted".into()
    }

    fn hop_publish(&self, from: &str, label: &str, exchange: &str, routing_key: &str, arrives: u64) -> String {
        format!(
            "{from} published {label} to exchange {exchange} with routing key {routing_key} (reaches the broker at {arrives} ms)"
        )
    }
    fn hop_deliver(&self, from: &str, label: &str, to: &str, tag: u64, arrives: u64) -> String {
        format!("{from} sent {label} to {to} (delivery tag {tag}; it arrives at {arrives} ms)")
    }
    fn hop_redeliver(&self, from: &str, label: &str, to: &str, tag: u64, arrives: u64) -> String {
        format!("{from} sent {label} to {to} (delivery tag {tag}, flagged redelivered; it arrives at {arrives} ms)")
    }
    fn hop_ack(&self, label: &str, from: &str, to: &str, arrives: u64) -> String {
        format!("the ack of {label} left {from} for {to} (it arrives at {arrives} ms)")
    }
    fn hop_nack(&self, label: &str, from: &str, to: &str, arrives: u64) -> String {
        format!("the nack of {label} left {from} for {to} (it arrives at {arrives} ms)")
    }
    fn hop_reject(&self, label: &str, from: &str, to: &str, arrives: u64) -> String {
        format!("the reject of {label} left {from} for {to} (it arrives at {arrives} ms)")
    }
    fn hop_return(&self, from: &str, label: &str, to: &str, arrives: u64) -> String {
        format!("{from} sent {label} back to {to} as unroutable (basic.return; it arrives at {arrives} ms)")
    }

    fn received(&self, actor: &str, label: &str, queue: &str) -> String {
        format!("{actor} received {label} from queue {queue}")
    }
    fn received_again(&self, actor: &str, label: &str, queue: &str) -> String {
        format!("{actor} received {label} from queue {queue} (a redelivery)")
    }
    fn processing(&self, actor: &str, label: &str, until: u64) -> String {
        format!("{actor} is processing {label} until {until} ms")
    }
    fn processing_failed(&self, actor: &str, label: &str) -> String {
        format!("{actor} failed to process {label}")
    }
    fn settled_ack(&self, actor: &str, label: &str) -> String {
        format!("{actor} acked {label}")
    }
    fn settled_nack_requeue(&self, actor: &str, label: &str) -> String {
        format!("{actor} nacked with requeue {label}")
    }
    fn settled_nack_discard(&self, actor: &str, label: &str) -> String {
        format!("{actor} nacked without requeue {label}")
    }
    fn settled_reject(&self, actor: &str, label: &str) -> String {
        format!("{actor} rejected without requeue {label}")
    }
    fn settled_reject_requeue(&self, actor: &str, label: &str) -> String {
        format!("{actor} rejected with requeue {label}")
    }
    fn got_returned(&self, actor: &str, label: &str) -> String {
        format!("{actor} got {label} back as unroutable (basic.return)")
    }
    fn operation_refused(&self, actor: &str, error: &str) -> String {
        format!("the broker refused an operation by {actor}: {error}")
    }
    fn stopped(&self, actor: &str) -> String {
        format!("{actor} stopped; nothing more comes from it")
    }
    fn stopping(&self, actor: &str, until: u64) -> String {
        format!(
            "{actor} stops gracefully: it consumes nothing more and closes its connection at {until} ms, when its work in progress is done"
        )
    }
    fn disconnected_clean(&self, actor: &str) -> String {
        format!("the broker saw {actor}'s connection close; it held no unacked messages")
    }
    fn disconnected(&self, actor: &str, unacked: u64) -> String {
        let messages = if unacked == 1 { "message" } else { "messages" };
        let them = if unacked == 1 { "it goes back to its queue" } else { "they go back to their queues" };
        format!(
            "the broker saw {actor}'s connection close with {unacked} unacked {messages}: {them}, to be redelivered flagged redelivered"
        )
    }

    fn default_exchange_no_queue(&self, routing_key: &str) -> String {
        format!("default exchange: no queue is named {routing_key}")
    }
    fn default_exchange_queue(&self, queue: &str) -> String {
        format!("default exchange: the queue named {queue} gets it")
    }
    fn binding_matched(&self, exchange: &str, binding_key: &str, destination: &str, why: &str) -> String {
        format!("{exchange} binding {binding_key} -> {destination}: matched, {why}")
    }
    fn binding_no_match(&self, exchange: &str, binding_key: &str, destination: &str, why: &str) -> String {
        format!("{exchange} binding {binding_key} -> {destination}: no match, {why}")
    }
    fn binding_to_exchange_matched(&self, exchange: &str, binding_key: &str, destination: &str, why: &str) -> String {
        format!("{exchange} binding {binding_key} -> exchange {destination}: matched, {why}")
    }
    fn binding_to_exchange_no_match(&self, exchange: &str, binding_key: &str, destination: &str, why: &str) -> String {
        format!("{exchange} binding {binding_key} -> exchange {destination}: no match, {why}")
    }
    fn no_bindings(&self, exchange: &str) -> String {
        format!("exchange {exchange} has no bindings")
    }
    fn alternate_tried(&self, exchange: &str, alternate: &str) -> String {
        format!("nothing matched at {exchange}, so its alternate exchange {alternate} was tried")
    }
    fn key_equal(&self, routing_key: &str) -> String {
        format!("the routing key {routing_key} equals the binding key")
    }
    fn key_differs(&self) -> String {
        "a direct exchange needs the routing key to equal the binding key".into()
    }
    fn fanout_copies(&self) -> String {
        "a fanout exchange copies to every binding".into()
    }
    fn topic_word_for_word(&self, routing_key: &str) -> String {
        format!("{routing_key} equals it word for word")
    }
    fn topic_fits(&self, routing_key: &str, parts: &str) -> String {
        format!("{routing_key} fits with {parts}")
    }
    fn topic_part(&self, wildcard: &str, words: &str) -> String {
        format!("{wildcard} = {words}")
    }
    fn topic_word_differs(&self, position: u64, found: &str, expected: &str) -> String {
        format!("word {position} of the routing key is {found} where the binding wants {expected}")
    }
    fn topic_word_count(&self, binding_words: u64, key_words: u64) -> String {
        let words = if binding_words == 1 { "word" } else { "words" };
        format!("the binding needs exactly {binding_words} {words} (* is one word), the routing key has {key_words}")
    }
    fn topic_cannot_line_up(&self) -> String {
        "the routing key's words cannot be lined up with the pattern (* is one word, # is zero or more)".into()
    }
    fn header_equal(&self, name: &str) -> String {
        format!("{name} equal")
    }
    fn header_present(&self, name: &str) -> String {
        format!("{name} present")
    }
    fn header_missing(&self, name: &str) -> String {
        format!("{name} missing")
    }
    fn header_different(&self, name: &str, found: &str, expected: &str) -> String {
        format!("{name} is {found} not {expected}")
    }
    fn x_match_nothing(&self, mode: &str) -> String {
        format!("x-match {mode} over no arguments")
    }
    fn x_match(&self, mode: &str, checks: &str) -> String {
        format!("x-match {mode}: {checks}")
    }
}
