//! The built-in scenario library: JSON scenario files compiled into the binary, so the
//! CLI and the web app offer the same list.

pub mod load;
pub mod resolve;

use crate::formats::scenario::{Diagnostic, Scenario};

/// Built-in scenarios by name, in the order the library lists them.
const BUILTINS: &[(&str, &str)] = &[
    ("hello-world", include_str!("hello-world.json")),
    ("work-queues", include_str!("work-queues.json")),
    ("publish-subscribe", include_str!("publish-subscribe.json")),
    ("routing", include_str!("routing.json")),
    ("topics", include_str!("topics.json")),
    ("rpc", include_str!("rpc.json")),
    ("rpc-call", include_str!("rpc-call.json")),
    ("rpc-cast", include_str!("rpc-cast.json")),
    ("rpc-fanout", include_str!("rpc-fanout.json")),
    ("rpc-server-targeted", include_str!("rpc-server-targeted.json")),
    ("rpc-timeout", include_str!("rpc-timeout.json")),
    ("rpc-remote-error", include_str!("rpc-remote-error.json")),
    ("rpc-version-mismatch", include_str!("rpc-version-mismatch.json")),
    ("rpc-long-call", include_str!("rpc-long-call.json")),
    ("rpc-server-crash-after-ack", include_str!("rpc-server-crash-after-ack.json")),
    ("consumer-crash-before-ack", include_str!("consumer-crash-before-ack.json")),
    ("poison-message", include_str!("poison-message.json")),
    ("slow-consumer-backpressure", include_str!("slow-consumer-backpressure.json")),
    ("broker-restart-durability", include_str!("broker-restart-durability.json")),
    ("notifications", include_str!("notifications.json")),
    ("oslo-capture", include_str!("oslo-capture.json")),
];

/// Names of the built-in scenarios.
pub fn names() -> impl Iterator<Item = &'static str> {
    BUILTINS.iter().map(|(name, _)| *name)
}

/// A scenario that can be opened by name: a built-in one, or `load`, the generated
/// 100-node load the browser benchmark plays.
pub fn by_name(name: &str) -> Option<Result<Scenario, Vec<Diagnostic>>> {
    if name == "load" {
        return Some(Ok(load::load_scenario(load::LoadShape::canvas())));
    }
    builtin(name)
}

/// Loads a built-in scenario by name.
pub fn builtin(name: &str) -> Option<Result<Scenario, Vec<Diagnostic>>> {
    BUILTINS.iter().find(|(builtin, _)| *builtin == name).map(|(_, text)| Scenario::from_json(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_loads_builds_and_finishes() {
        for name in names() {
            let scenario = builtin(name).unwrap().unwrap_or_else(|errors| panic!("{name}: {errors:?}"));
            assert_eq!(scenario.name, name);
            assert!(!scenario.watch.is_empty(), "{name} says what to watch");
            let world = scenario.build(scenario.seed).unwrap_or_else(|errors| panic!("{name}: {errors:?}"));
            let mut session = crate::sim::Session::new(world);
            session.run_until(crate::sim::Until::Idle);
            assert!(session.trace().len() > 3, "{name} does something");
        }
    }
}
