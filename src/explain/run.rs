//! Words for the run view: message kinds (legend, tokens, filters), client states and call
//! outcomes on the canvas, queue badges, playback status and the message inspector's
//! headings. Each comes from data the studio hands over.

use crate::sim::{CallOutcome, MessageKind};
use crate::studio::EntryKind;
use crate::studio::stage::{Badge, ClientState};

/// A message kind's name, as the legend and the inspector show it.
pub fn kind_name(kind: MessageKind) -> &'static str {
    match kind {
        MessageKind::Plain => "Message",
        MessageKind::Call => "RPC request (call)",
        MessageKind::Reply => "RPC reply",
        MessageKind::Cast => "Cast",
        MessageKind::FanoutCast => "Fanout cast",
        MessageKind::Notification => "Notification",
        MessageKind::DeadLettered => "Dead-lettered",
        MessageKind::Returned => "Returned (mandatory, unroutable)",
        MessageKind::Settle => "Ack or nack",
    }
}

/// The CSS-friendly slug of a kind (classes, test ids).
pub fn kind_slug(kind: MessageKind) -> &'static str {
    match kind {
        MessageKind::Plain => "plain",
        MessageKind::Call => "call",
        MessageKind::Reply => "reply",
        MessageKind::Cast => "cast",
        MessageKind::FanoutCast => "fanout-cast",
        MessageKind::Notification => "notification",
        MessageKind::DeadLettered => "dead-lettered",
        MessageKind::Returned => "returned",
        MessageKind::Settle => "settle",
    }
}

/// An event-log filter's name.
pub fn entry_kind_name(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Hop => "Messages on the wire",
        EntryKind::Broker => "Broker decisions",
        EntryKind::Client => "Client actions",
    }
}

/// What a call came back with: `add → 42` or `add raised MessagingTimeout`.
pub fn outcome(outcome: &CallOutcome) -> String {
    match outcome {
        CallOutcome::Returned { method, value } => format!("{method}() returned {value}"),
        CallOutcome::Raised { method, class, .. } => {
            let short = class.rsplit('.').next().unwrap_or(class);
            format!("{method}() raised {short}")
        }
    }
}

/// The full exception text, for a tooltip and the accessible description.
pub fn outcome_detail(outcome: &CallOutcome) -> String {
    match outcome {
        CallOutcome::Returned { method, value } => format!("{method}() returned {value}"),
        CallOutcome::Raised { method, class, message } => format!("{method}() raised {class}: {message}"),
    }
}

/// The line a node shows under its name while the run is on.
pub fn badge(badge: &Badge) -> String {
    match badge {
        Badge::Queue { ready, unacked, .. } => format!("{ready} ready · {unacked} unacked"),
        Badge::Client { state, unacked, received, sent, .. } => match state {
            ClientState::Blocked { remaining_ms, .. } => format!("blocked in call() · {remaining_ms} ms left"),
            ClientState::Busy { .. } => format!("busy · {unacked} unacked"),
            ClientState::Idle if *received > 0 || *sent == 0 => format!("idle · {received} received"),
            ClientState::Idle => format!("idle · {sent} sent"),
            ClientState::Done => format!("done · {sent} sent"),
            ClientState::Stopped => "stopped".to_string(),
        },
    }
}

/// The virtual clock.
pub fn clock(time_ms: u64) -> String {
    format!("{time_ms} ms")
}

/// Where playback is: `step 12 of 40`.
pub fn position(position: u64, end: u64, cut: bool) -> String {
    if cut { format!("step {position} of {end}+ (the run was cut there)") } else { format!("step {position} of {end}") }
}
