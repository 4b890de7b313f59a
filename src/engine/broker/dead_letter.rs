//! Dead-lettering (`rabbit_dead_letter.erl`): a worklist of copies to republish to their
//! queue's dead-letter exchange, the `x-death` header and `x-first-death-*` headers a
//! dead-lettered copy carries, and the cycle rule that drops it instead.

use std::sync::Arc;

use crate::engine::broker::{Broker, BrokerEvent, DropReason, header_routes};
use crate::engine::message::{Death, DeathReason, EntryReason, Message, SimTime};
use crate::engine::topology::{QueueId, RoutingInput};
use crate::engine::value::{FieldTable, FieldValue};

impl Broker {
    /// Dead-letters a copy leaving `queue` for `reason`, or drops it when the queue has no
    /// dead-letter exchange, the exchange is missing, or the dead-letter path would cycle.
    /// Dead-letters a message of `queue` (or drops it if it cannot be), after every
    /// dead-lettering already waiting: a worklist, not recursion, so a long chain of
    /// dead-letter exchanges cannot overflow the stack, and one publish's copies all reach
    /// their queues before any of them dead-letters.
    pub(super) fn dead_letter_or_drop(&mut self, queue: QueueId, message: Message, reason: DeathReason) {
        self.dead_letters.push_back((queue, message, reason));
        if !self.dead_lettering {
            self.dead_lettering = true;
            self.run_dead_letters();
        }
    }

    pub(super) fn run_dead_letters(&mut self) {
        while let Some((queue, message, reason)) = self.dead_letters.pop_front() {
            self.dead_letter_now(queue, message, reason);
        }
        self.dead_lettering = false;
    }

    fn dead_letter_now(&mut self, queue: QueueId, message: Message, reason: DeathReason) {
        let Some(queue_def) = self.topology.queue(queue) else {
            // A nack for a message of a queue deleted meanwhile: the copy is gone with it.
            return self.drop_copy(queue, &message, DropReason::QueueDeleted);
        };
        let drop_reason = match reason {
            DeathReason::Rejected => DropReason::Rejected,
            DeathReason::Expired => DropReason::Expired,
            DeathReason::Maxlen => DropReason::MaxLength,
            DeathReason::DeliveryLimit => DropReason::DeliveryLimit,
        };
        let Some(dlx_name) = queue_def.args.dead_letter_exchange.clone() else {
            return self.drop_copy(queue, &message, drop_reason);
        };
        let Some(dlx) = self.topology.exchange_by_name(&dlx_name).map(|exchange| exchange.id) else {
            return self.drop_copy(queue, &message, DropReason::DeadLetterExchangeMissing);
        };
        let queue_name = queue_def.name().to_string();
        let dead_letter_routing_key = queue_def.args.dead_letter_routing_key.clone();
        let dead =
            dead_lettered_message(message.clone(), &queue_name, reason, &dlx_name, dead_letter_routing_key, self.now);
        let route = self
            .topology
            .route(dlx, RoutingInput { routing_keys: &dead.routing_keys, headers: &dead.properties.headers });
        let targets: Vec<QueueId> = route
            .queues
            .iter()
            .copied()
            .filter(|target| {
                reason == DeathReason::Rejected
                    || !is_cycle(self.topology.queue(*target).map_or("", |queue| queue.name()), &dead.deaths)
            })
            .collect();
        if targets.is_empty() {
            let why =
                if route.queues.is_empty() { DropReason::DeadLetterUnroutable } else { DropReason::DeadLetterCycle };
            return self.drop_copy(queue, &message, why);
        }
        self.ledger.dead_lettered += 1;
        self.events.push(BrokerEvent::DeadLettered {
            queue,
            copy: message.copy,
            publish: message.publish,
            reason,
            dead_letter_exchange: dlx_name,
            route,
        });
        for target in targets {
            self.deliver_or_enqueue(target, dead.clone());
        }
    }

    fn drop_copy(&mut self, queue: QueueId, message: &Message, reason: DropReason) {
        self.ledger.dropped += 1;
        self.events.push(BrokerEvent::Dropped { queue, copy: message.copy, publish: message.publish, reason });
    }
}

