//! The simulator: determinism, exact step-back, bounded history, and work-queue behaviour.

use kaiten::engine::{Destination, ExchangeKind, ExchangeSpec, QueueSpec, Topology};
use kaiten::explain::Describer;
use kaiten::sim::actors::{Consumer, ConsumerConfig, Processing, Producer, ProducerConfig};
use kaiten::sim::{Actor, Network, Session, Settle, TraceEvent, Until, World};
use proptest::prelude::*;

fn producer(name: &str, exchange: &str, routing_key: &str, count: u64, interval_ms: u64) -> ProducerConfig {
    ProducerConfig {
        name: name.into(),
        exchange: exchange.into(),
        routing_key: routing_key.into(),
        body: kaiten::sim::actors::default_body(),
        count,
        interval_ms,
        start_ms: 0,
        mandatory: false,
        message_id: None,
        priority: None,
        expiration: None,
        delivery_mode: None,
        headers: Default::default(),
        reply_queue: None,
    }
}

fn consumer(name: &str, queue: &str, prefetch: u32, processing_ms: Processing) -> ConsumerConfig {
    ConsumerConfig {
        name: name.into(),
        queue: queue.into(),
        prefetch,
        processing_ms,
        settle: Settle::Ack,
        auto_ack: false,
        failure: None,
        reply: false,
        start_ms: 0,
    }
}

/// One producer, a topic exchange with two queues, consumers of different speeds.
fn work_world(seed: u64, count: u64, failure: f64) -> World {
    let mut topology = Topology::new();
    let exchange = topology.declare_exchange(ExchangeSpec::new("orders", ExchangeKind::Topic)).unwrap();
    let tasks = topology.declare_queue(QueueSpec::new("tasks")).unwrap();
    let audit = topology.declare_queue(QueueSpec::new("audit")).unwrap();
    topology.bind(exchange, Destination::Queue(tasks), "order.*", Default::default()).unwrap();
    topology.bind(exchange, Destination::Queue(audit), "order.#", Default::default()).unwrap();
    let mut slow = consumer("slow", "tasks", 1, Processing::Uniform([200, 400]));
    slow.failure = Some(kaiten::sim::actors::Failure { probability: failure, settle: Settle::NackRequeue });
    let actors: Vec<Box<dyn Actor>> = vec![
        Box::new(Producer::new(producer("P", "orders", "order.{n}", count, 50))),
        Box::new(Consumer::new(slow)),
        Box::new(Consumer::new(consumer("fast", "tasks", 0, Processing::Exponential(30)))),
        Box::new(Consumer::new(consumer("auditor", "audit", 5, Processing::Fixed(10)))),
    ];
    World::new(topology, actors, Network::default(), seed, &[])
}

fn run_to_end(seed: u64) -> String {
    let mut session = Session::new(work_world(seed, 20, 0.2));
    session.run_until(Until::Idle);
    serde_json::to_string(session.trace()).unwrap()
}

#[test]
fn same_seed_same_trace_other_seed_other_trace() {
    assert_eq!(run_to_end(7), run_to_end(7));
    assert_ne!(run_to_end(7), run_to_end(8));
}

#[test]
fn every_message_is_acked_and_queues_drain() {
    let mut session = Session::new(work_world(3, 20, 0.0));
    session.run_until(Until::Idle);
    let broker = session.world().broker();
    let ledger = broker.ledger();
    assert_eq!(ledger.publishes, 20);
    assert_eq!(ledger.copies_made, 40);
    assert_eq!(ledger.acked, 40);
    assert!(broker.held_copies().is_empty());
    let p = session.world().stats().latency_percentiles();
    assert!(p[0].is_some() && p[0] <= p[2]);
}

#[test]
fn prefetch_one_consumer_never_holds_two() {
    let mut session = Session::new(work_world(5, 30, 0.0));
    let tasks = session.world().broker().topology().queue_by_name("tasks").unwrap().id;
    while session.step() {
        for (_, unacked) in session.world().broker().consumers_of(tasks).into_iter().take(1) {
            assert!(unacked <= 1, "the prefetch-1 consumer holds {unacked}");
        }
    }
}

#[test]
fn explanations_name_the_binding_and_the_words() {
    let mut session = Session::new(work_world(1, 1, 0.0));
    session.run_until(Until::Idle);
    let world = session.world();
    let mut describer = Describer::default();
    let lines: Vec<String> = session
        .trace()
        .iter()
        .flat_map(|entry| {
            let description = describer.describe(entry, world);
            std::iter::once(description.sentence).chain(description.details)
        })
        .collect();
    let text = lines.join("\n");
    assert!(text.contains("exchange 'orders' routed 'P-1' to 'tasks', 'audit'"), "{text}");
    assert!(text.contains("'orders' binding 'order.*' -> 'tasks': matched, 'order.1' fits with * = '1'"), "{text}");
    assert!(text.contains("'orders' binding 'order.#' -> 'audit': matched, 'order.1' fits with # = '1'"), "{text}");
}

