//! A run of the editor's document: a [`Session`] built straight from the document (the
//! topology's own ids, actors in document order), computed once to its end to learn its
//! length, with an index of what happened (every hop and routing decision as an arrow, each
//! message's entries, where run-time declarations are drawn). Views read the index and the
//! session's current world; none of them re-runs or re-describes the trace from its start.
//!
//! A run is computed in slices: [`Run::start`] computes its first [`FIRST_STEPS`] steps, so it
//! can be shown and played at once, and [`Run::compute_slice`] the next [`SLICE_STEPS`], which
//! the studio does between frames until it is complete; until then its length is what has
//! been computed, and whatever needs more (a step past it, a seek, a lesson's check of the
//! outcome) computes on first ([`Run::finish`]). Complete, it is the run [`Run::new`] computes
//! at once, byte for byte.
//!
//! A document that differs from a run's only by one intervention more or fewer forks that
//! run ([`Run::fork`]): the new run takes the old one's trace and index up to the latest
//! state the change leaves as it was ([`Session::fork`]) and computes only what follows.

use std::rc::Rc;

use crate::editor::document::{ActorKey, Document, NodeId};
use crate::editor::kinds::NodeKind;
use crate::editor::view::{NODE_SIZE, node_rect};
use crate::engine::SortedMap;
use crate::engine::{BrokerEvent, PublishId, SimTime};
use crate::formats::scenario::{Diagnostic, ScriptStep};
use crate::scene::geometry::{Point, Rect, Size};
use crate::scene::layout::{Band, free_spot, layered};
use crate::sim::stats::DepthHistory;
use crate::sim::{ActorId, InputChange, Label, MessageKind, Place, Session, TraceEntry, TraceEvent, World};

/// Room under a node for the two state lines drawn below it while the run is shown.
const STATE_LINES: f64 = 36.0;
/// Most world steps a run is computed to; a run that goes on longer is cut there.
pub const MAX_RUN_STEPS: u64 = 200_000;
/// World steps a run computes when it starts or forks: enough to show and play at once.
pub const FIRST_STEPS: u64 = 4_096;
/// World steps one slice computes, between frames (a few milliseconds in the browser).
pub const SLICE_STEPS: u64 = 1_024;

/// One arrow of the sequence diagram and one leg of a message's path: a hop over the
/// network, or a move inside the broker (routing, dead-lettering) that takes no time.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrow {
    /// Absolute index of the trace entry that recorded it.
    pub entry: u64,
    pub message: PublishId,
    pub kind: MessageKind,
    pub from: Place,
    pub to: Place,
    pub departs: SimTime,
    pub arrives: SimTime,
}

/// A node the run declares (or a built-in exchange it uses) that the document does not
/// draw, with where the canvas draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct RunPlace {
    pub name: String,
    pub kind: NodeKind,
    pub builtin: bool,
    pub rect: Rect,
    /// Absolute index of the first trace entry that involves it.
    pub first_entry: u64,
    /// The position the run had reached when it first showed it.
    pub first_step: u64,
}

/// The document's run and what is known about all of it.
#[derive(Debug)]
pub struct Run {
    pub doc: Rc<Document>,
    /// The world at the current position. It keeps no trace of its own: the whole run's
    /// trace is `trace` (computed with `Session::advance_into`), and it moves with
    /// `Session::jump`.
    pub session: Session,
    /// Every entry of the run, computed once; the entries up to the current position are
    /// `trace[..trace_end()]`.
    pub trace: Vec<TraceEntry>,
    /// Each queue's ready depth over the whole run.
    pub depth: DepthHistory,
    // Invariant: `actors[i]` is the document actor that became `ActorId(i)`.
    actors: Vec<ActorKey>,
    /// The last position of the run, or of what has been computed of it while it is not
    /// complete.
    pub end: u64,
    /// Whether the run was cut at [`MAX_RUN_STEPS`].
    pub cut: bool,
    // Whether the run is computed to its end (or cut).
    complete: bool,
    // Whether a fork took its trace and index (see `is_hollow`).
    hollow: bool,
    pub arrows: Vec<Arrow>,
    /// Each message's kind and label, from the hop that sent it.
    pub messages: SortedMap<PublishId, (MessageKind, Label)>,
    /// Each message's trace entries, by index.
    pub entries_of: SortedMap<PublishId, Vec<u64>>,
    /// Each message's arrows, by index into `arrows`.
    pub arrows_of: SortedMap<PublishId, Vec<usize>>,
    pub places: SortedMap<Place, RunPlace>,
    /// Every place some arrow of the run leaves or reaches, in order (the log's node filter).
    pub involved: Vec<Place>,
}

