//! Live routing feedback while a producer is edited: where its next message would go.
//!
//! The engine routes the producer's first message (templates expanded for message 1) with
//! `Topology::route`, and `explain::route` says, binding by binding, why each matched or
//! not. The canvas lights up what matched; `explain::edit` words it.

use crate::editor::document::{ActorKey, Document, EdgeId, Item, NodeId};
use crate::editor::state::EditorState;
use crate::engine::SortedSet;
use crate::engine::explanation::{RouteExplanation, explain_route};
use crate::engine::topology::RoutingInput;
use crate::engine::{BindingId, FieldTable, FieldValue, QueueId};
use crate::formats::scenario::ActorSpec;
use crate::sim::actors::expand_template;

/// Where a producer's next message would go, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct RoutePreview {
    pub producer: ActorKey,
    pub routing_key: String,
    pub mandatory: bool,
    /// Bindings that matched, at any exchange the message visited.
    pub matched: SortedSet<BindingId>,
    /// Bindings that were tried and did not match.
    pub unmatched: SortedSet<BindingId>,
    pub queues: Vec<QueueId>,
    pub explanation: RouteExplanation,
}

impl EditorState {
    /// The preview for the selected producer (or its publish edge), if exactly that is selected.
    pub fn preview(&self) -> Option<RoutePreview> {
        match self.single_selection()? {
            Item::Node(NodeId::Actor(key)) | Item::Edge(EdgeId::Publish(key)) => route_preview(&self.doc, key),
            _ => None,
        }
    }
}

/// The preview for a producer that publishes to a drawn exchange; `None` otherwise.
pub fn route_preview(doc: &Document, producer: ActorKey) -> Option<RoutePreview> {
    let Some(ActorSpec::Producer(config)) = doc.actor(producer) else { return None };
    let exchange = doc.topology.exchange_by_name(&config.exchange).filter(|exchange| !exchange.is_builtin())?;
    let routing_key = expand_template(&config.routing_key, &config.name, 1);
    let mut headers = FieldTable::new();
    headers.extend(config.headers.iter().map(|(name, value)| {
        let value = match value {
            serde_json::Value::String(text) => FieldValue::Str(expand_template(text, &config.name, 1)),
            other => FieldValue::from_json(other),
        };
        (name.clone(), value)
    }));
    let keys = [routing_key.clone()];
    let route = doc.topology.route(exchange.id, RoutingInput { routing_keys: &keys, headers: &headers });
    let explanation = explain_route(&doc.topology, &route, &keys, &headers);
    let mut matched: SortedSet<BindingId> = SortedSet::new();
    matched.extend(route.hops.iter().flat_map(|hop| hop.matched.iter().copied()));
    let mut unmatched = SortedSet::new();
    unmatched.extend(
        route
            .hops
            .iter()
            .flat_map(|hop| doc.topology.bindings_from(hop.exchange))
            .map(|binding| binding.id)
            .filter(|binding| !matched.contains(binding)),
    );
    Some(RoutePreview {
        producer,
        routing_key,
        mandatory: config.mandatory,
        matched,
        unmatched,
        queues: route.queues,
        explanation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::connect::connect;
    use crate::editor::create::add_node;
    use crate::editor::field_edit::set;
    use crate::editor::fields::Field;
    use crate::editor::kinds::NodeKind;
    use crate::scene::geometry::Point;

    #[test]
    fn topic_bindings_light_up_for_the_routing_key() {
        let mut doc = Document::default();
        let kinds = [NodeKind::Producer, NodeKind::Exchange, NodeKind::Queue, NodeKind::Queue];
        let n: Vec<NodeId> = kinds.iter().map(|kind| add_node(&mut doc, *kind, Point::default())).collect();
        connect(&mut doc, n[0], n[1]).unwrap();
        set(&mut doc, Item::Node(n[1]), Field::ExchangeType, "topic").unwrap();
        let EdgeId::Binding(star) = connect(&mut doc, n[1], n[2]).unwrap() else { unreachable!() };
        let EdgeId::Binding(hash) = connect(&mut doc, n[1], n[3]).unwrap() else { unreachable!() };
        set(&mut doc, Item::Edge(EdgeId::Binding(star)), Field::BindingKey, "order.*").unwrap();
        set(&mut doc, Item::Edge(EdgeId::Binding(hash)), Field::BindingKey, "order.#").unwrap();
        let NodeId::Actor(producer) = n[0] else { unreachable!() };

        set(&mut doc, Item::Node(n[0]), Field::RoutingKey, "order.created").unwrap();
        let preview = route_preview(&doc, producer).unwrap();
        assert_eq!(preview.matched, [star, hash].into_iter().collect());
        assert_eq!(preview.queues.len(), 2);

        set(&mut doc, Item::Node(n[0]), Field::RoutingKey, "order.created.{name}").unwrap();
        let preview = route_preview(&doc, producer).unwrap();
        assert_eq!(preview.routing_key, "order.created.producer-1", "templates are expanded");
        assert_eq!(preview.matched, [hash].into_iter().collect());
        assert_eq!(preview.unmatched, [star].into_iter().collect());
        assert_eq!(preview.explanation.hops[0].bindings.len(), 2);

        let lonely = add_node(&mut doc, NodeKind::Producer, Point::default());
        let NodeId::Actor(lonely) = lonely else { unreachable!() };
        assert!(route_preview(&doc, lonely).is_none(), "no exchange, no preview");
    }
}