#[test]
fn unroutable_and_missing_exchange_are_events_not_errors() {
    let topology = Topology::new();
    let mut config = producer("P", "nowhere", "k", 1, 10);
    config.mandatory = true;
    let mut defaults = producer("Q", "", "no-such-queue", 1, 10);
    defaults.mandatory = true;
    let actors: Vec<Box<dyn Actor>> = vec![Box::new(Producer::new(config)), Box::new(Producer::new(defaults))];
    let mut session = Session::new(World::new(topology, actors, Network::default(), 1, &[]));
    session.run_until(Until::Idle);
    let refused =
        session.trace().iter().filter(|entry| matches!(entry.event, TraceEvent::PublishRefused { .. })).count();
    let returned = session
        .trace()
        .iter()
        .filter(|entry| matches!(&entry.event, TraceEvent::Note { note: kaiten::sim::Note::Returned { .. }, .. }))
        .count();
    assert_eq!((refused, returned), (1, 1));
}

#[test]
fn run_until_a_condition_stops_at_that_step() {
    let mut session = Session::new(work_world(2, 5, 0.0));
    let found = session
        .run_until_entry(|entry| matches!(entry.event, TraceEvent::Broker(kaiten::engine::BrokerEvent::Acked { .. })));
    assert!(found);
    let last = session.trace().back().unwrap().step;
    assert_eq!(last, session.position());
    assert!(!session.run_until_entry(|_| false), "runs to the end when the condition never holds");
    assert!(session.is_finished());
}

#[test]
fn history_is_bounded_on_long_runs() {
    let mut session = Session::with_retention(work_world(9, 3_000, 0.1), 1_000);
    session.run_until(Until::Idle);
    assert!(session.position() > 20_000, "only {} steps", session.position());
    assert_eq!(session.trace().len(), 1_000);
    assert!(session.snapshot_count() <= 1 + 17 + kaiten::sim::session::MAX_FAR_SNAPSHOTS);
    let middle = session.position() / 2;
    session.seek(middle);
    assert_eq!(session.position(), middle);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// N steps back then N forward gives the identical state and trace.
    #[test]
    fn back_then_forward_is_identical(seed in 0u64..1_000, forward in 1usize..150, back in 1usize..60) {
        let mut session = Session::new(work_world(seed, 15, 0.3));
        for _ in 0..forward {
            session.step();
        }
        let trace_before = serde_json::to_string(session.trace()).unwrap();
        let position_before = session.position();
        let ledger_before = session.world().broker().ledger();
        let mut taken_back = 0;
        for _ in 0..back {
            if session.step_back() {
                taken_back += 1;
            }
        }
        for _ in 0..taken_back {
            session.step();
        }
        prop_assert_eq!(session.position(), position_before);
        prop_assert_eq!(serde_json::to_string(session.trace()).unwrap(), trace_before);
        prop_assert_eq!(session.world().broker().ledger(), ledger_before);
    }
}

#[test]
fn a_jump_lands_in_the_same_state_as_stepping_there() {
    let scenario = kaiten::scenarios::builtin("rpc-call").unwrap().unwrap();
    let mut full = Session::new(scenario.build(1).unwrap());
    full.run_until(Until::Idle);
    let end = full.position();
    let whole: Vec<_> = full.trace().iter().cloned().collect();
    for position in [0, 1, end / 3, end / 2, end - 1, end / 4] {
        full.jump(position);
        full.run_until(Until::Idle);
        let rest: Vec<_> = whole.iter().filter(|entry| entry.step > position).cloned().collect();
        assert_eq!(full.trace().iter().cloned().collect::<Vec<_>>(), rest, "after a jump to {position}");
    }
}

/// A scenario that publishes as fast as it can (0 ms apart, billions of times) never lets
/// virtual time move, so every publish waits in the schedule; each step must still cost
/// the same, so `--max-steps` is reached (the schedule was copied into every snapshot).
#[test]
fn publishing_zero_ms_apart_still_reaches_the_step_limit() {
    let text = serde_json::json!({
        "kaiten_scenario": 1, "name": "flood", "title": "flood", "watch": "", "seed": 1,
        "definitions": {"queues": [{"name": "q"}]},
        "actors": [
            {"kind": "producer", "name": "P", "routing_key": "q", "count": 1_000_000_000u64, "interval_ms": 0},
            {"kind": "rpc_client", "name": "caster", "target": {"topic": "t"},
             "steps": [{"after_ms": 0, "action": "cast", "method": "m", "count": u32::MAX}]}
        ],
        "script": []
    })
    .to_string();
    let scenario = kaiten::formats::scenario::Scenario::from_json(&text).unwrap();
    let mut session = Session::new(scenario.build(1).unwrap());
    session.run_until(Until::Step(120_000));
    assert_eq!(session.position(), 120_000);
    assert_eq!(session.now(), 0, "virtual time never moved");
}
