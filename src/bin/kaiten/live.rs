//! Plays a headless AMQP script on a real RabbitMQ, for `kaiten verify`.
//!
//! Each run gets a fresh vhost (created and deleted through the management HTTP API), the
//! topology is declared over AMQP with `lapin`, publishes go out with publisher confirms
//! (`mandatory` returns arrive with the confirm), `advance-time` steps are real sleeps, and
//! at the end every queue is read back with `basic.get`. The result is the same
//! [`RunRecord`] the simulation produces, minus `routed`, which a broker does not report.
//!
//! Real brokers are asynchronous where the simulation is not, so the runner waits at the
//! points where order matters: after each step until consumer deliveries stop arriving, and
//! after each ack, nack or reject for a round trip on the same channel (so the broker has
//! processed it before the next step goes out on another channel).

use std::cell::Cell;
use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::{Context, anyhow, bail};
use futures_lite::StreamExt;
use lapin::message::Delivery;
use lapin::options::{
    BasicAckOptions, BasicCancelOptions, BasicConsumeOptions, BasicGetOptions, BasicNackOptions, BasicPublishOptions,
    BasicQosOptions, BasicRejectOptions, ConfirmSelectOptions, ExchangeBindOptions, ExchangeDeclareOptions,
    QueueBindOptions, QueueDeclareOptions,
};
use lapin::publisher_confirm::Confirmation;
use lapin::types::{AMQPValue, FieldArray, FieldTable as AmqpTable, ShortString};
use lapin::uri::AMQPUri;
use lapin::{BasicProperties, Channel, Connection, ConnectionProperties, Consumer, ExchangeKind as AmqpExchangeKind};
use serde_json::{Value, json};

use kaiten::engine::policy::PolicyKind;
use kaiten::engine::topology::{Destination, ExchangeKind, Topology};
use kaiten::engine::value::{FieldTable, FieldValue, table_from_json, table_to_json};
use kaiten::formats::script::{
    ChannelKey, MessageRecord, PublishRecord, PublishStep, RunRecord, Step, UnsettledDeliveries,
};

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

/// Where the broker and its management API are, with the credentials for both.
#[derive(Debug, Clone)]
pub struct BrokerAddress {
    uri: AMQPUri,
    management: String,
}

impl BrokerAddress {
    pub fn parse(amqp_url: &str, management_url: &str) -> anyhow::Result<BrokerAddress> {
        let uri: AMQPUri =
            amqp_url.parse().map_err(|error: String| anyhow!("invalid broker URL {amqp_url}: {error}"))?;
        Ok(BrokerAddress { uri, management: management_url.trim_end_matches('/').to_string() })
    }
}

/// What a run on the broker produced, and the step it refused, if any (the run stops there).
pub struct LiveRun {
    pub record: RunRecord,
    pub refused: Option<String>,
}

/// A real RabbitMQ to play scripts on.
pub struct LiveBroker {
    address: BrokerAddress,
    authorization: String,
    runtime: tokio::runtime::Runtime,
    n_runs: Cell<u32>,
}

impl LiveBroker {
    pub fn new(address: BrokerAddress) -> anyhow::Result<LiveBroker> {
        let userinfo = &address.uri.authority.userinfo;
        let authorization =
            format!("Basic {}", base64(format!("{}:{}", userinfo.username, userinfo.password).as_bytes()));
        let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build()?;
        let broker = LiveBroker { address, authorization, runtime, n_runs: Cell::new(0) };
        broker.http("GET", "overview", None).with_context(|| {
            format!(
                "cannot reach the RabbitMQ management API at {} (is rabbitmq-server running?)",
                broker.address.management
            )
        })?;
        Ok(broker)
    }

    fn http(&self, method: &str, path: &str, body: Option<Value>) -> anyhow::Result<Value> {
        let url = format!("{}/api/{path}", self.address.management);
        let request =
            ureq::request(method, &url).set("authorization", &self.authorization).timeout(Duration::from_secs(30));
        let response = match body {
            Some(body) => request.send_json(body),
            None => request.call(),
        };
        match response {
            Ok(response) if method == "GET" => Ok(response.into_json()?),
            Ok(_) => Ok(Value::Null),
            Err(ureq::Error::Status(code, response)) => {
                bail!("{method} {url}: HTTP {code}: {}", response.into_string().unwrap_or_default())
            }
            Err(error) => Err(error).with_context(|| format!("{method} {url}")),
        }
    }

