//! The runner: plays a script against the engine's [`Broker`] in virtual time, one channel
//! per consumer and one for `get`, and records what a client would observe.

use std::collections::BTreeMap;

use serde_json::Value;

use super::record::{MessageRecord, PublishRecord, RunRecord};
use super::steps::{PublishStep, Step};
use super::{ScriptError, at_step};
use crate::engine::broker::{Broker, ChannelId, ConsumeOptions, ConsumerId, Publish};
use crate::engine::message::{Properties, SimTime};
use crate::engine::topology::Topology;
use crate::engine::value::table_from_json;
use crate::formats::problem::Problem;

/// Which channel a delivery came on: the get channel or a consumer's own.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChannelKey {
    Get,
    Consumer(String),
}

#[derive(Debug, Clone)]
struct Unsettled {
    channel: ChannelKey,
    delivery_tag: u64,
    message_id: Option<String>,
    queue: String,
}

/// Deliveries awaiting ack, nack or reject, in delivery order, so that steps can name them
/// by message_id. Shared by the simulation runner and `kaiten verify`.
#[derive(Debug, Clone, Default)]
pub struct UnsettledDeliveries {
    entries: Vec<Unsettled>,
}

impl UnsettledDeliveries {
    pub fn push(&mut self, channel: ChannelKey, delivery_tag: u64, message_id: Option<String>, queue: &str) {
        self.entries.push(Unsettled { channel, delivery_tag, message_id, queue: queue.to_string() });
    }

    /// The channel and delivery tag of the oldest unsettled delivery of `message_id`.
    pub fn find(&self, message_id: &str, queue: Option<&str>) -> Option<(ChannelKey, u64)> {
        self.entries
            .iter()
            .find(|entry| {
                entry.message_id.as_deref() == Some(message_id) && queue.is_none_or(|queue| entry.queue == queue)
            })
            .map(|entry| (entry.channel.clone(), entry.delivery_tag))
    }

    /// Settles a delivery, and with `multiple` every earlier one on the same channel.
    pub fn settle(&mut self, channel: &ChannelKey, delivery_tag: u64, multiple: bool) {
        self.entries.retain(|entry| {
            &entry.channel != channel
                || if multiple { entry.delivery_tag > delivery_tag } else { entry.delivery_tag != delivery_tag }
        });
    }

    fn not_found(message_id: &str, queue: Option<&str>) -> Problem {
        Problem::NoUnsettledDelivery { message_id: message_id.to_string(), queue: queue.map(str::to_string) }
    }
}

/// Converts a publish step into the engine's `basic.publish`.
pub fn engine_publish(step: &PublishStep) -> Publish {
    let properties = Properties {
        message_id: step.properties.message_id.clone(),
        correlation_id: step.properties.correlation_id.clone(),
        reply_to: step.properties.reply_to.clone(),
        expiration: step.properties.expiration.clone(),
        priority: step.properties.priority,
        content_type: step.properties.content_type.clone(),
        delivery_mode: step.properties.delivery_mode,
        headers: table_from_json(&Value::Object(step.headers.clone())),
        ..Properties::default()
    };
    Publish {
        exchange: step.exchange.clone(),
        routing_key: step.routing_key.clone(),
        mandatory: step.mandatory,
        properties,
        body: step.body.as_str().into(),
    }
}

struct ConsumerEntry {
    channel: ChannelId,
    consumer: ConsumerId,
    no_ack: bool,
}

/// How the queues are read at the end of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Readback {
    /// Every ready message as the queue holds it: the output document's `queues`.
    #[default]
    Snapshot,
    /// `basic.get` until empty, queue by queue in name order, as `kaiten verify` reads a
    /// real broker. This differs from a snapshot only where fetching changes things: an
    /// expired message behind the head dies (and may be dead-lettered) once it is the head.
    Drain,
}

/// Options of [`run_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RunOptions {
    pub readback: Readback,
}

/// Plays a script against a broker serving `topology`, starting at virtual time 0.
pub fn run(topology: Topology, script: &[Step]) -> Result<RunRecord, ScriptError> {
    run_with(topology, script, RunOptions::default())
}

