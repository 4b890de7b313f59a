//! Reads each actor kind's settings from a scenario file, member by member, with the problems
//! and paths serde's derived readers with `deny_unknown_fields` give (an unknown member is
//! found before a member of the wrong type; a missing one is said at the object).
//!
//! Written by hand with [`Fields`] rather than derived: a derived reader per settings struct
//! compiled its own field matcher, map visitor and unused sequence visitor into the browser
//! bundle, 15 to 18 KB each before wasm-opt for the oslo actors alone (BENCHMARKS.md).

use serde_json::Value;

use crate::formats::Diagnostic;
use crate::formats::read::{Fields, Reader};
use crate::oslo::actors::{default_after_ms, one};
use crate::oslo::client::{ClientStep, RpcClientConfig};
use crate::oslo::declare::TransportConfig;
use crate::oslo::dispatcher::{Endpoint, Method};
use crate::oslo::listener::{ListenerConfig, default_targets};
use crate::oslo::notifier::{NotifierConfig, NotifyStep, default_topics};
use crate::oslo::notify::{Filter, Handler, NotificationEndpoint};
use crate::oslo::server::RpcServerConfig;
use crate::oslo::target::{Prepare, Target};
use crate::sim::Settle;
use crate::sim::actors::{ConsumerConfig, ProducerConfig, default_body, default_interval};

pub(crate) fn producer(path: &str, value: &Value) -> Result<ProducerConfig, Diagnostic> {
    let fields = Fields::of(
        path,
        value,
        &[
            "name",
            "exchange",
            "routing_key",
            "body",
            "count",
            "interval_ms",
            "start_ms",
            "mandatory",
            "message_id",
            "priority",
            "expiration",
            "delivery_mode",
            "headers",
            "reply_queue",
        ],
    )?;
    Ok(ProducerConfig {
        name: fields.required("name")?,
        exchange: fields.or("exchange", String::new())?,
        routing_key: fields.or("routing_key", String::new())?,
        body: fields.or("body", default_body())?,
        count: fields.or("count", 1)?,
        interval_ms: fields.or("interval_ms", default_interval())?,
        start_ms: fields.or("start_ms", 0)?,
        mandatory: fields.or("mandatory", false)?,
        message_id: fields.optional("message_id")?,
        priority: fields.optional("priority")?,
        expiration: fields.optional("expiration")?,
        delivery_mode: fields.optional("delivery_mode")?,
        headers: fields.or("headers", serde_json::Map::new())?,
        reply_queue: fields.optional("reply_queue")?,
    })
}

pub(crate) fn consumer(path: &str, value: &Value) -> Result<ConsumerConfig, Diagnostic> {
    let fields = Fields::of(
        path,
        value,
        &["name", "queue", "prefetch", "processing_ms", "settle", "auto_ack", "failure", "reply", "start_ms"],
    )?;
    Ok(ConsumerConfig {
        name: fields.required("name")?,
        queue: fields.required("queue")?,
        prefetch: fields.or("prefetch", 0)?,
        processing_ms: fields.or("processing_ms", Default::default())?,
        settle: fields.or("settle", Settle::Ack)?,
        auto_ack: fields.or("auto_ack", false)?,
        failure: fields.optional("failure")?,
        reply: fields.or("reply", false)?,
        start_ms: fields.or("start_ms", 0)?,
    })
}

pub(crate) fn rpc_client(path: &str, value: &Value) -> Result<RpcClientConfig, Diagnostic> {
    let fields = Fields::of(
        path,
        value,
        &[
            "name",
            "target",
            "transport",
            "timeout_ms",
            "version_cap",
            "allowed_remote_exmods",
            "at_least_once",
            "call_monitor_timeout_s",
            "shared_transport",
            "start_ms",
            "steps",
        ],
    )?;
    Ok(RpcClientConfig {
        name: fields.required("name")?,
        target: required(&fields, "target", target)?,
        transport: transport_of(&fields)?,
        timeout_ms: fields.optional("timeout_ms")?,
        version_cap: fields.optional("version_cap")?,
        allowed_remote_exmods: fields.or("allowed_remote_exmods", Vec::new())?,
        at_least_once: fields.or("at_least_once", false)?,
        call_monitor_timeout_s: fields.optional("call_monitor_timeout_s")?,
        shared_transport: fields.optional("shared_transport")?,
        start_ms: fields.or("start_ms", 0)?,
        steps: required_list(&fields, "steps", client_step)?,
    })
}

