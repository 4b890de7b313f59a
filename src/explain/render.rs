//! Sentences. Every word Kaiten shows about a run comes from here, for the CLI and the UI
//! alike: a trace entry becomes one sentence plus, for routing decisions, one detail line
//! per binding considered, in the language asked for (the words are the catalogue's, see
//! `lang.rs`).

use crate::engine::broker::{DropReason, QueueDeletion, RequeuePlace};
use crate::engine::explanation::{RouteExplanation, TopicMismatch, Verdict, explain_route};
use crate::engine::headers::ArgumentOutcome;
use crate::engine::{BrokerEvent, DeathReason, FieldTable, PublishId, Topology};
use crate::explain::lang::{Catalogue, Lang};
use crate::oslo::note::OsloNote;
use crate::sim::World;
use crate::sim::actor::Settle;
use crate::sim::trace::{Hop, Label, LabelKind, Leg, Note, Place, TraceEntry, TraceEvent, Unreadable};
use std::collections::BTreeMap;

/// Most message labels remembered, oldest forgotten first (bounded on long runs).
const MAX_LABELS: usize = 100_000;

/// Turns trace entries into sentences. It remembers message labels and the last routing
/// input it saw, so feed it entries in trace order.
#[derive(Debug, Clone, Default)]
pub struct Describer {
    lang: Lang,
    labels: BTreeMap<PublishId, Label>,
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
    /// A describer speaking `lang`.
    pub fn new(lang: Lang) -> Describer {
        Describer { lang, ..Describer::default() }
    }

