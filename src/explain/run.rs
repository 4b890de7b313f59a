//! Words for the run view: message kinds (legend, tokens, filters), client states and call
//! outcomes on the canvas, queue badges, playback status and the message inspector's
//! headings. Each comes from data the studio hands over, in the language asked for.

use crate::engine::PublishId;
use crate::explain::lang::Lang;
use crate::explain::problems::problem;
use crate::explain::render::label_words;
use crate::formats::scenario::Diagnostic;
use crate::sim::{CallOutcome, Label, MessageKind};
use crate::studio::EntryKind;
use crate::studio::stage::{Badge, ClientState};

/// A message kind's name, as the legend and the inspector show it.
pub fn kind_name(lang: Lang, kind: MessageKind) -> String {
    let words = lang.words();
    match kind {
        MessageKind::Plain => words.kind_plain(),
        MessageKind::Call => words.kind_call(),
        MessageKind::Reply => words.kind_reply(),
        MessageKind::Cast => words.kind_cast(),
        MessageKind::FanoutCast => words.kind_fanout_cast(),
        MessageKind::Notification => words.kind_notification(),
        MessageKind::DeadLettered => words.kind_dead_lettered(),
        MessageKind::Returned => words.kind_returned(),
        MessageKind::Settle => words.kind_settle(),
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
pub fn entry_kind_name(lang: Lang, kind: EntryKind) -> String {
    let words = lang.words();
    match kind {
        EntryKind::Hop => words.entries_on_the_wire(),
        EntryKind::Broker => words.entries_broker(),
        EntryKind::Client => words.entries_clients(),
        EntryKind::Intervention => words.entries_interventions(),
    }
}

/// What a call came back with: `add() returned 42` or `add() raised MessagingTimeout`.
pub fn outcome(lang: Lang, outcome: &CallOutcome) -> String {
    let words = lang.words();
    match outcome {
        CallOutcome::Returned { method, value } => words.call_returned(method, value),
        CallOutcome::Raised { method, class, remote, .. } => {
            let short = class.rsplit('.').next().unwrap_or(class);
            match remote {
                Some(remote) => words.call_raised_remote(method, short, remote),
                None => words.call_raised(method, short),
            }
        }
    }
}

/// The full exception text, for a tooltip and the accessible description.
pub fn outcome_detail(lang: Lang, outcome: &CallOutcome) -> String {
    let words = lang.words();
    match outcome {
        CallOutcome::Returned { method, value } => words.call_returned(method, value),
        CallOutcome::Raised { method, class, message, .. } => words.call_raised_detail(method, class, message),
    }
}

/// The line a node shows under its name while the run is on.
pub fn badge(lang: Lang, badge: &Badge) -> String {
    let words = lang.words();
    match badge {
        Badge::Queue { ready, unacked, .. } => words.queue_badge(*ready as u64, *unacked as u64),
        Badge::Client { state, unacked, received, sent, .. } => match state {
            ClientState::Blocked { remaining_ms, .. } => words.client_blocked(*remaining_ms),
            ClientState::Busy { .. } => words.client_busy(*unacked),
            ClientState::Idle if *received > 0 || *sent == 0 => words.client_idle_received(*received),
            ClientState::Idle => words.client_idle_sent(*sent),
            ClientState::Done => words.client_done(*sent),
            ClientState::Stopped => words.client_stopped(),
            ClientState::Paused => words.client_paused(*unacked),
        },
        Badge::Gone => words.gone_from_the_broker(),
    }
}

/// The virtual clock.
pub fn clock(lang: Lang, time_ms: u64) -> String {
    lang.words().clock(time_ms)
}

/// Where playback is: `step 12 of 40`.
pub fn position(lang: Lang, position: u64, end: u64, cut: bool) -> String {
    let words = lang.words();
    if cut { words.position_cut(position, end) } else { words.position(position, end) }
}

/// What the playback bar says when there is nothing to play.
pub fn nothing_to_play(lang: Lang, problems: &[Diagnostic]) -> String {
    let words = lang.words();
    if problems.is_empty() {
        return words.nothing_to_play();
    }
    let each: Vec<String> = problems.iter().map(|each| problem(lang, each)).collect();
    words.cannot_run(&each.join("; "))
}

/// A message's label in `lang`, or its publish number where it has none.
pub fn message_label(lang: Lang, label: &Label, message: PublishId) -> String {
    if label.is_empty() { format!("#{}", message.0) } else { label_words(lang.words(), label) }
}

/// The message inspector's heading.
pub fn message_title(lang: Lang, label: &Label, message: PublishId) -> String {
    lang.words().message_title(&message_label(lang, label, message))
}

/// A token's accessible name: its kind and label.
pub fn token_name(lang: Lang, kind: MessageKind, label: &str) -> String {
    lang.words().token_name(&kind_name(lang, kind), label)
}

/// One leg of a message's path: `209 → 220 ms: compute → compute-host1`.
pub fn path_leg(lang: Lang, departs: u64, arrives: u64, from: &str, to: &str) -> String {
    let words = lang.words();
    if arrives > departs {
        words.path_leg(departs, arrives, from, to)
    } else {
        words.path_leg_instant(departs, from, to)
    }
}

/// The second line of a node the run declared.
pub fn declared_detail(lang: Lang, builtin: bool) -> String {
    let words = lang.words();
    if builtin { words.built_in() } else { words.declared_by_the_run() }
}

/// A latency percentile's value.
pub fn latency_value(lang: Lang, value: Option<u64>) -> String {
    let words = lang.words();
    value.map_or_else(|| words.no_acks_yet(), |value| words.latency_value_ms(value))
}

/// A batch of tokens' accessible name: `12 × RPC request (call) on the wire`.
pub fn tokens_on_the_wire(lang: Lang, kind: MessageKind, count: usize) -> String {
    lang.words().tokens_on_the_wire(count as u64, &kind_name(lang, kind))
}
