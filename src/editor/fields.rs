//! The inspector's fields: which ones each node and edge has, what each is called, how it
//! is edited (text, lines, a check box or a choice), and its current value as text, read
//! from the engine's topology or the actor's settings.
//!
//! Setting a field is in `field_edit.rs`; a refused value comes back as a [`FieldProblem`].

use crate::editor::document::{Document, EdgeId, Item, NodeId};
use crate::editor::kinds::NodeKind;
use crate::engine::SortedMap;
use crate::engine::{AmqpError, ExchangeKind, FieldTable, FieldValue};
use crate::formats::scenario::ActorSpec;
use crate::sim::actors::Processing;

/// One editable property.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Name,
    ExchangeType,
    AlternateExchange,
    Internal,
    MaxLength,
    MaxLengthBytes,
    Overflow,
    MessageTtl,
    Expires,
    DeadLetterExchange,
    DeadLetterRoutingKey,
    MaxPriority,
    Exclusive,
    AutoDelete,
    SingleActiveConsumer,
    BindingKey,
    XMatch,
    BindingHeaders,
    RoutingKey,
    Headers,
    Body,
    MessageId,
    Count,
    IntervalMs,
    Mandatory,
    Priority,
    Prefetch,
    ProcessingKind,
    ProcessingMs,
    Settle,
    AutoAck,
    Topic,
    Server,
    Pool,
    ControlExchange,
}

/// How a field is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Text,
    /// Several lines of `name = value`.
    Lines,
    /// `true` or `false`.
    Check,
    /// One of these values, each with its label.
    /// One of these values (`explain::fields::choice_label` words each one).
    Choice(&'static [&'static str]),
}

/// Why a value was refused; `explain::edit` words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldProblem {
    Required,
    NameTaken {
        kind: NodeKind,
    },
    WholeNumber {
        max: Option<u64>,
    },
    /// A uniform processing time needs `low-high`.
    Range,
    LowAboveHigh,
    NotAChoice,
    HeaderLine {
        line: usize,
    },
    /// The engine refused it, with the reply RabbitMQ would give.
    Engine(AmqpError),
}

const EXCHANGE_TYPES: &[&str] = &["direct", "fanout", "topic", "headers"];
const OVERFLOWS: &[&str] = &["drop-head", "reject-publish", "reject-publish-dlx"];
const X_MATCHES: &[&str] = &["all", "any", "all-with-x", "any-with-x"];
const PROCESSING: &[&str] = &["fixed", "uniform", "exponential"];
const SETTLES: &[&str] = &["ack", "nack_requeue", "nack_discard", "reject", "reject_requeue"];

impl Field {
    pub fn shape(self) -> Shape {
        match self {
            Field::Internal
            | Field::Exclusive
            | Field::AutoDelete
            | Field::SingleActiveConsumer
            | Field::Mandatory
            | Field::AutoAck => Shape::Check,
            Field::ExchangeType => Shape::Choice(EXCHANGE_TYPES),
            Field::Overflow => Shape::Choice(OVERFLOWS),
            Field::XMatch => Shape::Choice(X_MATCHES),
            Field::ProcessingKind => Shape::Choice(PROCESSING),
            Field::Settle => Shape::Choice(SETTLES),
            Field::BindingHeaders | Field::Headers => Shape::Lines,
            _ => Shape::Text,
        }
    }
}

/// The fields the inspector shows for `item`, in order.
pub fn fields_of(doc: &Document, item: Item) -> Vec<Field> {
    use Field::*;
    match item {
        Item::Node(node) => match doc.kind(node) {
            Some(NodeKind::Exchange) => vec![Name, ExchangeType, AlternateExchange, Internal],
            Some(NodeKind::Queue) => vec![
                Name,
                MaxLength,
                MaxLengthBytes,
                Overflow,
                MessageTtl,
                Expires,
                DeadLetterExchange,
                DeadLetterRoutingKey,
                MaxPriority,
                Exclusive,
                AutoDelete,
                SingleActiveConsumer,
            ],
            Some(NodeKind::Producer) => {
                vec![Name, RoutingKey, Headers, Body, MessageId, Count, IntervalMs, Mandatory, Priority]
            }
            Some(NodeKind::Consumer) => vec![Name, Prefetch, ProcessingKind, ProcessingMs, Settle, AutoAck],
            Some(NodeKind::RpcClient | NodeKind::Notifier) => vec![Name, Topic, ControlExchange],
            Some(NodeKind::RpcServer) => vec![Name, Topic, Server, ControlExchange],
            Some(NodeKind::Listener) => vec![Name, Topic, Pool, ControlExchange],
            None => Vec::new(),
        },
        Item::Edge(EdgeId::Binding(id)) => {
            let kind = doc.topology.binding(id).and_then(|binding| doc.topology.exchange(binding.source));
            match kind.map(|exchange| exchange.spec.kind) {
                Some(ExchangeKind::Headers) => vec![XMatch, BindingHeaders],
                Some(_) => vec![BindingKey],
                None => Vec::new(),
            }
        }
        Item::Edge(EdgeId::Publish(_) | EdgeId::Consume(_)) => Vec::new(),
    }
}