impl Run {
    /// Builds the document's run, computes it to its end (or [`MAX_RUN_STEPS`]) and goes back
    /// to its start.
    pub fn new(doc: Rc<Document>) -> Result<Run, Vec<Diagnostic>> {
        let mut run = Run::start(doc)?;
        run.finish();
        Ok(run)
    }

    /// Builds the document's run and computes its first [`FIRST_STEPS`] steps, at its start;
    /// the rest is computed by [`Run::compute_slice`] or on demand.
    pub fn start(doc: Rc<Document>) -> Result<Run, Vec<Diagnostic>> {
        let world = doc.build_world()?;
        let actors = doc.actors().map(|(key, _)| key).collect();
        let mut run = Run {
            doc,
            session: Session::new(world),
            trace: Vec::new(),
            depth: DepthHistory::default(),
            actors,
            end: 0,
            cut: false,
            complete: false,
            hollow: false,
            arrows: Vec::new(),
            messages: SortedMap::new(),
            entries_of: SortedMap::new(),
            arrows_of: SortedMap::new(),
            places: SortedMap::new(),
            involved: Vec::new(),
        };
        run.compute_to(FIRST_STEPS);
        Ok(run)
    }

    /// The run of `doc`, a document that runs as this run's but for one intervention more or
    /// fewer, forked from this run: it takes this run's trace and index up to the latest
    /// state the change leaves as it was (this run is left without them, to be dropped) and
    /// computes [`SLICE_STEPS`] past it, at that state; complete, it is the run `Run::new`
    /// gives, byte for byte. None, changing nothing, when `doc` differs otherwise, or when the
    /// change is not the last intervention at its time (its place among those of its time
    /// would differ from the one a run built from the document gives it).
    pub fn fork(&mut self, doc: Rc<Document>) -> Option<Run> {
        if !self.doc.runs_like_but_for_script(&doc) {
            return None;
        }
        let change = input_change(&self.doc.settings.script, &doc.settings.script, self.session.world())?;
        let mut session = self.session.clone();
        let from = session.fork_viewed(&change, self.depth.clone())?;
        let cut = self.trace.partition_point(|entry| entry.step <= from);
        let n_arrows = self.arrows.partition_point(|arrow| arrow.entry < cut as u64);
        self.hollow = true;
        let mut trace = std::mem::take(&mut self.trace);
        trace.truncate(cut);
        let mut arrows = std::mem::take(&mut self.arrows);
        arrows.truncate(n_arrows);
        let mut entries_of = std::mem::take(&mut self.entries_of);
        keep_indexes_before(&mut entries_of, cut as u64);
        let mut arrows_of = std::mem::take(&mut self.arrows_of);
        keep_indexes_before(&mut arrows_of, n_arrows);
        // A message is known from the hop that sent it, its first arrow.
        let mut messages = std::mem::take(&mut self.messages);
        messages.retain(|message, _| arrows_of.contains_key(message));
        let mut places = std::mem::take(&mut self.places);
        places.retain(|_, place| place.first_step <= from);
        let depth = session.take_depth();
        let mut run = Run {
            doc,
            session,
            trace,
            depth,
            actors: self.actors.clone(),
            end: from,
            cut: false,
            complete: false,
            hollow: false,
            arrows,
            messages,
            entries_of,
            arrows_of,
            places,
            involved: Vec::new(),
        };
        add_involved(&mut run.involved, &run.arrows);
        run.compute_to(from + SLICE_STEPS);
        Some(run)
    }

    /// Whether the run is computed to its end (or cut at [`MAX_RUN_STEPS`]).
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// Whether a fork took this run's trace: it can no longer be shown, only say the moment
    /// it was left at (its session's), for Undo to fork back to.
    pub fn is_hollow(&self) -> bool {
        self.hollow
    }

