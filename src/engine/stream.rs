//! Stream queues (`x-queue-type: stream`) as RabbitMQ 3.10.8 serves them to AMQP 0-9-1
//! clients (`rabbit_stream_queue.erl`, `rabbit_amqqueue.erl`'s argument checks): what a
//! declaration may ask for, where a consumer starts reading (`x-stream-offset`), and the
//! refusals of what a stream does not do (`basic.get`, nack and reject, automatic
//! acknowledgement, consuming without a prefetch). The broker keeps a stream's log and its
//! readers' positions (`broker/stream.rs`); retention (`x-max-age`,
//! `x-max-length-bytes`), segments and replicas are not modelled: a stream keeps every
//! message it was given.

use crate::engine::error::AmqpError;
use crate::engine::message::SimTime;
use crate::engine::topology::{QueueSpec, check_replicated_properties, refuse_other_types_arguments};
use crate::engine::value::{FieldTable, FieldValue};

/// The header a stream adds to each message it delivers: the message's offset in the log.
pub const OFFSET_HEADER: &str = "x-stream-offset";

/// The queue arguments a stream takes (`rabbit_stream_queue:capabilities/0`), in its order,
/// which is also the order a redeclaration compares them in.
pub const STREAM_ARGUMENTS: [&str; 6] = [
    "x-max-length-bytes",
    "x-queue-type",
    "x-max-age",
    "x-stream-max-segment-size-bytes",
    "x-initial-cluster-size",
    "x-queue-leader-locator",
];

/// The largest segment a stream accepts (`?MAX_STREAM_MAX_SEGMENT_SIZE`, 3 GB).
const MAX_SEGMENT_SIZE_BYTES: i64 = 3_000_000_000;

/// Whether the arguments ask for a stream.
pub fn is_stream(arguments: &FieldTable) -> bool {
    arguments.get("x-queue-type").and_then(FieldValue::as_str) == Some("stream")
}

/// RabbitMQ 3.10.8's checks when a stream is declared, in its order and words: the values
/// of the stream's own arguments, then no argument of another queue type, then not
/// auto-delete, not exclusive, durable, and a segment size of at most 3 GB.
pub fn check_declaration(spec: &QueueSpec) -> Result<(), AmqpError> {
    let name = &spec.name;
    let invalid = |argument: &str, rabbit: String| {
        AmqpError::PreconditionFailed(format!("invalid arg '{argument}' for queue '{name}' in vhost '/': {rabbit}"))
    };
    for argument in ["x-max-length-bytes", "x-stream-max-segment-size-bytes"] {
        match spec.arguments.get(argument) {
            None => {}
            Some(FieldValue::Int(number)) if *number >= 0 => {}
            Some(FieldValue::Int(number)) => return Err(invalid(argument, format!("{{value_negative,{number}}}"))),
            Some(other) => {
                return Err(invalid(argument, format!("\"expected integer, got {}\"", other.amqp_type_name())));
            }
        }
    }
    match spec.arguments.get("x-max-age") {
        None => {}
        Some(FieldValue::Str(age)) if max_age_ms(age).is_some() => {}
        Some(FieldValue::Str(_)) => return Err(invalid("x-max-age", "invalid_max_age".into())),
        Some(other) => return Err(invalid("x-max-age", format!("{{unacceptable_type,{}}}", other.amqp_type_name()))),
    }
    refuse_other_types_arguments(spec, &STREAM_ARGUMENTS, "rabbit_stream_queue")?;
    check_replicated_properties(spec)?;
    if spec.arguments.get("x-stream-max-segment-size-bytes").and_then(FieldValue::as_int) > Some(MAX_SEGMENT_SIZE_BYTES)
    {
        return Err(AmqpError::PreconditionFailed("Exceeded max value for x-stream-max-segment-size-bytes".into()));
    }
    Ok(())
}

/// An `x-max-age` or an interval offset in milliseconds (`rabbit_amqqueue:check_max_age/1`):
/// a positive integer followed by `Y`, `M`, `D`, `h`, `m` or `s` (a year is 365 days, a
/// month 30).
pub fn max_age_ms(age: &str) -> Option<u64> {
    let digits = age.bytes().take_while(u8::is_ascii_digit).count();
    let value: u64 = age[..digits].parse().ok().filter(|value| *value > 0)?;
    let unit: u64 = match &age[digits..] {
        "Y" => 365 * 86_400_000,
        "M" => 30 * 86_400_000,
        "D" => 86_400_000,
        "h" => 3_600_000,
        "m" => 60_000,
        "s" => 1_000,
        _ => return None,
    };
    value.checked_mul(unit)
}

/// Where a stream consumer starts reading (`rabbit_stream_queue:parse_offset_arg/1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartOffset {
    /// The oldest message the stream holds.
    First,
    /// The last message written (the last chunk, which Kaiten's one-message chunks make
    /// the last message), or the next one when the stream is empty.
    Last,
    /// Only messages written from now on: the default.
    Next,
    /// This offset: a reader given one past the end waits until that offset is written
    /// (3.10.8 skips every record before it).
    Offset(u64),
    /// The first message written at or after this virtual time.
    Since(SimTime),
}

