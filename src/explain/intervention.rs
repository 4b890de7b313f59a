//! Words for interventions: what the user did to the run and what it did, one sentence
//! each, for the event log and the CLI.

use crate::explain::lang::Lang;
use crate::explain::render::{place_name, quote, quote_label};
use crate::formats::scenario::{CutOff, ScriptAction, ScriptStep, SlowActor};
use crate::sim::World;
use crate::sim::intervention::{Action, Effect, NoEffect};
use crate::sim::trace::Leg;

/// The sentence for an intervention that happened in `world`'s run.
pub fn sentence(lang: Lang, action: &Action, effect: &Effect, world: &World) -> String {
    let actor = action.actor().map(|actor| world.actor_name(actor).to_string()).unwrap_or_default();
    match (action, effect) {
        (_, Effect::Nothing { why }) => format!("{}: {}", attempted(action, &actor), no_effect(why)),
        (_, Effect::Dropped { hop }) => {
            let (from, to, label) = (
                place_name(lang, hop.from, world),
                place_name(lang, hop.to, world),
                quote_label(lang.words(), &hop.label),
            );
            let fate = match &hop.leg {
                Leg::Publish { .. } => "the broker never sees it".to_string(),
                Leg::Deliver { .. } => format!(
                    "the broker counts it as delivered to {to} and unacked; it goes back to its queue only when {to}'s connection closes"
                ),
                Leg::Settle { .. } => "the message stays unacked at the broker".to_string(),
                Leg::Return { .. } => format!("{to} never learns that it was returned"),
            };
            format!("you dropped {label} on its way from {from} to {to}: {fate}")
        }
        (Action::DuplicateMessage { message }, Effect::Duplicated { copy }) => format!(
            "the publisher sent message #{} again, as a client retry does: the copy is message #{}, and the broker routes both",
            message.0, copy.0
        ),
        (_, Effect::Crashed) => format!(
            "{actor} crashed: the process is gone, and the broker will notice once its connection's close arrives, after whatever it sent before"
        ),
        (_, Effect::Stopping) => format!("you asked {actor} to stop gracefully (oslo.messaging's stop() then wait())"),
        (_, Effect::Restarted) => {
            format!("{actor} restarted as a new process with a new connection; it remembers nothing from before")
        }
        (_, Effect::Paused) => {
            format!(
                "{actor} is paused: what it is sent waits unhandled, so its prefetch window fills and its queue grows"
            )
        }
        (_, Effect::Resumed { waited }) => format!("{actor} resumed and handles the {waited} event(s) that waited"),
        (_, Effect::Slowed { factor: 1 }) => format!("{actor} works at its normal pace again"),
        (_, Effect::Slowed { factor }) => format!("{actor} now takes {factor} times as long for each message"),
        (_, Effect::CutOff { until }) => format!(
            "{actor}'s network link is down until {until} ms: what it sends, and what is sent to it, waits until then"
        ),
        (Action::Bind { exchange, queue, routing_key }, Effect::Bound) => format!(
            "you bound queue {} to exchange {} with binding key {}",
            quote(queue),
            quote(exchange),
            quote(routing_key)
        ),
        (Action::Unbind { exchange, queue, routing_key }, Effect::Unbound) => format!(
            "you removed the binding of queue {} to exchange {} with binding key {}",
            quote(queue),
            quote(exchange),
            quote(routing_key)
        ),
        (Action::PurgeQueue { queue }, Effect::Purged { messages }) => format!(
            "you purged queue {}: {messages} ready message(s) dropped; unacked ones stay with their consumers",
            quote(queue)
        ),
        (Action::DeleteQueue { queue }, Effect::QueueDeleted) => {
            format!("you deleted queue {}, with its messages and bindings", quote(queue))
        }
        (_, Effect::BrokerRestarted { losses }) => {
            let mut lost = Vec::new();
            if !losses.queues.is_empty() {
                lost.push(format!("the non-durable queue(s) {}", quoted_list(&losses.queues)));
            }
            if !losses.exchanges.is_empty() {
                lost.push(format!("the non-durable exchange(s) {}", quoted_list(&losses.exchanges)));
            }
            if losses.transient_messages > 0 {
                lost.push(format!(
                    "{} transient message(s) (delivery_mode 1) in durable queues",
                    losses.transient_messages
                ));
            }
            let lost =
                if lost.is_empty() { "nothing was lost".to_string() } else { format!("lost: {}", lost.join("; ")) };
            format!(
                "the broker restarted: every connection closed and the clients reconnected and declared again; {lost}"
            )
        }
        (action, _) => attempted(action, &actor),
    }
}

