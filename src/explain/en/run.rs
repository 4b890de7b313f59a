//! The run view's words in English.

use crate::explain::keys::RunWords;
use crate::explain::lang::English;

impl RunWords for English {
    fn language(&self) -> String {
        "Language".into()
    }

    fn kind_plain(&self) -> String {
        "Message".into()
    }
    fn kind_call(&self) -> String {
        "RPC request (call)".into()
    }
    fn kind_reply(&self) -> String {
        "RPC reply".into()
    }
    fn kind_cast(&self) -> String {
        "Cast".into()
    }
    fn kind_fanout_cast(&self) -> String {
        "Fanout cast".into()
    }
    fn kind_notification(&self) -> String {
        "Notification".into()
    }
    fn kind_dead_lettered(&self) -> String {
        "Dead-lettered".into()
    }
    fn kind_returned(&self) -> String {
        "Returned (mandatory, unroutable)".into()
    }
    fn kind_settle(&self) -> String {
        "Ack or nack".into()
    }

    fn entries_on_the_wire(&self) -> String {
        "Messages on the wire".into()
    }
    fn entries_broker(&self) -> String {
        "Broker decisions".into()
    }
    fn entries_clients(&self) -> String {
        "Client actions".into()
    }
    fn entries_interventions(&self) -> String {
        "Your interventions".into()
    }

    fn queue_badge(&self, ready: u64, unacked: u64) -> String {
        format!("{ready} ready · {unacked} unacked")
    }
    fn client_blocked(&self, remaining_ms: u64) -> String {
        format!("blocked in call() · {remaining_ms} ms left")
    }
    fn client_busy(&self, unacked: u64) -> String {
        format!("busy · {unacked} unacked")
    }
    fn client_idle_received(&self, received: u64) -> String {
        format!("idle · {received} received")
    }
    fn client_idle_sent(&self, sent: u64) -> String {
        format!("idle · {sent} sent")
    }
    fn client_done(&self, sent: u64) -> String {
        format!("done · {sent} sent")
    }
    fn client_stopped(&self) -> String {
        "stopped".into()
    }
    fn client_paused(&self, unacked: u64) -> String {
        format!("paused · {unacked} unacked")
    }
    fn gone_from_the_broker(&self) -> String {
        "gone from the broker".into()
    }

    fn call_returned(&self, method: &str, value: &str) -> String {
        format!("{method}() returned {value}")
    }
    fn call_raised(&self, method: &str, class: &str) -> String {
        format!("{method}() raised {class}")
    }
    fn call_raised_remote(&self, method: &str, class: &str, remote: &str) -> String {
        format!("{method}() raised {class} ({remote})")
    }
    fn call_raised_detail(&self, method: &str, class: &str, message: &str) -> String {
        format!("{method}() raised {class}: {message}")
    }

    fn clock(&self, time_ms: u64) -> String {
        format!("{time_ms} ms")
    }
    fn position(&self, position: u64, end: u64) -> String {
        format!("step {position} of {end}")
    }
    fn position_cut(&self, position: u64, end: u64) -> String {
        format!("step {position} of {end}+ (the run was cut there)")
    }

    fn run_as_text(&self) -> String {
        "Run as text".into()
    }
    fn run_text_moment(&self, position: &str, clock: &str) -> String {
        format!("Now: {position}, {clock}")
    }
    fn run_text_last(&self) -> String {
        "What just happened".into()
    }
    fn run_text_nothing_yet(&self) -> String {
        "Nothing has happened yet: press Step (Right arrow) or Play (Space).".into()
    }
    fn run_text_wire(&self) -> String {
        "On the wire".into()
    }
    fn run_text_wire_empty(&self) -> String {
        "Nothing is on the wire.".into()
    }
    fn run_text_wire_item(&self, message: &str, leg: &str) -> String {
        format!("{message}: {leg}")
    }
    fn run_text_nodes(&self) -> String {
        "Queues and clients".into()
    }
    fn run_text_node(&self, name: &str, kind: &str, badge: &str) -> String {
        format!("{name} ({kind}): {badge}")
    }
}
