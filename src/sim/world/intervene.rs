//! How the world carries out an [`InterventionAction`] at its time, and what each one did ([`Effect`]).

use std::sync::Arc;

use crate::engine::order::sort_by;
use crate::engine::{Destination, SimTime};
use crate::sim::actor::ActorId;
use crate::sim::intervention::{Effect, InterventionAction, NoEffect};
use crate::sim::trace::{Place, TraceEvent};
use crate::sim::world::{Direction, Pending, StepLog, World};

impl World {
    /// Carries out `action` now. Its trace entry comes before the entries of what follows
    /// from it (a crash's requeues, a restart's declarations).
    pub(super) fn intervene(&mut self, action: InterventionAction, log: &mut StepLog<'_>) {
        let first = log.entries.len();
        let effect = match &action {
            InterventionAction::DropMessage { message, to } => self.drop_message(*message, to.as_deref()),
            InterventionAction::DuplicateMessage { message } => self.duplicate(*message, log),
            InterventionAction::Crash { actor } => self.crash(*actor, log),
            InterventionAction::Stop { actor } => self.stop(*actor, log),
            InterventionAction::Restart { actor } => self.restart(*actor, log),
            InterventionAction::Pause { actor } => self.pause(*actor),
            InterventionAction::Resume { actor } => self.resume(*actor),
            InterventionAction::Slow { actor, factor } => self.running(*actor).map_or_else(
                |why| Effect::Nothing { why },
                |slot| {
                    slot.slowdown = (*factor).max(1);
                    Effect::Slowed { factor: slot.slowdown }
                },
            ),
            InterventionAction::CutOff { actor, ms } => self.cut_off(*actor, *ms),
            InterventionAction::Bind { exchange, queue, routing_key } => self.bind(exchange, queue, routing_key),
            InterventionAction::Unbind { exchange, queue, routing_key } => self.unbind(exchange, queue, routing_key),
            InterventionAction::PurgeQueue { queue } => match self.broker.topology().queue_by_name(queue) {
                Some(found) => Effect::Purged { messages: self.broker.purge(self.now, found.id) },
                None => Effect::Nothing { why: NoEffect::NoSuchQueue { queue: queue.clone() } },
            },
            InterventionAction::DeleteQueue { queue } => match self.broker.topology().queue_by_name(queue) {
                Some(found) => {
                    self.broker.delete_queue(self.now, found.id);
                    Effect::QueueDeleted
                }
                None => Effect::Nothing { why: NoEffect::NoSuchQueue { queue: queue.clone() } },
            },
            InterventionAction::RestartBroker => self.restart_broker(log),
        };
        let entry = crate::sim::trace::TraceEntry {
            step: log.step,
            time: log.time,
            event: TraceEvent::Intervened { action, effect },
        };
        log.entries.insert(first, entry);
    }

    /// The actor's slot if it is running (not crashed or stopped).
    fn running(&mut self, actor: ActorId) -> Result<&mut super::ActorSlot, NoEffect> {
        match self.actors.get_mut(actor.0 as usize) {
            Some(slot) if !slot.stopped => Ok(slot),
            _ => Err(NoEffect::NotRunning),
        }
    }

    fn drop_message(&mut self, message: crate::engine::PublishId, to: Option<&str>) -> Effect {
        let (broker, actors) = (&self.broker, &self.actors);
        let goes_to = |place: Place| match place {
            Place::Actor(actor) => actors.get(actor.0 as usize).map(|slot| slot.actor.name()),
            Place::Exchange(exchange) => broker.topology().exchange(exchange).map(|x| x.spec.name.as_str()),
            Place::Queue(queue) => broker.topology().queue(queue).map(|queue| queue.name()),
            Place::Broker => None,
        };
        let wanted = |hop: &crate::sim::Hop| hop.message == message && to.is_none_or(|to| goes_to(hop.to) == Some(to));
        let mut taken = self.pending.take_where(|pending| pending.hop().is_some_and(wanted));
        if taken.is_empty() {
            return Effect::Nothing { why: NoEffect::NotInFlight };
        }
        // The oldest crossing goes; any other matching one goes back on the wire.
        let departure = |(at, pending): &(SimTime, Pending)| pending.hop().map(|hop| (hop.departs, *at));
        sort_by(&mut taken, |a, b| departure(a).cmp(&departure(b)));
        let (_, dropped) = taken.remove(0);
        for (at, pending) in taken {
            self.pending.push(at, pending);
        }
        let hop = dropped.hop().cloned().expect("only arrivals are taken");
        Effect::Dropped { hop: Box::new(hop) }
    }

    fn duplicate(&mut self, message: crate::engine::PublishId, log: &mut StepLog<'_>) -> Effect {
        let found = self.pending.items().find_map(|pending| match pending {
            Pending::PublishArrives { actor, publish, hop, .. } if hop.message == message => {
                Some(Some((*actor, publish.clone(), hop.label.clone(), hop.kind)))
            }
            other => other.hop().filter(|hop| hop.message == message).map(|_| None),
        });
        match found {
            None => Effect::Nothing { why: NoEffect::NotInFlight },
            Some(None) => Effect::Nothing { why: NoEffect::NotAPublish },
            Some(Some((actor, publish, label, kind))) => {
                let copy = self.send_publish(actor, publish, label, kind, log);
                Effect::Duplicated { copy }
            }
        }
    }