/// The `x-death` entries a client published with a message (one it received, republished),
/// which RabbitMQ 3.10.8 keeps and counts its own deaths beside, whatever each table names
/// (an entry without a reason, or with one RabbitMQ never writes, stays as it is): they
/// leave the headers for the message's `deaths`. A header that is not an array of tables
/// stays in the headers, and dead-lettering replaces it, as RabbitMQ resets an `x-death`
/// header that is not an array. (An array holding something other than tables makes 3.10.8's
/// queue process fail when it dead-letters the message, which Kaiten does not model: it
/// replaces that header too.)
pub(super) fn published_deaths(headers: &mut FieldTable, now: SimTime) -> Vec<Death> {
    let Some(FieldValue::Array(entries)) = headers.get("x-death") else {
        return Vec::new();
    };
    let deaths: Option<Vec<Death>> = entries
        .iter()
        .map(|entry| match entry {
            FieldValue::Table(table) => Some(Death::from_field_table(table, now)),
            _ => None,
        })
        .collect();
    match deaths {
        Some(deaths) if !deaths.is_empty() => {
            headers.remove("x-death");
            deaths
        }
        _ => Vec::new(),
    }
}

/// The copy dead-lettering republishes, as 3.10.8's `rabbit_dead_letter:make_msg` makes it:
/// a new `x-death` entry (or the entry of the same queue and reason counted once more) in
/// front, the dead-letter routing key if set, and no per-message TTL. The first death also
/// sets the `x-first-death-reason`, `-queue` and `-exchange` headers.
fn dead_lettered_message(
    mut message: Message,
    queue: &str,
    reason: DeathReason,
    dlx: &str,
    dead_letter_routing_key: Option<String>,
    now: SimTime,
) -> Message {
    let properties = Arc::make_mut(&mut message.properties);
    let original_expiration = properties.expiration.take();
    // An `x-death` header still in the headers is one Kaiten could not read (see
    // `published_deaths`): RabbitMQ replaces one that is not an array by its own entry.
    let had_header = properties.headers.remove("x-death").is_some();
    if message.deaths.is_empty() && !had_header {
        for (name, value) in [("reason", reason.as_str()), ("queue", queue), ("exchange", &message.exchange)] {
            properties.headers.insert(format!("x-first-death-{name}"), FieldValue::Str(value.to_string()));
        }
    }
    // RabbitMQ 3.10 records the publish routing key plus the CC header's keys; BCC keys
    // route the dead-lettered copy but are not recorded (the BCC header is gone).
    let death_routing_keys: Vec<String> = std::iter::once(message.routing_key().to_string())
        .chain(header_routes(&message.properties.headers, "CC"))
        .collect();
    // 3.10.8 first groups the entries by queue and reason (`group_by_queue_and_reason`):
    // the first entry of each pair stays, counted as the pair's number of entries if it has
    // no count of its own, and with two or more entries the list comes out reversed. Then
    // the entry of this queue and reason moves to the front.
    if message.deaths.len() >= 2 {
        // Entries are few: counting by scanning costs less bundle than a map per key type.
        let same = |a: &Death, b: &Death| a.queue == b.queue && a.reason == b.reason;
        let counts: Vec<u64> = message
            .deaths
            .iter()
            .map(|death| message.deaths.iter().filter(|other| same(death, other)).count() as u64)
            .collect();
        let mut grouped: Vec<Death> = Vec::with_capacity(message.deaths.len());
        for (death, n_entries) in message.deaths.drain(..).zip(counts) {
            if !grouped.iter().any(|kept| same(kept, &death)) {
                let mut death = death;
                death.count = death.count.or(Some(n_entries));
                grouped.push(death);
            }
        }
        grouped.reverse();
        message.deaths = grouped;
    }
    let existing =
        message.deaths.iter().position(|death| death.queue == queue && death.reason == EntryReason::Known(reason));
    let death = match existing {
        Some(position) => {
            let mut repeat = message.deaths.remove(position);
            repeat.count = Some(repeat.count.map_or(1, |count| count + 1));
            repeat
        }
        None => Death {
            queue: queue.to_string(),
            reason: EntryReason::Known(reason),
            count: Some(1),
            exchange: message.exchange.to_string(),
            routing_keys: death_routing_keys,
            original_expiration,
            time: now,
        },
    };
    message.deaths.insert(0, death);
    message.exchange = Arc::from(dlx);
    if let Some(key) = dead_letter_routing_key {
        message.routing_keys = Arc::from(vec![key]);
        // RabbitMQ 3.10 drops the CC header when a dead-letter routing key replaces the
        // keys (newer releases keep it).
        Arc::make_mut(&mut message.properties).headers.remove("CC");
    }
    message.redelivered = false;
    message.delivery_count = None;
    message
}

