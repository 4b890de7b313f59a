//! Pointer gestures on the canvas, as a small state machine over pointer presses, moves
//! and releases (mouse, pen and touch alike, in screen coordinates):
//!
//! - press a node and drag: move the selection (shift-press toggles the node in it);
//! - press a node's port and drag to another node: connect them, or show why not;
//! - press the background and drag: pan; with shift held: rubber-band selection;
//! - hold space (or the middle button) and drag anywhere: pan;
//! - two fingers: pinch to zoom and pan;
//! - a press and release that hardly moves is a click: it selects, or on the background
//!   clears the selection.

use crate::editor::document::{Item, NodeId};
use crate::editor::state::{Coalesce, EditorState};
use crate::editor::view::{Hit, build, hit_test, nodes_in};
use crate::scene::geometry::{Point, Rect, Viewport};

/// Screen pixels a press may wander and still count as a click.
const CLICK_SLOP: f64 = 4.0;

/// Where a pointer event is in its press.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Down,
    Move,
    Up,
    /// The browser took the pointer away (a system gesture, a lost capture).
    Cancel,
}

/// One pointer event on the canvas.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PointerInput {
    pub phase: Phase,
    pub pointer: i32,
    /// Position inside the canvas, in screen pixels.
    pub at: Point,
    pub shift: bool,
    /// The middle button (pans, like space+drag).
    pub middle: bool,
    /// A finger rather than a mouse or pen: ports and edges are easier to hit.
    pub touch: bool,
}

/// The gesture in progress.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Gesture {
    #[default]
    Idle,
    /// A node is held; moving drags the selection (one undo step per drag).
    Dragging { pointer: i32, node: NodeId, origin: Point, last: Point, moved: bool, serial: u32, shift: bool },
    /// A connection is being drawn from a node's port to `at` (world).
    Connecting { pointer: i32, from: NodeId, at: Point },
    /// The drawing follows the pointer.
    Panning { pointer: i32, origin: Point, last: Point, moved: bool },
    /// A selection rectangle from `start` to `at` (world).
    Banding { pointer: i32, start: Point, at: Point },
    /// Two fingers zoom and pan from `start`, the view when the second finger landed.
    Pinching { start: Viewport, first: (i32, Point), second: (i32, Point) },
}

impl Gesture {
    /// The rubber band being drawn, in world units.
    pub fn band(&self) -> Option<Rect> {
        match self {
            Gesture::Banding { start, at, .. } => Some(Rect::from_corners(*start, *at)),
            _ => None,
        }
    }
}

impl EditorState {
    /// The node a connection being drawn would end on, if the pointer is over one.
    pub fn connect_target(&self) -> Option<(NodeId, NodeId)> {
        let Gesture::Connecting { from, at, .. } = self.gesture else { return None };
        self.node_at(at).map(|to| (from, to))
    }

    /// The node whose box or port is at `world`.
    fn node_at(&self, world: Point) -> Option<NodeId> {
        let scene = build(&self.doc, &self.selection, None, &|_| String::new());
        match hit_test(&scene, world, self.view.scale) {
            Hit::Node(node) | Hit::Port(node) => Some(node),
            Hit::Edge(_) | Hit::Background => None,
        }
    }

    pub(crate) fn pointer(mut self, input: PointerInput) -> EditorState {
        match input.phase {
            Phase::Down => {
                self.touches.insert(input.pointer, input.at);
                self.notice = None;
                if self.touches.len() == 2 {
                    self.start_pinch();
                } else if self.touches.len() == 1 {
                    self.press(input);
                }
            }
            Phase::Move => {
                if self.touches.contains_key(&input.pointer) {
                    self.touches.insert(input.pointer, input.at);
                }
                self.drag(input);
            }
            Phase::Up => {
                self.touches.remove(&input.pointer);
                self.release(input);
            }
            Phase::Cancel => {
                self.touches.remove(&input.pointer);
                self.gesture = Gesture::Idle;
            }
        }
        self
    }

    fn press(&mut self, input: PointerInput) {
        let world = self.view.to_world(input.at);
        let pointer = input.pointer;
        if self.space_held || input.middle {
            self.gesture = Gesture::Panning { pointer, origin: input.at, last: input.at, moved: false };
            return;
        }
        let scene = build(&self.doc, &self.selection, None, &|_| String::new());
        let reach = if input.touch { self.view.scale / 2.0 } else { self.view.scale };
        self.gesture = match hit_test(&scene, world, reach) {
            Hit::Port(from) => Gesture::Connecting { pointer, from, at: world },
            Hit::Node(node) => {
                let item = Item::Node(node);
                if input.shift {
                    if !self.selection.remove(&item) {
                        self.selection.insert(item);
                    }
                } else if !self.selection.contains(&item) {
                    self.select([item]);
                }
                self.next_serial += 1;
                let serial = self.next_serial;
                Gesture::Dragging {
                    pointer,
                    node,
                    origin: input.at,
                    last: world,
                    moved: false,
                    serial,
                    shift: input.shift,
                }
            }
            Hit::Edge(edge) => {
                let item = Item::Edge(edge);
                if !input.shift {
                    self.selection.clear();
                }
                if !self.selection.remove(&item) {
                    self.selection.insert(item);
                }
                Gesture::Idle
            }
            Hit::Background if input.shift => Gesture::Banding { pointer, start: world, at: world },
            Hit::Background => Gesture::Panning { pointer, origin: input.at, last: input.at, moved: false },
        };
    }

