//! The oslo.messaging built-in scenarios behave as oslo.messaging does, and the
//! conformance cases of `amqp-oslo-semantics.txt` (49-61) that need a running system hold
//! on the simulator.

use std::collections::BTreeMap;

use kaiten::engine::{BrokerEvent, DropReason};
use kaiten::formats::scenario::Scenario;
use kaiten::oslo::note::OsloNote;
use kaiten::sim::{ActorState, Session, TraceEntry, TraceEvent, Until};
use serde_json::{Value, json};

fn run_scenario(scenario: &Scenario, seed: u64) -> Session {
    let world = scenario.build(seed).unwrap_or_else(|errors| panic!("{}: {errors:?}", scenario.name));
    let mut session = Session::new(world);
    session.run_until(Until::Idle);
    session
}

fn builtin(name: &str) -> Session {
    let scenario = kaiten::scenarios::builtin(name).expect("built in").expect("loads");
    let session = run_scenario(&scenario, scenario.seed);
    write_trace(name, &session);
    session
}

fn from_json(value: Value) -> Session {
    let scenario = Scenario::from_json(&value.to_string()).unwrap_or_else(|errors| panic!("{errors:?}"));
    run_scenario(&scenario, 1)
}

/// Writes the rendered trace next to the other test output, for reading.
fn write_trace(name: &str, session: &Session) {
    let world = session.world();
    let mut describer = kaiten::explain::Describer::default();
    let lines: Vec<String> = session
        .trace()
        .iter()
        .map(|entry| {
            let description = describer.describe(entry, world);
            format!("{:>6} {}", entry.time, description.sentence)
        })
        .collect();
    std::fs::write(std::env::temp_dir().join(format!("kaiten-{name}.txt")), lines.join("\n")).ok();
}

fn oslo_note(entry: &TraceEntry) -> Option<&OsloNote> {
    match &entry.event {
        TraceEvent::Note { note, .. } => note.client_note::<OsloNote>(),
        _ => None,
    }
}

fn notes(session: &Session) -> Vec<(String, OsloNote)> {
    let world = session.world();
    session
        .trace()
        .iter()
        .filter_map(|entry| match &entry.event {
            TraceEvent::Note { actor, note } => {
                Some((world.actor_name(*actor).to_string(), note.client_note::<OsloNote>()?.clone()))
            }
            _ => None,
        })
        .collect()
}

/// What each caller got, in order: `actor: method -> result` or `-> Class: first line`.
fn outcomes(session: &Session) -> Vec<String> {
    notes(session)
        .into_iter()
        .filter_map(|(actor, note)| match note {
            OsloNote::CallReturned { method, result, .. } => Some(format!("{actor}: {method} -> {result}")),
            OsloNote::CallFailed { method, error, .. } => {
                let text = error.to_string();
                Some(format!(
                    "{actor}: {method} -> {}: {}",
                    error.python_class(),
                    text.lines().next().unwrap_or_default()
                ))
            }
            _ => None,
        })
        .collect()
}

/// Methods each server or listener dispatched, by actor.
fn dispatched(session: &Session) -> BTreeMap<String, Vec<String>> {
    let mut by_actor: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (actor, note) in notes(session) {
        match note {
            OsloNote::Dispatched { method, .. } => by_actor.entry(actor).or_default().push(method),
            OsloNote::NotificationDispatched { event_type, .. } => by_actor.entry(actor).or_default().push(event_type),
            _ => {}
        }
    }
    by_actor
}

fn ready(session: &Session, queue: &str) -> usize {
    let broker = session.world().broker();
    broker.topology().queue_by_name(queue).map_or(0, |queue| broker.ready_count(queue.id))
}

#[test]
fn rpc_call_blocks_the_caller_and_reuses_one_reply_queue() {
    let session = builtin("rpc-call");
    assert_eq!(outcomes(&session), ["conductor: add -> 42", "conductor: add -> 12", "conductor: add -> 2"]);
    for (_, note) in notes(&session) {
        if let OsloNote::CallReturned { waited_ms, .. } = note {
            assert!(waited_ms >= 300, "the server works 300 ms");
        }
    }
    let reply_queues =
        session.world().broker().topology().queues().filter(|queue| queue.name().starts_with("reply_")).count();
    assert_eq!(reply_queues, 1);
    let servers = dispatched(&session);
    assert!(servers.contains_key("compute-host1") && servers.contains_key("compute-host2"), "round-robin: {servers:?}");

    // Midway through the first call, the conductor is blocked.
    let scenario = kaiten::scenarios::builtin("rpc-call").unwrap().unwrap();
    let mut session = Session::new(scenario.build(scenario.seed).unwrap());
    session.run_until(Until::Time(400));
    let world = session.world();
    let (_, conductor) = world.actors().find(|(_, actor)| actor.name() == "conductor").unwrap();
    assert!(matches!(conductor.status().state, ActorState::Blocked { since: 200, .. }), "{:?}", conductor.status());
}

