//! Where the simulation and a real broker disagree, in English.

use crate::explain::keys::DifferenceWords;
use crate::explain::lang::English;

/// `1 outcome`, `2 outcomes`.
fn counted(count: u64, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}

impl DifferenceWords for English {
    fn publish_count(&self, simulated: u64, broker: u64) -> String {
        format!("publishes: simulated {}, broker {}", counted(simulated, "outcome"), counted(broker, "outcome"))
    }
    fn get_count(&self, simulated: u64, broker: u64) -> String {
        format!("gets: simulated {}, broker {}", counted(simulated, "result"), counted(broker, "result"))
    }
    fn publish_differs(&self, index: u64, simulated: &str, broker: &str) -> String {
        format!("publishes[{index}]: simulated {simulated}; broker {broker}")
    }
    fn declarations_differ(&self, simulated: &str, broker: &str) -> String {
        format!("declarations: simulated [{simulated}]; broker [{broker}]")
    }
    fn consumes_differ(&self, simulated: &str, broker: &str) -> String {
        format!("consumes: simulated [{simulated}]; broker [{broker}]")
    }
    fn get_differs(&self, index: u64, simulated: &str, broker: &str) -> String {
        format!("gets[{index}]: simulated {simulated}; broker {broker}")
    }
    fn deliveries_differ(&self, tag: &str, simulated: &str, broker: &str) -> String {
        format!("deliveries[{tag:?}]: simulated {simulated}; broker {broker}")
    }
    fn queue_differs(&self, name: &str, simulated: &str, broker: &str) -> String {
        format!("queues[{name:?}]: simulated {simulated}; broker {broker}")
    }
    fn queue_only_simulated(&self, name: &str) -> String {
        format!("queues[{name:?}]: exists in the simulation, not on the broker")
    }
    fn queue_only_on_broker(&self, name: &str) -> String {
        format!("queues[{name:?}]: exists on the broker, not in the simulation")
    }
    fn outcome_routed(&self, queues: &str, returned: &str, rejected: &str) -> String {
        format!("routed {queues}, returned {returned}, rejected {rejected}")
    }
    fn outcome(&self, returned: &str, rejected: &str) -> String {
        format!("returned {returned}, rejected {rejected}")
    }
    fn yes(&self) -> String {
        "yes".into()
    }
    fn no(&self) -> String {
        "no".into()
    }
    fn refused(&self, code: u64, text: &str) -> String {
        format!("error {code} ({text})")
    }
    fn declared(&self) -> String {
        "ok".into()
    }
    fn get_empty(&self) -> String {
        "get-empty".into()
    }
    fn redelivered(&self, message: &str) -> String {
        format!("{message} (redelivered)")
    }
    fn original_expiration(&self, message: &str, expiration: &str, queue: &str) -> String {
        format!("{message} (original-expiration {expiration} in {queue})")
    }
}
