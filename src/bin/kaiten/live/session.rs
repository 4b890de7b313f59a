//! An AMQP session on the real broker, over `lapin`: the topology declared, then a script's
//! steps played one by one on their channels (publishes with publisher confirms, consumers
//! on channels of their own, `basic.get` on one channel), waiting where order matters, and
//! at the end every queue read back with `basic.get`.

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::{Context, bail};
use futures_lite::StreamExt;
use lapin::options::{
    BasicAckOptions, BasicCancelOptions, BasicConsumeOptions, BasicGetOptions, BasicNackOptions, BasicPublishOptions,
    BasicQosOptions, BasicRejectOptions, ConfirmSelectOptions, ExchangeBindOptions, ExchangeDeclareOptions,
    QueueBindOptions, QueueDeclareOptions,
};
use lapin::publisher_confirm::Confirmation;
use lapin::types::ShortString;
use lapin::uri::AMQPUri;
use lapin::{BasicProperties, Channel, Connection, ConnectionProperties, Consumer, ExchangeKind as AmqpExchangeKind};
use serde_json::Value;

use kaiten::engine::topology::{Destination, ExchangeKind, Topology};
use kaiten::engine::value::table_from_json;
use kaiten::formats::script::{ChannelKey, PublishRecord, PublishStep, RunRecord, Step, UnsettledDeliveries};

use super::convert::{amqp_table, message_record};

/// How long the consumers must stay quiet before a step counts as settled.
const SETTLE: Duration = Duration::from_millis(60);

/// The AMQP reply code for a queue or exchange that does not exist.
const NOT_FOUND: u16 = 404;
/// The AMQP reply code for a queue another consumer or connection holds, and for `basic.get`
/// on a quorum queue with a single active consumer.
const RESOURCE_LOCKED: u16 = 405;
/// The AMQP reply code for a refused argument, such as a consumer argument of the wrong type.
const PRECONDITION_FAILED: u16 = 406;

/// How often a settling runner looks at its consumers.
const POLL: Duration = Duration::from_millis(5);

struct LiveConsumer {
    channel: Channel,
    // None once cancelled and drained; the channel stays for acks of what it delivered.
    consumer: Option<Consumer>,
    no_ack: bool,
    prefetch: u16,
    queue: String,
}

/// A script played on the real broker: its connection, channels and what it recorded (the
/// simulator's run of the same script is a `kaiten::sim::Session`).
pub(super) struct AmqpSession {
    pub(super) connection: Connection,
    publisher: Channel,
    get_channel: Channel,
    consumers: BTreeMap<String, LiveConsumer>,
    unsettled: UnsettledDeliveries,
    pub(super) record: RunRecord,
}

impl AmqpSession {
    /// Connects to `uri` (its vhost the run's), declares `topology` and opens the publisher
    /// (in confirm mode) and `basic.get` channels.
    pub(super) async fn open(uri: AMQPUri, topology: &Topology) -> anyhow::Result<AmqpSession> {
        let connection = Connection::connect_uri(uri, ConnectionProperties::default()).await.context("AMQP connect")?;
        declare(&connection, topology).await.context("declaring the topology")?;
        let publisher = open_publisher(&connection).await?;
        let get_channel = connection.create_channel().await?;
        Ok(AmqpSession {
            connection,
            publisher,
            get_channel,
            consumers: BTreeMap::new(),
            unsettled: UnsettledDeliveries::default(),
            record: RunRecord::default(),
        })
    }

