//! The topology each oslo.messaging piece declares on RabbitMQ, as lists of engine
//! declarations an actor applies to a [`Broker`], in the order kombu sends them
//! (exchange, queue, binding, per consumer).
//!
//! Read from `impl_rabbit.py` (`declare_topic_consumer`, `declare_fanout_consumer`,
//! `declare_direct_consumer`, `topic_send`, `fanout_send`, `notify_send`) and checked
//! against the recording in `tests/reference/oslo-capture.json`.

use serde::Serialize;

use crate::engine::{
    AmqpError, Broker, ChannelId, Destination, ExchangeKind, ExchangeSpec, FieldTable, FieldValue, QueueSpec, SimTime,
};
use crate::oslo::target::{Address, Target, exchange_for};

/// The transport options that shape declarations and timeouts, with oslo.messaging's
/// defaults except the control exchange, which services set (`set_transport_defaults`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TransportConfig {
    /// `control_exchange`: `openstack` unless the service sets its own (`nova`).
    pub control_exchange: String,
    /// `amqp_durable_queues` (False).
    pub durable_queues: bool,
    /// `amqp_auto_delete` (False).
    pub auto_delete: bool,
    /// `rabbit_transient_queues_ttl` in seconds (1800): the `x-expires` of fanout and reply
    /// queues.
    pub transient_queues_ttl_s: u64,
    /// `rpc_response_timeout` in milliseconds (60 s).
    pub rpc_response_timeout_ms: u64,
    /// `direct_mandatory_flag` (True): replies are published mandatory.
    pub direct_mandatory: bool,
    /// `kombu_missing_consumer_retry_timeout` in milliseconds (60 s): how long a returned
    /// reply is retried.
    pub missing_consumer_retry_timeout_ms: u64,
    /// `rabbit_qos_prefetch_count` (0 = unlimited) on listening connections.
    pub prefetch: u32,
}

impl Default for TransportConfig {
    fn default() -> Self {
        TransportConfig {
            control_exchange: "openstack".into(),
            durable_queues: false,
            auto_delete: false,
            transient_queues_ttl_s: 1800,
            rpc_response_timeout_ms: 60_000,
            direct_mandatory: true,
            missing_consumer_retry_timeout_ms: 60_000,
            prefetch: 0,
        }
    }
}

impl TransportConfig {
    /// The defaults with `control_exchange` set, as `set_transport_defaults` does.
    pub fn with_control_exchange(control_exchange: impl Into<String>) -> TransportConfig {
        TransportConfig { control_exchange: control_exchange.into(), ..TransportConfig::default() }
    }

    fn transient_queue_arguments(&self) -> FieldTable {
        let mut arguments = FieldTable::new();
        if self.transient_queues_ttl_s > 0 {
            // In milliseconds, saturated at the largest value an AMQP long long holds.
            let ms = i64::try_from(self.transient_queues_ttl_s.saturating_mul(1000)).unwrap_or(i64::MAX);
            arguments.insert("x-expires".into(), FieldValue::Int(ms));
        }
        arguments
    }

    /// The control exchange (or a target's own exchange): topic, durability and
    /// auto-delete from the transport options.
    pub fn topic_exchange(&self, name: &str) -> ExchangeSpec {
        ExchangeSpec {
            durable: self.durable_queues,
            auto_delete: self.auto_delete,
            ..ExchangeSpec::new(name, ExchangeKind::Topic)
        }
    }

    /// The `<topic>_fanout` exchange: fanout, non-durable, auto-delete.
    pub fn fanout_exchange(&self, topic: &str) -> ExchangeSpec {
        ExchangeSpec {
            durable: false,
            auto_delete: true,
            ..ExchangeSpec::new(format!("{topic}_fanout"), ExchangeKind::Fanout)
        }
    }

    /// A queue a topic consumer declares (`topic`, `topic.server`, `<topic>.<priority>`,
    /// a pool): no `x-expires`.
    fn topic_queue(&self, name: &str) -> QueueSpec {
        QueueSpec { durable: self.durable_queues, auto_delete: self.auto_delete, ..QueueSpec::new(name) }
    }
}

/// One declaration, by names, as the client sends it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "declare", rename_all = "snake_case")]
pub enum Declaration {
    Exchange(ExchangeSpec),
    Queue(QueueSpec),
    Binding { exchange: String, queue: String, routing_key: String },
}

/// What one piece declares and then consumes from.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Plan {
    pub declarations: Vec<Declaration>,
    /// Queues to `basic.consume` from, in order, each once.
    pub consume: Vec<String>,
}

impl Plan {
    /// A kombu `Consumer.declare`: exchange (unless it is the default one), queue, and the
    /// binding (unless the exchange is the default one), then a consumer on the queue.
    fn consumer(&mut self, exchange: Option<ExchangeSpec>, queue: QueueSpec, routing_key: &str) {
        let queue_name = queue.name.clone();
        let exchange_name = exchange.as_ref().map(|spec| spec.name.clone());
        if let Some(spec) = exchange {
            self.declarations.push(Declaration::Exchange(spec));
        }
        self.declarations.push(Declaration::Queue(queue));
        if let Some(exchange) = exchange_name {
            self.declarations.push(Declaration::Binding {
                exchange,
                queue: queue_name.clone(),
                routing_key: routing_key.into(),
            });
        }
        if !self.consume.contains(&queue_name) {
            self.consume.push(queue_name);
        }
    }

