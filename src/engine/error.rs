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