    /// Reads every message left in the queues `names` with `basic.get`, into the record.
    pub(super) async fn read_queues(&mut self, names: Vec<String>) -> anyhow::Result<()> {
        let mut reader = self.connection.create_channel().await?;
        'queues: for name in names {
            let mut messages = Vec::new();
            loop {
                match reader.basic_get(&name, BasicGetOptions { no_ack: true }).await {
                    Ok(Some(got)) => messages.push(message_record(&got.delivery)),
                    Ok(None) => break,
                    // The management listing lags the broker: a queue that expired since it was
                    // listed is gone, as the simulation has it, and the refusal closed the channel.
                    Err(lapin::Error::ProtocolError(error)) if error.get_id() == NOT_FOUND => {
                        reader = self.connection.create_channel().await?;
                        continue 'queues;
                    }
                    // A quorum queue with a single active consumer refuses basic.get (405):
                    // it reads as empty, as the simulation's fetching readback reads it, and
                    // what its consumers were delivered is compared instead.
                    Err(lapin::Error::ProtocolError(error)) if error.get_id() == RESOURCE_LOCKED => {
                        reader = self.connection.create_channel().await?;
                        break;
                    }
                    Err(other) => return Err(other.into()),
                }
                anyhow::ensure!(messages.len() <= 100_000, "queue {name} does not drain");
            }
            self.record.queues.insert(name, messages);
        }
        Ok(())
    }

    pub(super) async fn step(&mut self, step: &Step) -> anyhow::Result<()> {
        match step {
            Step::Publish(publish) => {
                let outcome = self.publish(publish).await?;
                self.record.publishes.push(outcome);
            }
            Step::Get(get) => {
                let got = self.get_channel.basic_get(&get.queue, BasicGetOptions { no_ack: get.no_ack }).await?;
                if let Some(got) = &got
                    && !get.no_ack
                {
                    let message_id = got.delivery.properties.message_id().as_ref().map(|id| id.to_string());
                    self.unsettled.push(ChannelKey::Get, got.delivery.delivery_tag, message_id, &get.queue);
                }
                self.record.gets.push(got.map(|got| message_record(&got.delivery)));
            }
            Step::Ack(ack) => {
                let (key, tag) = self.find(&ack.message_id, ack.queue.as_deref())?;
                let channel = self.channel(&key)?;
                channel.basic_ack(tag, BasicAckOptions { multiple: ack.multiple }).await?;
                self.sync(&key).await?;
                self.unsettled.settle(&key, tag, ack.multiple);
            }
            Step::Nack(nack) => {
                let (key, tag) = self.find(&nack.message_id, nack.queue.as_deref())?;
                self.unsettled.settle(&key, tag, nack.multiple);
                let channel = self.channel(&key)?;
                channel.basic_nack(tag, BasicNackOptions { multiple: nack.multiple, requeue: nack.requeue }).await?;
                self.sync(&key).await?;
            }
            Step::Reject(reject) => {
                let (key, tag) = self.find(&reject.message_id, reject.queue.as_deref())?;
                self.unsettled.settle(&key, tag, false);
                let channel = self.channel(&key)?;
                channel.basic_reject(tag, BasicRejectOptions { requeue: reject.requeue }).await?;
                self.sync(&key).await?;
            }
            Step::Consume(consume) => {
                let channel = self.connection.create_channel().await?;
                channel.basic_qos(consume.prefetch, BasicQosOptions { global: false }).await?;
                let consumer = match channel
                    .basic_consume(
                        &consume.queue,
                        &consume.consumer_tag,
                        BasicConsumeOptions { no_ack: consume.no_ack, ..BasicConsumeOptions::default() },
                        amqp_table(&consume.consumer_arguments()),
                    )
                    .await
                {
                    Ok(consumer) => consumer,
                    // A refused argument closes the consumer's own channel: an outcome to compare.
                    Err(lapin::Error::ProtocolError(error)) if error.get_id() == PRECONDITION_FAILED => {
                        self.record.consumes.push(Some((error.get_id(), error.get_message().to_string())));
                        return Ok(());
                    }
                    Err(other) => return Err(other.into()),
                };
                self.record.consumes.push(None);
                self.record.deliveries.entry(consume.consumer_tag.clone()).or_default();
                self.consumers.insert(
                    consume.consumer_tag.clone(),
                    LiveConsumer {
                        channel,
                        consumer: Some(consumer),
                        no_ack: consume.no_ack,
                        prefetch: consume.prefetch,
                        queue: consume.queue.clone(),
                    },
                );
            }
            Step::Cancel(cancel) => {
                let entry = self.consumers.get(&cancel.consumer_tag).context("no such consumer")?;
                entry.channel.basic_cancel(&cancel.consumer_tag, BasicCancelOptions::default()).await?;
                // Deliveries sent before cancel-ok may still be buffered: take them, then stop.
                self.settle().await?;
                if let Some(entry) = self.consumers.get_mut(&cancel.consumer_tag) {
                    entry.consumer = None;
                }
            }
            Step::AdvanceTime(advance) => tokio::time::sleep(Duration::from_millis(advance.ms)).await,
            Step::Declare(declare) => {
                // A refusal closes the channel, so each declaration gets a channel of its own.
                let channel = self.connection.create_channel().await?;
                let options = QueueDeclareOptions {
                    durable: declare.durable,
                    auto_delete: declare.auto_delete,
                    exclusive: declare.exclusive,
                    ..QueueDeclareOptions::default()
                };
                let arguments = amqp_table(&declare.spec().arguments);
                match channel.queue_declare(&declare.queue, options, arguments).await {
                    Ok(_) => {
                        self.record.declarations.push(None);
                        channel.close(200, "declared").await.ok();
                    }
                    Err(lapin::Error::ProtocolError(error)) => {
                        self.record.declarations.push(Some((error.get_id(), error.get_message().to_string())));
                    }
                    Err(other) => return Err(other.into()),
                }
            }
            Step::Case(_) => {}
        }
        Ok(())
    }

    fn find(&self, message_id: &str, queue: Option<&str>) -> anyhow::Result<(ChannelKey, u64)> {
        self.unsettled
            .find(message_id, queue)
            .with_context(|| format!("no unsettled delivery of message \"{message_id}\" was received from the broker"))
    }

    fn channel(&self, key: &ChannelKey) -> anyhow::Result<&Channel> {
        match key {
            ChannelKey::Get => Ok(&self.get_channel),
            ChannelKey::Consumer(tag) => Ok(&self.consumers.get(tag).context("no such consumer")?.channel),
        }
    }

    /// A round trip on the channel, so the broker has handled what was sent on it before.
    async fn sync(&self, key: &ChannelKey) -> anyhow::Result<()> {
        let prefetch = match key {
            ChannelKey::Get => 0,
            ChannelKey::Consumer(tag) => self.consumers.get(tag).map_or(0, |consumer| consumer.prefetch),
        };
        self.channel(key)?.basic_qos(prefetch, BasicQosOptions { global: false }).await?;
        Ok(())
    }

    async fn publish(&mut self, step: &PublishStep) -> anyhow::Result<PublishRecord> {
        let mut properties = BasicProperties::default();
        if let Some(id) = &step.properties.message_id {
            properties = properties.with_message_id(ShortString::from(id.as_str()));
        }
        if let Some(priority) = step.properties.priority {
            properties = properties.with_priority(priority);
        }
        if let Some(expiration) = &step.properties.expiration {
            properties = properties.with_expiration(ShortString::from(expiration.as_str()));
        }
        if let Some(id) = &step.properties.correlation_id {
            properties = properties.with_correlation_id(ShortString::from(id.as_str()));
        }
        if let Some(reply_to) = &step.properties.reply_to {
            properties = properties.with_reply_to(ShortString::from(reply_to.as_str()));
        }
        if let Some(content_type) = &step.properties.content_type {
            properties = properties.with_content_type(ShortString::from(content_type.as_str()));
        }
        if let Some(mode) = step.properties.delivery_mode {
            properties = properties.with_delivery_mode(mode);
        }
        if !step.headers.is_empty() {
            properties = properties.with_headers(amqp_table(&table_from_json(&Value::Object(step.headers.clone()))));
        }
        let options = BasicPublishOptions { mandatory: step.mandatory, immediate: false };
        let sent = async {
            let confirm = self
                .publisher
                .basic_publish(&step.exchange, &step.routing_key, options, step.body.as_bytes(), properties)
                .await?;
            confirm.await
        }
        .await;
        match sent {
            Ok(Confirmation::Ack(returned)) => {
                Ok(PublishRecord::Outcome { routed: None, returned: returned.is_some(), rejected: false })
            }
            Ok(Confirmation::Nack(returned)) => {
                Ok(PublishRecord::Outcome { routed: None, returned: returned.is_some(), rejected: true })
            }
            Ok(Confirmation::NotRequested) => bail!("the publisher channel is not in confirm mode"),
            Err(lapin::Error::ProtocolError(error)) => {
                // The broker closed the publisher channel: note the error, open a new one.
                self.publisher = open_publisher(&self.connection).await?;
                Ok(PublishRecord::Error { code: error.get_id(), text: error.get_message().to_string() })
            }
            Err(other) => Err(other.into()),
        }
    }

    /// Waits until no consumer has received anything for [`SETTLE`], recording what arrives.
    pub(super) async fn settle(&mut self) -> anyhow::Result<()> {
        let AmqpSession { consumers, unsettled, record, .. } = self;
        if consumers.values().all(|entry| entry.consumer.is_none()) {
            return Ok(());
        }
        let mut quiet = Duration::ZERO;
        while quiet < SETTLE {
            let mut n_received = 0;
            for (tag, entry) in consumers.iter_mut() {
                while let Some(consumer) = entry.consumer.as_mut() {
                    match futures_lite::future::poll_once(consumer.next()).await {
                        None => break,
                        Some(None) => entry.consumer = None,
                        Some(Some(delivery)) => {
                            let delivery = delivery?;
                            n_received += 1;
                            let message = message_record(&delivery);
                            if !entry.no_ack {
                                let key = ChannelKey::Consumer(tag.clone());
                                unsettled.push(key, delivery.delivery_tag, message.message_id.clone(), &entry.queue);
                            }
                            record.deliveries.entry(tag.clone()).or_default().push(message);
                        }
                    }
                }
            }
            if n_received == 0 {
                tokio::time::sleep(POLL).await;
                quiet += POLL;
            } else {
                quiet = Duration::ZERO;
            }
        }
        Ok(())
    }
}

