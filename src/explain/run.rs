//! Words for the run view: message kinds (legend, tokens, filters), client states and call
//! outcomes on the canvas, queue badges, playback status and the message inspector's
//! headings. Each comes from data the studio hands over.

use crate::engine::PublishId;
use crate::formats::scenario::Diagnostic;
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
        EntryKind::Intervention => "Your interventions",
    }
}

/// What a call came back with: `add → 42` or `add raised MessagingTimeout`.
pub fn outcome(outcome: &CallOutcome) -> String {
    match outcome {
        CallOutcome::Returned { method, value } => format!("{method}() returned {value}"),
        CallOutcome::Raised { method, class, remote, .. } => {
            let short = class.rsplit('.').next().unwrap_or(class);
            match remote {
                Some(remote) => format!("{method}() raised {short} ({remote})"),
                None => format!("{method}() raised {short}"),
            }
        }
    }
}

/// The full exception text, for a tooltip and the accessible description.
pub fn outcome_detail(outcome: &CallOutcome) -> String {
    match outcome {
        CallOutcome::Returned { method, value } => format!("{method}() returned {value}"),
        CallOutcome::Raised { method, class, message, .. } => format!("{method}() raised {class}: {message}"),
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
            ClientState::Paused => format!("paused · {unacked} unacked"),
        },
        Badge::Gone => "gone from the broker".to_string(),
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

/// What the playback bar says when there is nothing to play.
pub fn nothing_to_play(problems: &[Diagnostic]) -> String {
    if problems.is_empty() {
        return "Draw a topology or pick a scenario to run it.".to_string();
    }
    let each: Vec<String> = problems.iter().map(problem).collect();
    format!("This cannot run: {}", each.join("; "))
}

/// One problem with a file, a link or kept work: where, then what.
pub fn problem(problem: &Diagnostic) -> String {
    if problem.path.is_empty() { problem.message.clone() } else { format!("{}: {}", problem.path, problem.message) }
}

/// A message's name where no label was given: its publish number.
pub fn message_label(label: &str, message: PublishId) -> String {
    if label.is_empty() { format!("#{}", message.0) } else { label.to_string() }
}

/// The message inspector's heading.
pub fn message_title(label: &str, message: PublishId) -> String {
    format!("Message {}", message_label(label, message))
}

/// A token's accessible name: its kind and label.
pub fn token_name(kind: MessageKind, label: &str) -> String {
    format!("{} {label}", kind_name(kind))
}

/// One leg of a message's path: `209 → 220 ms: compute → compute-host1`.
pub fn path_leg(departs: u64, arrives: u64, from: &str, to: &str) -> String {
    if arrives > departs {
        format!("{departs} → {arrives} ms: {from} → {to}")
    } else {
        format!("{departs} ms: {from} → {to}")
    }
}

/// A sequence-diagram arrow's accessible name, and the label drawn on it.
pub fn arrow_name(label: &str, from: &str, to: &str, departs: u64) -> String {
    format!("{label}: {from} → {to} at {departs} ms")
}

pub fn arrow_label(label: &str, departs: u64) -> String {
    format!("{label} ({departs} ms)")
}

/// The second line of a node the run declared.
pub fn declared_detail(builtin: bool) -> &'static str {
    if builtin { "built in" } else { "declared by the run" }
}

/// A log line's time.
pub fn log_time(time_ms: u64) -> String {
    format!("{time_ms} ms: ")
}

/// The queue-depth chart's caption.
pub fn depth_caption(max_depth: u64, now_ms: u64) -> String {
    format!("Queue depth (ready messages, up to {max_depth}) over {now_ms} ms")
}

/// A latency percentile's value.
pub fn latency_value(value: Option<u64>) -> String {
    value.map_or_else(|| "no acks yet".to_string(), |value| format!("{value} ms"))
}

/// Why the browser is not keeping the user's work.
pub fn storage_warning(reason: &str) -> String {
    format!("Your work is not being saved in this browser ({reason}). Keep this tab open, or save it to a file.")
}

/// The question "New" asks before it clears the canvas, and what it means.
pub fn new_document_question() -> (&'static str, &'static str) {
    ("Start a new topology?", "This clears the canvas. Undo (Ctrl+Z) brings the current document back.")
}

/// The name a pasted document goes by in its refusals (`pasted text: queues[0]...`).
pub fn pasted_source() -> &'static str {
    "pasted text"
}

/// The banner shown when another tab of Kaiten saved its work over this tab's.
pub fn other_tab_saved() -> &'static str {
    "Another tab saved different work. This tab stopped saving until you choose which to keep."
}

/// The play-only view's banner.
pub fn shared_banner() -> &'static str {
    "A shared scenario, play only: play and step through it, or edit a copy."
}

/// A batch of tokens' accessible name: `12 RPC request (call) messages on the wire`.
pub fn tokens_on_the_wire(kind: MessageKind, count: usize) -> String {
    format!("{count} × {} on the wire", kind_name(kind))
}
