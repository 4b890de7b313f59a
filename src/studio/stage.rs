//! What the canvas draws over the document while a run is shown, as plain structs: the
//! nodes the run declared (and built-in exchanges it used), tokens travelling along their
//! hop at the display time, each queue's depth and first waiting messages, each client's
//! state, and marks where a message was dropped or expired in the current step. Built from
//! the session's current world and the entries of its last step only.

use crate::editor::document::NodeId;
use crate::editor::kinds::NodeKind;
use crate::editor::view::connector;
use crate::engine::SortedSet;
use crate::engine::{BindingId, BrokerEvent, Destination, PublishId, SimTime};
use crate::scene::geometry::{Bezier, Point, Rect};
use crate::sim::{ActorState, CallOutcome, Label, MessageKind, Place, TraceEvent};
use crate::studio::run::Run;

/// Most waiting messages drawn inside a queue.
pub const WAITING_SHOWN: usize = 4;

/// A node the run added to the canvas.
#[derive(Debug, Clone, PartialEq)]
pub struct StageNode {
    pub place: Place,
    pub name: String,
    pub kind: NodeKind,
    pub builtin: bool,
    pub rect: Rect,
}

/// A link the run made between drawn nodes that the document does not draw (a binding an
/// oslo server declared, a consumer on a reply queue).
#[derive(Debug, Clone, PartialEq)]
pub struct StageEdge {
    pub from: Place,
    pub to: Place,
    pub curve: Bezier,
}

/// A message on the wire.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Tells this hop from every other one on the wire now (for keyed drawing).
    pub key: String,
    pub message: PublishId,
    pub kind: MessageKind,
    pub label: Label,
    pub at: Point,
}

/// What a node shows while the run is on.
#[derive(Debug, Clone, PartialEq)]
pub enum Badge {
    Queue {
        ready: usize,
        unacked: usize,
        waiting: Vec<(PublishId, MessageKind)>,
    },
    Client {
        state: ClientState,
        unacked: u64,
        received: u64,
        sent: u64,
        outcome: Option<CallOutcome>,
    },
    /// An exchange or queue of the document that no longer exists in the run.
    Gone,
}

/// A client's state, with a blocked caller's countdown in virtual time.
#[derive(Debug, Clone, PartialEq)]
pub enum ClientState {
    Idle,
    Busy {
        in_progress: u32,
    },
    Blocked {
        method: String,
        remaining_ms: SimTime,
    },
    Done,
    Stopped,
    /// Paused by an intervention: what it is sent waits.
    Paused,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NodeBadge {
    pub place: Place,
    pub rect: Rect,
    pub badge: Badge,
}

/// Where a message left the broker for good in the current step.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub at: Point,
    pub expired: bool,
}

/// Everything the run adds to the canvas at one moment.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stage {
    pub nodes: Vec<StageNode>,
    pub edges: Vec<StageEdge>,
    pub tokens: Vec<Token>,
    pub badges: Vec<NodeBadge>,
    pub marks: Vec<Mark>,
    /// Bindings that routed a message in the current step.
    pub routed: SortedSet<BindingId>,
    /// Places lit because a message was routed to them in the current step.
    pub lit: SortedSet<Place>,
}

/// The curve a hop travels: from the sender's right edge to the receiver's left edge, or
/// the other way round when the receiver is to the left (a reply going back).
pub fn hop_path(from: Rect, to: Rect) -> Bezier {
    let middle =
        |rect: Rect, right: bool| Point::new(if right { rect.right() } else { rect.x }, rect.y + rect.height / 2.0);
    if to.center().x >= from.center().x {
        return connector(middle(from, true), middle(to, false), 0.0);
    }
    let (start, end) = (middle(from, false), middle(to, true));
    let pull = ((start.x - end.x) / 2.0).max(48.0);
    Bezier { start, control1: Point::new(start.x - pull, start.y), control2: Point::new(end.x + pull, end.y), end }
}

/// The stage of `run` at `display_time` (virtual ms, between the session's clock and its
/// next event).
pub fn stage(run: &Run, display_time: f64) -> Stage {
    stage_in(run, display_time, None)
}