    fn drag(&mut self, input: PointerInput) {
        let world = self.view.to_world(input.at);
        match &mut self.gesture {
            Gesture::Dragging { pointer, origin, last, moved, serial, .. } if *pointer == input.pointer => {
                if !*moved && origin.distance(input.at) < CLICK_SLOP {
                    return;
                }
                *moved = true;
                let delta = world - *last;
                *last = world;
                let serial = *serial;
                self.move_selection(delta, Coalesce::Gesture(serial));
            }
            Gesture::Connecting { pointer, at, .. } | Gesture::Banding { pointer, at, .. }
                if *pointer == input.pointer =>
            {
                *at = world;
            }
            Gesture::Panning { pointer, origin, last, moved } if *pointer == input.pointer => {
                if !*moved && origin.distance(input.at) < CLICK_SLOP {
                    return;
                }
                *moved = true;
                let delta = input.at - *last;
                *last = input.at;
                self.view = self.view.pan(delta);
            }
            Gesture::Pinching { start, first, second } => {
                let now = |id: i32, before: Point| self.touches.get(&id).copied().unwrap_or(before);
                let (a, b) = (now(first.0, first.1), now(second.0, second.1));
                self.view = Viewport::pinch(*start, (first.1, second.1), (a, b));
            }
            _ => {}
        }
    }

    fn release(&mut self, input: PointerInput) {
        let gesture = std::mem::take(&mut self.gesture);
        match gesture {
            Gesture::Dragging { pointer, node, moved: false, shift: false, .. } if pointer == input.pointer => {
                self.select([Item::Node(node)]);
            }
            Gesture::Connecting { pointer, from, .. } if pointer == input.pointer => {
                if let Some(to) = self.node_at(self.view.to_world(input.at)) {
                    self.connect(from, to, Some(input.at));
                }
            }
            Gesture::Banding { pointer, start, at } if pointer == input.pointer => {
                let scene = build(&self.doc, &self.selection, None, &|_| String::new());
                let band = Rect::from_corners(start, at);
                self.selection.extend(nodes_in(&scene, band).into_iter().map(Item::Node));
            }
            Gesture::Panning { pointer, moved: false, .. } if pointer == input.pointer => self.selection.clear(),
            Gesture::Pinching { .. } if !self.touches.is_empty() => {
                // One finger lifted: the other one pans from here.
                let (&pointer, &at) = self.touches.iter().next().expect("not empty");
                self.gesture = Gesture::Panning { pointer, origin: at, last: at, moved: true };
            }
            _ => {}
        }
    }

