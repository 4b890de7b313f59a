//! Sentences. Every word Kaiten shows about a run comes from here, for the CLI and the UI
//! alike: a trace entry becomes one sentence plus, for routing decisions, one detail line
//! per binding considered.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::engine::broker::{DropReason, QueueDeletion};
use crate::engine::explanation::{RouteExplanation, TopicMismatch, Verdict, explain_route};
use crate::engine::headers::ArgumentOutcome;
use crate::engine::{BrokerEvent, FieldTable, PublishId, Topology};
use crate::oslo::note::OsloNote;
use crate::sim::World;
use crate::sim::actor::Settle;
use crate::sim::trace::{Hop, Leg, Note, Place, TraceEntry, TraceEvent};

/// Most message labels remembered, oldest forgotten first (bounded on long runs).
const MAX_LABELS: usize = 100_000;

/// Turns trace entries into sentences. It remembers message labels and the last routing
/// input it saw, so feed it entries in trace order.
#[derive(Debug, Clone, Default)]
pub struct Describer {
    labels: BTreeMap<PublishId, Arc<str>>,
    routing_input: Option<(PublishId, Vec<String>, FieldTable)>,
}

/// One described entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Description {
    pub sentence: String,
    /// Why: one line per binding or rule that decided.
    pub details: Vec<String>,
}

impl Describer {
    /// Describes `entry` of a run of `world` (for the names of actors, queues, exchanges).
    pub fn describe(&mut self, entry: &TraceEntry, world: &World) -> Description {
        let topology = world.broker().topology();
        let actor_name = |actor| world.actor_name(actor).to_string();
        let mut details = Vec::new();
        let sentence = match &entry.event {
            TraceEvent::Arrived { actor, publish, label, exchange, routing_keys, headers } => {
                self.labels.insert(*publish, label.clone());
                if self.labels.len() > MAX_LABELS {
                    self.labels.pop_first();
                }
                self.routing_input = Some((*publish, routing_keys.clone(), headers.clone()));
                format!(
                    "{} from {} reached exchange {} with routing key {}",
                    quote_label(label),
                    actor_name(*actor),
                    exchange_label(exchange),
                    quote(routing_keys.first().map_or("", String::as_str))
                )
            }
            TraceEvent::PublishRefused { actor, exchange, error } => {
                format!(
                    "the broker refused a publish from {} to exchange {}: {error}",
                    actor_name(*actor),
                    exchange_label(exchange)
                )
            }
            TraceEvent::Broker(event) => self.broker_sentence(event, world, &mut details),
            TraceEvent::Hop(hop) => hop_sentence(hop, world),
            TraceEvent::Note { actor, note } => note_sentence(&actor_name(*actor), note, topology),
            TraceEvent::Intervened { action, effect } => {
                if let crate::sim::Effect::Dropped { hop } = effect {
                    self.labels.insert(hop.message, hop.label.clone());
                }
                crate::explain::intervention::sentence(action, effect, world)
            }
        };
        Description { sentence, details }
    }

    /// Remembers a message's label, for describing entries without their history (a log
    /// window that starts after the message was sent).
    pub fn remember(&mut self, publish: PublishId, label: Arc<str>) {
        self.labels.insert(publish, label);
    }

    fn label(&self, publish: PublishId) -> String {
        self.labels.get(&publish).map_or_else(|| format!("message #{}", publish.0), |label| quote_label(label))
    }