/// RabbitMQ 3.10.8's cycle rule (`rabbit_dead_letter:is_cycle`): dropping is needed when
/// `target` already appears in the deaths and no entry from the front of the list up to
/// its first one is a rejection. The list is the new copy's `x-death` header, whose order
/// `dead_lettered_message` regroups, so "before" is header order, not time: a rejection
/// outside a two-queue cycle keeps it going, one outside a three-queue cycle does not.
fn is_cycle(target: &str, deaths: &[Death]) -> bool {
    match deaths.iter().position(|death| death.queue == target) {
        None => false,
        Some(position) => {
            deaths[..=position].iter().all(|death| death.reason != EntryReason::Known(DeathReason::Rejected))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::value::table_from_json;

    fn headers(x_death: serde_json::Value) -> FieldTable {
        table_from_json(&serde_json::json!({ "x-death": x_death }))
    }

    #[test]
    fn a_clients_x_death_tables_are_kept_whatever_they_name() {
        // As 3.10.8 keeps them: an entry without a reason, or with one it never writes, or
        // without a queue or a count, is still an entry.
        let mut published = headers(serde_json::json!([
            {"queue": "q", "count": 3},
            {"queue": "q", "reason": "bogus"},
            {"reason": "expired", "count": 1, "routing-keys": ["k"]},
        ]));
        let deaths = published_deaths(&mut published, 0);
        assert!(!published.contains_key("x-death"), "the entries leave the headers");
        let read: Vec<(&str, &str, Option<u64>)> =
            deaths.iter().map(|death| (death.queue.as_str(), death.reason.as_str(), death.count)).collect();
        assert_eq!(read, vec![("q", "", Some(3)), ("q", "bogus", None), ("", "expired", Some(1))]);
        assert_eq!(deaths[1].reason, EntryReason::Other("bogus".into()));
        assert_eq!(deaths[2].reason, EntryReason::Known(DeathReason::Expired));
        assert_eq!(deaths[2].routing_keys, vec!["k".to_string()]);
        // An array holding anything but tables is not read: dead-lettering replaces it.
        for x_death in [serde_json::json!("not an array"), serde_json::json!(["foo", {"queue": "q"}])] {
            let mut published = headers(x_death);
            assert!(published_deaths(&mut published, 0).is_empty());
            assert!(published.contains_key("x-death"));
        }
    }

    #[test]
    fn grouping_counts_an_entry_without_a_count_as_its_group() {
        // 3.10.8's `group_by_queue_and_reason` with two or more entries: the first of each
        // queue and reason stays, counted as its group's size if it has no count, in reverse.
        let mut published = headers(serde_json::json!([
            {"queue": "zz", "reason": "expired"},
            {"queue": "zz", "reason": "expired", "count": 5},
            {"queue": "other", "reason": "expired", "count": 2},
        ]));
        let deaths = published_deaths(&mut published, 0);
        let message = Message {
            publish: crate::engine::message::PublishId(1),
            copy: crate::engine::message::CopyId(1),
            exchange: Arc::from(""),
            routing_keys: Arc::from(vec!["src".to_string()]),
            properties: Arc::new(crate::engine::message::Properties { headers: published, ..Default::default() }),
            body: Arc::from(""),
            published_at: 0,
            deaths,
            redelivered: false,
            delivery_count: None,
        };
        let dead = dead_lettered_message(message, "src", DeathReason::Expired, "", None, 5);
        let read: Vec<(&str, Option<u64>)> =
            dead.deaths.iter().map(|death| (death.queue.as_str(), death.count)).collect();
        assert_eq!(read, vec![("src", Some(1)), ("other", Some(2)), ("zz", Some(2))]);
        assert!(
            !dead.properties.headers.contains_key("x-first-death-queue"),
            "a message that came with x-death gets no x-first-death-* headers"
        );
        // The entry of this queue and reason without a count is counted once.
        let mut published = headers(serde_json::json!([{"queue": "src", "reason": "expired"}]));
        let deaths = published_deaths(&mut published, 0);
        let dead = dead_lettered_message(Message { deaths, ..dead }, "src", DeathReason::Expired, "", None, 5);
        assert_eq!(dead.deaths.len(), 1);
        assert_eq!(dead.deaths[0].count, Some(1));
        assert!(is_cycle("src", &dead.deaths));
    }
}