/// The current value of a field as the inspector shows it.
pub fn value(doc: &Document, item: Item, field: Field) -> String {
    let flag = |on: bool| on.to_string();
    match item {
        Item::Node(node) if field == Field::Name => doc.name(node).unwrap_or_default().to_string(),
        Item::Node(NodeId::Exchange(id)) => {
            let Some(spec) = doc.topology.exchange(id).map(|exchange| &exchange.spec) else { return String::new() };
            match field {
                Field::ExchangeType => spec.kind.as_str().to_string(),
                Field::AlternateExchange => argument_text(&spec.arguments, "alternate-exchange"),
                Field::Internal => flag(spec.internal),
                _ => String::new(),
            }
        }
        Item::Node(NodeId::Queue(id)) => {
            let Some(spec) = doc.topology.queue(id).map(|queue| &queue.spec) else { return String::new() };
            match field {
                Field::Exclusive => flag(spec.exclusive),
                Field::AutoDelete => flag(spec.auto_delete),
                Field::SingleActiveConsumer => {
                    flag(spec.arguments.get("x-single-active-consumer") == Some(&FieldValue::Bool(true)))
                }
                Field::Overflow => {
                    let text = argument_text(&spec.arguments, "x-overflow");
                    if text.is_empty() { "drop-head".into() } else { text }
                }
                _ => queue_argument(field).map(|name| argument_text(&spec.arguments, name)).unwrap_or_default(),
            }
        }
        Item::Node(NodeId::Actor(key)) => doc.actor(key).map(|actor| actor_value(actor, field)).unwrap_or_default(),
        Item::Edge(EdgeId::Binding(id)) => {
            let Some(binding) = doc.topology.binding(id) else { return String::new() };
            match field {
                Field::BindingKey => binding.routing_key.clone(),
                Field::XMatch => {
                    let text = argument_text(&binding.arguments, "x-match");
                    if text.is_empty() { "all".into() } else { text }
                }
                Field::BindingHeaders => {
                    let mut headers = binding.arguments.clone();
                    headers.remove("x-match");
                    header_lines(&headers)
                }
                _ => String::new(),
            }
        }
        Item::Edge(_) => String::new(),
    }
}

/// The `x-` argument a numeric or text queue field edits.
pub(crate) fn queue_argument(field: Field) -> Option<&'static str> {
    Some(match field {
        Field::MaxLength => "x-max-length",
        Field::MaxLengthBytes => "x-max-length-bytes",
        Field::MessageTtl => "x-message-ttl",
        Field::Expires => "x-expires",
        Field::DeadLetterExchange => "x-dead-letter-exchange",
        Field::DeadLetterRoutingKey => "x-dead-letter-routing-key",
        Field::MaxPriority => "x-max-priority",
        _ => return None,
    })
}

