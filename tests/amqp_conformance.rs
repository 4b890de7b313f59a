//! The AMQP conformance cases of `tests/reference/amqp-oslo-semantics.txt` (sections A–F),
//! as data: each case is a definitions document, a script and the expected output, run
//! through the same runner as `kaiten amqp`.
//!
//! Where RabbitMQ 3.10.8 (the broker `kaiten verify` checks against) differs from the newer
//! behaviour the reference describes, the case follows 3.10.8 and says so: `#.#.#` is a
//! valid binding key, and headers compare numbers with `==` (`1` equals `1.0`).

use kaiten::engine::topic::{TopicTrie, match_binding};
use kaiten::engine::topology::{Destination, ExchangeKind, ExchangeSpec, QueueSpec, RoutingInput, Topology};
use kaiten::engine::value::FieldTable;
use kaiten::formats::definitions::Definitions;
use kaiten::formats::script;
use serde_json::{Value, json};

/// Runs `script` on `definitions` and returns the output document.
fn run(definitions: Value, script: Value) -> Value {
    let (definitions, _) = Definitions::parse(&definitions.to_string()).expect("valid definitions");
    let script = script::parse(&script.to_string()).expect("valid script");
    script::run(definitions.topology, &script).expect("script runs").document()
}

fn routed(document: &Value) -> Vec<Vec<String>> {
    document["publishes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|publish| publish["routed"].as_array().unwrap().iter().map(|q| q.as_str().unwrap().to_string()).collect())
        .collect()
}

fn queue(name: &str, arguments: Value) -> Value {
    json!({"name": name, "durable": true, "auto_delete": false, "arguments": arguments})
}

fn queues(names: &[&str]) -> Vec<Value> {
    names.iter().map(|name| queue(name, json!({}))).collect()
}

fn exchange(name: &str, kind: &str, arguments: Value) -> Value {
    json!({"name": name, "type": kind, "durable": true, "auto_delete": false, "internal": false, "arguments": arguments})
}

fn binding(source: &str, destination: &str, key: &str, arguments: Value) -> Value {
    json!({"source": source, "destination": destination, "destination_type": "queue", "routing_key": key, "arguments": arguments})
}

fn e2e(source: &str, destination: &str, key: &str) -> Value {
    json!({"source": source, "destination": destination, "destination_type": "exchange", "routing_key": key, "arguments": {}})
}

fn publish(exchange: &str, key: &str, id: &str) -> Value {
    json!({"publish": {"exchange": exchange, "routing_key": key, "properties": {"message_id": id}}})
}

fn publish_headers(exchange: &str, headers: Value) -> Value {
    json!({"publish": {"exchange": exchange, "routing_key": "", "headers": headers}})
}

/// Topic routing of `keys` over `bindings` (queue, binding key), as sorted queue lists.
fn topic_routes(bindings: &[(&str, &str)], keys: &[&str]) -> Vec<Vec<String>> {
    let mut queues: Vec<&str> = bindings.iter().map(|(queue, _)| *queue).collect();
    queues.dedup();
    let definitions = json!({
        "exchanges": [exchange("t", "topic", json!({}))],
        "queues": queues.iter().map(|name| queue(name, json!({}))).collect::<Vec<_>>(),
        "bindings": bindings.iter().map(|(queue, key)| binding("t", queue, key, json!({}))).collect::<Vec<_>>(),
    });
    let script: Vec<Value> = keys.iter().enumerate().map(|(idx, key)| publish("t", key, &format!("m{idx}"))).collect();
    routed(&run(definitions, json!(script)))
}

fn names(text: &str) -> Vec<String> {
    let mut names: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    names.sort();
    names
}

const ROUTING_SUITE: [(&str, &str); 26] = [
    ("t1", "a.b.c"),
    ("t2", "a.*.c"),
    ("t3", "a.#.b"),
    ("t4", "a.b.b.c"),
    ("t5", "#"),
    ("t6", "#.#"),
    ("t7", "#.b"),
    ("t8", "*.*"),
    ("t9", "a.*"),
    ("t10", "*.b.c"),
    ("t11", "a.#"),
    ("t12", "a.#.#"),
    ("t13", "b.b.c"),
    ("t14", "a.b.b"),
    ("t15", "a.b"),
    ("t16", "b.c"),
    ("t17", ""),
    ("t18", "*.*.*"),
    ("t19", "vodka.martini"),
    ("t20", "a.b.c"),
    ("t21", "*.#"),
    ("t22", "#.*.#"),
    ("t23", "*.#.#"),
    ("t25", "*"),
    ("t26", "#.b.#"),
    ("t27", "args-test"),
];

#[test]
fn cases_01_to_11_routing_suite() {
    let cases = [
        ("a.b.c", "t1 t2 t5 t6 t10 t11 t12 t18 t20 t21 t22 t23 t26"),
        ("a.b", "t3 t5 t6 t7 t8 t9 t11 t12 t15 t21 t22 t23 t26"),
        ("a.b.b", "t3 t5 t6 t7 t11 t12 t14 t18 t21 t22 t23 t26"),
        ("", "t5 t6 t17"),
        ("b.c.c", "t5 t6 t18 t21 t22 t23 t26"),
        ("a.a.a.a.a", "t5 t6 t11 t12 t21 t22 t23"),
        ("vodka.martini", "t5 t6 t8 t19 t21 t22 t23"),
        ("b.b.c", "t5 t6 t10 t13 t18 t21 t22 t23 t26"),
        ("nothing.here.at.all", "t5 t6 t21 t22 t23"),
        ("oneword", "t5 t6 t21 t22 t23 t25"),
        ("args-test", "t5 t6 t21 t22 t23 t25 t27"),
    ];
    let keys: Vec<&str> = cases.iter().map(|(key, _)| *key).collect();
    let got = topic_routes(&ROUTING_SUITE, &keys);
    for ((key, expected), got) in cases.iter().zip(got) {
        assert_eq!(got, names(expected), "routing key {key:?}");
    }
}

#[test]
fn case_11_and_12_two_bindings_differing_in_arguments_and_unbinding() {
    let mut topology = Topology::new();
    let t = topology.declare_exchange(ExchangeSpec::new("t", ExchangeKind::Topic)).unwrap();
    let mut ids = Vec::new();
    for (name, key) in ROUTING_SUITE {
        let queue = match topology.queue_by_name(name) {
            Some(existing) => existing.id,
            None => topology.declare_queue(QueueSpec::new(name)).unwrap(),
        };
        ids.push((name, topology.bind(t, Destination::Queue(queue), key, FieldTable::new()).unwrap()));
    }
    let t27 = topology.queue_by_name("t27").unwrap().id;
    let foo = |value: &str| -> FieldTable {
        [("foo".to_string(), kaiten::engine::value::FieldValue::Str(value.into()))].into_iter().collect()
    };
    let baz = topology.bind(t, Destination::Queue(t27), "args-test", foo("baz")).unwrap();
    let route = |topology: &Topology, key: &str| -> Vec<String> {
        let keys = [key.to_string()];
        let route = topology.route(t, RoutingInput { routing_keys: &keys, headers: &FieldTable::new() });
        let mut out: Vec<String> =
            route.queues.iter().map(|q| topology.queue(*q).unwrap().name().to_string()).collect();
        out.sort();
        out
    };
    assert_eq!(route(&topology, "args-test"), names("t5 t6 t21 t22 t23 t25 t27"), "one copy for two bindings");
    for (name, id) in &ids {
        if ["t1", "t5", "t11", "t19", "t21"].contains(name) {
            topology.unbind(*id);
        }
    }
    topology.unbind(baz);
    assert_eq!(route(&topology, "a.b.c"), names("t2 t6 t10 t12 t18 t20 t22 t23 t26"));
    assert_eq!(route(&topology, ""), names("t6 t17"));
    assert_eq!(route(&topology, "args-test"), names("t6 t22 t23 t25 t27"));
}

#[test]
fn cases_13_to_16_db_topic_exchange_suite() {
    let got = topic_routes(
        &[("Q1", "#.c"), ("Q2", "#.b.c"), ("Q3", "a.#.d"), ("Q4", "#.*.#")],
        &["a.b.c", "c", "a.d", "a.b.c.d", "x"],
    );
    assert_eq!(got, vec![names("Q1 Q2 Q4"), names("Q1 Q4"), names("Q3 Q4"), names("Q3 Q4"), names("Q4")]);
    let got = topic_routes(
        &[("s", "foo.*"), ("h", "foo.#"), ("l", "foo.bar"), ("sb", "foo.*.baz"), ("all", "#")],
        &["foo.bar", "foo.bar.baz", "bar.foo"],
    );
    assert_eq!(got, vec![names("s h l all"), names("all h sb"), names("all")]);
    assert_eq!(topic_routes(&[("all", "#"), ("fb", "foo.bar")], &[""]), vec![names("all")]);
    let deep = format!("{}.#", vec!["*"; 26].join("."));
    let key = vec!["w"; 26].join(".");
    assert_eq!(topic_routes(&[("deep", &deep)], &[&key]), vec![names("deep")]);
}

#[test]
fn cases_17_18_wildcards_only_as_whole_words() {
    let mut bindings = vec![("Q", "this.*.rules"), ("Q", "*.for.*"), ("Q", "simply#carrots")];
    let keys = [
        "this.queue.rules",
        "this.exchange.rules",
        "carrots.for.power",
        "another.queue.rules",
        "simplycarrots",
        "*.queue.rules",
    ];
    let got = topic_routes(&bindings, &keys);
    let yes = |routed: &Vec<String>| !routed.is_empty();
    assert_eq!(got.iter().map(yes).collect::<Vec<_>>(), vec![true, true, true, false, false, false]);
    bindings.push(("Q", "#.noclue"));
    let got = topic_routes(&bindings, &["#.bla", "#.noclue"]);
    assert_eq!(got.iter().map(yes).collect::<Vec<_>>(), vec![false, true]);
    bindings.push(("Q", "#"));
    assert_eq!(topic_routes(&bindings, &["simplycarrots"]), vec![names("Q")], "one copy");
}

#[test]
fn case_24_hash_hash_hash_is_accepted_by_rabbitmq_3_10() {
    // Newest RabbitMQ refuses binding keys with more than two `#` (406); 3.10.8 accepts them.
    assert_eq!(topic_routes(&[("Q", "#.b.#"), ("H", "#.#.#")], &["a.b.c", ""]), vec![names("Q H"), names("H")]);
}

#[test]
fn cases_26_27_empty_words() {
    let got = topic_routes(&[("s", "a.*.b"), ("h", "a.#.b"), ("l", "a.b"), ("all", "#")], &["a..b"]);
    assert_eq!(got, vec![names("s h all")]);
    let got = topic_routes(&[("ss", "*.*"), ("all", "#"), ("one", "*"), ("as", "a.*"), ("a", "a")], &[".", "a."]);
    assert_eq!(got, vec![names("ss all"), names("ss all as")]);
}

#[test]
fn cases_19_20_25_direct_fanout_and_duplicate_bindings() {
    let definitions = json!({
        "exchanges": [exchange("d", "direct", json!({})), exchange("f", "fanout", json!({}))],
        "queues": [queue("Q", json!({})), queue("AltQ", json!({})), queue("F1", json!({})), queue("F2", json!({}))],
        "bindings": [binding("amq.direct", "Q", "Q", json!({})), binding("amq.direct", "AltQ", "AltQ", json!({})),
                     binding("amq.fanout", "F1", "", json!({})), binding("amq.fanout", "F2", "", json!({})),
                     binding("d", "Q", "k", json!({"a": 1})), binding("d", "Q", "k", json!({"a": 2})),
                     binding("f", "Q", "x", json!({"a": 1})), binding("f", "Q", "y", json!({}))],
    });
    let script = json!([
        publish("amq.direct", "Q", "1"),
        publish("amq.direct", "anyotherkey", "2"),
        publish("amq.fanout", "", "3"),
        publish("amq.fanout", "whatever", "4"),
        publish("d", "k", "5"),
        publish("f", "", "6")
    ]);
    let got = routed(&run(definitions, script));
    assert_eq!(got, vec![names("Q"), vec![], names("F1 F2"), names("F1 F2"), names("Q"), names("Q")]);
}

#[test]
fn cases_21_22_28_29_headers() {
    let definitions = json!({
        "exchanges": [exchange("h", "headers", json!({}))],
        "queues": queues(&["Q", "AltQ", "QAll", "QAny", "XAny", "Empty", "N"]),
        "bindings": [binding("h", "Q", "", json!({"x-match": "all", "foo": "bar", "fuu": "ber"})),
                     binding("h", "AltQ", "", json!({"x-match": "any", "foo": "bar", "fuu": "ber"})),
                     binding("h", "QAll", "", json!({"x-match": "all-with-x", "foo": null, "x-foo": null})),
                     binding("h", "QAny", "", json!({"x-match": "any-with-x", "foo": null, "x-foo": null})),
                     binding("h", "XAny", "", json!({"x-match": "any", "x-foo": 1})),
                     binding("h", "Empty", "", json!({})),
                     binding("h", "N", "", json!({"n": 1}))],
    });
    let script = json!([
        publish_headers("h", json!({"foo": "bar", "fuu": "ber"})),
        publish_headers("h", json!({"foo": "bar"})),
        publish_headers("h", json!({})),
        publish_headers("h", json!({"foo": 1, "x-foo": 1})),
        publish_headers("h", json!({"x-foo": 1})),
        publish_headers("h", json!({"n": 1})),
        publish_headers("h", json!({"n": 1.0})),
        publish_headers("h", json!({"n": "1"})),
        publish_headers("h", json!({"n": 1.5})),
    ]);
    let got = routed(&run(definitions, script));
    let expected = [
        "Q AltQ QAny Empty",
        "AltQ QAny Empty",
        "Empty",
        "QAll QAny Empty",
        "QAny Empty",
        "Empty N",
        "Empty N", // RabbitMQ 3.10.8 compares with `==`: 1 equals 1.0 (3.13+ keeps them apart).
        "Empty",
        "Empty",
    ];
    for (idx, (got, expected)) in got.iter().zip(expected).enumerate() {
        assert_eq!(got, &names(expected), "publish {idx}");
    }
}

#[test]
fn cases_23_30_to_34_exchange_to_exchange_alternate_exchange_mandatory_and_errors() {
    let definitions = json!({
        "exchanges": [exchange("X1", "topic", json!({})), exchange("X2", "topic", json!({})),
                      exchange("X", "direct", json!({"alternate-exchange": "AX"})), exchange("AX", "fanout", json!({})),
                      exchange("L1", "fanout", json!({})), exchange("L2", "fanout", json!({})),
                      exchange("F", "fanout", json!({"alternate-exchange": "AX"})), exchange("D", "direct", json!({})),
                      json!({"name": "I", "type": "fanout", "durable": true, "auto_delete": false, "internal": true, "arguments": {}})],
        "queues": queues(&["Q1", "Q2", "Qa", "Qae", "Q"]),
        "bindings": [binding("X1", "Q1", "", json!({})), binding("X2", "Q2", "", json!({})),
                     binding("X", "Qa", "k", json!({})), binding("AX", "Qae", "", json!({})),
                     e2e("L1", "L2", ""), e2e("L2", "L1", ""), binding("L1", "Q", "", json!({})), binding("L2", "Q", "", json!({})),
                     e2e("F", "D", ""), binding("I", "Q", "", json!({}))],
    });
    let script = json!([
        publish("X1", "", "23"),
        publish("X", "k", "30a"),
        publish("X", "z", "30b"),
        publish("L1", "", "31"),
        json!({"publish": {"exchange": "F", "routing_key": "x", "mandatory": true}}),
        json!({"publish": {"exchange": "", "routing_key": "missing", "mandatory": true}}),
        json!({"publish": {"exchange": "X", "routing_key": "z", "mandatory": true}}),
        publish("I", "", "34"),
        publish("nope", "", "404"),
    ]);
    let document = run(definitions, script);
    let publishes = document["publishes"].as_array().unwrap();
    assert_eq!(publishes[0]["routed"], json!(["Q1"]), "case 23: X2 is not bound to X1");
    assert_eq!(publishes[1]["routed"], json!(["Qa"]), "case 30");
    assert_eq!(publishes[2]["routed"], json!(["Qae"]), "case 30: the AE takes what X could not route");
    assert_eq!(publishes[3]["routed"], json!(["Q"]), "case 31: one copy through the loop");
    assert_eq!(
        publishes[4],
        json!({"routed": [], "returned": true, "rejected": false}),
        "case 32: F routed to D, so no AE"
    );
    assert_eq!(publishes[5]["returned"], json!(true), "case 33: 312 NO_ROUTE");
    assert_eq!(
        publishes[6],
        json!({"routed": ["Qae"], "returned": false, "rejected": false}),
        "case 33: the AE delivers"
    );
    assert_eq!(publishes[7]["error"]["code"], json!(403), "case 34");
    assert_eq!(publishes[8]["error"]["code"], json!(404));
    let bind_default = Definitions::parse(
        &json!({"queues": [queue("Q", json!({}))], "bindings": [binding("", "Q", "Q", json!({}))]}).to_string(),
    );
    assert_eq!(
        bind_default.unwrap_err().problem,
        kaiten::formats::Problem::DefaultExchangeBound,
        "case 34: binding to \"\" is refused"
    );
}

fn dead_letter_definitions(queue_arguments: Value) -> Value {
    json!({
        "exchanges": [exchange("dlx", "direct", json!({}))],
        "queues": [queue("Q", queue_arguments), queue("DLQ", json!({}))],
        "bindings": [binding("dlx", "DLQ", "DLQ", json!({}))],
    })
}

#[test]
fn cases_35_36_nack_dead_letters_with_x_death() {
    let definitions =
        dead_letter_definitions(json!({"x-dead-letter-exchange": "dlx", "x-dead-letter-routing-key": "DLQ"}));
    let script = json!([
        publish("", "Q", "1"), publish("", "Q", "2"), publish("", "Q", "3"),
        {"consume": {"queue": "Q", "consumer_tag": "c"}},
        {"nack": {"message_id": "3", "requeue": false}},
        {"nack": {"message_id": "2", "multiple": true, "requeue": false}},
    ]);
    let document = run(definitions, script);
    // The first dead-lettering also sets the x-first-death-* headers (RabbitMQ 3.10.8).
    let death = |id: &str| json!({"message_id": id, "x-death": [{"queue": "Q", "reason": "rejected", "exchange": "", "routing-keys": ["Q"], "count": 1}], "x-first-death-exchange": "", "x-first-death-queue": "Q", "x-first-death-reason": "rejected"});
    assert_eq!(document["queues"]["DLQ"], json!([death("3"), death("1"), death("2")]));
    assert_eq!(document["queues"]["Q"], json!([]));
}

#[test]
fn case_37_ttl_dead_letters_as_expired() {
    let definitions = dead_letter_definitions(
        json!({"x-dead-letter-exchange": "dlx", "x-dead-letter-routing-key": "DLQ", "x-message-ttl": 1}),
    );
    let script = json!([publish("", "Q", "1"), {"advance-time": {"ms": 5}}]);
    let document = run(definitions, script);
    assert_eq!(document["queues"]["DLQ"][0]["x-death"][0]["reason"], json!("expired"));
}

#[test]
fn case_38_43_max_length_overflow_modes() {
    for (overflow, queue_ids, dead_ids) in [
        ("drop-head", json!(["3"]), vec!["1", "2"]),
        ("reject-publish-dlx", json!(["1"]), vec!["2", "3"]),
        ("reject-publish", json!(["1"]), vec![]),
    ] {
        let definitions = dead_letter_definitions(
            json!({"x-dead-letter-exchange": "dlx", "x-dead-letter-routing-key": "DLQ", "x-max-length": 1, "x-overflow": overflow}),
        );
        let document = run(definitions, json!([publish("", "Q", "1"), publish("", "Q", "2"), publish("", "Q", "3")]));
        assert_eq!(document["queues"]["Q"], queue_ids, "{overflow}");
        let dead: Vec<&str> =
            document["queues"]["DLQ"].as_array().unwrap().iter().map(|m| m["message_id"].as_str().unwrap()).collect();
        assert_eq!(dead, dead_ids, "{overflow}");
        let rejected: Vec<bool> =
            document["publishes"].as_array().unwrap().iter().map(|p| p["rejected"].as_bool().unwrap()).collect();
        assert_eq!(
            rejected,
            vec![false, overflow != "drop-head", overflow != "drop-head"],
            "{overflow}: case 44's nacks"
        );
    }
    let bytes = json!({"queues": [queue("B", json!({"x-max-length-bytes": 100}))]});
    let body = "x".repeat(80);
    let script: Vec<Value> = (1..=3)
        .map(|n| json!({"publish": {"routing_key": "B", "body": body, "properties": {"message_id": n.to_string()}}}))
        .collect();
    assert_eq!(run(bytes, json!(script))["queues"]["B"], json!(["3"]), "case 43, bytes");
}

#[test]
fn case_39_missing_dead_letter_exchange_drops() {
    let definitions = dead_letter_definitions(json!({"x-dead-letter-exchange": "absent"}));
    let document = run(
        definitions,
        json!([publish("", "Q", "1"), {"get": {"queue": "Q"}}, {"nack": {"message_id": "1", "requeue": false}}]),
    );
    assert_eq!(document["queues"], json!({"DLQ": [], "Q": []}));
}

#[test]
fn case_40_cycles() {
    let definitions = |arguments: Value| json!({"queues": [queue("Q", arguments)]});
    let document = run(
        definitions(json!({"x-dead-letter-exchange": "", "x-max-length": 1})),
        json!([publish("", "Q", "1"), publish("", "Q", "2")]),
    );
    assert_eq!(document["queues"]["Q"], json!(["2"]), "maxlen back into Q is a cycle: dropped");
    let document = run(
        definitions(json!({"x-dead-letter-exchange": "", "x-message-ttl": 1})),
        json!([publish("", "Q", "1"), {"advance-time": {"ms": 5}}]),
    );
    assert_eq!(document["queues"]["Q"], json!([]), "expired back into Q is a cycle: dropped");
    let script = json!([publish("", "Q", "1"), {"get": {"queue": "Q"}}, {"nack": {"message_id": "1", "requeue": false}},
                        {"get": {"queue": "Q"}}, {"nack": {"message_id": "1", "requeue": false}}]);
    let document = run(definitions(json!({"x-dead-letter-exchange": ""})), script);
    assert_eq!(document["queues"]["Q"][0]["x-death"][0]["count"], json!(2), "rejections never cycle");
}

#[test]
fn case_41_42_chains_and_cc() {
    let definitions = json!({"queues": [
        queue("Q", json!({"x-dead-letter-exchange": "", "x-dead-letter-routing-key": "DLQ1"})),
        queue("DLQ1", json!({"x-dead-letter-exchange": "", "x-dead-letter-routing-key": "DLQ2"})),
        queue("DLQ2", json!({})),
        queue("C", json!({"x-dead-letter-exchange": ""})),
        queue("CCQ", json!({})),
    ]});
    let script = json!([
        publish("", "Q", "1"), {"get": {"queue": "Q"}}, {"nack": {"message_id": "1", "requeue": false}},
        {"get": {"queue": "DLQ1"}}, {"nack": {"message_id": "1", "requeue": false}},
        {"publish": {"routing_key": "C", "headers": {"CC": ["CCQ"]}, "properties": {"message_id": "cc"}}},
        {"get": {"queue": "C"}}, {"nack": {"message_id": "cc", "queue": "C", "requeue": false}},
    ]);
    let document = run(definitions, script);
    let deaths: Vec<&str> = document["queues"]["DLQ2"][0]["x-death"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["queue"].as_str().unwrap())
        .collect();
    assert_eq!(deaths, vec!["DLQ1", "Q"], "case 41: newest first");
    assert_eq!(
        document["queues"]["CCQ"].as_array().unwrap().len(),
        2,
        "case 42: the dead-lettered copy is routed by CC too"
    );
    assert_eq!(document["queues"]["C"][0]["x-death"][0]["routing-keys"], json!(["C", "CCQ"]));
}

#[test]
fn cases_44_45_reject_publish_with_confirms_and_requeue() {
    let definitions = json!({"queues": [queue("Q", json!({"x-max-length": 1, "x-overflow": "reject-publish"}))]});
    let script = json!([publish("", "Q", "P1"), {"get": {"queue": "Q"}}, publish("", "Q", "P2"), {"nack": {"message_id": "P1", "requeue": true}}]);
    let document = run(definitions, script);
    assert_eq!(
        document["queues"]["Q"],
        json!([{"message_id": "P1", "redelivered": true}, "P2"]),
        "case 45: requeued to its place, over the limit"
    );
}

#[test]
fn cases_46_47_priorities() {
    let priority_publish = |priority: Option<u8>, id: String| -> Value {
        let mut properties = json!({"message_id": id});
        if let Some(priority) = priority {
            properties["priority"] = json!(priority);
        }
        json!({"publish": {"routing_key": "P", "properties": properties}})
    };
    let run_priorities = |arguments: Value, priorities: &[Option<u8>]| -> Value {
        let script: Vec<Value> = priorities
            .iter()
            .enumerate()
            .map(|(idx, priority)| priority_publish(*priority, format!("{idx}:{priority:?}")))
            .collect();
        run(json!({"queues": [queue("P", arguments)]}), json!(script))["queues"]["P"].clone()
    };
    let nine: Vec<Option<u8>> = [1, 2, 3, 1, 2, 3, 1, 2, 3].into_iter().map(Some).collect();
    let order = |value: Value| -> Vec<String> {
        value.as_array().unwrap().iter().map(|id| id.as_str().unwrap().split(':').nth(1).unwrap().to_string()).collect()
    };
    assert_eq!(
        order(run_priorities(json!({"x-max-priority": 3}), &nine)),
        ["Some(3)", "Some(3)", "Some(3)", "Some(2)", "Some(2)", "Some(2)", "Some(1)", "Some(1)", "Some(1)"]
    );
    let got = run_priorities(json!({"x-max-priority": 5}), &[None, Some(0), Some(5), Some(10), None]);
    assert_eq!(got, json!(["2:Some(5)", "3:Some(10)", "0:None", "1:Some(0)", "4:None"]));
    assert_eq!(
        order(run_priorities(json!({"x-max-priority": 3, "x-max-length": 4}), &nine)),
        ["Some(2)", "Some(1)", "Some(1)", "Some(1)"]
    );
    assert_eq!(
        order(run_priorities(json!({"x-max-priority": 3, "x-max-length": 4, "x-overflow": "reject-publish"}), &nine)),
        ["Some(3)", "Some(2)", "Some(1)", "Some(1)"]
    );
}

#[test]
fn case_48_single_active_consumer() {
    let definitions = json!({"queues": [queue("S", json!({"x-single-active-consumer": true}))]});
    let mut script = vec![
        json!({"consume": {"queue": "S", "consumer_tag": "first"}}),
        json!({"consume": {"queue": "S", "consumer_tag": "second"}}),
    ];
    script.extend((1..=5).map(|n| publish("", "S", &n.to_string())));
    let (definitions, _) = Definitions::parse(&definitions.to_string()).unwrap();
    let record = script::run(definitions.topology, &script::parse(&json!(script).to_string()).unwrap()).unwrap();
    assert_eq!(record.deliveries["first"].len(), 5);
    assert!(record.deliveries["second"].is_empty());
}

#[test]
fn the_trie_and_the_reference_matcher_agree_on_the_routing_suite() {
    let mut trie = TopicTrie::default();
    for (idx, (_, key)) in ROUTING_SUITE.iter().enumerate() {
        trie.insert(key, idx);
    }
    for key in ["a.b.c", "a.b", "", "a..b", ".", "a.", "#", "*", "x.y.z.w.v"] {
        let mut got = Vec::new();
        trie.matches(key, &mut got);
        got.sort();
        got.dedup();
        let expected: Vec<usize> = ROUTING_SUITE
            .iter()
            .enumerate()
            .filter(|(_, (_, binding))| match_binding(binding, key).is_some())
            .map(|(idx, _)| idx)
            .collect();
        assert_eq!(got, expected, "{key:?}");
    }
}

/// `basic.ack` with `multiple` and delivery tag 0 settles every outstanding delivery on the
/// channel (AMQP 0-9-1 §1.8.3.13).
#[test]
fn multiple_ack_with_tag_zero_settles_everything() {
    use kaiten::engine::{Broker, Publish};
    let mut topology = Topology::new();
    topology.declare_queue(QueueSpec::new("q")).unwrap();
    let mut broker = Broker::new(topology);
    let connection = broker.open_connection();
    let channel = broker.open_channel(connection);
    for _ in 0..3 {
        let publish = Publish { routing_key: "q".into(), body: "x".into(), ..Publish::default() };
        broker.publish(0, publish).unwrap();
    }
    for _ in 0..3 {
        broker.get(0, channel, "q", false).unwrap().unwrap();
    }
    let q = broker.topology().queue_by_name("q").unwrap().id;
    assert_eq!(broker.unacked_count(q), 3);
    broker.ack(0, channel, 0, true).unwrap();
    assert_eq!(broker.unacked_count(q), 0);
    assert_eq!(broker.ledger().acked, 3);
}
