//! A fork (an intervention added to a run, or taken out, resuming from the latest state the
//! change leaves as it was) gives the run computed again from the start, byte for byte: the
//! trace, its digest, the depth history and the world, in the simulator and in the studio.

mod common;

use std::rc::Rc;

use kaiten::editor::Document;
use kaiten::engine::SimTime;
use kaiten::formats::scenario::{Scenario, ScriptStep};
use kaiten::sim::{ActorId, InputChange, Intervention, Session, Until, trace_digest};
use kaiten::studio::run::Run;
use kaiten::studio::{Studio, StudioAction};
use proptest::prelude::*;
use serde_json::{Value, json};

/// Where the runs stop (some scenarios with interventions never go quiet).
const LIMIT: u64 = 20_000;

fn builtin(name: &str) -> Scenario {
    kaiten::scenarios::builtin(name).expect("built in").expect("loads")
}

fn with_script(scenario: &Scenario, steps: &[Value]) -> Scenario {
    let mut scenario = scenario.clone();
    scenario.script.clear();
    let steps: Vec<String> = steps.iter().map(Value::to_string).collect();
    scenario.with_script_steps(&steps).unwrap_or_else(|errors| panic!("{errors:?}"))
}

fn run(scenario: &Scenario, seed: u64) -> Session {
    let mut session = Session::new(scenario.build(seed).unwrap_or_else(|errors| panic!("{errors:?}")));
    session.run_until(Until::Step(LIMIT));
    session
}

/// The intervention the last step of `scenario`'s script is in its run.
fn last_intervention(scenario: &Scenario) -> Intervention {
    let named =
        |name: &str| scenario.actors.iter().position(|actor| actor.name() == name).map(|idx| ActorId(idx as u32));
    scenario.script.last().expect("a step").intervention(named).expect("names an actor of the scenario")
}

/// Everything about a session a test can see, as text: the trace, the depth history and
/// the world (the schedule's `Debug` leaves out its sequence numbers, which are not state).
fn observed(session: &Session) -> (u64, String, String, String) {
    let trace: Vec<_> = session.trace().iter().collect();
    (
        trace_digest(session.trace()),
        serde_json::to_string(&trace).unwrap(),
        format!("{:?}", session.depth_history()),
        format!("{:?}", session.world()),
    )
}

/// Fails with where two observations first differ (they are long).
fn assert_same(got: &(u64, String, String, String), want: &(u64, String, String, String), context: &str) {
    let parts = [("trace", &got.1, &want.1), ("depth history", &got.2, &want.2), ("world", &got.3, &want.3)];
    for (what, got, want) in parts {
        if let Some(at) = got
            .bytes()
            .zip(want.bytes())
            .position(|(a, b)| a != b)
            .or((got.len() != want.len()).then(|| got.len().min(want.len())))
        {
            let window =
                |text: &str| text.get(at.saturating_sub(300)..(at + 200).min(text.len())).unwrap_or("").to_string();
            panic!(
                "{context}: the {what} differs at byte {at}:\n  forked:     {}\n  recomputed: {}",
                window(got),
                window(want)
            );
        }
    }
    assert_eq!(got.0, want.0, "{context}: digest");
}

/// A script step for intervention `kind` (0..10) on `actor`, with `n` as its number.
fn step(kind: u8, at: SimTime, actor: &str, n: u64) -> Value {
    common::intervention_step(kind, at, actor, n).unwrap_or_else(|| json!({"at_ms": at, "resume_actor": actor}))
}