fn actor_value(actor: &ActorSpec, field: Field) -> String {
    let optional = |value: &Option<String>| value.clone().unwrap_or_default();
    match (actor, field) {
        (ActorSpec::Producer(config), Field::RoutingKey) => config.routing_key.clone(),
        (ActorSpec::Producer(config), Field::Headers) => {
            let table = SortedMap::from_iter(
                config.headers.iter().map(|(name, value)| (name.clone(), FieldValue::from_json(value))),
            );
            header_lines(&table)
        }
        (ActorSpec::Producer(config), Field::Body) => config.body.clone(),
        (ActorSpec::Producer(config), Field::MessageId) => optional(&config.message_id),
        (ActorSpec::Producer(config), Field::Count) => config.count.to_string(),
        (ActorSpec::Producer(config), Field::IntervalMs) => config.interval_ms.to_string(),
        (ActorSpec::Producer(config), Field::Mandatory) => config.mandatory.to_string(),
        (ActorSpec::Producer(config), Field::Priority) => config.priority.map(|p| p.to_string()).unwrap_or_default(),
        (ActorSpec::Consumer(config), Field::Prefetch) => config.prefetch.to_string(),
        (ActorSpec::Consumer(config), Field::ProcessingKind) => match config.processing_ms {
            Processing::Fixed(_) => "fixed".into(),
            Processing::Uniform(_) => "uniform".into(),
            Processing::Exponential(_) => "exponential".into(),
        },
        (ActorSpec::Consumer(config), Field::ProcessingMs) => match config.processing_ms {
            Processing::Fixed(ms) | Processing::Exponential(ms) => ms.to_string(),
            Processing::Uniform([low, high]) => format!("{low}-{high}"),
        },
        (ActorSpec::Consumer(config), Field::Settle) => {
            serde_json::to_value(config.settle).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
        }
        (ActorSpec::Consumer(config), Field::AutoAck) => config.auto_ack.to_string(),
        (ActorSpec::RpcClient(config), Field::Topic) => optional(&config.target.topic),
        (ActorSpec::RpcClient(config), Field::ControlExchange) => config.transport.control_exchange.clone(),
        (ActorSpec::RpcServer(config), Field::Topic) => optional(&config.target.topic),
        (ActorSpec::RpcServer(config), Field::Server) => optional(&config.target.server),
        (ActorSpec::RpcServer(config), Field::ControlExchange) => config.transport.control_exchange.clone(),
        (ActorSpec::Notifier(config), Field::Topic) => config.topics.first().cloned().unwrap_or_default(),
        (ActorSpec::Notifier(config), Field::ControlExchange) => config.transport.control_exchange.clone(),
        (ActorSpec::NotificationListener(config), Field::Topic) => {
            config.targets.first().and_then(|target| target.topic.clone()).unwrap_or_default()
        }
        (ActorSpec::NotificationListener(config), Field::Pool) => optional(&config.pool),
        (ActorSpec::NotificationListener(config), Field::ControlExchange) => config.transport.control_exchange.clone(),
        _ => String::new(),
    }
}

/// An argument as text: strings bare, anything else as JSON; empty when absent.
fn argument_text(arguments: &FieldTable, name: &str) -> String {
    match arguments.get(name) {
        None => String::new(),
        Some(FieldValue::Str(text)) => text.clone(),
        Some(other) => other.to_json().to_string(),
    }
}

/// A header table as `name = value` lines. A string that would read back as something
/// else (`1`, `true`, `""`) is written as a JSON string.
pub fn header_lines(table: &FieldTable) -> String {
    let lines: Vec<String> = table
        .iter()
        .map(|(name, value)| match value {
            FieldValue::Void => name.clone(),
            FieldValue::Str(text) if parse_header_value(text) == *value && !text.is_empty() => {
                format!("{name} = {text}")
            }
            other => format!("{name} = {}", other.to_json()),
        })
        .collect();
    lines.join("\n")
}

/// Reads `name = value` lines (a bare `name` asks only for the header's presence).
/// Values that read as JSON (numbers, booleans, `null`, quoted strings) keep their type;
/// anything else is a string.
pub fn parse_header_lines(text: &str) -> Result<FieldTable, FieldProblem> {
    let mut table = FieldTable::new();
    for (idx, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (name, value) = match line.split_once('=') {
            Some((name, value)) => (name.trim(), parse_header_value(value.trim())),
            None => (line, FieldValue::Void),
        };
        if name.is_empty() {
            return Err(FieldProblem::HeaderLine { line: idx + 1 });
        }
        table.insert(name.to_string(), value);
    }
    Ok(table)
}

fn parse_header_value(text: &str) -> FieldValue {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(json) if !json.is_object() && !json.is_array() => FieldValue::from_json(&json),
        _ => FieldValue::Str(text.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines_round_trip_with_types() {
        let table = parse_header_lines("format = pdf\n\n n = 3 \nflag=true\nonly-present\nquoted = \"7\"").unwrap();
        assert_eq!(table.get("format"), Some(&FieldValue::Str("pdf".into())));
        assert_eq!(table.get("n"), Some(&FieldValue::Int(3)));
        assert_eq!(table.get("flag"), Some(&FieldValue::Bool(true)));
        assert_eq!(table.get("only-present"), Some(&FieldValue::Void));
        assert_eq!(table.get("quoted"), Some(&FieldValue::Str("7".into())));
        let text = header_lines(&table);
        assert_eq!(text, "flag = true\nformat = pdf\nn = 3\nonly-present\nquoted = \"7\"");
        assert_eq!(parse_header_lines(&text).unwrap(), table);
        assert_eq!(parse_header_lines("a = 1\n= 2"), Err(FieldProblem::HeaderLine { line: 2 }));
    }

    #[test]
    fn choices_have_values() {
        let all = [Field::Name, Field::ExchangeType, Field::Overflow, Field::XMatch, Field::Settle];
        for field in all {
            if let Shape::Choice(choices) = field.shape() {
                assert!(choices.len() >= 3);
            }
        }
    }
}