pub(crate) fn rpc_server(path: &str, value: &Value) -> Result<RpcServerConfig, Diagnostic> {
    let fields = Fields::of(path, value, &["name", "target", "endpoints", "transport", "start_ms"])?;
    Ok(RpcServerConfig {
        name: fields.required("name")?,
        target: required(&fields, "target", target)?,
        endpoints: required_list(&fields, "endpoints", endpoint)?,
        transport: transport_of(&fields)?,
        start_ms: fields.or("start_ms", 0)?,
    })
}

fn endpoint(path: &str, value: &Value) -> Result<Endpoint, Diagnostic> {
    let fields = Fields::of(path, value, &["name", "target", "methods", "source_file"])?;
    Ok(Endpoint {
        name: fields.required("name")?,
        target: fields.optional_with("target", target)?,
        methods: required_list(&fields, "methods", method)?,
        source_file: fields.optional("source_file")?,
    })
}

pub(crate) fn notifier(path: &str, value: &Value) -> Result<NotifierConfig, Diagnostic> {
    let fields = Fields::of(
        path,
        value,
        &["name", "publisher_id", "topics", "driver", "transport", "epoch_ms", "start_ms", "steps"],
    )?;
    Ok(NotifierConfig {
        name: fields.required("name")?,
        publisher_id: fields.required("publisher_id")?,
        topics: fields.or("topics", default_topics())?,
        driver: fields.or("driver", Default::default())?,
        transport: transport_of(&fields)?,
        epoch_ms: fields.or("epoch_ms", 0)?,
        start_ms: fields.or("start_ms", 0)?,
        steps: required_list(&fields, "steps", notify_step)?,
    })
}

pub(crate) fn listener(path: &str, value: &Value) -> Result<ListenerConfig, Diagnostic> {
    let fields =
        Fields::of(path, value, &["name", "targets", "endpoints", "pool", "allow_requeue", "transport", "start_ms"])?;
    Ok(ListenerConfig {
        name: fields.required("name")?,
        targets: fields.list_with("targets", target)?.unwrap_or_else(default_targets),
        endpoints: required_list(&fields, "endpoints", notification_endpoint)?,
        pool: fields.optional("pool")?,
        allow_requeue: fields.or("allow_requeue", false)?,
        transport: transport_of(&fields)?,
        start_ms: fields.or("start_ms", 0)?,
    })
}

/// A member that must be there, read by `read`.
fn required<T>(fields: &Fields, name: &str, read: Reader<T>) -> Result<T, Diagnostic> {
    fields.with(name, read)?.ok_or_else(|| fields.missing(name))
}

/// A list member that must be there, each item read by `read`.
fn required_list<T>(fields: &Fields, name: &str, read: Reader<T>) -> Result<Vec<T>, Diagnostic> {
    fields.list_with(name, read)?.ok_or_else(|| fields.missing(name))
}

/// The `transport` member, oslo.messaging's defaults when it is left out.
fn transport_of(fields: &Fields) -> Result<TransportConfig, Diagnostic> {
    Ok(fields.with("transport", transport)?.unwrap_or_default())
}

fn target(path: &str, value: &Value) -> Result<Target, Diagnostic> {
    let fields = Fields::of(
        path,
        value,
        &["exchange", "topic", "namespace", "version", "server", "fanout", "legacy_namespaces"],
    )?;
    Ok(Target {
        exchange: fields.optional("exchange")?,
        topic: fields.optional("topic")?,
        namespace: fields.optional("namespace")?,
        version: fields.optional("version")?,
        server: fields.optional("server")?,
        fanout: fields.or("fanout", false)?,
        legacy_namespaces: fields.or("legacy_namespaces", Vec::new())?,
    })
}

fn prepare(path: &str, value: &Value) -> Result<Prepare, Diagnostic> {
    let fields = Fields::of(
        path,
        value,
        &["exchange", "topic", "namespace", "version", "server", "fanout", "timeout_ms", "call_monitor_timeout_s"],
    )?;
    Ok(Prepare {
        exchange: fields.optional("exchange")?,
        topic: fields.optional("topic")?,
        namespace: fields.optional("namespace")?,
        version: fields.optional("version")?,
        server: fields.optional("server")?,
        fanout: fields.optional("fanout")?,
        timeout_ms: fields.optional("timeout_ms")?,
        call_monitor_timeout_s: fields.optional("call_monitor_timeout_s")?,
    })
}

