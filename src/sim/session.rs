//! A simulation session: a world that can step forward, step back, seek and reset, with
//! its trace.
//!
//! Going back restores the nearest earlier snapshot and replays forward; replay is exact
//! because a world step depends only on the world (seeded RNG included). Snapshots are
//! dense near the current position (every [`DENSE_INTERVAL`] steps) and sparser further
//! back (an interval that doubles to keep at most [`MAX_FAR_SNAPSHOTS`]), so memory stays
//! bounded on long runs while `step_back` replays fewer than [`DENSE_INTERVAL`] steps. The trace
//! keeps the newest `trace_retention` entries.
//!
//! A fork changes the run's inputs (an intervention more or fewer) and resumes from the
//! latest state the change leaves as it was, instead of running again from the start.

use std::collections::VecDeque;

use crate::engine::SortedMap;
use crate::engine::{BrokerEvent, SimTime};
use crate::sim::intervention::InputChange;
use crate::sim::stats::{DepthHistory, DepthPoint};
use crate::sim::trace::{TraceEntry, TraceEvent};
use crate::sim::world::World;

/// Steps between snapshots near the current position.
pub const DENSE_INTERVAL: u64 = 256;
/// Dense snapshots kept behind the current position.
const DENSE_KEPT: u64 = 16;
/// Most snapshots kept further back.
pub const MAX_FAR_SNAPSHOTS: usize = 128;
/// Default number of trace entries kept.
pub const DEFAULT_TRACE_RETENTION: usize = 200_000;

/// When [`Session::run_until`] stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    /// Before the first event later than this virtual time.
    Time(SimTime),
    /// After this many world steps in total.
    Step(u64),
    /// When nothing is left to do.
    Idle,
}

/// A world plus its history.
#[derive(Debug, Clone)]
pub struct Session {
    world: World,
    // Invariant: contains step 0 (the initial world) and `forked_at`; keys are world step
    // counts.
    snapshots: SortedMap<u64, World>,
    // Where the last fork resumed, kept as a snapshot: the viewer goes back near it next
    // (the intervention's moment), wherever the run is computed to meanwhile.
    forked_at: u64,
    trace: VecDeque<TraceEntry>,
    trace_retention: usize,
    // Entries dropped from the front of the trace by retention.
    trace_dropped: u64,
    depth: DepthHistory,
}

impl Session {
    pub fn new(world: World) -> Session {
        Session::with_retention(world, DEFAULT_TRACE_RETENTION)
    }

    /// A session keeping at most `trace_retention` trace entries.
    pub fn with_retention(world: World, trace_retention: usize) -> Session {
        let mut snapshots = SortedMap::new();
        snapshots.insert(0, world.clone());
        Session {
            world,
            snapshots,
            forked_at: 0,
            trace: VecDeque::new(),
            trace_retention: trace_retention.max(1),
            trace_dropped: 0,
            depth: DepthHistory::default(),
        }
    }

    pub fn world(&self) -> &World {
        &self.world
    }

    /// World steps taken so far (the position `seek` takes).
    pub fn position(&self) -> u64 {
        self.world.steps()
    }

    pub fn now(&self) -> SimTime {
        self.world.now()
    }

    /// The retained trace, oldest first.
    pub fn trace(&self) -> &VecDeque<TraceEntry> {
        &self.trace
    }

    /// Ready-message depth of each queue over the run so far.
    pub fn depth_history(&self) -> &DepthHistory {
        &self.depth
    }

    /// Takes the depth history recorded so far, leaving none. With [`Session::resume_depth`],
    /// for a viewer that computes its run in slices between jumps (which keep no history).
    pub fn take_depth(&mut self) -> DepthHistory {
        std::mem::take(&mut self.depth)
    }

    /// Records on from `depth`, the history of the run up to the current position.
    pub fn resume_depth(&mut self, depth: DepthHistory) {
        self.depth = depth;
    }

    /// Trace entries dropped by retention, before the first retained one.
    pub fn trace_dropped(&self) -> u64 {
        self.trace_dropped
    }

    pub fn is_finished(&self) -> bool {
        self.world.next_time().is_none()
    }

    /// Advances until at least one trace entry is produced (one visible step). Returns
    /// false when the run is finished.
    pub fn step(&mut self) -> bool {
        let before = self.trace_len();
        while self.trace_len() == before {
            if !self.advance_one() {
                return false;
            }
        }
        true
    }

    /// Goes back to exactly the state before the last visible step. Returns false at the start.
    pub fn step_back(&mut self) -> bool {
        let Some(last) = self.trace.back() else {
            return false;
        };
        self.seek(last.step - 1);
        true
    }

