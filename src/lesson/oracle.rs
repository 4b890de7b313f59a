//! The engine as the oracle: runs a lesson's scenario and computes the answer to each
//! question and the truth of each goal from what actually happened (the trace and the
//! broker's state), so no answer is ever typed by an author. Every answer carries why, as
//! data (`RouteExplanation`, a trace entry, a call's outcome) that `explain::lesson` words.

use crate::engine::explanation::{RouteExplanation, explain_route};
use crate::engine::topology::RoutingInput;
use crate::engine::{
    BrokerEvent, DeathReason, DropReason, FieldTable, FieldValue, PublishId, QueueId, SimTime, Topology,
};
use crate::formats::scenario::{ActorSpec, Scenario};
use crate::lesson::{Ask, Goal};
use crate::sim::World;
use crate::sim::actor::{CallOutcome, Settle};
use crate::sim::actors::expand_template;
use crate::sim::trace::{Note, TraceEntry, TraceEvent};

/// The most steps a lesson's run takes; lesson scenarios are small.
pub const MAX_STEPS: u64 = 200_000;

/// A run of a scenario, to its end or to a moment.
#[derive(Debug, Clone)]
pub struct Run {
    pub world: World,
    pub trace: Vec<TraceEntry>,
}

/// Why a question has no answer (a name the scenario lacks, a message never sent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unanswerable {
    /// The scenario does not build.
    Scenario,
    NoProducer {
        name: String,
    },
    NoExchange {
        name: String,
    },
    NoClient {
        name: String,
    },
    NoCall {
        client: String,
    },
    NoQueue {
        name: String,
    },
    NeverPublished {
        message: String,
    },
    NeverDelivered {
        message: String,
    },
}

impl Run {
    /// Runs `scenario` (with its own seed) until nothing is left to do, or until virtual time
    /// passes `until`.
    pub fn of(scenario: &Scenario, until: Option<SimTime>) -> Result<Run, Unanswerable> {
        let mut world = scenario.build(scenario.seed).map_err(|_| Unanswerable::Scenario)?;
        let mut trace = Vec::new();
        while world.steps() < MAX_STEPS {
            if let (Some(until), Some(next)) = (until, world.next_time())
                && next > until
            {
                break;
            }
            if !world.step(&mut trace) {
                break;
            }
        }
        Ok(Run { world, trace })
    }

    fn publishes_of(&self, message: &str) -> Vec<PublishId> {
        self.trace
            .iter()
            .filter_map(|entry| match &entry.event {
                TraceEvent::Arrived { publish, label, .. } if label.plain_text() == Some(message) => Some(*publish),
                _ => None,
            })
            .collect()
    }

    fn actor_named(&self, name: &str) -> Option<crate::sim::ActorId> {
        self.world.actors().find(|(_, actor)| actor.name() == name).map(|(id, _)| id)
    }
}

/// What an RPC call came back with, as a learner chooses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum OutcomeKind {
    Returned,
    Timeout,
    RemoteError,
}

/// What became of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fate {
    /// A consumer got it and it was acked.
    Delivered,
    DeadLettered,
    Expired,
    /// Dropped by the broker: a full queue, a rejection without a dead-letter exchange, or
    /// routed nowhere without `mandatory`.
    Dropped,
    /// Sent back to its publisher as unroutable (`mandatory`).
    Returned,
    /// Still in a queue when the run ends.
    StillQueued,
}

impl Fate {
    pub const ALL: [Fate; 6] =
        [Fate::Delivered, Fate::DeadLettered, Fate::Expired, Fate::Dropped, Fate::Returned, Fate::StillQueued];
}

/// One choice a question offers; names are shown as they are, the rest is worded.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Choice {
    Queue(String),
    Actor(String),
    Outcome(OutcomeKind),
    Fate(Fate),
}

/// The engine's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The right choices (for `routed`, every queue reached; none when nothing is).
    Choices(Vec<Choice>),
    Number(u64),
}