    /// Whether playback is at the run's very end: the run is complete and shown to its end.
    pub fn at_end(&self) -> bool {
        self.complete && self.session.position() >= self.end
    }

    /// Computes the next [`SLICE_STEPS`] steps of a run that is not complete.
    pub fn compute_slice(&mut self) {
        self.compute_to(self.end + SLICE_STEPS);
    }

    /// Computes the rest of the run.
    pub fn finish(&mut self) {
        self.compute_to(MAX_RUN_STEPS);
    }

    /// Computes on until what happens at `time` is known: the run has passed it, or is complete.
    pub fn compute_past(&mut self, time: SimTime) {
        while !self.complete && self.trace.last().is_none_or(|entry| entry.time <= time) {
            self.compute_slice();
        }
    }

    /// Computes on until there is a step after the current position that records something
    /// (or the run is complete), for Step.
    pub fn compute_next(&mut self) {
        while !self.complete && self.trace_end() as usize >= self.trace.len() {
            self.compute_slice();
        }
    }

    /// Computes the run on from what has been computed to position `limit` (or its end, or
    /// [`MAX_RUN_STEPS`]), indexing every entry, and notes its length, its depth history,
    /// everything its arrows involve and where the nodes it declares are drawn. The session
    /// ends where it was.
    fn compute_to(&mut self, limit: u64) {
        if self.complete {
            return;
        }
        let view = self.session.position();
        if view != self.end {
            self.session.jump(self.end);
        }
        self.session.resume_depth(std::mem::take(&mut self.depth));
        let declared_now = |session: &Session| {
            let topology = session.world().broker().topology();
            topology.exchanges().count() + topology.queues().count()
        };
        // The count noted after the last step taken (none before the first).
        let mut declared = if self.session.position() == 0 { 0 } else { declared_now(&self.session) };
        let (n_arrows, n_places) = (self.arrows.len(), self.places.len());
        let limit = limit.min(MAX_RUN_STEPS);
        let mut entries = Vec::new();
        while self.session.position() < limit && self.session.advance_into(&mut entries) {
            let count = declared_now(&self.session);
            if count != declared {
                declared = count;
                self.note_declared((self.trace.len() + entries.len()) as u64);
            }
            for entry in entries.drain(..) {
                self.absorb(self.trace.len() as u64, &entry);
                self.trace.push(entry);
            }
        }
        self.end = self.session.position();
        self.complete = self.session.is_finished() || self.end >= MAX_RUN_STEPS;
        self.cut = self.complete && !self.session.is_finished();
        self.depth = self.session.take_depth();
        if self.complete || self.places.len() != n_places {
            self.place_run_nodes();
        }
        add_involved(&mut self.involved, &self.arrows[n_arrows..]);
        if self.session.position() != view {
            self.session.jump(view);
        }
    }

    /// Shows this run on `doc`, a document that runs like its own but draws nodes elsewhere.
    pub fn redraw_on(&mut self, doc: Rc<Document>) {
        self.doc = doc;
        self.place_run_nodes();
    }

    /// The canvas node a run place is in the document, if it is drawn there.
    pub fn node(&self, place: Place) -> Option<NodeId> {
        let node = match place {
            Place::Actor(actor) => NodeId::Actor(*self.actors.get(actor.0 as usize)?),
            Place::Exchange(exchange) => NodeId::Exchange(exchange),
            Place::Queue(queue) => NodeId::Queue(queue),
            Place::Broker => return None,
        };
        self.doc.kind(node).map(|_| node)
    }

    /// The run's actor for a document actor.
    pub fn actor_of(&self, key: ActorKey) -> Option<ActorId> {
        self.actors.iter().position(|candidate| *candidate == key).map(|idx| ActorId(idx as u32))
    }

    /// Where a place is drawn: its document node's box, or where the run placed it.
    pub fn rect(&self, place: Place) -> Option<Rect> {
        match self.node(place) {
            Some(node) => Some(node_rect(&self.doc, node)),
            None => self.places.get(&place).map(|run_place| run_place.rect),
        }
    }

    /// The kind a place is drawn as.
    pub fn kind(&self, place: Place) -> Option<NodeKind> {
        match self.node(place) {
            Some(node) => self.doc.kind(node),
            None => self.places.get(&place).map(|run_place| run_place.kind),
        }
    }