fn transport(path: &str, value: &Value) -> Result<TransportConfig, Diagnostic> {
    let fields = Fields::of(
        path,
        value,
        &[
            "control_exchange",
            "durable_queues",
            "auto_delete",
            "transient_queues_ttl_s",
            "rpc_response_timeout_ms",
            "direct_mandatory",
            "missing_consumer_retry_timeout_ms",
            "prefetch",
        ],
    )?;
    let default = TransportConfig::default();
    Ok(TransportConfig {
        control_exchange: fields.or("control_exchange", default.control_exchange)?,
        durable_queues: fields.or("durable_queues", default.durable_queues)?,
        auto_delete: fields.or("auto_delete", default.auto_delete)?,
        transient_queues_ttl_s: fields.or("transient_queues_ttl_s", default.transient_queues_ttl_s)?,
        rpc_response_timeout_ms: fields.or("rpc_response_timeout_ms", default.rpc_response_timeout_ms)?,
        direct_mandatory: fields.or("direct_mandatory", default.direct_mandatory)?,
        missing_consumer_retry_timeout_ms: fields
            .or("missing_consumer_retry_timeout_ms", default.missing_consumer_retry_timeout_ms)?,
        prefetch: fields.or("prefetch", default.prefetch)?,
    })
}

fn client_step(path: &str, value: &Value) -> Result<ClientStep, Diagnostic> {
    let fields = Fields::of(path, value, &["after_ms", "action", "method", "args", "prepare", "context", "count"])?;
    Ok(ClientStep {
        after_ms: fields.or("after_ms", default_after_ms())?,
        action: fields.required("action")?,
        method: fields.required("method")?,
        args: fields.or("args", serde_json::Map::new())?,
        prepare: fields.with("prepare", prepare)?.unwrap_or_default(),
        context: fields.or("context", serde_json::Map::new())?,
        count: fields.or("count", one())?,
    })
}

fn method(path: &str, value: &Value) -> Result<Method, Diagnostic> {
    let fields = Fields::of(path, value, &["name", "params", "behaviour", "duration_ms", "line"])?;
    Ok(Method {
        name: fields.required("name")?,
        params: fields.optional("params")?,
        behaviour: fields.required("behaviour")?,
        duration_ms: fields.or("duration_ms", 0)?,
        line: fields.optional("line")?,
    })
}

fn notify_step(path: &str, value: &Value) -> Result<NotifyStep, Diagnostic> {
    let fields = Fields::of(
        path,
        value,
        &["after_ms", "priority", "event_type", "payload", "context", "request_context", "publisher_id", "count"],
    )?;
    Ok(NotifyStep {
        after_ms: fields.or("after_ms", default_after_ms())?,
        priority: fields.required("priority")?,
        event_type: fields.required("event_type")?,
        payload: fields.or("payload", Value::Null)?,
        context: fields.or("context", serde_json::Map::new())?,
        request_context: fields.optional("request_context")?,
        publisher_id: fields.optional("publisher_id")?,
        count: fields.or("count", one())?,
    })
}

fn notification_endpoint(path: &str, value: &Value) -> Result<NotificationEndpoint, Diagnostic> {
    let fields = Fields::of(path, value, &["name", "handlers", "filter_rule"])?;
    Ok(NotificationEndpoint {
        name: fields.required("name")?,
        handlers: required_list(&fields, "handlers", handler)?,
        filter_rule: fields.optional_with("filter_rule", filter)?,
    })
}

fn handler(path: &str, value: &Value) -> Result<Handler, Diagnostic> {
    let fields = Fields::of(path, value, &["priority", "result", "duration_ms"])?;
    Ok(Handler {
        priority: fields.required("priority")?,
        result: fields.or("result", Default::default())?,
        duration_ms: fields.or("duration_ms", 0)?,
    })
}

fn filter(path: &str, value: &Value) -> Result<Filter, Diagnostic> {
    let fields = Fields::of(path, value, &["publisher_id", "event_type", "context", "metadata", "payload"])?;
    Ok(Filter {
        publisher_id: fields.optional("publisher_id")?,
        event_type: fields.optional("event_type")?,
        context: fields.or("context", Default::default())?,
        metadata: fields.or("metadata", Default::default())?,
        payload: fields.or("payload", Default::default())?,
    })
}
