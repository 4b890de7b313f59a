//! Connecting two nodes: which connections mean something in AMQP 0-9-1, and what each
//! one does to the document.
//!
//! Only four are allowed: producer -> exchange (the producer publishes there), exchange ->
//! queue and exchange -> exchange (a binding, made by the engine's own `bind`), and queue ->
//! consumer (the consumer consumes from it). Anything else is refused with a [`Refusal`],
//! data that `explain::edit` turns into a sentence.

use crate::editor::document::{ActorKey, Document, EdgeId, NodeId};
use crate::editor::kinds::NodeKind;
use crate::engine::{AmqpError, Destination, ExchangeId, ExchangeKind, FieldTable};
use crate::formats::scenario::ActorSpec;

/// Why a connection is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The drop landed on the node the drag started from.
    SameNode,
    /// Messages cannot flow from this kind to that one.
    NotAllowed { from: NodeKind, to: NodeKind },
    /// The producer already publishes to this exchange, or the consumer already reads
    /// this queue.
    AlreadyConnected,
    /// An identical binding exists (same exchange, destination and binding key).
    AlreadyBound { binding_key: String },
    /// The engine refused the binding.
    Engine(AmqpError),
}

/// Whether `from` may be connected to `to`, without changing anything.
pub fn check(doc: &Document, from: NodeId, to: NodeId) -> Result<(), Refusal> {
    match Plan::of(doc, from, to)? {
        Plan::Bind { source, destination, binding_key } => {
            let arguments = default_arguments(doc, source);
            let exists = doc.topology.bindings_from(source).iter().any(|binding| {
                binding.destination == destination
                    && binding.routing_key == binding_key
                    && binding.arguments == arguments
            });
            if exists { Err(Refusal::AlreadyBound { binding_key }) } else { Ok(()) }
        }
        Plan::Publish { .. } | Plan::Consume { .. } => Ok(()),
    }
}

/// Connects `from` to `to` and returns the new edge.
pub(crate) fn connect(doc: &mut Document, from: NodeId, to: NodeId) -> Result<EdgeId, Refusal> {
    check(doc, from, to)?;
    match Plan::of(doc, from, to)? {
        Plan::Bind { source, destination, binding_key } => {
            let arguments = default_arguments(doc, source);
            let binding = doc.topology.bind(source, destination, &binding_key, arguments).map_err(Refusal::Engine)?;
            Ok(EdgeId::Binding(binding))
        }
        Plan::Publish { producer, exchange } => {
            if let Some(ActorSpec::Producer(config)) = doc.actor_mut(producer) {
                config.exchange = exchange;
            }
            Ok(EdgeId::Publish(producer))
        }
        Plan::Consume { consumer, queue } => {
            if let Some(ActorSpec::Consumer(config)) = doc.actor_mut(consumer) {
                config.queue = queue;
            }
            Ok(EdgeId::Consume(consumer))
        }
    }
}

/// What a connection would do.
enum Plan {
    Bind { source: ExchangeId, destination: Destination, binding_key: String },
    Publish { producer: ActorKey, exchange: String },
    Consume { consumer: ActorKey, queue: String },
}

impl Plan {
    fn of(doc: &Document, from: NodeId, to: NodeId) -> Result<Plan, Refusal> {
        if from == to {
            return Err(Refusal::SameNode);
        }
        let (Some(from_kind), Some(to_kind)) = (doc.kind(from), doc.kind(to)) else {
            return Err(Refusal::Engine(AmqpError::NotFound("the node is gone".into())));
        };
        let to_name = doc.name(to).unwrap_or_default().to_string();
        let plan = match (from, to) {
            (NodeId::Actor(producer), NodeId::Exchange(_)) if from_kind == NodeKind::Producer => {
                Plan::Publish { producer, exchange: to_name }
            }
            (NodeId::Exchange(source), NodeId::Queue(queue)) => {
                let binding_key = default_binding_key(doc, source, &to_name);
                Plan::Bind { source, destination: Destination::Queue(queue), binding_key }
            }
            (NodeId::Exchange(source), NodeId::Exchange(exchange)) => {
                let binding_key = default_binding_key(doc, source, &to_name);
                Plan::Bind { source, destination: Destination::Exchange(exchange), binding_key }
            }
            (NodeId::Queue(_), NodeId::Actor(consumer)) if to_kind == NodeKind::Consumer => {
                Plan::Consume { consumer, queue: doc.name(from).unwrap_or_default().to_string() }
            }
            _ => return Err(Refusal::NotAllowed { from: from_kind, to: to_kind }),
        };
        let already = match &plan {
            Plan::Publish { producer, exchange } => {
                matches!(doc.actor(*producer), Some(ActorSpec::Producer(config)) if config.exchange == *exchange)
            }
            Plan::Consume { consumer, queue } => {
                matches!(doc.actor(*consumer), Some(ActorSpec::Consumer(config)) if config.queue == *queue)
            }
            Plan::Bind { .. } => false,
        };
        if already { Err(Refusal::AlreadyConnected) } else { Ok(plan) }
    }
}

