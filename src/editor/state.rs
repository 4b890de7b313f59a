//! The editor's whole state and its one pure [`EditorState::apply`]: the document with its
//! undo history, plus view-only facts (selection, drafts of refused inspector values, zoom
//! and pan, the gesture in progress, a refusal notice, the shortcuts overlay).
//!
//! The web app keeps one `EditorState` in its root reducer and only delegates to `apply`,
//! so every edit, shortcut and pointer gesture is exercised natively by `cargo test`.
//! Every change to the document is one undo step; typing in one field and dragging in one
//! gesture each coalesce into a single step.

use std::convert::Infallible;
use std::rc::Rc;

use crate::editor::clipboard::{Fragment, copy, paste};
use crate::editor::connect::{Refusal, connect};
use crate::editor::create::{add_node, suggested_spot};
use crate::editor::document::{Document, EdgeId, Item, NodeId};
use crate::editor::field_edit::set;
use crate::editor::fields::{Field, FieldProblem};
use crate::editor::gesture::{Gesture, PointerInput};
use crate::editor::kinds::NodeKind;
use crate::editor::view::{NODE_SIZE, node_rect};
use crate::engine::SortedMap;
use crate::engine::SortedSet;
use crate::formats::scenario::ActorSpec;
use crate::formats::scenario::ScriptStep;
use crate::scene::geometry::{Point, Rect, Size, Viewport};
use crate::scene::layout::free_spot;

/// Most undo steps kept.
const HISTORY_LIMIT: usize = 200;
/// How far each paste lands from the copied nodes (and from the previous paste).
const PASTE_OFFSET: f64 = 32.0;
/// How far from the canvas edges a node placed by a click is panned into view (clear of
/// the toolbar at the top).
const REVEAL_MARGIN: f64 = 56.0;
/// How much the zoom buttons zoom.
pub const ZOOM_STEP: f64 = 1.25;

/// Something the user did.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Adds a node: centred where it is dropped from the palette (`at`, a canvas point), or
    /// placed by a click (`at` is `None`) next to the nodes it would connect to, in a free
    /// spot, and panned into view.
    AddNode {
        kind: NodeKind,
        at: Option<Point>,
        canvas: Size,
    },
    Connect {
        from: NodeId,
        to: NodeId,
    },
    SetField {
        item: Item,
        field: Field,
        text: String,
    },
    /// Deletes the selection; a node goes with its edges.
    Delete,
    /// Moves the selected nodes by a few units (arrow keys).
    Nudge {
        dx: f64,
        dy: f64,
    },
    Copy,
    Paste,
    Undo,
    Redo,
    Select(Item),
    SelectAll,
    ClearSelection,
    /// Zooms around the canvas centre.
    Zoom {
        factor: f64,
        canvas: Size,
    },
    Fit {
        canvas: Size,
    },
    Pointer(PointerInput),
    Wheel {
        at: Point,
        delta_y: f64,
    },
    /// The space bar is held (space+drag pans) or released.
    Space(bool),
    ToggleShortcuts,
    /// Closes the overlay, drops a notice and a gesture in progress, or clears the selection.
    Escape,
    /// Puts another document on the canvas (a scenario was opened); one undo step.
    Replace(Replacement),
    /// Adds a timed step to the script (an intervention); one undo step.
    AddScriptStep(ScriptStep),
}

/// A document to put on the canvas; equal when it is the very same document.
#[derive(Debug, Clone)]
pub struct Replacement(pub Rc<Document>);

impl PartialEq for Replacement {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What was last typed into an inspector field. The field keeps showing it as typed (a
/// value read back from the document could differ: `name = ` reads back as `name = ""`),
/// with the reason when it was refused.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub text: String,
    /// Why the text was refused; `None` when the document took it.
    pub problem: Option<FieldProblem>,
}

/// A refused connection, shown next to the pointer (screen coordinates).
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub refusal: Refusal,
    pub at: Point,
}

