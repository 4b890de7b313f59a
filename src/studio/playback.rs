//! Playback of the run on screen: play and pause, step and step back, seeking, and the
//! playback timer's `Tick`, which moves the display time along at the chosen speed and
//! steps the session through the events that time reaches.

use super::Studio;
use crate::studio::run::Run;

/// Playback speeds, as multiples of the base pace.
pub const SPEEDS: [f64; 7] = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0];
/// The index of 1x in [`SPEEDS`].
pub const NORMAL_SPEED: usize = 2;
/// Virtual milliseconds per wall millisecond at 1x while messages are on the wire: a hop
/// of 10 virtual ms takes half a second, slow enough to follow.
const WIRE_PACE: f64 = 0.02;
/// Virtual milliseconds per wall millisecond at 1x while nothing is on the wire (clients
/// working, callers waiting): such gaps pass 25 times faster, so a run never drags.
const GAP_PACE: f64 = 0.5;
/// The longest a quiet stretch lasts at 1x, in wall milliseconds: a queue's 30-minute
/// `x-expires` wait passes in seconds, not an hour.
const LONGEST_GAP_WALL_MS: f64 = 3_000.0;
/// Most world steps one tick may take, so a frame stays short whatever the speed.
const MAX_STEPS_PER_TICK: u32 = 5_000;

impl Studio {
    pub(super) fn toggle_play(&mut self) {
        let finished = self.run().is_none_or(|run| run.at_end());
        if finished && !self.playing {
            self.seek(0);
        }
        self.playing = !self.playing && self.run.is_some();
    }

    pub(super) fn step(&mut self) {
        self.playing = false;
        let origin = self.run().map(|run| run.session.position());
        self.with_run(|run| {
            run.compute_next();
            run.jump(run.next_shown());
        });
        self.step_origin = origin;
        self.sync_display();
    }

    pub(super) fn step_back(&mut self) {
        self.playing = false;
        // Straight after a Step, back to where it started; else to the previous
        // position that showed something.
        let origin = self.step_origin.take();
        let target = self.run().map(|run| origin.unwrap_or_else(|| run.previous_shown()));
        if let Some(target) = target {
            self.seek(target);
        }
    }

    /// Computes the next slice of a run not yet complete (the web app asks between frames).
    pub(super) fn compute_slice(&mut self) {
        self.with_run(Run::compute_slice);
    }

    pub(super) fn seek_entry(&mut self, idx: u64) {
        self.playing = false;
        let step = self.run().and_then(|run| run.entry(idx).map(|entry| entry.step));
        if let Some(step) = step {
            self.seek(step);
        }
        self.log_cursor = Some(idx);
    }

    pub(super) fn with_run(&mut self, change: impl FnOnce(&mut Run)) {
        if let Some(run) = &self.run {
            change(&mut run.borrow_mut());
        }
    }

    pub(super) fn seek(&mut self, position: u64) {
        self.with_run(|run| run.jump(position));
        self.sync_display();
    }

    pub(super) fn sync_display(&mut self) {
        self.display_time = self.run().map_or(0.0, |run| run.session.now() as f64);
    }

    pub(super) fn tick(&mut self, wall_ms: f64) {
        if !self.playing {
            return;
        }
        let Some(run) = self.run.clone() else {
            self.playing = false;
            return;
        };
        let mut run = run.borrow_mut();
        let on_wire = !run.session.world().in_flight().is_empty();
        let pace = if on_wire {
            WIRE_PACE
        } else {
            let gap = run.session.world().next_time().map_or(0, |next| next.saturating_sub(run.session.now()));
            GAP_PACE.max(gap as f64 / LONGEST_GAP_WALL_MS)
        };
        let mut target = self.display_time + wall_ms.max(0.0) * pace * SPEEDS[self.speed];
        let mut steps = 0;
        while let Some(next) = run.session.world().next_time() {
            if run.session.position() >= run.end {
                // Playback caught up with what is computed of the run: compute on.
                run.compute_slice();
            }
            if next as f64 > target || run.at_end() || steps >= MAX_STEPS_PER_TICK {
                break;
            }
            let position = run.session.position();
            run.jump(position + 1);
            steps += 1;
            // Something new went on the wire: slow down from there.
            if !on_wire && !run.session.world().in_flight().is_empty() {
                target = target.min(run.session.now() as f64);
                break;
            }
        }
        let next = run.session.world().next_time();
        if run.at_end() || next.is_none() {
            self.playing = false;
            target = run.session.now() as f64;
        } else if let Some(next) = next {
            target = target.min(next as f64).max(run.session.now() as f64);
        }
        self.display_time = target;
    }
}
