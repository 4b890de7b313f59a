//! Notifications (`notify/notifier.py`, `notify/messaging.py`, `notify/dispatcher.py`,
//! `notify/filter.py`, `notify/listener.py`): the message a `Notifier` publishes to
//! `<topic>.<priority>` on the control exchange, the priorities a listener binds for, the
//! filter rules that skip an endpoint, and whether a notification is acked or requeued.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::engine::SortedMap;
use crate::oslo::python::json_dumps;
use crate::oslo::target::{Target, exchange_for};
use crate::oslo::wire::{WireError, envelope, open};

/// The notification priorities, in oslo.messaging's order (`PRIORITIES`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    Audit,
    Debug,
    Info,
    /// `notifier.warn()`; `warning` is its alias (`notifier.warning()`), sent as `WARN`.
    #[serde(alias = "warning")]
    Warn,
    Error,
    Critical,
    Sample,
}

impl Priority {
    pub const ALL: [Priority; 7] = [
        Priority::Audit,
        Priority::Debug,
        Priority::Info,
        Priority::Warn,
        Priority::Error,
        Priority::Critical,
        Priority::Sample,
    ];

    /// The routing-key form: `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Audit => "audit",
            Priority::Debug => "debug",
            Priority::Info => "info",
            Priority::Warn => "warn",
            Priority::Error => "error",
            Priority::Critical => "critical",
            Priority::Sample => "sample",
        }
    }

    /// The message form: `INFO`.
    pub fn upper(self) -> String {
        self.as_str().to_ascii_uppercase()
    }

    /// Reads a priority in either case; `warning` is `Notifier.warning`'s alias of `warn`.
    pub fn parse(text: &str) -> Option<Priority> {
        // ASCII case is enough: the names are ASCII and no other letter lowercases into one
        // of them, and std's Unicode case tables would cost the browser bundle about 20 KB.
        let lower = text.to_ascii_lowercase();
        if lower == "warning" {
            return Some(Priority::Warn);
        }
        Priority::ALL.into_iter().find(|priority| priority.as_str() == lower)
    }
}

/// The notifier's driver: `messaging` sends the bare message, `messagingv2` wraps it in the
/// 2.0 envelope. (The default driver list is empty: nothing is sent.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Driver {
    #[default]
    Messaging,
    MessagingV2,
    Noop,
}

/// A notification as published.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notification {
    /// `str(uuid4())`, with dashes.
    pub message_id: String,
    pub publisher_id: String,
    pub event_type: String,
    /// Upper case on the wire (`INFO`); kept as sent so listeners can meet unknown ones.
    pub priority: String,
    pub payload: Value,
    /// `str(utcnow())`: see [`python::datetime_str`](crate::oslo::python::datetime_str).
    pub timestamp: String,
    pub unique_id: String,
    pub context: Map<String, Value>,
}

impl Notification {
    /// The dictionary in oslo.messaging's key order: message_id, publisher_id, event_type,
    /// priority, payload, timestamp, `_unique_id`, then `_context_*`.
    pub fn to_message(&self) -> Map<String, Value> {
        let mut message = Map::new();
        message.insert("message_id".into(), Value::String(self.message_id.clone()));
        message.insert("publisher_id".into(), Value::String(self.publisher_id.clone()));
        message.insert("event_type".into(), Value::String(self.event_type.clone()));
        message.insert("priority".into(), Value::String(self.priority.clone()));
        message.insert("payload".into(), self.payload.clone());
        message.insert("timestamp".into(), Value::String(self.timestamp.clone()));
        message.insert("_unique_id".into(), Value::String(self.unique_id.clone()));
        for (key, value) in &self.context {
            message.insert(format!("_context_{key}"), value.clone());
        }
        message
    }

    /// The body for `driver`.
    pub fn body(&self, driver: Driver) -> String {
        match driver {
            Driver::MessagingV2 => envelope(&self.to_message()),
            Driver::Messaging | Driver::Noop => json_dumps(&Value::Object(self.to_message())),
        }
    }

    /// Reads a notification back, enveloped or not.
    pub fn parse(body: &str) -> Result<Notification, WireError> {
        let message = open(body)?;
        let text = |key: &'static str| message.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
        let context = message
            .iter()
            .filter_map(|(key, value)| key.strip_prefix("_context_").map(|key| (key.to_string(), value.clone())))
            .collect();
        Ok(Notification {
            message_id: text("message_id"),
            publisher_id: text("publisher_id"),
            event_type: text("event_type"),
            priority: text("priority"),
            payload: message.get("payload").cloned().unwrap_or(Value::Null),
            timestamp: text("timestamp"),
            unique_id: text("_unique_id"),
            context,
        })
    }

