//! The pending-event queue: events ordered by virtual time, ties broken by the order in
//! which they were scheduled (as turmoil's scheduler does), so a run never depends on
//! heap internals. The run's inputs (its starts and interventions) go first at their time,
//! before anything the run itself scheduled for it, so an input pushed late (a fork adding
//! an intervention, see `Session::fork`) lands where it would have had it been pushed last
//! at the start.
//!
//! A queue of a few thousand events is a binary heap (fast, and cheap to copy into a
//! snapshot). A longer one (a producer publishing faster than the network delivers,
//! `interval_ms` 0, never lets virtual time move) becomes a persistent map
//! (`imbl::OrdMap`), so a session's snapshots share it instead of copying it: each step
//! then costs a logarithm of the length, never a copy of every pending event. Both order
//! by `(time, lane, scheduling order)`, so which one holds the events never changes a run.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fmt;

use crate::engine::SimTime;
use crate::engine::order::sort_by;

/// From this many pending events on, the queue is a persistent map.
const PERSISTENT_FROM: usize = 4096;

/// Back to a heap below this many (a quarter, so a queue near the bound does not switch
/// back and forth).
const HEAP_BELOW: usize = PERSISTENT_FROM / 4;

/// Which events go first at equal times: the run's inputs, then what the run scheduled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Lane {
    Input,
    Run,
}

/// Where an item sits in the queue.
type Key = (SimTime, Lane, u64);

#[derive(Debug, Clone)]
struct Slot<T> {
    at: SimTime,
    lane: Lane,
    seq: u64,
    item: T,
}

impl<T> Slot<T> {
    fn key(&self) -> Key {
        (self.at, self.lane, self.seq)
    }
}

impl<T> PartialEq for Slot<T> {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
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
        self.key().cmp(&other.key())
    }
}

#[derive(Clone)]
enum Slots<T: Clone> {
    Heap(BinaryHeap<Reverse<Slot<T>>>),
    Map(imbl::OrdMap<Key, T>),
}

/// A min-queue of items by `(time, lane, scheduling order)`.
#[derive(Clone)]
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
    /// Schedules something the run itself caused.
    pub fn push(&mut self, at: SimTime, item: T) {
        self.push_in(Lane::Run, at, item);
    }

    /// Schedules an input to the run (a start, an intervention): at its time it goes before
    /// everything pushed with [`Schedule::push`], and after the inputs pushed before it.
    pub fn push_input(&mut self, at: SimTime, item: T) {
        self.push_in(Lane::Input, at, item);
    }

    fn push_in(&mut self, lane: Lane, at: SimTime, item: T) {
        let seq = self.next_seq;
        self.next_seq += 1;
        match &mut self.slots {
            Slots::Heap(heap) => {
                heap.push(Reverse(Slot { at, lane, seq, item }));
                if heap.len() > PERSISTENT_FROM {
                    let map = std::mem::take(heap).into_iter().map(|Reverse(slot)| (slot.key(), slot.item));
                    self.slots = Slots::Map(map.collect());
                }
            }
            Slots::Map(map) => {
                map.insert((at, lane, seq), item);
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
            Slots::Map(map) => map.get_min().map(|((at, _, _), _)| *at),
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

    /// Takes out the last item (in queue order) at time `at` that `pick` picks; the others
    /// keep their places. Costs a pass over every pending item (forks are rare).
    pub fn remove_last_at(&mut self, at: SimTime, mut pick: impl FnMut(&T) -> bool) -> Option<T> {
        let removed = match &mut self.slots {
            Slots::Heap(heap) => {
                let mut slots = std::mem::take(heap).into_vec();
                let last = (0..slots.len())
                    .filter(|idx| slots[*idx].0.at == at && pick(&slots[*idx].0.item))
                    .max_by_key(|idx| slots[*idx].0.key());
                let removed = last.map(|idx| slots.swap_remove(idx).0.item);
                *heap = BinaryHeap::from(slots);
                removed
            }
            Slots::Map(map) => {
                let from = (at, Lane::Input, 0);
                let key = map.range(from..).take_while(|(key, _)| key.0 == at).filter(|(_, item)| pick(item)).last();
                let key = key.map(|(key, _)| *key);
                key.and_then(|key| map.remove(&key))
            }
        };
        self.back_to_heap_when_short();
        removed
    }

    /// Takes out the items `keep_out` picks, in queue order; the others keep their places.
    /// Costs a pass over every pending item (interventions are rare).
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
                let keys: Vec<Key> = map.iter().filter(|(_, item)| keep_out(item)).map(|(key, _)| *key).collect();
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
            let heap = slots.map(|((at, lane, seq), item)| Reverse(Slot { at, lane, seq, item }));
            self.slots = Slots::Heap(heap.collect());
        }
    }
}

/// The items in queue order with their times and lanes: the scheduling sequence numbers
/// are left out, since only the order they make is part of a world's state (a forked world
/// numbers its events otherwise than one run from the start, in the same order).
impl<T: Clone + fmt::Debug> fmt::Debug for Schedule<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut slots: Vec<(Key, &T)> = match &self.slots {
            Slots::Heap(heap) => heap.iter().map(|Reverse(slot)| (slot.key(), &slot.item)).collect(),
            Slots::Map(map) => map.iter().map(|(key, item)| (*key, item)).collect(),
        };
        sort_by(&mut slots, |a, b| a.0.cmp(&b.0));
        f.debug_list().entries(slots.iter().map(|((at, lane, _), item)| (at, lane, item))).finish()
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
    fn an_input_goes_after_earlier_inputs_and_before_the_run_at_its_time() {
        let mut schedule = Schedule::default();
        schedule.push_input(5, "input a");
        schedule.push(5, "run");
        schedule.push(3, "early");
        schedule.push_input(5, "input b, pushed late");
        let order: Vec<&str> = std::iter::from_fn(|| schedule.pop().map(|(_, item)| item)).collect();
        assert_eq!(order, ["early", "input a", "input b, pushed late", "run"]);
    }

    #[test]
    fn removing_the_last_match_at_a_time_leaves_the_rest_in_order() {
        for len in [10, PERSISTENT_FROM + 10] {
            let mut schedule = Schedule::default();
            for idx in 0..len {
                schedule.push_input((idx % 3) as u64, idx % 6);
            }
            // Items 1 and 4 are at time 1; 4 and 10 are both "item 4", the later goes.
            let removed = schedule.remove_last_at(1, |item| *item == 4);
            assert_eq!(removed, Some(4));
            assert_eq!(schedule.remove_last_at(1, |item| *item == 2), None, "2 is at time 2");
            let at_one: Vec<usize> =
                std::iter::from_fn(|| schedule.pop()).filter(|(at, _)| *at == 1).map(|(_, item)| item).collect();
            let mut expected: Vec<usize> = (0..len).filter(|idx| idx % 3 == 1).map(|idx| idx % 6).collect();
            let last_four = expected.iter().rposition(|item| *item == 4).unwrap();
            expected.remove(last_four);
            assert_eq!(at_one, expected);
        }
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
