//! Words for interventions: what the user did to the run and what it did, one sentence
//! each, for the event log and the CLI, and the names of the run view's intervention
//! buttons. The words are the catalogue's
//! ([`InterventionWords`](crate::explain::keys::InterventionWords)).

use crate::explain::lang::{Catalogue, Lang};
use crate::explain::render::{place_name, quote_label};
use crate::formats::scenario::{CutOff, ScriptAction, ScriptStep, SlowActor};
use crate::sim::World;
use crate::sim::intervention::{Effect, InterventionAction, NoEffect};
use crate::sim::trace::Leg;

/// The sentence for an intervention that happened in `world`'s run.
pub fn sentence(lang: Lang, action: &InterventionAction, effect: &Effect, world: &World) -> String {
    let w = lang.words();
    let actor = action.actor().map(|actor| world.actor_name(actor).to_string()).unwrap_or_default();
    match (action, effect) {
        (_, Effect::Nothing { why }) => w.had_no_effect(&attempted(w, action, &actor), &no_effect(w, why)),
        (_, Effect::Dropped { hop }) => {
            let (from, to, label) =
                (place_name(lang, hop.from, world), place_name(lang, hop.to, world), quote_label(w, &hop.label));
            match &hop.leg {
                Leg::Publish { .. } => w.dropped_publish(&label, &from, &to),
                Leg::Deliver { .. } => w.dropped_deliver(&label, &from, &to),
                Leg::Settle { .. } => w.dropped_settle(&label, &from, &to),
                Leg::Return { .. } => w.dropped_return(&label, &from, &to),
            }
        }
        (InterventionAction::DuplicateMessage { message }, Effect::Duplicated { copy }) => {
            w.duplicated(message.0, copy.0)
        }
        (_, Effect::Crashed) => w.crashed(&actor),
        (_, Effect::Stopping) => w.asked_to_stop(&actor),
        (_, Effect::Restarted) => w.restarted(&actor),
        (_, Effect::Paused) => w.paused(&actor),
        (_, Effect::Resumed { waited }) => w.resumed(&actor, *waited),
        (_, Effect::Slowed { factor: 1 }) => w.normal_pace(&actor),
        (_, Effect::Slowed { factor }) => w.slowed(&actor, u64::from(*factor)),
        (_, Effect::CutOff { until }) => w.cut_off(&actor, *until),
        (InterventionAction::Bind { exchange, queue, routing_key }, Effect::Bound) => {
            w.bound(&w.quoted(queue), &w.quoted(exchange), &w.quoted(routing_key))
        }
        (InterventionAction::Unbind { exchange, queue, routing_key }, Effect::Unbound) => {
            w.unbound(&w.quoted(queue), &w.quoted(exchange), &w.quoted(routing_key))
        }
        (InterventionAction::PurgeQueue { queue }, Effect::Purged { messages }) => {
            w.purged(&w.quoted(queue), *messages)
        }
        (InterventionAction::DeleteQueue { queue }, Effect::QueueDeleted) => w.queue_deleted(&w.quoted(queue)),
        (_, Effect::BrokerRestarted { losses }) => {
            let mut lost = Vec::new();
            if !losses.queues.is_empty() {
                lost.push(w.lost_queues(&w.quoted_list(&losses.queues)));
            }
            if !losses.exchanges.is_empty() {
                lost.push(w.lost_exchanges(&w.quoted_list(&losses.exchanges)));
            }
            if losses.transient_messages > 0 {
                lost.push(w.lost_transient_messages(losses.transient_messages));
            }
            if lost.is_empty() {
                w.broker_restarted_nothing_lost()
            } else {
                w.broker_restarted_lost(&lost.join(&w.clause_separator()))
            }
        }
        (action, _) => attempted(w, action, &actor),
    }
}