    /// A place's name: an actor's, an exchange's (`(default)` for the default exchange) or a
    /// queue's.
    pub fn name(&self, place: Place) -> String {
        if let Some(node) = self.node(place) {
            return self.doc.name(node).unwrap_or_default().to_string();
        }
        self.places.get(&place).map_or_else(|| "the broker".to_string(), |run_place| run_place.name.clone())
    }

    /// Index one past the last trace entry at the current position.
    pub fn trace_end(&self) -> u64 {
        let position = self.session.position();
        self.trace.partition_point(|entry| entry.step <= position) as u64
    }

    /// The trace entry with this index (of the whole run).
    pub fn entry(&self, idx: u64) -> Option<&TraceEntry> {
        self.trace.get(usize::try_from(idx).ok()?)
    }

    /// The entries up to the current position.
    pub fn trace_so_far(&self) -> &[TraceEntry] {
        &self.trace[..self.trace_end() as usize]
    }

    /// Moves the world to `position` (clamped to the run, computing on to it first), at the
    /// cost of at most one snapshot interval of replay.
    pub fn jump(&mut self, position: u64) {
        if position > self.end {
            self.compute_to(position);
        }
        self.session.jump(position.min(self.end));
    }

    /// The position after the next step that records something (or the end).
    pub fn next_shown(&self) -> u64 {
        self.entry(self.trace_end()).map_or(self.end, |entry| entry.step)
    }

    /// The position Step back goes to: the previous one that showed something (Step moves
    /// between such positions, skipping steps that record nothing).
    pub fn previous_shown(&self) -> u64 {
        let so_far = self.trace_so_far();
        let position = self.session.position();
        let shown = so_far.last().map_or(0, |entry| entry.step);
        if shown < position {
            return shown;
        }
        let earlier = so_far.partition_point(|entry| entry.step < shown);
        earlier.checked_sub(1).map_or(0, |idx| so_far[idx].step)
    }

    /// The last position whose entries happen at or before `time`.
    pub fn position_at(&self, time: SimTime) -> u64 {
        let idx = self.trace.partition_point(|entry| entry.time <= time);
        idx.checked_sub(1).map_or(0, |idx| self.trace[idx].step)
    }

    /// The entry of a message's arrival at the broker, found through the message's own index.
    pub fn arrival_of(&self, message: PublishId) -> Option<&TraceEntry> {
        let entries = self.entries_of.get(&message)?;
        entries
            .iter()
            .filter_map(|idx| self.entry(*idx))
            .find(|entry| matches!(entry.event, TraceEvent::Arrived { .. }))
    }

    /// The kind a message is drawn as.
    pub fn message_kind(&self, message: PublishId) -> MessageKind {
        self.messages.get(&message).map_or(MessageKind::Plain, |(kind, _)| *kind)
    }

    /// A message's arrows up to the current position.
    pub fn arrows_of_so_far(&self, message: PublishId) -> impl Iterator<Item = &Arrow> {
        let end = self.trace_end();
        let mine = self.arrows_of.get(&message).map_or(&[][..], Vec::as_slice);
        mine.iter().map(|idx| &self.arrows[*idx]).take_while(move |arrow| arrow.entry < end)
    }

    /// The arrows recorded up to the current position: those of entries before `trace_end`.
    pub fn arrows_so_far(&self) -> &[Arrow] {
        let end = self.trace_end();
        &self.arrows[..self.arrows.partition_point(|arrow| arrow.entry < end)]
    }