/// Forks `base` (its run moved back to `position` first) by `change`, runs on to the limit.
fn forked(base: &Session, position: Option<u64>, change: &InputChange) -> Session {
    let mut session = base.clone();
    if let Some(position) = position {
        session.seek(position);
    }
    let from = session.fork(change).expect("a whole trace forks");
    assert!(from <= session.position());
    session.run_until(Until::Step(LIMIT));
    session
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Adding an intervention by a fork gives the run of the scenario with it, and taking it
    /// out again by a fork gives the run without it, whichever position the fork starts at.
    #[test]
    fn a_forked_run_is_the_run_computed_from_the_start(
        name in prop::sample::select(vec!["work-queues", "rpc-call", "notifications", "consumer-crash-before-ack", "rpc-long-call"]),
        seed in 0u64..1000,
        earlier in prop::collection::vec((0u8..10, 0u64..2000, 0usize..8, 0u64..30), 0..3),
        (kind, at, actor, n) in (0u8..10, 0u64..2000, 0usize..8, 0u64..30),
        moved_back in prop::option::of(0.0f64..1.0),
    ) {
        let scenario = builtin(name);
        let actor_name = |idx: usize| scenario.actors[idx % scenario.actors.len()].name().to_string();
        let mut steps: Vec<Value> =
            earlier.iter().map(|(kind, at, actor, n)| step(*kind, *at, &actor_name(*actor), *n)).collect();
        let without = with_script(&scenario, &steps);
        steps.push(step(kind, at, &actor_name(actor), n));
        let with = with_script(&scenario, &steps);
        let intervention = last_intervention(&with);

        let base = run(&without, seed);
        let position = moved_back.map(|fraction| (base.position() as f64 * fraction) as u64);
        let added = forked(&base, position, &InputChange::Add(intervention.clone()));
        assert_same(&observed(&added), &observed(&run(&with, seed)), "added");

        let position = moved_back.map(|fraction| (added.position() as f64 * fraction) as u64);
        let removed = forked(&added, position, &InputChange::Remove(intervention));
        assert_same(&observed(&removed), &observed(&base), "removed");
    }
}

/// What a user can see of a run, whole: its trace, index, places, depth history and length.
fn seen(run: &Run) -> String {
    format!(
        "{} {:?} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
        trace_digest(&run.trace),
        run.trace,
        run.end,
        run.cut,
        run.depth,
        run.arrows,
        (&run.messages, &run.entries_of, &run.arrows_of),
        run.places,
        run.involved,
        run.session.world(),
    )
}

/// `run`, complete, equals `doc`'s run computed from the start, at the same position.
fn assert_as_recomputed(run: &Run, doc: &Rc<Document>) {
    assert!(run.is_complete());
    let mut again = Run::new(doc.clone()).unwrap_or_else(|problems| panic!("{problems:?}"));
    again.jump(run.session.position());
    assert_eq!(seen(run), seen(&again));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// In the studio, an intervention forks the run, and so does taking it out (as Undo does
    /// when its old run is no longer kept); each gives the run the document gives computed
    /// from the start.
    #[test]
    fn the_studio_forks_an_intervention_and_its_undo_exactly(
        name in prop::sample::select(vec!["work-queues", "rpc-call", "notifications", "consumer-crash-before-ack", "rpc-long-call"]),
        fraction in 0.0f64..1.0,
        kind in 0u8..10,
        actor in 0usize..8,
        n in 0u64..30,
    ) {
        let studio = Studio::with_builtin(name);
        let end = studio.run().unwrap().end;
        let studio = studio.apply(StudioAction::Seek((end as f64 * fraction) as u64));
        let actors: Vec<String> = studio.run().unwrap().session.world().actors().map(|(_, actor)| actor.name().to_string()).collect();
        let action: ScriptStep = serde_json::from_value(step(kind, 0, &actors[actor % actors.len()], n)).unwrap();
        let before = studio.editor.doc.clone();
        let studio = studio.apply(StudioAction::Intervene(action.action));
        let after = studio.editor.doc.clone();
        assert_as_recomputed(&studio.run().unwrap(), &after);
        // The same fork, made directly from the same position, then taken back.
        let mut run = Run::new(before.clone()).unwrap();
        run.jump((end as f64 * fraction) as u64);
        let mut forked = run.fork(after.clone()).expect("one intervention more forks");
        forked.finish();
        assert_as_recomputed(&forked, &after);
        forked.jump((forked.end as f64 * fraction) as u64);
        let mut undone = forked.fork(before.clone()).expect("one intervention fewer forks");
        undone.finish();
        undone.jump(forked.session.position());
        assert_as_recomputed(&undone, &before);
    }
}

/// A run of the load scenario's little sister: many events in each millisecond, so forks
/// at and around instants where several things happen.
fn busy() -> Scenario {
    kaiten::scenarios::load::load_scenario(kaiten::scenarios::load::LoadShape::benchmark(4))
}