    fn start_pinch(&mut self) {
        let mut touches = self.touches.iter().map(|(id, at)| (*id, *at));
        let (Some(first), Some(second)) = (touches.next(), touches.next()) else { return };
        // A drag started by the first finger is dropped in favour of the pinch.
        self.gesture = Gesture::Pinching { start: self.view, first, second };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::connect::Refusal;
    use crate::editor::kinds::NodeKind;
    use crate::editor::state::Action;
    use crate::editor::state::tests::orders;
    use crate::editor::view::NODE_SIZE;

    fn pointer(phase: Phase, at: Point) -> Action {
        Action::Pointer(PointerInput { phase, pointer: 1, at, shift: false, middle: false, touch: false })
    }

    fn drag(state: EditorState, from: Point, to: Point) -> EditorState {
        state
            .apply(pointer(Phase::Down, from))
            .apply(pointer(Phase::Move, from.midpoint(to)))
            .apply(pointer(Phase::Move, to))
            .apply(pointer(Phase::Up, to))
    }

    fn center(state: &EditorState, node: NodeId) -> Point {
        state
            .view
            .to_screen(state.doc.position(node).unwrap() + Point::new(NODE_SIZE.width / 2.0, NODE_SIZE.height / 2.0))
    }

    fn port(state: &EditorState, node: NodeId) -> Point {
        state.view.to_screen(state.doc.position(node).unwrap() + Point::new(NODE_SIZE.width, NODE_SIZE.height / 2.0))
    }

    #[test]
    fn dragging_a_node_moves_it_in_one_undo_step() {
        let (state, nodes) = orders();
        let before = state.doc.position(nodes[1]).unwrap();
        let from = center(&state, nodes[1]);
        let state = drag(state, from, from + Point::new(40.0, 20.0));
        assert_eq!(state.doc.position(nodes[1]), Some(before + Point::new(40.0, 20.0)));
        assert_eq!(state.selection, [Item::Node(nodes[1])].into_iter().collect());
        let state = state.apply(Action::Undo);
        assert_eq!(state.doc.position(nodes[1]), Some(before));
    }

    #[test]
    fn dragging_from_a_port_connects_or_says_why_not() {
        let (state, nodes) = orders();
        let state = state.apply(Action::Select(Item::Node(nodes[0]))).apply(Action::Delete);
        let canvas = crate::scene::geometry::Size::new(800.0, 600.0);
        let producer = state.clone().apply(Action::AddNode {
            kind: NodeKind::Producer,
            at: Some(Point::new(90.0, 400.0)),
            canvas,
        });
        let Some(Item::Node(p)) = producer.single_selection() else { panic!() };
        let (from, queue) = (port(&producer, p), center(&producer, nodes[2]));
        let refused = drag(producer.clone(), from, queue);
        assert_eq!(
            refused.notice.as_ref().map(|n| (&n.refusal, n.at)),
            Some((&Refusal::NotAllowed { from: NodeKind::Producer, to: NodeKind::Queue }, queue))
        );
        let connected = drag(producer, from, center(&state, nodes[1]));
        assert!(connected.doc.edges().iter().any(|edge| edge.from == p && edge.to == nodes[1]));
        assert_eq!(connected.gesture, Gesture::Idle);
    }

    #[test]
    fn background_drags_pan_and_clicks_clear_the_selection() {
        let (state, nodes) = orders();
        let state = state.apply(Action::Select(Item::Node(nodes[0])));
        let empty = Point::new(900.0, 700.0);
        let panned = drag(state.clone(), empty, empty + Point::new(-50.0, 10.0));
        assert_eq!(panned.view.offset, Point::new(-50.0, 10.0));
        assert!(!panned.selection.is_empty(), "a pan keeps the selection");
        let clicked = state.apply(pointer(Phase::Down, empty)).apply(pointer(Phase::Up, empty));
        assert!(clicked.selection.is_empty());
        let held = clicked.apply(Action::Space(true));
        let from = center(&held, nodes[1]);
        let space_panned = drag(held, from, from + Point::new(10.0, 0.0));
        assert_eq!(space_panned.view.offset, Point::new(10.0, 0.0), "space+drag pans even over a node");
    }

    #[test]
    fn shift_click_and_rubber_band_select_several() {
        let (state, nodes) = orders();
        let shift = |phase, at| {
            Action::Pointer(PointerInput { phase, pointer: 1, at, shift: true, middle: false, touch: false })
        };
        let (a, b) = (center(&state, nodes[0]), center(&state, nodes[1]));
        let state = state.apply(pointer(Phase::Down, a)).apply(pointer(Phase::Up, a));
        let state = state.apply(shift(Phase::Down, b)).apply(shift(Phase::Up, b));
        assert_eq!(state.selection.len(), 2);
        let state = state.apply(shift(Phase::Down, b)).apply(shift(Phase::Up, b));
        assert_eq!(state.selection.len(), 1, "shift-click again deselects");
        let state = state.apply(Action::ClearSelection);
        let corner = state.view.to_screen(state.doc.position(nodes[2]).unwrap()) + Point::new(-10.0, -10.0);
        let state =
            state.apply(shift(Phase::Down, corner)).apply(shift(Phase::Move, corner + Point::new(400.0, 300.0)));
        assert!(state.gesture.band().is_some());
        let state = state.apply(shift(Phase::Up, corner + Point::new(400.0, 300.0)));
        let picked: Vec<NodeId> = state.selected_nodes().into_iter().collect();
        assert_eq!(picked, [nodes[2], nodes[3], nodes[4], nodes[5]]);
    }

    #[test]
    fn clicking_an_edge_selects_it() {
        let (state, _) = orders();
        let scene = build(&state.doc, &state.selection, None, &|_| String::new());
        let edge = &scene.edges[1];
        let at = state.view.to_screen(edge.curve.at(0.5));
        let state = state.apply(Action::ClearSelection).apply(pointer(Phase::Down, at)).apply(pointer(Phase::Up, at));
        assert_eq!(state.selection, [Item::Edge(edge.id)].into_iter().collect());
    }

    #[test]
    fn two_fingers_pinch_to_zoom() {
        let (state, _) = orders();
        let touch = |phase, pointer, x: f64| {
            Action::Pointer(PointerInput {
                phase,
                pointer,
                at: Point::new(x, 500.0),
                shift: false,
                middle: false,
                touch: true,
            })
        };
        let state = state.apply(touch(Phase::Down, 1, 300.0)).apply(touch(Phase::Down, 2, 400.0));
        assert!(matches!(state.gesture, Gesture::Pinching { .. }));
        let state = state.apply(touch(Phase::Move, 1, 250.0)).apply(touch(Phase::Move, 2, 450.0));
        assert!((state.view.scale - 2.0).abs() < 1e-9);
        let state = state.apply(touch(Phase::Up, 2, 450.0));
        assert!(matches!(state.gesture, Gesture::Panning { .. }), "the finger left behind pans");
        let state = state.apply(touch(Phase::Up, 1, 250.0));
        assert_eq!(state.gesture, Gesture::Idle);
    }
}
