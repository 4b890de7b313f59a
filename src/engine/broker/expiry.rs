//! Virtual time and what expires with it: a message's TTL at the head of its queue (with
//! RabbitMQ 3.10.8's TTL timer that may no longer follow the head) and an unused queue's
//! `x-expires`.

use crate::engine::broker::{Broker, QueueDeletion};
use crate::engine::message::{DeathReason, SimTime};
use crate::engine::topology::QueueId;

impl Broker {
    /// Moves virtual time to `now`, expiring messages and queues whose time has come, in
    /// deadline order.
    pub fn advance_to(&mut self, now: SimTime) {
        while let Some(deadline) = self.next_expiry() {
            if deadline > now {
                break;
            }
            self.now = self.now.max(deadline);
            self.expire_due();
        }
        self.now = self.now.max(now);
        self.expire_due();
        self.flush_returns();
    }

    /// The next virtual time at which the broker acts by itself: a queue head's TTL, an
    /// unused queue's `x-expires`, or now, when quorum queues have returns to apply (a
    /// requeued message goes back to its consumers without anything else happening).
    pub fn next_deadline(&self) -> Option<SimTime> {
        let returns = (!self.returning.is_empty()).then_some(self.now);
        returns.into_iter().chain(self.next_expiry()).min()
    }

    /// The next virtual time at which something expires by itself.
    fn next_expiry(&self) -> Option<SimTime> {
        self.timed_queues
            .iter()
            .filter_map(|id| self.queues.get(id).map(|state| (id, state)))
            .flat_map(|(id, state)| {
                let head = match state.stale_ttl_timer {
                    Some(armed) => armed,
                    None => state.ready.values().next().and_then(|ready| ready.expires_at),
                };
                let expires = match self.topology.queue(*id).and_then(|queue| queue.args.expires) {
                    Some(ms) if state.consumers.is_empty() => Some(state.last_used.saturating_add(ms)),
                    _ => None,
                };
                [head, expires]
            })
            .flatten()
            .min()
    }

    pub(super) fn tick(&mut self, now: SimTime) {
        if now > self.now {
            self.advance_to(now);
        }
    }

    fn expire_due(&mut self) {
        let queues: Vec<QueueId> = self.timed_queues.iter().copied().collect();
        for queue in queues {
            // RabbitMQ's TTL timer fired: it checks whatever is at the head now.
            if self
                .queues
                .get(&queue)
                .and_then(|state| state.stale_ttl_timer)
                .flatten()
                .is_some_and(|at| at <= self.now)
            {
                self.recheck_expiry(queue);
            }
            self.expire_head(queue);
            let Some(state) = self.queues.get(&queue) else { continue };
            let expired = match self.topology.queue(queue).and_then(|queue| queue.args.expires) {
                Some(ms) => state.consumers.is_empty() && state.last_used.saturating_add(ms) <= self.now,
                None => false,
            };
            if expired {
                self.remove_queue(queue, QueueDeletion::Expired);
            }
        }
    }

    /// RabbitMQ's `drop_expired_msgs` where 3.10.8 calls it whatever the head (after a
    /// fetch, a requeue, or when its TTL timer fires): the head's expiry is checked again.
    pub(super) fn recheck_expiry(&mut self, queue: QueueId) {
        if let Some(state) = self.queues.get_mut(&queue) {
            state.stale_ttl_timer = None;
        }
        self.expire_head(queue);
    }

    /// Expires messages at the head whose deadline has passed, unless RabbitMQ's TTL timer
    /// no longer follows the head (`stale_ttl_timer`).
    pub(super) fn expire_head(&mut self, queue: QueueId) {
        loop {
            let Some(state) = self.queues.get(&queue) else { return };
            if state.stale_ttl_timer.is_some() {
                return;
            }
            let due = state.ready.values().next().and_then(|ready| ready.expires_at).is_some_and(|at| at <= self.now);
            if !due {
                return;
            }
            let (_, ready) = self.pop_head(queue).expect("checked above");
            self.dead_letter_or_drop(queue, ready.message, DeathReason::Expired);
        }
    }
}
