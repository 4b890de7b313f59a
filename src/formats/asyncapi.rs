//! A topology and its producers and consumers as an AsyncAPI 3.0 document (JSON), with the
//! AMQP bindings (version 0.3.0) that describe RabbitMQ entities.
//!
//! Each exchange is a channel whose AMQP binding `is` a routing key on that exchange (the
//! default exchange, when a producer publishes through it, is one of type `default`); each
//! queue is a channel whose binding `is` the queue, with its bindings to exchanges in an
//! `x-bindings` extension (AsyncAPI has no object for them). A producer is a `send`
//! operation on its exchange's channel with one message; a consumer is a `receive`
//! operation on its queue's channel. Channel, message and operation ids are the names with
//! every character other than `A-Z a-z 0-9 _ -` replaced by `_` (and a number added where
//! two names give the same id), as AsyncAPI requires of ids.

use serde_json::{Map, Value, json};

use crate::engine::SortedSet;
use crate::engine::topology::{Destination, ExchangeSpec, QueueSpec};
use crate::engine::value::table_to_json;
use crate::engine::{ExchangeId, Topology};
use crate::formats::scenario::ActorSpec;

/// The AsyncAPI version written.
pub const ASYNCAPI_VERSION: &str = "3.0.0";
/// The version of the AMQP bindings written.
const AMQP_BINDING_VERSION: &str = "0.3.0";

/// The document for `topology` and the producers and consumers among `actors`; `title`
/// names it (`info.title`).
pub fn document(title: &str, topology: &Topology, actors: &[ActorSpec]) -> Value {
    let mut ids = Ids::default();
    let mut channels = Map::new();
    let mut exchange_channels: Vec<(ExchangeId, String)> = Vec::new();
    let publishes_by_default =
        actors.iter().any(|actor| matches!(actor, ActorSpec::Producer(p) if p.exchange.is_empty()));
    for exchange in topology.exchanges() {
        if exchange.is_builtin() && !(exchange.name().is_empty() && publishes_by_default) {
            continue;
        }
        let label = if exchange.name().is_empty() { "default" } else { exchange.name() };
        let id = ids.mint(&format!("exchange-{label}"));
        channels.insert(id.clone(), exchange_channel(&exchange.spec));
        exchange_channels.push((exchange.id, id));
    }
    let mut queue_channels = Vec::new();
    for queue in topology.queues() {
        let id = ids.mint(&format!("queue-{}", queue.name()));
        let bound: Vec<Value> = topology
            .bindings()
            .filter(|binding| binding.destination == Destination::Queue(queue.id))
            .map(|binding| {
                json!({
                    "exchange": topology.exchange(binding.source).map_or("", |exchange| exchange.name()),
                    "routingKey": binding.routing_key,
                    "arguments": table_to_json(&binding.arguments),
                })
            })
            .collect();
        channels.insert(id.clone(), queue_channel(&queue.spec, bound));
        queue_channels.push((queue.name().to_string(), id));
    }
    let channel_of_exchange = |name: &str| {
        let exchange = topology.exchange_by_name(name)?;
        exchange_channels.iter().find(|(id, _)| *id == exchange.id).map(|(_, channel)| channel.clone())
    };
    let mut operations = Map::new();
    for actor in actors {
        match actor {
            ActorSpec::Producer(producer) => {
                let Some(channel) = channel_of_exchange(&producer.exchange) else { continue };
                let message = ids.mint(&format!("message-{}", producer.name));
                let mut headers = Map::new();
                for name in producer.headers.keys() {
                    headers.insert(name.clone(), json!({}));
                }
                let mut message_object = json!({"name": producer.name, "payload": {"type": "string"}});
                if !headers.is_empty() {
                    message_object["headers"] = json!({"type": "object", "properties": headers});
                }
                if let Some(Value::Object(messages)) = channels.get_mut(&channel).map(|c| &mut c["messages"]) {
                    messages.insert(message.clone(), message_object);
                }
                let mut amqp = json!({
                    "cc": [producer.routing_key],
                    "mandatory": producer.mandatory,
                    "bindingVersion": AMQP_BINDING_VERSION,
                });
                if let Some(priority) = producer.priority {
                    amqp["priority"] = json!(priority);
                }
                if let Some(expiration) = producer.expiration.as_ref().and_then(|ms| ms.parse::<u64>().ok()) {
                    amqp["expiration"] = json!(expiration);
                }
                operations.insert(
                    ids.mint(&format!("{}-send", producer.name)),
                    json!({
                        "action": "send",
                        "channel": {"$ref": format!("#/channels/{channel}")},
                        "messages": [{"$ref": format!("#/channels/{channel}/messages/{message}")}],
                        "bindings": {"amqp": amqp},
                    }),
                );
            }
            ActorSpec::Consumer(consumer) => {
                let Some((_, channel)) = queue_channels.iter().find(|(name, _)| *name == consumer.queue) else {
                    continue;
                };
                operations.insert(
                    ids.mint(&format!("{}-receive", consumer.name)),
                    json!({
                        "action": "receive",
                        "channel": {"$ref": format!("#/channels/{channel}")},
                        "bindings": {"amqp": {"ack": !consumer.auto_ack, "bindingVersion": AMQP_BINDING_VERSION}},
                    }),
                );
            }
            _ => {}
        }
    }
    let mut document = json!({
        "asyncapi": ASYNCAPI_VERSION,
        "info": {"title": title, "version": "1.0.0"},
        "channels": channels,
    });
    if !operations.is_empty() {
        document["operations"] = Value::Object(operations);
    }
    document
}

