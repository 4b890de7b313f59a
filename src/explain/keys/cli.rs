//! The keys of the command line's own words around a trace (its heading and its summary)
//! and over a file's problems.

use crate::explain::lang::words;

words! {
    /// What `kaiten run` prints around the trace.
    pub trait CliWords {
        fn run_heading(&self, name: text, title: text, seed: number);
        fn what_to_watch(&self, watch: text);
        fn summary_finished(&self, events: number, steps: number, time_ms: number, latency: text);
        fn summary_stopped(&self, events: number, steps: number, time_ms: number, latency: text);
        fn latency(&self, p50: text, p95: text, p99: text);
        fn latency_ms(&self, ms: number);
        fn no_latency(&self);

        // Headings over a file's problems.
        fn cannot_load_scenario(&self);
        fn cannot_load_lesson(&self);
        fn no_lesson(&self, name: text, names: text);
        fn lesson_unavailable(&self, name: text);
        fn no_difficulty(&self, found: text);
        fn cannot_load_definitions(&self);
        fn cannot_load_script(&self);
        fn cannot_start_scenario(&self, name: text);
        fn cannot_apply_intervene(&self);
        fn invalid_script(&self, path: text);
        fn script_failed(&self, path: text);
    }
}
