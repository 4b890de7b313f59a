//! Quorum queues (`x-queue-type: quorum`) as a single RabbitMQ 3.10.8 node runs them
//! (`rabbit_quorum_queue.erl`, `rabbit_fifo.erl`): what a declaration may not ask for, the
//! delivery count a requeue raises, and the delivery limit past which a message is
//! dead-lettered (or dropped) instead of being requeued. The broker asks this module; the
//! rest of a quorum queue (TTL, `drop-head`, `reject-publish`, dead-lettering) is the
//! classic queue's behaviour, which the broker already has.

use crate::engine::error::AmqpError;
use crate::engine::topology::{
    CLASSIC_EQUIVALENCE_ARGUMENTS, QUORUM_EQUIVALENCE_ARGUMENTS, QueueSpec, check_replicated_properties,
    refuse_other_types_arguments,
};
use crate::engine::value::{FieldTable, FieldValue};

/// The header a quorum queue adds to a message delivered again after a requeue.
pub const DELIVERY_COUNT_HEADER: &str = "x-delivery-count";

/// Whether the arguments ask for a quorum queue.
pub fn is_quorum(arguments: &FieldTable) -> bool {
    arguments.get("x-queue-type").and_then(FieldValue::as_str) == Some("quorum")
}

/// RabbitMQ 3.10.8's checks when a queue is declared, after the arguments' values
/// (`rabbit_amqqueue:check_declare_arguments`, then `rabbit_quorum_queue:declare`), in its
/// order and words: no argument that only another queue type takes (a quorum queue's
/// priority, lazy mode or master locator, a classic queue's delivery limit or dead-letter
/// strategy, a stream's maximum age...), the first in the table's order, then for a quorum
/// queue not auto-delete, not exclusive, durable.
pub fn check_declaration(spec: &QueueSpec) -> Result<(), AmqpError> {
    if !is_quorum(&spec.arguments) {
        return refuse_other_types_arguments(spec, &CLASSIC_EQUIVALENCE_ARGUMENTS, "rabbit_classic_queue");
    }
    refuse_other_types_arguments(spec, &QUORUM_EQUIVALENCE_ARGUMENTS, "rabbit_quorum_queue")?;
    check_replicated_properties(spec)
}

/// The `x-delivery-limit` argument: a non-negative integer, else none (3.10.8 accepts any
/// value at declaration and ignores one that is not a number).
pub fn delivery_limit(arguments: &FieldTable) -> Option<u64> {
    arguments.get("x-delivery-limit").and_then(FieldValue::as_int).and_then(|limit| u64::try_from(limit).ok())
}

/// Whether a message requeued for the `delivery_count`-th time goes past the limit
/// (`rabbit_fifo`: dead-lettered once the count exceeds the limit).
pub fn past_limit(delivery_count: u64, limit: Option<u64>) -> bool {
    limit.is_some_and(|limit| delivery_count > limit)
}

/// Where a quorum `reject-publish` queue that went over `limit` accepts publishes again
/// (`rabbit_fifo`'s soft limit, 80% of the limit, rounded down).
pub fn soft_limit(limit: u64) -> u64 {
    limit.saturating_mul(4) / 5
}

