//! Quorum queues as RabbitMQ 3.10.8 runs them, through the same runner as `kaiten amqp`:
//! declaration refusals, `x-delivery-count`, the delivery limit (argument and policy), the
//! order of requeued messages and the `reject-publish` soft limit. The corpus pairs
//! `tests/corpus/quorum` and `tests/corpus/requeue-order` prove the same against a real
//! broker.

use kaiten::engine::topology::QueueSpec;
use kaiten::engine::value::FieldValue;
use kaiten::engine::{Broker, ConsumeOptions, Publish, Topology};
use kaiten::formats::definitions::Definitions;
use kaiten::formats::script;
use serde_json::{Value, json};

fn quorum(name: &str, mut arguments: Value) -> Value {
    arguments["x-queue-type"] = json!("quorum");
    json!({"name": name, "durable": true, "auto_delete": false, "type": "quorum", "arguments": arguments})
}

fn run(queues: Vec<Value>, policies: Value, steps: Value) -> Value {
    let definitions = json!({"queues": queues, "policies": policies});
    let (definitions, _) = Definitions::parse(&definitions.to_string()).expect("valid definitions");
    let steps = script::parse(&steps.to_string()).expect("valid script");
    script::run(definitions.topology, &steps).expect("script runs").document()
}

fn publish(queue: &str, id: &str) -> Value {
    json!({"publish": {"routing_key": queue, "properties": {"message_id": id}}})
}

fn get(queue: &str) -> Value {
    json!({"get": {"queue": queue}})
}

fn nack(id: &str) -> Value {
    json!({"nack": {"message_id": id}})
}

fn wait() -> Value {
    json!({"advance-time": {"ms": 10}})
}

#[test]
fn a_get_shows_the_delivery_count_and_overtakes_returns_not_yet_applied() {
    let document = run(
        vec![quorum("q", json!({}))],
        json!([]),
        json!([
            publish("q", "a"),
            publish("q", "b"),
            publish("q", "c"),
            get("q"),
            get("q"),
            nack("b"),
            nack("a"),
            get("q"),
            get("q")
        ]),
    );
    let gets: Vec<Value> = document["gets"].as_array().unwrap().clone();
    assert_eq!(gets[0], json!({"message_id": "a", "redelivered": false, "x-delivery-count": 0}));
    assert_eq!(gets[2], json!({"message_id": "c", "redelivered": false, "x-delivery-count": 0}), "c overtakes");
    assert_eq!(gets[3], json!({"message_id": "b", "redelivered": true, "x-delivery-count": 1}), "returns in order");
    assert_eq!(document["queues"]["q"], json!([{"message_id": "a", "redelivered": true, "x-delivery-count": 1}]));
}

#[test]
fn a_nacked_message_goes_behind_the_rest_without_a_delivery_limit_and_ahead_with_one() {
    let steps = |queue: &str| {
        vec![
            publish(queue, "a"),
            publish(queue, "b"),
            publish(queue, "c"),
            json!({"consume": {"queue": queue, "consumer_tag": queue, "prefetch": 1}}),
            nack("a"),
            wait(),
            json!({"cancel": {"consumer_tag": queue}}),
        ]
    };
    let received = |document: &Value, queue: &str| -> Vec<String> {
        let deliveries = document["deliveries"][queue].as_array().unwrap();
        deliveries.iter().map(|delivery| delivery["message_id"].as_str().unwrap().to_string()).collect()
    };
    let ids = |document: &Value, queue: &str| -> Vec<String> {
        let messages = document["queues"][queue].as_array().unwrap();
        messages.iter().map(|message| message["message_id"].as_str().unwrap().to_string()).collect()
    };
    let unlimited = run(vec![quorum("q", json!({}))], json!([]), Value::Array(steps("q")));
    assert_eq!(received(&unlimited, "q"), ["a", "b"], "3.10.8 enqueues the return again, behind c");
    assert_eq!(ids(&unlimited, "q"), ["c", "a"]);
    let limited = run(vec![quorum("q", json!({"x-delivery-limit": 10}))], json!([]), Value::Array(steps("q")));
    assert_eq!(received(&limited, "q"), ["a", "a"], "with a delivery limit the return goes first");
    assert_eq!(ids(&limited, "q"), ["b", "c"]);
}

#[test]
fn past_the_delivery_limit_a_message_is_dead_lettered_or_dropped() {
    let dlx = json!({"x-dead-letter-exchange": "", "x-dead-letter-routing-key": "dead", "x-delivery-limit": 1});
    let document = run(
        vec![
            quorum("limited", dlx),
            quorum("dropping", json!({"x-delivery-limit": 0})),
            json!({"name": "dead", "arguments": {}}),
        ],
        json!([]),
        json!([
            publish("limited", "m"),
            get("limited"),
            nack("m"),
            wait(),
            get("limited"),
            nack("m"),
            wait(),
            publish("dropping", "d"),
            get("dropping"),
            nack("d"),
            wait()
        ]),
    );
    assert_eq!(document["queues"]["limited"], json!([]));
    assert_eq!(document["queues"]["dropping"], json!([]));
    let dead = &document["queues"]["dead"][0];
    assert_eq!(dead["message_id"], "m");
    assert_eq!(dead["x-death"][0]["reason"], "delivery_limit");
    assert!(dead.get("x-delivery-count").is_none(), "a classic queue adds no delivery count");
}

