//! The pending-event queue: events ordered by virtual time, ties broken by the order in
//! which they were scheduled (as turmoil's scheduler does), so a run never depends on
//! heap internals.
//!
//! A queue of a few thousand events is a binary heap (fast, and cheap to copy into a
//! snapshot). A longer one (a producer publishing faster than the network delivers,
//! `interval_ms` 0, never lets virtual time move) becomes a persistent map
//! (`imbl::OrdMap`), so a session's snapshots share it instead of copying it: each step
//! then costs a logarithm of the length, never a copy of every pending event. Both order
//! by `(time, scheduling order)`, so which one holds the events never changes a run.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::engine::SimTime;
use crate::engine::order::sort_by;

/// From this many pending events on, the queue is a persistent map.
const PERSISTENT_FROM: usize = 4096;

/// Back to a heap below this many (a quarter, so a queue near the bound does not switch
/// back and forth).
const HEAP_BELOW: usize = PERSISTENT_FROM / 4;

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

#[derive(Debug, Clone)]
enum Slots<T: Clone> {
    Heap(BinaryHeap<Reverse<Slot<T>>>),
    Map(imbl::OrdMap<(SimTime, u64), T>),
}

/// A min-queue of items by `(time, scheduling order)`.
#[derive(Debug, Clone)]
pub struct Schedule<T: Clone> {
    // Invariant: a `Map` holds at least `HEAP_BELOW` items, a `Heap` at most
    // `PERSISTENT_FROM`.
    slots: Slots<T>,
    // Invariant: larger than the seq of every slot ever pushed.
    next_seq: u64,
}

impl<T: Clone> Default for Schedule<T> {
    fn default() -> Self {
        Schedule { slots: Slots::Heap(BinaryHeap::new()), next_seq: 0 }
    }
}

impl<T: Clone> Schedule<T> {
    pub fn push(&mut self, at: SimTime, item: T) {
        let seq = self.next_seq;
        self.next_seq += 1;
        match &mut self.slots {
            Slots::Heap(heap) => {
                heap.push(Reverse(Slot { at, seq, item }));
                if heap.len() > PERSISTENT_FROM {
                    let map = std::mem::take(heap).into_iter().map(|Reverse(slot)| ((slot.at, slot.seq), slot.item));
                    self.slots = Slots::Map(map.collect());
                }
            }
            Slots::Map(map) => {
                map.insert((at, seq), item);
            }
        }
    }

    pub fn pop(&mut self) -> Option<(SimTime, T)> {
        match &mut self.slots {
            Slots::Heap(heap) => heap.pop().map(|Reverse(slot)| (slot.at, slot.item)),
            Slots::Map(map) => {
                let key = map.get_min()?.0;
                let item = map.remove(&key)?;
                self.back_to_heap_when_short();
                Some((key.0, item))
            }
        }
    }

    pub fn peek_time(&self) -> Option<SimTime> {
        match &self.slots {
            Slots::Heap(heap) => heap.peek().map(|Reverse(slot)| slot.at),
            Slots::Map(map) => map.get_min().map(|((at, _), _)| *at),
        }
    }

    pub fn len(&self) -> usize {
        match &self.slots {
            Slots::Heap(heap) => heap.len(),
            Slots::Map(map) => map.len(),
        }
    }

    /// Every pending item, in no particular order.
    pub fn items(&self) -> Box<dyn Iterator<Item = &T> + '_> {
        match &self.slots {
            Slots::Heap(heap) => Box::new(heap.iter().map(|Reverse(slot)| &slot.item)),
            Slots::Map(map) => Box::new(map.values()),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Takes out the items `keep_out` picks, in `(time, scheduling order)` order; the others
    /// keep their places. Costs a pass over every pending item (interventions are rare).
    pub fn take_where(&mut self, mut keep_out: impl FnMut(&T) -> bool) -> Vec<(SimTime, T)> {
        let mut taken = Vec::new();
        match &mut self.slots {
            Slots::Heap(heap) => {
                let (out, kept): (Vec<_>, Vec<_>) =
                    std::mem::take(heap).into_vec().into_iter().partition(|Reverse(slot)| keep_out(&slot.item));
                *heap = kept.into_iter().collect();
                let mut out: Vec<Slot<T>> = out.into_iter().map(|Reverse(slot)| slot).collect();
                sort_by(&mut out, Slot::cmp);
                taken.extend(out.into_iter().map(|slot| (slot.at, slot.item)));
            }
            Slots::Map(map) => {
                let keys: Vec<(SimTime, u64)> =
                    map.iter().filter(|(_, item)| keep_out(item)).map(|(key, _)| *key).collect();
                for key in keys {
                    if let Some(item) = map.remove(&key) {
                        taken.push((key.0, item));
                    }
                }
                self.back_to_heap_when_short();
            }
        }
        taken
    }

    fn back_to_heap_when_short(&mut self) {
        if let Slots::Map(map) = &mut self.slots
            && map.len() < HEAP_BELOW
        {
            let slots = std::mem::take(map).into_iter();
            let heap = slots.map(|((at, seq), item)| Reverse(Slot { at, seq, item }));
            self.slots = Slots::Heap(heap.collect());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_is_the_same_as_a_heap_or_as_a_map() {
        // Push enough to become a map, pop to below the bound (back to a heap), push more.
        let mut schedule = Schedule::default();
        let mut expected = Vec::new();
        for idx in 0..(PERSISTENT_FROM as u64 + 100) {
            let at = (idx * 7919) % 1000;
            schedule.push(at, idx);
            expected.push((at, idx));
        }
        assert!(matches!(schedule.slots, Slots::Map(_)));
        expected.sort();
        let mut popped = Vec::new();
        while schedule.len() >= HEAP_BELOW {
            popped.push(schedule.pop().unwrap());
        }
        assert!(matches!(schedule.slots, Slots::Heap(_)));
        while let Some(next) = schedule.pop() {
            popped.push(next);
        }
        assert_eq!(popped, expected);
    }

    #[test]
    fn taking_items_out_keeps_the_others_in_order() {
        let mut schedule = Schedule::default();
        for (at, item) in [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')] {
            schedule.push(at, item);
        }
        let taken = schedule.take_where(|item| matches!(item, 'c' | 'e'));
        assert_eq!(taken, [(1, 'e'), (3, 'c')]);
        let rest: Vec<char> = std::iter::from_fn(|| schedule.pop().map(|(_, item)| item)).collect();
        assert_eq!(rest, ['b', 'd', 'a']);
    }

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
