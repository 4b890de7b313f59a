//! Setting an inspector field from the text the user typed.
//!
//! Exchanges, queues and bindings change only through the engine's own checks
//! (`Topology::redeclare_exchange`, `redeclare_queue`, `rebind`, which parse queue arguments
//! with `QueueArgs::parse` and `x-match` as `exchange.bind` does), so a value the engine
//! would refuse never reaches the topology: the document is left unchanged and the
//! [`FieldProblem`] says why. A rename ripples to everything that names the node.

use crate::editor::document::{Document, EdgeId, Item, NodeId};
use crate::editor::fields::{Field, FieldProblem, parse_header_lines, queue_argument};
use crate::engine::{ExchangeId, ExchangeKind, FieldValue, QueueId};
use crate::formats::scenario::ActorSpec;
use crate::oslo::target::Target;
use crate::sim::Settle;
use crate::sim::actors::Processing;

/// Sets `field` of `item` from `text`, or leaves the document unchanged and says why.
pub(crate) fn set(doc: &mut Document, item: Item, field: Field, text: &str) -> Result<(), FieldProblem> {
    match item {
        Item::Node(node) if field == Field::Name => rename(doc, node, text),
        Item::Node(NodeId::Exchange(id)) => set_exchange(doc, id, field, text),
        Item::Node(NodeId::Queue(id)) => set_queue(doc, id, field, text),
        Item::Node(NodeId::Actor(key)) => {
            let actor = doc.actor_mut(key).ok_or(FieldProblem::Required)?;
            set_actor(actor, field, text)
        }
        Item::Edge(EdgeId::Binding(id)) => {
            let binding = doc.topology.binding(id).ok_or(FieldProblem::Required)?;
            let (mut key, mut arguments) = (binding.routing_key.clone(), binding.arguments.clone());
            match field {
                Field::BindingKey => key = text.to_string(),
                Field::XMatch => {
                    arguments.insert("x-match".into(), FieldValue::Str(text.to_string()));
                }
                Field::BindingHeaders => {
                    let x_match = arguments.remove("x-match");
                    arguments = parse_header_lines(text)?;
                    if let Some(mode) = x_match {
                        arguments.insert("x-match".to_string(), mode);
                    }
                }
                _ => return Ok(()),
            }
            doc.topology.rebind(id, &key, arguments).map_err(FieldProblem::Engine)
        }
        Item::Edge(_) => Ok(()),
    }
}

fn rename(doc: &mut Document, node: NodeId, name: &str) -> Result<(), FieldProblem> {
    if name.is_empty() {
        return Err(FieldProblem::Required);
    }
    match doc.node_named(name) {
        Some(other) if other == node => return Ok(()),
        Some(other) => return Err(FieldProblem::NameTaken { kind: doc.kind(other).expect("named nodes exist") }),
        None => {}
    }
    let old = doc.name(node).unwrap_or_default().to_string();
    match node {
        NodeId::Exchange(id) => {
            let mut spec = doc.topology.exchange(id).ok_or(FieldProblem::Required)?.spec.clone();
            spec.name = name.to_string();
            doc.topology.redeclare_exchange(id, spec).map_err(FieldProblem::Engine)?;
            ripple_exchange_rename(doc, &old, name);
        }
        NodeId::Queue(id) => {
            let mut spec = doc.topology.queue(id).ok_or(FieldProblem::Required)?.spec.clone();
            spec.name = name.to_string();
            doc.topology.redeclare_queue(id, spec).map_err(FieldProblem::Engine)?;
            for actor in doc.actors_mut() {
                if let ActorSpec::Consumer(config) = actor
                    && config.queue == old
                {
                    config.queue = name.to_string();
                }
            }
        }
        NodeId::Actor(key) => {
            let actor = doc.actor_mut(key).ok_or(FieldProblem::Required)?;
            *actor_name(actor) = name.to_string();
        }
    }
    Ok(())
}

