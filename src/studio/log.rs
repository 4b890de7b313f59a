//! Which trace entries the event log lists: the newest ones up to the current position that
//! pass the filter (kind of entry, node, message), found by walking back from the current
//! position a bounded distance, so a long run costs no more than a short one.

use crate::engine::{BrokerEvent, PublishId};
use crate::sim::{Place, TraceEvent};
use crate::studio::run::Run;

/// A kind of trace entry, for filtering the event log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EntryKind {
    /// Messages on the wire.
    Hop,
    /// Routing decisions, queues, deliveries, acks, drops.
    Broker,
    /// What clients did and decided.
    Client,
    /// What the user did to the run on purpose.
    Intervention,
}

impl EntryKind {
    pub const ALL: [EntryKind; 4] = [EntryKind::Hop, EntryKind::Broker, EntryKind::Client, EntryKind::Intervention];

    pub fn of(event: &TraceEvent) -> EntryKind {
        match event {
            TraceEvent::Hop(_) => EntryKind::Hop,
            TraceEvent::Arrived { .. } | TraceEvent::PublishRefused { .. } | TraceEvent::Broker(_) => EntryKind::Broker,
            TraceEvent::Note { .. } => EntryKind::Client,
            TraceEvent::Intervened { .. } => EntryKind::Intervention,
        }
    }
}

/// Which entries the event log lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LogFilter {
    pub kind: Option<EntryKind>,
    pub place: Option<Place>,
    pub message: Option<PublishId>,
}

/// Most lines the log lists.
pub const LOG_LINES: usize = 120;
/// Most entries looked at to fill the log with filtered lines.
const SCAN_LIMIT: u64 = 20_000;

/// Whether an entry involves a node.
pub fn entry_involves(event: &TraceEvent, place: Place) -> bool {
    match event {
        TraceEvent::Hop(hop) => hop.from == place || hop.to == place,
        TraceEvent::Arrived { actor, .. }
        | TraceEvent::PublishRefused { actor, .. }
        | TraceEvent::Note { actor, .. } => place == Place::Actor(*actor),
        TraceEvent::Intervened { action, effect } => {
            action.actor().is_some_and(|actor| place == Place::Actor(actor))
                || matches!(effect, crate::sim::Effect::Dropped { hop } if hop.from == place || hop.to == place)
        }
        TraceEvent::Broker(event) => match event {
            BrokerEvent::Routed { exchange, route, .. } => {
                place == Place::Exchange(*exchange) || route.queues.iter().any(|queue| place == Place::Queue(*queue))
            }
            BrokerEvent::Unroutable { exchange, .. } | BrokerEvent::ExchangeDeleted { exchange } => {
                place == Place::Exchange(*exchange)
            }
            BrokerEvent::Enqueued { queue, .. }
            | BrokerEvent::Delivered { queue, .. }
            | BrokerEvent::Acked { queue, .. }
            | BrokerEvent::Requeued { queue, .. }
            | BrokerEvent::Dropped { queue, .. }
            | BrokerEvent::DeadLettered { queue, .. }
            | BrokerEvent::QueueDeleted { queue, .. } => place == Place::Queue(*queue),
        },
    }
}

/// The absolute indices of the entries the log lists, oldest first.
pub fn log_lines(run: &Run, filter: &LogFilter) -> Vec<u64> {
    log_lines_before(run, filter, run.trace_end())
}

/// [`log_lines`] as of an earlier moment: the entries before `end` (a view that refreshes
/// less often than playback moves).
pub fn log_lines_before(run: &Run, filter: &LogFilter, end: u64) -> Vec<u64> {
    let end = end.min(run.trace_end());
    if let Some(message) = filter.message {
        // A message's own entries are indexed: list them whatever their distance.
        let mine = run.entries_of.get(&message).map_or(&[][..], Vec::as_slice);
        let upto = &mine[..mine.partition_point(|idx| *idx < end)];
        let mut lines: Vec<u64> =
            upto.iter().rev().copied().filter(|idx| passes(run, *idx, filter)).take(LOG_LINES).collect();
        lines.reverse();
        return lines;
    }
    let start = end.saturating_sub(SCAN_LIMIT);
    let mut lines: Vec<u64> = (start..end).rev().filter(|idx| passes(run, *idx, filter)).take(LOG_LINES).collect();
    lines.reverse();
    lines
}

fn passes(run: &Run, idx: u64, filter: &LogFilter) -> bool {
    let Some(entry) = run.entry(idx) else { return false };
    filter.kind.is_none_or(|kind| EntryKind::of(&entry.event) == kind)
        && filter.place.is_none_or(|place| entry_involves(&entry.event, place))
        && filter.message.is_none_or(|message| entry.event.message() == Some(message))
}
