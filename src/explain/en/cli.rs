//! The command line's words in English.

use crate::explain::keys::CliWords;
use crate::explain::lang::English;

/// `1 event`, `2 events`.
fn counted(count: u64, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}

impl CliWords for English {
    fn run_heading(&self, name: &str, title: &str, seed: u64) -> String {
        format!("# {name}: {title} (seed {seed})")
    }
    fn what_to_watch(&self, watch: &str) -> String {
        format!("# What to watch: {watch}")
    }
    fn summary_finished(&self, events: u64, steps: u64, time_ms: u64, latency: &str) -> String {
        format!(
            "# {} in {}, virtual time {time_ms} ms, finished; {latency}",
            counted(events, "event"),
            counted(steps, "step")
        )
    }
    fn summary_stopped(&self, events: u64, steps: u64, time_ms: u64, latency: &str) -> String {
        format!(
            "# {} in {}, virtual time {time_ms} ms, stopped early; {latency}",
            counted(events, "event"),
            counted(steps, "step")
        )
    }
    fn latency(&self, p50: &str, p95: &str, p99: &str) -> String {
        format!("publish-to-ack latency p50 {p50} p95 {p95} p99 {p99}")
    }
    fn latency_ms(&self, ms: u64) -> String {
        format!("{ms} ms")
    }
    fn no_latency(&self) -> String {
        "-".into()
    }
    fn cannot_load_scenario(&self) -> String {
        "cannot load scenario:".into()
    }
    fn cannot_load_lesson(&self) -> String {
        "cannot load lesson:".into()
    }
    fn no_lesson(&self, name: &str, names: &str) -> String {
        format!("no lesson file or built-in lesson named '{name}'; the built-in lessons are {names}")
    }
    fn lesson_unavailable(&self, name: &str) -> String {
        format!("the lesson '{name}' could not be loaded; check the connection and try again")
    }
    fn no_difficulty(&self, found: &str) -> String {
        format!("no difficulty '{found}'; the difficulties are easy, medium, hard")
    }
    fn cannot_load_definitions(&self) -> String {
        "cannot load definitions:".into()
    }
    fn cannot_load_script(&self) -> String {
        "cannot load script:".into()
    }
    fn cannot_start_scenario(&self, name: &str) -> String {
        format!("cannot start scenario '{name}':")
    }
    fn cannot_apply_intervene(&self) -> String {
        "cannot apply --intervene:".into()
    }
    fn invalid_script(&self, path: &str) -> String {
        format!("invalid script {path}")
    }
    fn script_failed(&self, path: &str) -> String {
        format!("script {path} failed")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_of_one_event_says_it_in_the_singular() {
        assert_eq!(English.summary_finished(1, 1, 0, "-"), "# 1 event in 1 step, virtual time 0 ms, finished; -");
        assert_eq!(English.summary_stopped(2, 3, 5, "-"), "# 2 events in 3 steps, virtual time 5 ms, stopped early; -");
    }
}
