//! What the canvas draws, as plain structs any renderer can map to shapes: node boxes with
//! their ports and labels, edge curves with their labels, and whether each is selected or
//! lit by the live route preview. Hit-testing and the rubber band work on the same
//! geometry, so what the pointer touches is exactly what is drawn.

use crate::editor::document::{Document, Edge, EdgeId, Item, NodeId};
use crate::editor::kinds::NodeKind;
use crate::editor::preview::RoutePreview;
use crate::engine::ExchangeKind;
use crate::engine::SortedSet;
use crate::scene::geometry::{Bezier, Point, Rect, Size};

/// Every node's box, in world units.
pub const NODE_SIZE: Size = Size::new(172.0, 56.0);
/// The drawn radius of a port, and how far from its centre a press still takes it.
pub const PORT_RADIUS: f64 = 7.0;
pub const PORT_REACH: f64 = 14.0;
/// How far from an edge's curve a press still takes the edge.
pub const EDGE_REACH: f64 = 7.0;
/// Longest name drawn in full; longer ones are cut with an ellipsis (the full name stays
/// the accessible label and shows in the inspector).
const LABEL_CHARS: usize = 18;
/// Longest detail line drawn in full.
const DETAIL_CHARS: usize = 21;
/// Vertical spread between parallel edges of the same two nodes.
const LANE_GAP: f64 = 18.0;

/// How the route preview marks an edge or node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lit {
    #[default]
    Plain,
    /// On the preview's path (a binding that matched, a queue that gets the message).
    Matched,
    /// Tried and not matched.
    Unmatched,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NodeView {
    pub id: NodeId,
    pub kind: NodeKind,
    pub name: String,
    /// The name as drawn, cut to fit the box.
    pub label: String,
    /// A short second line: the exchange type, a queue's limits, a producer's key.
    pub detail: String,
    pub rect: Rect,
    pub out_port: Option<Point>,
    pub in_port: Option<Point>,
    pub selected: bool,
    pub lit: Lit,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EdgeView {
    pub id: EdgeId,
    pub from: NodeId,
    pub to: NodeId,
    pub curve: Bezier,
    /// The binding key (or a producer's routing key) drawn at the middle of the curve.
    pub label: Option<String>,
    pub selected: bool,
    pub lit: Lit,
}

/// Everything the canvas draws.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scene {
    pub nodes: Vec<NodeView>,
    pub edges: Vec<EdgeView>,
}

impl Scene {
    /// The box around every node, if there is any.
    pub fn bounds(&self) -> Option<Rect> {
        self.nodes.iter().map(|node| node.rect).reduce(Rect::union)
    }

    pub fn node(&self, id: NodeId) -> Option<&NodeView> {
        self.nodes.iter().find(|node| node.id == id)
    }

    /// What of the scene to draw when `visible` (world coordinates) is in view: a scene of
    /// more than [`CULL_ABOVE`] nodes keeps only what lies in it and what is selected (a big
    /// topology draws what is on screen, so opening, panning and zooming it cost that); a
    /// smaller one stays whole, every node reachable by keyboard.
    pub fn in_view(&self, visible: Rect) -> Scene {
        if self.nodes.len() <= CULL_ABOVE {
            return self.clone();
        }
        Scene {
            nodes: self.nodes.iter().filter(|node| node.selected || node.rect.intersects(visible)).cloned().collect(),
            edges: self
                .edges
                .iter()
                .filter(|edge| edge.selected || edge.curve.bounds().intersects(visible))
                .cloned()
                .collect(),
        }
    }
}

/// Scenes with more nodes than this draw only what is in view ([`Scene::in_view`]): every
/// built-in scenario (the canvas load has 101 nodes) and anything drawn by hand stays whole.
pub const CULL_ABOVE: usize = 400;

/// What is under a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Port(NodeId),
    Node(NodeId),
    Edge(EdgeId),
    Background,
}

/// The box of a node, from its saved position.
pub fn node_rect(doc: &Document, node: NodeId) -> Rect {
    Rect::new(doc.position(node).unwrap_or_default(), NODE_SIZE)
}