    /// `metadata` as endpoints get it: message_id and timestamp.
    pub fn metadata(&self) -> Map<String, Value> {
        let mut metadata = Map::new();
        metadata.insert("message_id".into(), Value::String(self.message_id.clone()));
        metadata.insert("timestamp".into(), Value::String(self.timestamp.clone()));
        metadata
    }
}

/// Where one notification goes: for each of the notifier's topics, the exchange and the
/// routing key `<topic>.<priority>` (`MessagingDriver.notify` with `Target(topic=...)`).
pub fn notify_addresses(control_exchange: &str, topics: &[String], priority: Priority) -> Vec<(String, String)> {
    topics
        .iter()
        .map(|topic| {
            let target = Target::topic(format!("{topic}.{}", priority.as_str()));
            (exchange_for(&target, control_exchange), format!("{topic}.{}", priority.as_str()))
        })
        .collect()
}

/// `NotificationFilter`: regular expressions matched (`re.match`, anchored at the start)
/// against the publisher id, the event type, and keys of the context, metadata and payload.
/// A missing key or a non-string value is a mismatch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Filter {
    pub publisher_id: Option<String>,
    pub event_type: Option<String>,
    pub context: SortedMap<String, String>,
    pub metadata: SortedMap<String, String>,
    pub payload: SortedMap<String, String>,
}

fn python_match(pattern: &str, text: &str) -> Result<bool, regex_lite::Error> {
    Ok(regex_lite::Regex::new(&format!("^(?:{pattern})"))?.is_match(text))
}

fn single_mismatch(data: Option<&Value>, pattern: &str) -> Result<bool, regex_lite::Error> {
    match data {
        Some(Value::String(text)) => Ok(!python_match(pattern, text)?),
        _ => Ok(true),
    }
}

fn keyed_mismatch(data: &Value, patterns: &SortedMap<String, String>) -> Result<bool, regex_lite::Error> {
    for (key, pattern) in patterns {
        if single_mismatch(data.get(key), pattern)? {
            return Ok(true);
        }
    }
    Ok(false)
}

impl Filter {
    /// Checks every pattern compiles, for scenario diagnostics.
    pub fn validate(&self) -> Result<(), regex_lite::Error> {
        let patterns = self.publisher_id.iter().chain(&self.event_type).chain(self.context.values());
        for pattern in patterns.chain(self.metadata.values()).chain(self.payload.values()) {
            regex_lite::Regex::new(pattern)?;
        }
        Ok(())
    }

    /// `NotificationFilter.match`.
    pub fn matches(&self, notification: &Notification) -> Result<bool, regex_lite::Error> {
        let publisher_id = Value::String(notification.publisher_id.clone());
        let event_type = Value::String(notification.event_type.clone());
        let mismatch = match &self.publisher_id {
            Some(pattern) => single_mismatch(Some(&publisher_id), pattern)?,
            None => false,
        } || match &self.event_type {
            Some(pattern) => single_mismatch(Some(&event_type), pattern)?,
            None => false,
        } || keyed_mismatch(&Value::Object(notification.context.clone()), &self.context)?
            || keyed_mismatch(&Value::Object(notification.metadata()), &self.metadata)?
            || keyed_mismatch(&notification.payload, &self.payload)?;
        Ok(!mismatch)
    }
}

/// What a scripted notification endpoint method returns.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum HandlerResult {
    /// `NotificationResult.HANDLED`.
    #[default]
    Handled,
    /// `NotificationResult.REQUEUE`.
    Requeue,
    /// `return None`, which counts as handled.
    None,
    /// Raises an exception, which counts as `REQUEUE`.
    Raise { class: String, message: String },
}

/// One priority method of a notification endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Handler {
    pub priority: Priority,
    pub result: HandlerResult,
    pub duration_ms: u64,
}

/// A notification endpoint: methods named after priorities, and an optional filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotificationEndpoint {
    pub name: String,
    pub handlers: Vec<Handler>,
    pub filter_rule: Option<Filter>,
}

impl NotificationEndpoint {
    /// An endpoint handling `priorities`, each returning HANDLED.
    pub fn handling(name: &str, priorities: &[Priority]) -> NotificationEndpoint {
        NotificationEndpoint {
            name: name.into(),
            handlers: priorities
                .iter()
                .map(|priority| Handler { priority: *priority, result: HandlerResult::Handled, duration_ms: 0 })
                .collect(),
            filter_rule: None,
        }
    }

    fn handler(&self, priority: Priority) -> Option<&Handler> {
        self.handlers.iter().find(|handler| handler.priority == priority)
    }
}

