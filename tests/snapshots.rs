//! Pins what a user reads: every built-in scenario's explained trace, in every language, as
//! `kaiten run NAME --lang TAG` prints it, and every scenario's trace digest, as
//! `kaiten run NAME --digest` prints it. A change in wording or behaviour then shows up as a
//! diff of `tests/snapshots/` in review; `UPDATE_EXPECT=1 cargo test --test snapshots` blesses it.

use expect_test::expect_file;
use kaiten::explain::lang::Lang;
use kaiten::explain::transcript::transcript;
use kaiten::formats::scenario::Scenario;
use kaiten::scenarios;
use kaiten::sim::{Session, Until, trace_digest};
use kaiten::studio::Pick;

/// The step limit `kaiten run` stops at without `--max-steps`; every built-in finishes first.
const MAX_STEPS: u64 = 1_000_000;

/// A built-in scenario run with its own seed to the end, as `kaiten run NAME` runs it.
fn run_to_end(name: &str) -> (Scenario, Session) {
    let scenario = scenarios::builtin(name).expect("listed").unwrap_or_else(|errors| panic!("{name}: {errors:?}"));
    let world = scenario.build(scenario.seed).unwrap_or_else(|errors| panic!("{name}: {errors:?}"));
    let mut session = Session::new(world);
    session.run_until(Until::Step(MAX_STEPS));
    assert!(session.is_finished(), "{name} is still busy after {MAX_STEPS} steps");
    (scenario, session)
}

#[test]
fn every_builtin_explained_trace_in_every_language() {
    for name in scenarios::names() {
        let scenario = scenarios::builtin(name).expect("listed").unwrap_or_else(|errors| panic!("{name}: {errors:?}"));
        let world = scenario.build(scenario.seed).unwrap_or_else(|errors| panic!("{name}: {errors:?}"));
        for lang in Lang::ALL {
            let mut session = Session::new(world.clone());
            let pick = Pick::Builtin(name.to_string());
            let text = transcript(lang, &pick, &scenario, scenario.seed, &mut session, &mut |session| {
                session.position() < MAX_STEPS
            });
            assert!(session.is_finished(), "{name} is still busy after {MAX_STEPS} steps");
            expect_file![format!("snapshots/{name}.{}.txt", lang.tag())].assert_eq(&text);
        }
    }
}

#[test]
fn every_builtin_trace_digest() {
    let lines: String = scenarios::names()
        .map(|name| {
            let (_, session) = run_to_end(name);
            format!("{name} {:016x}\n", trace_digest(session.trace()))
        })
        .collect();
    expect_file!["snapshots/digests.txt"].assert_eq(&lines);
}