    fn broker_sentence(&self, event: &BrokerEvent, world: &World, details: &mut Vec<String>) -> String {
        let topology = world.broker().topology();
        let queue = |id| quote(topology.queue_name(id));
        match event {
            BrokerEvent::Routed { publish, exchange, route, .. } => {
                if let Some((input_publish, keys, headers)) = &self.routing_input
                    && input_publish == publish
                {
                    *details = route_details(topology, route, keys, headers);
                }
                let names: Vec<String> = route.queues.iter().map(|id| queue(*id)).collect();
                format!(
                    "exchange {} routed {} to {}",
                    exchange_label(topology.exchange_name(*exchange)),
                    self.label(*publish),
                    names.join(", ")
                )
            }
            BrokerEvent::Unroutable { publish, exchange, returned } => {
                if let Some((input_publish, keys, headers)) = &self.routing_input
                    && input_publish == publish
                {
                    let route = crate::engine::topology::Route {
                        queues: Vec::new(),
                        hops: vec![crate::engine::topology::Hop {
                            exchange: *exchange,
                            matched: Vec::new(),
                            default_queues: Vec::new(),
                            alternate: None,
                        }],
                    };
                    *details = route_details(topology, &route, keys, headers);
                }
                let fate = if *returned {
                    "it was mandatory, so the broker returned it to the publisher (312 NO_ROUTE)"
                } else {
                    "it was not mandatory, so the broker dropped it silently"
                };
                format!(
                    "{} matched no binding of exchange {} (nor of an alternate exchange): {fate}",
                    self.label(*publish),
                    exchange_label(topology.exchange_name(*exchange))
                )
            }
            BrokerEvent::Enqueued { queue: id, publish, depth, .. } => {
                format!("{} entered queue {} ({depth} ready)", self.label(*publish), queue(*id))
            }
            BrokerEvent::Delivered { queue: id, publish, delivery_tag, redelivered, consumer, .. } => {
                let to = match consumer.and_then(|consumer| world.consumer_actor(consumer)) {
                    Some(actor) => format!("consumer {}", world.actor_name(actor)),
                    None if consumer.is_some() => "its consumer".to_string(),
                    None => "a basic.get".to_string(),
                };
                let again = if *redelivered { ", marked redelivered" } else { "" };
                format!(
                    "queue {} delivered {} to {to} (delivery tag {delivery_tag}{again})",
                    queue(*id),
                    self.label(*publish)
                )
            }
            BrokerEvent::Acked { queue: id, publish, .. } => {
                format!("{} was acknowledged; queue {} has forgotten it", self.label(*publish), queue(*id))
            }
            BrokerEvent::Requeued { queue: id, publish, .. } => format!(
                "{} went back to its original place in queue {}, to be redelivered",
                self.label(*publish),
                queue(*id)
            ),
            BrokerEvent::Dropped { queue: id, publish, reason, .. } => {
                format!("{} was dropped from queue {}: {}", self.label(*publish), queue(*id), describe_drop(*reason))
            }
            BrokerEvent::DeadLettered { queue: id, publish, reason, dead_letter_exchange, route, .. } => {
                let names: Vec<String> =
                    route.queues.iter().map(|target| quote(topology.queue_name(*target))).collect();
                let why = match reason {
                    crate::engine::DeathReason::Rejected => "it was rejected without requeue",
                    crate::engine::DeathReason::Expired => "its TTL ran out at the head of the queue",
                    crate::engine::DeathReason::Maxlen => "the queue was over its length limit",
                    crate::engine::DeathReason::DeliveryLimit => {
                        "it was requeued more times than the quorum queue's delivery limit"
                    }
                };
                format!(
                    "{} left queue {} because {why}; it was dead-lettered through exchange {} to {}",
                    self.label(*publish),
                    queue(*id),
                    exchange_label(dead_letter_exchange),
                    names.join(", ")
                )
            }
            BrokerEvent::QueueDeleted { queue: id, reason } => {
                let why = match reason {
                    QueueDeletion::Explicit => "it was deleted",
                    QueueDeletion::Expired => "it was unused for its x-expires time",
                    QueueDeletion::AutoDelete => "its last consumer left and it is auto-delete",
                    QueueDeletion::OwnerClosed => "the connection owning it (exclusive) closed",
                    QueueDeletion::BrokerRestarted => "it was not durable and the broker restarted",
                };
                format!("queue {} is gone: {why}", queue(*id))
            }
            BrokerEvent::ExchangeDeleted { exchange } => format!(
                "exchange {} is gone: it is auto-delete and lost its last binding",
                exchange_label(topology.exchange_name(*exchange))
            ),
        }
    }
}

/// Why a drop happened, as a clause.
pub fn describe_drop(reason: DropReason) -> &'static str {
    match reason {
        DropReason::MaxLength => {
            "the queue was full (x-overflow drop-head) and has no dead-letter exchange, so the oldest message went"
        }
        DropReason::Expired => "its TTL ran out at the head of the queue and the queue has no dead-letter exchange",
        DropReason::Rejected => "it was rejected without requeue and the queue has no dead-letter exchange",
        DropReason::RejectPublish => {
            "the queue was full and its x-overflow is reject-publish, so it refused the message (the publisher gets a nack)"
        }
        DropReason::DeadLetterExchangeMissing => "its dead-letter exchange does not exist",
        DropReason::DeadLetterCycle => {
            "dead-lettering would send it back to a queue it already died in, with no rejection in between (a cycle)"
        }
        DropReason::DeadLetterUnroutable => "its dead-letter exchange routed it nowhere",
        DropReason::QueueDeleted => "the queue was deleted",
        DropReason::DeliveryLimit => {
            "it was requeued more times than the quorum queue's delivery limit and the queue has no dead-letter exchange"
        }
        DropReason::Purged => "the queue was purged",
        DropReason::BrokerRestarted => {
            "the broker restarted and the message was transient (delivery_mode 1), so only the queue survived"
        }
    }
}

