//! Engine benchmarks (criterion): topic routing with 10,000 bindings, the trie against the
//! plain reference matcher in the same run, publish-to-enqueue throughput on a 100-queue
//! topology, a 64-word key against 32 `#` words, and loading 100,000 bindings. `scripts/dev bench` runs them; BENCHMARKS.md records the figures.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use kaiten::engine::broker::{Broker, Publish};
use kaiten::engine::message::Properties;
use kaiten::engine::topic::match_binding;
use kaiten::engine::topology::{
    Destination, ExchangeId, ExchangeKind, ExchangeSpec, QueueSpec, RoutingInput, Topology,
};
use kaiten::engine::value::FieldTable;
use kaiten::formats::definitions::Definitions;

const N_BINDINGS: usize = 10_000;
const N_QUEUES: usize = 1_000;

/// A small deterministic generator (xorshift), so every run routes the same keys.
struct Keys(u64);

impl Keys {
    fn next(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound as u64) as usize
    }
}

/// Binding keys shaped like an OpenStack deployment's: a per-host RPC topic for each of 8
/// services on 1,000 hosts, host-wide wildcard listeners, notification topics per priority,
/// per-service wildcards and audit bindings with `#` in the middle. A routing key matches
/// a handful of them, as in a real deployment.
fn binding_keys() -> Vec<String> {
    const SERVICES: [&str; 8] =
        ["compute", "conductor", "scheduler", "network", "volume", "image", "identity", "metering"];
    const PRIORITIES: [&str; 5] = ["info", "warn", "error", "debug", "audit"];
    let mut keys = Vec::with_capacity(N_BINDINGS);
    for service in SERVICES {
        keys.push(format!("{service}.*"));
        keys.push(format!("{service}.#"));
        for priority in PRIORITIES {
            keys.push(format!("notifications.{service}.{priority}"));
        }
        for host in 0..100 {
            keys.push(format!("audit.{service}.#.host{host}"));
        }
    }
    for priority in PRIORITIES {
        keys.push(format!("notifications.#.{priority}"));
    }
    for host in 0..1_000 {
        keys.push(format!("*.host{host}"));
    }
    'hosts: for host in 0.. {
        for service in SERVICES {
            if keys.len() == N_BINDINGS {
                break 'hosts;
            }
            keys.push(format!("{service}.host{host}"));
        }
    }
    keys
}

fn routing_keys() -> Vec<String> {
    let services = ["compute", "conductor", "scheduler", "network", "volume", "image", "identity", "metering", "other"];
    let priorities = ["info", "warn", "error", "debug", "audit", "sample"];
    let mut rng = Keys(0xD1B5_4A32_D192_ED03);
    (0..1_024)
        .map(|_| {
            let service = services[rng.next(services.len())];
            match rng.next(4) {
                0 | 1 => format!("{service}.host{}", rng.next(1_200)),
                2 => format!("notifications.{service}.{}", priorities[rng.next(priorities.len())]),
                _ => format!("audit.{service}.region{}.host{}", rng.next(4), rng.next(150)),
            }
        })
        .collect()
}

fn topic_topology(binding_keys: &[String]) -> (Topology, ExchangeId) {
    let mut topology = Topology::new();
    let exchange = topology.declare_exchange(ExchangeSpec::new("openstack", ExchangeKind::Topic)).unwrap();
    let queues: Vec<_> =
        (0..N_QUEUES).map(|idx| topology.declare_queue(QueueSpec::new(format!("q{idx}"))).unwrap()).collect();
    for (idx, key) in binding_keys.iter().enumerate() {
        topology.bind(exchange, Destination::Queue(queues[idx % N_QUEUES]), key, FieldTable::new()).unwrap();
    }
    (topology, exchange)
}

fn topic_routing(c: &mut Criterion) {
    let bindings = binding_keys();
    let keys = routing_keys();
    let (topology, exchange) = topic_topology(&bindings);
    let headers = FieldTable::new();
    let inputs: Vec<[String; 1]> = keys.iter().map(|key| [key.clone()]).collect();
    let mut group = c.benchmark_group("topic routing, 10000 bindings");
    group.sample_size(20);
    group.throughput(Throughput::Elements(inputs.len() as u64));
    group.bench_function("trie (Topology::route)", |b| {
        b.iter(|| {
            let mut n_queues = 0;
            for input in &inputs {
                let route = topology.route(exchange, RoutingInput { routing_keys: input, headers: &headers });
                n_queues += route.queues.len();
            }
            black_box(n_queues)
        })
    });
    // The reference matcher is slow: time it on a slice of the keys (throughput is per key).
    let reference_keys = &keys[..64];
    group.throughput(Throughput::Elements(reference_keys.len() as u64));
    group.bench_function("reference matcher (every binding)", |b| {
        b.iter(|| {
            let mut n_matches = 0;
            for key in reference_keys {
                n_matches += bindings.iter().filter(|binding| match_binding(binding, key).is_some()).count();
            }
            black_box(n_matches)
        })
    });
    group.finish();
}