#[test]
fn the_delivery_limit_policy_and_argument_take_the_smaller() {
    let policy = json!([{"name": "p", "pattern": "^q", "apply-to": "queues", "priority": 0,
                         "definition": {"delivery-limit": 0}}]);
    let document = run(
        vec![quorum("q", json!({"x-delivery-limit": 5}))],
        policy,
        json!([publish("q", "m"), get("q"), nack("m"), wait()]),
    );
    assert_eq!(document["queues"]["q"], json!([]), "the policy's 0 wins over the argument's 5");
}

#[test]
fn reject_publish_takes_the_message_that_goes_over_then_refuses_until_the_soft_limit() {
    let document = run(
        vec![quorum("q", json!({"x-max-length": 5, "x-overflow": "reject-publish"}))],
        json!([]),
        json!([publish("q", "1"), publish("q", "2"), publish("q", "3"), publish("q", "4"), publish("q", "5"),
               publish("q", "6"), publish("q", "7"), {"get": {"queue": "q", "no_ack": true}}, publish("q", "8"),
               {"get": {"queue": "q", "no_ack": true}}, {"get": {"queue": "q", "no_ack": true}}, publish("q", "9")]),
    );
    let rejected: Vec<bool> =
        document["publishes"].as_array().unwrap().iter().map(|p| p["rejected"].as_bool().unwrap()).collect();
    assert_eq!(rejected, [false, false, false, false, false, false, true, true, false]);
}

#[test]
fn quorum_declarations_are_refused_as_rabbitmq_refuses_them() {
    let refusal = |queue: Value| {
        let definitions = json!({"queues": [queue]}).to_string();
        kaiten::explain::problem(
            kaiten::explain::lang::Lang::En,
            &Definitions::parse(&definitions).map(|_| ()).expect_err("refused"),
        )
    };
    let mut non_durable = quorum("q", json!({}));
    non_durable["durable"] = json!(false);
    assert!(refusal(non_durable).contains("invalid property 'non-durable' for queue 'q' in vhost '/'"));
    let mut auto_delete = quorum("q", json!({}));
    auto_delete["auto_delete"] = json!(true);
    assert!(refusal(auto_delete).contains("invalid property 'auto-delete' for queue 'q' in vhost '/'"));
    assert!(
        refusal(quorum("q", json!({"x-max-priority": 5})))
            .contains("invalid arg 'x-max-priority' for queue 'q' in vhost '/' of queue type rabbit_quorum_queue")
    );
    let untyped = json!({"name": "q", "type": "quorum", "arguments": {}});
    assert!(refusal(untyped).contains("x-queue-type"));
    // reject-publish-dlx is accepted and acts as drop-head.
    let (definitions, _) = Definitions::parse(
        &json!({"queues": [quorum("q", json!({"x-overflow": "reject-publish-dlx", "x-max-length": 1}))]}).to_string(),
    )
    .unwrap();
    let saved: Value = serde_json::from_str(&definitions.save()).unwrap();
    assert_eq!(saved["queues"][0]["type"], "quorum", "the type round-trips");
}

#[test]
fn a_consumer_gets_its_room_back_only_when_the_return_is_applied() {
    let mut spec = QueueSpec::new("q");
    spec.arguments.insert("x-queue-type".into(), FieldValue::Str("quorum".into()));
    // With a delivery limit the return goes ahead of `b`, so the redelivery shows it.
    spec.arguments.insert("x-delivery-limit".into(), FieldValue::Int(10));
    let mut topology = Topology::new();
    topology.declare_queue(spec).unwrap();
    let mut broker = Broker::new(topology);
    let connection = broker.open_connection();
    let channel = broker.open_channel(connection);
    for id in ["a", "b"] {
        let mut publish = Publish { routing_key: "q".into(), ..Publish::default() };
        publish.properties.message_id = Some(id.into());
        broker.publish(0, publish).unwrap();
    }
    let options = ConsumeOptions { consumer_tag: "c".into(), prefetch: 1, no_ack: false };
    broker.consume(0, channel, "q", options).unwrap();
    let first = broker.drain_deliveries();
    assert_eq!(first.len(), 1);
    broker.nack(0, channel, first[0].delivery_tag, false, true).unwrap();
    assert!(broker.drain_deliveries().is_empty(), "nothing moves before the return is applied");
    assert_eq!(broker.held_copies().len(), 2, "the returning copy is still held");
    broker.advance_to(1);
    let again = broker.drain_deliveries();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].message.properties.message_id.as_deref(), Some("a"), "returns go first to consumers");
    assert_eq!(again[0].message.delivery_count, Some(1));
    assert!(again[0].message.redelivered);
}

#[test]
fn basic_get_on_a_single_active_consumer_quorum_queue_is_refused() {
    let mut spec = QueueSpec::new("sac");
    spec.arguments.insert("x-queue-type".into(), FieldValue::Str("quorum".into()));
    spec.arguments.insert("x-single-active-consumer".into(), FieldValue::Bool(true));
    let mut topology = Topology::new();
    topology.declare_queue(spec).unwrap();
    let mut broker = Broker::new(topology);
    let connection = broker.open_connection();
    let channel = broker.open_channel(connection);
    let error = broker.get(0, channel, "sac", false).unwrap_err();
    assert_eq!(error.code(), 405);
    assert_eq!(
        error.text(),
        "cannot obtain access to locked queue 'sac' in vhost '/'. basic.get operations are not supported by quorum \
         queues with single active consumer"
    );
}