/// The priorities some endpoint handles, in `PRIORITIES` order.
pub fn supported_priorities(endpoints: &[NotificationEndpoint]) -> Vec<Priority> {
    Priority::ALL
        .into_iter()
        .filter(|priority| endpoints.iter().any(|endpoint| endpoint.handler(*priority).is_some()))
        .collect()
}

/// Every (target, priority) pair a listener binds for, targets first then priorities.
/// (oslo.messaging keeps them in a set; Kaiten fixes this order.)
pub fn targets_and_priorities(targets: &[Target], endpoints: &[NotificationEndpoint]) -> Vec<(Target, String)> {
    let priorities = supported_priorities(endpoints);
    targets
        .iter()
        .flat_map(|target| priorities.iter().map(move |priority| (target.clone(), priority.as_str().to_string())))
        .collect()
}

/// `NotificationResult`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum NotificationResult {
    Handled,
    Requeue,
}

/// What happened at one endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "call", rename_all = "snake_case")]
pub enum HandlerCall {
    /// Its filter rule did not match: skipped.
    Filtered {
        endpoint: usize,
    },
    /// Its filter rule could not be compiled: Kaiten skips the endpoint and says why.
    BadFilter {
        endpoint: usize,
        error: String,
    },
    Returned {
        endpoint: usize,
        result: HandlerResult,
    },
}

/// The notification dispatcher's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotifyDispatch {
    /// The priority was not one of the seven: a warning, then the message is acked.
    pub unknown_priority: bool,
    pub calls: Vec<HandlerCall>,
    pub result: NotificationResult,
    pub duration_ms: u64,
}

/// `NotificationDispatcher.dispatch`: the endpoints handling the priority, in order,
/// skipping those whose filter does not match, until one returns REQUEUE or raises.
pub fn dispatch_notification(endpoints: &[NotificationEndpoint], notification: &Notification) -> NotifyDispatch {
    // ASCII case, as in `Priority::parse`.
    let lower = notification.priority.to_ascii_lowercase();
    let Some(priority) = Priority::ALL.into_iter().find(|priority| priority.as_str() == lower) else {
        return NotifyDispatch {
            unknown_priority: true,
            calls: Vec::new(),
            result: NotificationResult::Handled,
            duration_ms: 0,
        };
    };
    let mut calls = Vec::new();
    let mut duration_ms = 0;
    for (index, endpoint) in endpoints.iter().enumerate() {
        let Some(handler) = endpoint.handler(priority) else {
            continue;
        };
        if let Some(filter) = &endpoint.filter_rule {
            match filter.matches(notification) {
                Ok(true) => {}
                Ok(false) => {
                    calls.push(HandlerCall::Filtered { endpoint: index });
                    continue;
                }
                Err(error) => {
                    calls.push(HandlerCall::BadFilter { endpoint: index, error: error.to_string() });
                    continue;
                }
            }
        }
        duration_ms += handler.duration_ms;
        calls.push(HandlerCall::Returned { endpoint: index, result: handler.result.clone() });
        if matches!(handler.result, HandlerResult::Requeue | HandlerResult::Raise { .. }) {
            return NotifyDispatch { unknown_priority: false, calls, result: NotificationResult::Requeue, duration_ms };
        }
    }
    NotifyDispatch { unknown_priority: false, calls, result: NotificationResult::Handled, duration_ms }
}