/// What makes consecutive edits one undo step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Coalesce {
    Field(Item, Field),
    Gesture(u32),
    Nudge,
}

#[derive(Debug, Clone, Default)]
struct History {
    undo: Vec<Rc<Document>>,
    redo: Vec<Rc<Document>>,
    last: Option<Coalesce>,
}

#[derive(Debug, Clone, Default)]
pub struct EditorState {
    pub doc: Rc<Document>,
    pub selection: SortedSet<Item>,
    pub drafts: SortedMap<(Item, Field), Draft>,
    pub view: Viewport,
    pub gesture: Gesture,
    pub notice: Option<Notice>,
    pub shortcuts_open: bool,
    pub space_held: bool,
    history: History,
    // Invariant: grows with every applied action, so a view can tell two states apart
    // without comparing documents.
    revision: u64,
    clipboard: Option<Rc<Fragment>>,
    pastes: u32,
    // Invariant: larger than every gesture serial handed out.
    pub(crate) next_serial: u32,
    pub(crate) touches: SortedMap<i32, Point>,
}

impl EditorState {
    pub fn can_undo(&self) -> bool {
        !self.history.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.history.redo.is_empty()
    }

    /// Makes `items` the selection. Extending rather than collecting keeps one stable sort
    /// out of the browser bundle per call site (collecting into a set sorts first).
    pub(crate) fn select(&mut self, items: impl IntoIterator<Item = Item>) {
        self.selection.clear();
        self.selection.extend(items);
    }

    /// The selected nodes.
    pub fn selected_nodes(&self) -> SortedSet<NodeId> {
        let mut nodes = SortedSet::new();
        nodes.extend(
            self.selection.iter().filter_map(|item| if let Item::Node(node) = item { Some(*node) } else { None }),
        );
        nodes
    }

    /// The one selected item, if exactly one is selected.
    pub fn single_selection(&self) -> Option<Item> {
        let mut items = self.selection.iter();
        match (items.next(), items.next()) {
            (Some(item), None) => Some(*item),
            _ => None,
        }
    }

