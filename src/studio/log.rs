//! Which trace entries the event log lists: the newest ones up to the current position that
//! pass the filter (kind of entry, node, message), found by walking back from the current
//! position a bounded distance, so a long run costs no more than a short one.

use crate::engine::{BrokerEvent, PublishId};
use crate::sim::{Place, TraceEvent};
use crate::studio::run::Run;
use crate::studio::{EntryKind, LogFilter};

/// Most lines the log lists.
pub const LOG_LINES: usize = 300;
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
    let end = run.trace_end();
    let start = end.saturating_sub(SCAN_LIMIT).max(run.session.trace_dropped());
    let mut lines: Vec<u64> = (start..end)
        .rev()
        .filter(|idx| {
            let Some(entry) = run.entry(*idx) else { return false };
            filter.kind.is_none_or(|kind| EntryKind::of(&entry.event) == kind)
                && filter.place.is_none_or(|place| entry_involves(&entry.event, place))
                && filter.message.is_none_or(|message| entry_message(&entry.event) == Some(message))
        })
        .take(LOG_LINES)
        .collect();
    lines.reverse();
    lines
}
