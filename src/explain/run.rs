//! Words for the run view: message kinds (legend, tokens, filters), client states and call
//! outcomes on the canvas, queue badges, playback status and the message inspector's
//! headings. Each comes from data the studio hands over, in the language asked for.

use crate::engine::PublishId;
use crate::explain::lang::Lang;
use crate::explain::problems::problem;
use crate::explain::render::label_words;
use crate::formats::scenario::Diagnostic;
use crate::sim::World;
use crate::sim::{CallOutcome, Label, MessageKind};
use crate::studio::EntryKind;
use crate::studio::stage::{Badge, ClientState};
use crate::studio::text_view::RunText;

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

/// The run as text (T), in `lang`: where playback is, what the last step did, what is on the
/// wire, and what each queue and client shows.
#[derive(Debug, Clone, PartialEq)]
pub struct RunTextWords {
    pub moment: String,
    pub last: Vec<String>,
    pub wire: Vec<String>,
    pub nodes: Vec<String>,
}

pub fn run_text(lang: Lang, text: &RunText, clock_ms: u64, world: &World) -> RunTextWords {
    let words = lang.words();
    let mut describer = crate::explain::Describer::new(lang);
    for entry in text.before {
        describer.describe(entry, world);
    }
    let last = text.last_step.iter().map(|entry| describer.describe(entry, world).sentence).collect();
    let wire = text
        .wire
        .iter()
        .map(|item| {
            let hop = &item.hop;
            let message = token_name(lang, hop.kind, &message_label(lang, &hop.label, hop.message));
            words.run_text_wire_item(&message, &path_leg(lang, hop.departs, hop.arrives, &item.from, &item.to))
        })
        .collect();
    let nodes = text
        .nodes
        .iter()
        .map(|node| {
            let kind = node.kind.map(|kind| crate::explain::kinds::kind_label(lang, kind)).unwrap_or_default();
            words.run_text_node(&node.name, &kind, &badge(lang, &node.badge))
        })
        .collect();
    RunTextWords {
        moment: words.run_text_moment(&position(lang, text.position, text.end, text.cut), &clock(lang, clock_ms)),
        last,
        wire,
        nodes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::studio::text_view::run_text as text_of;
    use crate::studio::{Studio, StudioAction};

    fn words_at(lang: Lang, steps: usize) -> RunTextWords {
        let mut studio = Studio::with_builtin("rpc-call");
        for _ in 0..steps {
            studio = studio.apply(StudioAction::Step);
        }
        let run = studio.run().unwrap();
        let text = text_of(&run, studio.display_time);
        run_text(lang, &text, studio.display_time as u64, run.session.world())
    }

    #[test]
    fn the_run_as_text_reads_the_moment_the_wire_and_every_queue() {
        let start = words_at(Lang::En, 0);
        assert_eq!(start.moment, "Now: step 0 of 30, 0 ms");
        assert!(start.last.is_empty() && start.wire.is_empty());
        assert_eq!(start.nodes[0], "conductor (RPC client): idle · 0 received");
        // The conductor's call is on its way to the broker.
        let calling = words_at(Lang::En, 3);
        assert_eq!(calling.moment, "Now: step 4 of 30, 200 ms");
        assert_eq!(calling.wire, ["RPC request (call) call add 489ff253: 200 → 209 ms: conductor → nova"]);
        assert_eq!(
            calling.last.last().map(String::as_str),
            Some(
                "conductor published 'call add 489ff253' to exchange 'nova' with routing key 'compute' (reaches the \
                 broker at 209 ms)"
            )
        );
        assert_eq!(calling.nodes[0], "conductor (RPC client): blocked in call() · 5000 ms left");
        assert!(calling.nodes.contains(&"compute (Queue): 0 ready · 0 unacked".to_string()), "{:?}", calling.nodes);
        let zh = words_at(Lang::ZhCn, 3);
        assert_eq!(zh.moment, "当前：第 4 步，共 30 步，200 ms");
        assert_eq!(zh.nodes[0], "conductor（RPC 客户端）：阻塞在 call() · 剩余 5000 ms");
    }
}
