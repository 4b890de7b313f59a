//! Statistics the UI charts: queue depth over time, per-actor throughput and unacked
//! counts, and publish-to-ack latency percentiles.
//!
//! Counters and the latency histogram are small fixed-size values kept in the world (so
//! they step back with it). Depth history is kept by the session, built from the trace as
//! it grows and cut back when the session steps back; it is thinned past a cap, so memory
//! stays bounded on long runs.

use serde::Serialize;

use crate::engine::SortedMap;
use crate::engine::{QueueId, SimTime};
use crate::sim::actor::ActorId;

/// Most points kept per depth series; beyond it every other older point is dropped.
const MAX_SERIES_POINTS: usize = 4096;

/// Bucket layout of the latency histogram: (upper bound in ms, bucket width in ms).
const LATENCY_BANDS: [(SimTime, SimTime); 4] = [(100, 1), (1_000, 10), (10_000, 100), (100_000, 1_000)];

/// Publish-to-ack latency histogram with log-linear buckets (1 ms wide below 100 ms, then
/// 10, 100 and 1,000 ms wide up to 100 s), plus one bucket for anything longer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LatencyHistogram {
    buckets: Vec<u64>,
    count: u64,
}

impl Default for LatencyHistogram {
    fn default() -> Self {
        let n_buckets: SimTime = LATENCY_BANDS
            .iter()
            .scan(0, |low, (high, width)| Some((high - std::mem::replace(low, *high)) / width))
            .sum();
        LatencyHistogram { buckets: vec![0; n_buckets as usize + 1], count: 0 }
    }
}

impl LatencyHistogram {
    fn bucket_of(ms: SimTime) -> usize {
        let mut low = 0;
        let mut first = 0;
        for (high, width) in LATENCY_BANDS {
            if ms < high {
                return (first + (ms - low) / width) as usize;
            }
            first += (high - low) / width;
            low = high;
        }
        first as usize
    }

    fn lower_bound(bucket: usize) -> SimTime {
        let mut low = 0;
        let mut first = 0;
        for (high, width) in LATENCY_BANDS {
            let count = (high - low) / width;
            if (bucket as SimTime) < first + count {
                return low + (bucket as SimTime - first) * width;
            }
            first += count;
            low = high;
        }
        low
    }

    pub fn record(&mut self, ms: SimTime) {
        self.buckets[Self::bucket_of(ms)] += 1;
        self.count += 1;
    }

    pub fn count(&self) -> u64 {
        self.count
    }

    /// The latency below which `per_mille`/1000 of samples fall (its bucket's lower bound).
    pub fn percentile(&self, per_mille: u64) -> Option<SimTime> {
        if self.count == 0 {
            return None;
        }
        let rank = (self.count * per_mille).div_ceil(1000).max(1);
        let mut seen = 0;
        self.buckets.iter().enumerate().find_map(|(bucket, n)| {
            seen += n;
            (seen >= rank).then(|| Self::lower_bound(bucket))
        })
    }

    /// Percentiles p50, p95 and p99 in ms.
    pub fn p50_p95_p99(&self) -> [Option<SimTime>; 3] {
        [self.percentile(500), self.percentile(950), self.percentile(990)]
    }
}

/// Counters for one actor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ActorCounters {
    /// Deliveries received.
    pub delivered: u64,
    pub acked: u64,
    pub nacked: u64,
    /// Delivered and not yet settled (as the broker sees it once settles arrive).
    pub unacked: u64,
}

/// The world's statistics: per-actor counters and the latency histogram.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub actors: SortedMap<ActorId, ActorCounters>,
    pub latency: LatencyHistogram,
}

impl Stats {
    pub(crate) fn actor(&mut self, actor: ActorId) -> &mut ActorCounters {
        self.actors.entry(actor).or_default()
    }

    /// Latency percentiles p50, p95, p99 in ms.
    pub fn latency_percentiles(&self) -> [Option<SimTime>; 3] {
        self.latency.p50_p95_p99()
    }
}

/// One point of a depth series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DepthPoint {
    pub step: u64,
    pub time: SimTime,
    /// Ready messages.
    pub depth: usize,
}

/// Ready-message depth of each queue over time, one point per change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DepthHistory {
    pub series: SortedMap<QueueId, Vec<DepthPoint>>,
    // The last step at which a series was thinned (0: never): truncating the history to
    // an earlier step cannot bring back what the thinning dropped.
    #[serde(skip)]
    thinned_at: u64,
}

impl DepthHistory {
    pub(crate) fn record(&mut self, queue: QueueId, point: DepthPoint) {
        let series = self.series.entry(queue).or_default();
        match series.last_mut() {
            Some(last) if last.depth == point.depth => return,
            Some(last) if last.time == point.time => *last = point,
            _ => series.push(point),
        }
        if series.len() > MAX_SERIES_POINTS {
            self.thinned_at = point.step;
            let mut keep = false;
            let newest = series.len() - MAX_SERIES_POINTS / 2;
            let mut idx = 0;
            series.retain(|_| {
                idx += 1;
                keep = !keep;
                keep || idx > newest
            });
        }
    }

    /// Whether [`DepthHistory::truncate_after`] `step` gives exactly the history recorded up
    /// to it: unless a series was thinned later, or a point recorded up to it was replaced
    /// by a later one at the same time (which `at_time_boundary` rules out: no later point
    /// has the time of `step`'s).
    pub(crate) fn truncates_exactly_after(&self, step: u64, at_time_boundary: bool) -> bool {
        step == 0 || (self.thinned_at <= step && at_time_boundary)
    }

    /// Forgets every point after `step` (the session stepped back).
    pub(crate) fn truncate_after(&mut self, step: u64) {
        for (_, series) in self.series.iter_mut() {
            while series.last().is_some_and(|point| point.step > step) {
                series.pop();
            }
        }
        // A queue whose first point came later had no series then.
        self.series.retain(|_, series| !series.is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_from_buckets() {
        let mut histogram = LatencyHistogram::default();
        for ms in 1..=100 {
            histogram.record(ms);
        }
        assert_eq!(histogram.percentile(500), Some(50));
        assert_eq!(histogram.percentile(990), Some(99));
        histogram.record(5_050);
        assert_eq!(histogram.percentile(1000), Some(5_000));
        histogram.record(1_000_000);
        assert_eq!(histogram.percentile(1000), Some(100_000));
    }

    #[test]
    fn depth_history_truncates_on_step_back() {
        let mut history = DepthHistory::default();
        let queue = QueueId(1);
        for step in 1..=5 {
            history.record(queue, DepthPoint { step, time: step * 10, depth: step as usize });
        }
        history.truncate_after(3);
        assert_eq!(history.series[&queue].last().unwrap().depth, 3);
    }
}
