//! Where a simulated run and a run on a real broker disagree, as data: `explain::differences`
//! words each [`Difference`] in the user's language.

use super::record::{MessageRecord, PublishRecord, RunRecord};

/// A refusal's reply code and text, or `None` where the step was carried out.
pub type Refusal = Option<(u16, String)>;

/// What a list of results is of, where the two sides have different numbers of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Publishes,
    Gets,
}

/// One disagreement between the simulation and the broker.
#[derive(Debug, Clone, PartialEq)]
pub enum Difference {
    /// The two sides have different numbers of publish outcomes or get results.
    Count { of: Counted, simulated: usize, broker: usize },
    /// The outcome of the publish step `index` (counting publishes only).
    Publish { index: usize, simulated: PublishRecord, broker: PublishRecord },
    /// The `declare` steps' outcomes, in order.
    Declarations { simulated: Vec<Refusal>, broker: Vec<Refusal> },
    /// The `consume` steps' outcomes, in order.
    Consumes { simulated: Vec<Refusal>, broker: Vec<Refusal> },
    /// What the get step `index` (counting gets only) received; `None` is `get-empty`.
    Get { index: usize, simulated: Option<MessageRecord>, broker: Option<MessageRecord> },
    /// What a consumer was delivered, in order.
    Deliveries { tag: String, simulated: Vec<MessageRecord>, broker: Vec<MessageRecord> },
    /// A queue's messages at the end, head first.
    Queue { name: String, simulated: Vec<MessageRecord>, broker: Vec<MessageRecord> },
    /// A queue that exists at the end on one side only (`in_simulation` says which).
    QueueOnOneSide { name: String, in_simulation: bool },
}

/// Whether two publish outcomes agree: routing only where both sides observed it (a real
/// broker does not say), and an error's code and RabbitMQ's reply text.
fn publishes_agree(simulated: &PublishRecord, broker: &PublishRecord) -> bool {
    match (simulated, broker) {
        (
            PublishRecord::Outcome { routed: sim_routed, returned: sim_returned, rejected: sim_rejected },
            PublishRecord::Outcome { routed: real_routed, returned: real_returned, rejected: real_rejected },
        ) => {
            sim_returned == real_returned
                && sim_rejected == real_rejected
                && match (sim_routed, real_routed) {
                    (Some(sim_routed), Some(real_routed)) => sim_routed == real_routed,
                    _ => true,
                }
        }
        // RabbitMQ's reply text too, so a user searching for the message finds it.
        (
            PublishRecord::Error { code: sim_code, text: sim_text },
            PublishRecord::Error { code: real_code, text: real_text },
        ) => sim_code == real_code && sim_text == real_text,
        _ => false,
    }
}