/// The consumer's `x-stream-offset` argument as a start, at virtual time `now`; RabbitMQ's
/// text when it is not one.
pub fn start_offset(queue: &str, value: Option<&FieldValue>, now: SimTime) -> Result<StartOffset, AmqpError> {
    let invalid = |rabbit: String| {
        AmqpError::PreconditionFailed(format!(
            "invalid arg '{OFFSET_HEADER}' for queue '{queue}' in vhost '/': {rabbit}"
        ))
    };
    match value {
        None => Ok(StartOffset::Next),
        Some(FieldValue::Str(text)) => match text.as_str() {
            "first" => Ok(StartOffset::First),
            "last" => Ok(StartOffset::Last),
            "next" => Ok(StartOffset::Next),
            interval => match max_age_ms(interval) {
                Some(ms) => Ok(StartOffset::Since(now.saturating_sub(ms))),
                None => Err(invalid(format!("{{invalid_stream_offset_arg,{{longstr,<<\"{interval}\">>}}}}"))),
            },
        },
        Some(FieldValue::Int(offset)) => Ok(StartOffset::Offset(u64::try_from(*offset).unwrap_or(0))),
        Some(other) => Err(invalid(format!("{{invalid_stream_offset_arg,{}}}", other.amqp_type_name()))),
    }
}

/// `basic.consume` on a stream without a prefetch (406).
pub fn prefetch_required(queue: &str) -> AmqpError {
    AmqpError::PreconditionFailed(format!("consumer prefetch count is not set for 'queue '{queue}' in vhost '/''"))
}

/// `basic.consume` on a stream with automatic acknowledgement (540).
pub fn no_ack_refused(queue: &str) -> AmqpError {
    AmqpError::NotImplemented(format!(
        "automatic acknowledgement not supported by stream queues queue '{queue}' in vhost '/'"
    ))
}

/// `basic.get` on a stream (540).
pub fn get_refused(queue: &str) -> AmqpError {
    AmqpError::NotImplemented(format!("basic.get not supported by stream queues queue '{queue}' in vhost '/'"))
}

/// `basic.nack` or `basic.reject` of a message a stream delivered (540).
pub fn settle_refused(queue: &str) -> AmqpError {
    AmqpError::NotImplemented(format!(
        "basic.nack and basic.reject not supported by stream queues queue '{queue}' in vhost '/'"
    ))
}

/// A consumer argument the queue's type does not take (406): `x-priority` on a stream,
/// `x-stream-offset` on a classic or quorum queue.
pub fn consumer_argument_refused(queue: &str, argument: &str, queue_type: &str) -> AmqpError {
    AmqpError::PreconditionFailed(format!(
        "invalid arg '{argument}' for queue '{queue}' in vhost '/' of queue type {queue_type}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(arguments: &[(&str, FieldValue)]) -> QueueSpec {
        let mut table = FieldTable::new();
        table.insert("x-queue-type".into(), FieldValue::Str("stream".into()));
        for (name, value) in arguments {
            table.insert((*name).into(), value.clone());
        }
        QueueSpec { name: "s".into(), durable: true, exclusive: false, auto_delete: false, arguments: table }
    }

    #[test]
    fn a_stream_refuses_other_queue_types_arguments_and_transient_properties() {
        assert!(check_declaration(&spec(&[("x-max-age", FieldValue::Str("7D".into()))])).is_ok());
        let ttl = check_declaration(&spec(&[("x-message-ttl", FieldValue::Int(5))])).unwrap_err();
        assert_eq!(
            ttl.text(),
            "invalid arg 'x-message-ttl' for queue 's' in vhost '/' of queue type rabbit_stream_queue"
        );
        let age = check_declaration(&spec(&[("x-max-age", FieldValue::Str("7d".into()))])).unwrap_err();
        assert_eq!(age.text(), "invalid arg 'x-max-age' for queue 's' in vhost '/': invalid_max_age");
        let transient = QueueSpec { durable: false, ..spec(&[]) };
        assert_eq!(
            check_declaration(&transient).unwrap_err().text(),
            "invalid property 'non-durable' for queue 's' in vhost '/'"
        );
    }

    #[test]
    fn offsets_read_as_rabbitmq_reads_them() {
        let at = |value: FieldValue| start_offset("s", Some(&value), 10_000);
        assert_eq!(start_offset("s", None, 0).unwrap(), StartOffset::Next);
        assert_eq!(at(FieldValue::Str("first".into())).unwrap(), StartOffset::First);
        assert_eq!(at(FieldValue::Int(3)).unwrap(), StartOffset::Offset(3));
        assert_eq!(at(FieldValue::Str("2s".into())).unwrap(), StartOffset::Since(8_000));
        assert_eq!(max_age_ms("1Y"), Some(31_536_000_000));
        assert_eq!(max_age_ms("0s"), None);
        assert!(at(FieldValue::Bool(true)).is_err());
    }
}