    /// Describes `entry` of a run of `world` (for the names of actors, queues, exchanges).
    pub fn describe(&mut self, entry: &TraceEntry, world: &World) -> Description {
        let w = self.lang.words();
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
                w.arrived(
                    &quote_label(w, label),
                    &actor_name(*actor),
                    &exchange_label(w, exchange),
                    &w.quoted(routing_keys.first().map_or("", String::as_str)),
                )
            }
            TraceEvent::PublishRefused { actor, exchange, error } => {
                w.publish_refused(&actor_name(*actor), &exchange_label(w, exchange), &error.to_string())
            }
            TraceEvent::Broker(event) => self.broker_sentence(event, world, &mut details),
            TraceEvent::Hop(hop) => hop_sentence(w, hop, world),
            TraceEvent::Note { actor, note } => note_sentence(w, &actor_name(*actor), note, topology),
            TraceEvent::Intervened { action, effect } => {
                if let crate::sim::Effect::Dropped { hop } = effect {
                    self.labels.insert(hop.message, hop.label.clone());
                }
                crate::explain::intervention::sentence(self.lang, action, effect, world)
            }
        };
        Description { sentence, details }
    }

    /// Remembers a message's label, for describing entries without their history (a log
    /// window that starts after the message was sent).
    pub fn remember(&mut self, publish: PublishId, label: Label) {
        self.labels.insert(publish, label);
    }

    fn label(&self, publish: PublishId) -> String {
        let w = self.lang.words();
        self.labels.get(&publish).map_or_else(|| w.message_number(publish.0), |label| quote_label(w, label))
    }

    fn broker_sentence(&self, event: &BrokerEvent, world: &World, details: &mut Vec<String>) -> String {
        let w = self.lang.words();
        let topology = world.broker().topology();
        let queue = |id| w.quoted(topology.queue_name(id));
        let exchange = |id| exchange_label(w, topology.exchange_name(id));
        match event {
            BrokerEvent::Routed { publish, exchange: id, route, .. } => {
                if let Some((input_publish, keys, headers)) = &self.routing_input
                    && input_publish == publish
                {
                    *details = route_details(w, topology, route, keys, headers);
                }
                let names: Vec<String> = route.queues.iter().map(|id| queue(*id)).collect();
                w.routed(&exchange(*id), &self.label(*publish), &w.list(&names))
            }
            BrokerEvent::Unroutable { publish, exchange: id, returned } => {
                if let Some((input_publish, keys, headers)) = &self.routing_input
                    && input_publish == publish
                {
                    let route = crate::engine::topology::Route {
                        queues: Vec::new(),
                        hops: vec![crate::engine::topology::Hop {
                            exchange: *id,
                            matched: Vec::new(),
                            default_queues: Vec::new(),
                            alternate: None,
                        }],
                    };
                    *details = route_details(w, topology, &route, keys, headers);
                }
                if *returned {
                    w.unroutable_returned(&self.label(*publish), &exchange(*id))
                } else {
                    w.unroutable_dropped(&self.label(*publish), &exchange(*id))
                }
            }
            BrokerEvent::Enqueued { queue: id, publish, depth, .. } => {
                w.enqueued(&self.label(*publish), &queue(*id), *depth as u64)
            }
            BrokerEvent::Delivered { queue: id, publish, delivery_tag, redelivered, consumer, .. } => {
                let (queue, label, tag) = (queue(*id), self.label(*publish), *delivery_tag);
                let actor = consumer.and_then(|consumer| world.consumer_actor(consumer));
                let name = actor.map(|actor| world.actor_name(actor).to_string());
                match (consumer.is_some(), name, *redelivered) {
                    (true, Some(name), false) => w.delivered_to_consumer(&queue, &label, &name, tag),
                    (true, Some(name), true) => w.redelivered_to_consumer(&queue, &label, &name, tag),
                    (true, None, false) => w.delivered_to_its_consumer(&queue, &label, tag),
                    (true, None, true) => w.redelivered_to_its_consumer(&queue, &label, tag),
                    (false, _, false) => w.delivered_to_get(&queue, &label, tag),
                    (false, _, true) => w.redelivered_to_get(&queue, &label, tag),
                }
            }
            BrokerEvent::Acked { queue: id, publish, .. } => w.acked(&self.label(*publish), &queue(*id)),
            BrokerEvent::Requeued { queue: id, publish, place, .. } => {
                let (label, queue) = (self.label(*publish), queue(*id));
                match place {
                    RequeuePlace::Original => w.requeued(&label, &queue),
                    RequeuePlace::Head => w.requeued_to_head(&label, &queue),
                    RequeuePlace::Tail => w.requeued_to_tail(&label, &queue),
                }
            }
            BrokerEvent::Dropped { queue: id, publish, reason, .. } => {
                w.dropped(&self.label(*publish), &queue(*id), &drop_reason(w, *reason))
            }
            BrokerEvent::DeadLettered { queue: id, publish, reason, dead_letter_exchange, route, .. } => {
                let names: Vec<String> = route.queues.iter().map(|target| queue(*target)).collect();
                let why = match reason {
                    DeathReason::Rejected => w.death_rejected(),
                    DeathReason::Expired => w.death_expired(),
                    DeathReason::Maxlen => w.death_max_length(),
                    DeathReason::DeliveryLimit => w.death_delivery_limit(),
                };
                w.dead_lettered(
                    &self.label(*publish),
                    &queue(*id),
                    &why,
                    &exchange_label(w, dead_letter_exchange),
                    &w.list(&names),
                )
            }
            BrokerEvent::QueueDeleted { queue: id, reason } => {
                let why = match reason {
                    QueueDeletion::Explicit => w.deleted_explicitly(),
                    QueueDeletion::Expired => w.deleted_expired(),
                    QueueDeletion::AutoDelete => w.deleted_auto_delete(),
                    QueueDeletion::OwnerClosed => w.deleted_owner_closed(),
                    QueueDeletion::BrokerRestarted => w.deleted_broker_restarted(),
                };
                w.queue_gone(&queue(*id), &why)
            }
            BrokerEvent::ExchangeDeleted { exchange: id } => w.exchange_gone(&exchange(*id)),
        }
    }
}

/// Why a drop happened, as a clause.
pub fn describe_drop(lang: Lang, reason: DropReason) -> String {
    drop_reason(lang.words(), reason)
}

fn drop_reason(w: &dyn Catalogue, reason: DropReason) -> String {
    match reason {
        DropReason::MaxLength => w.drop_max_length(),
        DropReason::Expired => w.drop_expired(),
        DropReason::Rejected => w.drop_rejected(),
        DropReason::RejectPublish => w.drop_reject_publish(),
        DropReason::DeadLetterExchangeMissing => w.drop_dlx_missing(),
        DropReason::DeadLetterCycle => w.drop_dlx_cycle(),
        DropReason::DeadLetterUnroutable => w.drop_dlx_unroutable(),
        DropReason::QueueDeleted => w.drop_queue_deleted(),
        DropReason::DeliveryLimit => w.drop_delivery_limit(),
        DropReason::Purged => w.drop_purged(),
        DropReason::BrokerRestarted => w.drop_broker_restarted(),
    }
}

