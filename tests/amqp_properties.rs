//! Property tests of the broker engine: the topic trie always agrees with the plain reference
//! matcher, and every message copy is accounted for at every moment, whatever the client does.

use std::collections::BTreeSet;
use std::sync::Arc;

use kaiten::engine::broker::{Broker, ChannelId, ConsumeOptions, ConsumerId, Publish};
use kaiten::engine::message::Properties;
use kaiten::engine::topic::{TopicTrie, match_binding};
use kaiten::formats::definitions::Definitions;
use proptest::prelude::*;

/// Words that exercise every rule: wildcards, empty words, look-alikes.
const WORDS: [&str; 7] = ["a", "b", "", "*", "#", "ab", "a#"];

fn key(max_words: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(WORDS.to_vec()), 0..=max_words).prop_map(|words| words.join("."))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_topic_trie_agrees_with_the_reference_matcher(
        bindings in proptest::collection::vec(key(5), 1..24),
        routing_keys in proptest::collection::vec(key(6), 1..12),
        removed in proptest::collection::vec(any::<proptest::sample::Index>(), 0..4),
    ) {
        let mut trie = TopicTrie::default();
        for (idx, binding) in bindings.iter().enumerate() {
            trie.insert(binding, idx);
        }
        let mut live: BTreeSet<usize> = (0..bindings.len()).collect();
        for index in removed {
            let idx = index.index(bindings.len());
            trie.remove(&bindings[idx], idx);
            live.remove(&idx);
        }
        for routing_key in &routing_keys {
            let mut got = Vec::new();
            trie.matches(routing_key, &mut got);
            got.sort_unstable();
            got.dedup();
            let expected: Vec<usize> =
                live.iter().copied().filter(|idx| match_binding(&bindings[*idx], routing_key).is_some()).collect();
            prop_assert_eq!(got, expected, "routing key {:?} over {:?}", routing_key, bindings);
        }
    }
}

/// A topology with every way a copy can leave: limits of each overflow mode, TTLs, a
/// dead-letter cycle, a missing dead-letter exchange, priorities, x-expires, auto-delete.
const DEFINITIONS: &str = r##"{
  "exchanges": [
    {"name": "t", "type": "topic", "arguments": {"alternate-exchange": "ae"}},
    {"name": "ae", "type": "fanout"},
    {"name": "h", "type": "headers"}
  ],
  "queues": [
    {"name": "plain"},
    {"name": "len2", "arguments": {"x-max-length": 2, "x-dead-letter-exchange": "", "x-dead-letter-routing-key": "dlq"}},
    {"name": "rp", "arguments": {"x-max-length": 1, "x-overflow": "reject-publish"}},
    {"name": "rpdlx", "arguments": {"x-max-length-bytes": 4, "x-overflow": "reject-publish-dlx", "x-dead-letter-exchange": "", "x-dead-letter-routing-key": "dlq"}},
    {"name": "ttl", "arguments": {"x-message-ttl": 30, "x-dead-letter-exchange": "", "x-dead-letter-routing-key": "cyc"}},
    {"name": "cyc", "arguments": {"x-message-ttl": 20, "x-dead-letter-exchange": "", "x-dead-letter-routing-key": "ttl"}},
    {"name": "pri", "arguments": {"x-max-priority": 3, "x-max-length": 3}},
    {"name": "self", "arguments": {"x-dead-letter-exchange": ""}},
    {"name": "gone", "arguments": {"x-dead-letter-exchange": "missing"}},
    {"name": "exp", "arguments": {"x-expires": 150}},
    {"name": "ad", "auto_delete": true},
    {"name": "sac", "arguments": {"x-single-active-consumer": true}},
    {"name": "dlq"}
  ],
  "bindings": [
    {"source": "t", "destination": "plain", "destination_type": "queue", "routing_key": "a.*"},
    {"source": "t", "destination": "len2", "destination_type": "queue", "routing_key": "#"},
    {"source": "t", "destination": "rp", "destination_type": "queue", "routing_key": "a.#"},
    {"source": "t", "destination": "rpdlx", "destination_type": "queue", "routing_key": "*.b"},
    {"source": "t", "destination": "ttl", "destination_type": "queue", "routing_key": "b.#"},
    {"source": "t", "destination": "pri", "destination_type": "queue", "routing_key": "#.b"},
    {"source": "t", "destination": "h", "destination_type": "exchange", "routing_key": "a.b"},
    {"source": "ae", "destination": "self", "destination_type": "queue", "routing_key": ""},
    {"source": "h", "destination": "gone", "destination_type": "queue", "routing_key": "", "arguments": {"x-match": "any"}},
    {"source": "h", "destination": "exp", "destination_type": "queue", "routing_key": ""},
    {"source": "h", "destination": "ad", "destination_type": "queue", "routing_key": ""},
    {"source": "h", "destination": "sac", "destination_type": "queue", "routing_key": ""}
  ]
}"##;

const QUEUES: [&str; 13] =
    ["plain", "len2", "rp", "rpdlx", "ttl", "cyc", "pri", "self", "gone", "exp", "ad", "sac", "dlq"];