    /// Applies the declarations to a broker on `channel`, stopping at the first refusal.
    pub fn apply(&self, broker: &mut Broker, now: SimTime, channel: ChannelId) -> Result<(), AmqpError> {
        apply(&self.declarations, broker, now, channel)
    }
}

/// Applies declarations to a broker on `channel`, stopping at the first refusal.
pub fn apply(
    declarations: &[Declaration],
    broker: &mut Broker,
    now: SimTime,
    channel: ChannelId,
) -> Result<(), AmqpError> {
    for declaration in declarations {
        match declaration {
            Declaration::Exchange(spec) => {
                broker.declare_exchange(now, spec.clone())?;
            }
            Declaration::Queue(spec) => {
                broker.declare_queue(now, channel, spec.clone())?;
            }
            Declaration::Binding { exchange, queue, routing_key } => {
                let queue_id = broker
                    .topology()
                    .queue_by_name(queue)
                    .ok_or_else(|| AmqpError::NotFound(format!("no queue '{queue}' in vhost '/'")))?
                    .id;
                broker.bind(now, exchange, Destination::Queue(queue_id), routing_key, FieldTable::new())?;
            }
        }
    }
    Ok(())
}

/// What an RPC server declares when it starts (`amqpdriver.listen`), on one connection:
/// queue `topic` and queue `topic.server` on the target's exchange (shared round-robin and
/// server-targeted), then the `topic_fanout` exchange with this server's own
/// `topic_fanout_<fanout_id>` queue. The target must have passed
/// [`check_server_target`](crate::oslo::target::check_server_target).
pub fn rpc_server_plan(config: &TransportConfig, target: &Target, fanout_id: &str) -> Plan {
    let topic = target.topic.as_deref().unwrap_or_default();
    let server = target.server.as_deref().unwrap_or_default();
    let exchange = exchange_for(target, &config.control_exchange);
    let mut plan = Plan::default();
    plan.consumer(Some(config.topic_exchange(&exchange)), config.topic_queue(topic), topic);
    let server_key = format!("{topic}.{server}");
    plan.consumer(Some(config.topic_exchange(&exchange)), config.topic_queue(&server_key), &server_key);
    let fanout_queue = QueueSpec {
        durable: false,
        auto_delete: false,
        arguments: config.transient_queue_arguments(),
        ..QueueSpec::new(format!("{topic}_fanout_{fanout_id}"))
    };
    plan.consumer(Some(config.fanout_exchange(topic)), fanout_queue, topic);
    plan
}

/// The name of a client's reply queue.
pub fn reply_queue_name(reply_id: &str) -> String {
    format!("reply_{reply_id}")
}

/// What an RPC client declares on its first call (`declare_direct_consumer`): its
/// `reply_<id>` queue, non-durable, with `x-expires`, and no binding (replies come
/// through the default exchange).
pub fn reply_plan(config: &TransportConfig, reply_id: &str) -> Plan {
    let queue = QueueSpec {
        durable: false,
        auto_delete: false,
        arguments: config.transient_queue_arguments(),
        ..QueueSpec::new(reply_queue_name(reply_id))
    };
    let mut plan = Plan::default();
    plan.consumer(None, queue, "");
    plan
}

/// What a publisher declares before publishing to `address` (kombu declares the exchange
/// once per connection): the topic exchange, or the fanout exchange.
pub fn publisher_declarations(config: &TransportConfig, address: &Address, topic: &str) -> Vec<Declaration> {
    let spec = if address.fanout { config.fanout_exchange(topic) } else { config.topic_exchange(&address.exchange) };
    vec![Declaration::Exchange(spec)]
}

/// What a notifier declares before publishing to `<topic>.<priority>`
/// (`_publish_and_creates_default_queue`): the exchange, then a queue named after the
/// routing key bound with it, so unconsumed notifications accumulate.
pub fn notifier_declarations(config: &TransportConfig, exchange: &str, routing_key: &str) -> Vec<Declaration> {
    vec![
        Declaration::Exchange(config.topic_exchange(exchange)),
        Declaration::Queue(config.topic_queue(routing_key)),
        Declaration::Binding { exchange: exchange.into(), queue: routing_key.into(), routing_key: routing_key.into() },
    ]
}