/// Why the answer is what it is.
#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    /// The routing decision, binding by binding.
    Route { explanation: RouteExplanation, routing_key: String, mandatory: bool },
    /// What the call came back with.
    Outcome(CallOutcome),
    /// The trace entry that settled it (an index into the run's trace).
    Entry(usize),
    /// The queue's ready messages at that moment.
    Depth { queue: String, at_ms: SimTime, ready: u64 },
}

/// A question as the learner sees it, with the engine's answer.
#[derive(Debug, Clone)]
pub struct Oracle {
    pub choices: Vec<Choice>,
    /// Several choices may be right (tick boxes) or exactly one (radio buttons).
    pub multiple: bool,
    /// The learner types a number instead of choosing.
    pub numeric: bool,
    pub answer: Answer,
    pub why: Why,
    /// The run the answer came from (to its end, or to the asked moment).
    pub run: Run,
}

impl Oracle {
    /// Whether the learner's answer is the engine's.
    pub fn is_right(&self, given: &Answer) -> bool {
        match (given, &self.answer) {
            (Answer::Choices(given), Answer::Choices(right)) => {
                let mut given = given.clone();
                crate::engine::order::sort_by(&mut given, Ord::cmp);
                given.dedup();
                let mut right = right.clone();
                crate::engine::order::sort_by(&mut right, Ord::cmp);
                given == right
            }
            (given, right) => given == right,
        }
    }
}

/// Where a publish from `producer` would go on `topology`, and why.
pub fn route_of(
    scenario: &Scenario,
    topology: &Topology,
    producer: &str,
    routing_key: Option<&str>,
    headers: Option<&serde_json::Map<String, serde_json::Value>>,
) -> Result<(Vec<String>, RouteExplanation, String, bool), Unanswerable> {
    let config = scenario
        .actors
        .iter()
        .find_map(|actor| match actor {
            ActorSpec::Producer(config) if config.name == producer => Some(config),
            _ => None,
        })
        .ok_or_else(|| Unanswerable::NoProducer { name: producer.to_string() })?;
    let exchange = topology
        .exchange_by_name(&config.exchange)
        .ok_or_else(|| Unanswerable::NoExchange { name: config.exchange.clone() })?;
    let key = routing_key.map_or_else(|| expand_template(&config.routing_key, &config.name, 1), str::to_string);
    let mut table = FieldTable::new();
    for (name, value) in headers.unwrap_or(&config.headers) {
        let value = match value {
            serde_json::Value::String(text) => FieldValue::Str(expand_template(text, &config.name, 1)),
            other => FieldValue::from_json(other),
        };
        table.insert(name.clone(), value);
    }
    let keys = [key.clone()];
    let route = topology.route(exchange.id, RoutingInput { routing_keys: &keys, headers: &table });
    let explanation = explain_route(topology, &route, &keys, &table);
    Ok((explanation.queues.clone(), explanation, key, config.mandatory))
}

/// The kind of an outcome, as a learner chooses it.
pub fn outcome_kind(outcome: &CallOutcome) -> OutcomeKind {
    match outcome {
        CallOutcome::Returned { .. } => OutcomeKind::Returned,
        CallOutcome::Raised { class, .. } if class.ends_with("MessagingTimeout") => OutcomeKind::Timeout,
        CallOutcome::Raised { .. } => OutcomeKind::RemoteError,
    }
}