/// RabbitMQ 3.10.8 refuses `basic.get` on a quorum queue with a single active consumer.
pub fn single_active_get_refusal(queue: &str) -> AmqpError {
    AmqpError::ResourceLocked(format!(
        "cannot obtain access to locked queue '{queue}' in vhost '/'. basic.get operations are not supported by \
         quorum queues with single active consumer"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quorum(name: &str) -> QueueSpec {
        let mut spec = QueueSpec::new(name);
        spec.arguments.insert("x-queue-type".into(), FieldValue::Str("quorum".into()));
        spec
    }

    fn refusal(spec: &QueueSpec) -> String {
        check_declaration(spec).unwrap_err().text().to_string()
    }

    #[test]
    fn quorum_declarations_refuse_what_rabbitmq_refuses() {
        assert!(check_declaration(&quorum("q")).is_ok());
        let mut spec = quorum("q");
        spec.durable = false;
        assert_eq!(refusal(&spec), "invalid property 'non-durable' for queue 'q' in vhost '/'");
        let mut spec = quorum("q");
        spec.auto_delete = true;
        assert_eq!(refusal(&spec), "invalid property 'auto-delete' for queue 'q' in vhost '/'");
        let mut spec = quorum("q");
        spec.exclusive = true;
        assert_eq!(refusal(&spec), "invalid property 'exclusive-owner' for queue 'q' in vhost '/'");
        for argument in [
            "x-max-priority",
            "x-queue-mode",
            "x-queue-master-locator",
            "x-queue-version",
            "x-max-age",
            "x-stream-max-segment-size-bytes",
            "x-initial-cluster-size",
        ] {
            let mut spec = quorum("q");
            spec.arguments.insert(argument.into(), FieldValue::Int(1));
            assert_eq!(
                refusal(&spec),
                format!("invalid arg '{argument}' for queue 'q' in vhost '/' of queue type rabbit_quorum_queue")
            );
        }
        let mut classic = QueueSpec::new("c");
        classic.durable = false;
        classic.arguments.insert("x-max-priority".into(), FieldValue::Int(5));
        assert!(check_declaration(&classic).is_ok(), "classic queues keep their rules");
        classic.arguments.insert("x-delivery-limit".into(), FieldValue::Int(1));
        assert_eq!(
            refusal(&classic),
            "invalid arg 'x-delivery-limit' for queue 'c' in vhost '/' of queue type rabbit_classic_queue"
        );
        for argument in [
            "x-dead-letter-strategy",
            "x-max-in-memory-length",
            "x-max-in-memory-bytes",
            "x-quorum-initial-group-size",
            "x-queue-leader-locator",
            "x-max-age",
            "x-stream-max-segment-size-bytes",
            "x-initial-cluster-size",
        ] {
            let mut classic = QueueSpec::new("c");
            classic.arguments.insert(argument.into(), FieldValue::Str("at-most-once".into()));
            assert_eq!(
                refusal(&classic),
                format!("invalid arg '{argument}' for queue 'c' in vhost '/' of queue type rabbit_classic_queue")
            );
        }
        // The first such argument in the table's order is the one named.
        let mut classic = QueueSpec::new("c");
        classic.arguments.insert("x-max-priority".into(), FieldValue::Int(1));
        classic.arguments.insert("x-delivery-limit".into(), FieldValue::Int(2));
        classic.arguments.insert("x-dead-letter-strategy".into(), FieldValue::Str("at-most-once".into()));
        assert!(refusal(&classic).starts_with("invalid arg 'x-dead-letter-strategy'"));
        let mut strategy = quorum("q");
        strategy.arguments.insert("x-dead-letter-strategy".into(), FieldValue::Str("at-least-once".into()));
        assert!(check_declaration(&strategy).is_ok());
        let mut both = quorum("q");
        both.auto_delete = true;
        both.arguments.insert("x-queue-mode".into(), FieldValue::Str("lazy".into()));
        assert!(refusal(&both).starts_with("invalid arg 'x-queue-mode'"), "arguments are checked first");
    }

    #[test]
    fn the_delivery_limit_is_passed_when_the_count_exceeds_it() {
        assert!(!past_limit(2, Some(2)));
        assert!(past_limit(3, Some(2)));
        assert!(past_limit(1, Some(0)));
        assert!(!past_limit(1_000, None));
        let mut arguments = FieldTable::new();
        arguments.insert("x-delivery-limit".into(), FieldValue::Str("a".into()));
        assert_eq!(delivery_limit(&arguments), None);
        arguments.insert("x-delivery-limit".into(), FieldValue::Int(3));
        assert_eq!(delivery_limit(&arguments), Some(3));
    }
}