#[test]
fn rpc_cast_never_waits_and_makes_no_reply_queue() {
    let session = builtin("rpc-cast");
    assert!(outcomes(&session).is_empty());
    assert!(!notes(&session).iter().any(|(_, note)| matches!(note, OsloNote::CallBlocked { .. })));
    assert!(!session.world().broker().topology().queues().any(|queue| queue.name().starts_with("reply_")));
    let servers = dispatched(&session);
    assert_eq!(servers["compute-host1"].len(), 3);
    assert_eq!(servers["compute-host2"].len(), 3);
}

#[test]
fn case_51_fanout_reaches_every_server_and_call_with_fanout_is_refused() {
    let session = builtin("rpc-fanout");
    let servers = dispatched(&session);
    let refreshes: usize =
        servers.values().map(|methods| methods.iter().filter(|m| *m == "refresh_cache").count()).sum();
    let notes_run: usize = servers.values().map(|methods| methods.iter().filter(|m| *m == "note").count()).sum();
    for host in ["host1", "host2", "host3"] {
        assert_eq!(servers[host].iter().filter(|m| *m == "refresh_cache").count(), 2, "{host}");
    }
    assert_eq!((refreshes, notes_run), (6, 1));
    assert_eq!(
        outcomes(&session),
        [
            "api: refresh_cache -> oslo_messaging.exceptions.InvalidTarget: A call cannot be used with fanout:<Target topic=compute, fanout=True>"
        ]
    );
    let published = notes(&session)
        .iter()
        .filter(|(actor, note)| actor == "api" && matches!(note, OsloNote::Published { .. }))
        .count();
    assert_eq!(published, 3, "the refused call publishes nothing");
}

#[test]
fn case_49_server_targeted_messages_reach_only_that_server() {
    let session = builtin("rpc-server-targeted");
    let outcomes = outcomes(&session);
    assert_eq!(outcomes[0..2], ["conductor: whoami -> \"host2\"", "conductor: whoami -> \"host2\""]);
    assert!(outcomes[3].starts_with("conductor: whoami -> oslo_messaging.exceptions.MessagingTimeout"), "{outcomes:?}");
    let servers = dispatched(&session);
    assert_eq!(servers["host2"].iter().filter(|m| *m == "note").count(), 1);
    assert!(!servers.get("host1").is_some_and(|methods| methods.contains(&"note".to_string())));
    assert!(!servers.get("host3").is_some_and(|methods| methods.contains(&"note".to_string())));
    let total: usize = servers.values().map(Vec::len).sum();
    assert_eq!(total, 4, "note, two targeted whoami and one shared whoami");
}

#[test]
fn case_53_rpc_timeout_three_ways() {
    let session = builtin("rpc-timeout");
    let outcomes = outcomes(&session);
    assert_eq!(outcomes.len(), 3);
    assert!(
        outcomes
            .iter()
            .all(|outcome| { outcome.contains("MessagingTimeout: Timed out waiting for a reply to message ID") })
    );
    let notes = notes(&session);
    assert!(notes.iter().any(|(actor, note)| actor == "caller" && matches!(note, OsloNote::ReplyUnexpected { .. })));
    let topology = session.world().broker().topology();
    let expired_in_gone = session.trace().iter().any(|entry| match &entry.event {
        TraceEvent::Broker(BrokerEvent::Dropped { queue, reason: DropReason::Expired, .. }) => {
            topology.queue(*queue).is_some_and(|queue| queue.name() == "gone")
        }
        _ => false,
    });
    assert!(expired_in_gone, "the request expired at the head of 'gone'");
    assert!(
        session
            .trace()
            .iter()
            .any(|entry| matches!(entry.event, TraceEvent::Broker(BrokerEvent::Unroutable { returned: false, .. })))
    );
}

#[test]
fn case_56_remote_errors_and_builtins() {
    let session = builtin("rpc-remote-error");
    assert_eq!(
        outcomes(&session),
        [
            "conductor: boom -> builtins.ValueError: kaboom",
            "conductor: find -> oslo_messaging.rpc.client.RemoteError: Remote error: InstanceNotFound Instance 42 could not be found.",
            "conductor: add -> builtins.TypeError: unsupported operand type(s) for +: 'int' and 'str'",
            "conductor: add -> builtins.TypeError: ComputeAPI.add() got an unexpected keyword argument 'c'",
            "conductor: _secret -> oslo_messaging.rpc.client.RemoteError: Remote error: NoSuchMethod Endpoint does not support RPC method _secret",
            "conductor: nosuch -> oslo_messaging.rpc.client.RemoteError: Remote error: NoSuchMethod Endpoint does not support RPC method nosuch",
            "nova-api: find -> nova.exception_Remote.InstanceNotFound_Remote: Instance 42 could not be found.",
        ]
    );
}

