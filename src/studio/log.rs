//! Which trace entries the event log lists: the newest ones up to the current position that
//! pass the filter (kind of entry, node, message), found by walking back from the current
//! position a bounded distance, so a long run costs no more than a short one.

use crate::engine::{BrokerEvent, PublishId};
use crate::sim::{Place, TraceEvent};
use crate::studio::run::Run;
use crate::studio::{EntryKind, LogFilter};

/// Most lines the log lists.
pub const LOG_LINES: usize = 120;
/// Most entries looked at to fill the log with filtered lines.
const SCAN_LIMIT: u64 = 20_000;

/// The message an entry is about, if any.
pub fn entry_message(event: &TraceEvent) -> Option<PublishId> {
    match event {
        TraceEvent::Hop(hop) => Some(hop.message),
        TraceEvent::Arrived { publish, .. } => Some(*publish),
        TraceEvent::Broker(
            BrokerEvent::Routed { publish, .. }
            | BrokerEvent::Unroutable { publish, .. }
            | BrokerEvent::Enqueued { publish, .. }
            | BrokerEvent::Delivered { publish, .. }
            | BrokerEvent::Acked { publish, .. }
            | BrokerEvent::Requeued { publish, .. }
            | BrokerEvent::Dropped { publish, .. }
            | BrokerEvent::DeadLettered { publish, .. },
        ) => Some(*publish),
        TraceEvent::Intervened { effect: crate::sim::Effect::Dropped { hop }, .. } => Some(hop.message),
        TraceEvent::Intervened { action: crate::sim::InterventionAction::DuplicateMessage { message }, .. } => {
            Some(*message)
        }
        _ => None,
    }
}

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
        && filter.message.is_none_or(|message| entry_message(&entry.event) == Some(message))
}