/// Builds the scene for a document, its selection and an optional route preview; `detail`
/// says each node's second line (the words are `explain::kinds::node_detail`).
pub fn build(
    doc: &Document,
    selection: &SortedSet<Item>,
    preview: Option<&RoutePreview>,
    detail: &dyn Fn(NodeId) -> String,
) -> Scene {
    let nodes = doc
        .nodes()
        .into_iter()
        .filter_map(|id| {
            let kind = doc.kind(id)?;
            let name = doc.name(id)?.to_string();
            let rect = node_rect(doc, id);
            let lit = match (preview, id) {
                (Some(preview), NodeId::Queue(queue)) if preview.queues.contains(&queue) => Lit::Matched,
                (Some(preview), NodeId::Actor(key)) if preview.producer == key => Lit::Matched,
                _ => Lit::Plain,
            };
            Some(NodeView {
                id,
                kind,
                label: cut(&name, LABEL_CHARS),
                detail: cut(&detail(id), DETAIL_CHARS),
                name,
                rect,
                out_port: kind.has_out_port().then(|| Point::new(rect.right(), rect.center().y)),
                in_port: kind.has_in_port().then(|| Point::new(rect.x, rect.center().y)),
                selected: selection.contains(&Item::Node(id)),
                lit,
            })
        })
        .collect();
    let all_edges = doc.edges();
    let edges = all_edges
        .iter()
        .map(|edge| EdgeView {
            id: edge.id,
            from: edge.from,
            to: edge.to,
            curve: curve(doc, edge, lane(&all_edges, edge)),
            label: edge_label(doc, edge.id),
            selected: selection.contains(&Item::Edge(edge.id)),
            lit: edge_lit(preview, edge.id),
        })
        .collect();
    Scene { nodes, edges }
}

/// What is under `point` (world units); ports win over boxes, boxes over edges.
pub fn hit_test(scene: &Scene, point: Point, reach_scale: f64) -> Hit {
    let reach = |distance: f64| distance / reach_scale.max(0.1);
    for node in scene.nodes.iter().rev() {
        if node.out_port.is_some_and(|port| port.distance(point) <= reach(PORT_REACH)) {
            return Hit::Port(node.id);
        }
    }
    if let Some(node) = scene.nodes.iter().rev().find(|node| node.rect.contains(point)) {
        return Hit::Node(node.id);
    }
    let nearest = scene
        .edges
        .iter()
        .map(|edge| (edge.curve.distance_to(point), edge.id))
        .filter(|(distance, _)| *distance <= reach(EDGE_REACH))
        .min_by(|a, b| a.0.total_cmp(&b.0));
    nearest.map_or(Hit::Background, |(_, id)| Hit::Edge(id))
}

/// The nodes a rubber band touches.
pub fn nodes_in(scene: &Scene, band: Rect) -> Vec<NodeId> {
    scene.nodes.iter().filter(|node| node.rect.intersects(band)).map(|node| node.id).collect()
}

/// The curve from the source's out port to the target's in port, bent apart from parallel
/// edges by `lane`.
fn curve(doc: &Document, edge: &Edge, lane: f64) -> Bezier {
    let from = node_rect(doc, edge.from);
    let to = node_rect(doc, edge.to);
    let start = Point::new(from.right(), from.center().y);
    let end = Point::new(to.x, to.center().y);
    connector(start, end, lane * LANE_GAP)
}

/// A left-to-right S-curve between two points, pulled out further when it has to loop back.
pub fn connector(start: Point, end: Point, bend: f64) -> Bezier {
    let pull = ((end.x - start.x).abs() / 2.0).max(48.0);
    Bezier {
        start,
        control1: Point::new(start.x + pull, start.y + bend),
        control2: Point::new(end.x - pull, end.y + bend),
        end,
    }
}