#[test]
fn case_55_namespaces_versions_and_version_cap() {
    let session = builtin("rpc-version-mismatch");
    let unsupported = |version: &str, method: &str| {
        format!(
            "conductor: {method} -> oslo_messaging.rpc.client.RemoteError: Remote error: UnsupportedVersion Endpoint does not support RPC version {version}. Attempted method: {method}"
        )
    };
    assert_eq!(
        outcomes(&session),
        [
            "conductor: get -> \"instance\"".to_string(),
            "conductor: get -> \"instance\"".to_string(),
            unsupported("1.4", "get"),
            unsupported("2.0", "get"),
            "conductor: reboot -> \"rebooting\"".to_string(),
            unsupported("2.2", "reboot"),
            "conductor: get -> oslo_messaging.rpc.client.RemoteError: Remote error: NoSuchMethod Endpoint does not support RPC method get".to_string(),
            "capped: get -> \"instance\"".to_string(),
            "capped: get -> oslo_messaging.rpc.client.RPCVersionCapError: Requested message version, 1.4 is incompatible.  It needs to be equal in major version and less than or equal in minor version as the specified version cap 1.3.".to_string(),
        ]
    );
}

#[test]
fn notifications_reach_every_pool_once_and_pool_members_share() {
    let session = builtin("notifications");
    let listeners = dispatched(&session);
    let ceilometer = listeners["ceilometer-1"].len() + listeners["ceilometer-2"].len();
    assert_eq!(ceilometer, 5, "info x3, warn, error: {listeners:?}");
    assert!(!listeners["ceilometer-1"].is_empty() && !listeners["ceilometer-2"].is_empty());
    assert_eq!(listeners["searchlight-listener"].len(), 4, "info x3 and error");
    assert_eq!(listeners["auditor"], ["compute.instance.exists"]);
    // The notifier's own queues keep what nobody consumes from them.
    assert_eq!(ready(&session, "notifications.info"), 3);
    assert_eq!(ready(&session, "notifications.debug"), 1);
    assert_eq!(ready(&session, "notifications.audit"), 0, "the plain listener consumes it");
    let notes = notes(&session);
    let filtered = notes.iter().any(|(actor, note)| {
        actor == "searchlight-listener"
            && matches!(note, OsloNote::NotificationDispatched { event_type, calls, .. }
                if event_type == "compute.instance.delete.end" && matches!(calls[0], kaiten::oslo::notify::HandlerCall::Filtered { .. }))
    });
    assert!(filtered);
    let requeue_refused = notes.iter().any(|(_, note)| {
        matches!(
            note,
            OsloNote::NotificationDispatched {
                result: kaiten::oslo::notify::NotificationResult::Requeue,
                requeue: false,
                ..
            }
        )
    });
    assert!(requeue_refused);
}

fn server(name: &str, topic: &str, exchange: Option<&str>) -> Value {
    let mut target = json!({"topic": topic, "server": name});
    if let Some(exchange) = exchange {
        target["exchange"] = json!(exchange);
    }
    json!({
        "kind": "rpc_server", "name": name, "target": target,
        "endpoints": [{"name": "E", "methods": [
            {"name": "ping", "params": [], "behaviour": {"return": "1"}, "duration_ms": 20},
            {"name": "note", "params": [], "behaviour": {"return": "None"}, "duration_ms": 20}
        ]}]
    })
}

#[test]
fn case_50_calls_and_casts_without_server_spread_over_all_servers() {
    let session = from_json(json!({
        "kaiten_scenario": 1, "name": "spread", "actors": [
            server("s1", "t", None), server("s2", "t", None), server("s3", "t", None),
            {"kind": "rpc_client", "name": "c", "target": {"topic": "t"}, "start_ms": 100, "steps": [
                {"action": "call", "method": "ping", "count": 14},
                {"action": "cast", "method": "note", "count": 20}
            ]}
        ]
    }));
    let servers = dispatched(&session);
    for name in ["s1", "s2", "s3"] {
        assert!(servers[name].iter().any(|m| m == "ping") && servers[name].iter().any(|m| m == "note"), "{servers:?}");
    }
    assert_eq!(outcomes(&session).len(), 14);
}

#[test]
fn case_52_server_groups_on_exchanges_see_only_their_exchange() {
    // As in oslo.messaging's functional test, each group has its own topic.
    let session = from_json(json!({
        "kaiten_scenario": 1, "name": "exchanges", "actors": [
            server("default", "t1", None), server("on-a", "t2", Some("a")), server("on-b", "t3", Some("b")),
            {"kind": "rpc_client", "name": "c", "target": {"topic": "t1"}, "start_ms": 100, "steps": [
                {"action": "call", "method": "ping", "count": 2},
                {"action": "call", "method": "ping", "prepare": {"exchange": "a", "topic": "t2"}, "count": 3},
                {"action": "call", "method": "ping", "prepare": {"exchange": "b", "topic": "t3"}, "count": 4},
                {"action": "call", "method": "ping", "prepare": {"exchange": "a", "topic": "t1"}}
            ]}
        ]
    }));
    let servers = dispatched(&session);
    assert_eq!((servers["default"].len(), servers["on-a"].len(), servers["on-b"].len()), (2, 3, 4));
    assert!(outcomes(&session)[9].contains("MessagingTimeout"), "topic t1 has no binding on exchange 'a'");
}