fn exchange_channel(spec: &ExchangeSpec) -> Value {
    let kind = if spec.name.is_empty() { "default" } else { spec.kind.as_str() };
    json!({
        "address": spec.name,
        "messages": {},
        "bindings": {"amqp": {
            "is": "routingKey",
            "exchange": {"name": spec.name, "type": kind, "durable": spec.durable, "autoDelete": spec.auto_delete, "vhost": "/"},
            "bindingVersion": AMQP_BINDING_VERSION,
        }},
    })
}

fn queue_channel(spec: &QueueSpec, bound: Vec<Value>) -> Value {
    let mut channel = json!({
        "address": spec.name,
        "bindings": {"amqp": {
            "is": "queue",
            "queue": {"name": spec.name, "durable": spec.durable, "exclusive": spec.exclusive, "autoDelete": spec.auto_delete, "vhost": "/"},
            "bindingVersion": AMQP_BINDING_VERSION,
        }},
    });
    if !spec.arguments.is_empty() {
        channel["x-arguments"] = table_to_json(&spec.arguments);
    }
    if !bound.is_empty() {
        channel["x-bindings"] = Value::Array(bound);
    }
    channel
}

/// Ids as AsyncAPI allows them (`^[A-Za-z0-9_\-]+$`), each minted once.
#[derive(Default)]
struct Ids {
    used: SortedSet<String>,
}

impl Ids {
    fn mint(&mut self, name: &str) -> String {
        let base: String =
            name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '_' }).collect();
        let mut id = base.clone();
        let mut n = 2;
        while self.used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.used.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::scenario::Scenario;

    fn document_of(text: &str) -> Value {
        let scenario = Scenario::from_json(text).unwrap();
        document(&scenario.name, &scenario.topology().unwrap(), &scenario.actors)
    }

    const TOPICS: &str = r#"{"kaiten_scenario": 1, "name": "topics",
        "definitions": {"exchanges": [{"name": "topic_logs", "type": "topic"}],
                        "queues": [{"name": "kernel"}, {"name": "critical"}],
                        "bindings": [{"source": "topic_logs", "destination": "kernel", "destination_type": "queue", "routing_key": "kern.*"},
                                     {"source": "topic_logs", "destination": "critical", "destination_type": "queue", "routing_key": "*.critical"}]},
        "actors": [{"kind": "producer", "name": "emit", "exchange": "topic_logs", "routing_key": "kern.critical"},
                   {"kind": "consumer", "name": "reader", "queue": "kernel"}]}"#;

    #[test]
    fn exchanges_and_queues_are_channels_and_actors_operations() {
        let doc = document_of(TOPICS);
        assert_eq!(doc["asyncapi"], "3.0.0");
        let channels = doc["channels"].as_object().unwrap();
        let exchange = &channels["exchange-topic_logs"];
        assert_eq!(exchange["bindings"]["amqp"]["is"], "routingKey");
        assert_eq!(exchange["bindings"]["amqp"]["exchange"]["type"], "topic");
        let queues: Vec<&String> = channels.keys().filter(|id| id.starts_with("queue-")).collect();
        assert_eq!(queues, ["queue-kernel", "queue-critical"]);
        for id in &queues {
            assert_eq!(channels[id.as_str()]["bindings"]["amqp"]["is"], "queue");
        }
        assert_eq!(
            channels["queue-kernel"]["x-bindings"],
            json!([{"exchange": "topic_logs", "routingKey": "kern.*", "arguments": {}}])
        );
        let operations = doc["operations"].as_object().unwrap();
        let sends: Vec<&Value> = operations.values().filter(|op| op["action"] == "send").collect();
        let receives: Vec<&Value> = operations.values().filter(|op| op["action"] == "receive").collect();
        assert_eq!((sends.len(), receives.len()), (1, 1));
        assert_eq!(receives[0]["channel"]["$ref"], "#/channels/queue-kernel");
        for op in sends {
            assert_eq!(op["channel"]["$ref"], "#/channels/exchange-topic_logs");
            let message = op["messages"][0]["$ref"].as_str().unwrap();
            let id = message.rsplit('/').next().unwrap();
            assert!(exchange["messages"].get(id).is_some(), "{message} resolves");
        }
    }

    #[test]
    fn ids_are_asyncapi_ids_and_unique_and_the_default_exchange_appears_when_used() {
        let text = r#"{"kaiten_scenario": 1, "name": "n",
            "definitions": {"queues": [{"name": "a.b"}, {"name": "a b"}, {"name": "tasks"}]},
            "actors": [{"kind": "producer", "name": "P", "exchange": "", "routing_key": "tasks"},
                       {"kind": "consumer", "name": "C", "queue": "a.b"}]}"#;
        let scenario = Scenario::from_json(text).unwrap();
        let doc = document("n", &scenario.topology().unwrap(), &scenario.actors);
        let ids: Vec<&String> = doc["channels"].as_object().unwrap().keys().collect();
        assert_eq!(ids, ["exchange-default", "queue-a_b", "queue-a_b-2", "queue-tasks"]);
        assert_eq!(doc["channels"]["exchange-default"]["bindings"]["amqp"]["exchange"]["type"], "default");
        assert_eq!(doc["operations"]["P-send"]["bindings"]["amqp"]["cc"], json!(["tasks"]));
        assert_eq!(doc["operations"]["C-receive"]["channel"]["$ref"], "#/channels/queue-a_b");
    }
}