    /// A number that changes with every applied action.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn apply(mut self, action: Action) -> EditorState {
        self.revision += 1;
        match action {
            Action::AddNode { kind, at, canvas } => {
                let centred = |at: Point| {
                    let center = self.view.to_world(at);
                    Point::new(center.x - NODE_SIZE.width / 2.0, center.y - NODE_SIZE.height / 2.0)
                };
                let spot = match at {
                    Some(at) => centred(at),
                    None => {
                        let wanted = suggested_spot(&self.doc, kind).unwrap_or_else(|| centred(canvas.center()));
                        let nodes = self.doc.nodes();
                        let occupied: Vec<Rect> = nodes.iter().map(|node| node_rect(&self.doc, *node)).collect();
                        free_spot(&occupied, wanted, NODE_SIZE)
                    }
                };
                let mut added = None;
                self.change(None, |doc| added = Some(add_node(doc, kind, spot)));
                self.select(added.into_iter().map(Item::Node));
                if at.is_none() && canvas.width > 0.0 {
                    self.view = self.view.reveal(Rect::new(spot, NODE_SIZE), canvas, REVEAL_MARGIN);
                }
            }
            Action::Connect { from, to } => self.connect(from, to, None),
            Action::AddScriptStep(step) => self.change(None, |doc| {
                let script = &mut doc.settings.script;
                let at = script.partition_point(|earlier| earlier.at_ms <= step.at_ms);
                script.insert(at, step);
            }),
            Action::Replace(Replacement(doc)) => {
                self.change(None, |current| *current = Document::clone(&doc));
                self.selection.clear();
                self.drafts.clear();
            }
            Action::SetField { item, field, text } => {
                let result = self.edit(Some(Coalesce::Field(item, field)), |doc| set(doc, item, field, &text));
                self.drafts.insert((item, field), Draft { text, problem: result.err() });
            }
            Action::Delete => self.delete_selection(),
            Action::Nudge { dx, dy } => self.move_selection(Point::new(dx, dy), Coalesce::Nudge),
            Action::Copy => {
                if let Some(fragment) = copy(&self.doc, &self.selected_nodes()) {
                    self.clipboard = Some(Rc::new(fragment));
                    self.pastes = 0;
                }
            }
            Action::Paste => {
                if let Some(fragment) = self.clipboard.clone() {
                    self.pastes += 1;
                    let offset = Point::new(PASTE_OFFSET, PASTE_OFFSET).scaled(f64::from(self.pastes));
                    let mut pasted = Vec::new();
                    self.change(None, |doc| pasted = paste(doc, &fragment, offset));
                    self.select(pasted.into_iter().map(Item::Node));
                }
            }
            Action::Undo => self.travel(true),
            Action::Redo => self.travel(false),
            Action::Select(item) if self.doc.contains(item) => self.select([item]),
            Action::Select(_) => {}
            Action::SelectAll => self.select(self.doc.nodes().into_iter().map(Item::Node)),
            Action::ClearSelection => self.selection.clear(),
            Action::Zoom { factor, canvas } => self.view = self.view.zoom_at(canvas.center(), factor),
            Action::Fit { canvas } => {
                let scene = crate::editor::view::build(&self.doc, &SortedSet::new(), None, &|_| String::new());
                self.view = scene.bounds().map_or_else(Viewport::default, |bounds| Viewport::fit(bounds, canvas));
            }
            Action::Pointer(input) => return self.pointer(input),
            Action::Wheel { at, delta_y } => self.view = self.view.wheel(at, delta_y),
            Action::Space(held) => self.space_held = held,
            Action::ToggleShortcuts => self.shortcuts_open = !self.shortcuts_open,
            Action::Escape => {
                if self.shortcuts_open {
                    self.shortcuts_open = false;
                } else if self.notice.is_some() || self.gesture != Gesture::Idle {
                    self.notice = None;
                    self.gesture = Gesture::Idle;
                } else {
                    self.selection.clear();
                }
            }
        }
        self
    }

    /// Applies `change` to a copy of the document; on success the copy becomes the
    /// document and the old one an undo step (merged with the previous step when
    /// `coalesce` matches it). On failure nothing changes.
    pub(crate) fn edit<E>(
        &mut self,
        coalesce: Option<Coalesce>,
        change: impl FnOnce(&mut Document) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut doc = (*self.doc).clone();
        change(&mut doc)?;
        doc.forget_missing();
        let before = std::mem::replace(&mut self.doc, Rc::new(doc));
        if coalesce.is_none() || coalesce != self.history.last {
            self.history.undo.push(before);
            if self.history.undo.len() > HISTORY_LIMIT {
                self.history.undo.remove(0);
            }
        }
        self.history.redo.clear();
        self.history.last = coalesce;
        self.notice = None;
        // Accepted text is only worth keeping while it is being typed (the caller keeps that
        // field's); anything else now reads back from the document.
        self.drafts.retain(|_, draft| draft.problem.is_some());
        self.prune();
        Ok(())
    }

    /// [`EditorState::edit`] for changes that cannot fail.
    pub(crate) fn change(&mut self, coalesce: Option<Coalesce>, change: impl FnOnce(&mut Document)) {
        let result: Result<(), Infallible> = self.edit(coalesce, |doc| {
            change(doc);
            Ok(())
        });
        match result {
            Ok(()) => {}
            Err(never) => match never {},
        }
    }

    pub(crate) fn connect(&mut self, from: NodeId, to: NodeId, at: Option<Point>) {
        let mut edge = None;
        let result = self.edit(None, |doc| {
            edge = Some(connect(doc, from, to)?);
            Ok(())
        });
        match result {
            Ok(()) => self.select(edge.into_iter().map(Item::Edge)),
            Err(refusal) => self.notice = Some(Notice { refusal, at: at.unwrap_or_default() }),
        }
    }

    pub(crate) fn move_selection(&mut self, delta: Point, coalesce: Coalesce) {
        let nodes = self.selected_nodes();
        if nodes.is_empty() || delta == Point::default() {
            return;
        }
        self.change(Some(coalesce), |doc| {
            for node in &nodes {
                let at = doc.position(*node).unwrap_or_default();
                doc.set_position(*node, at + delta);
            }
        });
    }

    fn delete_selection(&mut self) {
        let selection = std::mem::take(&mut self.selection);
        if selection.is_empty() {
            return;
        }
        self.change(None, |doc| {
            for item in &selection {
                delete_item(doc, *item);
            }
        });
    }

    fn travel(&mut self, back: bool) {
        let (from, to) = if back {
            (&mut self.history.undo, &mut self.history.redo)
        } else {
            (&mut self.history.redo, &mut self.history.undo)
        };
        if let Some(doc) = from.pop() {
            to.push(std::mem::replace(&mut self.doc, doc));
            self.history.last = None;
            self.drafts.clear();
            self.gesture = Gesture::Idle;
            self.prune();
        }
    }

    /// Forgets selected items and drafts of items that no longer exist.
    fn prune(&mut self) {
        let doc = Rc::clone(&self.doc);
        self.selection.retain(|item| doc.contains(*item));
        self.drafts.retain(|(item, _), _| doc.contains(*item));
    }
}

