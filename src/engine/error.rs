//! Errors the broker answers an operation with, as AMQP reply codes.
//!
//! Only operations that RabbitMQ refuses are errors. Unroutable, rejected, expired and
//! dead-lettered messages are normal outcomes and appear as events instead.

use serde::Serialize;

/// A refused operation, carrying the AMQP reply code RabbitMQ would send.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "code_name", content = "message")]
pub enum AmqpError {
    #[error("403 ACCESS_REFUSED: {0}")]
    AccessRefused(String),
    #[error("404 NOT_FOUND: {0}")]
    NotFound(String),
    #[error("405 RESOURCE_LOCKED: {0}")]
    ResourceLocked(String),
    #[error("406 PRECONDITION_FAILED: {0}")]
    PreconditionFailed(String),
    #[error("540 NOT_IMPLEMENTED: {0}")]
    NotImplemented(String),
}

impl AmqpError {
    /// The numeric AMQP reply code.
    pub fn code(&self) -> u16 {
        match self {
            AmqpError::AccessRefused(_) => 403,
            AmqpError::NotFound(_) => 404,
            AmqpError::ResourceLocked(_) => 405,
            AmqpError::PreconditionFailed(_) => 406,
            AmqpError::NotImplemented(_) => 540,
        }
    }

    /// The human part of the error, without the code.
    pub fn text(&self) -> &str {
        match self {
            AmqpError::AccessRefused(text)
            | AmqpError::NotFound(text)
            | AmqpError::ResourceLocked(text)
            | AmqpError::PreconditionFailed(text)
            | AmqpError::NotImplemented(text) => text,
        }
    }
}

/// Why RabbitMQ refused a value, read from the Erlang term that ends its reply text
/// (`{value_negative,-5}`, `"unsupported queue type 'x'"`), so that `explain` can say it in
/// plain words beside RabbitMQ's text, which stays exactly as the broker sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefusalReason {
    /// `{value_negative,N}`.
    ValueNegative(String),
    /// `{value_zero,0}` (an `x-expires` of 0).
    ValueZero,
    /// `{value_too_large,N}`: above ten years in milliseconds.
    ValueTooLarge(String),
    /// `{max_value_exceeded,N}`: an `x-max-priority` above 255.
    MaxValueExceeded(String),
    /// `"unsupported queue type 'T'"`.
    UnsupportedQueueType(String),
    /// `"expected integer, got T"`.
    NotAnInteger(String),
    /// `{unacceptable_type,T}`.
    UnacceptableType(String),
    /// `invalid_overflow`.
    InvalidOverflow,
    /// `Cannot declare a server-named queue for type T`: a queue declared without a name
    /// whose type (`rabbit_quorum_queue`, `rabbit_stream_queue`) cannot be server-named.
    ServerNamed(String),
    /// `invalid_dlx_strategy`: a quorum queue's `x-dead-letter-strategy` that is neither
    /// `at-most-once` nor `at-least-once`.
    InvalidDlxStrategy,
}

impl AmqpError {
    /// The reason at the end of a queue argument's or an expiration's refusal, if it is one
    /// `RefusalReason` knows.
    pub fn reason(&self) -> Option<RefusalReason> {
        RefusalReason::of_text(self.text())
    }
}

impl RefusalReason {
    /// The reason at the end of a refusal's text (with or without its reply code in front).
    pub fn of_text(text: &str) -> Option<RefusalReason> {
        if let Some((_, queue_type)) = text.split_once("Cannot declare a server-named queue for type ") {
            return Some(RefusalReason::ServerNamed(queue_type.to_string()));
        }
        if !(text.contains("invalid arg '") || text.contains("invalid expiration '")) {
            return None;
        }
        let term = text.rsplit_once("': ")?.1;
        let pair = |name: &str| {
            term.strip_prefix('{')?.strip_suffix('}')?.strip_prefix(name)?.strip_prefix(',').map(str::to_string)
        };
        let quoted = |prefix: &str| term.strip_prefix('"')?.strip_suffix('"')?.strip_prefix(prefix).map(str::to_string);
        if let Some(value) = pair("value_negative") {
            Some(RefusalReason::ValueNegative(value))
        } else if pair("value_zero").is_some() {
            Some(RefusalReason::ValueZero)
        } else if let Some(value) = pair("value_too_large") {
            Some(RefusalReason::ValueTooLarge(value))
        } else if let Some(value) = pair("max_value_exceeded") {
            Some(RefusalReason::MaxValueExceeded(value))
        } else if let Some(kind) = pair("unacceptable_type") {
            Some(RefusalReason::UnacceptableType(kind))
        } else if let Some(name) = quoted("unsupported queue type '") {
            Some(RefusalReason::UnsupportedQueueType(name.strip_suffix('\'')?.to_string()))
        } else if let Some(kind) = quoted("expected integer, got ") {
            Some(RefusalReason::NotAnInteger(kind))
        } else if term == "invalid_overflow" {
            Some(RefusalReason::InvalidOverflow)
        } else if term == "invalid_dlx_strategy" {
            Some(RefusalReason::InvalidDlxStrategy)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_read_from_rabbitmqs_terms() {
        let reason = |text: &str| AmqpError::PreconditionFailed(text.into()).reason();
        assert_eq!(
            reason("invalid arg 'x-max-length' for queue 'q' in vhost '/': {value_negative,-5}"),
            Some(RefusalReason::ValueNegative("-5".into()))
        );
        assert_eq!(
            reason("invalid arg 'x-queue-type' for queue 'q' in vhost '/': \"unsupported queue type 'fake'\""),
            Some(RefusalReason::UnsupportedQueueType("fake".into()))
        );
        assert_eq!(
            reason("invalid arg 'x-dead-letter-strategy' for queue 'q' in vhost '/': invalid_dlx_strategy"),
            Some(RefusalReason::InvalidDlxStrategy)
        );
        assert_eq!(
            reason("invalid expiration '315360000001': {value_too_large,315360000001}"),
            Some(RefusalReason::ValueTooLarge("315360000001".into()))
        );
        assert_eq!(
            reason("invalid arg 'x-overflow' for queue 'q' in vhost '/': invalid_overflow"),
            Some(RefusalReason::InvalidOverflow)
        );
        assert_eq!(
            reason("Cannot declare a server-named queue for type rabbit_quorum_queue"),
            Some(RefusalReason::ServerNamed("rabbit_quorum_queue".into()))
        );
        assert_eq!(reason("no queue 'q' in vhost '/'"), None);
    }
}