#[test]
fn one_topic_on_several_exchanges_shares_one_queue() {
    // Queue names do not include the exchange: servers with the same topic on different
    // exchanges consume the same queue 't', so calls on any exchange reach all of them.
    let session = from_json(json!({
        "kaiten_scenario": 1, "name": "shared", "actors": [
            server("default", "t", None), server("on-a", "t", Some("a")),
            {"kind": "rpc_client", "name": "c", "target": {"topic": "t"}, "start_ms": 100, "steps": [
                {"action": "call", "method": "ping", "count": 4}
            ]}
        ]
    }));
    let servers = dispatched(&session);
    assert_eq!((servers["default"].len(), servers["on-a"].len()), (2, 2));
}

#[test]
fn case_54_at_least_once_fails_fast_with_message_undeliverable() {
    let scenario = |at_least_once: bool| {
        from_json(json!({
            "kaiten_scenario": 1, "name": "missing", "actors": [
                server("s1", "t", None),
                {"kind": "rpc_client", "name": "c", "target": {"topic": "t"}, "timeout_ms": 3000, "at_least_once": at_least_once,
                 "start_ms": 100, "steps": [{"action": "call", "method": "ping", "prepare": {"server": "missing"}}]}
            ]
        }))
    };
    let plain = scenario(false);
    assert!(outcomes(&plain)[0].contains("MessagingTimeout"));
    let mandatory = scenario(true);
    assert_eq!(outcomes(&mandatory), ["c: ping -> oslo_messaging.exceptions.MessageUndeliverable: "]);
    let failed_at = mandatory
        .trace()
        .iter()
        .find(|entry| matches!(oslo_note(entry), Some(OsloNote::CallFailed { .. })))
        .unwrap()
        .time;
    assert!(failed_at < 200, "fails at once, not after the timeout: {failed_at}");
}

fn listener(name: &str, topic: &str, pool: Option<&str>) -> Value {
    json!({"kind": "notification_listener", "name": name, "targets": [{"topic": topic}], "pool": pool,
           "endpoints": [{"name": "E", "handlers": [{"priority": "info", "duration_ms": 10}]}]})
}

fn notifier(name: &str, topic: &str, count: u32) -> Value {
    json!({"kind": "notifier", "name": name, "publisher_id": "abc", "topics": [topic], "start_ms": 100,
           "steps": [{"after_ms": 20, "priority": "info", "event_type": "test", "payload": "Hello World!", "count": count}]})
}

#[test]
fn case_59_every_pool_gets_every_notification() {
    let session = from_json(json!({
        "kaiten_scenario": 1, "name": "pools", "actors": [
            listener("l1", "t", Some("pool1")), listener("l2", "t", Some("pool2")), notifier("n", "t", 2)
        ]
    }));
    let listeners = dispatched(&session);
    assert_eq!((listeners["l1"].len(), listeners["l2"].len()), (2, 2));
}

#[test]
fn case_60_plain_listeners_share_and_topics_stay_apart() {
    let session = from_json(json!({
        "kaiten_scenario": 1, "name": "plain", "actors": [
            listener("a1", "a", None), listener("a2", "a", None), listener("b1", "b", None),
            notifier("na", "a", 8), notifier("nb", "b", 3)
        ]
    }));
    let listeners = dispatched(&session);
    assert_eq!(listeners["a1"].len() + listeners["a2"].len(), 8);
    assert!(!listeners["a1"].is_empty() && !listeners["a2"].is_empty());
    assert_eq!(listeners["b1"].len(), 3);
}

#[test]
fn case_61_info_notification_via_topic_dot_info() {
    let session = from_json(json!({
        "kaiten_scenario": 1, "name": "simple", "actors": [listener("l", "test_simple", None), notifier("n", "test_simple", 1)]
    }));
    let delivered_from: Vec<String> = notes(&session)
        .into_iter()
        .filter_map(|(_, note)| match note {
            OsloNote::Listening { queues } => Some(queues.join(",")),
            _ => None,
        })
        .collect();
    assert_eq!(delivered_from, ["test_simple.info"]);
    let received = session.trace().iter().find_map(|entry| match oslo_note(entry) {
        Some(OsloNote::NotificationDispatched { event_type, priority, .. }) => {
            Some((event_type.clone(), priority.clone()))
        }
        _ => None,
    });
    assert_eq!(received, Some(("test".to_string(), "INFO".to_string())));
}

#[test]
fn oslo_scenarios_are_deterministic_and_seed_independent_in_outcome() {
    let scenario = kaiten::scenarios::builtin("oslo-capture").unwrap().unwrap();
    let trace = |seed| serde_json::to_string(run_scenario(&scenario, seed).trace()).unwrap();
    assert_eq!(trace(3), trace(3));
    let expected = outcomes(&run_scenario(&scenario, 1))
        .into_iter()
        .map(|outcome| outcome.split(" ID ").next().unwrap().to_string());
    for seed in 2..8 {
        let got = outcomes(&run_scenario(&scenario, seed))
            .into_iter()
            .map(|outcome| outcome.split(" ID ").next().unwrap().to_string());
        assert!(got.eq(expected.clone()), "seed {seed}");
    }
}