/// Detail lines for a routing decision: one per binding considered, plus alternates.
fn route_details(
    topology: &Topology,
    route: &crate::engine::topology::Route,
    keys: &[String],
    headers: &FieldTable,
) -> Vec<String> {
    explanation_lines(&explain_route(topology, route, keys, headers), keys)
}

/// One line per binding an explained route considered, plus alternates: the detail lines
/// of a routing decision, and the editor's live route preview.
pub fn explanation_lines(explanation: &RouteExplanation, keys: &[String]) -> Vec<String> {
    let mut lines = Vec::new();
    for hop in &explanation.hops {
        if hop.exchange.is_empty() {
            if hop.default_queues.is_empty() {
                lines.push(format!(
                    "default exchange: no queue is named {}",
                    quote(keys.first().map_or("", String::as_str))
                ));
            } else {
                lines.push(format!("default exchange: the queue named {} gets it", hop.default_queues.join(", ")));
            }
            continue;
        }
        for binding in &hop.bindings {
            let mark = if binding.verdict.matched() { "matched" } else { "no match" };
            let target = if binding.destination_is_exchange { "exchange " } else { "" };
            lines.push(format!(
                "{} binding {} -> {target}{}: {mark}, {}",
                exchange_label(&hop.exchange),
                quote(&binding.binding_key),
                quote(&binding.destination),
                verdict_reason(&binding.verdict)
            ));
        }
        if hop.bindings.is_empty() {
            lines.push(format!("exchange {} has no bindings", exchange_label(&hop.exchange)));
        }
        if let Some(alternate) = &hop.alternate_used {
            lines.push(format!(
                "nothing matched at {}, so its alternate exchange {} was tried",
                exchange_label(&hop.exchange),
                exchange_label(alternate)
            ));
        }
    }
    lines
}

fn verdict_reason(verdict: &Verdict) -> String {
    match verdict {
        Verdict::KeyEqual { routing_key } => format!("the routing key {} equals the binding key", quote(routing_key)),
        Verdict::KeyDiffers => "a direct exchange needs the routing key to equal the binding key".into(),
        Verdict::Fanout => "a fanout exchange copies to every binding".into(),
        Verdict::TopicMatched { routing_key, words } => {
            let parts: Vec<String> = words
                .iter()
                .filter(|word| word.pattern == "*" || word.pattern == "#")
                .map(|word| format!("{} = {}", word.pattern, quote(&word.words.join("."))))
                .collect();
            if parts.is_empty() {
                format!("{} equals it word for word", quote(routing_key))
            } else {
                format!("{} fits with {}", quote(routing_key), parts.join(", "))
            }
        }
        Verdict::TopicNoMatch { mismatch: Some(TopicMismatch::WordDiffers { position, expected, found }) } => {
            format!(
                "word {position} of the routing key is {} where the binding wants {}",
                quote(found),
                quote(expected)
            )
        }
        Verdict::TopicNoMatch { mismatch: Some(TopicMismatch::WordCount { binding_words, key_words }) } => format!(
            "the binding needs exactly {binding_words} word{} (* is one word), the routing key has {key_words}",
            if *binding_words == 1 { "" } else { "s" }
        ),
        Verdict::TopicNoMatch { mismatch: None } => {
            "the routing key's words cannot be lined up with the pattern (* is one word, # is zero or more)".into()
        }
        Verdict::Headers(result) => {
            let checks: Vec<String> = result
                .checks
                .iter()
                .map(|check| match &check.outcome {
                    ArgumentOutcome::Equal => format!("{} equal", check.name),
                    ArgumentOutcome::Present => format!("{} present", check.name),
                    ArgumentOutcome::Missing => format!("{} missing", check.name),
                    ArgumentOutcome::Different { expected, found } => {
                        format!("{} is {} not {}", check.name, found.to_json(), expected.to_json())
                    }
                })
                .collect();
            let mode = serde_json::to_value(result.mode)
                .ok()
                .and_then(|value| value.as_str().map(str::to_string))
                .unwrap_or_default();
            if checks.is_empty() {
                format!("x-match {mode} over no arguments")
            } else {
                format!("x-match {mode}: {}", checks.join(", "))
            }
        }
    }
}