const EXCHANGES: [&str; 4] = ["t", "", "h", "ae"];
const KEYS: [&str; 8] = ["a.b", "a.c", "b.b", "b", "", "z", "self", "cyc"];

#[derive(Debug, Clone)]
enum Op {
    Publish { exchange: usize, key: usize, body_len: usize, expiration: Option<u8>, priority: Option<u8> },
    Get { queue: usize, no_ack: bool },
    Ack { channel: usize, tag: u64, multiple: bool },
    Nack { channel: usize, tag: u64, multiple: bool, requeue: bool },
    Consume { queue: usize, prefetch: u32, no_ack: bool },
    Cancel { consumer: usize },
    CloseChannel { channel: usize },
    Advance { ms: u64 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..EXCHANGES.len(), 0..KEYS.len(), 0usize..6, proptest::option::of(0u8..60), proptest::option::of(0u8..6))
            .prop_map(|(exchange, key, body_len, expiration, priority)| Op::Publish { exchange, key, body_len, expiration, priority }),
        2 => (0..QUEUES.len(), any::<bool>()).prop_map(|(queue, no_ack)| Op::Get { queue, no_ack }),
        2 => (0usize..6, 0u64..12, any::<bool>()).prop_map(|(channel, tag, multiple)| Op::Ack { channel, tag, multiple }),
        2 => (0usize..6, 0u64..12, any::<bool>(), any::<bool>())
            .prop_map(|(channel, tag, multiple, requeue)| Op::Nack { channel, tag, multiple, requeue }),
        1 => (0..QUEUES.len(), 0u32..3, any::<bool>()).prop_map(|(queue, prefetch, no_ack)| Op::Consume { queue, prefetch, no_ack }),
        1 => (0usize..6).prop_map(|consumer| Op::Cancel { consumer }),
        1 => (0usize..6).prop_map(|channel| Op::CloseChannel { channel }),
        2 => (0u64..80).prop_map(|ms| Op::Advance { ms }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_copy_is_accounted_for_at_every_moment(ops in proptest::collection::vec(op(), 1..80)) {
        let (definitions, _) = Definitions::parse(DEFINITIONS).expect("valid definitions");
        let mut broker = Broker::new(definitions.topology);
        let connection = broker.open_connection();
        let mut channels: Vec<ChannelId> = vec![broker.open_channel(connection)];
        let mut consumers: Vec<ConsumerId> = Vec::new();
        let mut now = 0;
        for (step, op) in ops.iter().enumerate() {
            match op {
                Op::Publish { exchange, key, body_len, expiration, priority } => {
                    let properties = Properties {
                        message_id: Some(format!("m{step}")),
                        expiration: expiration.map(|ms| ms.to_string()),
                        priority: *priority,
                        ..Properties::default()
                    };
                    let publish = Publish {
                        exchange: EXCHANGES[*exchange].to_string(),
                        routing_key: KEYS[*key].to_string(),
                        mandatory: step % 2 == 0,
                        properties,
                        body: Arc::from("x".repeat(*body_len).as_str()),
                    };
                    let _ = broker.publish(now, publish);
                }
                Op::Get { queue, no_ack } => {
                    let _ = broker.get(now, channels[0], QUEUES[*queue], *no_ack);
                }
                Op::Ack { channel, tag, multiple } => {
                    let _ = broker.ack(now, channels[channel % channels.len()], *tag, *multiple);
                }
                Op::Nack { channel, tag, multiple, requeue } => {
                    let _ = broker.nack(now, channels[channel % channels.len()], *tag, *multiple, *requeue);
                }
                Op::Consume { queue, prefetch, no_ack } => {
                    let channel = broker.open_channel(connection);
                    let options = ConsumeOptions { consumer_tag: format!("c{step}"), prefetch: *prefetch, no_ack: *no_ack };
                    if let Ok(consumer) = broker.consume(now, channel, QUEUES[*queue], options) {
                        consumers.push(consumer);
                    }
                    channels.push(channel);
                }
                Op::Cancel { consumer } => {
                    if !consumers.is_empty() {
                        broker.cancel(now, consumers[consumer % consumers.len()]);
                    }
                }
                Op::CloseChannel { channel } => {
                    if channels.len() > 1 {
                        let closed = channels.remove(1 + channel % (channels.len() - 1));
                        broker.close_channel(now, closed);
                    }
                }
                Op::Advance { ms } => {
                    now += ms;
                    broker.advance_to(now);
                }
            }
            broker.drain_events();
            let ledger = broker.ledger();
            let held = broker.held_copies();
            let distinct: BTreeSet<_> = held.iter().collect();
            prop_assert_eq!(distinct.len(), held.len(), "a copy is held twice after step {} ({:?})", step, op);
            prop_assert_eq!(
                ledger.copies_made,
                held.len() as u64 + ledger.acked + ledger.dead_lettered + ledger.dropped,
                "copies made = held + acked + dead-lettered + dropped, after step {} ({:?}): {:?}",
                step, op, ledger
            );
        }
    }
}
