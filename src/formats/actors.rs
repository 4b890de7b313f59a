//! Reads each actor kind's settings from a scenario file, member by member, with the problems
//! and paths serde's derived readers with `deny_unknown_fields` give (an unknown member is
//! found before a member of the wrong type; a missing one is said at the object).
//!
//! Written by hand with [`Fields`] rather than derived: a derived reader per settings struct
//! compiled its own field matcher, map visitor and unused sequence visitor into the browser
//! bundle, 15 to 18 KB each before wasm-opt for the oslo actors alone (BENCHMARKS.md).

use serde_json::Value;

use crate::formats::Diagnostic;
use crate::formats::read::Fields;
use crate::oslo::client::RpcClientConfig;
use crate::oslo::dispatcher::Endpoint;
use crate::oslo::listener::{ListenerConfig, default_targets};
use crate::oslo::notifier::{NotifierConfig, default_topics};
use crate::oslo::server::RpcServerConfig;
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
        target: fields.required("target")?,
        transport: fields.or("transport", Default::default())?,
        timeout_ms: fields.optional("timeout_ms")?,
        version_cap: fields.optional("version_cap")?,
        allowed_remote_exmods: fields.or("allowed_remote_exmods", Vec::new())?,
        at_least_once: fields.or("at_least_once", false)?,
        call_monitor_timeout_s: fields.optional("call_monitor_timeout_s")?,
        shared_transport: fields.optional("shared_transport")?,
        start_ms: fields.or("start_ms", 0)?,
        steps: fields.required("steps")?,
    })
}

pub(crate) fn rpc_server(path: &str, value: &Value) -> Result<RpcServerConfig, Diagnostic> {
    let fields = Fields::of(path, value, &["name", "target", "endpoints", "transport", "start_ms"])?;
    let name = fields.required("name")?;
    let target = fields.required("target")?;
    let endpoints = fields
        .required::<Vec<Value>>("endpoints")?
        .iter()
        .enumerate()
        .map(|(idx, endpoint)| read_endpoint(&format!("{}[{idx}]", Fields::member_path(path, "endpoints")), endpoint))
        .collect::<Result<_, _>>()?;
    Ok(RpcServerConfig {
        name,
        target,
        endpoints,
        transport: fields.or("transport", Default::default())?,
        start_ms: fields.or("start_ms", 0)?,
    })
}

fn read_endpoint(path: &str, value: &Value) -> Result<Endpoint, Diagnostic> {
    let fields = Fields::of(path, value, &["name", "target", "methods", "source_file"])?;
    Ok(Endpoint {
        name: fields.required("name")?,
        target: fields.optional("target")?,
        methods: fields.required("methods")?,
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
        transport: fields.or("transport", Default::default())?,
        epoch_ms: fields.or("epoch_ms", 0)?,
        start_ms: fields.or("start_ms", 0)?,
        steps: fields.required("steps")?,
    })
}

pub(crate) fn listener(path: &str, value: &Value) -> Result<ListenerConfig, Diagnostic> {
    let fields =
        Fields::of(path, value, &["name", "targets", "endpoints", "pool", "allow_requeue", "transport", "start_ms"])?;
    Ok(ListenerConfig {
        name: fields.required("name")?,
        targets: fields.or("targets", default_targets())?,
        endpoints: fields.required("endpoints")?,
        pool: fields.optional("pool")?,
        allow_requeue: fields.or("allow_requeue", false)?,
        transport: fields.or("transport", Default::default())?,
        start_ms: fields.or("start_ms", 0)?,
    })
}