/// The intervention as the user asked for it.
fn attempted(w: &dyn Catalogue, action: &InterventionAction, actor: &str) -> String {
    match action {
        InterventionAction::DropMessage { message, .. } => w.attempt_drop(message.0),
        InterventionAction::DuplicateMessage { message } => w.attempt_duplicate(message.0),
        InterventionAction::Crash { .. } => w.attempt_crash(actor),
        InterventionAction::Stop { .. } => w.attempt_stop(actor),
        InterventionAction::Restart { .. } => w.attempt_restart(actor),
        InterventionAction::Pause { .. } => w.attempt_pause(actor),
        InterventionAction::Resume { .. } => w.attempt_resume(actor),
        InterventionAction::Slow { factor, .. } => w.attempt_slow(actor, u64::from(*factor)),
        InterventionAction::CutOff { ms, .. } => w.attempt_cut_off(actor, *ms),
        InterventionAction::Bind { exchange, queue, .. } => w.attempt_bind(&w.quoted(queue), &w.quoted(exchange)),
        InterventionAction::Unbind { exchange, queue, .. } => w.attempt_unbind(&w.quoted(queue), &w.quoted(exchange)),
        InterventionAction::PurgeQueue { queue } => w.attempt_purge(&w.quoted(queue)),
        InterventionAction::DeleteQueue { queue } => w.attempt_delete(&w.quoted(queue)),
        InterventionAction::RestartBroker => w.attempt_restart_broker(),
    }
}

fn no_effect(w: &dyn Catalogue, why: &NoEffect) -> String {
    match why {
        NoEffect::NotInFlight => w.not_in_flight(),
        NoEffect::NotAPublish => w.not_a_publish(),
        NoEffect::NotRunning => w.not_running(),
        NoEffect::AlreadyPaused => w.already_paused(),
        NoEffect::NotPaused => w.not_paused(),
        NoEffect::NoSuchQueue { queue } => w.no_such_queue(&w.quoted(queue)),
        NoEffect::NoSuchBinding => w.no_such_binding(),
        NoEffect::Refused { error } => w.broker_refused(&error.to_string()),
    }
}

/// A button's name for an intervention the run view offers.
pub fn button(lang: Lang, action: &ScriptAction) -> String {
    let w = lang.words();
    match action {
        ScriptAction::StopActor(actor) => w.button_crash(actor),
        ScriptAction::StopGracefully(actor) => w.button_stop_gracefully(actor),
        ScriptAction::RestartActor(actor) => w.button_restart(actor),
        ScriptAction::PauseActor(actor) => w.button_pause(actor),
        ScriptAction::ResumeActor(actor) => w.button_resume(actor),
        ScriptAction::SlowActor(SlowActor { actor, factor: 1 }) => w.button_normal_speed(actor),
        ScriptAction::SlowActor(SlowActor { actor, factor }) => w.button_slow(actor, u64::from(*factor)),
        ScriptAction::CutOff(CutOff { actor, ms }) => w.button_cut_off(actor, &(*ms as f64 / 1000.0).to_string()),
        ScriptAction::DropMessage(_) => w.button_drop(),
        ScriptAction::DuplicateMessage(_) => w.button_duplicate(),
        ScriptAction::Bind(names) => w.button_bind(&w.quoted(&names.queue), &w.quoted(&names.exchange)),
        ScriptAction::Unbind(_) => w.button_unbind(),
        ScriptAction::PurgeQueue(queue) => w.button_purge(&w.quoted(queue)),
        ScriptAction::DeleteQueue(queue) => w.button_delete(&w.quoted(queue)),
        ScriptAction::RestartBroker(_) => w.button_restart_broker(),
    }
}

/// The button that binds `queue` to the exchange picked beside it.
pub fn bind_button(lang: Lang, queue: &str) -> String {
    let w = lang.words();
    w.button_bind_to_picked(&w.quoted(queue))
}

/// A script step as the timeline names it: what, and when.
pub fn scripted(lang: Lang, step: &ScriptStep) -> String {
    let w = lang.words();
    let what = match &step.action {
        ScriptAction::DropMessage(drop) => w.scripted_drop(drop.message),
        ScriptAction::DuplicateMessage(message) => w.scripted_duplicate(*message),
        ScriptAction::Unbind(names) => w.scripted_unbind(&w.quoted(&names.queue), &w.quoted(&names.exchange)),
        other => button(lang, other),
    };
    w.scripted_at(&what, step.at_ms)
}