/// Answers `ask` on `scenario`, whose run is at `moment` when the question is shown.
pub fn answer(scenario: &Scenario, moment: SimTime, ask: &Ask) -> Result<Oracle, Unanswerable> {
    match ask {
        Ask::Routed { producer, routing_key, headers } => {
            let run = Run::of(scenario, Some(moment))?;
            let topology = run.world.broker().topology();
            let (queues, explanation, routing_key, mandatory) =
                route_of(scenario, topology, producer, routing_key.as_deref(), headers.as_ref())?;
            let choices = topology.queues().map(|queue| Choice::Queue(queue.name().to_string())).collect();
            Ok(Oracle {
                choices,
                multiple: true,
                numeric: false,
                answer: Answer::Choices(queues.into_iter().map(Choice::Queue).collect()),
                why: Why::Route { explanation, routing_key, mandatory },
                run,
            })
        }
        Ask::CallOutcome { client } => {
            let run = Run::of(scenario, None)?;
            let id = run.actor_named(client).ok_or_else(|| Unanswerable::NoClient { name: client.clone() })?;
            let (_, actor) = run.world.actors().find(|(other, _)| *other == id).expect("the actor is there");
            let outcome = actor.status().outcome.ok_or_else(|| Unanswerable::NoCall { client: client.clone() })?;
            let choices = [OutcomeKind::Returned, OutcomeKind::Timeout, OutcomeKind::RemoteError]
                .into_iter()
                .map(Choice::Outcome)
                .collect();
            Ok(Oracle {
                choices,
                multiple: false,
                numeric: false,
                answer: Answer::Choices(vec![Choice::Outcome(outcome_kind(&outcome))]),
                why: Why::Outcome(outcome),
                run,
            })
        }
        Ask::DeliveredTo { message } => {
            let run = Run::of(scenario, None)?;
            let publishes = run.publishes_of(message);
            if publishes.is_empty() {
                return Err(Unanswerable::NeverPublished { message: message.clone() });
            }
            let (idx, consumer) = run
                .trace
                .iter()
                .enumerate()
                .find_map(|(idx, entry)| match &entry.event {
                    TraceEvent::Broker(BrokerEvent::Delivered { consumer: Some(consumer), publish, .. })
                        if publishes.contains(publish) =>
                    {
                        Some((idx, *consumer))
                    }
                    _ => None,
                })
                .ok_or_else(|| Unanswerable::NeverDelivered { message: message.clone() })?;
            let actor = run.world.consumer_actor(consumer).map(|actor| run.world.actor_name(actor).to_string());
            let actor = actor.ok_or_else(|| Unanswerable::NeverDelivered { message: message.clone() })?;
            let choices = scenario
                .actors
                .iter()
                .filter(|spec| {
                    !matches!(spec, ActorSpec::Producer(_) | ActorSpec::RpcClient(_) | ActorSpec::Notifier(_))
                })
                .map(|spec| Choice::Actor(spec.name().to_string()))
                .collect();
            Ok(Oracle {
                choices,
                multiple: false,
                numeric: false,
                answer: Answer::Choices(vec![Choice::Actor(actor)]),
                why: Why::Entry(idx),
                run,
            })
        }
        Ask::QueueDepth { queue, at_ms } => {
            let run = Run::of(scenario, Some(*at_ms))?;
            let found = run.world.broker().topology().queue_by_name(queue).map(|found| found.id);
            let id = found.ok_or_else(|| Unanswerable::NoQueue { name: queue.clone() })?;
            let ready = run.world.broker().ready_count(id) as u64;
            Ok(Oracle {
                choices: Vec::new(),
                multiple: false,
                numeric: true,
                answer: Answer::Number(ready),
                why: Why::Depth { queue: queue.clone(), at_ms: *at_ms, ready },
                run,
            })
        }
        Ask::Fate { message } => {
            let run = Run::of(scenario, None)?;
            let publishes = run.publishes_of(message);
            if publishes.is_empty() {
                return Err(Unanswerable::NeverPublished { message: message.clone() });
            }
            let settled = run.trace.iter().enumerate().find_map(|(idx, entry)| {
                let TraceEvent::Broker(event) = &entry.event else { return None };
                let fate = match event {
                    BrokerEvent::Acked { publish, .. } if publishes.contains(publish) => Fate::Delivered,
                    BrokerEvent::DeadLettered { publish, .. } if publishes.contains(publish) => Fate::DeadLettered,
                    BrokerEvent::Dropped { publish, reason: DropReason::Expired, .. }
                        if publishes.contains(publish) =>
                    {
                        Fate::Expired
                    }
                    BrokerEvent::Dropped { publish, .. } if publishes.contains(publish) => Fate::Dropped,
                    BrokerEvent::Unroutable { publish, returned: true, .. } if publishes.contains(publish) => {
                        Fate::Returned
                    }
                    BrokerEvent::Unroutable { publish, .. } if publishes.contains(publish) => Fate::Dropped,
                    _ => return None,
                };
                Some((idx, fate))
            });
            let (why, fate) = match settled {
                Some((idx, fate)) => (Why::Entry(idx), fate),
                None => {
                    let idx = run
                        .trace
                        .iter()
                        .rposition(|entry| matches!(&entry.event, TraceEvent::Broker(BrokerEvent::Enqueued { publish, .. }) if publishes.contains(publish)))
                        .unwrap_or(0);
                    (Why::Entry(idx), Fate::StillQueued)
                }
            };
            Ok(Oracle {
                choices: Fate::ALL.into_iter().map(Choice::Fate).collect(),
                multiple: false,
                numeric: false,
                answer: Answer::Choices(vec![Choice::Fate(fate)]),
                why,
                run,
            })
        }
    }
}

