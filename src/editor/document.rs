//! The document the editor edits: the engine's own [`Topology`], the scenario's actors,
//! and where each node sits on the canvas.
//!
//! There is no second model of exchanges, queues or bindings: nodes and edges are read
//! straight from the topology and from the actors' settings (a producer's edge is its
//! `exchange`, a consumer's edge is its `queue`). Built-in exchanges (the default exchange
//! and `amq.*`) belong to the broker and are not drawn.

use std::sync::Arc;

use crate::editor::kinds::NodeKind;
use crate::engine::SortedMap;
use crate::engine::{BindingId, Destination, ExchangeId, QueueId, Topology};
use crate::formats::definitions::Carried;
use crate::formats::scenario::{ActorSpec, ScriptStep};
use crate::scene::geometry::Point;
use crate::sim::Network;

/// An actor of the document, stable for its lifetime and never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ActorKey(pub u32);

/// A node on the canvas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeId {
    Exchange(ExchangeId),
    Queue(QueueId),
    Actor(ActorKey),
}

/// An edge on the canvas: a binding, a producer publishing to an exchange, or a consumer
/// consuming from a queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeId {
    Binding(BindingId),
    Publish(ActorKey),
    Consume(ActorKey),
}

/// Anything that can be selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    Node(NodeId),
    Edge(EdgeId),
}

/// An edge with its ends; messages flow from `from` to `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    pub id: EdgeId,
    pub from: NodeId,
    pub to: NodeId,
}

/// The rest of a scenario file, kept so that loading and saving loses nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub name: String,
    pub title: String,
    pub watch: String,
    pub seed: u64,
    pub network: Network,
    pub script: Vec<ScriptStep>,
    /// Where the canvas draws, by name, the exchanges and queues the actors declare while
    /// the scenario runs (they are not in the topology being edited).
    pub run_layout: SortedMap<String, Point>,
    /// What the opened definitions carry besides the topology (users, permissions, vhosts,
    /// parameters, policies, entries of other vhosts), written back on save and export.
    pub carried: Arc<Carried>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            name: "untitled".into(),
            title: String::new(),
            watch: String::new(),
            seed: 1,
            network: Network::default(),
            script: Vec::new(),
            run_layout: SortedMap::new(),
            carried: Arc::default(),
        }
    }
}

/// A topology with its actors and node positions.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub topology: Topology,
    pub settings: Settings,
    // Invariant: keys are below `next_actor`; key order is creation order (the scenario's
    // actor order).
    actors: SortedMap<ActorKey, ActorSpec>,
    positions: SortedMap<NodeId, Point>,
    next_actor: u32,
}

impl Document {
    /// Every node: exchanges, queues, then actors, each in creation order.
    pub fn nodes(&self) -> Vec<NodeId> {
        let exchanges = self.topology.exchanges().filter(|exchange| !exchange.is_builtin());
        exchanges
            .map(|exchange| NodeId::Exchange(exchange.id))
            .chain(self.topology.queues().map(|queue| NodeId::Queue(queue.id)))
            .chain(self.actors.keys().map(|key| NodeId::Actor(*key)))
            .collect()
    }

    pub fn kind(&self, node: NodeId) -> Option<NodeKind> {
        match node {
            NodeId::Exchange(id) => self.topology.exchange(id).filter(|x| !x.is_builtin()).map(|_| NodeKind::Exchange),
            NodeId::Queue(id) => self.topology.queue(id).map(|_| NodeKind::Queue),
            NodeId::Actor(key) => self.actors.get(&key).map(NodeKind::of_actor),
        }
    }

    pub fn name(&self, node: NodeId) -> Option<&str> {
        match node {
            NodeId::Exchange(id) => self.topology.exchange(id).filter(|x| !x.is_builtin()).map(|x| x.name()),
            NodeId::Queue(id) => self.topology.queue(id).map(|queue| queue.name()),
            NodeId::Actor(key) => self.actors.get(&key).map(ActorSpec::name),
        }
    }

    /// The node with this name; names are unique across kinds in an edited document.
    pub fn node_named(&self, name: &str) -> Option<NodeId> {
        self.nodes().into_iter().find(|node| self.name(*node) == Some(name))
    }