    fn absorb(&mut self, idx: u64, entry: &TraceEntry) {
        if let Some(message) = entry.event.message() {
            self.entries_of.entry(message).or_default().push(idx);
        }
        let arrow = |run: &mut Run, message: PublishId, kind, from, to, arrives| {
            run.arrows_of.entry(message).or_default().push(run.arrows.len());
            run.arrows.push(Arrow { entry: idx, message, kind, from, to, departs: entry.time, arrives });
            for place in [from, to] {
                run.note_place(place, idx, entry.step);
            }
        };
        match &entry.event {
            TraceEvent::Hop(hop) => {
                if matches!(hop.leg, crate::sim::Leg::Publish { .. }) {
                    self.messages.insert(hop.message, (hop.kind, hop.label.clone()));
                }
                arrow(self, hop.message, hop.kind, hop.from, hop.to, hop.arrives);
            }
            TraceEvent::Broker(BrokerEvent::Routed { publish, route, .. }) => {
                let kind = self.message_kind(*publish);
                let topology = self.session.world().broker().topology();
                let mut legs = Vec::new();
                for hop in &route.hops {
                    for binding in &hop.matched {
                        if let Some(binding) = topology.binding(*binding) {
                            let to = match binding.destination {
                                crate::engine::Destination::Queue(queue) => Place::Queue(queue),
                                crate::engine::Destination::Exchange(exchange) => Place::Exchange(exchange),
                            };
                            legs.push((Place::Exchange(hop.exchange), to));
                        }
                    }
                    for queue in &hop.default_queues {
                        legs.push((Place::Exchange(hop.exchange), Place::Queue(*queue)));
                    }
                    if let Some(alternate) = hop.alternate {
                        legs.push((Place::Exchange(hop.exchange), Place::Exchange(alternate)));
                    }
                }
                for (from, to) in legs {
                    arrow(self, *publish, kind, from, to, entry.time);
                }
            }
            TraceEvent::Broker(BrokerEvent::DeadLettered { queue, publish, route, .. }) => {
                for target in &route.queues {
                    arrow(
                        self,
                        *publish,
                        MessageKind::DeadLettered,
                        Place::Queue(*queue),
                        Place::Queue(*target),
                        entry.time,
                    );
                }
            }
            _ => {}
        }
    }

    /// Remembers every exchange and queue declared so far that the document does not draw,
    /// as first shown at entry `idx` (built-in exchanges only once a message uses them).
    fn note_declared(&mut self, idx: u64) {
        let topology = self.session.world().broker().topology();
        let exchanges =
            topology.exchanges().filter(|exchange| !exchange.is_builtin()).map(|exchange| Place::Exchange(exchange.id));
        let places: Vec<Place> = exchanges.chain(topology.queues().map(|queue| Place::Queue(queue.id))).collect();
        let step = self.session.position();
        for place in places {
            self.note_place(place, idx.saturating_sub(1), step);
        }
    }

    /// Remembers a place the document does not draw, with its name as the run knows it now.
    fn note_place(&mut self, place: Place, idx: u64, step: u64) {
        if self.node(place).is_some() || self.places.contains_key(&place) {
            return;
        }
        let topology = self.session.world().broker().topology();
        let (name, kind, builtin) = match place {
            Place::Exchange(id) => match topology.exchange(id) {
                Some(exchange) if exchange.name().is_empty() => ("(default)".to_string(), NodeKind::Exchange, true),
                Some(exchange) => (exchange.name().to_string(), NodeKind::Exchange, exchange.is_builtin()),
                None => return,
            },
            Place::Queue(id) => match topology.queue(id) {
                Some(queue) => (queue.name().to_string(), NodeKind::Queue, false),
                None => return,
            },
            Place::Actor(_) | Place::Broker => return,
        };
        let rect = Rect::new(Point::new(0.0, 0.0), NODE_SIZE);
        self.places.insert(place, RunPlace { name, kind, builtin, rect, first_entry: idx, first_step: step });
    }

    /// The run place a document node is, if the run has it.
    fn place_of(&self, node: NodeId) -> Option<Place> {
        match node {
            NodeId::Actor(key) => self.actor_of(key).map(Place::Actor),
            NodeId::Exchange(id) => Some(Place::Exchange(id)),
            NodeId::Queue(id) => Some(Place::Queue(id)),
        }
    }

    /// Where the layered layout puts every node the run shows, the document's and the run's
    /// own together, from the document's edges and the run's arrows.
    fn laid_out(&self) -> SortedMap<Place, Point> {
        let mut bands: Vec<(Place, Band)> = Vec::new();
        for node in self.doc.nodes() {
            if let (Some(place), Some(kind)) = (self.place_of(node), self.doc.kind(node)) {
                bands.push((place, kind.band()));
            }
        }
        bands.extend(self.places.iter().map(|(place, run_place)| (*place, run_place.kind.band())));
        let drawn =
            self.doc.edges().into_iter().filter_map(|edge| Some((self.place_of(edge.from)?, self.place_of(edge.to)?)));
        let mut edges: Vec<(Place, Place)> = drawn.collect();
        edges.extend(self.arrows.iter().map(|arrow| (arrow.from, arrow.to)));
        layered(&bands, &edges)
    }