    /// Moves to the state after `position` world steps (forward or back).
    pub fn seek(&mut self, position: u64) {
        if position < self.position() {
            let (from, snapshot) = self.snapshot_at_or_before(position);
            self.world = snapshot.clone();
            // The trace is ordered by step, so everything after `position` is one tail.
            let keep = self.trace.partition_point(|entry| entry.step <= position);
            self.trace.truncate(keep);
            self.depth.truncate_after(position);
            // Replay without re-recording: the trace up to `position` is already there.
            // Snapshots are taken only in the dense window before `position`, where the
            // next `step_back`s will want them.
            let dense_from = position.saturating_sub(DENSE_INTERVAL * DENSE_KEPT);
            let mut scratch = Vec::new();
            for step in from..position {
                if !self.world.step(&mut scratch) {
                    break;
                }
                scratch.clear();
                if step + 1 >= dense_from {
                    self.maybe_snapshot(step + 1);
                }
            }
        }
        while self.position() < position {
            if !self.advance_one() {
                break;
            }
        }
    }

    /// Moves the world to the state after `position` world steps, forward or back, from the
    /// nearest snapshot at or before it, without recording: the trace and depth history are
    /// emptied. For a viewer that already holds the whole run's trace (the studio), so a
    /// jump costs at most one snapshot interval of replay, whatever its distance.
    pub fn jump(&mut self, position: u64) {
        let here = self.position();
        let (from, snapshot) = self.snapshot_at_or_before(position);
        if position < here || from > here {
            self.world = snapshot.clone();
        }
        self.trace.clear();
        self.trace_dropped = 0;
        self.depth = DepthHistory::default();
        let mut scratch = Vec::new();
        while self.position() < position {
            if !self.world.step(&mut scratch) {
                break;
            }
            scratch.clear();
            self.maybe_snapshot(self.position());
        }
    }

    /// The world as it was after `position` world steps (or at the run's end, if it ends
    /// sooner), replayed from the nearest snapshot at or before it; the session does not
    /// move. For explaining an entry against the world it happened in.
    pub fn world_at(&self, position: u64) -> World {
        if position == self.position() {
            return self.world.clone();
        }
        let (_, snapshot) = self.snapshot_at_or_before(position);
        let mut world = snapshot.clone();
        let mut scratch = Vec::new();
        while world.steps() < position && world.step(&mut scratch) {
            scratch.clear();
        }
        world
    }

    /// Changes the run's inputs (an intervention more or fewer, see [`InputChange`]) and goes
    /// back to the latest state the change leaves as it was, so that running on gives what a
    /// session of the changed inputs gives, byte for byte: trace, depth history and world.
    /// That state is the current world or an earlier snapshot that has processed nothing at
    /// or after the change's time ([`World::is_before`]: at equal times inputs go first, so a
    /// state that has processed an event of that time may already differ) and, past step 0,
    /// whose next event is later than its own time (a depth point is replaced by a later one
    /// of the same time, so a history cut inside an instant could lack one). Snapshots the
    /// change leaves as they were take the change too, so going back later replays the
    /// changed run; the later ones, and the trace and depth history after that state, are
    /// dropped, and that state is kept as a snapshot. Returns its position; None, changing
    /// nothing, when no fork is exact (retention dropped trace entries, or the intervention to
    /// remove is not pending).
    pub fn fork(&mut self, change: &InputChange) -> Option<u64> {
        let at = change.at();
        if self.trace_dropped > 0 {
            return None;
        }
        let depth = &self.depth;
        let resumable = |world: &World| {
            let at_time_boundary = world.next_time() != Some(world.now());
            world.is_before(at) && depth.truncates_exactly_after(world.steps(), at_time_boundary)
        };
        if resumable(&self.world) {
            if !self.world.change_inputs(change) {
                return None;
            }
        } else {
            let here = self.position();
            let mut earlier = self.snapshots.iter().rev().skip_while(|(step, _)| **step > here);
            let (_, snapshot) = earlier.find(|(_, snapshot)| resumable(snapshot)).expect("step 0 is resumable");
            let mut world = snapshot.clone();
            if !world.change_inputs(change) {
                return None;
            }
            self.world = world;
        }
        self.snapshots.retain(|_, snapshot| snapshot.is_before(at));
        for (_, snapshot) in self.snapshots.iter_mut() {
            snapshot.change_inputs(change);
        }
        let position = self.position();
        self.forked_at = position;
        if !self.snapshots.contains_key(&position) {
            self.snapshots.insert(position, self.world.clone());
        }
        let keep = self.trace.partition_point(|entry| entry.step <= position);
        self.trace.truncate(keep);
        self.depth.truncate_after(position);
        Some(position)
    }

