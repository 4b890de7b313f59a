//! The deterministic discrete-event simulator: a virtual clock, a pending-event schedule
//! ordered by `(time, sequence)`, actors around the broker, a seeded RNG, the trace, and
//! sessions that step forward and back. Scenario + seed in, the same trace out, natively
//! and in wasm.

pub mod actor;
pub mod actors;
pub mod intervention;
pub mod rng;
pub mod schedule;
pub mod session;
pub mod stats;
pub mod trace;
pub mod world;

pub use actor::{Actor, ActorCtx, ActorId, ActorState, ActorStatus, CallOutcome, Settle};
pub use intervention::{Effect, InputChange, Intervention, InterventionAction, NoEffect};
pub use session::{Session, Until};
pub use trace::{
    Content, Hop, Label, LabelKind, Leg, MessageKind, Note, Place, TraceEntry, TraceEvent, Unreadable, trace_digest,
};
pub use world::{Network, World};
