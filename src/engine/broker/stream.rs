//! What the broker does with a stream (`engine::stream` holds the rules and texts): a
//! message routed to it is appended to its log and stays there; each consumer reads the
//! log from its own offset, one message per unit of credit (its prefetch), and an ack gives
//! the credit back without removing anything (`rabbit_stream_queue:stream_entries/4`,
//! `settle/4`).

use std::sync::Arc;

use crate::engine::broker::{Broker, BrokerEvent, ConsumerId, Ready};
use crate::engine::message::{Message, SimTime};
use crate::engine::stream::{OFFSET_HEADER, StartOffset};
use crate::engine::topology::QueueId;
use crate::engine::value::FieldValue;

/// One message in a stream's log.
#[derive(Debug, Clone)]
pub(super) struct StreamEntry {
    pub message: Message,
    /// When the stream wrote it, which a timestamp or interval offset compares with.
    pub written_at: SimTime,
}

impl Broker {
    pub(super) fn is_stream(&self, queue: QueueId) -> bool {
        self.topology.queue(queue).is_some_and(|queue| queue.args.stream)
    }

    /// A copy routed to a stream: appended at the end of the log, then read by consumers
    /// waiting for it. A stream has no limit that refuses or drops (retention is not modelled).
    pub(super) fn append_to_stream(&mut self, queue: QueueId, message: Message) -> bool {
        let now = self.now;
        let state = self.queues.get_mut(&queue).expect("queue state exists");
        let (copy, publish) = (message.copy, message.publish);
        state.log.push(Arc::new(StreamEntry { message, written_at: now }));
        let depth = state.log.len();
        self.events.push(BrokerEvent::Enqueued { queue, copy, publish, depth });
        self.dispatch_stream(queue);
        true
    }

    /// The offset a new consumer of `queue` reads first.
    pub(super) fn first_offset(&self, queue: QueueId, start: StartOffset) -> u64 {
        let log = &self.queues[&queue].log;
        let end = log.len() as u64;
        match start {
            StartOffset::First => 0,
            StartOffset::Last => end.saturating_sub(1),
            StartOffset::Next => end,
            StartOffset::Offset(offset) => offset,
            StartOffset::Since(time) => {
                log.iter().position(|entry| entry.written_at >= time).map_or(end, |at| at as u64)
            }
        }
    }

    /// Hands each consumer of a stream the messages after its offset while it has credit,
    /// consumers in the order they came; every delivery carries its `x-stream-offset`.
    pub(super) fn dispatch_stream(&mut self, queue: QueueId) {
        let Some(state) = self.queues.get(&queue) else { return };
        let readers: Vec<ConsumerId> = state.consumers.clone();
        for consumer_id in readers {
            loop {
                let state = &self.queues[&queue];
                let consumer = &self.consumers[&consumer_id];
                let Some(offset) = consumer.stream_offset.filter(|offset| (*offset as usize) < state.log.len()) else {
                    break;
                };
                if !consumer.has_capacity() {
                    break;
                }
                let mut message = state.log[offset as usize].message.clone();
                Arc::make_mut(&mut message.properties)
                    .headers
                    .insert(OFFSET_HEADER.into(), FieldValue::Int(offset as i64));
                let channel = consumer.channel;
                self.consumers.get_mut(&consumer_id).expect("a reader").stream_offset = Some(offset + 1);
                let key = (std::cmp::Reverse(0), offset);
                let ready = Ready { message, expires_at: None };
                let delivery = self.hand_over(queue, key, ready, channel, Some(consumer_id), false);
                self.outbox.push(delivery);
            }
        }
    }
}
