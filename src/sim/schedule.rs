//! The pending-event queue: events ordered by virtual time, ties broken by the order in
//! which they were scheduled (as turmoil's scheduler does), so a run never depends on
//! heap internals.
//!
//! The queue is a persistent map (`imbl::OrdMap`), so a session's snapshots share it
//! instead of copying it: a producer that publishes faster than the network delivers
//! (`interval_ms` 0) makes the queue long, and each snapshot then costs a pointer, not a
//! copy of every pending message. Push and pop cost a logarithm of the length.

use crate::engine::SimTime;

/// A min-queue of items by `(time, scheduling order)`.
#[derive(Debug, Clone)]
pub struct Schedule<T: Clone> {
    slots: imbl::OrdMap<(SimTime, u64), T>,
    // Invariant: larger than the seq of every slot ever pushed.
    next_seq: u64,
}

impl<T: Clone> Default for Schedule<T> {
    fn default() -> Self {
        Schedule { slots: imbl::OrdMap::new(), next_seq: 0 }
    }
}

impl<T: Clone> Schedule<T> {
    pub fn push(&mut self, at: SimTime, item: T) {
        self.slots.insert((at, self.next_seq), item);
        self.next_seq += 1;
    }

    pub fn pop(&mut self) -> Option<(SimTime, T)> {
        let key = self.slots.get_min()?.0;
        self.slots.remove(&key).map(|item| (key.0, item))
    }

    pub fn peek_time(&self) -> Option<SimTime> {
        self.slots.get_min().map(|((at, _), _)| *at)
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Every pending item (in time order, though callers should not rely on it).
    pub fn items(&self) -> impl Iterator<Item = &T> {
        self.slots.values()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_break_by_scheduling_order() {
        let mut schedule = Schedule::default();
        schedule.push(5, "b");
        schedule.push(1, "a");
        schedule.push(5, "c");
        let order: Vec<&str> = std::iter::from_fn(|| schedule.pop().map(|(_, item)| item)).collect();
        assert_eq!(order, ["a", "b", "c"]);
    }
}
