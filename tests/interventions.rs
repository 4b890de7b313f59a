//! Interventions: each does what RabbitMQ and oslo.messaging would do, the teaching
//! scenarios teach what they say, and an intervention is an input like any other (the run
//! before it is untouched, and taking it out gives the original run back byte for byte).

mod common;

use kaiten::engine::broker::QueueDeletion;
use kaiten::engine::{BrokerEvent, DropReason};
use kaiten::formats::scenario::Scenario;
use kaiten::sim::{ActorId, CallOutcome, Effect, Note, Session, TraceEntry, TraceEvent, Until, trace_digest};
use proptest::prelude::*;
use serde_json::{Value, json};

fn run(scenario: &Scenario) -> Session {
    let world = scenario.build(scenario.seed).unwrap_or_else(|errors| panic!("{}: {errors:?}", scenario.name));
    let mut session = Session::new(world);
    session.run_until(Until::Idle);
    session
}

fn builtin(name: &str) -> Scenario {
    kaiten::scenarios::builtin(name).expect("built in").expect("loads")
}

fn scenario(value: Value) -> Scenario {
    Scenario::from_json(&value.to_string()).unwrap_or_else(|errors| panic!("{errors:?}"))
}

fn with_script(mut scenario: Scenario, steps: Value) -> Scenario {
    let steps: Vec<String> = steps.as_array().unwrap().iter().map(Value::to_string).collect();
    scenario.script.clear();
    scenario.with_script_steps(&steps).unwrap_or_else(|errors| panic!("{errors:?}"))
}

fn actor(session: &Session, name: &str) -> ActorId {
    session.world().actors().find(|(_, actor)| actor.name() == name).map(|(id, _)| id).expect("actor")
}

/// (time, actor name, label, redelivered) of every delivery a client received.
fn received(session: &Session) -> Vec<(u64, String, String, bool)> {
    let world = session.world();
    session
        .trace()
        .iter()
        .filter_map(|entry| match &entry.event {
            TraceEvent::Note { actor, note: Note::Received { label, redelivered, .. } } => {
                let label = kaiten::explain::label_words(kaiten::explain::lang::Lang::En.words(), label);
                Some((entry.time, world.actor_name(*actor).to_string(), label, *redelivered))
            }
            _ => None,
        })
        .collect()
}

fn effects(session: &Session) -> Vec<Effect> {
    session
        .trace()
        .iter()
        .filter_map(|entry| match &entry.event {
            TraceEvent::Intervened { effect, .. } => Some(effect.clone()),
            _ => None,
        })
        .collect()
}

