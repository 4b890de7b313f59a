//! Where a simulated run and a run on a real broker disagree.

use super::record::{MessageRecord, PublishRecord, RunRecord};

/// The full view of a message used in difference reports: the document form plus the
/// redelivered flag and any `original-expiration`.
fn describe(message: &MessageRecord) -> String {
    let mut text = message.to_json().to_string();
    if message.redelivered {
        text.push_str(" (redelivered)");
    }
    for death in &message.deaths {
        if let Some(expiration) = &death.original_expiration {
            text.push_str(&format!(" (original-expiration {expiration} in {})", death.queue));
        }
    }
    text
}

fn describe_publish(publish: &PublishRecord) -> String {
    match publish {
        PublishRecord::Outcome { routed, returned, rejected } => {
            let routed = routed.as_ref().map_or_else(String::new, |routed| format!("routed {routed:?}, "));
            format!("{routed}returned {returned}, rejected {rejected}")
        }
        PublishRecord::Error { code, text } => format!("error {code} ({text})"),
    }
}

fn describe_list(messages: &[MessageRecord]) -> String {
    let items: Vec<String> = messages.iter().map(describe).collect();
    format!("[{}]", items.join(", "))
}

/// Where a simulated run and a run on a real broker disagree, one line each. Routing
/// (`routed`) is compared only where both sides observed it; error codes and texts are
/// compared (the live side words its texts as the simulation does: no reply-code name, the
/// vhost as `/`). Consumer deliveries are compared whole: message_id, redelivered flag and
/// `x-death` entries.
pub fn differences(simulated: &RunRecord, broker: &RunRecord) -> Vec<String> {
    let mut out = Vec::new();
    if simulated.publishes.len() != broker.publishes.len() {
        out.push(format!(
            "publishes: simulated {} outcomes, broker {}",
            simulated.publishes.len(),
            broker.publishes.len()
        ));
    }
    for (idx, (sim, real)) in simulated.publishes.iter().zip(&broker.publishes).enumerate() {
        let agree = match (sim, real) {
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
        };
        if !agree {
            out.push(format!(
                "publishes[{idx}]: simulated {}; broker {}",
                describe_publish(sim),
                describe_publish(real)
            ));
        }
    }
    if simulated.declarations != broker.declarations {
        let show = |declarations: &[Option<(u16, String)>]| {
            let shown: Vec<String> = declarations
                .iter()
                .map(|refusal| {
                    refusal.as_ref().map_or_else(|| "ok".to_string(), |(code, text)| format!("{code} {text}"))
                })
                .collect();
            shown.join("; ")
        };
        out.push(format!(
            "declarations: simulated [{}]; broker [{}]",
            show(&simulated.declarations),
            show(&broker.declarations)
        ));
    }
    if simulated.gets.len() != broker.gets.len() {
        out.push(format!("gets: simulated {} results, broker {}", simulated.gets.len(), broker.gets.len()));
    }
    for (idx, (sim, real)) in simulated.gets.iter().zip(&broker.gets).enumerate() {
        if sim != real {
            let show = |got: &Option<MessageRecord>| got.as_ref().map_or_else(|| "get-empty".to_string(), describe);
            out.push(format!("gets[{idx}]: simulated {}; broker {}", show(sim), show(real)));
        }
    }
    let tags: std::collections::BTreeSet<&String> =
        simulated.deliveries.keys().chain(broker.deliveries.keys()).collect();
    for tag in tags {
        let brief =
            |record: &RunRecord| -> Vec<MessageRecord> { record.deliveries.get(tag).cloned().unwrap_or_default() };
        let (sim, real) = (brief(simulated), brief(broker));
        if sim != real {
            out.push(format!(
                "deliveries[{tag:?}]: simulated {}; broker {}",
                describe_list(&sim),
                describe_list(&real)
            ));
        }
    }
    let names: std::collections::BTreeSet<&String> = simulated.queues.keys().chain(broker.queues.keys()).collect();
    for name in names {
        match (simulated.queues.get(name), broker.queues.get(name)) {
            (Some(sim), Some(real)) if sim != real => {
                out.push(format!("queues[{name:?}]: simulated {}; broker {}", describe_list(sim), describe_list(real)));
            }
            (Some(_), None) => out.push(format!("queues[{name:?}]: exists in the simulation, not on the broker")),
            (None, Some(_)) => out.push(format!("queues[{name:?}]: exists on the broker, not in the simulation")),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_compare_what_both_sides_observed() {
        let message = |id: &str| MessageRecord {
            message_id: Some(id.into()),
            redelivered: false,
            deaths: Vec::new(),
            delivery_count: None,
            first_death: Vec::new(),
        };
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
        assert!(differences(&simulated, &broker).is_empty(), "routed is unknown on the broker side");
        broker.publishes[1] = PublishRecord::Error { code: 404, text: "no exchange 'y' in vhost '/'".into() };
        assert_eq!(differences(&simulated, &broker).len(), 1, "error texts are RabbitMQ's, compared too");
        broker.publishes[1] = simulated.publishes[1].clone();
        broker.queues.insert("q".into(), vec![MessageRecord { redelivered: true, ..message("m1") }]);
        broker.publishes[0] = PublishRecord::Outcome { routed: None, returned: true, rejected: false };
        let found = differences(&simulated, &broker);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("publishes[0]: "));
        assert!(found[1].contains("(redelivered)"));
    }
}
