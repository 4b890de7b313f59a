//! Replays the built-in `oslo-capture` scenario and compares it with the recording of real
//! oslo.messaging 18.3.1 on RabbitMQ 3.10.8 (`tests/reference/oslo-capture.json`):
//! the declared exchanges, queues (with arguments) and bindings, the sequence of publishes
//! (exchange, routing key, routed queues, `_msg_id` / `_reply_q` / expiration, the body
//! itself), reply correlation, the deliveries, and the results and errors the caller saw.
//! Names and fields carrying random ids are compared by pattern.

use std::collections::BTreeMap;

use kaiten::engine::BrokerEvent;
use kaiten::oslo::note::{OsloNote, Sent};
use kaiten::sim::{ActorId, Note, Session, TraceEvent, Until};
use regex::Regex;
use serde_json::Value;

fn recording() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reference/oslo-capture.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|error| panic!("the recording at {path}: {error}"));
    serde_json::from_str(&text).unwrap()
}

/// Replaces random ids and timestamps by placeholders.
fn normalize(text: &str) -> String {
    let uuid = Regex::new(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}").unwrap();
    let hex = Regex::new(r"[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}").unwrap();
    let timestamp = Regex::new(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?").unwrap();
    let text = uuid.replace_all(text, "<uuid>");
    let text = hex.replace_all(&text, "<id>");
    timestamp.replace_all(&text, "<timestamp>").into_owned()
}

/// The leftover queue from an earlier run the README says to ignore: a fanout queue with
/// no consumer.
fn leftover_queue(recording: &Value) -> String {
    let queues = recording["queues"].as_str().unwrap();
    let line = queues
        .lines()
        .find(|line| line.starts_with("compute_fanout_") && line.ends_with("\t0"))
        .expect("the recording has one leftover fanout queue without consumers");
    line.split('\t').next().unwrap().to_string()
}

fn rows(table: &str) -> Vec<Vec<String>> {
    table.lines().skip(1).map(|line| line.split('\t').map(str::to_string).collect()).collect()
}

/// `[{"x-expires",1800000}]` as `x-expires=1800000`.
fn erlang_arguments(text: &str) -> String {
    let pair = Regex::new(r#"\{"([^"]+)",([^}]+)\}"#).unwrap();
    pair.captures_iter(text).map(|capture| format!("{}={}", &capture[1], &capture[2])).collect::<Vec<_>>().join(",")
}

fn json_arguments(arguments: &kaiten::engine::FieldTable) -> String {
    arguments.iter().map(|(key, value)| format!("{key}={}", value.to_json())).collect::<Vec<_>>().join(",")
}

struct Run {
    session: Session,
}

impl Run {
    fn new() -> Run {
        let scenario = kaiten::scenarios::builtin("oslo-capture").expect("built in").expect("loads");
        let world = scenario.build(scenario.seed).expect("builds");
        let mut session = Session::new(world);
        session.run_until(Until::Idle);
        Run { session }
    }

    fn notes(&self) -> Vec<(ActorId, OsloNote)> {
        self.session
            .trace()
            .iter()
            .filter_map(|entry| match &entry.event {
                TraceEvent::Note { actor, note } => Some((*actor, note.client_note::<OsloNote>()?.clone())),
                _ => None,
            })
            .collect()
    }
}

#[test]
fn declared_topology_matches_the_recording() {
    let recording = recording();
    let leftover = leftover_queue(&recording);
    let run = Run::new();
    let topology = run.session.world().broker().topology();

    let recorded_exchanges: Vec<String> = rows(recording["exchanges"].as_str().unwrap())
        .into_iter()
        .filter(|row| !row[0].is_empty() && !row[0].starts_with("amq."))
        .map(|row| row.join(" "))
        .collect();
    let mut ours: Vec<String> = topology
        .exchanges()
        .filter(|exchange| !exchange.is_builtin())
        .map(|exchange| {
            let spec = &exchange.spec;
            format!("{} {} {} {} {}", spec.name, spec.kind.as_str(), spec.durable, spec.auto_delete, spec.internal)
        })
        .collect();
    let mut recorded_exchanges = recorded_exchanges;
    recorded_exchanges.sort();
    ours.sort();
    assert_eq!(ours, recorded_exchanges);

    let mut recorded_queues: Vec<String> = rows(recording["queues"].as_str().unwrap())
        .into_iter()
        .filter(|row| row[0] != "gt.firehose" && row[0] != leftover)
        .map(|row| normalize(&format!("{} {} {} {} [{}]", row[0], row[1], row[2], row[3], erlang_arguments(&row[4]))))
        .collect();
    let mut our_queues: Vec<String> = topology
        .queues()
        .map(|queue| {
            let spec = &queue.spec;
            let text = format!(
                "{} {} {} {} [{}]",
                spec.name,
                spec.durable,
                spec.auto_delete,
                spec.exclusive,
                json_arguments(&spec.arguments)
            );
            normalize(&text)
        })
        .collect();
    recorded_queues.sort();
    our_queues.sort();
    assert_eq!(our_queues, recorded_queues);

    let mut recorded_bindings: Vec<String> = rows(recording["bindings"].as_str().unwrap())
        .into_iter()
        .filter(|row| row[2] != "gt.firehose" && row[2] != leftover)
        .map(|row| normalize(&format!("{} -> {} ({}) key '{}' {}", row[0], row[2], row[3], row[4], row[5])))
        .collect();
    // The default exchange binds every queue by its name.
    let mut our_bindings: Vec<String> =
        topology.queues().map(|queue| normalize(&format!(" -> {0} (queue) key '{0}' []", queue.name()))).collect();
    for binding in topology.bindings() {
        let source = topology.exchange(binding.source).unwrap().name();
        let destination = topology.destination_name(binding.destination);
        let arguments =
            if binding.arguments.is_empty() { "[]".to_string() } else { json_arguments(&binding.arguments) };
        our_bindings
            .push(normalize(&format!("{source} -> {destination} (queue) key '{}' {arguments}", binding.routing_key)));
    }
    recorded_bindings.sort();
    our_bindings.sort();
    assert_eq!(our_bindings, recorded_bindings);
}

/// One publish as the firehose saw it, with ids by pattern.
#[derive(Debug, PartialEq)]
struct PublishSeen {
    exchange: String,
    routing_key: String,
    routed_queues: Vec<String>,
    msg_id: bool,
    reply_q: bool,
    expiration: Option<String>,
    body: String,
}

fn message_of(body: &Value) -> Value {
    match body.get("oslo.message").and_then(Value::as_str) {
        Some(inner) => serde_json::from_str(inner).unwrap(),
        None => body.clone(),
    }
}

fn recorded_publishes(recording: &Value, leftover: &str) -> Vec<PublishSeen> {
    recording["firehose"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|event| event["event"].as_str().unwrap().starts_with("publish."))
        .map(|event| {
            let message = message_of(&event["body"]);
            let body = match event["body"].get("oslo.message") {
                Some(inner) => inner.as_str().unwrap().to_string(),
                None => serde_json::to_string(&event["body"]).unwrap(),
            };
            let mut routed_queues: Vec<String> = event["routed_queues"]
                .as_array()
                .unwrap()
                .iter()
                .map(|queue| queue.as_str().unwrap())
                .filter(|queue| *queue != leftover)
                .map(normalize)
                .collect();
            routed_queues.sort();
            PublishSeen {
                exchange: event["exchange"].as_str().unwrap().into(),
                routing_key: normalize(event["routing_keys"][0].as_str().unwrap()),
                routed_queues,
                msg_id: message.get("_msg_id").is_some(),
                reply_q: message.get("_reply_q").is_some(),
                expiration: event["props"]["expiration"].as_str().map(str::to_string),
                body: normalize(&body),
            }
        })
        .collect()
}

/// What an actor sent: exchange, routing key, expiration and body.
type SentPublish = (String, String, Option<String>, String);

fn our_publishes(run: &Run) -> Vec<PublishSeen> {
    let world = run.session.world();
    let topology = world.broker().topology();
    // What each actor sent, oldest first, to pair with arrivals at the broker.
    let mut sent: BTreeMap<ActorId, Vec<SentPublish>> = BTreeMap::new();
    let mut arrivals = Vec::new();
    let mut routes: BTreeMap<kaiten::engine::PublishId, Vec<String>> = BTreeMap::new();
    for entry in run.session.trace() {
        match &entry.event {
            TraceEvent::Note { actor, note }
                if let Some(OsloNote::Published { exchange, routing_key, expiration, body, .. }) =
                    note.client_note::<OsloNote>() =>
            {
                sent.entry(*actor).or_default().push((
                    exchange.clone(),
                    routing_key.clone(),
                    expiration.clone(),
                    body.to_string(),
                ));
            }
            TraceEvent::Arrived { actor, publish, exchange, routing_keys, .. } => {
                arrivals.push((*actor, *publish, exchange.clone(), routing_keys[0].clone()));
            }
            TraceEvent::Broker(BrokerEvent::Routed { publish, route, .. }) => {
                let names =
                    route.queues.iter().map(|queue| topology.queue(*queue).unwrap().name().to_string()).collect();
                routes.insert(*publish, names);
            }
            _ => {}
        }
    }
    arrivals
        .into_iter()
        .map(|(actor, publish, exchange, routing_key)| {
            let queue = sent.get_mut(&actor).unwrap();
            let position = queue
                .iter()
                .position(|(e, k, _, _)| *e == exchange && *k == routing_key)
                .expect("every arrival was sent");
            let (_, _, expiration, body) = queue.remove(position);
            let message = message_of(&serde_json::from_str(&body).unwrap());
            let body_text = match serde_json::from_str::<Value>(&body).unwrap().get("oslo.message") {
                Some(inner) => inner.as_str().unwrap().to_string(),
                None => serde_json::to_string(&serde_json::from_str::<Value>(&body).unwrap()).unwrap(),
            };
            let mut routed_queues: Vec<String> =
                routes.get(&publish).cloned().unwrap_or_default().iter().map(|q| normalize(q)).collect();
            routed_queues.sort();
            PublishSeen {
                exchange,
                routing_key: normalize(&routing_key),
                routed_queues,
                msg_id: message.get("_msg_id").is_some(),
                reply_q: message.get("_reply_q").is_some(),
                expiration,
                body: normalize(&body_text),
            }
        })
        .collect()
}

#[test]
fn publishes_match_the_recording_in_order() {
    let recording = recording();
    let leftover = leftover_queue(&recording);
    let run = Run::new();
    let ours = our_publishes(&run);
    let recorded = recorded_publishes(&recording, &leftover);
    assert_eq!(ours.len(), recorded.len(), "{ours:#?}");
    for (index, (ours, recorded)) in ours.iter().zip(&recorded).enumerate() {
        assert_eq!(ours, recorded, "publish #{index}");
    }
}

/// Every reply goes to the reply queue the call named and carries the call's `_msg_id`.
fn check_reply_correlation(publishes: &[(String, String, Value)]) -> usize {
    let mut calls: BTreeMap<String, String> = BTreeMap::new();
    let mut replies = 0;
    for (exchange, routing_key, message) in publishes {
        if let (Some(msg_id), Some(reply_q)) = (message.get("_msg_id"), message.get("_reply_q")) {
            calls.insert(msg_id.as_str().unwrap().into(), reply_q.as_str().unwrap().into());
        } else if let Some(msg_id) = message.get("_msg_id") {
            assert_eq!(exchange, "", "replies go through the default exchange");
            assert_eq!(
                calls.get(msg_id.as_str().unwrap()),
                Some(routing_key),
                "a reply goes to its call's reply queue"
            );
            replies += 1;
        }
    }
    replies
}

#[test]
fn replies_correlate_with_their_calls() {
    let recording = recording();
    let recorded: Vec<(String, String, Value)> = recording["firehose"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|event| event["event"].as_str().unwrap().starts_with("publish."))
        .map(|event| {
            (
                event["exchange"].as_str().unwrap().into(),
                event["routing_keys"][0].as_str().unwrap().into(),
                message_of(&event["body"]),
            )
        })
        .collect();
    let run = Run::new();
    let ours: Vec<(String, String, Value)> = run
        .notes()
        .into_iter()
        .filter_map(|(_, note)| match note {
            OsloNote::Published { exchange, routing_key, body, .. } => {
                Some((exchange, routing_key, message_of(&serde_json::from_str(&body).unwrap())))
            }
            _ => None,
        })
        .collect();
    assert_eq!(check_reply_correlation(&recorded), 4);
    assert_eq!(check_reply_correlation(&ours), 4);
}

#[test]
fn deliveries_match_the_recording() {
    let recording = recording();
    let mut recorded: Vec<String> = recording["firehose"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|event| event["event"].as_str().unwrap().strip_prefix("deliver.").map(normalize))
        .collect();
    let run = Run::new();
    let topology = run.session.world().broker().topology();
    let mut ours: Vec<String> = run
        .session
        .trace()
        .iter()
        .filter_map(|entry| match &entry.event {
            TraceEvent::Broker(BrokerEvent::Delivered { queue, .. }) => {
                Some(normalize(topology.queue(*queue).unwrap().name()))
            }
            _ => None,
        })
        .collect();
    recorded.sort();
    ours.sort();
    assert_eq!(ours, recorded);
}

#[test]
fn results_and_errors_match_the_recording() {
    let recording = recording();
    let run = Run::new();
    let mut outcomes = Vec::new();
    for (_, note) in run.notes() {
        match note {
            OsloNote::CallReturned { method, result, .. } => outcomes.push(format!("{method} -> {result}")),
            OsloNote::CallFailed { method, error, .. } => {
                outcomes.push(format!("{method} -> {}", normalize(&error.python_display())))
            }
            _ => {}
        }
    }
    let expected = vec![
        format!("add -> {}", recording["call_result"]),
        format!("boom -> {}", recording["boom_exc"].as_str().unwrap()),
        format!("nosuch -> {}", recording["nosuch_exc"].as_str().unwrap()),
        format!("add -> {}", recording["version_exc"].as_str().unwrap()),
        format!("add -> {}", normalize(recording["timeout_exc"].as_str().unwrap())),
    ];
    assert_eq!(outcomes, expected);
}

#[test]
fn calls_block_the_client_and_servers_ack_before_dispatch() {
    let run = Run::new();
    let notes = run.notes();
    let blocked = notes.iter().filter(|(_, note)| matches!(note, OsloNote::CallBlocked { .. })).count();
    assert_eq!(blocked, 5);
    // The server's ack precedes its dispatch decision for every request.
    let trace: Vec<&TraceEvent> = run.session.trace().iter().map(|entry| &entry.event).collect();
    for (index, event) in trace.iter().enumerate() {
        if let TraceEvent::Note { actor, note } = event
            && let Some(OsloNote::Dispatched { .. }) = note.client_note::<OsloNote>()
        {
            let settled = trace[..index].iter().rev().find_map(|earlier| match earlier {
                TraceEvent::Note { actor: who, note: Note::Settled { settle, .. } } if who == actor => Some(*settle),
                _ => None,
            });
            assert_eq!(settled, Some(kaiten::sim::Settle::Ack));
        }
    }
    let casts =
        notes.iter().filter(|(_, note)| matches!(note, OsloNote::Published { sent: Sent::Cast { .. }, .. })).count();
    assert_eq!(casts, 3);
}

#[test]
fn the_trace_reads_as_sentences() {
    let run = Run::new();
    let world = run.session.world();
    let mut describer = kaiten::explain::Describer::default();
    let mut lines = Vec::new();
    for entry in run.session.trace() {
        let description = describer.describe(entry, world);
        lines.push(format!("{:>6} {}", entry.time, description.sentence));
    }
    let text = lines.join("\n");
    std::fs::write(std::env::temp_dir().join("oslo-capture-trace.txt"), &text).ok();
    assert!(text.contains("client's boom raised builtins.ValueError: kaboom"), "{text}");
    assert!(text.contains("is blocked in call add"));
}
