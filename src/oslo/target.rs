//! `Target`: where oslo.messaging sends a message and what a server listens on, and the
//! client-side rules that turn a target into an exchange and routing key
//! (`amqpdriver._send`, `impl_rabbit.topic_send` / `fanout_send`) or refuse it
//! (`InvalidTarget`).

use serde::{Deserialize, Serialize};

/// An oslo.messaging `Target`. Unset fields are `None` (Python's `None`); `fanout` is
/// `false` when unset.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Target {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exchange: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub fanout: bool,
    /// Namespaces an endpoint accepts besides its own (`None` = the null namespace).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub legacy_namespaces: Vec<Option<String>>,
}

/// The fields `RPCClient.prepare()` overrides; `None` keeps the client's value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Prepare {
    pub exchange: Option<String>,
    pub topic: Option<String>,
    pub namespace: Option<String>,
    pub version: Option<String>,
    pub server: Option<String>,
    pub fanout: Option<bool>,
    /// `prepare(timeout=...)`, in milliseconds (oslo.messaging takes seconds).
    pub timeout_ms: Option<u64>,
    /// `prepare(call_monitor_timeout=...)`, in seconds, as oslo.messaging takes it.
    pub call_monitor_timeout_s: Option<u64>,
}

impl Target {
    /// `Target(topic=...)`.
    pub fn topic(topic: impl Into<String>) -> Target {
        Target { topic: Some(topic.into()), ..Target::default() }
    }

    /// `Target(topic=..., server=...)`, what an RPC server listens on.
    pub fn server(topic: impl Into<String>, server: impl Into<String>) -> Target {
        Target { topic: Some(topic.into()), server: Some(server.into()), ..Target::default() }
    }

    /// `target(**kwargs)` as `prepare()` applies it: set fields replace, unset keep.
    pub fn prepared(&self, prepare: &Prepare) -> Target {
        Target {
            exchange: prepare.exchange.clone().or_else(|| self.exchange.clone()),
            topic: prepare.topic.clone().or_else(|| self.topic.clone()),
            namespace: prepare.namespace.clone().or_else(|| self.namespace.clone()),
            version: prepare.version.clone().or_else(|| self.version.clone()),
            server: prepare.server.clone().or_else(|| self.server.clone()),
            fanout: prepare.fanout.unwrap_or(self.fanout),
            legacy_namespaces: self.legacy_namespaces.clone(),
        }
    }

    /// The namespaces a server endpoint with this target accepts: its own, then the legacy
    /// ones.
    pub fn accepted_namespaces(&self) -> Vec<Option<String>> {
        let mut accepted = vec![self.namespace.clone()];
        accepted.extend(self.legacy_namespaces.iter().cloned());
        accepted
    }

    /// Python's `repr(target)`: `<Target topic=compute, server=host1>`, set fields only.
    pub fn repr(&self) -> String {
        let mut attributes = Vec::new();
        for (name, value) in [
            ("exchange", &self.exchange),
            ("topic", &self.topic),
            ("namespace", &self.namespace),
            ("version", &self.version),
            ("server", &self.server),
        ] {
            if let Some(value) = value.as_deref().filter(|value| !value.is_empty()) {
                attributes.push(format!("{name}={value}"));
            }
        }
        if self.fanout {
            attributes.push("fanout=True".into());
        }
        format!("<Target {}>", attributes.join(", "))
    }
}

/// Why a target was refused, with oslo.messaging's wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}:{}", target.repr())]
pub struct InvalidTarget {
    pub message: String,
    pub target: Box<Target>,
}

impl InvalidTarget {
    fn new(message: &str, target: &Target) -> InvalidTarget {
        InvalidTarget { message: message.into(), target: Box::new(target.clone()) }
    }

    /// The Python class, as `type(e).__module__ + "." + type(e).__name__` prints it.
    pub const PYTHON_CLASS: &'static str = "oslo_messaging.exceptions.InvalidTarget";
}

/// What kind of publish a client makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SendKind {
    Call,
    Cast,
}

/// Where a publish goes: the exchange and routing key, and which kind of exchange the
/// publisher declares before publishing (kombu declares it once per connection).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Address {
    pub exchange: String,
    pub routing_key: String,
    /// `true` for the `<topic>_fanout` exchange, `false` for the control (topic) exchange.
    pub fanout: bool,
}

/// The exchange a target uses: its own `exchange`, else the control exchange
/// (`amqpdriver._get_exchange`).
pub fn exchange_for(target: &Target, control_exchange: &str) -> String {
    target.exchange.clone().filter(|name| !name.is_empty()).unwrap_or_else(|| control_exchange.to_string())
}