/// [`stage`], with badges only for the nodes that lie in `view` (world coordinates) when
/// there is one: a big topology's canvas draws only those (`Scene::in_view`).
pub fn stage_in(run: &Run, display_time: f64, view: Option<Rect>) -> Stage {
    let out_of_view = |rect: Rect| view.is_some_and(|view| !rect.intersects(view));
    let world = run.session.world();
    let topology = world.broker().topology();
    let end = run.trace_end();
    let mut stage = Stage::default();
    for (place, run_place) in &run.places {
        let present = match place {
            Place::Exchange(id) => topology.exchange(*id).is_some(),
            Place::Queue(id) => topology.queue(*id).is_some(),
            _ => false,
        };
        if present && run_place.first_entry < end {
            stage.nodes.push(StageNode {
                place: *place,
                name: run_place.name.clone(),
                kind: run_place.kind,
                builtin: run_place.builtin,
                rect: run_place.rect,
            });
        }
    }
    let mut drawn: SortedSet<Place> = SortedSet::new();
    drawn.extend(stage.nodes.iter().map(|node| node.place));
    let is_drawn = |place: Place| drawn.contains(&place) || run.node(place).is_some();
    for binding in topology.bindings() {
        let to = match binding.destination {
            Destination::Queue(queue) => Place::Queue(queue),
            Destination::Exchange(exchange) => Place::Exchange(exchange),
        };
        let from = Place::Exchange(binding.source);
        let new = drawn.contains(&from) || drawn.contains(&to);
        if new && is_drawn(from) && is_drawn(to) {
            stage.edges.push(edge(run, from, to));
        }
    }
    // The document's edges, listed once a queue with a consumer asks (a big topology
    // without clients never pays for them).
    let mut doc_edges: Option<SortedSet<(NodeId, NodeId)>> = None;
    for queue in topology.queues() {
        for (consumer, _) in world.broker().consumers_of(queue.id) {
            let doc_edges = doc_edges.get_or_insert_with(|| {
                let mut edges = SortedSet::new();
                edges.extend(run.doc.edges().iter().map(|edge| (edge.from, edge.to)));
                edges
            });
            let Some(actor) = world.consumer_actor(consumer) else { continue };
            let (from, to) = (Place::Queue(queue.id), Place::Actor(actor));
            let in_doc = matches!((run.node(from), run.node(to)), (Some(a), Some(b)) if doc_edges.contains(&(a, b)));
            if !in_doc && is_drawn(from) && is_drawn(to) {
                stage.edges.push(edge(run, from, to));
            }
        }
    }
    for hop in world.in_flight() {
        let (Some(from), Some(to)) = (run.rect(hop.from), run.rect(hop.to)) else { continue };
        let path = hop_path(from, to);
        let span = hop.arrives.saturating_sub(hop.departs).max(1) as f64;
        let progress = ((display_time - hop.departs as f64) / span).clamp(0.0, 1.0);
        stage.tokens.push(Token {
            key: format!("{}-{:?}-{:?}-{}", hop.message.0, hop.from, hop.to, hop.departs),
            message: hop.message,
            kind: hop.kind,
            label: hop.label.clone(),
            at: path.at(progress),
        });
    }
    for queue in topology.queues() {
        let place = Place::Queue(queue.id);
        let Some(rect) = run.rect(place).filter(|rect| is_drawn(place) && !out_of_view(*rect)) else { continue };
        let waiting = world
            .broker()
            .first_ready(queue.id, WAITING_SHOWN)
            .into_iter()
            .map(|message| {
                let kind = if message.deaths.is_empty() {
                    run.message_kind(message.publish)
                } else {
                    MessageKind::DeadLettered
                };
                (message.publish, kind)
            })
            .collect();
        let badge = Badge::Queue {
            ready: world.broker().ready_count(queue.id),
            unacked: world.broker().unacked_count(queue.id),
            waiting,
        };
        stage.badges.push(NodeBadge { place, rect, badge });
    }
    // The document's exchanges and queues that the run deleted (a restart, an intervention).
    for node in run.doc.nodes() {
        let place = match node {
            NodeId::Queue(id) if topology.queue(id).is_none() => Place::Queue(id),
            NodeId::Exchange(id) if topology.exchange(id).is_none() => Place::Exchange(id),
            _ => continue,
        };
        if let Some(rect) = run.rect(place) {
            stage.badges.push(NodeBadge { place, rect, badge: Badge::Gone });
        }
    }
    for (actor, client) in world.actors() {
        let place = Place::Actor(actor);
        let Some(rect) = run.rect(place).filter(|rect| !out_of_view(*rect)) else { continue };
        let status = client.status();
        let state = match status.state {
            _ if world.is_stopped(actor) => ClientState::Stopped,
            _ if world.is_paused(actor) => ClientState::Paused,
            ActorState::Idle => ClientState::Idle,
            ActorState::Busy { in_progress } => ClientState::Busy { in_progress },
            ActorState::Blocked { waiting_for, deadline, .. } => ClientState::Blocked {
                method: waiting_for,
                remaining_ms: deadline.saturating_sub(display_time.max(0.0) as SimTime),
            },
            ActorState::Done => ClientState::Done,
            ActorState::Stopped => ClientState::Stopped,
        };
        let counters = world.stats().actors.get(&actor).cloned().unwrap_or_default();
        let badge = Badge::Client {
            state,
            unacked: counters.unacked,
            received: status.received,
            sent: status.sent,
            outcome: status.outcome,
        };
        stage.badges.push(NodeBadge { place, rect, badge });
    }
    current_step_marks(run, &mut stage);
    stage
}

fn edge(run: &Run, from: Place, to: Place) -> StageEdge {
    let curve = match (run.rect(from), run.rect(to)) {
        (Some(a), Some(b)) => hop_path(a, b),
        _ => Bezier::default(),
    };
    StageEdge { from, to, curve }
}

/// Routing and drops of the session's last step: lit bindings and queues, and marks.
fn current_step_marks(run: &Run, stage: &mut Stage) {
    let position = run.session.position();
    for entry in run.trace_so_far().iter().rev().take_while(|entry| entry.step == position) {
        match &entry.event {
            TraceEvent::Broker(BrokerEvent::Routed { route, .. }) => {
                for hop in &route.hops {
                    stage.routed.extend(hop.matched.iter().copied());
                    stage.lit.insert(Place::Exchange(hop.exchange));
                }
                stage.lit.extend(route.queues.iter().map(|queue| Place::Queue(*queue)));
            }
            TraceEvent::Broker(BrokerEvent::Dropped { queue, reason, .. }) => {
                if let Some(rect) = run.rect(Place::Queue(*queue)) {
                    let expired = matches!(reason, crate::engine::DropReason::Expired);
                    stage.marks.push(Mark { at: Point::new(rect.right(), rect.y), expired });
                }
            }
            _ => {}
        }
    }
}
