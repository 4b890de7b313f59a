//! Which interventions the run view offers for what the user points at (a client, a queue,
//! a binding, a message on the wire, the broker), as script actions; applying one adds it
//! to the document's script at the moment on screen, which forks the run there.

use crate::editor::Action;
use crate::editor::{Document, EdgeId, Item, NodeId, NodeKind};
use crate::engine::{Destination, PublishId, SimTime};
use crate::formats::scenario::{BindingNames, CutOff, DropMessage, Nothing, ScriptAction, ScriptStep, SlowActor};
use crate::sim::{Leg, Place, TraceEvent, World};
use crate::studio::Studio;

/// The interventions menu, open at a point of the page (CSS pixels).
#[derive(Debug, Clone, PartialEq)]
pub struct Menu {
    pub x: f64,
    pub y: f64,
    pub target: MenuTarget,
}

/// What a menu of interventions is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuTarget {
    Item(crate::editor::Item),
    Message(PublishId),
    /// The canvas itself: the broker.
    Broker,
}

/// How much slower "Slow down" makes a client.
pub const SLOWDOWN: u32 = 10;
/// How long "Cut off" takes a client's link down, in virtual ms.
pub const CUT_OFF_MS: SimTime = 1000;

/// The interventions for a selected node or edge, given the world at the moment on screen.
pub fn for_item(doc: &Document, world: &World, item: Item) -> Vec<ScriptAction> {
    match item {
        Item::Node(node @ NodeId::Actor(_)) => {
            let Some(name) = doc.name(node).map(str::to_string) else { return Vec::new() };
            let actor = world.actors().find(|(_, actor)| actor.name() == name).map(|(id, _)| id);
            let Some(actor) = actor else { return Vec::new() };
            if world.is_stopped(actor) {
                return vec![ScriptAction::RestartActor(name)];
            }
            let mut actions = vec![ScriptAction::StopActor(name.clone())];
            if matches!(doc.kind(node), Some(NodeKind::RpcServer | NodeKind::Listener)) {
                actions.push(ScriptAction::StopGracefully(name.clone()));
            }
            actions.push(ScriptAction::RestartActor(name.clone()));
            if world.is_paused(actor) {
                actions.push(ScriptAction::ResumeActor(name.clone()));
            } else {
                actions.push(ScriptAction::PauseActor(name.clone()));
            }
            let factor = if world.slowdown(actor) > 1 { 1 } else { SLOWDOWN };
            actions.push(ScriptAction::SlowActor(SlowActor { actor: name.clone(), factor }));
            actions.push(ScriptAction::CutOff(CutOff { actor: name, ms: CUT_OFF_MS }));
            actions
        }
        Item::Node(node @ NodeId::Queue(_)) => doc
            .name(node)
            .map(|name| vec![ScriptAction::PurgeQueue(name.to_string()), ScriptAction::DeleteQueue(name.to_string())])
            .unwrap_or_default(),
        Item::Node(NodeId::Exchange(_)) => Vec::new(),
        Item::Edge(EdgeId::Binding(binding)) => {
            let topology = &doc.topology;
            let Some(binding) = topology.binding(binding) else { return Vec::new() };
            let Destination::Queue(queue) = binding.destination else { return Vec::new() };
            vec![ScriptAction::Unbind(BindingNames {
                exchange: topology.exchange_name(binding.source).to_string(),
                queue: topology.queue_name(queue).to_string(),
                routing_key: binding.routing_key.clone(),
            })]
        }
        Item::Edge(_) => Vec::new(),
    }
}

/// The interventions for a message: drop it while it is on the wire, and send it again
/// while it is a publish on its way to the broker.
pub fn for_message(world: &World, message: PublishId) -> Vec<ScriptAction> {
    let Some(hop) = world.in_flight().into_iter().find(|hop| hop.message == message) else { return Vec::new() };
    let topology = world.broker().topology();
    let to = match hop.to {
        Place::Actor(actor) => Some(world.actor_name(actor).to_string()),
        Place::Exchange(exchange) => Some(topology.exchange_name(exchange).to_string()),
        Place::Queue(queue) => Some(topology.queue_name(queue).to_string()),
        Place::Broker => None,
    };
    let mut actions = vec![ScriptAction::DropMessage(DropMessage { message: message.0, to })];
    if matches!(hop.leg, Leg::Publish { .. }) {
        actions.push(ScriptAction::DuplicateMessage(message.0));
    }
    actions
}

/// The interventions a menu offers for its target.
pub fn for_target(doc: &Document, world: &World, target: MenuTarget) -> Vec<ScriptAction> {
    match target {
        MenuTarget::Item(item) => for_item(doc, world, item),
        MenuTarget::Message(message) => for_message(world, message),
        MenuTarget::Broker => vec![for_broker()],
    }
}

/// The exchanges a queue can be bound to now (the default exchange binds every queue by
/// itself and takes no bindings).
pub fn exchanges_to_bind(world: &World) -> Vec<String> {
    let topology = world.broker().topology();
    topology.exchanges().map(|exchange| exchange.spec.name.clone()).filter(|name| !name.is_empty()).collect()
}

/// Restarting the broker, which is always possible.
pub fn for_broker() -> ScriptAction {
    ScriptAction::RestartBroker(Nothing {})
}

impl Studio {
    /// Adds `action` to the script just after the moment on screen (after what has been
    /// shown, before anything still on the wire lands) and moves to where it happens.
    pub(super) fn intervene(&mut self, action: ScriptAction) {
        let Some(now) = self.run().map(|run| run.session.now()) else { return };
        if self.shared {
            return;
        }
        let at_ms = (now + 1).max(self.display_time.floor() as SimTime);
        self.editor = self.editor.clone().apply(Action::AddScriptStep(ScriptStep { at_ms, action }));
        self.rebuild(Some(at_ms));
        if let Some(run) = &self.run {
            let mut run = run.borrow_mut();
            let step = run.trace.iter().rev().find_map(|entry| {
                (entry.time == at_ms && matches!(entry.event, TraceEvent::Intervened { .. })).then_some(entry.step)
            });
            if let Some(step) = step {
                run.jump(step);
            }
        }
        self.display_time = at_ms as f64;
    }
}
