//! Copy and paste: a copied selection is kept as the specs that declared it (exchanges,
//! queues, the bindings between copied nodes, actors, positions), and pasting declares
//! them again under fresh names through the engine, so a paste is checked like any edit.
//!
//! References follow the copy: a pasted consumer of a copied queue consumes the pasted
//! queue, while a reference to a node left behind keeps pointing at the original.

use crate::editor::document::{Document, NodeId};
use crate::engine::SortedMap;
use crate::engine::SortedSet;
use crate::engine::{Destination, ExchangeSpec, FieldTable, FieldValue, QueueSpec};
use crate::formats::scenario::ActorSpec;
use crate::scene::geometry::Point;

/// What Ctrl+C keeps.
#[derive(Debug, Clone, PartialEq)]
pub struct Fragment {
    exchanges: Vec<(ExchangeSpec, Point)>,
    queues: Vec<(QueueSpec, Point)>,
    bindings: Vec<CopiedBinding>,
    actors: Vec<(ActorSpec, Point)>,
}

#[derive(Debug, Clone, PartialEq)]
struct CopiedBinding {
    source: String,
    destination: String,
    destination_is_queue: bool,
    routing_key: String,
    arguments: FieldTable,
}

/// The selected nodes as a fragment; `None` when no node is selected.
pub fn copy(doc: &Document, nodes: &SortedSet<NodeId>) -> Option<Fragment> {
    let at = |node: &NodeId| doc.position(*node).unwrap_or_default();
    let mut fragment = Fragment { exchanges: Vec::new(), queues: Vec::new(), bindings: Vec::new(), actors: Vec::new() };
    for node in nodes {
        match node {
            NodeId::Exchange(id) => {
                let exchange = doc.topology.exchange(*id).filter(|exchange| !exchange.is_builtin());
                fragment.exchanges.extend(exchange.map(|exchange| (exchange.spec.clone(), at(node))));
            }
            NodeId::Queue(id) => fragment.queues.extend(doc.topology.queue(*id).map(|q| (q.spec.clone(), at(node)))),
            NodeId::Actor(key) => fragment.actors.extend(doc.actor(*key).map(|actor| (actor.clone(), at(node)))),
        }
    }
    for binding in doc.topology.bindings() {
        let destination = match binding.destination {
            Destination::Queue(queue) => NodeId::Queue(queue),
            Destination::Exchange(exchange) => NodeId::Exchange(exchange),
        };
        if nodes.contains(&NodeId::Exchange(binding.source)) && nodes.contains(&destination) {
            fragment.bindings.push(CopiedBinding {
                source: doc.topology.exchange_name(binding.source).to_string(),
                destination: doc.topology.destination_name(binding.destination).to_string(),
                destination_is_queue: matches!(binding.destination, Destination::Queue(_)),
                routing_key: binding.routing_key.clone(),
                arguments: binding.arguments.clone(),
            });
        }
    }
    let empty = fragment.exchanges.is_empty() && fragment.queues.is_empty() && fragment.actors.is_empty();
    (!empty).then_some(fragment)
}

