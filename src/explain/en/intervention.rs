//! The interventions' words in English.

use crate::explain::keys::InterventionWords;
use crate::explain::lang::English;

impl InterventionWords for English {
    fn had_no_effect(&self, attempted: &str, why: &str) -> String {
        format!("{attempted}: {why}")
    }
    fn dropped_publish(&self, label: &str, from: &str, to: &str) -> String {
        format!("you dropped {label} on its way from {from} to {to}: the broker never sees it")
    }
    fn dropped_deliver(&self, label: &str, from: &str, to: &str) -> String {
        format!(
            "you dropped {label} on its way from {from} to {to}: the broker counts it as delivered to {to} and unacked; it goes back to its queue only when {to}'s connection closes"
        )
    }
    fn dropped_settle(&self, label: &str, from: &str, to: &str) -> String {
        format!("you dropped {label} on its way from {from} to {to}: the message stays unacked at the broker")
    }
    fn dropped_return(&self, label: &str, from: &str, to: &str) -> String {
        format!("you dropped {label} on its way from {from} to {to}: {to} never learns that it was returned")
    }
    fn duplicated(&self, message: u64, copy: u64) -> String {
        format!(
            "the publisher sent message #{message} again, as a client retry does: the copy is message #{copy}, and the broker routes both"
        )
    }
    fn crashed(&self, actor: &str) -> String {
        format!(
            "{actor} crashed: the process is gone, and the broker will notice once its connection's close arrives, after whatever it sent before"
        )
    }
    fn asked_to_stop(&self, actor: &str) -> String {
        format!("you asked {actor} to stop gracefully (oslo.messaging's stop() then wait())")
    }
    fn restarted(&self, actor: &str) -> String {
        format!("{actor} restarted as a new process with a new connection; it remembers nothing from before")
    }
    fn paused(&self, actor: &str) -> String {
        format!("{actor} is paused: what it is sent waits unhandled, so its prefetch window fills and its queue grows")
    }
    fn resumed(&self, actor: &str, waited: u64) -> String {
        format!("{actor} resumed and handles the {waited} event(s) that waited")
    }
    fn normal_pace(&self, actor: &str) -> String {
        format!("{actor} works at its normal pace again")
    }
    fn slowed(&self, actor: &str, factor: u64) -> String {
        format!("{actor} now takes {factor} times as long for each message")
    }
    fn cut_off(&self, actor: &str, until: u64) -> String {
        format!(
            "{actor}'s network link is down until {until} ms: what it sends, and what is sent to it, waits until then"
        )
    }
    fn bound(&self, queue: &str, exchange: &str, binding_key: &str) -> String {
        format!("you bound queue {queue} to exchange {exchange} with binding key {binding_key}")
    }
    fn unbound(&self, queue: &str, exchange: &str, binding_key: &str) -> String {
        format!("you removed the binding of queue {queue} to exchange {exchange} with binding key {binding_key}")
    }
    fn purged(&self, queue: &str, messages: u64) -> String {
        format!("you purged queue {queue}: {messages} ready message(s) dropped; unacked ones stay with their consumers")
    }
    fn queue_deleted(&self, queue: &str) -> String {
        format!("you deleted queue {queue}, with its messages and bindings")
    }
    fn lost_queues(&self, queues: &str) -> String {
        format!("the non-durable queue(s) {queues}")
    }
    fn lost_exchanges(&self, exchanges: &str) -> String {
        format!("the non-durable exchange(s) {exchanges}")
    }
    fn lost_transient_messages(&self, messages: u64) -> String {
        format!("{messages} transient message(s) (delivery_mode 1) in durable queues")
    }
    fn broker_restarted_lost(&self, lost: &str) -> String {
        format!(
            "the broker restarted: every connection closed and the clients reconnected and declared again; lost: {lost}"
        )
    }
    fn broker_restarted_nothing_lost(&self) -> String {
        "the broker restarted: every connection closed and the clients reconnected and declared again; nothing was lost"
            .into()
    }

