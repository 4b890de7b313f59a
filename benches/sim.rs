//! Simulator benchmarks: events per second on the 50-producer, 200-queue, 100-consumer
//! load scenario, the cost of `step_back` and of a mid-run `seek` in a long run, and what an
//! intervention costs the web app (the fork: the run resumed just before the intervention
//! and computed from there to its end). Figures go to BENCHMARKS.md.

use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use kaiten::formats::scenario::ScriptAction;
use kaiten::scenarios::load::{LoadShape, load_scenario};
use kaiten::sim::{Session, Until};
use kaiten::studio::{Studio, StudioAction};

fn events_per_second(c: &mut Criterion) {
    let scenario = load_scenario(LoadShape::benchmark(40));
    let mut probe = Session::new(scenario.build(1).unwrap());
    probe.run_until(Until::Idle);
    let steps = probe.position();
    let entries = probe.trace().len() as u64 + probe.trace_dropped();
    println!("load scenario: {steps} world steps, {entries} trace entries per run");
    let mut group = c.benchmark_group("simulate");
    group.sample_size(10);
    group.throughput(Throughput::Elements(steps));
    group.bench_function("load_50p_200q_100c_steps", |b| {
        b.iter_batched(
            || Session::new(scenario.build(1).unwrap()),
            |mut session| {
                session.run_until(Until::Idle);
                session
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

/// A session one million world steps into the load scenario.
fn million_step_session() -> Session {
    let scenario = load_scenario(LoadShape::benchmark(3_000));
    let mut session = Session::new(scenario.build(1).unwrap());
    session.run_until(Until::Step(1_000_000));
    assert_eq!(session.position(), 1_000_000);
    session
}

fn history(c: &mut Criterion) {
    let session = million_step_session();
    let mut group = c.benchmark_group("history");
    group.sample_size(20);
    group.bench_function("step_back_at_1m", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                let mut copy = session.clone();
                let start = Instant::now();
                copy.step_back();
                total += start.elapsed();
            }
            total
        })
    });
    group.bench_function("seek_to_middle_of_1m", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                let mut copy = session.clone();
                let start = Instant::now();
                copy.seek(500_000);
                total += start.elapsed();
            }
            total
        })
    });
    group.finish();
    println!("snapshots held at 1M steps: {}", session.snapshot_count());
}

/// A crash applied half-way through the browser's canvas load scenario (100 nodes, about
/// 64,000 world steps): the document's script gains a step, the run forks (it takes the
/// trace before the intervention and computes its first steps past it; the rest follows in
/// slices between frames, measured apart), and the view jumps to the intervention.
fn fork(c: &mut Criterion) {
    // Each iteration forks a studio of its own: a fork takes its run's trace.
    let halfway = || {
        let mut studio = Studio::with_builtin("load");
        while studio.computing() {
            studio = studio.apply(StudioAction::ComputeSlice);
        }
        let middle = studio.run().expect("the load scenario runs").end / 2;
        studio.apply(StudioAction::Seek(middle))
    };
    let crash = |studio: Studio| studio.apply(StudioAction::Intervene(ScriptAction::StopActor("c0".into())));
    let mut group = c.benchmark_group("intervene");
    group.sample_size(10);
    group.bench_function("crash_in_canvas_load", |b| b.iter_batched(halfway, crash, BatchSize::LargeInput));
    group.bench_function("crash_in_canvas_load_then_the_rest_in_slices", |b| {
        b.iter_batched(
            halfway,
            |studio| {
                let mut studio = crash(studio);
                while studio.computing() {
                    studio = studio.apply(StudioAction::ComputeSlice);
                }
                studio
            },
            BatchSize::LargeInput,
        )
    });
    let rpc_call = || Studio::with_builtin("rpc-call").apply(StudioAction::Step).apply(StudioAction::Step);
    group.bench_function("crash_in_rpc_call", |b| {
        b.iter_batched(
            rpc_call,
            |studio| studio.apply(StudioAction::Intervene(ScriptAction::StopActor("compute-host1".into()))),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, events_per_second, history, fork);
criterion_main!(benches);