/// Producers publishing to the exchange, and arguments naming it (alternate exchanges,
/// dead-letter exchanges), follow a rename.
fn ripple_exchange_rename(doc: &mut Document, old: &str, new: &str) {
    for actor in doc.actors_mut() {
        if let ActorSpec::Producer(config) = actor
            && config.exchange == old
        {
            config.exchange = new.to_string();
        }
    }
    let renamed = |arguments: &mut crate::engine::FieldTable, name: &str| {
        let names_old = arguments.get(name).and_then(FieldValue::as_str) == Some(old);
        if names_old {
            arguments.insert(name.to_string(), FieldValue::Str(new.to_string()));
        }
        names_old
    };
    let exchanges: Vec<_> =
        doc.topology.exchanges().filter(|x| !x.is_builtin()).map(|x| (x.id, x.spec.clone())).collect();
    for (id, mut spec) in exchanges {
        if renamed(&mut spec.arguments, "alternate-exchange") {
            doc.topology.redeclare_exchange(id, spec).expect("only a name changed");
        }
    }
    let queues: Vec<_> = doc.topology.queues().map(|queue| (queue.id, queue.spec.clone())).collect();
    for (id, mut spec) in queues {
        if renamed(&mut spec.arguments, "x-dead-letter-exchange") {
            doc.topology.redeclare_queue(id, spec).expect("only a name changed");
        }
    }
}

fn actor_name(actor: &mut ActorSpec) -> &mut String {
    match actor {
        ActorSpec::Producer(config) => &mut config.name,
        ActorSpec::Consumer(config) => &mut config.name,
        ActorSpec::RpcClient(config) => &mut config.name,
        ActorSpec::RpcServer(config) => &mut config.name,
        ActorSpec::Notifier(config) => &mut config.name,
        ActorSpec::NotificationListener(config) => &mut config.name,
    }
}

fn set_exchange(doc: &mut Document, id: ExchangeId, field: Field, text: &str) -> Result<(), FieldProblem> {
    let mut spec = doc.topology.exchange(id).ok_or(FieldProblem::Required)?.spec.clone();
    match field {
        Field::ExchangeType => spec.kind = ExchangeKind::parse(text).ok_or(FieldProblem::NotAChoice)?,
        Field::Internal => spec.internal = text == "true",
        Field::AlternateExchange if text.trim().is_empty() => {
            spec.arguments.remove("alternate-exchange");
        }
        Field::AlternateExchange => {
            spec.arguments.insert("alternate-exchange".into(), FieldValue::Str(text.trim().to_string()));
        }
        _ => return Ok(()),
    }
    doc.topology.redeclare_exchange(id, spec).map_err(FieldProblem::Engine)
}

fn set_queue(doc: &mut Document, id: QueueId, field: Field, text: &str) -> Result<(), FieldProblem> {
    let mut spec = doc.topology.queue(id).ok_or(FieldProblem::Required)?.spec.clone();
    let text = text.trim();
    match field {
        Field::Exclusive => spec.exclusive = text == "true",
        Field::AutoDelete => spec.auto_delete = text == "true",
        Field::SingleActiveConsumer if text == "true" => {
            spec.arguments.insert("x-single-active-consumer".into(), FieldValue::Bool(true));
        }
        Field::SingleActiveConsumer => {
            spec.arguments.remove("x-single-active-consumer");
        }
        Field::Overflow if text == "drop-head" => {
            spec.arguments.remove("x-overflow");
        }
        Field::Overflow => {
            spec.arguments.insert("x-overflow".into(), FieldValue::Str(text.to_string()));
        }
        _ => {
            let Some(argument) = queue_argument(field) else { return Ok(()) };
            if text.is_empty() {
                spec.arguments.remove(argument);
            } else {
                // Numbers become integers, anything else a string; the engine's parser
                // decides what it accepts and words the refusal.
                let value = match field {
                    Field::DeadLetterExchange | Field::DeadLetterRoutingKey => FieldValue::Str(text.to_string()),
                    _ => text.parse::<i64>().map_or_else(|_| FieldValue::Str(text.to_string()), FieldValue::Int),
                };
                spec.arguments.insert(argument.to_string(), value);
            }
        }
    }
    doc.topology.redeclare_queue(id, spec).map_err(FieldProblem::Engine)
}