    /// [`Session::fork`] for a viewer that keeps the run's trace and depth history itself and
    /// moves the session with [`Session::jump`], which keeps neither: `depth` is the run's
    /// whole depth history, which the session takes and records on from.
    pub fn fork_viewed(&mut self, change: &InputChange, depth: DepthHistory) -> Option<u64> {
        let own = std::mem::replace(&mut self.depth, depth);
        let forked = self.fork(change);
        if forked.is_none() {
            self.depth = own;
        }
        forked
    }

    /// Runs until the condition holds or nothing is left.
    pub fn run_until(&mut self, until: Until) {
        loop {
            let more = match until {
                Until::Time(limit) => self.world.next_time().is_some_and(|next| next <= limit),
                Until::Step(limit) => self.position() < limit && !self.is_finished(),
                Until::Idle => !self.is_finished(),
            };
            if !more || !self.advance_one() {
                return;
            }
        }
    }

    /// Runs until a step records an entry for which `condition` holds (that step included),
    /// or nothing is left. Returns whether the condition was met.
    pub fn run_until_entry(&mut self, mut condition: impl FnMut(&TraceEntry) -> bool) -> bool {
        loop {
            let before = self.trace_len();
            if !self.advance_one() {
                return false;
            }
            let added = (self.trace_len() - before) as usize;
            if self.trace.iter().rev().take(added).any(&mut condition) {
                return true;
            }
        }
    }

    /// Back to the initial state, trace emptied.
    pub fn reset(&mut self) {
        self.seek(0);
        self.trace.clear();
        self.trace_dropped = 0;
        self.depth = DepthHistory::default();
    }

    fn trace_len(&self) -> u64 {
        self.trace_dropped + self.trace.len() as u64
    }

    fn advance_one(&mut self) -> bool {
        let mut entries = Vec::new();
        if !self.advance_into(&mut entries) {
            return false;
        }
        for entry in entries {
            if self.trace.len() == self.trace_retention {
                self.trace.pop_front();
                self.trace_dropped += 1;
            }
            self.trace.push_back(entry);
        }
        true
    }

    /// Takes one world step, recording its depth points and snapshot as every step does, but
    /// hands its trace entries to `entries` instead of keeping them: for a viewer that keeps
    /// the whole trace itself (the studio), so no entry is copied. Returns false when
    /// nothing is left to do.
    pub fn advance_into(&mut self, entries: &mut Vec<TraceEntry>) -> bool {
        let first = entries.len();
        if !self.world.step(entries) {
            return false;
        }
        for entry in &entries[first..] {
            if let TraceEvent::Broker(
                BrokerEvent::Enqueued { queue, .. }
                | BrokerEvent::Delivered { queue, .. }
                | BrokerEvent::Dropped { queue, .. }
                | BrokerEvent::Requeued { queue, .. }
                | BrokerEvent::DeadLettered { queue, .. },
            ) = &entry.event
            {
                let depth = self.world.broker().ready_count(*queue);
                self.depth.record(*queue, DepthPoint { step: entry.step, time: entry.time, depth });
            }
        }
        self.maybe_snapshot(self.position());
        true
    }

    fn maybe_snapshot(&mut self, position: u64) {
        if !position.is_multiple_of(DENSE_INTERVAL) || self.snapshots.contains_key(&position) {
            return;
        }
        self.snapshots.insert(position, self.world.clone());
        self.prune_snapshots(position);
    }

    /// Keeps step 0, every snapshot within the dense window behind `position`, and further
    /// back only those on a sparse grid whose spacing doubles until at most
    /// [`MAX_FAR_SNAPSHOTS`] remain.
    /// The latest snapshot at or before `position`, and its step.
    fn snapshot_at_or_before(&self, position: u64) -> (u64, &World) {
        let index = self.snapshots.find_index(&position).unwrap_or_else(|after| after - 1);
        let (&step, snapshot) = self.snapshots.get_indexed(index).expect("step 0 is always kept");
        (step, snapshot)
    }

    fn prune_snapshots(&mut self, position: u64) {
        let horizon = position.saturating_sub(DENSE_INTERVAL * DENSE_KEPT);
        if horizon <= 1 {
            return;
        }
        let mut spacing = DENSE_INTERVAL * DENSE_KEPT;
        loop {
            let far =
                self.snapshots.iter().filter(|(step, _)| (1..horizon).contains(*step) && **step % spacing == 0).count();
            if far <= MAX_FAR_SNAPSHOTS {
                break;
            }
            spacing *= 2;
        }
        let forked_at = self.forked_at;
        self.snapshots.retain(|step, _| *step == 0 || *step == forked_at || *step >= horizon || *step % spacing == 0);
    }

    /// Number of snapshots held (for tests and benchmarks).
    pub fn snapshot_count(&self) -> usize {
        self.snapshots.len()
    }
}