/// Whether the listener requeues (`true`) or acks (`false`) after dispatch: REQUEUE is
/// honoured only when the listener allows requeue (`allow_requeue`, default False).
pub fn requeues(result: NotificationResult, allow_requeue: bool) -> bool {
    result == NotificationResult::Requeue && allow_requeue
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oslo::ids::{CountingIds, uuid4_hex, uuid4_string};
    use crate::oslo::python::datetime_str;
    use serde_json::json;

    fn notification(priority: &str, publisher_id: &str, event_type: &str, payload: Value) -> Notification {
        let mut ids = CountingIds::default();
        Notification {
            message_id: uuid4_string(&mut ids),
            publisher_id: publisher_id.into(),
            event_type: event_type.into(),
            priority: priority.into(),
            payload,
            timestamp: datetime_str(1_000),
            unique_id: uuid4_hex(&mut ids),
            context: Map::new(),
        }
    }

    #[test]
    fn notification_body_matches_the_recording() {
        let recorded = Notification {
            message_id: "390ccacd-9ff7-4cd8-8748-640181d35759".into(),
            publisher_id: "compute.host1".into(),
            event_type: "compute.instance.create.end".into(),
            priority: Priority::Info.upper(),
            payload: json!({"id": 1}),
            timestamp: "2026-11-24 19:20:10.310442".into(),
            unique_id: "c7e24b76908646a8929837fbd1933ee4".into(),
            context: Map::new(),
        };
        let capture: Value = serde_json::from_str(include_str!("../../tests/reference/oslo-capture.json")).unwrap();
        let body = recorded.body(Driver::Messaging);
        assert_eq!(serde_json::from_str::<Value>(&body).unwrap(), capture["firehose"][24]["body"]);
        let keys: Vec<&String> = capture["firehose"][24]["body"].as_object().unwrap().keys().collect();
        assert_eq!(recorded.to_message().keys().collect::<Vec<_>>(), keys);
        assert_eq!(Notification::parse(&body).unwrap(), recorded);
        assert_eq!(Notification::parse(&recorded.body(Driver::MessagingV2)).unwrap(), recorded);
    }

    #[test]
    fn notifications_go_to_topic_dot_priority_on_the_control_exchange() {
        let topics = vec!["notifications".to_string(), "audit_log".to_string()];
        assert_eq!(
            notify_addresses("nova", &topics, Priority::Error),
            [
                ("nova".to_string(), "notifications.error".to_string()),
                ("nova".to_string(), "audit_log.error".to_string())
            ]
        );
        assert_eq!(Priority::parse("warning"), Some(Priority::Warn));
        assert_eq!(Priority::parse("INFO"), Some(Priority::Info));
    }

    #[test]
    fn listener_binds_for_the_priorities_its_endpoints_handle() {
        let endpoints = vec![NotificationEndpoint::handling("NEndpoint", &[Priority::Error, Priority::Info])];
        let pairs = targets_and_priorities(&[Target::topic("notifications")], &endpoints);
        let keys: Vec<&str> = pairs.iter().map(|(_, priority)| priority.as_str()).collect();
        assert_eq!(keys, ["info", "error"]);
    }

    #[test]
    fn case_61_info_reaches_the_info_method() {
        let endpoints = vec![NotificationEndpoint::handling("Endpoint", &[Priority::Info])];
        let sent = notification("INFO", "abc", "test", json!("Hello World!"));
        let result = dispatch_notification(&endpoints, &sent);
        assert_eq!(result.calls, [HandlerCall::Returned { endpoint: 0, result: HandlerResult::Handled }]);
        assert_eq!(
            notify_addresses("openstack", &["test_simple".to_string()], Priority::Info)[0].1,
            "test_simple.info"
        );
    }

    #[test]
    fn filters_skip_endpoints() {
        let filtered = NotificationEndpoint {
            filter_rule: Some(Filter {
                publisher_id: Some("^compute.*".into()),
                event_type: Some("instance\\.create".into()),
                payload: SortedMap::from_iter([("state".to_string(), "active".to_string())]),
                ..Filter::default()
            }),
            ..NotificationEndpoint::handling("Filtered", &[Priority::Info])
        };
        let plain = NotificationEndpoint::handling("Plain", &[Priority::Info]);
        let endpoints = vec![filtered, plain];
        let matching = notification("INFO", "compute.host1", "instance.create.end", json!({"state": "active"}));
        assert_eq!(dispatch_notification(&endpoints, &matching).calls.len(), 2);
        for other in [
            notification("INFO", "network.host1", "instance.create.end", json!({"state": "active"})),
            notification("INFO", "compute.host1", "x.instance.create", json!({"state": "active"})),
            notification("INFO", "compute.host1", "instance.create.end", json!({"state": 1})),
            notification("INFO", "compute.host1", "instance.create.end", json!({})),
        ] {
            assert_eq!(dispatch_notification(&endpoints, &other).calls[0], HandlerCall::Filtered { endpoint: 0 });
        }
    }

    #[test]
    fn requeue_stops_dispatch_and_needs_allow_requeue() {
        let mut first = NotificationEndpoint::handling("First", &[Priority::Error]);
        first.handlers[0].result = HandlerResult::Raise { class: "ValueError".into(), message: "no".into() };
        let endpoints = vec![first, NotificationEndpoint::handling("Second", &[Priority::Error])];
        let result = dispatch_notification(&endpoints, &notification("ERROR", "p", "e", json!({})));
        assert_eq!(result.result, NotificationResult::Requeue);
        assert_eq!(result.calls.len(), 1);
        assert!(requeues(result.result, true));
        assert!(!requeues(result.result, false));
        let unknown = dispatch_notification(&endpoints, &notification("LOUD", "p", "e", json!({})));
        assert!(unknown.unknown_priority);
        assert_eq!(unknown.result, NotificationResult::Handled);
    }
}