/// Whether each goal holds over a run of `scenario` to its end.
pub fn evaluate(scenario: &Scenario, goals: &[Goal]) -> Vec<bool> {
    let Ok(run) = Run::of(scenario, None) else { return vec![false; goals.len()] };
    let declared = scenario.topology().ok();
    goals.iter().map(|goal| holds(scenario, declared.as_ref(), &run, goal)).collect()
}

fn holds(scenario: &Scenario, declared: Option<&Topology>, run: &Run, goal: &Goal) -> bool {
    let actor_named = |name: &str| run.actor_named(name);
    let queue_named = |name: &str| run.world.broker().topology().queue_by_name(name).map(|queue| queue.id);
    match goal {
        Goal::Routed { producer, routing_key, queues } => {
            let Some(topology) = declared else { return false };
            let Ok((reached, ..)) = route_of(scenario, topology, producer, routing_key.as_deref(), None) else {
                return false;
            };
            let (mut reached, mut wanted) = (reached, queues.clone());
            crate::engine::order::sort_by(&mut reached, Ord::cmp);
            crate::engine::order::sort_by(&mut wanted, Ord::cmp);
            reached == wanted
        }
        Goal::Delivered { consumer, at_least } => {
            let Some(actor) = actor_named(consumer) else { return false };
            let received = run
                .trace
                .iter()
                .filter(|entry| {
                    matches!(&entry.event, TraceEvent::Note { actor: by, note: Note::Received { .. } } if *by == actor)
                })
                .count() as u64;
            received >= *at_least
        }
        Goal::NoMessageLost => no_message_lost(scenario, run),
        Goal::CallReturns { client } => {
            let Some(id) = actor_named(client) else { return false };
            run.world
                .actors()
                .find(|(other, _)| *other == id)
                .and_then(|(_, actor)| actor.status().outcome)
                .is_some_and(|outcome| matches!(outcome, CallOutcome::Returned { .. }))
        }
        Goal::DeadLetteredInto { queue } => {
            let Some(id) = queue_named(queue) else { return false };
            run.trace.iter().any(|entry| {
                matches!(&entry.event, TraceEvent::Broker(BrokerEvent::DeadLettered { route, .. }) if route.queues.contains(&id))
            })
        }
        Goal::DepthAtMost { queue, at_most } => {
            let Some(id) = queue_named(queue) else { return false };
            settled_depths(run, id).all(|depth| depth <= *at_most)
        }
        Goal::NoDrops => !run.trace.iter().any(|entry| {
            matches!(
                &entry.event,
                TraceEvent::Broker(BrokerEvent::Dropped { .. } | BrokerEvent::Unroutable { returned: false, .. })
            )
        }),
        Goal::QueueArgument { queue, argument, value } => {
            let Some(found) = declared.and_then(|topology| topology.queue_by_name(queue)) else { return false };
            match (found.spec.arguments.get(argument), value) {
                (None, _) => false,
                (Some(_), None) => true,
                (Some(set), Some(wanted)) => set.to_json() == *wanted,
            }
        }
    }
}