/// Where a call or cast to `target` is published (`amqpdriver._send`): fanout wins and
/// goes to `<topic>_fanout` with an empty key (the exchange and server are ignored); a
/// server goes to `<topic>.<server>` on the target's exchange; else `<topic>`.
/// A call with fanout and a target without a topic are refused client-side.
pub fn send_address(target: &Target, kind: SendKind, control_exchange: &str) -> Result<Address, InvalidTarget> {
    if kind == SendKind::Call && target.fanout {
        return Err(InvalidTarget::new("A call cannot be used with fanout", target));
    }
    let Some(topic) = target.topic.as_deref().filter(|topic| !topic.is_empty()) else {
        return Err(InvalidTarget::new("A topic is required to send", target));
    };
    if target.fanout {
        return Ok(Address { exchange: format!("{topic}_fanout"), routing_key: String::new(), fanout: true });
    }
    let routing_key = match target.server.as_deref().filter(|server| !server.is_empty()) {
        Some(server) => format!("{topic}.{server}"),
        None => topic.to_string(),
    };
    Ok(Address { exchange: exchange_for(target, control_exchange), routing_key, fanout: false })
}

/// Checks a server target (`transport._listen`): both topic and server are required.
pub fn check_server_target(target: &Target) -> Result<(), InvalidTarget> {
    let has = |field: &Option<String>| field.as_deref().is_some_and(|value| !value.is_empty());
    if has(&target.topic) && has(&target.server) {
        Ok(())
    } else {
        Err(InvalidTarget::new("A server's target must have topic and server names specified", target))
    }
}

/// Checks a notification listener target (`transport._listen_for_notifications`).
pub fn check_listener_target(target: &Target) -> Result<(), InvalidTarget> {
    if target.topic.as_deref().is_some_and(|topic| !topic.is_empty()) {
        Ok(())
    } else {
        Err(InvalidTarget::new("A target must have topic specified", target))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(exchange: &str, routing_key: &str, fanout: bool) -> Address {
        Address { exchange: exchange.into(), routing_key: routing_key.into(), fanout }
    }

    #[test]
    fn case_58_wire_addresses() {
        let target = Target::server("testtopic", "testserver");
        assert_eq!(
            send_address(&target, SendKind::Cast, "openstack"),
            Ok(address("openstack", "testtopic.testserver", false))
        );
        let fanout = Target { fanout: true, ..target.clone() };
        assert_eq!(send_address(&fanout, SendKind::Cast, "openstack"), Ok(address("testtopic_fanout", "", true)));
        assert_eq!(
            send_address(&Target::topic("compute"), SendKind::Call, "nova"),
            Ok(address("nova", "compute", false))
        );
        let own_exchange = Target { exchange: Some("a".into()), ..Target::topic("t") };
        assert_eq!(send_address(&own_exchange, SendKind::Call, "nova"), Ok(address("a", "t", false)));
    }

    #[test]
    fn fanout_wins_over_server_and_exchange() {
        let target = Target { exchange: Some("a".into()), fanout: true, ..Target::server("t", "s") };
        assert_eq!(send_address(&target, SendKind::Cast, "nova"), Ok(address("t_fanout", "", true)));
    }

    #[test]
    fn invalid_targets_are_refused_client_side() {
        let fanout = Target { fanout: true, ..Target::topic("compute") };
        let error = send_address(&fanout, SendKind::Call, "nova").unwrap_err();
        assert_eq!(error.to_string(), "A call cannot be used with fanout:<Target topic=compute, fanout=True>");
        assert!(send_address(&Target::default(), SendKind::Cast, "nova").is_err());
        assert!(check_server_target(&Target::topic("compute")).is_err());
        assert!(check_server_target(&Target { server: Some("h".into()), ..Target::default() }).is_err());
        assert!(check_server_target(&Target::server("compute", "host1")).is_ok());
        assert!(check_listener_target(&Target::default()).is_err());
    }

    #[test]
    fn prepare_overrides_only_what_it_sets() {
        let client = Target { version: Some("1.0".into()), ..Target::topic("compute") };
        let prepared = client.prepared(&Prepare { server: Some("host2".into()), ..Prepare::default() });
        assert_eq!(prepared, Target { server: Some("host2".into()), ..client.clone() });
        assert_eq!(prepared.repr(), "<Target topic=compute, version=1.0, server=host2>");
    }
}