/// The key a new binding starts with: the destination's name for a direct exchange (the
/// usual convention), `#` (everything) for a topic exchange, and none where keys are ignored.
fn default_binding_key(doc: &Document, source: ExchangeId, destination: &str) -> String {
    match doc.topology.exchange(source).map(|exchange| exchange.spec.kind) {
        Some(ExchangeKind::Direct) => destination.to_string(),
        Some(ExchangeKind::Topic) => "#".to_string(),
        _ => String::new(),
    }
}

/// A new headers binding asks for `x-match: all` explicitly, so the inspector shows it.
fn default_arguments(doc: &Document, source: ExchangeId) -> FieldTable {
    let mut arguments = FieldTable::new();
    if doc.topology.exchange(source).is_some_and(|exchange| exchange.spec.kind == ExchangeKind::Headers) {
        arguments.insert("x-match".into(), crate::engine::FieldValue::Str("all".into()));
    }
    arguments
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::create::doc_with;

    #[test]
    fn the_four_meaningful_connections() {
        use NodeKind::*;
        let (mut doc, n) = doc_with(&[Producer, Exchange, Queue, Consumer, Exchange]);
        let NodeId::Actor(producer) = n[0] else { unreachable!() };
        assert_eq!(connect(&mut doc, n[0], n[1]), Ok(EdgeId::Publish(producer)));
        let binding = connect(&mut doc, n[1], n[2]).unwrap();
        assert!(matches!(binding, EdgeId::Binding(_)));
        assert!(matches!(connect(&mut doc, n[1], n[4]), Ok(EdgeId::Binding(_))));
        assert!(matches!(connect(&mut doc, n[2], n[3]), Ok(EdgeId::Consume(_))));
        assert_eq!(doc.edges().len(), 4);
        let EdgeId::Binding(id) = binding else { unreachable!() };
        assert_eq!(doc.topology.binding(id).unwrap().routing_key, "queue-1", "direct: the queue's name");
    }

    #[test]
    fn meaningless_connections_are_refused_with_their_kinds() {
        use NodeKind::*;
        let (mut doc, n) = doc_with(&[Producer, Exchange, Queue, Consumer, RpcClient]);
        let refused = |doc: &mut Document, from: usize, to: usize| connect(doc, n[from], n[to]).unwrap_err();
        assert_eq!(refused(&mut doc, 0, 2), Refusal::NotAllowed { from: Producer, to: Queue });
        assert_eq!(refused(&mut doc, 3, 2), Refusal::NotAllowed { from: Consumer, to: Queue });
        assert_eq!(refused(&mut doc, 2, 1), Refusal::NotAllowed { from: Queue, to: Exchange });
        assert_eq!(refused(&mut doc, 1, 3), Refusal::NotAllowed { from: Exchange, to: Consumer });
        assert_eq!(refused(&mut doc, 4, 1), Refusal::NotAllowed { from: RpcClient, to: Exchange });
        assert_eq!(refused(&mut doc, 1, 1), Refusal::SameNode);
        assert!(doc.edges().is_empty(), "nothing changed");
        assert_eq!(check(&doc, n[0], n[1]), Ok(()));
    }

    #[test]
    fn repeated_connections_are_refused() {
        use NodeKind::*;
        let (mut doc, n) = doc_with(&[Producer, Exchange, Queue, Consumer, Exchange]);
        connect(&mut doc, n[0], n[1]).unwrap();
        assert_eq!(connect(&mut doc, n[0], n[1]), Err(Refusal::AlreadyConnected));
        connect(&mut doc, n[1], n[2]).unwrap();
        assert_eq!(connect(&mut doc, n[1], n[2]), Err(Refusal::AlreadyBound { binding_key: "queue-1".into() }));
        connect(&mut doc, n[2], n[3]).unwrap();
        assert_eq!(connect(&mut doc, n[2], n[3]), Err(Refusal::AlreadyConnected));
        connect(&mut doc, n[0], n[4]).unwrap();
        assert_eq!(
            doc.edges().iter().filter(|edge| edge.from == n[0]).count(),
            1,
            "a producer publishes to one exchange"
        );
    }

    #[test]
    fn default_binding_keys_follow_the_exchange_type() {
        use NodeKind::*;
        let (mut doc, n) = doc_with(&[Exchange, Queue]);
        let NodeId::Exchange(x) = n[0] else { unreachable!() };
        for (kind, key) in [(ExchangeKind::Topic, "#"), (ExchangeKind::Fanout, "")] {
            let mut spec = doc.topology.exchange(x).unwrap().spec.clone();
            spec.kind = kind;
            doc.topology.redeclare_exchange(x, spec).unwrap();
            let EdgeId::Binding(id) = connect(&mut doc, n[0], n[1]).unwrap() else { unreachable!() };
            assert_eq!(doc.topology.binding(id).unwrap().routing_key, key);
        }
    }
}