/// oslo.messaging 18.3.1, as a second recording found: a plain dict context is dropped by
/// `_sanitize_context`, a `RequestContext` travels as `_context_*` keys, `warning` is an
/// alias of `warn`, and `prepare(publisher_id=...)` changes one notification's publisher.
#[test]
fn notifier_contexts_warning_alias_and_prepared_publisher_id() {
    let session = from_json(json!({
        "kaiten_scenario": 1, "name": "contexts",
        "actors": [{"kind": "notifier", "name": "n", "publisher_id": "compute.host1", "driver": "messagingv2",
                    "transport": {"control_exchange": "nova"},
                    "steps": [
                        {"priority": "info", "event_type": "e.dict", "context": {"user": "u1"}},
                        {"priority": "info", "event_type": "e.request", "request_context": {"user": "u2", "project_id": "p"}},
                        {"priority": "warning", "event_type": "e.warning", "publisher_id": "compute.host9"}
                    ]}]
    }));
    let bodies: Vec<(String, Value)> = notes(&session)
        .into_iter()
        .filter_map(|(_, note)| match note {
            OsloNote::Published { routing_key, body, .. } => {
                let envelope: Value = serde_json::from_str(&body).unwrap();
                let message: Value = serde_json::from_str(envelope["oslo.message"].as_str().unwrap()).unwrap();
                Some((routing_key, message))
            }
            _ => None,
        })
        .collect();
    assert_eq!(bodies.len(), 3);
    let context_keys = |message: &Value| -> Vec<String> {
        message.as_object().unwrap().keys().filter(|key| key.starts_with("_context_")).cloned().collect()
    };
    assert!(context_keys(&bodies[0].1).is_empty(), "a dict context is not sent: {}", bodies[0].1);
    assert_eq!(context_keys(&bodies[1].1), ["_context_user", "_context_project_id"]);
    assert_eq!(bodies[1].1["_context_user"], "u2");
    assert_eq!(bodies[2].0, "notifications.warn");
    assert_eq!(bodies[2].1["priority"], "WARN");
    assert_eq!(bodies[2].1["publisher_id"], "compute.host9");
    assert_eq!(bodies[0].1["publisher_id"], "compute.host1");
}

/// Exceptions raised with several arguments or with keyword arguments (issue 14).
#[test]
fn exceptions_with_several_arguments_and_keyword_arguments() {
    let session = from_json(json!({
        "kaiten_scenario": 1, "name": "raises",
        "actors": [
            {"kind": "rpc_server", "name": "s", "target": {"topic": "t", "server": "h"},
             "endpoints": [{"name": "API", "methods": [
                 {"name": "two", "params": [], "behaviour": {"raise": {"class": "ValueError", "args": ["vol-9", 3]}}},
                 {"name": "key", "params": [], "behaviour": {"raise": {"class": "KeyError", "message": "vol-9"}}},
                 {"name": "nova", "params": [], "behaviour": {"raise": {"class": "nova.exception.InstanceNotFound",
                     "message": "Instance 42 could not be found.", "kwargs": {"instance_id": 42}}}}
             ]}]},
            {"kind": "rpc_client", "name": "c", "target": {"topic": "t"}, "timeout_ms": 2000, "steps": [
                {"action": "call", "method": "two"}, {"action": "call", "method": "key"},
                {"action": "call", "method": "nova"}
            ]}
        ]
    }));
    assert_eq!(
        outcomes(&session),
        [
            "c: two -> builtins.ValueError: ('vol-9', 3)",
            "c: key -> builtins.KeyError: 'vol-9'",
            "c: nova -> oslo_messaging.rpc.client.RemoteError: Remote error: InstanceNotFound Instance 42 could not be found.",
        ]
    );
}

/// A server `s1` on topic `t` whose `slow` method takes 400 ms, a client calling it at
/// about 100 ms, and the script's `action` on `s1` at 300 ms.
fn stopped_server(action: &str) -> Session {
    let scenario = json!({
        "kaiten_scenario": 1, "name": "stop", "actors": [
            {"kind": "rpc_server", "name": "s1", "target": {"topic": "t", "server": "s1"},
             "endpoints": [{"name": "E", "methods": [
                 {"name": "slow", "params": [], "behaviour": {"return": "7"}, "duration_ms": 400}
             ]}]},
            {"kind": "rpc_client", "name": "c", "target": {"topic": "t"}, "timeout_ms": 2000, "start_ms": 50,
             "steps": [{"action": "call", "method": "slow"}]}
        ],
        "script": [{"at_ms": 300, action: "s1"}]
    });
    let scenario = Scenario::from_json(&scenario.to_string()).unwrap_or_else(|errors| panic!("{errors:?}"));
    let mut session = Session::new(scenario.build(1).expect("builds"));
    // Well before the fanout queue's x-expires (30 minutes) and after the call's timeout.
    session.run_until(Until::Time(10_000));
    session
}