fn publish_to_enqueue(c: &mut Criterion) {
    const N_PUBLISHES: usize = 1_000;
    let mut topology = Topology::new();
    let exchange = topology.declare_exchange(ExchangeSpec::new("work", ExchangeKind::Topic)).unwrap();
    for idx in 0..100 {
        let queue = topology.declare_queue(QueueSpec::new(format!("q{idx}"))).unwrap();
        let key = format!("work.q{idx}.*");
        topology.bind(exchange, Destination::Queue(queue), &key, FieldTable::new()).unwrap();
        if idx % 10 == 0 {
            topology.bind(exchange, Destination::Queue(queue), "work.#.broadcast", FieldTable::new()).unwrap();
        }
    }
    let body: Arc<str> = Arc::from("x".repeat(256).as_str());
    let publishes: Vec<Publish> = (0..N_PUBLISHES)
        .map(|idx| Publish {
            exchange: "work".into(),
            routing_key: if idx % 10 == 9 {
                format!("work.q{}.broadcast", idx % 100)
            } else {
                format!("work.q{}.task", idx % 100)
            },
            mandatory: false,
            properties: Properties { message_id: Some(format!("m{idx}")), ..Properties::default() },
            body: Arc::clone(&body),
        })
        .collect();
    let mut group = c.benchmark_group("publish to enqueue, 100 queues");
    group.throughput(Throughput::Elements(N_PUBLISHES as u64));
    group.bench_function("Broker::publish", |b| {
        b.iter_batched(
            || (Broker::new(topology.clone()), publishes.clone()),
            |(mut broker, publishes)| {
                for publish in publishes {
                    broker.publish(0, publish).unwrap();
                }
                broker.drain_events();
                black_box(broker.ledger().copies_made)
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

/// The worst binding keys for a backtracking matcher: 32 `#` words against a 64-word
/// routing key, with and without a final word that makes the match fail.
fn hash_words(c: &mut Criterion) {
    let hashes = vec!["#"; 32].join(".");
    let failing = format!("{hashes}.z");
    let key = vec!["w"; 64].join(".");
    let mut topology = Topology::new();
    let exchange = topology.declare_exchange(ExchangeSpec::new("hashes", ExchangeKind::Topic)).unwrap();
    let queue = topology.declare_queue(QueueSpec::new("q")).unwrap();
    topology.bind(exchange, Destination::Queue(queue), &hashes, FieldTable::new()).unwrap();
    topology.bind(exchange, Destination::Queue(queue), &failing, FieldTable::new()).unwrap();
    let headers = FieldTable::new();
    let input = [key.clone()];
    let mut group = c.benchmark_group("64-word key against 32 # words");
    group.bench_function("trie (Topology::route)", |b| {
        b.iter(|| black_box(topology.route(exchange, RoutingInput { routing_keys: &input, headers: &headers })))
    });
    group.bench_function("reference matcher (both bindings)", |b| {
        b.iter(|| black_box((match_binding(&hashes, &key).is_some(), match_binding(&failing, &key).is_some())))
    });
    group.finish();
}

/// Loading 100,000 bindings: straight into a `Topology`, and from a definitions document
/// (JSON parsing and checks included).
fn load_bindings(c: &mut Criterion) {
    const N_LOADED: usize = 100_000;
    let keys: Vec<String> = (0..N_LOADED).map(|idx| format!("svc{}.host{idx}.#", idx % 50)).collect();
    let mut group = c.benchmark_group("load 100000 bindings");
    group.sample_size(10);
    group.throughput(Throughput::Elements(N_LOADED as u64));
    group.bench_function("Topology::bind", |b| {
        b.iter(|| {
            let mut topology = Topology::new();
            let exchange = topology.declare_exchange(ExchangeSpec::new("x", ExchangeKind::Topic)).unwrap();
            let queues: Vec<_> =
                (0..N_QUEUES).map(|idx| topology.declare_queue(QueueSpec::new(format!("q{idx}"))).unwrap()).collect();
            for (idx, key) in keys.iter().enumerate() {
                topology.bind(exchange, Destination::Queue(queues[idx % N_QUEUES]), key, FieldTable::new()).unwrap();
            }
            black_box(topology)
        })
    });
    let document = load_document(&keys);
    group.bench_function("Definitions::parse", |b| b.iter(|| black_box(Definitions::parse(&document).unwrap())));
    group.finish();
}

fn load_document(keys: &[String]) -> String {
    let queues: Vec<serde_json::Value> =
        (0..N_QUEUES).map(|idx| serde_json::json!({"name": format!("q{idx}"), "vhost": "/"})).collect();
    let bindings: Vec<serde_json::Value> = keys
        .iter()
        .enumerate()
        .map(|(idx, key)| {
            serde_json::json!({"source": "x", "destination": format!("q{}", idx % N_QUEUES),
                "destination_type": "queue", "routing_key": key, "arguments": {}, "vhost": "/"})
        })
        .collect();
    serde_json::json!({"exchanges": [{"name": "x", "type": "topic", "vhost": "/"}], "queues": queues, "bindings": bindings})
        .to_string()
}

criterion_group!(benches, topic_routing, publish_to_enqueue, hash_words, load_bindings);
criterion_main!(benches);