    /// The drawn exchange with this name (never a built-in one).
    pub fn exchange_node(&self, name: &str) -> Option<NodeId> {
        let exchange = self.topology.exchange_by_name(name).filter(|exchange| !exchange.is_builtin())?;
        Some(NodeId::Exchange(exchange.id))
    }

    pub fn queue_node(&self, name: &str) -> Option<NodeId> {
        self.topology.queue_by_name(name).map(|queue| NodeId::Queue(queue.id))
    }

    /// Every edge: bindings in creation order, then actors' edges in actor order.
    pub fn edges(&self) -> Vec<Edge> {
        let bindings = self.topology.bindings().filter_map(|binding| self.edge(EdgeId::Binding(binding.id)));
        let actors = self
            .actors
            .keys()
            .flat_map(|key| [EdgeId::Publish(*key), EdgeId::Consume(*key)].into_iter().filter_map(|id| self.edge(id)));
        bindings.chain(actors).collect()
    }

    /// The edge with this id, if both its ends are drawn.
    pub fn edge(&self, id: EdgeId) -> Option<Edge> {
        let (from, to) = match id {
            EdgeId::Binding(binding) => {
                let binding = self.topology.binding(binding)?;
                let to = match binding.destination {
                    Destination::Queue(queue) => NodeId::Queue(queue),
                    Destination::Exchange(exchange) => NodeId::Exchange(exchange),
                };
                (NodeId::Exchange(binding.source), to)
            }
            EdgeId::Publish(key) => match self.actors.get(&key)? {
                ActorSpec::Producer(config) => (NodeId::Actor(key), self.exchange_node(&config.exchange)?),
                _ => return None,
            },
            EdgeId::Consume(key) => match self.actors.get(&key)? {
                ActorSpec::Consumer(config) => (self.queue_node(&config.queue)?, NodeId::Actor(key)),
                _ => return None,
            },
        };
        (self.kind(from).is_some() && self.kind(to).is_some()).then_some(Edge { id, from, to })
    }

    pub fn contains(&self, item: Item) -> bool {
        match item {
            Item::Node(node) => self.kind(node).is_some(),
            Item::Edge(edge) => self.edge(edge).is_some(),
        }
    }

    pub fn actor(&self, key: ActorKey) -> Option<&ActorSpec> {
        self.actors.get(&key)
    }

    /// Actors in creation order.
    pub fn actors(&self) -> impl Iterator<Item = (ActorKey, &ActorSpec)> {
        self.actors.iter().map(|(key, actor)| (*key, actor))
    }

    pub fn position(&self, node: NodeId) -> Option<Point> {
        self.positions.get(&node).copied()
    }