/// Detail lines for a routing decision: one per binding considered, plus alternates.
fn route_details(
    w: &dyn Catalogue,
    topology: &Topology,
    route: &crate::engine::topology::Route,
    keys: &[String],
    headers: &FieldTable,
) -> Vec<String> {
    lines_of(w, &explain_route(topology, route, keys, headers), keys)
}

/// One line per binding an explained route considered, plus alternates: the detail lines
/// of a routing decision, and the editor's live route preview.
pub fn explanation_lines(lang: Lang, explanation: &RouteExplanation, keys: &[String]) -> Vec<String> {
    lines_of(lang.words(), explanation, keys)
}

fn lines_of(w: &dyn Catalogue, explanation: &RouteExplanation, keys: &[String]) -> Vec<String> {
    let mut lines = Vec::new();
    for hop in &explanation.hops {
        if hop.exchange.is_empty() {
            if hop.default_queues.is_empty() {
                lines.push(w.default_exchange_no_queue(&w.quoted(keys.first().map_or("", String::as_str))));
            } else {
                lines.push(w.default_exchange_queue(&w.list(&hop.default_queues)));
            }
            continue;
        }
        for binding in &hop.bindings {
            let (exchange, key, destination) =
                (exchange_label(w, &hop.exchange), w.quoted(&binding.binding_key), w.quoted(&binding.destination));
            let why = verdict_reason(w, &binding.verdict);
            lines.push(match (binding.destination_is_exchange, binding.verdict.matched()) {
                (false, true) => w.binding_matched(&exchange, &key, &destination, &why),
                (false, false) => w.binding_no_match(&exchange, &key, &destination, &why),
                (true, true) => w.binding_to_exchange_matched(&exchange, &key, &destination, &why),
                (true, false) => w.binding_to_exchange_no_match(&exchange, &key, &destination, &why),
            });
        }
        if hop.bindings.is_empty() {
            lines.push(w.no_bindings(&exchange_label(w, &hop.exchange)));
        }
        if let Some(alternate) = &hop.alternate_used {
            lines.push(w.alternate_tried(&exchange_label(w, &hop.exchange), &exchange_label(w, alternate)));
        }
    }
    lines
}

fn verdict_reason(w: &dyn Catalogue, verdict: &Verdict) -> String {
    match verdict {
        Verdict::KeyEqual { routing_key } => w.key_equal(&w.quoted(routing_key)),
        Verdict::KeyDiffers => w.key_differs(),
        Verdict::Fanout => w.fanout_copies(),
        Verdict::TopicMatched { routing_key, words } => {
            let parts: Vec<String> = words
                .iter()
                .filter(|word| word.pattern == "*" || word.pattern == "#")
                .map(|word| w.topic_part(&word.pattern, &w.quoted(&word.words.join("."))))
                .collect();
            if parts.is_empty() {
                w.topic_word_for_word(&w.quoted(routing_key))
            } else {
                w.topic_fits(&w.quoted(routing_key), &w.list(&parts))
            }
        }
        Verdict::TopicNoMatch { mismatch: Some(TopicMismatch::WordDiffers { position, expected, found }) } => {
            w.topic_word_differs(*position as u64, &w.quoted(found), &w.quoted(expected))
        }
        Verdict::TopicNoMatch { mismatch: Some(TopicMismatch::WordCount { binding_words, key_words }) } => {
            w.topic_word_count(*binding_words as u64, *key_words as u64)
        }
        Verdict::TopicNoMatch { mismatch: None } => w.topic_cannot_line_up(),
        Verdict::Headers(result) => {
            let checks: Vec<String> = result
                .checks
                .iter()
                .map(|check| match &check.outcome {
                    ArgumentOutcome::Equal => w.header_equal(&check.name),
                    ArgumentOutcome::Present => w.header_present(&check.name),
                    ArgumentOutcome::Missing => w.header_missing(&check.name),
                    ArgumentOutcome::Different { expected, found } => {
                        w.header_different(&check.name, &found.to_json().to_string(), &expected.to_json().to_string())
                    }
                })
                .collect();
            let mode = serde_json::to_value(result.mode)
                .ok()
                .and_then(|value| value.as_str().map(str::to_string))
                .unwrap_or_default();
            if checks.is_empty() { w.x_match_nothing(&mode) } else { w.x_match(&mode, &w.list(&checks)) }
        }
    }
}

