//! Streams as RabbitMQ 3.10.8 serves them to AMQP 0-9-1 clients, through the same runner as
//! `kaiten amqp`: a stream keeps what it is given, each consumer reads from its own offset
//! within its prefetch, an ack frees credit without removing anything, and what a stream
//! does not do is refused in RabbitMQ's words. The corpus pair `tests/corpus/streams` proves
//! the same against a real broker.

use kaiten::engine::topology::QueueSpec;
use kaiten::engine::value::{FieldTable, FieldValue};
use kaiten::engine::{Broker, ConsumeOptions, Publish, Topology};
use kaiten::formats::definitions::Definitions;
use kaiten::formats::script;
use serde_json::{Value, json};

fn stream(name: &str) -> Value {
    json!({"name": name, "durable": true, "auto_delete": false, "type": "stream", "arguments": {"x-queue-type": "stream"}})
}

fn run(steps: Value) -> Value {
    let definitions = json!({"queues": [stream("s")]});
    let (definitions, _) = Definitions::parse(&definitions.to_string()).expect("valid definitions");
    let steps = script::parse(&steps.to_string()).expect("valid script");
    script::run(definitions.topology, &steps).expect("script runs").document()
}

fn publish(id: &str) -> Value {
    json!({"publish": {"routing_key": "s", "properties": {"message_id": id}}})
}

fn consume(tag: &str, prefetch: u16, offset: Value) -> Value {
    json!({"consume": {"queue": "s", "consumer_tag": tag, "prefetch": prefetch, "arguments": {"x-stream-offset": offset}}})
}

fn ids(deliveries: &Value) -> Vec<(String, u64)> {
    deliveries
        .as_array()
        .unwrap()
        .iter()
        .map(|message| {
            (message["message_id"].as_str().unwrap().to_string(), message["x-stream-offset"].as_u64().unwrap())
        })
        .collect()
}

fn pairs(items: &[(&str, u64)]) -> Vec<(String, u64)> {
    items.iter().map(|(id, offset)| (id.to_string(), *offset)).collect()
}

#[test]
fn each_consumer_reads_from_its_offset_and_acks_remove_nothing() {
    let document = run(json!([
        publish("a"),
        publish("b"),
        publish("c"),
        consume("first", 10, json!("first")),
        {"ack": {"message_id": "a"}},
        {"ack": {"message_id": "b"}},
        consume("from-1", 10, json!(1)),
        consume("last", 10, json!("last")),
        consume("next", 10, json!("next")),
        publish("d"),
    ]));
    let deliveries = &document["deliveries"];
    assert_eq!(ids(&deliveries["first"]), pairs(&[("a", 0), ("b", 1), ("c", 2), ("d", 3)]));
    assert_eq!(ids(&deliveries["from-1"]), pairs(&[("b", 1), ("c", 2), ("d", 3)]));
    assert_eq!(ids(&deliveries["last"]), pairs(&[("c", 2), ("d", 3)]));
    assert_eq!(ids(&deliveries["next"]), pairs(&[("d", 3)]));
    // Everything the stream was given is still there.
    assert_eq!(document["queues"]["s"], json!(["a", "b", "c", "d"]));
}

#[test]
fn the_prefetch_is_the_readers_credit() {
    let document = run(json!([
        publish("a"),
        publish("b"),
        publish("c"),
        consume("reader", 2, json!("first")),
        {"ack": {"message_id": "a"}},
    ]));
    assert_eq!(ids(&document["deliveries"]["reader"]), pairs(&[("a", 0), ("b", 1), ("c", 2)]));
    let held_back = run(json!([publish("a"), publish("b"), publish("c"), consume("reader", 2, json!("first"))]));
    assert_eq!(ids(&held_back["deliveries"]["reader"]), pairs(&[("a", 0), ("b", 1)]));
}

#[test]
fn an_interval_offset_reads_what_was_written_since() {
    let document = run(json!([
        publish("old"),
        {"advance-time": {"ms": 5000}},
        publish("new"),
        consume("recent", 10, json!("2s")),
    ]));
    assert_eq!(ids(&document["deliveries"]["recent"]), pairs(&[("new", 1)]));
}

