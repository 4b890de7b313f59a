//! Statistics the UI charts: queue depth over time, per-actor throughput and unacked
//! counts, and publish-to-ack latency percentiles. Memory is bounded: depth series are
//! thinned when they grow past a cap, and latency goes into a fixed histogram.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::engine::{PublishId, QueueId, SimTime};
use crate::sim::actor::ActorId;

/// Most points kept per depth series; beyond it every other point is dropped.
const MAX_SERIES_POINTS: usize = 2048;
/// Most in-flight publishes remembered for latency; the oldest are forgotten first.
const MAX_TRACKED_PUBLISHES: usize = 100_000;

/// Publish-to-ack latency histogram: 1 ms buckets to 1 s, then 100 ms buckets to 100 s,
/// then one overflow bucket.
#[derive(Debug, Clone, Serialize)]
pub struct LatencyHistogram {
    buckets: Vec<u64>,
    count: u64,
}

impl Default for LatencyHistogram {
    fn default() -> Self {
        LatencyHistogram { buckets: vec![0; 1000 + 990 + 1], count: 0 }
    }
}

impl LatencyHistogram {
    fn bucket_of(ms: SimTime) -> usize {
        if ms < 1000 {
            ms as usize
        } else if ms < 100_000 {
            1000 + ((ms - 1000) / 100) as usize
        } else {
            1990
        }
    }

    fn lower_bound(bucket: usize) -> SimTime {
        if bucket < 1000 { bucket as SimTime } else { 1000 + (bucket as SimTime - 1000) * 100 }
    }

    pub fn record(&mut self, ms: SimTime) {
        self.buckets[Self::bucket_of(ms)] += 1;
        self.count += 1;
    }

    pub fn count(&self) -> u64 {
        self.count
    }

    /// The latency below which `per_mille`/1000 of samples fall (bucket lower bound).
    pub fn percentile(&self, per_mille: u64) -> Option<SimTime> {
        if self.count == 0 {
            return None;
        }
        let rank = (self.count * per_mille).div_ceil(1000).max(1);
        let mut seen = 0;
        for (bucket, n) in self.buckets.iter().enumerate() {
            seen += n;
            if seen >= rank {
                return Some(Self::lower_bound(bucket));
            }
        }
        None
    }
}

/// Counters for one actor.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ActorCounters {
    pub acked: u64,
    pub nacked: u64,
    pub unacked: u64,
}

/// All statistics of a run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    /// Per queue: `(time, ready messages)` at each change.
    pub queue_depth: BTreeMap<QueueId, Vec<(SimTime, usize)>>,
    pub actors: BTreeMap<ActorId, ActorCounters>,
    pub latency: LatencyHistogram,
    #[serde(skip)]
    published_at: BTreeMap<PublishId, SimTime>,
}

impl Stats {
    pub(crate) fn record_depth(&mut self, queue: QueueId, time: SimTime, depth: usize) {
        let series = self.queue_depth.entry(queue).or_default();
        match series.last_mut() {
            Some(last) if last.0 == time => last.1 = depth,
            _ => series.push((time, depth)),
        }
        if series.len() > MAX_SERIES_POINTS {
            let mut keep = false;
            series.retain(|_| {
                keep = !keep;
                keep
            });
        }
    }

    pub(crate) fn record_publish(&mut self, publish: PublishId, time: SimTime) {
        self.published_at.insert(publish, time);
        if self.published_at.len() > MAX_TRACKED_PUBLISHES {
            self.published_at.pop_first();
        }
    }

    pub(crate) fn record_ack(&mut self, publish: PublishId, time: SimTime) {
        if let Some(published) = self.published_at.get(&publish) {
            self.latency.record(time - published);
        }
    }

    pub(crate) fn actor(&mut self, actor: ActorId) -> &mut ActorCounters {
        self.actors.entry(actor).or_default()
    }

    /// Latency percentiles p50, p95, p99 in ms.
    pub fn latency_percentiles(&self) -> [Option<SimTime>; 3] {
        [self.latency.percentile(500), self.latency.percentile(950), self.latency.percentile(990)]
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
    }
}
