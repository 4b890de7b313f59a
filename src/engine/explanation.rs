//! Why a message went where it went: for every exchange it visited, each binding with
//! whether it matched and how (topic words, header checks), and why an alternate exchange
//! was or was not used. Computed on demand from the topology and the routing input, with
//! the plain reference matchers, so routing itself stays fast.

use serde::Serialize;

use crate::engine::FieldTable;
use crate::engine::headers::{HeadersMatch, XMatch, match_headers};
use crate::engine::topic::{WordMatch, match_binding, split_words};
use crate::engine::topology::{Destination, ExchangeId, ExchangeKind, Route, Topology};

/// How one binding fared.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// Direct: the routing key equals the binding key.
    KeyEqual { routing_key: String },
    /// Direct: no routing key equals the binding key.
    KeyDiffers,
    /// Fanout: every binding matches.
    Fanout,
    /// Topic: the binding key's words took these routing-key words.
    TopicMatched { routing_key: String, words: Vec<WordMatch> },
    /// Topic: no routing key fits the pattern; the first key's mismatch when it is simple.
    TopicNoMatch { mismatch: Option<TopicMismatch> },
    /// Headers: each argument's outcome.
    Headers(HeadersMatch),
}

impl Verdict {
    pub fn matched(&self) -> bool {
        match self {
            Verdict::KeyEqual { .. } | Verdict::Fanout | Verdict::TopicMatched { .. } => true,
            Verdict::KeyDiffers | Verdict::TopicNoMatch { .. } => false,
            Verdict::Headers(result) => result.matched,
        }
    }
}

/// Why a topic binding key does not fit a routing key, when one word or the word count says it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "mismatch", rename_all = "snake_case")]
pub enum TopicMismatch {
    /// Word `position` (from 1) of the routing key is `found`; the binding wants `expected`.
    WordDiffers { position: usize, expected: String, found: String },
    /// The binding (no `#`) needs exactly `binding_words` words; the key has `key_words`.
    WordCount { binding_words: usize, key_words: usize },
}

/// The simple reason a topic binding key does not fit a routing key: the first literal
/// word that differs (before any `#`), else a word-count mismatch when there is no `#`.
/// `None` when only the placement of `#` explains it.
pub fn topic_mismatch(binding_key: &str, routing_key: &str) -> Option<TopicMismatch> {
    let pattern = split_words(binding_key);
    let words = split_words(routing_key);
    for (idx, (expected, found)) in pattern.iter().zip(&words).enumerate() {
        if *expected == "#" {
            return None;
        }
        if *expected != "*" && expected != found {
            return Some(TopicMismatch::WordDiffers {
                position: idx + 1,
                expected: expected.to_string(),
                found: found.to_string(),
            });
        }
    }
    if pattern.contains(&"#") {
        return None;
    }
    Some(TopicMismatch::WordCount { binding_words: pattern.len(), key_words: words.len() })
}

/// One binding of a visited exchange.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BindingVerdict {
    pub binding: crate::engine::BindingId,
    pub destination: String,
    pub destination_is_exchange: bool,
    pub binding_key: String,
    pub verdict: Verdict,
}

/// One visited exchange.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HopExplanation {
    pub exchange: String,
    pub kind: ExchangeKind,
    pub bindings: Vec<BindingVerdict>,
    /// For the default exchange: the queues named by the routing keys.
    pub default_queues: Vec<String>,
    /// The alternate exchange used because nothing matched here.
    pub alternate_used: Option<String>,
}

/// The whole routing decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RouteExplanation {
    pub hops: Vec<HopExplanation>,
    pub queues: Vec<String>,
}

/// Explains `route` (the broker's decision for this routing input) binding by binding.
pub fn explain_route(
    topology: &Topology,
    route: &Route,
    routing_keys: &[String],
    headers: &FieldTable,
) -> RouteExplanation {
    let hops = route
        .hops
        .iter()
        .map(|hop| HopExplanation {
            exchange: topology.exchange_name(hop.exchange).to_string(),
            kind: topology.exchange(hop.exchange).map_or(ExchangeKind::Direct, |exchange| exchange.spec.kind),
            bindings: explain_bindings(topology, hop.exchange, routing_keys, headers),
            default_queues: hop.default_queues.iter().map(|queue| topology.queue_name(*queue).to_string()).collect(),
            alternate_used: hop.alternate.map(|exchange| topology.exchange_name(exchange).to_string()),
        })
        .collect();
    let queues = route.queues.iter().map(|queue| topology.queue_name(*queue).to_string()).collect();
    RouteExplanation { hops, queues }
}

/// Every binding of `exchange` with its verdict for this routing input. This is also the
/// live feedback an editor shows while a routing key is typed.
pub fn explain_bindings(
    topology: &Topology,
    exchange: ExchangeId,
    routing_keys: &[String],
    headers: &FieldTable,
) -> Vec<BindingVerdict> {
    let Some(kind) = topology.exchange(exchange).map(|exchange| exchange.spec.kind) else {
        return Vec::new();
    };
    topology
        .bindings_from(exchange)
        .into_iter()
        .map(|binding| {
            let verdict = match kind {
                ExchangeKind::Fanout => Verdict::Fanout,
                ExchangeKind::Direct => match routing_keys.iter().find(|key| **key == binding.routing_key) {
                    Some(key) => Verdict::KeyEqual { routing_key: key.clone() },
                    None => Verdict::KeyDiffers,
                },
                ExchangeKind::Topic => routing_keys
                    .iter()
                    .find_map(|key| {
                        match_binding(&binding.routing_key, key)
                            .map(|words| Verdict::TopicMatched { routing_key: key.clone(), words })
                    })
                    .unwrap_or_else(|| Verdict::TopicNoMatch {
                        mismatch: routing_keys.first().and_then(|key| topic_mismatch(&binding.routing_key, key)),
                    }),
                ExchangeKind::Headers => {
                    let mode = XMatch::from_arguments(&binding.arguments).unwrap_or(XMatch::All);
                    Verdict::Headers(match_headers(mode, &binding.arguments, headers))
                }
            };
            BindingVerdict {
                binding: binding.id,
                destination: topology.destination_name(binding.destination).to_string(),
                destination_is_exchange: matches!(binding.destination, Destination::Exchange(_)),
                binding_key: binding.routing_key.clone(),
                verdict,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_topic_mismatches_are_named() {
        assert_eq!(
            topic_mismatch("compute.host1", "compute"),
            Some(TopicMismatch::WordCount { binding_words: 2, key_words: 1 })
        );
        assert_eq!(
            topic_mismatch("kern.*", "cron.info"),
            Some(TopicMismatch::WordDiffers { position: 1, expected: "kern".into(), found: "cron".into() })
        );
        assert_eq!(topic_mismatch("a.#.b", "a.c"), None);
    }
}
