//! The sequence diagram of a run, as plain data: lifelines (clients, exchanges, queues,
//! servers, reply queues) and one arrow per hop, up to the current position, the newest
//! [`ARROWS_SHOWN`] of them; plus the same as Mermaid `sequenceDiagram` text. Message
//! labels stay data ([`Label`]): the caller words them in its language.

use crate::editor::kinds::NodeKind;
use crate::engine::SortedMap;
use crate::sim::{Label, MessageKind, Place};
use crate::studio::run::{Arrow, Run};

/// Most arrows drawn: the diagram follows the newest ones.
pub const ARROWS_SHOWN: usize = 80;

#[derive(Debug, Clone, PartialEq)]
pub struct Lifeline {
    pub place: Place,
    pub name: String,
    pub kind: Option<NodeKind>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SequenceArrow {
    pub arrow: Arrow,
    pub from: usize,
    pub to: usize,
    /// The message's label; a message without one is labelled `#<publish number>`.
    pub label: Label,
    /// The arrow of the current step.
    pub current: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sequence {
    pub lifelines: Vec<Lifeline>,
    pub arrows: Vec<SequenceArrow>,
}

/// Left-to-right order of lifelines: senders, exchanges, queues, then receivers.
fn rank(kind: Option<NodeKind>) -> u8 {
    match kind {
        Some(NodeKind::Producer | NodeKind::RpcClient | NodeKind::Notifier) => 0,
        Some(NodeKind::Exchange) => 1,
        Some(NodeKind::Queue) => 2,
        Some(NodeKind::Consumer | NodeKind::RpcServer | NodeKind::Listener) => 3,
        None => 4,
    }
}

/// The diagram of `run` at its current position, with its newest `arrows` arrows (the
/// canvas shows [`ARROWS_SHOWN`]; Mermaid text takes them all).
pub fn sequence(run: &Run, arrows: usize) -> Sequence {
    let so_far = run.arrows_so_far();
    let window = &so_far[so_far.len().saturating_sub(arrows)..];
    let position = run.session.position();
    let mut first_seen: SortedMap<Place, usize> = SortedMap::new();
    for (idx, arrow) in window.iter().enumerate() {
        for place in [arrow.from, arrow.to] {
            first_seen.entry(place).or_insert(idx);
        }
    }
    let mut lifelines: Vec<Lifeline> = first_seen
        .keys()
        .map(|place| Lifeline { place: *place, name: run.name(*place), kind: run.kind(*place) })
        .collect();
    crate::engine::order::sort_by(&mut lifelines, |a, b| {
        (rank(a.kind), first_seen[&a.place]).cmp(&(rank(b.kind), first_seen[&b.place]))
    });
    let column = |place: Place| lifelines.iter().position(|line| line.place == place).unwrap_or_default();
    let arrows = window
        .iter()
        .map(|arrow| SequenceArrow {
            arrow: arrow.clone(),
            from: column(arrow.from),
            to: column(arrow.to),
            label: match run.messages.get(&arrow.message) {
                Some((_, label)) if !label.is_empty() => label.clone(),
                _ => Label::plain(format!("#{}", arrow.message.0)),
            },
            current: run.entry(arrow.entry).is_some_and(|entry| entry.step == position),
        })
        .collect();
    Sequence { lifelines, arrows }
}

/// Mermaid `sequenceDiagram` text for the diagram: participants by name, one message per
/// arrow (dotted for replies and acks), each with its virtual time and its label as
/// `words` says it.
pub fn mermaid(sequence: &Sequence, words: &dyn Fn(&Label) -> String) -> String {
    let alias = |idx: usize| format!("P{idx}");
    let mut text = String::from("sequenceDiagram\n");
    for (idx, line) in sequence.lifelines.iter().enumerate() {
        let name = line.name.replace(['"', '\n', ';', '#'], " ");
        text.push_str(&format!("    participant {} as {}\n", alias(idx), if name.is_empty() { "?" } else { &name }));
    }
    for arrow in &sequence.arrows {
        let style = match arrow.arrow.kind {
            MessageKind::Reply | MessageKind::Settle | MessageKind::Returned => "-->>",
            _ => "->>",
        };
        let label = words(&arrow.label).replace(['"', '\n', ';', '#', ':'], " ");
        text.push_str(&format!(
            "    {}{style}{}: {label} ({} ms)\n",
            alias(arrow.from),
            alias(arrow.to),
            arrow.arrow.departs
        ));
    }
    text
}