async fn open_publisher(connection: &Connection) -> anyhow::Result<Channel> {
    let channel = connection.create_channel().await?;
    channel.confirm_select(ConfirmSelectOptions::default()).await?;
    Ok(channel)
}

async fn declare(connection: &Connection, topology: &Topology) -> anyhow::Result<()> {
    let channel = connection.create_channel().await?;
    for exchange in topology.exchanges().filter(|exchange| !exchange.is_builtin()) {
        let kind = match exchange.spec.kind {
            ExchangeKind::Direct => AmqpExchangeKind::Direct,
            ExchangeKind::Fanout => AmqpExchangeKind::Fanout,
            ExchangeKind::Topic => AmqpExchangeKind::Topic,
            ExchangeKind::Headers => AmqpExchangeKind::Headers,
        };
        let options = ExchangeDeclareOptions {
            passive: false,
            durable: exchange.spec.durable,
            auto_delete: exchange.spec.auto_delete,
            internal: exchange.spec.internal,
            nowait: false,
        };
        channel
            .exchange_declare(exchange.name(), kind, options, amqp_table(&exchange.spec.arguments))
            .await
            .with_context(|| format!("exchange.declare {}", exchange.name()))?;
    }
    for queue in topology.queues() {
        let options = QueueDeclareOptions {
            passive: false,
            durable: queue.spec.durable,
            exclusive: false,
            auto_delete: queue.spec.auto_delete,
            nowait: false,
        };
        channel
            .queue_declare(queue.name(), options, amqp_table(&queue.spec.arguments))
            .await
            .with_context(|| format!("queue.declare {}", queue.name()))?;
    }
    for binding in topology.bindings() {
        let source = topology.exchange(binding.source).map_or("", |exchange| exchange.name());
        let destination = topology.destination_name(binding.destination);
        let arguments = amqp_table(&binding.arguments);
        match binding.destination {
            Destination::Queue(_) => channel
                .queue_bind(destination, source, &binding.routing_key, QueueBindOptions::default(), arguments)
                .await
                .with_context(|| format!("queue.bind {destination} to {source}"))?,
            Destination::Exchange(_) => channel
                .exchange_bind(destination, source, &binding.routing_key, ExchangeBindOptions::default(), arguments)
                .await
                .with_context(|| format!("exchange.bind {destination} to {source}"))?,
        }
    }
    channel.close(200, "declared").await?;
    Ok(())
}
