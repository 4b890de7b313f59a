//! File formats: RabbitMQ definitions JSON, headless AMQP scripts and scenario files.
//! The serde types live here; the engine types stay free of format concerns.

pub mod definitions;
pub mod scenario;
pub mod script;