/// (actor, unacked) each time the broker saw a client's connection close.
fn disconnected(session: &Session) -> Vec<(String, u64)> {
    let world = session.world();
    session
        .trace()
        .iter()
        .filter_map(|entry| match &entry.event {
            TraceEvent::Note { actor, note: Note::Disconnected { unacked } } => {
                Some((world.actor_name(*actor).to_string(), *unacked))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn a_crash_right_after_an_ack_was_sent_loses_nothing_the_ack_arrives_first() {
    // host1 gets the call at 220 ms and acks at once; the ack reaches the broker at 232 ms.
    // Crashed at 221 ms, the process is gone, but its ack is on the wire before its
    // connection's close: the broker counts it, nothing is redelivered, the call times out.
    let session = run(&with_script(builtin("rpc-call"), json!([{"at_ms": 221, "stop_actor": "compute-host1"}])));
    assert_eq!(disconnected(&session), [("compute-host1".to_string(), 0)]);
    assert!(received(&session).iter().all(|(_, _, _, again)| !again), "nothing is redelivered");
}

fn ready(session: &Session, queue: &str) -> Vec<String> {
    let broker = session.world().broker();
    let Some(queue) = broker.topology().queue_by_name(queue) else { return Vec::new() };
    broker.ready_messages(queue.id).iter().map(|message| message.label().to_string()).collect()
}

/// One queue, a producer of `count` messages 20 ms apart, and two consumers.
fn work_queue(count: u64) -> Scenario {
    scenario(json!({
        "kaiten_scenario": 1, "name": "work",
        "definitions": {"queues": [{"name": "work", "durable": true}]},
        "actors": [
            {"kind": "producer", "name": "p", "routing_key": "work", "count": count, "interval_ms": 20, "message_id": "m{n}"},
            {"kind": "consumer", "name": "a", "queue": "work", "prefetch": 2, "processing_ms": {"fixed": 1000}},
            {"kind": "consumer", "name": "b", "queue": "work", "prefetch": 2, "processing_ms": {"fixed": 200}}
        ]
    }))
}

#[test]
fn a_consumer_that_crashes_before_its_acks_has_its_messages_redelivered_to_the_other() {
    let session = run(&builtin("consumer-crash-before-ack"));
    assert_eq!(effects(&session), [Effect::Crashed]);
    assert_eq!(disconnected(&session), [("worker-a".to_string(), 2)]);
    let got = received(&session);
    let redelivered: Vec<_> = got.iter().filter(|(_, _, _, again)| *again).collect();
    assert_eq!(redelivered.len(), 2, "{got:?}");
    assert!(redelivered.iter().all(|(time, who, _, _)| who == "worker-b" && *time >= 400), "{got:?}");
    let mut labels: Vec<&str> =
        got.iter().filter(|(_, who, _, _)| who == "worker-b").map(|(_, _, l, _)| l.as_str()).collect();
    labels.sort();
    assert_eq!(labels, ["job-1", "job-2", "job-3", "job-4"], "worker-b ends up with every job");
    assert!(ready(&session, "work").is_empty());
}

#[test]
fn an_rpc_server_that_crashes_after_its_ack_loses_the_request_and_the_caller_times_out() {
    let session = run(&builtin("rpc-server-crash-after-ack"));
    assert_eq!(effects(&session), [Effect::Crashed]);
    assert_eq!(disconnected(&session), [("compute-host1".to_string(), 0)], "oslo acks before it dispatches");
    let conductor = actor(&session, "conductor");
    let status = session.world().actors().find(|(id, _)| *id == conductor).unwrap().1.status();
    match status.outcome {
        Some(CallOutcome::Raised { class, .. }) => assert!(class.ends_with("MessagingTimeout"), "{class}"),
        other => panic!("the call should time out, not {other:?}"),
    }
    assert_eq!(received(&session).iter().filter(|(_, _, _, again)| *again).count(), 0, "nothing comes back");
}

#[test]
fn a_restart_of_the_broker_keeps_durable_queues_and_persistent_messages_only() {
    let session = run(&builtin("broker-restart-durability"));
    let [Effect::BrokerRestarted { losses }] = &effects(&session)[..] else { panic!("{:?}", effects(&session)) };
    assert_eq!(losses.queues, ["scratch"]);
    assert_eq!(losses.transient_messages, 3);
    let topology = session.world().broker().topology();
    assert!(topology.queue_by_name("scratch").is_none());
    assert!(topology.exchange_by_name("events").is_some(), "a durable exchange survives");
    assert_eq!(ready(&session, "kept"), ["audit-1", "audit-2", "audit-3"]);
    let deleted = session.trace().iter().any(|entry| {
        matches!(
            entry.event,
            TraceEvent::Broker(BrokerEvent::QueueDeleted { reason: QueueDeletion::BrokerRestarted, .. })
        )
    });
    assert!(deleted);
}

#[test]
fn clients_reconnect_after_a_broker_restart_and_consume_again() {
    let scenario = with_script(work_queue(6), json!([{"at_ms": 30, "restart_broker": {}}]));
    let session = run(&scenario);
    let got = received(&session);
    assert!(got.iter().any(|(time, _, _, _)| *time > 30), "consumers receive after the restart: {got:?}");
    assert!(ready(&session, "work").is_empty(), "everything is consumed in the end");
}

#[test]
fn a_poison_message_loops_until_the_delivery_limit_dead_letters_it() {
    let session = run(&builtin("poison-message"));
    let deliveries = received(&session).len();
    assert_eq!(deliveries, 4, "the first delivery and three returns");
    assert_eq!(ready(&session, "orders.dead"), ["poison"]);
    let dead = session
        .world()
        .broker()
        .ready_messages(session.world().broker().topology().queue_by_name("orders.dead").unwrap().id);
    assert_eq!(
        dead[0].deaths[0].reason,
        kaiten::engine::EntryReason::Known(kaiten::engine::DeathReason::DeliveryLimit)
    );
}

#[test]
fn a_slowed_consumer_lets_its_queue_fill_until_overflow_refuses() {
    let session = run(&builtin("slow-consumer-backpressure"));
    let refused: Vec<u64> = session
        .trace()
        .iter()
        .filter(|entry| {
            matches!(entry.event, TraceEvent::Broker(BrokerEvent::Dropped { reason: DropReason::RejectPublish, .. }))
        })
        .map(|entry| entry.time)
        .collect();
    assert!(!refused.is_empty());
    assert!(refused.iter().all(|time| *time > 500), "nothing overflows before the slow-down: {refused:?}");
    let without = run(&with_script(builtin("slow-consumer-backpressure"), json!([])));
    let overflowed =
        without.trace().iter().any(|entry| matches!(entry.event, TraceEvent::Broker(BrokerEvent::Dropped { .. })));
    assert!(!overflowed, "at full speed the consumer keeps up");
}

#[test]
fn a_dropped_delivery_stays_unacked_and_a_duplicated_publish_is_routed_twice() {
    // m1 is published at 0 and reaches the broker at about 10 ms; at 5 ms it is on the wire.
    let dropped = run(&with_script(work_queue(1), json!([{"at_ms": 5, "drop_message": {"message": 0}}])));
    let [Effect::Dropped { hop }] = &effects(&dropped)[..] else { panic!("{:?}", effects(&dropped)) };
    assert_eq!(hop.label.plain_text(), Some("m1"));
    assert!(received(&dropped).is_empty(), "the broker never saw it");
    let duplicated = run(&with_script(work_queue(1), json!([{"at_ms": 5, "duplicate_message": 0}])));
    assert!(matches!(effects(&duplicated)[..], [Effect::Duplicated { .. }]));
    assert_eq!(received(&duplicated).len(), 2, "both copies are delivered");
    let late = run(&with_script(work_queue(1), json!([{"at_ms": 500, "drop_message": {"message": 0}}])));
    assert_eq!(effects(&late), [Effect::Nothing { why: kaiten::sim::NoEffect::NotInFlight }]);
}

#[test]
fn a_paused_consumer_handles_nothing_until_it_resumes() {
    let session = run(&with_script(
        work_queue(4),
        json!([{"at_ms": 1, "pause_actor": "b"}, {"at_ms": 3000, "resume_actor": "b"}]),
    ));
    let by_b: Vec<u64> = received(&session).iter().filter(|(_, who, ..)| who == "b").map(|(t, ..)| *t).collect();
    assert!(!by_b.is_empty() && by_b.iter().all(|time| *time >= 3000), "{by_b:?}");
    assert!(
        matches!(effects(&session)[..], [Effect::Paused, Effect::Resumed { waited: 2 }]),
        "{:?}",
        effects(&session)
    );
}

#[test]
fn a_crashed_consumer_restarted_consumes_again_as_a_new_process() {
    let session = run(&with_script(
        work_queue(6),
        json!([{"at_ms": 50, "stop_actor": "a"}, {"at_ms": 60, "stop_actor": "b"}, {"at_ms": 500, "restart_actor": "b"}]),
    ));
    assert!(matches!(effects(&session)[..], [Effect::Crashed, Effect::Crashed, Effect::Restarted]));
    let after: Vec<_> = received(&session).into_iter().filter(|(time, ..)| *time > 500).collect();
    assert_eq!(after.len(), 6, "the restarted consumer gets every message back: {after:?}");
    assert!(ready(&session, "work").is_empty());
}

#[test]
fn a_client_cut_off_receives_nothing_until_its_link_is_back() {
    let session = run(&with_script(work_queue(4), json!([{"at_ms": 5, "cut_off": {"actor": "b", "ms": 2000}}])));
    let by_b: Vec<u64> = received(&session).iter().filter(|(_, who, ..)| who == "b").map(|(t, ..)| *t).collect();
    assert!(!by_b.is_empty() && by_b.iter().all(|time| *time >= 2005), "{by_b:?}");
}

#[test]
fn bindings_and_queues_change_under_a_running_system() {
    let base = json!({
        "kaiten_scenario": 1, "name": "x",
        "definitions": {"exchanges": [{"name": "x", "type": "direct"}], "queues": [{"name": "q"}, {"name": "r"}],
                        "bindings": [{"source": "x", "destination": "q", "destination_type": "queue", "routing_key": "k"}]},
        "actors": [{"kind": "producer", "name": "p", "exchange": "x", "routing_key": "k", "count": 3, "interval_ms": 100}]
    });
    let session = run(&with_script(
        scenario(base.clone()),
        json!([
            {"at_ms": 50, "bind": {"exchange": "x", "queue": "r", "routing_key": "k"}},
            {"at_ms": 150, "unbind": {"exchange": "x", "queue": "q", "routing_key": "k"}},
            {"at_ms": 160, "purge_queue": "q"},
            {"at_ms": 170, "delete_queue": "nope"}
        ]),
    ));
    assert_eq!(effects(&session)[..3], [Effect::Bound, Effect::Unbound, Effect::Purged { messages: 2 }]);
    assert!(matches!(&effects(&session)[3], Effect::Nothing { .. }));
    assert!(ready(&session, "q").is_empty());
    assert_eq!(ready(&session, "r"), ["p-2", "p-3"]);
}

#[test]
fn an_intervention_naming_no_actor_is_refused_with_its_path() {
    let errors = work_queue(1)
        .with_script_steps(&[r#"{"at_ms": 5, "stop_actor": "bb"}"#.into(), r#"{"at_ms": 5, "explode": 1}"#.into()])
        .unwrap_err();
    let english =
        |error: &kaiten::formats::Diagnostic| kaiten::explain::problem(kaiten::explain::lang::Lang::En, error);
    let lines: Vec<String> = errors.iter().map(english).collect();
    assert!(lines[0].starts_with("intervene[0].stop_actor: no actor named 'bb'"), "{lines:?}");
    assert!(lines[1].starts_with("intervene[1].explode: unknown action 'explode'"), "{lines:?}");
    let errors = work_queue(1)
        .with_script_steps(&[r#"{"at_ms": 5, "slow_actor": {"actor": "a", "factor": -1}}"#.into()])
        .unwrap_err();
    assert!(english(&errors[0]).starts_with("intervene[0].slow_actor.factor: expected a whole number"), "{errors:?}");
    let file = json!({"kaiten_scenario": 1, "name": "x", "actors": [{"kind": "producer", "name": "p"}],
                      "script": [{"at_ms": 5, "drop_message": {"mesage": 3}}]});
    let errors = Scenario::from_json(&file.to_string()).unwrap_err();
    assert!(english(&errors[0]).starts_with("script[0].drop_message.mesage: unknown field 'mesage'"), "{errors:?}");
}

/// The trace of `scenario` run to 20,000 steps.
fn trace_of(scenario: &Scenario, seed: u64) -> Vec<TraceEntry> {
    let mut session = Session::new(scenario.build(seed).unwrap_or_else(|errors| panic!("{errors:?}")));
    session.run_until(Until::Step(20_000));
    session.trace().iter().cloned().collect()
}

/// A script step for intervention `kind` (0..10) on the actor `actor` names, with `n` as
/// its number.
fn step(kind: u8, at: u64, actor: &str, n: u64) -> Value {
    common::intervention_step(kind, at, actor, n).unwrap_or_else(|| json!({"at_ms": at, "purge_queue": "tasks"}))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Adding an intervention leaves the run before it exactly as it was, and taking it out
    /// again gives the original trace byte for byte.
    #[test]
    fn an_intervention_is_an_input_like_the_seed(
        name in prop::sample::select(vec!["work-queues", "rpc-call", "notifications", "consumer-crash-before-ack"]),
        seed in 0u64..1000,
        at in 0u64..2000,
        kind in 0u8..10,
        actor in 0usize..8,
        n in 0u64..30,
    ) {
        let scenario = with_script(builtin(name), json!([]));
        let original = trace_of(&scenario, seed);
        let actor_name = scenario.actors[actor % scenario.actors.len()].name().to_string();
        let intervened = with_script(scenario.clone(), json!([step(kind, at, &actor_name, n)]));
        let after = trace_of(&intervened, seed);
        // Step numbers shift by one (the intervention is a step of its own); times and events do not.
        let before = |trace: &[TraceEntry]| -> Vec<(u64, TraceEvent)> {
            trace.iter().filter(|entry| entry.time < at).map(|entry| (entry.time, entry.event.clone())).collect()
        };
        prop_assert_eq!(before(&original), before(&after));
        let happened = after.iter().any(|entry| matches!(entry.event, TraceEvent::Intervened { .. }));
        // It happens, unless the step limit stopped the run before its time.
        prop_assert!(happened || after.last().is_some_and(|last| last.time < at));
        let removed = with_script(intervened, json!([]));
        prop_assert_eq!(trace_digest(&original), trace_digest(&trace_of(&removed, seed)));
    }
}