/// The name of a hop's end, as a sentence shows it.
pub fn place_name(lang: Lang, place: Place, world: &World) -> String {
    place_words(lang.words(), place, world)
}

fn place_words(w: &dyn Catalogue, place: Place, world: &World) -> String {
    let topology = world.broker().topology();
    match place {
        Place::Actor(actor) => world.actor_name(actor).to_string(),
        Place::Exchange(exchange) => w.exchange_place(&exchange_label(w, topology.exchange_name(exchange))),
        Place::Queue(queue) => w.queue_place(&w.quoted(topology.queue_name(queue))),
        Place::Broker => w.the_broker(),
    }
}

fn hop_sentence(w: &dyn Catalogue, hop: &Hop, world: &World) -> String {
    let (from, to, label, arrives) =
        (place_words(w, hop.from, world), place_words(w, hop.to, world), quote_label(w, &hop.label), hop.arrives);
    match &hop.leg {
        Leg::Publish { exchange, content } => {
            w.hop_publish(&from, &label, &exchange_label(w, exchange), &w.quoted(&content.routing_key), arrives)
        }
        Leg::Deliver { delivery_tag, redelivered: false, .. } => {
            w.hop_deliver(&from, &label, &to, *delivery_tag, arrives)
        }
        Leg::Deliver { delivery_tag, redelivered: true, .. } => {
            w.hop_redeliver(&from, &label, &to, *delivery_tag, arrives)
        }
        Leg::Settle { settle: Settle::Ack } => w.hop_ack(&label, &from, &to, arrives),
        Leg::Settle { settle: Settle::NackRequeue | Settle::NackDiscard } => w.hop_nack(&label, &from, &to, arrives),
        Leg::Settle { settle: Settle::Reject | Settle::RejectRequeue } => w.hop_reject(&label, &from, &to, arrives),
        Leg::Return { .. } => w.hop_return(&from, &label, &to, arrives),
    }
}

fn note_sentence(w: &dyn Catalogue, actor: &str, note: &Note, topology: &Topology) -> String {
    match note {
        Note::Received { label, queue, redelivered: false, .. } => {
            w.received(actor, &quote_label(w, label), &w.quoted(topology.queue_name(*queue)))
        }
        Note::Received { label, queue, redelivered: true, .. } => {
            w.received_again(actor, &quote_label(w, label), &w.quoted(topology.queue_name(*queue)))
        }
        Note::Processing { label, until } => w.processing(actor, &quote_label(w, label), *until),
        Note::ProcessingFailed { label } => w.processing_failed(actor, &quote_label(w, label)),
        Note::Settled { label, settle } => {
            let label = quote_label(w, label);
            match settle {
                Settle::Ack => w.settled_ack(actor, &label),
                Settle::NackRequeue => w.settled_nack_requeue(actor, &label),
                Settle::NackDiscard => w.settled_nack_discard(actor, &label),
                Settle::Reject => w.settled_reject(actor, &label),
                Settle::RejectRequeue => w.settled_reject_requeue(actor, &label),
            }
        }
        Note::Returned { label } => w.got_returned(actor, &quote_label(w, label)),
        Note::Refused { error } => w.operation_refused(actor, &error.to_string()),
        Note::Stopped => w.stopped(actor),
        Note::Disconnected { unacked: 0 } => w.disconnected_clean(actor),
        Note::Disconnected { unacked } => w.disconnected(actor, *unacked),
        Note::Stopping { until } => w.stopping(actor, *until),
        Note::Client(client) => match note.client_note::<OsloNote>() {
            Some(oslo) => crate::explain::oslo::sentence(w, actor, oslo),
            None => format!("{actor}: {}", client.0.to_json()),
        },
    }
}

/// Describes one entry without history (labels show as message numbers), in English.
pub fn describe(entry: &TraceEntry, world: &World) -> Description {
    Describer::default().describe(entry, world)
}