/// Edges between the same two nodes fan out: 0, then ±1, ±2 … around the middle.
fn lane(edges: &[Edge], edge: &Edge) -> f64 {
    let parallel: Vec<&Edge> = edges.iter().filter(|other| other.from == edge.from && other.to == edge.to).collect();
    let index = parallel.iter().position(|other| other.id == edge.id).unwrap_or(0);
    index as f64 - (parallel.len() - 1) as f64 / 2.0
}

fn edge_lit(preview: Option<&RoutePreview>, edge: EdgeId) -> Lit {
    match (preview, edge) {
        (Some(preview), EdgeId::Binding(binding)) if preview.matched.contains(&binding) => Lit::Matched,
        (Some(preview), EdgeId::Binding(binding)) if preview.unmatched.contains(&binding) => Lit::Unmatched,
        (Some(preview), EdgeId::Publish(producer)) if preview.producer == producer => Lit::Matched,
        _ => Lit::Plain,
    }
}

fn edge_label(doc: &Document, edge: EdgeId) -> Option<String> {
    let label = match edge {
        EdgeId::Binding(id) => {
            let binding = doc.topology.binding(id)?;
            match doc.topology.exchange(binding.source)?.spec.kind {
                ExchangeKind::Fanout => return None,
                ExchangeKind::Headers => {
                    let mode = binding.arguments.get("x-match").and_then(|mode| mode.as_str()).unwrap_or("all");
                    let names: Vec<&str> =
                        binding.arguments.keys().map(String::as_str).filter(|name| *name != "x-match").collect();
                    format!("{mode}: {}", names.join(", "))
                }
                ExchangeKind::Direct | ExchangeKind::Topic => binding.routing_key.clone(),
            }
        }
        // A producer shows its routing key on its own box: publish edges are often short.
        EdgeId::Publish(_) | EdgeId::Consume(_) => return None,
    };
    (!label.is_empty()).then(|| cut(&label, LABEL_CHARS))
}

/// A node's name as its box draws it: cut to fit, with an ellipsis.
pub fn node_label(name: &str) -> String {
    cut(name, LABEL_CHARS)
}