    /// `base` if no node has that name, else `base` with the first free `-N` suffix
    /// (an existing `-N` suffix is replaced: `queue-1` becomes `queue-2`).
    pub fn unique_name(&self, base: &str) -> String {
        if self.node_named(base).is_none() {
            return base.to_string();
        }
        let stem = match base.rsplit_once('-') {
            Some((stem, digits)) if !stem.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) => stem,
            _ => base,
        };
        (2..).map(|n| format!("{stem}-{n}")).find(|name| self.node_named(name).is_none()).expect("names run out")
    }

    /// The first free `<kind>-N` name for a new node.
    pub fn fresh_name(&self, kind: NodeKind) -> String {
        (1..).map(|n| format!("{}-{n}", kind.slug())).find(|name| self.node_named(name).is_none()).expect("names")
    }

    pub(crate) fn actor_mut(&mut self, key: ActorKey) -> Option<&mut ActorSpec> {
        self.actors.get_mut(&key)
    }

    /// All actors, for changes that ripple through them (a rename).
    pub(crate) fn actors_mut(&mut self) -> impl Iterator<Item = &mut ActorSpec> {
        self.actors.iter_mut().map(|(_, actor)| actor)
    }

    pub(crate) fn add_actor(&mut self, actor: ActorSpec) -> ActorKey {
        let key = ActorKey(self.next_actor);
        self.next_actor += 1;
        self.actors.insert(key, actor);
        key
    }

    pub(crate) fn remove_actor(&mut self, key: ActorKey) {
        self.actors.remove(&key);
        self.positions.remove(&NodeId::Actor(key));
    }

    pub(crate) fn set_position(&mut self, node: NodeId, at: Point) {
        self.positions.insert(node, at);
    }

    /// Drops the positions of nodes that are gone (deleted, or auto-deleted by the engine).
    pub(crate) fn forget_missing(&mut self) {
        let present: Vec<NodeId> = self.nodes();
        self.positions.retain(|node, _| present.contains(node));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{ExchangeKind, ExchangeSpec, FieldTable, QueueSpec};

    fn producer(name: &str, exchange: &str) -> ActorSpec {
        serde_json::from_value(serde_json::json!({"kind": "producer", "name": name, "exchange": exchange})).unwrap()
    }

    fn consumer(name: &str, queue: &str) -> ActorSpec {
        serde_json::from_value(serde_json::json!({"kind": "consumer", "name": name, "queue": queue})).unwrap()
    }

    #[test]
    fn nodes_and_edges_come_from_the_topology_and_the_actors() {
        let mut doc = Document::default();
        let x = doc.topology.declare_exchange(ExchangeSpec::new("orders", ExchangeKind::Topic)).unwrap();
        let q = doc.topology.declare_queue(QueueSpec::new("q")).unwrap();
        let b = doc.topology.bind(x, Destination::Queue(q), "order.*", FieldTable::new()).unwrap();
        let p = doc.add_actor(producer("p", "orders"));
        let c = doc.add_actor(consumer("c", "q"));
        let lonely = doc.add_actor(consumer("lonely", "nowhere"));
        let defaulted = doc.add_actor(producer("to-default", ""));
        assert_eq!(
            doc.nodes(),
            [
                NodeId::Exchange(x),
                NodeId::Queue(q),
                NodeId::Actor(p),
                NodeId::Actor(c),
                NodeId::Actor(lonely),
                NodeId::Actor(defaulted)
            ],
            "built-in exchanges are not nodes"
        );
        assert_eq!(
            doc.edges(),
            [
                Edge { id: EdgeId::Binding(b), from: NodeId::Exchange(x), to: NodeId::Queue(q) },
                Edge { id: EdgeId::Publish(p), from: NodeId::Actor(p), to: NodeId::Exchange(x) },
                Edge { id: EdgeId::Consume(c), from: NodeId::Queue(q), to: NodeId::Actor(c) },
            ]
        );
        assert_eq!(doc.kind(NodeId::Actor(p)), Some(NodeKind::Producer));
        assert_eq!(doc.node_named("q"), Some(NodeId::Queue(q)));
        assert!(doc.contains(Item::Edge(EdgeId::Publish(p))));
        assert!(!doc.contains(Item::Edge(EdgeId::Publish(defaulted))));
        let builtin = doc.topology.exchange_by_name("amq.topic").unwrap().id;
        assert_eq!(doc.kind(NodeId::Exchange(builtin)), None);
    }

    #[test]
    fn names_stay_unique() {
        let mut doc = Document::default();
        assert_eq!(doc.fresh_name(NodeKind::Queue), "queue-1");
        doc.topology.declare_queue(QueueSpec::new("queue-1")).unwrap();
        assert_eq!(doc.fresh_name(NodeKind::Queue), "queue-2");
        assert_eq!(doc.unique_name("queue-1"), "queue-2");
        assert_eq!(doc.unique_name("orders"), "orders");
        doc.add_actor(producer("orders", ""));
        assert_eq!(doc.unique_name("orders"), "orders-2");
    }

    #[test]
    fn positions_of_removed_nodes_are_forgotten() {
        let mut doc = Document::default();
        let q = doc.topology.declare_queue(QueueSpec::new("q")).unwrap();
        let p = doc.add_actor(producer("p", ""));
        doc.set_position(NodeId::Queue(q), Point::new(1.0, 2.0));
        doc.set_position(NodeId::Actor(p), Point::new(3.0, 4.0));
        doc.topology.delete_queue(q);
        doc.forget_missing();
        assert_eq!(doc.position(NodeId::Queue(q)), None);
        doc.remove_actor(p);
        assert_eq!(doc.position(NodeId::Actor(p)), None);
        assert_eq!(doc.actors().count(), 0);
    }
}
