//! The pending-event queue: events ordered by virtual time, ties broken by the order in
//! which they were scheduled (as turmoil's scheduler does), so a run never depends on
//! heap internals.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::engine::SimTime;

#[derive(Debug, Clone)]
struct Slot<T> {
    at: SimTime,
    seq: u64,
    item: T,
}

impl<T> PartialEq for Slot<T> {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.seq) == (other.at, other.seq)
    }
}
impl<T> Eq for Slot<T> {}
impl<T> PartialOrd for Slot<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<T> Ord for Slot<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.at, self.seq).cmp(&(other.at, other.seq))
    }
}

/// A min-queue of items by `(time, scheduling order)`.
#[derive(Debug, Clone)]
pub struct Schedule<T> {
    heap: BinaryHeap<Reverse<Slot<T>>>,
    // Invariant: larger than the seq of every slot ever pushed.
    next_seq: u64,
}

impl<T> Default for Schedule<T> {
    fn default() -> Self {
        Schedule { heap: BinaryHeap::new(), next_seq: 0 }
    }
}

impl<T> Schedule<T> {
    pub fn push(&mut self, at: SimTime, item: T) {
        self.heap.push(Reverse(Slot { at, seq: self.next_seq, item }));
        self.next_seq += 1;
    }

    pub fn pop(&mut self) -> Option<(SimTime, T)> {
        self.heap.pop().map(|Reverse(slot)| (slot.at, slot.item))
    }

    pub fn peek_time(&self) -> Option<SimTime> {
        self.heap.peek().map(|Reverse(slot)| slot.at)
    }

    pub fn len(&self) -> usize {
        self.heap.len()
    }

    /// Every pending item, in no particular order.
    pub fn items(&self) -> impl Iterator<Item = &T> {
        self.heap.iter().map(|Reverse(slot)| &slot.item)
    }

    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
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