/// Cuts `text` to `columns`, a CJK character counting as two (it is drawn about twice as wide).
fn cut(text: &str, columns: usize) -> String {
    let width = |c: char| if c >= '\u{2e80}' { 2 } else { 1 };
    if text.chars().map(width).sum::<usize>() <= columns {
        return text.to_string();
    }
    let mut used = 0;
    let kept: String = text
        .chars()
        .take_while(|c| {
            used += width(*c);
            used < columns
        })
        .collect();
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::connect::connect;
    use crate::editor::create::add_node;

    /// producer -> exchange -> queue, in a row 230 apart.
    fn row() -> (Document, Vec<NodeId>) {
        let mut doc = Document::default();
        let kinds = [NodeKind::Producer, NodeKind::Exchange, NodeKind::Queue];
        let nodes: Vec<NodeId> = kinds
            .iter()
            .enumerate()
            .map(|(i, kind)| add_node(&mut doc, *kind, Point::new(i as f64 * 230.0, 0.0)))
            .collect();
        connect(&mut doc, nodes[0], nodes[1]).unwrap();
        connect(&mut doc, nodes[1], nodes[2]).unwrap();
        (doc, nodes)
    }

    #[test]
    fn a_big_scene_draws_what_is_in_view_and_what_is_selected() {
        let mut doc = Document::default();
        let queues: Vec<NodeId> = (0..CULL_ABOVE + 100)
            .map(|i| add_node(&mut doc, NodeKind::Queue, Point::new((i % 50) as f64 * 230.0, (i / 50) as f64 * 100.0)))
            .collect();
        let far = *queues.last().unwrap();
        let scene = build(&doc, &[Item::Node(far)].into_iter().collect(), None, &|_| String::new());
        let culled = scene.in_view(Rect::new(Point::default(), Size::new(500.0, 150.0)));
        let drawn: Vec<NodeId> = culled.nodes.iter().map(|node| node.id).collect();
        // Columns 0 to 2 of rows 0 and 1, and the selected queue far away.
        assert_eq!(drawn.len(), 7, "{drawn:?}");
        assert!(drawn.contains(&queues[0]) && drawn.contains(&queues[52]) && drawn.contains(&far));
        let (small, _) = row();
        let whole = build(&small, &Default::default(), None, &|_| String::new());
        assert_eq!(
            whole.in_view(Rect::new(Point::new(5000.0, 5000.0), Size::new(1.0, 1.0))),
            whole,
            "a small scene stays whole"
        );
    }

    #[test]
    fn nodes_have_boxes_ports_and_details() {
        let (doc, n) = row();
        let scene = build(&doc, &[Item::Node(n[1])].into_iter().collect(), None, &|_| "its detail".to_string());
        let exchange = scene.node(n[1]).unwrap();
        assert_eq!(exchange.rect, Rect::new(Point::new(230.0, 0.0), NODE_SIZE));
        assert_eq!(exchange.detail, "its detail");
        assert!(exchange.selected);
        assert_eq!(exchange.out_port, Some(Point::new(230.0 + NODE_SIZE.width, 28.0)));
        assert_eq!(scene.node(n[0]).unwrap().in_port, None, "nothing flows into a producer");
        assert_eq!(scene.bounds(), Some(Rect::new(Point::default(), Size::new(460.0 + NODE_SIZE.width, 56.0))));
        assert_eq!(scene.edges.len(), 2);
        assert_eq!(scene.edges[0].label.as_deref(), Some("queue-1"), "the binding key");
        assert_eq!(scene.edges[0].curve.start, exchange.out_port.unwrap());
    }

    #[test]
    fn hit_testing_prefers_ports_then_nodes_then_edges() {
        let (doc, n) = row();
        let scene = build(&doc, &SortedSet::new(), None, &|_| String::new());
        let port = scene.node(n[1]).unwrap().out_port.unwrap();
        assert_eq!(hit_test(&scene, port + Point::new(-5.0, 3.0), 1.0), Hit::Port(n[1]));
        assert_eq!(hit_test(&scene, Point::new(240.0, 10.0), 1.0), Hit::Node(n[1]));
        let middle = scene.edges[1].curve.at(0.5);
        assert_eq!(hit_test(&scene, middle + Point::new(0.0, 4.0), 1.0), Hit::Edge(scene.edges[1].id));
        assert_eq!(hit_test(&scene, Point::new(100.0, 400.0), 1.0), Hit::Background);
        assert_eq!(
            hit_test(&scene, middle + Point::new(0.0, 12.0), 2.0),
            Hit::Background,
            "reach shrinks when zoomed in"
        );
        assert_eq!(hit_test(&scene, middle + Point::new(0.0, 12.0), 0.5), Hit::Edge(scene.edges[1].id));
    }

    #[test]
    fn rubber_band_takes_touched_nodes() {
        let (doc, n) = row();
        let scene = build(&doc, &SortedSet::new(), None, &|_| String::new());
        let band = Rect::from_corners(Point::new(-10.0, -10.0), Point::new(250.0, 20.0));
        assert_eq!(nodes_in(&scene, band), [n[1], n[0]], "in document order: exchanges before actors");
    }

    #[test]
    fn parallel_edges_fan_out_and_long_names_are_cut() {
        let (mut doc, n) = row();
        let NodeId::Exchange(x) = n[1] else { unreachable!() };
        let NodeId::Queue(q) = n[2] else { unreachable!() };
        doc.topology.bind(x, crate::engine::Destination::Queue(q), "second", crate::engine::FieldTable::new()).unwrap();
        let scene = build(&doc, &SortedSet::new(), None, &|_| String::new());
        let bends: Vec<f64> = scene.edges.iter().filter(|e| e.to == n[2]).map(|e| e.curve.control1.y - 28.0).collect();
        assert_eq!(bends, [-LANE_GAP / 2.0, LANE_GAP / 2.0]);
        assert_eq!(cut("a-very-long-queue-name-indeed", LABEL_CHARS), "a-very-long-queue…");
        assert_eq!(cut("订单队列订单队列订单队列", LABEL_CHARS), "订单队列订单队列…", "a CJK character is two columns");
    }
}
