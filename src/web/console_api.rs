//! Functions the page exports to JavaScript (`window.wasmBindings`), for checking the
//! engine from the browser console and from the end-to-end tests: the trace digest of a
//! built-in scenario (equal to `kaiten run NAME --seed N --digest` natively, which is how
//! the wasm build is checked to replay byte for byte), and a run of the generated load
//! scenario whose duration the caller times with `performance.now()`.

use wasm_bindgen::prelude::wasm_bindgen;

use crate::scenarios::load::{LoadShape, load_scenario};
use crate::sim::{Session, Until, trace_digest};

/// Problems in the app's English words (not `{:?}`, which would keep every problem type's
/// `Debug` code in the bundle for this one text).
fn worded(problems: &[crate::formats::Diagnostic]) -> String {
    let worded: Vec<String> =
        problems.iter().map(|problem| crate::explain::problem(crate::explain::lang::Lang::En, problem)).collect();
    worded.join("; ")
}

/// The trace digest (16 hex digits) of a built-in scenario run to the end with `seed`,
/// or an error text.
#[wasm_bindgen]
pub fn kaiten_trace_digest(name: &str, seed: u64) -> String {
    let scenario = match crate::scenarios::builtin(name) {
        Some(Ok(scenario)) => scenario,
        Some(Err(errors)) => return format!("error: {}", worded(&errors)),
        None => return format!("error: no built-in scenario '{name}'"),
    };
    match scenario.build(seed) {
        Ok(world) => {
            let mut session = Session::new(world);
            session.run_until(Until::Idle);
            format!("{:016x}", trace_digest(session.trace()))
        }
        Err(errors) => format!("error: {}", worded(&errors)),
    }
}

/// Runs the benchmark load scenario (50 producers, 200 queues, 100 consumers) to the end
/// and returns the number of trace entries it produced.
#[wasm_bindgen]
pub fn kaiten_run_load(messages_per_producer: u32) -> f64 {
    let scenario = load_scenario(LoadShape::benchmark(u64::from(messages_per_producer)));
    let mut session = Session::new(scenario.build(1).expect("the load scenario builds"));
    session.run_until(Until::Idle);
    (session.trace().len() as u64 + session.trace_dropped()) as f64
}