fn fanout_queues(session: &Session) -> Vec<String> {
    let topology = session.world().broker().topology();
    topology.queues().map(|queue| queue.name().to_string()).filter(|name| name.starts_with("t_fanout_")).collect()
}

/// The bindings from the server's `t_fanout` exchange, as `exchange -> queue` names.
fn fanout_bindings(session: &Session) -> Vec<String> {
    let topology = session.world().broker().topology();
    let from_fanout = topology.bindings().filter(|binding| topology.exchange_name(binding.source) == "t_fanout");
    from_fanout.map(|binding| format!("t_fanout -> {}", topology.destination_name(binding.destination))).collect()
}

/// The sentences of the trace, in `lang`.
fn sentences(session: &Session, lang: kaiten::explain::lang::Lang) -> Vec<String> {
    let mut describer = kaiten::explain::Describer::new(lang);
    session.trace().iter().map(|entry| describer.describe(entry, session.world()).sentence).collect()
}

// oslo.messaging 18.3.1's `MessageHandlingServer.wait()` ends with `listener.cleanup()`,
// which closes the listener's connection, and impl_rabbit's `Connection.close()` deletes its
// fanout queues ("[connection close] Deleting fanout queue"); RabbitMQ then deletes the
// auto-delete `topic_fanout` exchange with its last binding. The shared reference recording
// (/work/shared/reference/oslo-capture.json, copied to tests/reference/) cannot show it: its
// script lists the topology before it calls stop() and wait(), and its one fanout queue
// without a consumer was left by an earlier run that did not reach them.
#[test]
fn a_graceful_stop_finishes_the_call_and_deletes_the_fanout_queue_exchange_and_binding() {
    let session = stopped_server("stop_gracefully");
    assert_eq!(outcomes(&session), ["c: slow -> 7"], "wait() lets the running method reply");
    let topology = session.world().broker().topology();
    assert!(fanout_queues(&session).is_empty(), "its own fanout queue is deleted");
    assert!(topology.exchange_by_name("t_fanout").is_none(), "the auto-delete exchange goes with its last binding");
    assert!(fanout_bindings(&session).is_empty(), "and the binding between them");
    let gone = session
        .trace()
        .iter()
        .filter(|entry| {
            matches!(
                entry.event,
                TraceEvent::Broker(BrokerEvent::QueueDeleted { .. } | BrokerEvent::ExchangeDeleted { .. })
            )
        })
        .count();
    assert_eq!(gone, 2, "the trace says both went, so the canvas removes them");
    let english = sentences(&session, kaiten::explain::lang::Lang::En);
    assert!(english.iter().any(|s| s.starts_with("queue 't_fanout_") && s.ends_with("is gone: it was deleted")));
    assert!(english.contains(&"exchange 't_fanout' is gone: it is auto-delete and lost its last binding".to_string()));
    let chinese = sentences(&session, kaiten::explain::lang::Lang::ZhCn);
    assert!(
        chinese.contains(&"交换机 't_fanout' 已不存在：它是 auto-delete，失去了最后一个绑定".to_string()),
        "{chinese:?}"
    );
    assert!(topology.queue_by_name("t").is_some() && topology.queue_by_name("t.s1").is_some(), "shared queues stay");
    let stopping = notes(&session)
        .into_iter()
        .find_map(|(actor, note)| match note {
            OsloNote::StoppedConsuming { queues, deleted } if actor == "s1" => Some((queues, deleted)),
            _ => None,
        })
        .expect("the server noted its stop");
    assert_eq!(stopping.0.len(), 3);
    assert_eq!(stopping.1.len(), 1);
    let closed_at = session
        .trace()
        .iter()
        .find(|entry| matches!(&entry.event, TraceEvent::Note { note: kaiten::sim::Note::Stopped, .. }))
        .expect("the connection closes")
        .time;
    assert!(closed_at > 400, "the connection closes after the method finished: {closed_at}");
    assert!(english.iter().any(|s| s.contains("stops gracefully")), "{english:?}");
    assert!(english.iter().any(|s| s.contains("s1 stops: it cancelled its consumers")), "{english:?}");
}

#[test]
fn stop_actor_kills_the_server_the_call_times_out_and_the_fanout_queue_stays() {
    let session = stopped_server("stop_actor");
    assert!(outcomes(&session)[0].contains("MessagingTimeout"), "{:?}", outcomes(&session));
    assert_eq!(fanout_queues(&session).len(), 1, "a killed server leaves its fanout queue to x-expires");
    assert!(session.world().broker().topology().exchange_by_name("t_fanout").is_some());
    assert_eq!(fanout_bindings(&session), [format!("t_fanout -> {}", fanout_queues(&session)[0])]);
}

