//! Runs the benchmark load scenario natively and prints how long it took, as JSON, for
//! `scripts/wasm-bench.mjs` to compare with the same run in the browser.
//!
//! Usage: `load [MESSAGES_PER_PRODUCER] [RUNS]` (defaults 40 and 5; the best run counts).

use std::time::Instant;

use kaiten::scenarios::load::{LoadShape, load_scenario};
use kaiten::sim::{Session, Until};

fn main() {
    let mut args = std::env::args().skip(1).map(|arg| arg.parse::<u64>().expect("arguments are integers"));
    let messages = args.next().unwrap_or(40);
    let runs = args.next().unwrap_or(5);
    let scenario = load_scenario(LoadShape::benchmark(messages));
    let mut best = f64::MAX;
    let mut entries = 0;
    let mut steps = 0;
    for _ in 0..runs {
        let mut session = Session::new(scenario.build(1).expect("the load scenario builds"));
        let start = Instant::now();
        session.run_until(Until::Idle);
        best = best.min(start.elapsed().as_secs_f64() * 1000.0);
        entries = session.trace().len() as u64 + session.trace_dropped();
        steps = session.position();
    }
    println!(
        "{{\"messages_per_producer\": {messages}, \"steps\": {steps}, \"entries\": {entries}, \"best_ms\": {best:.3}}}"
    );
}