/// [`run`] with options.
pub fn run_with(topology: Topology, script: &[Step], options: RunOptions) -> Result<RunRecord, ScriptError> {
    let mut broker = Broker::new(topology);
    let connection = broker.open_connection();
    let get_channel = broker.open_channel(connection);
    let mut now: SimTime = 0;
    let mut record = RunRecord::default();
    let mut unsettled = UnsettledDeliveries::default();
    // Consumer tags stay here after cancel: their channel still carries unacked messages.
    let mut consumers: BTreeMap<String, ConsumerEntry> = BTreeMap::new();
    let mut tags: BTreeMap<ConsumerId, String> = BTreeMap::new();
    let channel_of = |consumers: &BTreeMap<String, ConsumerEntry>, key: &ChannelKey| match key {
        ChannelKey::Get => get_channel,
        ChannelKey::Consumer(tag) => consumers[tag].channel,
    };

    for (step_idx, step) in script.iter().enumerate() {
        let fail = |problem: Problem| at_step(step_idx, step, problem);
        let refused = |error: crate::engine::AmqpError| fail(Problem::Broker { text: error.to_string() });
        match step {
            Step::Publish(publish) => match broker.publish(now, engine_publish(publish)) {
                Ok(outcome) => {
                    let mut routed: Vec<String> = outcome
                        .route
                        .queues
                        .iter()
                        .filter_map(|queue| broker.topology().queue(*queue).map(|queue| queue.name().to_string()))
                        .collect();
                    routed.sort();
                    record.publishes.push(PublishRecord::Outcome {
                        routed: Some(routed),
                        returned: outcome.returned,
                        rejected: !outcome.rejected_by.is_empty(),
                    });
                }
                Err(error) => {
                    record.publishes.push(PublishRecord::Error { code: error.code(), text: error.text().to_string() })
                }
            },
            Step::Get(get) => {
                let delivery = broker.get(now, get_channel, &get.queue, get.no_ack).map_err(refused)?;
                if let Some(delivery) = &delivery
                    && !get.no_ack
                {
                    let message_id = delivery.message.properties.message_id.clone();
                    unsettled.push(ChannelKey::Get, delivery.delivery_tag, message_id, &get.queue);
                }
                record.gets.push(delivery.map(|delivery| MessageRecord::of(&delivery.message)));
            }
            Step::Ack(ack) => {
                let (key, tag) = unsettled
                    .find(&ack.message_id, ack.queue.as_deref())
                    .ok_or_else(|| fail(UnsettledDeliveries::not_found(&ack.message_id, ack.queue.as_deref())))?;
                broker.ack(now, channel_of(&consumers, &key), tag, ack.multiple).map_err(refused)?;
                unsettled.settle(&key, tag, ack.multiple);
            }
            Step::Nack(nack) => {
                let (key, tag) = unsettled
                    .find(&nack.message_id, nack.queue.as_deref())
                    .ok_or_else(|| fail(UnsettledDeliveries::not_found(&nack.message_id, nack.queue.as_deref())))?;
                // Settle first: a requeued message may be delivered again within the nack.
                unsettled.settle(&key, tag, nack.multiple);
                broker.nack(now, channel_of(&consumers, &key), tag, nack.multiple, nack.requeue).map_err(refused)?;
            }
            Step::Reject(reject) => {
                let (key, tag) = unsettled
                    .find(&reject.message_id, reject.queue.as_deref())
                    .ok_or_else(|| fail(UnsettledDeliveries::not_found(&reject.message_id, reject.queue.as_deref())))?;
                unsettled.settle(&key, tag, false);
                broker.nack(now, channel_of(&consumers, &key), tag, false, reject.requeue).map_err(refused)?;
            }
            Step::Consume(consume) => {
                if consumers.contains_key(&consume.consumer_tag) {
                    return Err(fail(Problem::ConsumerTagInUse { tag: consume.consumer_tag.clone() }));
                }
                let channel = broker.open_channel(connection);
                let options = ConsumeOptions {
                    consumer_tag: consume.consumer_tag.clone(),
                    prefetch: u32::from(consume.prefetch),
                    no_ack: consume.no_ack,
                };
                let arguments = consume.consumer_arguments();
                match broker.consume_with_arguments(now, channel, &consume.queue, options, &arguments) {
                    Ok(consumer) => {
                        record.consumes.push(None);
                        tags.insert(consumer, consume.consumer_tag.clone());
                        record.deliveries.entry(consume.consumer_tag.clone()).or_default();
                        consumers.insert(
                            consume.consumer_tag.clone(),
                            ConsumerEntry { channel, consumer, no_ack: consume.no_ack },
                        );
                    }
                    // A refused argument (406) is an outcome the output shows; the broker
                    // closes the consumer's channel.
                    Err(error) if error.code() == 406 => {
                        record.consumes.push(Some((error.code(), error.text().to_string())));
                        broker.close_channel(now, channel);
                    }
                    Err(error) => return Err(refused(error)),
                }
            }
            Step::Cancel(cancel) => {
                let entry = consumers
                    .get(&cancel.consumer_tag)
                    .ok_or_else(|| fail(Problem::NoConsumerTag { tag: cancel.consumer_tag.clone() }))?;
                broker.cancel(now, entry.consumer);
            }
            Step::AdvanceTime(advance) => {
                now = now.saturating_add(advance.ms);
                broker.advance_to(now);
            }
            Step::Declare(declare) => {
                let outcome = broker.declare_queue(now, get_channel, declare.spec());
                record.declarations.push(outcome.err().map(|error| (error.code(), error.text().to_string())));
            }
            Step::Case(_) => {}
        }
        broker.drain_events();
        for delivery in broker.drain_deliveries() {
            let Some(tag) = delivery.consumer.and_then(|consumer| tags.get(&consumer)) else { continue };
            let record_of = MessageRecord::delivered(&delivery.message);
            let queue_name =
                broker.topology().queue(delivery.queue).map_or_else(String::new, |queue| queue.name().to_string());
            if !consumers[tag].no_ack {
                let message_id = record_of.message_id.clone();
                unsettled.push(ChannelKey::Consumer(tag.clone()), delivery.delivery_tag, message_id, &queue_name);
            }
            record.deliveries.entry(tag.clone()).or_default().push(record_of);
        }
    }
    // Returns a quorum queue has not applied yet are applied before the queues are read.
    broker.advance_to(now);
    match options.readback {
        Readback::Snapshot => {
            record.queues = broker
                .topology()
                .queues()
                .map(|queue| {
                    (
                        queue.name().to_string(),
                        broker.ready_messages(queue.id).into_iter().map(MessageRecord::of).collect(),
                    )
                })
                .collect();
        }
        Readback::Drain => {
            let reader = broker.open_channel(connection);
            // A stream refuses `basic.get`: what it holds is read by its consumers.
            let names: std::collections::BTreeSet<String> = broker
                .topology()
                .queues()
                .filter(|queue| !queue.args.stream)
                .map(|queue| queue.name().to_string())
                .collect();
            for name in names {
                let mut messages = Vec::new();
                while let Ok(Some(delivery)) = broker.get(now, reader, &name, true) {
                    messages.push(MessageRecord::of(&delivery.message));
                }
                record.queues.insert(name, messages);
            }
        }
    }
    Ok(record)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::topology::{ExchangeKind, ExchangeSpec, QueueSpec};
    use crate::engine::value::FieldValue;
    use crate::formats::script::parse;

    #[test]
    fn runs_the_issue_example_shape() {
        let mut topology = Topology::new();
        topology.declare_exchange(ExchangeSpec::new("x", ExchangeKind::Topic)).unwrap();
        let queue = topology
            .declare_queue(QueueSpec {
                arguments: [
                    ("x-max-length".to_string(), FieldValue::Int(1)),
                    ("x-dead-letter-exchange".to_string(), FieldValue::Str(String::new())),
                    ("x-dead-letter-routing-key".to_string(), FieldValue::Str("dlq".into())),
                ]
                .into_iter()
                .collect(),
                ..QueueSpec::new("src")
            })
            .unwrap();
        topology.declare_queue(QueueSpec::new("dlq")).unwrap();
        let x = topology.exchange_by_name("x").unwrap().id;
        topology.bind(x, crate::engine::topology::Destination::Queue(queue), "k", Default::default()).unwrap();
        let script = parse(
            r#"[{"publish": {"exchange": "x", "routing_key": "k", "properties": {"message_id": "m1"}}},
                {"publish": {"exchange": "x", "routing_key": "k", "properties": {"message_id": "m2"}}},
                {"publish": {"exchange": "nope", "routing_key": "k", "mandatory": true}},
                {"publish": {"exchange": "x", "routing_key": "none", "mandatory": true}}]"#,
        )
        .unwrap();
        let document = run(topology, &script).unwrap().document();
        assert_eq!(
            document.to_string(),
            r#"{"publishes":[{"routed":["src"],"returned":false,"rejected":false},{"routed":["src"],"returned":false,"rejected":false},{"error":{"code":404,"text":"no exchange 'nope' in vhost '/'"}},{"routed":[],"returned":true,"rejected":false}],"gets":[],"deliveries":{},"queues":{"dlq":[{"message_id":"m1","x-death":[{"queue":"src","reason":"maxlen","exchange":"x","routing-keys":["k"],"count":1}],"x-first-death-exchange":"x","x-first-death-queue":"src","x-first-death-reason":"maxlen"}],"src":["m2"]}}"#
        );
    }
}
