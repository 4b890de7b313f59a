//! oslo.messaging on the simulator: RPC `call`, `cast` and fanout, and notifications,
//! lowered to AMQP operations exactly as oslo.messaging 18.3.1 performs them on RabbitMQ.
//!
//! The pure parts are here: [`target`] (where a message goes), [`declare`] (what each
//! piece declares), [`wire`] (envelopes and properties), [`dispatcher`] and [`failure`]
//! (which endpoint runs a request and how its exceptions travel), [`notify`]
//! (notifications and listeners). The actors that run them on the simulator are
//! [`client`], [`server`], [`notifier`] and [`listener`]; their trace notes are in
//! [`note`]. Ground truth: `tests/reference/oslo-capture.json`, a
//! recording of the real library on a real broker, and `amqp-oslo-semantics.txt` §3.
//! Random ids come from a caller-supplied [`ids::IdSource`], never from OS entropy.

pub mod actors;
pub mod client;
pub mod declare;
pub mod dispatcher;
pub mod expr;
pub mod failure;
pub mod ids;
pub mod listener;
pub mod note;
pub mod notifier;
pub mod notify;
pub mod python;
pub mod server;
pub mod target;
pub mod wire;

pub use declare::{Declaration, Plan, TransportConfig};
pub use dispatcher::{Behaviour, Endpoint, Method};
pub use failure::{CallError, Failure};
pub use ids::IdSource;
pub use note::OsloNote;
pub use notify::{Notification, NotificationEndpoint, Priority};
pub use target::{InvalidTarget, Prepare, Target};
pub use wire::{Reply, Request};