/// Deletes one item; a node takes its edges with it (the engine deletes a queue's or an
/// exchange's bindings, and actors pointing at it are disconnected).
fn delete_item(doc: &mut Document, item: Item) {
    let deleted_name = match item {
        Item::Node(node) => doc.name(node).map(str::to_string),
        Item::Edge(_) => None,
    };
    match item {
        Item::Edge(EdgeId::Binding(id)) => {
            doc.topology.unbind(id);
        }
        Item::Edge(EdgeId::Publish(key)) => {
            if let Some(ActorSpec::Producer(config)) = doc.actor_mut(key) {
                config.exchange.clear();
            }
        }
        Item::Edge(EdgeId::Consume(key)) => {
            if let Some(ActorSpec::Consumer(config)) = doc.actor_mut(key) {
                config.queue.clear();
            }
        }
        Item::Node(NodeId::Exchange(id)) => {
            doc.topology.delete_exchange(id);
        }
        Item::Node(NodeId::Queue(id)) => {
            doc.topology.delete_queue(id);
        }
        Item::Node(NodeId::Actor(key)) => doc.remove_actor(key),
    }
    if let (Some(name), Item::Node(NodeId::Exchange(_) | NodeId::Queue(_))) = (deleted_name, item) {
        for actor in doc.actors_mut() {
            match actor {
                ActorSpec::Producer(config) if config.exchange == name => config.exchange.clear(),
                ActorSpec::Consumer(config) if config.queue == name => config.queue.clear(),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn add(state: EditorState, kind: NodeKind, at: Point) -> (EditorState, NodeId) {
        let state = state.apply(Action::AddNode { kind, at: Some(at), canvas: Size::new(800.0, 600.0) });
        let Some(Item::Node(node)) = state.single_selection() else { panic!("the new node is selected") };
        (state, node)
    }

    /// producer -> topic exchange -> two queues (order.* and order.#) -> two consumers.
    pub(crate) fn orders() -> (EditorState, Vec<NodeId>) {
        let mut state = EditorState::default();
        let mut nodes = Vec::new();
        for (kind, x, y) in [
            (NodeKind::Producer, 0.0, 100.0),
            (NodeKind::Exchange, 230.0, 100.0),
            (NodeKind::Queue, 460.0, 40.0),
            (NodeKind::Queue, 460.0, 160.0),
            (NodeKind::Consumer, 690.0, 40.0),
            (NodeKind::Consumer, 690.0, 160.0),
        ] {
            let (next, node) = add(state, kind, Point::new(x, y));
            state = next;
            nodes.push(node);
        }
        let field = |item, field, text: &str| Action::SetField { item, field, text: text.into() };
        state = state.apply(field(Item::Node(nodes[1]), Field::ExchangeType, "topic"));
        for (from, to, key) in
            [(0, 1, None), (1, 2, Some("order.*")), (1, 3, Some("order.#")), (2, 4, None), (3, 5, None)]
        {
            state = state.apply(Action::Connect { from: nodes[from], to: nodes[to] });
            if let Some(key) = key {
                let edge = state.single_selection().expect("the new edge is selected");
                state = state.apply(field(edge, Field::BindingKey, key));
            }
        }
        (state, nodes)
    }

    #[test]
    fn building_the_orders_topology() {
        let (state, nodes) = orders();
        assert_eq!(state.doc.nodes().len(), 6);
        assert_eq!(state.doc.edges().len(), 5);
        let producer = Item::Node(nodes[0]);
        let state =
            state.apply(Action::SetField { item: producer, field: Field::RoutingKey, text: "order.created".into() });
        let NodeId::Actor(key) = nodes[0] else { unreachable!() };
        let preview = crate::editor::preview::route_preview(&state.doc, key).unwrap();
        assert_eq!(preview.matched.len(), 2);
        let scenario = state.doc.to_scenario();
        assert!(scenario.build(1).is_ok(), "what is drawn runs");
    }

    #[test]
    fn undo_and_redo_round_trip_every_edit() {
        let (mut state, _) = orders();
        let steps = state.history.undo.len();
        assert_eq!(steps, 6 + 1 + 5 + 2, "adds, the type, connections, binding keys");
        let end = state.doc.to_scenario();
        for _ in 0..steps {
            state = state.apply(Action::Undo);
        }
        assert!(!state.can_undo());
        assert!(state.doc.nodes().is_empty());
        for _ in 0..steps {
            state = state.apply(Action::Redo);
        }
        assert!(!state.can_redo());
        assert_eq!(state.doc.to_scenario(), end);
    }

    #[test]
    fn typing_in_one_field_is_one_undo_step_and_refusals_stay_drafts() {
        let (state, nodes) = orders();
        let queue = Item::Node(nodes[2]);
        let before = state.history.undo.len();
        let mut state = state;
        for text in ["1", "10", "100"] {
            state = state.apply(Action::SetField { item: queue, field: Field::MaxLength, text: text.into() });
        }
        assert_eq!(state.history.undo.len(), before + 1);
        state = state.apply(Action::SetField { item: queue, field: Field::MaxLength, text: "lots".into() });
        let draft = &state.drafts[&(queue, Field::MaxLength)];
        assert_eq!(draft.text, "lots");
        assert!(matches!(draft.problem, Some(FieldProblem::Engine(_))));
        assert_eq!(crate::editor::fields::value(&state.doc, queue, Field::MaxLength), "100");
        state = state.apply(Action::SetField { item: queue, field: Field::MaxLength, text: " ".into() });
        assert_eq!(
            state.drafts[&(queue, Field::MaxLength)],
            Draft { text: " ".into(), problem: None },
            "kept as typed"
        );
        state = state.apply(Action::Undo);
        assert_eq!(crate::editor::fields::value(&state.doc, queue, Field::MaxLength), "", "back before the typing");
    }

    #[test]
    fn deleting_a_node_removes_its_edges() {
        let (state, nodes) = orders();
        let state = state.apply(Action::Select(Item::Node(nodes[1])));
        let state = state.apply(Action::Delete);
        assert_eq!(state.doc.nodes().len(), 5);
        assert_eq!(state.doc.edges().len(), 2, "only the consume edges are left");
        assert!(state.selection.is_empty());
        let state = state.apply(Action::Undo);
        assert_eq!(state.doc.edges().len(), 5);
        let queue_edge = state.doc.edges().into_iter().find(|edge| edge.from == nodes[2]).unwrap();
        let state = state.apply(Action::Select(Item::Node(nodes[2]))).apply(Action::Delete);
        assert!(!state.doc.contains(Item::Edge(queue_edge.id)), "the consumer no longer consumes it");
        assert_eq!(state.doc.edges().len(), 3);
    }

    #[test]
    fn refused_connections_leave_a_notice_and_no_undo_step() {
        let (state, nodes) = orders();
        let steps = state.history.undo.len();
        let state = state.apply(Action::Connect { from: nodes[0], to: nodes[2] });
        assert_eq!(
            state.notice.as_ref().map(|notice| &notice.refusal),
            Some(&Refusal::NotAllowed { from: NodeKind::Producer, to: NodeKind::Queue })
        );
        assert_eq!(state.history.undo.len(), steps);
        let state = state.apply(Action::Escape);
        assert_eq!(state.notice, None);
    }

    #[test]
    fn copy_paste_selects_the_copies_and_offsets_each_paste() {
        let (state, nodes) = orders();
        let state = state.apply(Action::Select(Item::Node(nodes[2]))).apply(Action::Copy);
        let state = state.apply(Action::Paste).apply(Action::Paste);
        assert_eq!(state.doc.nodes().len(), 8);
        let Some(Item::Node(second)) = state.single_selection() else { panic!("the paste is selected") };
        assert_eq!(state.doc.name(second), Some("queue-4"));
        let original = state.doc.position(nodes[2]).unwrap();
        assert_eq!(state.doc.position(second), Some(original + Point::new(64.0, 64.0)));
    }

    #[test]
    fn click_to_place_avoids_existing_nodes_and_nudge_moves() {
        let state = EditorState::default();
        let canvas = Size::new(600.0, 400.0);
        let place = |kind| Action::AddNode { kind, at: None, canvas };
        let state = state.apply(place(NodeKind::Queue)).apply(place(NodeKind::Queue));
        let rects: Vec<Rect> = state.doc.nodes().into_iter().map(|node| node_rect(&state.doc, node)).collect();
        assert!(!rects[0].intersects(rects[1]));
        assert_eq!(state.view.to_screen(rects[0].center()), canvas.center(), "the first node goes to the middle");
        let state =
            state.apply(place(NodeKind::Consumer)).apply(place(NodeKind::Consumer)).apply(place(NodeKind::Consumer));
        let newest = node_rect(&state.doc, *state.doc.nodes().last().unwrap());
        let visible = state.view.visible(canvas);
        assert!(visible.contains(newest.origin()) && visible.contains(Point::new(newest.right(), newest.bottom())));
        let Some(Item::Node(node)) = state.single_selection() else { panic!("the newest node is selected") };
        let before = state.doc.position(node).unwrap();
        let state = state.apply(Action::Nudge { dx: 8.0, dy: 0.0 }).apply(Action::Nudge { dx: 8.0, dy: 0.0 });
        assert_eq!(state.doc.position(node), Some(before + Point::new(16.0, 0.0)));
        assert_eq!(state.apply(Action::Undo).doc.position(node), Some(before), "nudges coalesce");
    }

    #[test]
    fn view_actions() {
        let (state, _) = orders();
        let canvas = Size::new(800.0, 600.0);
        let zoomed = state.clone().apply(Action::Zoom { factor: ZOOM_STEP, canvas });
        assert_eq!(zoomed.view.scale, ZOOM_STEP);
        let fitted = state.apply(Action::Fit { canvas });
        let bounds =
            crate::editor::view::build(&fitted.doc, &SortedSet::new(), None, &|_| String::new()).bounds().unwrap();
        let visible = fitted.view.visible(canvas);
        assert!(visible.contains(bounds.origin()) && visible.contains(Point::new(bounds.right(), bounds.bottom())));
        let all = fitted.apply(Action::SelectAll);
        assert_eq!(all.selection.len(), 6);
        let overlay = all.apply(Action::ToggleShortcuts);
        assert!(overlay.shortcuts_open);
        let closed = overlay.apply(Action::Escape);
        assert!(!closed.shortcuts_open && closed.selection.len() == 6, "Escape closes the overlay first");
        assert!(closed.apply(Action::Escape).selection.is_empty());
    }
}
