//! New nodes: what each palette kind starts as.
//!
//! Actors start from the scenario format's own defaults (they are read through serde from
//! the few fields a file must give), so a node drawn on the canvas and the same actor
//! written in a file behave alike.

use serde_json::json;

use crate::editor::document::{Document, NodeId};
use crate::editor::kinds::NodeKind;
use crate::engine::{ExchangeKind, ExchangeSpec, QueueSpec};
use crate::formats::scenario::ActorSpec;
use crate::scene::geometry::Point;
use crate::scene::layout::{COLUMN_GAP, ROW_GAP};

/// Adds a node of `kind` with a fresh name, its top-left corner at `at`.
pub(crate) fn add_node(doc: &mut Document, kind: NodeKind, at: Point) -> NodeId {
    let name = doc.fresh_name(kind);
    let node = match kind {
        NodeKind::Exchange => {
            let spec = ExchangeSpec::new(name, ExchangeKind::Direct);
            NodeId::Exchange(doc.topology.declare_exchange(spec).expect("a fresh name is free and not reserved"))
        }
        NodeKind::Queue => {
            NodeId::Queue(doc.topology.declare_queue(QueueSpec::new(name)).expect("a fresh name is free and valid"))
        }
        _ => NodeId::Actor(doc.add_actor(new_actor(kind, &name))),
    };
    doc.set_position(node, at);
    node
}

/// Where a node placed by a click should go: below the nodes of its own band (producers,
/// exchanges, queues, consumers), else one column right of the band before it, else one
/// column left of the band after it; `None` on an empty canvas.
pub(crate) fn suggested_spot(doc: &Document, kind: NodeKind) -> Option<Point> {
    let band = kind.band();
    let placed: Vec<_> =
        doc.nodes().into_iter().filter_map(|node| Some((doc.kind(node)?.band(), doc.position(node)?))).collect();
    let column = |wanted| placed.iter().filter(move |(other, _)| *other == wanted).map(|(_, at)| *at);
    if let Some(lowest) = column(band).max_by(|a, b| a.y.total_cmp(&b.y)) {
        return Some(Point::new(lowest.x, lowest.y + ROW_GAP));
    }
    let top = |wanted| column(wanted).map(|at| at.y).fold(f64::INFINITY, f64::min);
    if let Some(before) = placed.iter().map(|(other, _)| *other).filter(|other| *other < band).max() {
        let right = column(before).map(|at| at.x).fold(f64::NEG_INFINITY, f64::max);
        return Some(Point::new(right + COLUMN_GAP, top(before)));
    }
    let after = placed.iter().map(|(other, _)| *other).filter(|other| *other > band).min()?;
    let left = column(after).map(|at| at.x).fold(f64::INFINITY, f64::min);
    Some(Point::new(left - COLUMN_GAP, top(after)))
}

/// A new actor of `kind`: a small working example of each.
fn new_actor(kind: NodeKind, name: &str) -> ActorSpec {
    let value = match kind {
        NodeKind::Producer => json!({"kind": "producer", "name": name, "count": 3, "interval_ms": 200}),
        NodeKind::Consumer => json!({"kind": "consumer", "name": name, "queue": "", "prefetch": 1}),
        NodeKind::RpcClient => json!({
            "kind": "rpc_client", "name": name, "target": {"topic": "compute"},
            "steps": [{"action": "call", "method": "ping"}]
        }),
        NodeKind::RpcServer => json!({
            "kind": "rpc_server", "name": name, "target": {"topic": "compute", "server": name},
            "endpoints": [{"name": "Endpoint", "methods": [{"name": "ping", "behaviour": {"return": "\"pong\""}}]}]
        }),
        NodeKind::Notifier => json!({
            "kind": "notifier", "name": name, "publisher_id": name,
            "steps": [{"priority": "info", "event_type": "compute.instance.create.end"}]
        }),
        NodeKind::Listener => json!({
            "kind": "notification_listener", "name": name,
            "endpoints": [{"name": "Endpoint", "handlers": [{"priority": "info"}]}]
        }),
        NodeKind::Exchange | NodeKind::Queue => unreachable!("exchanges and queues live in the topology"),
    };
    serde_json::from_value(value).expect("the defaults are valid scenario actors")
}

/// A document with one fresh node of each kind given, for tests.
#[cfg(test)]
pub(crate) fn doc_with(kinds: &[NodeKind]) -> (Document, Vec<NodeId>) {
    let mut doc = Document::default();
    let nodes = kinds.iter().map(|kind| add_node(&mut doc, *kind, Point::default())).collect();
    (doc, nodes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_can_be_added_and_gets_a_fresh_name() {
        let mut doc = Document::default();
        for kind in NodeKind::ALL {
            let node = add_node(&mut doc, kind, Point::new(10.0, 20.0));
            assert_eq!(doc.kind(node), Some(kind));
            assert_eq!(doc.name(node), Some(format!("{}-1", kind.slug()).as_str()));
            assert_eq!(doc.position(node), Some(Point::new(10.0, 20.0)));
        }
        let second = add_node(&mut doc, NodeKind::Queue, Point::default());
        assert_eq!(doc.name(second), Some("queue-2"));
        assert_eq!(doc.nodes().len(), 9);
    }

    #[test]
    fn clicked_nodes_go_next_to_their_neighbours_in_the_flow() {
        let mut doc = Document::default();
        assert_eq!(suggested_spot(&doc, NodeKind::Queue), None);
        add_node(&mut doc, NodeKind::Exchange, Point::new(300.0, 100.0));
        assert_eq!(suggested_spot(&doc, NodeKind::Queue), Some(Point::new(300.0 + COLUMN_GAP, 100.0)));
        assert_eq!(suggested_spot(&doc, NodeKind::Producer), Some(Point::new(300.0 - COLUMN_GAP, 100.0)));
        assert_eq!(suggested_spot(&doc, NodeKind::Exchange), Some(Point::new(300.0, 100.0 + ROW_GAP)));
        add_node(&mut doc, NodeKind::Queue, Point::new(530.0, 100.0));
        assert_eq!(suggested_spot(&doc, NodeKind::Consumer), Some(Point::new(530.0 + COLUMN_GAP, 100.0)));
    }
}