/// What a notification listener declares (`listen_for_notifications`): for each target
/// and each priority its endpoints handle, a binding `<topic>.<priority>` on the target's
/// exchange, to the pool's queue (named after the pool) or else to `<topic>.<priority>`.
pub fn listener_plan(
    config: &TransportConfig,
    targets_and_priorities: &[(Target, String)],
    pool: Option<&str>,
) -> Plan {
    let mut plan = Plan::default();
    for (target, priority) in targets_and_priorities {
        let exchange = exchange_for(target, &config.control_exchange);
        let routing_key = format!("{}.{}", target.topic.as_deref().unwrap_or_default(), priority);
        let queue = config.topic_queue(pool.unwrap_or(&routing_key));
        plan.consumer(Some(config.topic_exchange(&exchange)), queue, &routing_key);
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(plan: &Plan) -> Vec<String> {
        plan.declarations
            .iter()
            .map(|declaration| match declaration {
                Declaration::Exchange(spec) => format!(
                    "exchange {} {} durable={} auto_delete={}",
                    spec.name,
                    spec.kind.as_str(),
                    spec.durable,
                    spec.auto_delete
                ),
                Declaration::Queue(spec) => format!(
                    "queue {} durable={} auto_delete={} args={}",
                    spec.name,
                    spec.durable,
                    spec.auto_delete,
                    crate::engine::value::table_to_json(&spec.arguments)
                ),
                Declaration::Binding { exchange, queue, routing_key } => {
                    format!("bind {exchange} -> {queue} key {routing_key}")
                }
            })
            .collect()
    }

    #[test]
    fn a_transient_queues_ttl_near_two_to_the_64_saturates_instead_of_wrapping() {
        let config = TransportConfig { transient_queues_ttl_s: u64::MAX / 10, ..TransportConfig::default() };
        let arguments = config.transient_queue_arguments();
        assert_eq!(arguments.get("x-expires"), Some(&FieldValue::Int(i64::MAX)));
        let config = TransportConfig { transient_queues_ttl_s: 1800, ..TransportConfig::default() };
        assert_eq!(config.transient_queue_arguments().get("x-expires"), Some(&FieldValue::Int(1_800_000)));
    }

    #[test]
    fn rpc_server_declares_as_recorded() {
        let config = TransportConfig::with_control_exchange("nova");
        let plan = rpc_server_plan(&config, &Target::server("compute", "host1"), "851608119eca46f1a79a2e3228b0b0e1");
        expect_test::expect![[r#"
            [
                "exchange nova topic durable=false auto_delete=false",
                "queue compute durable=false auto_delete=false args={}",
                "bind nova -> compute key compute",
                "exchange nova topic durable=false auto_delete=false",
                "queue compute.host1 durable=false auto_delete=false args={}",
                "bind nova -> compute.host1 key compute.host1",
                "exchange compute_fanout fanout durable=false auto_delete=true",
                "queue compute_fanout_851608119eca46f1a79a2e3228b0b0e1 durable=false auto_delete=false args={\"x-expires\":1800000}",
                "bind compute_fanout -> compute_fanout_851608119eca46f1a79a2e3228b0b0e1 key compute",
            ]
        "#]]
        .assert_debug_eq(&names(&plan));
        assert_eq!(plan.consume, ["compute", "compute.host1", "compute_fanout_851608119eca46f1a79a2e3228b0b0e1"]);
    }

    #[test]
    fn reply_queue_has_no_binding() {
        let plan = reply_plan(&TransportConfig::default(), "4b640caf67e74ad08bdb642800981774");
        expect_test::expect![[r#"
            [
                "queue reply_4b640caf67e74ad08bdb642800981774 durable=false auto_delete=false args={\"x-expires\":1800000}",
            ]
        "#]]
        .assert_debug_eq(&names(&plan));
    }

    #[test]
    fn a_pool_is_one_queue_bound_for_each_priority() {
        let config = TransportConfig::with_control_exchange("nova");
        let target = Target::topic("notifications");
        let pairs = vec![(target.clone(), "info".to_string()), (target, "error".to_string())];
        let plan = listener_plan(&config, &pairs, Some("ceilometer"));
        expect_test::expect![[r#"
            [
                "exchange nova topic durable=false auto_delete=false",
                "queue ceilometer durable=false auto_delete=false args={}",
                "bind nova -> ceilometer key notifications.info",
                "exchange nova topic durable=false auto_delete=false",
                "queue ceilometer durable=false auto_delete=false args={}",
                "bind nova -> ceilometer key notifications.error",
            ]
        "#]]
        .assert_debug_eq(&names(&plan));
        assert_eq!(plan.consume, ["ceilometer"]);
        let plain = listener_plan(&config, &pairs, None);
        assert_eq!(plain.consume, ["notifications.info", "notifications.error"]);
    }

    #[test]
    fn plans_apply_to_a_broker() {
        let config = TransportConfig::with_control_exchange("nova");
        let mut broker = Broker::default();
        let connection = broker.open_connection();
        let channel = broker.open_channel(connection);
        for host in ["host1", "host2"] {
            rpc_server_plan(&config, &Target::server("compute", host), &format!("{host}id"))
                .apply(&mut broker, 0, channel)
                .unwrap();
        }
        apply(&notifier_declarations(&config, "nova", "notifications.info"), &mut broker, 0, channel).unwrap();
        let topology = broker.topology();
        assert_eq!(
            topology.bindings().filter(|binding| topology.exchange(binding.source).unwrap().name() == "nova").count(),
            4
        );
        assert!(topology.exchange_by_name("compute_fanout").unwrap().spec.auto_delete);
    }
}
