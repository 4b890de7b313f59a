//! What an operator does to a running broker, as RabbitMQ 3.10.8 does it: purging a queue
//! and restarting the node. Kept apart from the AMQP operations in the other `broker/` files.

use std::sync::Arc;

use crate::engine::broker::{Broker, BrokerEvent, DropReason, QueueDeletion};
use crate::engine::message::SimTime;
use crate::engine::topology::QueueId;

/// What a node restart took away.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct RestartLosses {
    /// Non-durable queues, by name, in declaration order.
    pub queues: Vec<String>,
    /// Non-durable exchanges, by name.
    pub exchanges: Vec<String>,
    /// Transient messages dropped from durable queues (their queues' deletions count apart).
    pub transient_messages: u64,
}

impl Broker {
    /// `queue.purge`: drops the queue's ready messages (unacked ones stay with their
    /// consumers) and returns how many went. Nothing happens to a missing queue.
    pub fn purge(&mut self, now: SimTime, queue: QueueId) -> u64 {
        self.tick(now);
        self.flush_returns();
        let Some(state) = self.queues.get_mut(&queue) else { return 0 };
        let ready = std::mem::take(&mut state.ready);
        state.ready_bytes = 0;
        for entry in ready.values() {
            self.record_drop(queue, &entry.message, DropReason::Purged);
        }
        ready.len() as u64
    }

    /// A restart of the node: every connection closes (unacked messages go back to their
    /// queues first), non-durable queues and exchanges are gone, and classic durable queues
    /// keep only persistent messages (`delivery_mode` 2). Quorum queues keep every message,
    /// since they store all of them on disk.
    pub fn restart(&mut self, now: SimTime) -> RestartLosses {
        self.tick(now);
        self.flush_returns();
        let connections: Vec<_> = self.connections.iter().copied().collect();
        for connection in connections {
            self.close_connection(now, connection);
        }
        let mut losses = RestartLosses::default();
        let transient: Vec<(QueueId, String)> = self
            .topology
            .queues()
            .filter(|queue| !queue.spec.durable && self.queues.contains_key(&queue.id))
            .map(|queue| (queue.id, queue.name().to_string()))
            .collect();
        for (queue, name) in transient {
            self.remove_queue(queue, QueueDeletion::BrokerRestarted);
            losses.queues.push(name);
        }
        let classic: Vec<QueueId> =
            self.topology.queues().filter(|queue| !queue.args.quorum).map(|queue| queue.id).collect();
        for queue in classic {
            let Some(state) = self.queues.get(&queue) else { continue };
            let transient: Vec<_> = state
                .ready
                .iter()
                .filter(|(_, entry)| entry.message.properties.delivery_mode != Some(2))
                .map(|(key, entry)| (*key, Arc::clone(entry)))
                .collect();
            for (key, entry) in transient {
                let Some(state) = self.queues.get_mut(&queue) else { continue };
                state.ready.remove(&key);
                state.ready_bytes -= entry.message.body_bytes();
                losses.transient_messages += 1;
                self.record_drop(queue, &entry.message, DropReason::BrokerRestarted);
            }
        }
        let exchanges: Vec<_> = self
            .topology
            .exchanges()
            .filter(|exchange| !exchange.is_builtin() && !exchange.spec.durable)
            .map(|exchange| (exchange.id, exchange.spec.name.clone()))
            .collect();
        for (exchange, name) in exchanges {
            let deleted = Arc::make_mut(&mut self.topology).delete_exchange(exchange);
            self.events.extend(deleted.into_iter().map(|exchange| BrokerEvent::ExchangeDeleted { exchange }));
            losses.exchanges.push(name);
        }
        losses
    }
}