/// The intervention as the user asked for it.
fn attempted(action: &Action, actor: &str) -> String {
    match action {
        Action::DropMessage { message, .. } => format!("drop message #{}", message.0),
        Action::DuplicateMessage { message } => format!("send message #{} again", message.0),
        Action::Crash { .. } => format!("crash {actor}"),
        Action::Stop { .. } => format!("stop {actor}"),
        Action::Restart { .. } => format!("restart {actor}"),
        Action::Pause { .. } => format!("pause {actor}"),
        Action::Resume { .. } => format!("resume {actor}"),
        Action::Slow { factor, .. } => format!("slow {actor} down {factor} times"),
        Action::CutOff { ms, .. } => format!("cut {actor} off for {ms} ms"),
        Action::Bind { exchange, queue, .. } => format!("bind queue {} to exchange {}", quote(queue), quote(exchange)),
        Action::Unbind { exchange, queue, .. } => {
            format!("unbind queue {} from exchange {}", quote(queue), quote(exchange))
        }
        Action::PurgeQueue { queue } => format!("purge queue {}", quote(queue)),
        Action::DeleteQueue { queue } => format!("delete queue {}", quote(queue)),
        Action::RestartBroker => "restart the broker".to_string(),
    }
}

fn no_effect(why: &NoEffect) -> String {
    match why {
        NoEffect::NotInFlight => "nothing happened, the message is not on the wire at this moment".to_string(),
        NoEffect::NotAPublish => {
            "nothing happened, only a publish on its way to the broker can be sent again".to_string()
        }
        NoEffect::NotRunning => "nothing happened, it is not running".to_string(),
        NoEffect::AlreadyPaused => "nothing happened, it is paused already".to_string(),
        NoEffect::NotPaused => "nothing happened, it is not paused".to_string(),
        NoEffect::NoSuchQueue { queue } => format!("nothing happened, there is no queue {}", quote(queue)),
        NoEffect::NoSuchBinding => "nothing happened, there is no such binding".to_string(),
        NoEffect::Refused { error } => format!("the broker refused: {error}"),
    }
}

fn quoted_list(names: &[String]) -> String {
    names.iter().map(|name| quote(name)).collect::<Vec<_>>().join(", ")
}

/// A button's name for an intervention the run view offers.
pub fn button(action: &ScriptAction) -> String {
    match action {
        ScriptAction::StopActor(actor) => format!("Crash {actor}"),
        ScriptAction::StopGracefully(actor) => format!("Stop {actor} gracefully"),
        ScriptAction::RestartActor(actor) => format!("Restart {actor}"),
        ScriptAction::PauseActor(actor) => format!("Pause {actor}"),
        ScriptAction::ResumeActor(actor) => format!("Resume {actor}"),
        ScriptAction::SlowActor(SlowActor { actor, factor: 1 }) => format!("Back to normal speed: {actor}"),
        ScriptAction::SlowActor(SlowActor { actor, factor }) => format!("Slow {actor} down {factor}x"),
        ScriptAction::CutOff(CutOff { actor, ms }) => format!("Cut {actor} off for {} s", *ms as f64 / 1000.0),
        ScriptAction::DropMessage(_) => "Drop this message".to_string(),
        ScriptAction::DuplicateMessage(_) => "Send it again (a retry)".to_string(),
        ScriptAction::Bind(names) => {
            format!("Bind queue {} to exchange {}", quote(&names.queue), quote(&names.exchange))
        }
        ScriptAction::Unbind(_) => "Remove this binding".to_string(),
        ScriptAction::PurgeQueue(queue) => format!("Purge queue {}", quote(queue)),
        ScriptAction::DeleteQueue(queue) => format!("Delete queue {}", quote(queue)),
        ScriptAction::RestartBroker(_) => "Restart the broker".to_string(),
    }
}

/// The button that binds `queue` to the exchange picked beside it.
pub fn bind_button(queue: &str) -> String {
    format!("Bind queue {} to it", quote(queue))
}

/// A script step as the timeline names it: what, and when.
pub fn scripted(step: &ScriptStep) -> String {
    let what = match &step.action {
        ScriptAction::DropMessage(drop) => format!("Drop message #{}", drop.message),
        ScriptAction::DuplicateMessage(message) => format!("Send message #{message} again"),
        ScriptAction::Unbind(names) => {
            format!("Remove the binding of queue {} to exchange {}", quote(&names.queue), quote(&names.exchange))
        }
        other => button(other),
    };
    format!("{what} at {} ms", step.at_ms)
}