/// A message's label in words: a plain message's message_id (empty when it has none), an
/// oslo.messaging message's kind, method or event type and id.
pub fn label_words(w: &dyn Catalogue, label: &Label) -> String {
    let words = match label.kind() {
        LabelKind::Plain(text) => return text.clone(),
        LabelKind::Call { method, id } => w.label_call(method, id),
        LabelKind::Cast { method, id } => w.label_cast(method, id),
        LabelKind::CallRequest { id } => w.label_call_request(id),
        LabelKind::Reply { id } => w.label_reply(id),
        LabelKind::Heartbeat { id } => w.label_heartbeat(id),
        LabelKind::Notification { event_type, id } => w.label_notification(event_type, id),
        LabelKind::Unreadable { of: Unreadable::Message } => w.label_unreadable_message(),
        LabelKind::Unreadable { of: Unreadable::Reply } => w.label_unreadable_reply(),
        LabelKind::Unreadable { of: Unreadable::Notification } => w.label_unreadable_notification(),
    };
    // An empty id leaves the space before it, which the label does not keep.
    words.trim_end().to_string()
}

/// A message's label in quotes, or "a message" when it has none.
pub(crate) fn quote_label(w: &dyn Catalogue, label: &Label) -> String {
    if label.is_empty() { w.a_message() } else { w.quoted(&label_words(w, label)) }
}

fn exchange_label(w: &dyn Catalogue, name: &str) -> String {
    if name.is_empty() { w.default_exchange() } else { w.quoted(name) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_labels_are_worded_in_the_language_asked_for() {
        let reply = Label::from(LabelKind::Reply { id: "1dcfbfbb".into() });
        assert_eq!(label_words(Lang::En.words(), &reply), "reply to 1dcfbfbb");
        assert_eq!(label_words(Lang::ZhCn.words(), &reply), "回复 1dcfbfbb");
        let call = Label::from(LabelKind::Call { method: "add".into(), id: "1dcfbfbb".into() });
        assert_eq!(label_words(Lang::ZhCn.words(), &call), "call add 1dcfbfbb", "code words stay as they are");
        let unnamed = Label::from(LabelKind::Reply { id: String::new() });
        assert_eq!(label_words(Lang::En.words(), &unnamed), "reply to", "no id, no space after");
        let unreadable = Label::from(LabelKind::Unreadable { of: Unreadable::Message });
        assert_eq!(label_words(Lang::En.words(), &unreadable), "message ?");
        assert_eq!(label_words(Lang::ZhCn.words(), &unreadable), "消息 ?");
        assert_eq!(label_words(Lang::ZhCn.words(), &Label::plain("job-1")), "job-1", "a message_id is no word");
        assert_eq!(quote_label(Lang::En.words(), &Label::plain("")), "a message");
    }

    #[test]
    fn a_routing_decision_is_explained_with_the_bindings_it_was_made_with() {
        // Notifications declares the other priorities' queues after the first notification is
        // routed: explained against the end of the run, its "why" would list bindings that did
        // not exist yet.
        let studio = crate::studio::Studio::with_builtin("notifications");
        let run = studio.run().unwrap();
        let routed = run
            .trace
            .iter()
            .position(|entry| matches!(entry.event, TraceEvent::Broker(BrokerEvent::Routed { .. })))
            .unwrap();
        let entry = &run.trace[routed];
        let details = |world: &crate::sim::World| {
            let mut describer = Describer::new(Lang::En);
            let TraceEvent::Broker(BrokerEvent::Routed { publish, .. }) = &entry.event else { unreachable!() };
            describer.describe(run.arrival_of(*publish).unwrap(), world);
            describer.describe(entry, world).details
        };
        let then = details(&run.session.world_at(entry.step));
        let at_the_end = details(&run.session.world_at(run.end));
        assert!(
            then.iter().any(|line| line.contains("'notifications.info' -> 'notifications.info': matched")),
            "{then:#?}"
        );
        assert!(!then.iter().any(|line| line.contains("-> 'notifications.warn'")), "{then:#?}");
        assert!(at_the_end.iter().any(|line| line.contains("-> 'notifications.warn'")), "{at_the_end:#?}");
    }
}