    fn crash(&mut self, actor: ActorId, log: &mut StepLog<'_>) -> Effect {
        if let Err(why) = self.running(actor) {
            return Effect::Nothing { why };
        }
        self.stop_actor(actor, log);
        Effect::Crashed
    }

    fn stop(&mut self, actor: ActorId, log: &mut StepLog<'_>) -> Effect {
        match self.running(actor) {
            Ok(slot) if !slot.stopping => {
                self.stop_gracefully(actor, log);
                Effect::Stopping
            }
            Ok(_) => Effect::Nothing { why: NoEffect::NotRunning },
            Err(why) => Effect::Nothing { why },
        }
    }

    /// A new process in the old one's place: what the scenario made, a new connection, and
    /// nothing the old process had (its timers and in-flight messages are dropped by `life`
    /// and by connection).
    fn restart(&mut self, actor: ActorId, log: &mut StepLog<'_>) -> Effect {
        if self.running(actor).is_ok() {
            self.stop_actor(actor, log);
        }
        let connection = self.broker.open_connection();
        let channel = self.broker.open_channel(connection);
        let Some(slot) = self.actors.get_mut(actor.0 as usize) else {
            return Effect::Nothing { why: NoEffect::NotRunning };
        };
        slot.actor = slot.initial.clone_box();
        slot.life += 1;
        slot.connection = connection;
        slot.channel = channel;
        slot.stopped = false;
        slot.stopping = false;
        slot.paused = false;
        slot.waiting.clear();
        slot.slowdown = 1;
        self.with_actor(actor, log, |actor, ctx| actor.start(ctx));
        Effect::Restarted
    }

    fn pause(&mut self, actor: ActorId) -> Effect {
        match self.running(actor) {
            Ok(slot) if slot.paused => Effect::Nothing { why: NoEffect::AlreadyPaused },
            Ok(slot) => {
                slot.paused = true;
                Effect::Paused
            }
            Err(why) => Effect::Nothing { why },
        }
    }

    /// What waited is handled now, in the order it came.
    fn resume(&mut self, actor: ActorId) -> Effect {
        let waiting = match self.actors.get_mut(actor.0 as usize) {
            Some(slot) if slot.paused => {
                slot.paused = false;
                std::mem::take(&mut slot.waiting)
            }
            _ => return Effect::Nothing { why: NoEffect::NotPaused },
        };
        let waited = waiting.len() as u64;
        for pending in waiting {
            self.pending.push(self.now, pending);
        }
        Effect::Resumed { waited }
    }

    /// Crossings to and from the actor that would arrive while its link is down start over
    /// when it is back up; later ones wait for it in [`World::arrival`].
    fn cut_off(&mut self, actor: ActorId, ms: SimTime) -> Effect {
        let until = self.now.saturating_add(ms);
        match self.running(actor) {
            Ok(slot) => slot.cut_until = slot.cut_until.max(until),
            Err(why) => return Effect::Nothing { why },
        }
        let place = Place::Actor(actor);
        let delayed = self.pending.take_where(|pending| {
            pending.hop().is_some_and(|hop| (hop.from == place || hop.to == place) && hop.arrives < until)
        });
        for (_, mut pending) in delayed {
            let Some(hop) = pending.hop_mut() else { continue };
            let arrives = until.saturating_add(hop.arrives - hop.departs);
            Arc::make_mut(hop).arrives = arrives;
            let direction = if hop.to == place { Direction::ToClient } else { Direction::ToBroker };
            let last = self.last_arrival.entry((actor, direction)).or_insert(0);
            *last = (*last).max(arrives);
            self.pending.push(arrives, pending);
        }
        Effect::CutOff { until }
    }

    fn bind(&mut self, exchange: &str, queue: &str, routing_key: &str) -> Effect {
        let Some(found) = self.broker.topology().queue_by_name(queue) else {
            return Effect::Nothing { why: NoEffect::NoSuchQueue { queue: queue.to_string() } };
        };
        let destination = Destination::Queue(found.id);
        match self.broker.bind(self.now, exchange, destination, routing_key, Default::default()) {
            Ok(_) => Effect::Bound,
            Err(error) => Effect::Nothing { why: NoEffect::Refused { error } },
        }
    }

    fn unbind(&mut self, exchange: &str, queue: &str, routing_key: &str) -> Effect {
        let topology = self.broker.topology();
        let binding = topology.exchange_by_name(exchange).zip(topology.queue_by_name(queue)).and_then(|(x, q)| {
            topology
                .bindings_from(x.id)
                .into_iter()
                .find(|binding| binding.destination == Destination::Queue(q.id) && binding.routing_key == routing_key)
        });
        match binding.map(|binding| binding.id) {
            Some(binding) => {
                self.broker.unbind(self.now, binding);
                Effect::Unbound
            }
            None => Effect::Nothing { why: NoEffect::NoSuchBinding },
        }
    }

    /// Every client that is running reconnects at once and declares again.
    fn restart_broker(&mut self, log: &mut StepLog<'_>) -> Effect {
        let losses = self.broker.restart(self.now);
        for idx in 0..self.actors.len() {
            if self.actors[idx].stopped {
                continue;
            }
            let connection = self.broker.open_connection();
            let channel = self.broker.open_channel(connection);
            let slot = &mut self.actors[idx];
            slot.connection = connection;
            slot.channel = channel;
            self.with_actor(ActorId(idx as u32), log, |actor, ctx| actor.reconnect(ctx));
        }
        Effect::BrokerRestarted { losses }
    }
}