#[test]
fn an_intervention_at_time_zero_or_at_a_snapshots_time_forks_exactly() {
    let scenario = busy();
    let base = run(&with_script(&scenario, &[]), 1);
    // The times of the snapshots (every 256 steps), and of instants inside them.
    let mut times: Vec<SimTime> = vec![0, 1];
    for position in [256, 512, 1024, base.position() - 1] {
        let mut session = base.clone();
        session.seek(position);
        times.push(session.now());
        times.push(session.now() + 1);
    }
    for at in times {
        for moved_back in [None, Some(0), Some(256), Some(257), Some(1024)] {
            let with = with_script(&scenario, &[json!({"at_ms": at, "stop_actor": "c0"})]);
            let intervention = last_intervention(&with);
            let added = forked(&base, moved_back, &InputChange::Add(intervention.clone()));
            assert_same(&observed(&added), &observed(&run(&with, 1)), &format!("at {at} ms, from {moved_back:?}"));
            let removed = forked(&added, moved_back, &InputChange::Remove(intervention));
            assert_same(&observed(&removed), &observed(&base), &format!("taken out at {at} ms, from {moved_back:?}"));
        }
    }
}

#[test]
fn a_fork_resumes_from_before_the_intervention_not_from_the_start() {
    let scenario = busy();
    let base = run(&with_script(&scenario, &[]), 1);
    // A position after which time moves on (the depth history can be cut there exactly).
    let mut session = base.clone();
    session.seek(base.position() * 2 / 3);
    while session.world().next_time() == Some(session.now()) {
        session.seek(session.position() + 1);
    }
    let here = session.position();
    let at = session.now() + 1;
    let with = with_script(&scenario, &[json!({"at_ms": at, "stop_actor": "c0"})]);
    let from = session.fork(&InputChange::Add(last_intervention(&with))).unwrap();
    assert_eq!(from, here, "the world on screen had not reached the intervention's time");
    // From the end of the run, the latest snapshot (every 256 steps) before that time.
    let mut session = base.clone();
    let from = session.fork(&InputChange::Add(last_intervention(&with))).unwrap();
    assert!(from.is_multiple_of(256) && here - from < 1024, "resumed at {from}, the intervention after {here}");
}

#[test]
fn removing_an_intervention_that_is_not_there_forks_nothing() {
    let scenario = with_script(&busy(), &[json!({"at_ms": 50, "stop_actor": "c0"})]);
    let mut session = run(&scenario, 1);
    let before = observed(&session);
    let other = Intervention { at: 50, action: kaiten::sim::InterventionAction::Crash { actor: ActorId(1) } };
    assert_eq!(session.fork(&InputChange::Remove(other)), None);
    assert_eq!(observed(&session), before);
}

/// A queue whose depth goes up and back down within one millisecond, again and again: a
/// publish arrives, then the ack that lets the next message out.
fn backlog() -> Scenario {
    let file = json!({
        "kaiten_scenario": 1, "name": "backlog",
        "definitions": {"queues": [{"name": "work"}]},
        "actors": [
            {"kind": "producer", "name": "p", "routing_key": "work", "count": 150, "interval_ms": 3},
            {"kind": "consumer", "name": "c0", "queue": "work", "prefetch": 1, "processing_ms": {"fixed": 4}}
        ]
    });
    Scenario::from_json(&file.to_string()).unwrap_or_else(|errors| panic!("{errors:?}"))
}

#[test]
fn a_fork_from_inside_an_instant_gives_the_same_depth_history() {
    // Cut inside such an instant, a depth series lacks the point the later step of that
    // instant replaced; the fork goes back to where time moved on instead (cutting there
    // made 3 of these 106 forks differ).
    let scenario = backlog();
    let base = run(&scenario, 1);
    let mut inside = 0;
    for position in 1..base.position() {
        let mut session = base.clone();
        session.seek(position);
        if session.world().next_time() != Some(session.now()) {
            continue;
        }
        inside += 1;
        let with = with_script(&scenario, &[json!({"at_ms": session.now() + 1, "stop_actor": "c0"})]);
        let from = session.fork(&InputChange::Add(last_intervention(&with))).unwrap();
        assert!(from < position, "not from inside the instant");
        session.run_until(Until::Step(LIMIT));
        assert_same(&observed(&session), &observed(&run(&with, 1)), &format!("forked at {position}"));
    }
    assert!(inside > 100, "{inside} positions inside an instant");
}