fn broker_with_stream() -> (Broker, kaiten::engine::ChannelId) {
    let mut topology = Topology::new();
    let mut arguments = FieldTable::new();
    arguments.insert("x-queue-type".into(), FieldValue::Str("stream".into()));
    topology.declare_queue(QueueSpec { arguments, ..QueueSpec::new("s") }).unwrap();
    let mut broker = Broker::new(topology);
    let connection = broker.open_connection();
    let channel = broker.open_channel(connection);
    (broker, channel)
}

fn options(prefetch: u32, no_ack: bool) -> ConsumeOptions {
    ConsumeOptions { consumer_tag: "c".into(), prefetch, no_ack }
}

#[test]
fn what_a_stream_does_not_do_is_refused_in_rabbitmqs_words() {
    let (mut broker, channel) = broker_with_stream();
    let get = broker.get(0, channel, "s", false).unwrap_err();
    assert_eq!((get.code(), get.text()), (540, "basic.get not supported by stream queues queue 's' in vhost '/'"));
    let unlimited = broker.consume(0, channel, "s", options(0, false)).unwrap_err();
    assert_eq!(
        (unlimited.code(), unlimited.text()),
        (406, "consumer prefetch count is not set for 'queue 's' in vhost '/''")
    );
    let no_ack = broker.consume(0, channel, "s", options(5, true)).unwrap_err();
    assert_eq!(
        (no_ack.code(), no_ack.text()),
        (540, "automatic acknowledgement not supported by stream queues queue 's' in vhost '/'")
    );
    let priority = broker.consume_with_priority(0, channel, "s", options(5, false), 3).unwrap_err();
    assert_eq!(
        priority.text(),
        "invalid arg 'x-priority' for queue 's' in vhost '/' of queue type rabbit_stream_queue"
    );

    broker.consume(0, channel, "s", options(5, false)).unwrap();
    let publish = Publish { routing_key: "s".into(), ..Publish::default() };
    broker.publish(0, publish).unwrap();
    let delivery = broker.drain_deliveries().pop().expect("the reader got it");
    let nack = broker.nack(0, channel, delivery.delivery_tag, false, true).unwrap_err();
    assert_eq!(
        (nack.code(), nack.text()),
        (540, "basic.nack and basic.reject not supported by stream queues queue 's' in vhost '/'")
    );
    broker.ack(0, channel, delivery.delivery_tag, false).unwrap();
    assert_eq!(broker.ready_count(delivery.queue), 1, "the stream keeps the message it delivered");
    assert_eq!(broker.held_copies().len() as u64, broker.ledger().copies_made, "every copy is accounted for");
}

#[test]
fn a_stream_refuses_what_its_declaration_may_not_ask_for() {
    let declare = |arguments: Value, durable: bool| {
        let definitions =
            json!({"queues": [{"name": "s", "durable": durable, "auto_delete": false, "arguments": arguments}]});
        Definitions::parse(&definitions.to_string()).map(|_| ()).map_err(|error| error.problem)
    };
    assert!(declare(json!({"x-queue-type": "stream", "x-max-age": "7D"}), true).is_ok());
    let ttl = declare(json!({"x-queue-type": "stream", "x-message-ttl": 1000}), true).unwrap_err();
    assert!(format!("{ttl:?}").contains("of queue type rabbit_stream_queue"), "{ttl:?}");
    let transient = declare(json!({"x-queue-type": "stream"}), false).unwrap_err();
    assert!(format!("{transient:?}").contains("invalid property 'non-durable'"), "{transient:?}");
}

#[test]
fn an_offset_past_the_end_waits_for_that_offset() {
    let document = run(json!([publish("a"), consume("ahead", 10, json!(2)), publish("b"), publish("c"), publish("d")]));
    assert_eq!(ids(&document["deliveries"]["ahead"]), pairs(&[("c", 2), ("d", 3)]));
}
