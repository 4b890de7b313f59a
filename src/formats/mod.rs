//! File formats: RabbitMQ definitions JSON, headless AMQP scripts and scenario files.
//! The serde types live here; the engine types stay free of format concerns.

pub mod definitions;
pub mod scenario;
pub mod script;

/// A problem found in a file, or something in it the simulation does not act on, with the
/// JSON path it concerns.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[error("{path}: {message}")]
pub struct Diagnostic {
    pub path: String,
    pub message: String,
}

impl Diagnostic {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic { path: path.into(), message: message.into() }
    }
}