#[test]
fn a_change_that_is_not_the_last_at_its_time_is_not_forked() {
    let scenario = builtin("work-queues");
    let (a, b) = (scenario.actors[1].name().to_string(), scenario.actors[2].name().to_string());
    let doc = |steps: &[Value]| Rc::new(Document::from_scenario(&with_script(&scenario, steps)).unwrap());
    let (crash_a, crash_b) = (step(0, 100, &a, 0), step(0, 100, &b, 0));
    let both = doc(&[crash_a.clone(), crash_b.clone()]);
    let (first, second) = (doc(&[crash_a]), doc(&[crash_b]));
    let mut run = Run::new(both.clone()).unwrap();
    assert!(run.fork(second.clone()).is_none(), "taking out the first of two at 100 ms");
    let mut forked = run.fork(first.clone()).expect("the last at 100 ms forks");
    forked.finish();
    assert_as_recomputed(&forked, &first);
    assert!(Run::new(second).unwrap().fork(both).is_none(), "adding one before another at 100 ms");
}

/// `Session::world_at` replays from the nearest snapshot without moving the session: the
/// world it gives is the one a session stepped there from the start holds.
#[test]
fn a_world_at_any_position_is_the_world_stepped_there() {
    let scenario = builtin("notifications");
    let session = run(&scenario, scenario.seed);
    let end = session.position();
    for position in [0, 1, 17, end / 3, end / 2, end - 1, end, end + 5] {
        let mut stepped = Session::new(scenario.build(scenario.seed).unwrap());
        stepped.run_until(Until::Step(position));
        assert_eq!(
            format!("{:?}", session.world_at(position)),
            format!("{:?}", stepped.world()),
            "at position {position}"
        );
    }
    assert_eq!(session.position(), end, "the session stays where it was");
}

/// A run computed in slices, played and seeked while it is computed, is the run computed at
/// once; so is a fork of a long run, computed in slices after it.
#[test]
fn a_run_computed_in_slices_is_the_run_computed_at_once() {
    let scenario = kaiten::scenarios::load::load_scenario(kaiten::scenarios::load::LoadShape::benchmark(48));
    let doc = Rc::new(Document::from_scenario(&scenario).unwrap());
    let whole = Run::new(doc.clone()).unwrap();
    assert!(whole.end > 4 * kaiten::studio::run::FIRST_STEPS, "long enough to be sliced: {}", whole.end);
    let mut sliced = Run::start(doc.clone()).unwrap();
    assert!(!sliced.is_complete());
    assert_eq!(sliced.session.position(), 0, "a run starts at its start");
    let mut slices = 0;
    while !sliced.is_complete() {
        // Watched while it is computed: each slice leaves the view where it was.
        let view = sliced.end / 2;
        sliced.jump(view);
        sliced.compute_slice();
        assert_eq!(sliced.session.position(), view);
        slices += 1;
    }
    assert!(slices > 4, "{slices} slices");
    assert_as_recomputed(&sliced, &doc);
    // A jump past what is computed computes on to it.
    let mut started = Run::start(doc.clone()).unwrap();
    started.jump(whole.end - 1);
    assert_eq!(started.session.position(), whole.end - 1);
    started.finish();
    assert_as_recomputed(&started, &doc);

    // A fork a quarter of the way through, finished in slices.
    let mut base = Run::new(doc.clone()).unwrap();
    base.jump(whole.end / 4);
    let at = base.session.now() + 1;
    let actor = base.session.world().actors().nth(1).map(|(_, actor)| actor.name().to_string()).unwrap();
    let after = Rc::new(Document::from_scenario(&with_script(&scenario, &[step(0, at, &actor, 0)])).unwrap());
    let mut forked = base.fork(after.clone()).expect("forks");
    assert!(!forked.is_complete(), "a fork computes only its first steps at once");
    while !forked.is_complete() {
        forked.compute_slice();
    }
    assert_as_recomputed(&forked, &after);
}