#[test]
fn a_graceful_stop_of_an_unknown_actor_is_refused_with_its_path() {
    let errors = Scenario::from_json(
        &json!({"kaiten_scenario": 1, "name": "x", "actors": [], "script": [{"at_ms": 1, "stop_gracefully": "nobody"}]})
            .to_string(),
    )
    .and_then(|scenario| scenario.build(1).map(|_| ()))
    .unwrap_err();
    assert!(errors.iter().any(|error| error.path == "script[0].stop_gracefully"), "{errors:?}");
}

#[test]
fn clients_sharing_a_transport_share_one_reply_queue_and_each_gets_its_reply() {
    let client = |name: &str, x: u32, shared: Option<&str>| {
        json!({"kind": "rpc_client", "name": name, "target": {"topic": "t"}, "start_ms": 100,
               "shared_transport": shared,
               "steps": [{"action": "call", "method": "echo", "args": {"x": x}, "count": 3}]})
    };
    let scenario = |shared: Option<&str>| {
        from_json(json!({
            "kaiten_scenario": 1, "name": "shared-transport", "actors": [
                {"kind": "rpc_server", "name": "s1", "target": {"topic": "t", "server": "s1"},
                 "endpoints": [{"name": "E", "methods": [
                     {"name": "echo", "params": ["x"], "behaviour": {"return": "x"}, "duration_ms": 30}
                 ]}]},
                client("c1", 1, shared), client("c2", 2, shared), client("c3", 3, shared)
            ]
        }))
    };
    let reply_queues = |session: &Session| {
        session.world().broker().topology().queues().filter(|queue| queue.name().starts_with("reply_")).count()
    };
    let shared = scenario(Some("api"));
    let mut got = outcomes(&shared);
    got.sort();
    assert_eq!(
        got,
        [
            "c1: echo -> 1",
            "c1: echo -> 1",
            "c1: echo -> 1",
            "c2: echo -> 2",
            "c2: echo -> 2",
            "c2: echo -> 2",
            "c3: echo -> 3",
            "c3: echo -> 3",
            "c3: echo -> 3"
        ],
        "every reply reaches the caller waiting for its _msg_id"
    );
    assert_eq!(reply_queues(&shared), 1, "one reply queue for the transport");
    let reply_listeners = notes(&shared)
        .iter()
        .filter(|(_, note)| matches!(note, OsloNote::Listening { queues } if queues[0].starts_with("reply_")))
        .count();
    assert_eq!(reply_listeners, 1, "one reply consumer");
    assert!(!notes(&shared).iter().any(|(_, note)| matches!(note, OsloNote::ReplyUnexpected { .. })));
    assert_eq!(reply_queues(&scenario(None)), 3, "without a shared transport each client has its own");
}

/// A server whose `slow` method takes `duration_ms`, and a client calling it (or, with
/// `topic`, a topic nobody serves) with `call_monitor_timeout_s` and `timeout_ms`.
fn monitored_call(duration_ms: u64, monitor_s: u64, timeout_ms: u64, topic: &str) -> Session {
    from_json(json!({
        "kaiten_scenario": 1, "name": "monitor", "actors": [
            {"kind": "rpc_server", "name": "s1", "target": {"topic": "t", "server": "s1"},
             "endpoints": [{"name": "E", "methods": [
                 {"name": "slow", "params": [], "behaviour": {"return": "7"}, "duration_ms": duration_ms}
             ]}]},
            {"kind": "rpc_client", "name": "c", "target": {"topic": topic}, "timeout_ms": timeout_ms,
             "call_monitor_timeout_s": monitor_s, "start_ms": 50, "steps": [{"action": "call", "method": "slow"}]}
        ]
    }))
}

/// When the call ended, after it was sent.
fn call_took(session: &Session) -> u64 {
    let times: Vec<u64> = session
        .trace()
        .iter()
        .filter(|entry| {
            matches!(
                oslo_note(entry),
                Some(OsloNote::CallBlocked { .. } | OsloNote::CallReturned { .. } | OsloNote::CallFailed { .. })
            )
        })
        .map(|entry| entry.time)
        .collect();
    times[1] - times[0]
}

fn heartbeats_received(session: &Session) -> usize {
    notes(session).iter().filter(|(_, note)| matches!(note, OsloNote::Heartbeat { .. })).count()
}