fn whole<T: std::str::FromStr>(text: &str, max: Option<u64>) -> Result<T, FieldProblem> {
    text.trim().parse::<T>().map_err(|_| FieldProblem::WholeNumber { max })
}

fn required(text: &str) -> Result<String, FieldProblem> {
    let text = text.trim();
    if text.is_empty() { Err(FieldProblem::Required) } else { Ok(text.to_string()) }
}

fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn set_actor(actor: &mut ActorSpec, field: Field, text: &str) -> Result<(), FieldProblem> {
    match (actor, field) {
        (ActorSpec::Producer(config), Field::RoutingKey) => config.routing_key = text.to_string(),
        (ActorSpec::Producer(config), Field::Headers) => {
            let table = parse_header_lines(text)?;
            config.headers = table.iter().map(|(name, value)| (name.clone(), value.to_json())).collect();
        }
        (ActorSpec::Producer(config), Field::Body) => config.body = text.to_string(),
        (ActorSpec::Producer(config), Field::MessageId) => config.message_id = optional(text),
        (ActorSpec::Producer(config), Field::Count) => config.count = whole::<u64>(text, None)?,
        (ActorSpec::Producer(config), Field::IntervalMs) => config.interval_ms = whole::<u64>(text, None)?,
        (ActorSpec::Producer(config), Field::Mandatory) => config.mandatory = text == "true",
        (ActorSpec::Producer(config), Field::Priority) => {
            config.priority = match optional(text) {
                None => None,
                Some(text) => Some(whole::<u8>(&text, Some(255))?),
            };
        }
        (ActorSpec::Consumer(config), Field::Prefetch) => {
            config.prefetch = whole::<u32>(text, Some(u64::from(u32::MAX)))?;
        }
        (ActorSpec::Consumer(config), Field::ProcessingKind) => {
            config.processing_ms = match (text, config.processing_ms) {
                ("fixed", Processing::Uniform([low, high])) => Processing::Fixed(low + (high - low) / 2),
                ("fixed", Processing::Fixed(ms) | Processing::Exponential(ms)) => Processing::Fixed(ms),
                ("uniform", Processing::Fixed(ms) | Processing::Exponential(ms)) => {
                    Processing::Uniform([ms / 2, ms + ms / 2])
                }
                ("uniform", uniform @ Processing::Uniform(_)) => uniform,
                ("exponential", Processing::Uniform([low, high])) => Processing::Exponential(low + (high - low) / 2),
                ("exponential", Processing::Fixed(ms) | Processing::Exponential(ms)) => Processing::Exponential(ms),
                _ => return Err(FieldProblem::NotAChoice),
            };
        }
        (ActorSpec::Consumer(config), Field::ProcessingMs) => {
            config.processing_ms = match config.processing_ms {
                Processing::Fixed(_) => Processing::Fixed(whole::<u64>(text, None)?),
                Processing::Exponential(_) => Processing::Exponential(whole::<u64>(text, None)?),
                Processing::Uniform(_) => {
                    let (low, high) = text.split_once(['-', '–']).ok_or(FieldProblem::Range)?;
                    let low = low.trim().parse::<u64>().map_err(|_| FieldProblem::Range)?;
                    let high = high.trim().parse::<u64>().map_err(|_| FieldProblem::Range)?;
                    if low > high {
                        return Err(FieldProblem::LowAboveHigh);
                    }
                    Processing::Uniform([low, high])
                }
            };
        }
        (ActorSpec::Consumer(config), Field::Settle) => {
            config.settle =
                serde_json::from_value::<Settle>(serde_json::json!(text)).map_err(|_| FieldProblem::NotAChoice)?;
        }
        (ActorSpec::Consumer(config), Field::AutoAck) => config.auto_ack = text == "true",
        (ActorSpec::RpcClient(config), Field::Topic) => config.target.topic = Some(required(text)?),
        (ActorSpec::RpcServer(config), Field::Topic) => config.target.topic = Some(required(text)?),
        (ActorSpec::RpcServer(config), Field::Server) => config.target.server = Some(required(text)?),
        (ActorSpec::Notifier(config), Field::Topic) => config.topics = vec![required(text)?],
        (ActorSpec::NotificationListener(config), Field::Topic) => {
            let topic = required(text)?;
            match config.targets.first_mut() {
                Some(target) => target.topic = Some(topic),
                None => config.targets.push(Target::topic(topic)),
            }
        }
        (ActorSpec::NotificationListener(config), Field::Pool) => config.pool = optional(text),
        (actor, Field::ControlExchange) => {
            let exchange = required(text)?;
            match actor {
                ActorSpec::RpcClient(config) => config.transport.control_exchange = exchange,
                ActorSpec::RpcServer(config) => config.transport.control_exchange = exchange,
                ActorSpec::Notifier(config) => config.transport.control_exchange = exchange,
                ActorSpec::NotificationListener(config) => config.transport.control_exchange = exchange,
                ActorSpec::Producer(_) | ActorSpec::Consumer(_) => {}
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::connect::connect;
    use crate::editor::create::doc_with;
    use crate::editor::fields::value;
    use crate::editor::kinds::NodeKind;

    fn engine_says(result: Result<(), FieldProblem>) -> String {
        match result {
            Err(FieldProblem::Engine(error)) => error.text().to_string(),
            other => panic!("expected an engine refusal, got {other:?}"),
        }
    }

    #[test]
    fn queue_arguments_go_through_the_engine_parser() {
        let (mut doc, n) = doc_with(&[NodeKind::Queue]);
        let q = Item::Node(n[0]);
        set(&mut doc, q, Field::MaxLength, "10").unwrap();
        set(&mut doc, q, Field::Overflow, "reject-publish").unwrap();
        set(&mut doc, q, Field::DeadLetterExchange, "dlx").unwrap();
        set(&mut doc, q, Field::SingleActiveConsumer, "true").unwrap();
        let NodeId::Queue(id) = n[0] else { unreachable!() };
        let args = &doc.topology.queue(id).unwrap().args;
        assert_eq!(args.max_length, Some(10));
        assert!(args.single_active_consumer);
        assert_eq!(args.dead_letter_exchange.as_deref(), Some("dlx"));
        assert_eq!(value(&doc, q, Field::Overflow), "reject-publish");
        // RabbitMQ's text exactly; `explain` adds Kaiten's words beside it.
        let refused = |field: Field, text: &str, argument: &str| {
            let mut copy = doc.clone();
            let said = engine_says(set(&mut copy, q, field, text));
            assert!(said.starts_with(&format!("invalid arg '{argument}' for queue ")), "{said}");
            said.rsplit_once("': ").unwrap().1.to_string()
        };
        assert_eq!(refused(Field::MaxLength, "ten", "x-max-length"), "\"expected integer, got longstr\"");
        assert_eq!(refused(Field::MaxLength, "-1", "x-max-length"), "{value_negative,-1}");
        assert_eq!(refused(Field::MaxPriority, "300", "x-max-priority"), "{max_value_exceeded,300}");
        assert_eq!(refused(Field::Expires, "0", "x-expires"), "{value_zero,0}");
        assert_eq!(value(&doc, q, Field::MaxLength), "10", "refused values never reach the engine");
        set(&mut doc, q, Field::MaxLength, "").unwrap();
        assert_eq!(doc.topology.queue(id).unwrap().args.max_length, None);
    }

    #[test]
    fn renames_are_checked_and_ripple() {
        let (mut doc, n) =
            doc_with(&[NodeKind::Producer, NodeKind::Exchange, NodeKind::Queue, NodeKind::Consumer, NodeKind::Queue]);
        connect(&mut doc, n[0], n[1]).unwrap();
        connect(&mut doc, n[1], n[2]).unwrap();
        connect(&mut doc, n[2], n[3]).unwrap();
        set(&mut doc, Item::Node(n[4]), Field::DeadLetterExchange, "exchange-1").unwrap();
        set(&mut doc, Item::Node(n[1]), Field::Name, "orders").unwrap();
        set(&mut doc, Item::Node(n[2]), Field::Name, "created").unwrap();
        assert_eq!(doc.edges().len(), 3, "edges follow the renamed nodes");
        assert_eq!(value(&doc, Item::Node(n[4]), Field::DeadLetterExchange), "orders");
        assert_eq!(
            set(&mut doc, Item::Node(n[3]), Field::Name, "orders"),
            Err(FieldProblem::NameTaken { kind: NodeKind::Exchange })
        );
        assert_eq!(set(&mut doc, Item::Node(n[3]), Field::Name, ""), Err(FieldProblem::Required));
        assert!(engine_says(set(&mut doc, Item::Node(n[1]), Field::Name, "amq.orders")).contains("reserved"));
        set(&mut doc, Item::Node(n[3]), Field::Name, "worker").unwrap();
        assert_eq!(doc.name(n[3]), Some("worker"));
    }

    #[test]
    fn exchange_type_and_binding_keys() {
        let (mut doc, n) = doc_with(&[NodeKind::Exchange, NodeKind::Queue]);
        let edge = Item::Edge(connect(&mut doc, n[0], n[1]).unwrap());
        set(&mut doc, Item::Node(n[0]), Field::ExchangeType, "topic").unwrap();
        set(&mut doc, edge, Field::BindingKey, "order.*").unwrap();
        assert_eq!(value(&doc, edge, Field::BindingKey), "order.*");
        assert_eq!(set(&mut doc, Item::Node(n[0]), Field::ExchangeType, "sideways"), Err(FieldProblem::NotAChoice));
        set(&mut doc, Item::Node(n[0]), Field::ExchangeType, "headers").unwrap();
        set(&mut doc, edge, Field::BindingHeaders, "format = pdf\ntype").unwrap();
        set(&mut doc, edge, Field::XMatch, "any").unwrap();
        assert!(engine_says(set(&mut doc, edge, Field::XMatch, "some")).contains("x-match"));
        assert_eq!(value(&doc, edge, Field::XMatch), "any");
        assert_eq!(value(&doc, edge, Field::BindingHeaders), "format = pdf\ntype");
        set(&mut doc, Item::Node(n[0]), Field::AlternateExchange, "ae").unwrap();
        assert_eq!(value(&doc, Item::Node(n[0]), Field::AlternateExchange), "ae");
    }

    #[test]
    fn actor_fields_are_parsed() {
        let (mut doc, n) = doc_with(&[NodeKind::Producer, NodeKind::Consumer, NodeKind::RpcServer]);
        let (p, c, s) = (Item::Node(n[0]), Item::Node(n[1]), Item::Node(n[2]));
        set(&mut doc, p, Field::RoutingKey, "order.created").unwrap();
        set(&mut doc, p, Field::Count, "5").unwrap();
        assert_eq!(set(&mut doc, p, Field::Count, "five"), Err(FieldProblem::WholeNumber { max: None }));
        assert_eq!(set(&mut doc, p, Field::Priority, "256"), Err(FieldProblem::WholeNumber { max: Some(255) }));
        set(&mut doc, p, Field::Headers, "region = eu").unwrap();
        assert_eq!(value(&doc, p, Field::Headers), "region = eu");
        set(&mut doc, c, Field::ProcessingKind, "uniform").unwrap();
        set(&mut doc, c, Field::ProcessingMs, "50-150").unwrap();
        assert_eq!(value(&doc, c, Field::ProcessingMs), "50-150");
        assert_eq!(set(&mut doc, c, Field::ProcessingMs, "150-50"), Err(FieldProblem::LowAboveHigh));
        assert_eq!(set(&mut doc, c, Field::ProcessingMs, "soon"), Err(FieldProblem::Range));
        set(&mut doc, c, Field::Settle, "nack_requeue").unwrap();
        assert_eq!(value(&doc, c, Field::Settle), "nack_requeue");
        set(&mut doc, s, Field::Topic, "billing").unwrap();
        assert_eq!(set(&mut doc, s, Field::Server, " "), Err(FieldProblem::Required));
        assert_eq!(value(&doc, s, Field::Topic), "billing");
        assert_eq!(value(&doc, p, Field::Count), "5");
    }
}