    /// Plays `script` on `topology` in a fresh vhost, which is deleted afterwards.
    pub fn run(&self, topology: &Topology, script: &[Step]) -> anyhow::Result<LiveRun> {
        self.n_runs.set(self.n_runs.get() + 1);
        let vhost = format!("kaiten-verify-{}-{}", std::process::id(), self.n_runs.get());
        let user = self.address.uri.authority.userinfo.username.clone();
        self.http("PUT", &format!("vhosts/{vhost}"), Some(json!({"description": "kaiten verify (temporary)"})))?;
        let result = self
            .http(
                "PUT",
                &format!("permissions/{vhost}/{user}"),
                Some(json!({"configure": ".*", "write": ".*", "read": ".*"})),
            )
            .and_then(|_| self.set_policies(&vhost, topology))
            .and_then(|_| self.runtime.block_on(self.play(&vhost, topology, script)));
        let cleanup = self.http("DELETE", &format!("vhosts/{vhost}"), None);
        let run = result.with_context(|| format!("running the script on the broker (vhost {vhost})"))?;
        cleanup?;
        Ok(run)
    }

    /// Sets the topology's policies and operator policies in the vhost, before anything is
    /// declared (RabbitMQ applies them to queues and exchanges declared later).
    fn set_policies(&self, vhost: &str, topology: &Topology) -> anyhow::Result<()> {
        for policy in topology.policies().iter() {
            let kind = match policy.kind {
                PolicyKind::User => "policies",
                PolicyKind::Operator => "operator-policies",
            };
            let body = json!({
                "pattern": policy.pattern,
                "apply-to": policy.apply_to.as_str(),
                "priority": policy.priority,
                "definition": table_to_json(&policy.definition),
            });
            self.http("PUT", &format!("{kind}/{vhost}/{}", percent_encoded(&policy.name)), Some(body))
                .with_context(|| format!("setting policy {}", policy.name))?;
        }
        Ok(())
    }

    async fn play(&self, vhost: &str, topology: &Topology, script: &[Step]) -> anyhow::Result<LiveRun> {
        let mut uri = self.address.uri.clone();
        uri.vhost = vhost.to_string();
        let connection = Connection::connect_uri(uri, ConnectionProperties::default()).await.context("AMQP connect")?;
        declare(&connection, topology).await.context("declaring the topology")?;
        let publisher = open_publisher(&connection).await?;
        let get_channel = connection.create_channel().await?;
        let mut session = AmqpSession {
            connection,
            publisher,
            get_channel,
            consumers: BTreeMap::new(),
            unsettled: UnsettledDeliveries::default(),
            record: RunRecord::default(),
        };
        for (step_idx, step) in script.iter().enumerate() {
            if let Err(refusal) = session.step(step).await {
                let refused = format!("[{step_idx}].{}: the broker refused the step: {refusal:#}", step.name());
                session.connection.close(200, "kaiten verify done").await.ok();
                return Ok(LiveRun { record: session.record, refused: Some(refused) });
            }
            session.settle().await?;
        }
        let listing = self.http("GET", &format!("queues/{vhost}?columns=name,type"), None)?;
        // A stream refuses `basic.get` (the simulation does not read one back either).
        let mut names: Vec<String> = listing
            .as_array()
            .context("the queue listing is not an array")?
            .iter()
            .filter(|queue| queue["type"].as_str() != Some("stream"))
            .filter_map(|queue| queue["name"].as_str().map(str::to_string))
            .collect();
        names.sort();
        let mut reader = session.connection.create_channel().await?;
        'queues: for name in names {
            let mut messages = Vec::new();
            loop {
                match reader.basic_get(&name, BasicGetOptions { no_ack: true }).await {
                    Ok(Some(got)) => messages.push(message_record(&got.delivery)),
                    Ok(None) => break,
                    // The management listing lags the broker: a queue that expired since it was
                    // listed is gone, as the simulation has it, and the refusal closed the channel.
                    Err(lapin::Error::ProtocolError(error)) if error.get_id() == NOT_FOUND => {
                        reader = session.connection.create_channel().await?;
                        continue 'queues;
                    }
                    // A quorum queue with a single active consumer refuses basic.get (405):
                    // it reads as empty, as the simulation's fetching readback reads it, and
                    // what its consumers were delivered is compared instead.
                    Err(lapin::Error::ProtocolError(error)) if error.get_id() == RESOURCE_LOCKED => {
                        reader = session.connection.create_channel().await?;
                        break;
                    }
                    Err(other) => return Err(other.into()),
                }
                anyhow::ensure!(messages.len() <= 100_000, "queue {name} does not drain");
            }
            session.record.queues.insert(name, messages);
        }
        session.connection.close(200, "kaiten verify done").await.ok();
        for (_, text) in session.record.declarations.iter_mut().chain(session.record.consumes.iter_mut()).flatten() {
            *text = simulated_text(text, vhost);
        }
        for publish in &mut session.record.publishes {
            if let PublishRecord::Error { text, .. } = publish {
                *text = simulated_text(text, vhost);
            }
        }
        Ok(LiveRun { record: session.record, refused: None })
    }
}