#[test]
fn call_monitor_heartbeats_keep_a_long_call_alive() {
    let session = monitored_call(5000, 2, 10_000, "t");
    assert_eq!(outcomes(&session), ["c: slow -> 7"]);
    let request = notes(&session)
        .into_iter()
        .find_map(|(_, note)| match note {
            OsloNote::Published { sent: kaiten::oslo::note::Sent::Call { .. }, body, .. } => Some(body),
            _ => None,
        })
        .unwrap();
    let inner: Value =
        serde_json::from_str(serde_json::from_str::<Value>(&request).unwrap()["oslo.message"].as_str().unwrap())
            .unwrap();
    assert_eq!(inner["_timeout"], json!(2), "the request carries call_monitor_timeout as _timeout");
    // Every 1 s while the 5 s method runs: at 1, 2, 3 and 4 s.
    assert_eq!(heartbeats_received(&session), 4);
    let heartbeat = notes(&session)
        .into_iter()
        .find_map(|(_, note)| match note {
            OsloNote::Published { sent: kaiten::oslo::note::Sent::Heartbeat { .. }, body, .. } => Some(body),
            _ => None,
        })
        .unwrap();
    let inner: Value =
        serde_json::from_str(serde_json::from_str::<Value>(&heartbeat).unwrap()["oslo.message"].as_str().unwrap())
            .unwrap();
    assert_eq!((inner["result"].clone(), inner["ending"].clone()), (Value::Null, json!(false)));
    let mut describer = kaiten::explain::Describer::default();
    let sentences: Vec<String> =
        session.trace().iter().map(|entry| describer.describe(entry, session.world()).sentence).collect();
    assert!(sentences.iter().any(|s| s.contains("call monitor restarts")), "{sentences:?}");
}

#[test]
fn call_monitor_times_out_without_heartbeats_and_the_overall_timeout_still_applies() {
    // Nobody serves the topic: the monitor (2 s) runs out long before the 10 s timeout.
    let unserved = monitored_call(5000, 2, 10_000, "nobody");
    assert!(outcomes(&unserved)[0].contains("MessagingTimeout"), "{:?}", outcomes(&unserved));
    assert_eq!(call_took(&unserved), 2000);
    // int(1) / 2 is under a second, so the server sends no heartbeats (oslo logs a
    // warning) and the 1 s monitor runs out while the method still runs.
    let too_short = monitored_call(3000, 1, 10_000, "t");
    assert!(outcomes(&too_short)[0].contains("MessagingTimeout"));
    assert_eq!((call_took(&too_short), heartbeats_received(&too_short)), (1000, 0));
    // Heartbeats keep the monitor alive, but the overall 3 s timeout still ends the call.
    let overall = monitored_call(5000, 2, 3000, "t");
    assert!(outcomes(&overall)[0].contains("MessagingTimeout"));
    assert_eq!(call_took(&overall), 3000);
    assert!(heartbeats_received(&overall) >= 2);
}

#[test]
fn rpc_long_call_heartbeats_share_a_transport_and_stop_gracefully() {
    let session = builtin("rpc-long-call");
    let mut got = outcomes(&session);
    got.sort();
    assert_eq!(
        got,
        [
            "worker-1: resize -> \"resized to m1.large\"",
            "worker-2: ping -> \"pong\"",
            "worker-2: ping -> \"pong\"",
            "worker-2: ping -> \"pong\"",
            "worker-2: ping -> \"pong\""
        ]
    );
    assert_eq!(heartbeats_received(&session), 4);
    let topology = session.world().broker().topology();
    let names: Vec<&str> = topology.queues().map(|queue| queue.name()).collect();
    assert_eq!(names.iter().filter(|name| name.starts_with("reply_")).count(), 1, "{names:?}");
    assert!(names.contains(&"compute.host2"), "{names:?}");
    let host2_stop = notes(&session).into_iter().find_map(|(actor, note)| match note {
        OsloNote::StoppedConsuming { deleted, .. } if actor == "host2" => Some(deleted),
        _ => None,
    });
    assert!(host2_stop.is_some_and(|deleted| deleted.len() == 1 && deleted[0].starts_with("compute_fanout_")));
    let fanout_casts = dispatched(&session);
    assert_eq!(fanout_casts.get("host2").map_or(0, Vec::len), 0, "host2 stopped before the fanout cast");
}

#[test]
fn rpc_long_call_is_deterministic_and_a_jump_back_replays_it_exactly() {
    let scenario = kaiten::scenarios::builtin("rpc-long-call").unwrap().unwrap();
    let digest = |seed| kaiten::sim::trace_digest(run_scenario(&scenario, seed).trace());
    assert_eq!(digest(5), digest(5));
    let mut full = run_scenario(&scenario, 1);
    let end = full.position();
    let whole: Vec<_> = full.trace().iter().cloned().collect();
    // Past the graceful stop and the heartbeats, so the world's shared memory and the
    // stopping state come from snapshots.
    for position in [end / 2, end / 3, end - 1] {
        full.jump(position);
        full.run_until(Until::Idle);
        let rest: Vec<_> = whole.iter().filter(|entry| entry.step > position).cloned().collect();
        assert_eq!(full.trace().iter().cloned().collect::<Vec<_>>(), rest, "after a jump to {position}");
    }
}

#[test]
fn a_zero_call_monitor_timeout_is_no_monitor() {
    // oslo.messaging tests `if call_monitor_timeout:` on both sides, so 0 turns it off.
    let session = monitored_call(3000, 0, 10_000, "t");
    assert_eq!(outcomes(&session), ["c: slow -> 7"]);
    assert_eq!(heartbeats_received(&session), 0);
}
