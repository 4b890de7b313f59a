//! A generated load scenario for benchmarks and the in-browser performance check:
//! producers publishing to one topic exchange fanning out to many queues, half of them
//! consumed and half bounded by `x-max-length` with drop-head.

use serde_json::json;

use crate::formats::scenario::Scenario;

/// The size of a generated load scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadShape {
    pub producers: u32,
    pub queues: u32,
    pub consumers: u32,
    pub messages_per_producer: u64,
    /// Virtual milliseconds between one producer's messages.
    pub interval_ms: u64,
}

impl LoadShape {
    /// The shape the simulation benchmark uses: 50 producers, 200 queues, 100 consumers.
    pub fn benchmark(messages_per_producer: u64) -> LoadShape {
        LoadShape { producers: 50, queues: 200, consumers: 100, messages_per_producer, interval_ms: 20 }
    }

    /// The shape the browser's frame-time benchmark plays (`?scenario=load`): 100 nodes
    /// (20 producers, 40 queues, 40 consumers) publishing every 2 ms, which keeps about 500
    /// messages on the wire.
    pub fn canvas() -> LoadShape {
        LoadShape { producers: 20, queues: 40, consumers: 40, messages_per_producer: 400, interval_ms: 2 }
    }
}

/// Builds the load scenario: queue `q{i}` is bound with `p{i mod producers}.#`, consumer
/// `c{i}` reads `q{i}`, and unconsumed queues keep at most 100 messages.
pub fn load_scenario(shape: LoadShape) -> Scenario {
    let queues: Vec<serde_json::Value> = (0..shape.queues)
        .map(|idx| {
            let arguments = if idx < shape.consumers { json!({}) } else { json!({"x-max-length": 100}) };
            json!({"name": format!("q{idx}"), "vhost": "/", "durable": true, "auto_delete": false, "arguments": arguments})
        })
        .collect();
    let bindings: Vec<serde_json::Value> = (0..shape.queues)
        .map(|idx| {
            json!({"source": "events", "vhost": "/", "destination": format!("q{idx}"), "destination_type": "queue",
                   "routing_key": format!("p{}.#", idx % shape.producers.max(1)), "arguments": {}})
        })
        .collect();
    let mut actors: Vec<serde_json::Value> = (0..shape.producers)
        .map(|idx| {
            json!({"kind": "producer", "name": format!("p{idx}"), "exchange": "events", "routing_key": format!("p{idx}.event.{{n}}"),
                   "count": shape.messages_per_producer, "interval_ms": shape.interval_ms, "start_ms": idx})
        })
        .collect();
    actors.extend((0..shape.consumers.min(shape.queues)).map(|idx| {
        json!({"kind": "consumer", "name": format!("c{idx}"), "queue": format!("q{idx}"), "prefetch": 10,
               "processing_ms": {"exponential": 15}})
    }));
    let document = json!({
        "kaiten_scenario": 1,
        "name": "load",
        "title": "Generated load",
        "watch": "A synthetic load for measuring the simulator.",
        "definitions": {
            "exchanges": [{"name": "events", "vhost": "/", "type": "topic", "durable": true, "auto_delete": false, "internal": false, "arguments": {}}],
            "queues": queues,
            "bindings": bindings
        },
        "actors": actors
    });
    Scenario::from_json(&document.to_string()).expect("the generated load scenario is valid")
}