    /// Where the layout of everything the run shows (see `laid_out`) puts each document
    /// node: a document opened without positions is drawn so, its run's own nodes beside it.
    pub fn layout_with_run(&self) -> Vec<(NodeId, Point)> {
        let auto = self.laid_out();
        self.doc.nodes().into_iter().filter_map(|node| Some((node, *auto.get(&self.place_of(node)?)?))).collect()
    }

    /// Places the nodes the run declares: where the scenario's layout put them by name, else
    /// where the layered layout of every node and arrow puts them, moved clear of the rest.
    fn place_run_nodes(&mut self) {
        let auto = self.laid_out();
        // A box is taken with the state lines drawn under it while the run is shown.
        let taken = |rect: Rect| Rect::new(rect.origin(), Size::new(rect.width, rect.height + STATE_LINES));
        let mut occupied: Vec<Rect> = self.doc.nodes().iter().map(|node| taken(node_rect(&self.doc, *node))).collect();
        let saved = &self.doc.settings.run_layout;
        let places: Vec<Place> = self.places.keys().copied().collect();
        // Saved positions first, so the automatic ones keep clear of them.
        let mut placed: Vec<(Place, Point)> = Vec::new();
        for place in &places {
            if let Some(wanted) = saved.get(&self.places[place].name) {
                let at = free_spot(&occupied, *wanted, taken(Rect::new(*wanted, NODE_SIZE)).size());
                occupied.push(taken(Rect::new(at, NODE_SIZE)));
                placed.push((*place, at));
            }
        }
        for place in &places {
            if !saved.contains_key(&self.places[place].name) {
                let wanted = auto.get(place).copied().unwrap_or_default();
                let at = free_spot(&occupied, wanted, taken(Rect::new(wanted, NODE_SIZE)).size());
                occupied.push(taken(Rect::new(at, NODE_SIZE)));
                placed.push((*place, at));
            }
        }
        for (place, at) in placed {
            if let Some(run_place) = self.places.get_mut(&place) {
                run_place.rect = Rect::new(at, NODE_SIZE);
            }
        }
    }
}

/// The change to a run's inputs that turns script `old` into `new`, in the world `world`
/// (whose actors the steps name): one step more or fewer that is the last at its time, as
/// the studio adds an intervention and Undo takes it out.
fn input_change(old: &[ScriptStep], new: &[ScriptStep], world: &World) -> Option<InputChange> {
    let (longer, shorter) = if new.len() > old.len() { (new, old) } else { (old, new) };
    if longer.len() != shorter.len() + 1 {
        return None;
    }
    let idx = longer.iter().zip(shorter).position(|(a, b)| a != b).unwrap_or(shorter.len());
    let step = &longer[idx];
    if longer[idx + 1..] != shorter[idx..] || longer[idx + 1..].iter().any(|later| later.at_ms == step.at_ms) {
        return None;
    }
    let actor_named = |name: &str| world.actors().find(|(_, actor)| actor.name() == name).map(|(id, _)| id);
    let intervention = step.intervention(actor_named)?;
    Some(if new.len() > old.len() { InputChange::Add(intervention) } else { InputChange::Remove(intervention) })
}

/// Keeps each message's indexes (into the trace or the arrows) below `end`, and drops the
/// messages left with none: the part of an index a fork keeps.
fn keep_indexes_before<T: Copy + Ord>(index: &mut SortedMap<PublishId, Vec<T>>, end: T) {
    for (_, all) in index.iter_mut() {
        all.truncate(all.partition_point(|idx| *idx < end));
    }
    index.retain(|_, kept| !kept.is_empty());
}

/// Adds every place the arrows leave or reach to `involved`, which stays in order: a
/// binary search per place, since a run's arrows are many and its places few.
fn add_involved(involved: &mut Vec<Place>, arrows: &[Arrow]) {
    for arrow in arrows {
        for place in [arrow.from, arrow.to] {
            if let Err(at) = involved.binary_search(&place) {
                involved.insert(at, place);
            }
        }
    }
}