    fn attempt_drop(&self, message: u64) -> String {
        format!("drop message #{message}")
    }
    fn attempt_duplicate(&self, message: u64) -> String {
        format!("send message #{message} again")
    }
    fn attempt_crash(&self, actor: &str) -> String {
        format!("crash {actor}")
    }
    fn attempt_stop(&self, actor: &str) -> String {
        format!("stop {actor}")
    }
    fn attempt_restart(&self, actor: &str) -> String {
        format!("restart {actor}")
    }
    fn attempt_pause(&self, actor: &str) -> String {
        format!("pause {actor}")
    }
    fn attempt_resume(&self, actor: &str) -> String {
        format!("resume {actor}")
    }
    fn attempt_slow(&self, actor: &str, factor: u64) -> String {
        format!("slow {actor} down {factor} times")
    }
    fn attempt_cut_off(&self, actor: &str, ms: u64) -> String {
        format!("cut {actor} off for {ms} ms")
    }
    fn attempt_bind(&self, queue: &str, exchange: &str) -> String {
        format!("bind queue {queue} to exchange {exchange}")
    }
    fn attempt_unbind(&self, queue: &str, exchange: &str) -> String {
        format!("unbind queue {queue} from exchange {exchange}")
    }
    fn attempt_purge(&self, queue: &str) -> String {
        format!("purge queue {queue}")
    }
    fn attempt_delete(&self, queue: &str) -> String {
        format!("delete queue {queue}")
    }
    fn attempt_restart_broker(&self) -> String {
        "restart the broker".into()
    }

    fn not_in_flight(&self) -> String {
        "nothing happened, the message is not on the wire at this moment".into()
    }
    fn not_a_publish(&self) -> String {
        "nothing happened, only a publish on its way to the broker can be sent again".into()
    }
    fn not_running(&self) -> String {
        "nothing happened, it is not running".into()
    }
    fn already_paused(&self) -> String {
        "nothing happened, it is paused already".into()
    }
    fn not_paused(&self) -> String {
        "nothing happened, it is not paused".into()
    }
    fn no_such_queue(&self, queue: &str) -> String {
        format!("nothing happened, there is no queue {queue}")
    }
    fn no_such_binding(&self) -> String {
        "nothing happened, there is no such binding".into()
    }
    fn broker_refused(&self, error: &str) -> String {
        format!("the broker refused: {error}")
    }

    fn button_crash(&self, actor: &str) -> String {
        format!("Crash {actor}")
    }
    fn button_stop_gracefully(&self, actor: &str) -> String {
        format!("Stop {actor} gracefully")
    }
    fn button_restart(&self, actor: &str) -> String {
        format!("Restart {actor}")
    }
    fn button_pause(&self, actor: &str) -> String {
        format!("Pause {actor}")
    }
    fn button_resume(&self, actor: &str) -> String {
        format!("Resume {actor}")
    }
    fn button_normal_speed(&self, actor: &str) -> String {
        format!("Back to normal speed: {actor}")
    }
    fn button_slow(&self, actor: &str, factor: u64) -> String {
        format!("Slow {actor} down {factor}x")
    }
    fn button_cut_off(&self, actor: &str, seconds: &str) -> String {
        format!("Cut {actor} off for {seconds} s")
    }
    fn button_drop(&self) -> String {
        "Drop this message".into()
    }
    fn button_duplicate(&self) -> String {
        "Send it again (a retry)".into()
    }
    fn button_bind(&self, queue: &str, exchange: &str) -> String {
        format!("Bind queue {queue} to exchange {exchange}")
    }
    fn button_unbind(&self) -> String {
        "Remove this binding".into()
    }
    fn button_purge(&self, queue: &str) -> String {
        format!("Purge queue {queue}")
    }
    fn button_delete(&self, queue: &str) -> String {
        format!("Delete queue {queue}")
    }
    fn button_restart_broker(&self) -> String {
        "Restart the broker".into()
    }
    fn button_bind_to_picked(&self, queue: &str) -> String {
        format!("Bind queue {queue} to it")
    }

    fn scripted_drop(&self, message: u64) -> String {
        format!("Drop message #{message}")
    }
    fn scripted_duplicate(&self, message: u64) -> String {
        format!("Send message #{message} again")
    }
    fn scripted_unbind(&self, queue: &str, exchange: &str) -> String {
        format!("Remove the binding of queue {queue} to exchange {exchange}")
    }
    fn scripted_at(&self, what: &str, at_ms: u64) -> String {
        format!("{what} at {at_ms} ms")
    }

    fn break_it(&self) -> String {
        "Break it".into()
    }
    fn forks_here(&self) -> String {
        "The run forks here; Undo brings the old future back.".into()
    }
    fn bind_exchange_label(&self) -> String {
        "Exchange".into()
    }
    fn bind_key_label(&self) -> String {
        "Binding key".into()
    }
    fn menu_name(&self) -> String {
        "Interventions".into()
    }
    fn nothing_to_break(&self) -> String {
        "Nothing to break here at this moment.".into()
    }
}