/// The name of a hop's end, as a sentence shows it.
pub fn place_name(place: Place, world: &World) -> String {
    let topology = world.broker().topology();
    match place {
        Place::Actor(actor) => world.actor_name(actor).to_string(),
        Place::Exchange(exchange) => format!("exchange {}", exchange_label(topology.exchange_name(exchange))),
        Place::Queue(queue) => format!("queue {}", quote(topology.queue_name(queue))),
        Place::Broker => "the broker".to_string(),
    }
}

fn hop_sentence(hop: &Hop, world: &World) -> String {
    let (from, to, label, arrives) =
        (place_name(hop.from, world), place_name(hop.to, world), quote_label(&hop.label), hop.arrives);
    match &hop.leg {
        Leg::Publish { exchange, content } => format!(
            "{from} published {label} to exchange {} with routing key {} (reaches the broker at {arrives} ms)",
            exchange_label(exchange),
            quote(&content.routing_key)
        ),
        Leg::Deliver { delivery_tag, redelivered, .. } => {
            let again = if *redelivered { ", flagged redelivered" } else { "" };
            format!("{from} sent {label} to {to} (delivery tag {delivery_tag}{again}; it arrives at {arrives} ms)")
        }
        Leg::Settle { settle } => {
            let what = match settle {
                Settle::Ack => "ack",
                Settle::NackRequeue | Settle::NackDiscard => "nack",
                Settle::Reject | Settle::RejectRequeue => "reject",
            };
            format!("the {what} of {label} left {from} for {to} (it arrives at {arrives} ms)")
        }
        Leg::Return { .. } => {
            format!("{from} sent {label} back to {to} as unroutable (basic.return; it arrives at {arrives} ms)")
        }
    }
}

fn note_sentence(actor: &str, note: &Note, topology: &Topology) -> String {
    match note {
        Note::Received { label, queue, redelivered, .. } => {
            let again = if *redelivered { " (a redelivery)" } else { "" };
            format!("{actor} received {} from queue {}{again}", quote_label(label), quote(topology.queue_name(*queue)))
        }
        Note::Processing { label, until } => format!("{actor} is processing {} until {until} ms", quote_label(label)),
        Note::ProcessingFailed { label } => format!("{actor} failed to process {}", quote_label(label)),
        Note::Settled { label, settle } => {
            let what = match settle {
                Settle::Ack => "acked",
                Settle::NackRequeue => "nacked with requeue",
                Settle::NackDiscard => "nacked without requeue",
                Settle::Reject => "rejected without requeue",
                Settle::RejectRequeue => "rejected with requeue",
            };
            format!("{actor} {what} {}", quote_label(label))
        }
        Note::Returned { label } => format!("{actor} got {} back as unroutable (basic.return)", quote_label(label)),
        Note::Refused { error } => format!("the broker refused an operation by {actor}: {error}"),
        Note::Stopped => format!("{actor} stopped; nothing more comes from it"),
        Note::Disconnected { unacked: 0 } => {
            format!("the broker saw {actor}'s connection close; it held no unacked messages")
        }
        Note::Disconnected { unacked } => format!(
            "the broker saw {actor}'s connection close with {unacked} unacked message(s): they go back to their queues, to be redelivered flagged redelivered"
        ),
        Note::Stopping { until } => format!(
            "{actor} stops gracefully: it consumes nothing more and closes its connection at {until} ms, when its work in progress is done"
        ),
        Note::Client(client) => match note.client_note::<OsloNote>() {
            Some(oslo) => crate::explain::oslo::sentence(actor, oslo),
            None => format!("{actor}: {}", client.0.to_json()),
        },
    }
}

/// Describes one entry without history (labels show as message numbers).
pub fn describe(entry: &TraceEntry, world: &World) -> Description {
    Describer::default().describe(entry, world)
}

pub(crate) fn quote(text: &str) -> String {
    format!("'{text}'")
}

pub(crate) fn quote_label(label: &str) -> String {
    if label.is_empty() { "a message".into() } else { quote(label) }
}

fn exchange_label(name: &str) -> String {
    if name.is_empty() { "(default)".into() } else { quote(name) }
}
