//! Input a careless or hostile user could give the engine (issue 14): values at the edge
//! of their range must give RabbitMQ's answer or a clear refusal, never a wrapped number,
//! a hang or a crash.

use kaiten::formats::definitions::Definitions;
use kaiten::formats::script;
use serde_json::{Value, json};

fn run(definitions: Value, script: Value) -> Value {
    let (definitions, _) = Definitions::parse(&definitions.to_string()).expect("valid definitions");
    let script = script::parse(&script.to_string()).expect("valid script");
    script::run(definitions.topology, &script).expect("script runs").document()
}

#[test]
fn a_ttl_near_the_end_of_time_saturates_instead_of_wrapping() {
    let definitions = json!({"queues": [{"name": "q"}, {"name": "unused", "arguments": {"x-expires": 1000}}]});
    let document = run(
        definitions,
        json!([
            {"advance-time": {"ms": u64::MAX - 500}},
            {"publish": {"routing_key": "q", "properties": {"message_id": "m1", "expiration": "1000"}}},
            {"advance-time": {"ms": 100}}
        ]),
    );
    // The deadline (u64::MAX - 500 + 1000) saturates at u64::MAX: not yet reached.
    assert_eq!(document["queues"]["q"], json!(["m1"]), "{document}");
    assert_eq!(document["queues"]["unused"], Value::Null, "x-expires still deletes the unused queue: {document}");
    let expired = run(
        json!({"queues": [{"name": "q"}]}),
        json!([
            {"advance-time": {"ms": u64::MAX - 500}},
            {"publish": {"routing_key": "q", "properties": {"message_id": "m1", "expiration": "1000"}}},
            {"advance-time": {"ms": 1000}}
        ]),
    );
    assert_eq!(expired["queues"]["q"], json!([]), "{expired}");
}

#[test]
fn a_long_chain_of_dead_letter_exchanges_does_not_overflow_the_stack() {
    // Each queue holds nothing (x-max-length 0) and dead-letters to the next: one publish
    // goes down the whole chain. Dead-lettering was recursive, one stack frame set per hop.
    const N_QUEUES: usize = 2_000;
    let queues: Vec<Value> = (0..N_QUEUES)
        .map(|idx| {
            let mut arguments = json!({"x-max-length": 0});
            if idx + 1 < N_QUEUES {
                arguments["x-dead-letter-exchange"] = json!("");
                arguments["x-dead-letter-routing-key"] = json!(format!("q{}", idx + 1));
            } else {
                arguments = json!({});
            }
            json!({"name": format!("q{idx}"), "arguments": arguments})
        })
        .collect();
    let document =
        run(json!({"queues": queues}), json!([{"publish": {"routing_key": "q0", "properties": {"message_id": "m"}}}]));
    let last = &document["queues"][format!("q{}", N_QUEUES - 1)];
    assert_eq!(last[0]["message_id"], json!("m"), "{last}");
    assert_eq!(last[0]["x-death"].as_array().unwrap().len(), N_QUEUES - 1);
}