/// Where a simulated run and a run on a real broker disagree, in the order a report lists
/// them. Routing (`routed`) is compared only where both sides observed it; error codes and
/// texts are compared (the live side words its texts as the simulation does: no reply-code
/// name, the vhost as `/`). Consumer deliveries are compared whole: message_id, redelivered
/// flag and `x-death` entries.
pub fn differences(simulated: &RunRecord, broker: &RunRecord) -> Vec<Difference> {
    let mut out = Vec::new();
    if simulated.publishes.len() != broker.publishes.len() {
        out.push(Difference::Count {
            of: Counted::Publishes,
            simulated: simulated.publishes.len(),
            broker: broker.publishes.len(),
        });
    }
    for (index, (sim, real)) in simulated.publishes.iter().zip(&broker.publishes).enumerate() {
        if !publishes_agree(sim, real) {
            out.push(Difference::Publish { index, simulated: sim.clone(), broker: real.clone() });
        }
    }
    if simulated.declarations != broker.declarations {
        out.push(Difference::Declarations {
            simulated: simulated.declarations.clone(),
            broker: broker.declarations.clone(),
        });
    }
    if simulated.consumes != broker.consumes {
        out.push(Difference::Consumes { simulated: simulated.consumes.clone(), broker: broker.consumes.clone() });
    }
    if simulated.gets.len() != broker.gets.len() {
        out.push(Difference::Count { of: Counted::Gets, simulated: simulated.gets.len(), broker: broker.gets.len() });
    }
    for (index, (sim, real)) in simulated.gets.iter().zip(&broker.gets).enumerate() {
        if sim != real {
            out.push(Difference::Get { index, simulated: sim.clone(), broker: real.clone() });
        }
    }
    let tags: std::collections::BTreeSet<&String> =
        simulated.deliveries.keys().chain(broker.deliveries.keys()).collect();
    for tag in tags {
        let delivered = |record: &RunRecord| record.deliveries.get(tag).cloned().unwrap_or_default();
        let (sim, real) = (delivered(simulated), delivered(broker));
        if sim != real {
            out.push(Difference::Deliveries { tag: tag.clone(), simulated: sim, broker: real });
        }
    }
    let names: std::collections::BTreeSet<&String> = simulated.queues.keys().chain(broker.queues.keys()).collect();
    for name in names {
        match (simulated.queues.get(name), broker.queues.get(name)) {
            (Some(sim), Some(real)) if sim != real => {
                out.push(Difference::Queue { name: name.clone(), simulated: sim.clone(), broker: real.clone() });
            }
            (Some(_), None) => out.push(Difference::QueueOnOneSide { name: name.clone(), in_simulation: true }),
            (None, Some(_)) => out.push(Difference::QueueOnOneSide { name: name.clone(), in_simulation: false }),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(id: &str) -> MessageRecord {
        MessageRecord {
            message_id: Some(id.into()),
            redelivered: false,
            deaths: Vec::new(),
            delivery_count: None,
            first_death: Vec::new(),
            stream_offset: None,
        }
    }

    #[test]
    fn differences_compare_what_both_sides_observed() {
        let simulated = RunRecord {
            publishes: vec![
                PublishRecord::Outcome { routed: Some(vec!["q".into()]), returned: false, rejected: false },
                PublishRecord::Error { code: 404, text: "no exchange 'x' in vhost '/'".into() },
            ],
            queues: [("q".to_string(), vec![message("m1")])].into_iter().collect(),
            ..RunRecord::default()
        };
        let mut broker = RunRecord {
            publishes: vec![
                PublishRecord::Outcome { routed: None, returned: false, rejected: false },
                PublishRecord::Error { code: 404, text: "no exchange 'x' in vhost '/'".into() },
            ],
            ..simulated.clone()
        };
        assert_eq!(differences(&simulated, &broker), [], "routed is unknown on the broker side");
        let other_text = PublishRecord::Error { code: 404, text: "no exchange 'y' in vhost '/'".into() };
        broker.publishes[1] = other_text.clone();
        assert_eq!(
            differences(&simulated, &broker),
            [Difference::Publish { index: 1, simulated: simulated.publishes[1].clone(), broker: other_text }],
            "error texts are RabbitMQ's, compared too"
        );
        broker.publishes[1] = simulated.publishes[1].clone();
        let redelivered = vec![MessageRecord { redelivered: true, ..message("m1") }];
        broker.queues.insert("q".into(), redelivered.clone());
        let returned = PublishRecord::Outcome { routed: None, returned: true, rejected: false };
        broker.publishes[0] = returned.clone();
        broker.queues.insert("only-here".into(), Vec::new());
        assert_eq!(
            differences(&simulated, &broker),
            [
                Difference::Publish { index: 0, simulated: simulated.publishes[0].clone(), broker: returned },
                Difference::QueueOnOneSide { name: "only-here".into(), in_simulation: false },
                Difference::Queue { name: "q".into(), simulated: vec![message("m1")], broker: redelivered },
            ]
        );
    }

    #[test]
    fn different_numbers_of_results_are_one_difference_each() {
        let simulated = RunRecord { gets: vec![None, Some(message("m1"))], ..RunRecord::default() };
        let broker = RunRecord { gets: vec![None], ..RunRecord::default() };
        assert_eq!(
            differences(&simulated, &broker),
            [Difference::Count { of: Counted::Gets, simulated: 2, broker: 1 }]
        );
    }
}