/// Declares the fragment again under fresh names, `offset` away from the originals.
/// Returns the new nodes.
pub(crate) fn paste(doc: &mut Document, fragment: &Fragment, offset: Point) -> Vec<NodeId> {
    let mut renamed: SortedMap<String, String> = SortedMap::new();
    let mut pasted = Vec::new();
    let fresh = |doc: &Document, old: &str, renamed: &mut SortedMap<String, String>| {
        let name = doc.unique_name(old);
        renamed.insert(old.to_string(), name.clone());
        name
    };
    for (spec, _) in &fragment.exchanges {
        fresh(doc, &spec.name, &mut renamed);
    }
    for (spec, _) in &fragment.queues {
        fresh(doc, &spec.name, &mut renamed);
    }
    let follow = |name: &str| renamed.get(name).cloned().unwrap_or_else(|| name.to_string());
    for (spec, at) in &fragment.exchanges {
        let spec = ExchangeSpec {
            name: follow(&spec.name),
            arguments: follow_arguments(&spec.arguments, &follow),
            ..spec.clone()
        };
        if let Ok(id) = doc.topology.declare_exchange(spec) {
            pasted.push((NodeId::Exchange(id), *at));
        }
    }
    for (spec, at) in &fragment.queues {
        let spec = QueueSpec {
            name: follow(&spec.name),
            arguments: follow_arguments(&spec.arguments, &follow),
            ..spec.clone()
        };
        if let Ok(id) = doc.topology.declare_queue(spec) {
            pasted.push((NodeId::Queue(id), *at));
        }
    }
    for binding in &fragment.bindings {
        let source = doc.topology.exchange_by_name(&follow(&binding.source)).map(|exchange| exchange.id);
        let destination = if binding.destination_is_queue {
            doc.topology.queue_by_name(&follow(&binding.destination)).map(|queue| Destination::Queue(queue.id))
        } else {
            doc.topology.exchange_by_name(&follow(&binding.destination)).map(|x| Destination::Exchange(x.id))
        };
        if let (Some(source), Some(destination)) = (source, destination) {
            // The copied binding was valid on a topology of the same kinds, so this holds.
            let _ = doc.topology.bind(source, destination, &binding.routing_key, binding.arguments.clone());
        }
    }
    for (actor, at) in &fragment.actors {
        let mut actor = actor.clone();
        let name = doc.unique_name(actor.name());
        match &mut actor {
            ActorSpec::Producer(config) => {
                config.name = name;
                config.exchange = follow(&config.exchange);
            }
            ActorSpec::Consumer(config) => {
                config.name = name;
                config.queue = follow(&config.queue);
            }
            ActorSpec::RpcClient(config) => config.name = name,
            ActorSpec::RpcServer(config) => config.name = name,
            ActorSpec::Notifier(config) => config.name = name,
            ActorSpec::NotificationListener(config) => config.name = name,
        }
        pasted.push((NodeId::Actor(doc.add_actor(actor)), *at));
    }
    for (node, at) in &pasted {
        doc.set_position(*node, *at + offset);
    }
    pasted.into_iter().map(|(node, _)| node).collect()
}

/// Alternate and dead-letter exchanges that were copied are renamed with them.
fn follow_arguments(arguments: &FieldTable, follow: &impl Fn(&str) -> String) -> FieldTable {
    let mut arguments = arguments.clone();
    for name in ["alternate-exchange", "x-dead-letter-exchange"] {
        if let Some(FieldValue::Str(exchange)) = arguments.get(name) {
            let followed = follow(exchange);
            arguments.insert(name.to_string(), FieldValue::Str(followed));
        }
    }
    arguments
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::connect::connect;
    use crate::editor::create::add_node;
    use crate::editor::kinds::NodeKind;

    #[test]
    fn paste_renames_and_keeps_edges_inside_the_copy() {
        let mut doc = Document::default();
        let kinds = [NodeKind::Producer, NodeKind::Exchange, NodeKind::Queue, NodeKind::Consumer];
        let n: Vec<NodeId> = kinds.iter().map(|kind| add_node(&mut doc, *kind, Point::new(10.0, 10.0))).collect();
        for pair in n.windows(2) {
            connect(&mut doc, pair[0], pair[1]).unwrap();
        }
        // Copy the exchange, the queue and the consumer, not the producer.
        let copied: SortedSet<NodeId> = n[1..].iter().copied().collect();
        let fragment = copy(&doc, &copied).unwrap();
        let pasted = paste(&mut doc, &fragment, Point::new(32.0, 32.0));
        let names: Vec<&str> = pasted.iter().map(|node| doc.name(*node).unwrap()).collect();
        assert_eq!(names, ["exchange-2", "queue-2", "consumer-2"]);
        assert_eq!(doc.position(pasted[0]), Some(Point::new(42.0, 42.0)));
        assert_eq!(doc.edges().len(), 3 + 2, "the binding and the consume edge are pasted, not the publish edge");
        let pasted_consumer_queue = doc.edges().iter().find(|edge| edge.to == pasted[2]).map(|edge| edge.from);
        assert_eq!(pasted_consumer_queue, Some(pasted[1]));
        assert!(copy(&doc, &SortedSet::new()).is_none());
    }

    #[test]
    fn references_outside_the_copy_are_kept() {
        let mut doc = Document::default();
        let x = add_node(&mut doc, NodeKind::Exchange, Point::default());
        let p = add_node(&mut doc, NodeKind::Producer, Point::default());
        connect(&mut doc, p, x).unwrap();
        let fragment = copy(&doc, &[p].into_iter().collect()).unwrap();
        let pasted = paste(&mut doc, &fragment, Point::default());
        assert_eq!(
            doc.edges().iter().filter(|edge| edge.to == x).count(),
            2,
            "the copy publishes to the same exchange"
        );
        assert_eq!(doc.name(pasted[0]), Some("producer-2"));
    }
}
