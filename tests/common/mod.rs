//! What several integration tests share: a scenario script step for each kind of
//! intervention, for the property tests that throw random interventions at a run.

use serde_json::{Value, json};

/// A script step for intervention `kind` (0..9) at `at` on the actor named `actor`, with `n`
/// as its number (a factor, a duration, a message); `None` for the kinds a test picks itself.
pub fn intervention_step(kind: u8, at: u64, actor: &str, n: u64) -> Option<Value> {
    Some(match kind {
        0 => json!({"at_ms": at, "stop_actor": actor}),
        1 => json!({"at_ms": at, "stop_gracefully": actor}),
        2 => json!({"at_ms": at, "restart_actor": actor}),
        3 => json!({"at_ms": at, "pause_actor": actor}),
        4 => json!({"at_ms": at, "slow_actor": {"actor": actor, "factor": n % 20 + 1}}),
        5 => json!({"at_ms": at, "cut_off": {"actor": actor, "ms": n * 100}}),
        6 => json!({"at_ms": at, "drop_message": {"message": n}}),
        7 => json!({"at_ms": at, "duplicate_message": n}),
        8 => json!({"at_ms": at, "restart_broker": {}}),
        _ => return None,
    })
}
