//! Words `kaiten verify` prints for where the simulation and a real broker disagree: each
//! [`Difference`] and the outcomes and messages it shows, in the user's language. Messages
//! are shown in the output document's JSON form, which is no language's.

use crate::explain::lang::{Catalogue, Lang};
use crate::formats::script::{Counted, Difference, MessageRecord, PublishRecord, Refusal};

/// One difference as a line of the report.
pub fn difference(lang: Lang, difference: &Difference) -> String {
    let w = lang.words();
    let messages = |messages: &[MessageRecord]| {
        let items: Vec<String> = messages.iter().map(|message| message_words(w, message)).collect();
        format!("[{}]", items.join(", "))
    };
    match difference {
        Difference::Count { of: Counted::Publishes, simulated, broker } => {
            w.publish_count(*simulated as u64, *broker as u64)
        }
        Difference::Count { of: Counted::Gets, simulated, broker } => w.get_count(*simulated as u64, *broker as u64),
        Difference::Publish { index, simulated, broker } => {
            w.publish_differs(*index as u64, &outcome_words(w, simulated), &outcome_words(w, broker))
        }
        Difference::Declarations { simulated, broker } => {
            w.declarations_differ(&declarations_words(w, simulated), &declarations_words(w, broker))
        }
        Difference::Consumes { simulated, broker } => {
            w.consumes_differ(&declarations_words(w, simulated), &declarations_words(w, broker))
        }
        Difference::Get { index, simulated, broker } => {
            let got = |got: &Option<MessageRecord>| got.as_ref().map_or_else(|| w.get_empty(), |m| message_words(w, m));
            w.get_differs(*index as u64, &got(simulated), &got(broker))
        }
        Difference::Deliveries { tag, simulated, broker } => {
            w.deliveries_differ(tag, &messages(simulated), &messages(broker))
        }
        Difference::Queue { name, simulated, broker } => w.queue_differs(name, &messages(simulated), &messages(broker)),
        Difference::QueueOnOneSide { name, in_simulation: true } => w.queue_only_simulated(name),
        Difference::QueueOnOneSide { name, in_simulation: false } => w.queue_only_on_broker(name),
    }
}

fn flag(w: &dyn Catalogue, set: bool) -> String {
    if set { w.yes() } else { w.no() }
}

fn outcome_words(w: &dyn Catalogue, publish: &PublishRecord) -> String {
    match publish {
        PublishRecord::Outcome { routed: Some(queues), returned, rejected } => w.outcome_routed(
            &serde_json::Value::from(queues.clone()).to_string(),
            &flag(w, *returned),
            &flag(w, *rejected),
        ),
        PublishRecord::Outcome { routed: None, returned, rejected } => {
            w.outcome(&flag(w, *returned), &flag(w, *rejected))
        }
        PublishRecord::Error { code, text } => w.refused(u64::from(*code), text),
    }
}

fn declarations_words(w: &dyn Catalogue, declarations: &[Refusal]) -> String {
    let shown: Vec<String> = declarations
        .iter()
        .map(|refusal| refusal.as_ref().map_or_else(|| w.declared(), |(code, text)| w.refused(u64::from(*code), text)))
        .collect();
    shown.join("; ")
}

/// A message in its document form, with what the form leaves out: that it was redelivered,
/// and each `original-expiration`.
fn message_words(w: &dyn Catalogue, message: &MessageRecord) -> String {
    let mut text = message.to_json().to_string();
    if message.redelivered {
        text = w.redelivered(&text);
    }
    for death in &message.deaths {
        if let Some(expiration) = &death.original_expiration {
            text = w.original_expiration(&text, expiration, &death.queue);
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::script::DeathRecord;

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
    fn differences_are_worded_in_each_language_with_their_counts() {
        let count = Difference::Count { of: Counted::Publishes, simulated: 1, broker: 2 };
        assert_eq!(difference(Lang::En, &count), "publishes: simulated 1 outcome, broker 2 outcomes");
        assert_eq!(difference(Lang::ZhCn, &count), "publishes：模拟有 1 个结果，broker 有 2 个");
        let publish = Difference::Publish {
            index: 3,
            simulated: PublishRecord::Outcome { routed: Some(vec!["q".into()]), returned: false, rejected: false },
            broker: PublishRecord::Error { code: 404, text: "no exchange 'x' in vhost '/'".into() },
        };
        assert_eq!(
            difference(Lang::En, &publish),
            r#"publishes[3]: simulated routed ["q"], returned no, rejected no; broker error 404 (no exchange 'x' in vhost '/')"#
        );
        assert_eq!(
            difference(Lang::ZhCn, &publish),
            r#"publishes[3]：模拟 路由到 ["q"]，退回：否，被拒：否；broker 错误 404（no exchange 'x' in vhost '/'）"#
        );
    }

    #[test]
    fn a_message_shows_what_its_document_form_leaves_out() {
        let expired = MessageRecord {
            redelivered: true,
            deaths: vec![DeathRecord {
                queue: "src".into(),
                reason: "expired".into(),
                exchange: String::new(),
                routing_keys: vec!["src".into()],
                count: 1,
                original_expiration: Some("100".into()),
            }],
            ..message("m1")
        };
        let queue = Difference::Queue { name: "dlq".into(), simulated: vec![expired], broker: Vec::new() };
        let said = difference(Lang::En, &queue);
        assert!(
            said.starts_with(r#"queues["dlq"]: simulated [{"message_id":"m1","redelivered":true,"x-death""#),
            "{said}"
        );
        assert!(said.ends_with(r#" (redelivered) (original-expiration 100 in src)]; broker []"#), "{said}");
        let get = Difference::Get { index: 0, simulated: None, broker: Some(message("m2")) };
        assert_eq!(difference(Lang::En, &get), r#"gets[0]: simulated get-empty; broker "m2""#);
    }
}
