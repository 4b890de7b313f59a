//! Engine benchmarks (being written by the engine work; this is the minimal routing one).
use criterion::{Criterion, criterion_group, criterion_main};
use kaiten::engine::{Destination, ExchangeKind, ExchangeSpec, FieldTable, QueueSpec, Topology};
use kaiten::engine::topology::RoutingInput;

fn topic_routing(c: &mut Criterion) {
    let mut topology = Topology::new();
    let exchange = topology.declare_exchange(ExchangeSpec::new("x", ExchangeKind::Topic)).unwrap();
    let queue = topology.declare_queue(QueueSpec::new("q")).unwrap();
    for n in 0..10_000 {
        topology.bind(exchange, Destination::Queue(queue), &format!("a{}.*.c{}", n % 100, n), FieldTable::new()).unwrap();
    }
    let keys = vec!["a7.b.c7".to_string()];
    let headers = FieldTable::new();
    c.bench_function("topic_route_10k", |b| b.iter(|| topology.route(exchange, RoutingInput { routing_keys: &keys, headers: &headers })));
}

criterion_group!(benches, topic_routing);
criterion_main!(benches);