/// The queue's ready depth after each message entered it, once its length limit acted: a
/// `drop-head` queue enqueues the new message and then drops (or dead-letters) its oldest
/// ones in the same step, so it is never seen over its limit (RabbitMQ's
/// `deliver_or_enqueue` then `maybe_drop_head`).
fn settled_depths(run: &Run, id: QueueId) -> impl Iterator<Item = u64> + '_ {
    run.trace.iter().enumerate().filter_map(move |(idx, entry)| {
        let TraceEvent::Broker(BrokerEvent::Enqueued { queue, depth, .. }) = &entry.event else { return None };
        if *queue != id {
            return None;
        }
        let pushed_out = run.trace[idx + 1..]
            .iter()
            .take_while(|later| !matches!(&later.event, TraceEvent::Broker(BrokerEvent::Enqueued { .. })))
            .filter(|later| match &later.event {
                TraceEvent::Broker(BrokerEvent::Dropped { queue, reason: DropReason::MaxLength, .. }) => *queue == id,
                TraceEvent::Broker(BrokerEvent::DeadLettered { queue, reason: DeathReason::Maxlen, .. }) => {
                    *queue == id
                }
                _ => false,
            })
            .count();
        Some((*depth as u64).saturating_sub(pushed_out as u64))
    })
}

/// Every plain message a producer published was processed: a consumer acked it after its
/// work, or (under auto-ack) finished its work before its process ended.
fn no_message_lost(scenario: &Scenario, run: &Run) -> bool {
    let producers: Vec<&str> = scenario
        .actors
        .iter()
        .filter_map(|actor| match actor {
            ActorSpec::Producer(config) => Some(config.name.as_str()),
            _ => None,
        })
        .collect();
    let auto_ack: Vec<&str> = scenario
        .actors
        .iter()
        .filter_map(|actor| match actor {
            ActorSpec::Consumer(config) if config.auto_ack => Some(config.name.as_str()),
            _ => None,
        })
        .collect();
    let mut published: Vec<&str> = run
        .trace
        .iter()
        .filter_map(|entry| match &entry.event {
            TraceEvent::Arrived { actor, label, .. } if producers.contains(&run.world.actor_name(*actor)) => {
                label.plain_text()
            }
            _ => None,
        })
        .collect();
    published.sort_unstable();
    published.dedup();
    let stopped_during = |actor, from: SimTime, until: SimTime| {
        run.trace.iter().any(|entry| {
            entry.time >= from
                && entry.time < until
                && matches!(&entry.event, TraceEvent::Note { actor: by, note: Note::Stopped } if *by == actor)
        })
    };
    let processed = |message: &str| {
        run.trace.iter().any(|entry| match &entry.event {
            TraceEvent::Note { note: Note::Settled { label, settle: Settle::Ack }, .. } => {
                label.plain_text() == Some(message)
            }
            TraceEvent::Note { actor, note: Note::Processing { label, until } } => {
                label.plain_text() == Some(message)
                    && auto_ack.contains(&run.world.actor_name(*actor))
                    && !stopped_during(*actor, entry.time, *until)
            }
            _ => false,
        })
    };
    !published.is_empty() && published.iter().all(|message| processed(message))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limited(overflow: &str) -> Scenario {
        let text = serde_json::json!({
            "kaiten_scenario": 1, "name": "limited",
            "definitions": {"queues": [{"name": "q", "arguments": {"x-max-length": 2, "x-overflow": overflow}}]},
            "actors": [{"kind": "producer", "name": "p", "exchange": "", "routing_key": "q", "count": 5, "interval_ms": 10}]
        });
        Scenario::from_json(&text.to_string()).unwrap()
    }

    #[test]
    fn a_full_queue_is_never_seen_over_its_limit_whichever_end_overflows() {
        for overflow in ["drop-head", "reject-publish"] {
            let at_most = |at_most| Goal::DepthAtMost { queue: "q".into(), at_most };
            assert_eq!(evaluate(&limited(overflow), &[at_most(2), at_most(1)]), [true, false], "{overflow}");
        }
    }
}