/// A name as one segment of a management API path.
fn percent_encoded(name: &str) -> String {
    name.bytes()
        .map(|byte| match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (byte as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// A broker's reply text as the simulation words it, so the two can be compared: without
/// the reply-code name (`NOT_FOUND - `), with the temporary vhost shown as `/`, and with
/// the line breaks Erlang's `~p` puts into long terms taken out.
fn simulated_text(text: &str, vhost: &str) -> String {
    let text = text.split_once(" - ").map_or(text, |(_, rest)| rest);
    let mut unwrapped = String::new();
    let mut lines = text.split('\n');
    unwrapped.push_str(lines.next().unwrap_or_default());
    for line in lines {
        unwrapped.push_str(line.trim_start());
    }
    unwrapped.replace(&format!("in vhost '{vhost}'"), "in vhost '/'")
}

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
struct AmqpSession {
    connection: Connection,
    publisher: Channel,
    get_channel: Channel,
    consumers: BTreeMap<String, LiveConsumer>,
    unsettled: UnsettledDeliveries,
    record: RunRecord,
}

impl AmqpSession {
    async fn step(&mut self, step: &Step) -> anyhow::Result<()> {
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
    async fn settle(&mut self) -> anyhow::Result<()> {
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

fn message_record(delivery: &Delivery) -> MessageRecord {
    let message_id = delivery.properties.message_id().as_ref().map(|id| id.to_string());
    let headers: FieldTable = delivery
        .properties
        .headers()
        .as_ref()
        .map(|headers| headers.inner().iter().map(|(name, value)| (name.to_string(), field_value(value))).collect())
        .unwrap_or_default();
    let delivery_count = delivery
        .properties
        .headers()
        .as_ref()
        .and_then(|headers| headers.inner().get("x-delivery-count"))
        .map(field_value)
        .and_then(|count| count.as_int())
        .and_then(|count| u64::try_from(count).ok());
    MessageRecord { delivery_count, ..MessageRecord::from_headers(message_id, delivery.redelivered, &headers) }
}

fn amqp_table(table: &FieldTable) -> AmqpTable {
    let mut out = AmqpTable::default();
    for (name, value) in table {
        out.insert(ShortString::from(name.as_str()), amqp_value(value));
    }
    out
}

fn amqp_value(value: &FieldValue) -> AMQPValue {
    match value {
        FieldValue::Void => AMQPValue::Void,
        FieldValue::Bool(flag) => AMQPValue::Boolean(*flag),
        FieldValue::Int(number) => AMQPValue::LongLongInt(*number),
        FieldValue::Float(number) => AMQPValue::Double(*number),
        FieldValue::Str(text) => AMQPValue::LongString(text.as_str().into()),
        FieldValue::Array(items) => {
            AMQPValue::FieldArray(FieldArray::from(items.iter().map(amqp_value).collect::<Vec<_>>()))
        }
        FieldValue::Table(table) => AMQPValue::FieldTable(amqp_table(table)),
    }
}

fn field_value(value: &AMQPValue) -> FieldValue {
    match value {
        AMQPValue::Void => FieldValue::Void,
        AMQPValue::Boolean(flag) => FieldValue::Bool(*flag),
        AMQPValue::ShortShortInt(number) => FieldValue::Int(i64::from(*number)),
        AMQPValue::ShortShortUInt(number) => FieldValue::Int(i64::from(*number)),
        AMQPValue::ShortInt(number) => FieldValue::Int(i64::from(*number)),
        AMQPValue::ShortUInt(number) => FieldValue::Int(i64::from(*number)),
        AMQPValue::LongInt(number) => FieldValue::Int(i64::from(*number)),
        AMQPValue::LongUInt(number) => FieldValue::Int(i64::from(*number)),
        AMQPValue::LongLongInt(number) => FieldValue::Int(*number),
        AMQPValue::Timestamp(number) => FieldValue::Int(*number as i64),
        AMQPValue::Float(number) => FieldValue::Float(f64::from(*number)),
        AMQPValue::Double(number) => FieldValue::Float(*number),
        AMQPValue::DecimalValue(decimal) => {
            FieldValue::Float(f64::from(decimal.value) / 10f64.powi(i32::from(decimal.scale)))
        }
        AMQPValue::ShortString(text) => FieldValue::Str(text.to_string()),
        AMQPValue::LongString(text) => FieldValue::Str(String::from_utf8_lossy(text.as_bytes()).into_owned()),
        AMQPValue::ByteArray(bytes) => FieldValue::Str(String::from_utf8_lossy(bytes.as_slice()).into_owned()),
        AMQPValue::FieldArray(items) => FieldValue::Array(items.as_slice().iter().map(field_value).collect()),
        AMQPValue::FieldTable(table) => FieldValue::Table(
            table.inner().iter().map(|(name, value)| (name.to_string(), field_value(value))).collect(),
        ),
    }
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let buffer = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let bits = (u32::from(buffer[0]) << 16) | (u32::from(buffer[1]) << 8) | u32::from(buffer[2]);
        for position in 0..4 {
            if position <= chunk.len() {
                out.push(ALPHABET[((bits >> (18 - 6 * position)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
