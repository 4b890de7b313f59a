//! Interventions: what a user does to a run on purpose (lose or repeat a message on the
//! wire, crash, stop, restart, pause or slow a client, cut its link, change a binding,
//! purge or delete a queue, restart the broker), each at a virtual time.
//!
//! They are inputs to the simulation like the scenario and the seed: the world schedules
//! each one at its time as one more pending event, so a run is scenario + seed +
//! interventions and replays byte for byte. What an intervention did is a trace entry
//! ([`crate::sim::TraceEvent::Intervened`]) with its [`Effect`] as data.

use serde::Serialize;

use crate::engine::broker::RestartLosses;
use crate::engine::{AmqpError, PublishId, SimTime};
use crate::sim::actor::ActorId;
use crate::sim::trace::Hop;

/// One input to a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Intervention {
    pub at: SimTime,
    pub action: InterventionAction,
}

/// One intervention more or fewer: what a fork changes in a run's inputs
/// ([`crate::sim::Session::fork`]). The intervention added or removed must be the last one
/// at its time in the run's list (as the studio adds them); an earlier one would take
/// another place among those at its time than a run built from the list gives it.
#[derive(Debug, Clone, PartialEq)]
pub enum InputChange {
    Add(Intervention),
    Remove(Intervention),
}

impl InputChange {
    /// When the change acts: nothing before it is different.
    pub fn at(&self) -> SimTime {
        match self {
            InputChange::Add(intervention) | InputChange::Remove(intervention) => intervention.at,
        }
    }
}

/// What is done. Exchanges and queues are named as AMQP names them, and looked up when the
/// intervention happens, so it can reach what clients declared during the run.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum InterventionAction {
    /// Loses a message on the wire: the hop of `message` in flight (the one going to the
    /// actor, exchange or queue named `to`, when given; else the oldest).
    DropMessage {
        message: PublishId,
        to: Option<String>,
    },
    /// Sends a publish that is in flight once more, as a client retrying it does; the copy
    /// is a new publish.
    DuplicateMessage {
        message: PublishId,
    },
    /// Kills the actor's process: its connection closes at once and the broker requeues
    /// what it had not acked.
    Crash {
        actor: ActorId,
    },
    /// Stops the actor gracefully, as oslo.messaging's `stop()` then `wait()` do.
    Stop {
        actor: ActorId,
    },
    /// Starts the actor again as a new process with a new connection (a running one is
    /// killed first); it remembers nothing.
    Restart {
        actor: ActorId,
    },
    /// Freezes the actor: nothing it is sent is handled and its timers wait.
    Pause {
        actor: ActorId,
    },
    Resume {
        actor: ActorId,
    },
    /// Work takes `factor` times as long from now on (1 is the normal pace).
    Slow {
        actor: ActorId,
        factor: u32,
    },
    /// The actor's network link is down for `ms`: what it sends, and what is sent to it,
    /// waits until the link is back.
    CutOff {
        actor: ActorId,
        ms: SimTime,
    },
    Bind {
        exchange: String,
        queue: String,
        routing_key: String,
    },
    Unbind {
        exchange: String,
        queue: String,
        routing_key: String,
    },
    PurgeQueue {
        queue: String,
    },
    DeleteQueue {
        queue: String,
    },
    /// Restarts the broker node: connections close, non-durable queues and exchanges and
    /// transient messages are lost, and every running client reconnects at once.
    RestartBroker,
}

impl InterventionAction {
    /// The actor the action is done to, if it is done to one.
    pub fn actor(&self) -> Option<ActorId> {
        match self {
            InterventionAction::Crash { actor }
            | InterventionAction::Stop { actor }
            | InterventionAction::Restart { actor }
            | InterventionAction::Pause { actor }
            | InterventionAction::Resume { actor }
            | InterventionAction::Slow { actor, .. }
            | InterventionAction::CutOff { actor, .. } => Some(*actor),
            _ => None,
        }
    }
}

/// What an intervention did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "effect", rename_all = "snake_case")]
pub enum Effect {
    /// The hop was on the wire and is gone.
    Dropped {
        hop: Box<Hop>,
    },
    /// The publish went out again as `copy`.
    Duplicated {
        copy: PublishId,
    },
    /// The process died; the broker notices when its connection's close arrives.
    Crashed,
    /// The graceful stop began (its progress follows as notes).
    Stopping,
    Restarted,
    Paused,
    /// Resumed, handling this many events that waited.
    Resumed {
        waited: u64,
    },
    Slowed {
        factor: u32,
    },
    CutOff {
        until: SimTime,
    },
    Bound,
    Unbound,
    Purged {
        messages: u64,
    },
    QueueDeleted,
    BrokerRestarted {
        losses: RestartLosses,
    },
    /// Nothing happened, and why.
    Nothing {
        why: NoEffect,
    },
}

/// Why an intervention did nothing.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum NoEffect {
    /// The message had no hop on the wire at that moment (it arrived, or never left).
    NotInFlight,
    /// Only a publish on its way to the broker can be sent again.
    NotAPublish,
    /// The actor is not running (crashed or stopped).
    NotRunning,
    AlreadyPaused,
    NotPaused,
    NoSuchQueue {
        queue: String,
    },
    NoSuchBinding,
    Refused {
        error: AmqpError,
    },
}
