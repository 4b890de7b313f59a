//! Taking messages out of queues: `basic.get`, consumers (`basic.consume`, `basic.cancel`,
//! `x-priority`, single active consumer), round-robin delivery within the prefetch, and
//! `basic.ack` / `basic.nack`, with where a requeued message goes back to
//! (`rabbit_queue_consumers.erl`, `rabbit_fifo`'s returns for quorum queues).

use std::cmp::Reverse;
use std::sync::Arc;

use serde::Serialize;

use crate::engine::SortedSet;
use crate::engine::broker::{
    Broker, BrokerEvent, ChannelId, Consumer, ConsumerId, DropReason, QueueDeletion, Ready, ReadyKey, RequeuePlace,
    Unacked,
};
use crate::engine::error::AmqpError;
use crate::engine::message::{DeathReason, Message, SimTime};
use crate::engine::quorum;
use crate::engine::stream;
use crate::engine::topology::QueueId;
use crate::engine::value::{FieldTable, FieldValue};

/// One message handed to a client by `basic.get` or a consumer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Delivery {
    pub queue: QueueId,
    pub channel: ChannelId,
    pub consumer: Option<ConsumerId>,
    pub delivery_tag: u64,
    pub message: Message,
}

/// Why a message went back to its queue, which decides where a quorum queue puts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RequeueCause {
    /// `basic.nack` or `basic.reject` with requeue.
    Nack,
    /// Its channel closed with the message unacked.
    ChannelClosed,
}

/// Options of `basic.consume` plus the consumer's `basic.qos` prefetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsumeOptions {
    pub consumer_tag: String,
    /// 0 means unlimited.
    pub prefetch: u32,
    pub no_ack: bool,
}

impl Broker {
    /// `basic.get`: the head message of `queue`, if any.
    pub fn get(
        &mut self,
        now: SimTime,
        channel: ChannelId,
        queue: &str,
        no_ack: bool,
    ) -> Result<Option<Delivery>, AmqpError> {
        self.tick(now);
        let queue_id = self.queue_id(queue)?;
        self.check_exclusive(queue_id, channel)?;
        // RabbitMQ 3.10.8 serves basic.get on classic single-active-consumer queues like any
        // other (later releases refuse it), but refuses it on quorum ones.
        if let Some(args) = self.topology.queue(queue_id).map(|queue| &queue.args)
            && args.quorum
            && args.single_active_consumer
        {
            return Err(quorum::single_active_get_refusal(queue));
        }
        if self.is_stream(queue_id) {
            return Err(stream::get_refused(queue));
        }
        if !self.channels.contains_key(&channel) {
            return Err(AmqpError::NotFound("channel is closed".into()));
        }
        let state = self.queues.get_mut(&queue_id).expect("queue state exists");
        state.last_used = now;
        self.expire_head(queue_id);
        let Some((key, ready)) = self.pop_head(queue_id) else {
            self.flush_returns();
            return Ok(None);
        };
        let delivery = self.hand_over(queue_id, key, ready, channel, None, no_ack);
        // RabbitMQ's `fetch` drops expired messages that the fetch brought to the head.
        self.recheck_expiry(queue_id);
        self.evaluate_publish_limit(queue_id);
        self.flush_returns();
        Ok(Some(delivery))
    }

    /// `basic.consume` with a per-consumer prefetch.
    pub fn consume(
        &mut self,
        now: SimTime,
        channel: ChannelId,
        queue: &str,
        options: ConsumeOptions,
    ) -> Result<ConsumerId, AmqpError> {
        self.consume_with_priority(now, channel, queue, options, 0)
    }

    /// `basic.consume` with the `x-priority` consumer argument: while a consumer of a
    /// higher priority has prefetch room, consumers of lower priorities get nothing;
    /// consumers of one priority take turns (`rabbit_queue_consumers`). The default is 0;
    /// negative priorities are allowed.
    pub fn consume_with_priority(
        &mut self,
        now: SimTime,
        channel: ChannelId,
        queue: &str,
        options: ConsumeOptions,
        priority: i64,
    ) -> Result<ConsumerId, AmqpError> {
        let mut arguments = FieldTable::new();
        if priority != 0 {
            arguments.insert("x-priority".into(), FieldValue::Int(priority));
        }
        self.consume_with_arguments(now, channel, queue, options, &arguments)
    }

    /// `basic.consume` with its consumer arguments, checked as 3.10.8's
    /// `rabbit_amqqueue:check_consume_arguments` checks them once the queue is found and
    /// exclusive access granted: first the values of the arguments the queue's type takes
    /// (`x-priority` an integer; `x-cancel-on-ha-failover` a boolean, classic queues only; a
    /// stream's `x-stream-offset`), then that no argument is one only another queue type takes
    /// (`x-cancel-on-ha-failover` on a quorum queue, `x-stream-offset` on either, `x-priority`
    /// on a stream); other arguments are ignored. A stream's reader also needs a prefetch and
    /// manual acknowledgement (`rabbit_stream_queue:consume/3`).
    pub fn consume_with_arguments(
        &mut self,
        now: SimTime,
        channel: ChannelId,
        queue: &str,
        options: ConsumeOptions,
        arguments: &FieldTable,
    ) -> Result<ConsumerId, AmqpError> {
        self.tick(now);
        self.flush_returns();
        let queue_id = self.queue_id(queue)?;
        self.check_exclusive(queue_id, channel)?;
        let (priority, stream_offset) = if self.is_stream(queue_id) {
            let start = stream::start_offset(queue, arguments.get(stream::OFFSET_HEADER), now)?;
            if let Some(argument) =
                ["x-priority", "x-cancel-on-ha-failover"].into_iter().find(|key| arguments.contains_key(*key))
            {
                return Err(stream::consumer_argument_refused(queue, argument, "rabbit_stream_queue"));
            }
            if options.prefetch == 0 {
                return Err(stream::prefetch_required(queue));
            }
            if options.no_ack {
                return Err(stream::no_ack_refused(queue));
            }
            (0, Some(self.first_offset(queue_id, start)))
        } else {
            let quorum = self.topology.queue(queue_id).is_some_and(|queue| quorum::is_quorum(&queue.spec.arguments));
            (check_consume_arguments(queue, quorum, arguments)?, None)
        };
        if !self.channels.contains_key(&channel) {
            return Err(AmqpError::NotFound("channel is closed".into()));
        }
        let id = ConsumerId(self.handle());
        self.consumers.insert(
            id,
            Consumer {
                tag: options.consumer_tag,
                channel,
                queue: queue_id,
                prefetch: options.prefetch,
                no_ack: options.no_ack,
                unacked: 0,
                priority,
                stream_offset,
            },
        );
        let state = self.queues.get_mut(&queue_id).expect("queue state exists");
        state.consumers.push(id);
        state.active.push_back(id);
        state.ever_consumed = true;
        state.last_used = now;
        self.dispatch(queue_id);
        Ok(id)
    }

    /// `basic.cancel`. Unacked messages stay with the channel until acked or closed.
    pub fn cancel(&mut self, now: SimTime, consumer: ConsumerId) {
        self.tick(now);
        self.flush_returns();
        self.remove_consumer(consumer);
    }

    /// The consumer tag given at `basic.consume`.
    pub fn consumer_tag(&self, consumer: ConsumerId) -> Option<&str> {
        self.consumers.get(&consumer).map(|consumer| consumer.tag.as_str())
    }

    /// `basic.ack`, with `multiple` acking every tag up to this one.
    pub fn ack(
        &mut self,
        now: SimTime,
        channel: ChannelId,
        delivery_tag: u64,
        multiple: bool,
    ) -> Result<(), AmqpError> {
        self.tick(now);
        for unacked in self.take_unacked(channel, delivery_tag, multiple)? {
            // A stream's log keeps what its reader acked.
            if !unacked.from_stream {
                self.ledger.acked += 1;
            }
            self.events.push(BrokerEvent::Acked {
                queue: unacked.queue,
                copy: unacked.message.copy,
                publish: unacked.message.publish,
                published_at: unacked.message.published_at,
            });
            self.release_consumer(unacked.consumer);
            self.after_change(unacked.queue);
        }
        Ok(())
    }

    /// `basic.nack` (and `basic.reject`, which is a nack without `multiple`): requeue to the
    /// original position, or dead-letter (`rejected`) or drop.
    pub fn nack(
        &mut self,
        now: SimTime,
        channel: ChannelId,
        delivery_tag: u64,
        multiple: bool,
        requeue: bool,
    ) -> Result<(), AmqpError> {
        self.tick(now);
        if let Some(queue) = self.stream_delivery(channel, delivery_tag, multiple) {
            return Err(stream::settle_refused(queue));
        }
        let taken = self.take_unacked(channel, delivery_tag, multiple)?;
        let mut touched = SortedSet::new();
        for unacked in taken {
            if requeue && self.topology.queue(unacked.queue).is_some_and(|queue| queue.args.quorum) {
                // The consumer gets its room back when the return is applied.
                let state = self.queues.get_mut(&unacked.queue).expect("a quorum queue's state exists");
                self.returning.insert(unacked.queue);
                state.pending_returns.push(unacked);
                continue;
            }
            touched.insert(unacked.queue);
            self.release_consumer(unacked.consumer);
            if requeue {
                self.requeue(unacked, RequeueCause::Nack);
            } else {
                self.dead_letter_or_drop(unacked.queue, unacked.message, DeathReason::Rejected);
            }
        }
        for queue in touched {
            if requeue {
                self.after_requeue(queue);
            } else {
                self.after_change(queue);
            }
        }
        Ok(())
    }

    /// Delivers ready messages round-robin to consumers with prefetch room, as
    /// `rabbit_queue_consumers` does: the consumer at the front takes one and goes to the
    /// back; a consumer at its limit leaves the rotation until an ack frees it.
    pub(super) fn dispatch(&mut self, queue: QueueId) {
        if self.is_stream(queue) {
            return self.dispatch_stream(queue);
        }
        let single_active = self.topology.queue(queue).is_some_and(|queue| queue.args.single_active_consumer);
        loop {
            let Some(state) = self.queues.get_mut(&queue) else { return };
            if state.ready.is_empty() {
                return;
            }
            let consumer_id = if single_active {
                match state.consumers.first() {
                    Some(first) if self.consumers[first].has_capacity() => *first,
                    _ => return,
                }
            } else {
                // A consumer found at its prefetch limit leaves the rotation (RabbitMQ blocks
                // it) until an ack or nack frees it; one that took a message goes to the back
                // even when that message filled it (`rabbit_queue_consumers:deliver/6`).
                loop {
                    // The first consumer of the highest priority in the rotation.
                    let consumers = &self.consumers;
                    let Some(position) = state
                        .active
                        .iter()
                        .enumerate()
                        .max_by_key(|(position, id)| (consumers[*id].priority, std::cmp::Reverse(*position)))
                        .map(|(position, _)| position)
                    else {
                        return;
                    };
                    let front = state.active.remove(position).expect("position is in the rotation");
                    if self.consumers[&front].has_capacity() {
                        break front;
                    }
                }
            };
            let (key, ready) = self.pop_head(queue).expect("checked non-empty");
            let consumer = &self.consumers[&consumer_id];
            let (channel, no_ack) = (consumer.channel, consumer.no_ack);
            let delivery = self.hand_over(queue, key, ready, channel, Some(consumer_id), no_ack);
            self.outbox.push(delivery);
            if !single_active {
                self.queues.get_mut(&queue).expect("queue exists").active.push_back(consumer_id);
            }
            // As RabbitMQ's `fetch`: expired messages the delivery brought to the head go.
            self.recheck_expiry(queue);
        }
    }

    pub(super) fn hand_over(
        &mut self,
        queue: QueueId,
        key: ReadyKey,
        ready: Ready,
        channel_id: ChannelId,
        consumer: Option<ConsumerId>,
        no_ack: bool,
    ) -> Delivery {
        let Ready { message, expires_at } = ready;
        let channel = self.channels.get_mut(&channel_id).expect("deliveries go to open channels");
        let delivery_tag = channel.next_tag;
        channel.next_tag += 1;
        self.events.push(BrokerEvent::Delivered {
            delivery_tag,
            channel: channel_id,
            consumer,
            queue,
            copy: message.copy,
            publish: message.publish,
            redelivered: message.redelivered,
        });
        if no_ack {
            self.ledger.acked += 1;
            self.events.push(BrokerEvent::Acked {
                queue,
                copy: message.copy,
                publish: message.publish,
                published_at: message.published_at,
            });
        } else {
            let from_stream = self.topology.queue(queue).is_some_and(|queue| queue.args.stream);
            let unacked = Unacked { queue, from_stream, key, expires_at, consumer, message: message.clone() };
            channel.unacked.insert(delivery_tag, unacked);
            if let Some(consumer) = consumer.and_then(|id| self.consumers.get_mut(&id)) {
                consumer.unacked += 1;
            }
        }
        Delivery { queue, channel: channel_id, consumer, delivery_tag, message }
    }

    /// The stream a delivery that a nack or reject names came from: those refuse it.
    fn stream_delivery(&self, channel: ChannelId, delivery_tag: u64, multiple: bool) -> Option<&str> {
        let unacked = &self.channels.get(&channel)?.unacked;
        let found = match (multiple, delivery_tag) {
            (true, 0) => unacked.values().find(|unacked| unacked.from_stream),
            (true, _) => unacked
                .iter()
                .take_while(|(tag, _)| **tag <= delivery_tag)
                .map(|(_, unacked)| unacked)
                .find(|unacked| unacked.from_stream),
            (false, _) => unacked.get(&delivery_tag).filter(|unacked| unacked.from_stream),
        }?;
        self.topology.queue(found.queue).map(|queue| queue.name())
    }

    fn take_unacked(
        &mut self,
        channel_id: ChannelId,
        delivery_tag: u64,
        multiple: bool,
    ) -> Result<Vec<Unacked>, AmqpError> {
        let channel =
            self.channels.get_mut(&channel_id).ok_or_else(|| AmqpError::NotFound("channel is closed".into()))?;
        if multiple && delivery_tag == 0 {
            // Tag 0 with `multiple` means every outstanding delivery on the channel.
            return Ok(std::mem::take(&mut channel.unacked).into_iter().map(|(_, unacked)| unacked).collect());
        }
        if multiple {
            let keep = channel.unacked.split_off(&(delivery_tag + 1));
            let taken = std::mem::replace(&mut channel.unacked, keep);
            if taken.is_empty() {
                return Err(unknown_tag(delivery_tag));
            }
            Ok(taken.into_iter().map(|(_, unacked)| unacked).collect())
        } else {
            channel.unacked.remove(&delivery_tag).map(|unacked| vec![unacked]).ok_or_else(|| unknown_tag(delivery_tag))
        }
    }

    /// A consumer that got an ack or nack has room again: back into the rotation.
    pub(super) fn release_consumer(&mut self, consumer: Option<ConsumerId>) {
        let Some(consumer_id) = consumer else { return };
        let Some(consumer) = self.consumers.get_mut(&consumer_id) else { return };
        consumer.unacked = consumer.unacked.saturating_sub(1);
        // Only a consumer that was blocked (taken out of the rotation) rejoins, at the back.
        if consumer.has_capacity() {
            let queue = consumer.queue;
            if let Some(state) = self.queues.get_mut(&queue)
                && !state.active.contains(&consumer_id)
            {
                state.active.push_back(consumer_id);
            }
        }
    }

    /// Puts an unacked message back: a classic queue at its original place; a quorum queue
    /// counts the delivery and, as 3.10.8's `rabbit_fifo` does, puts a nack's return on a
    /// queue without a delivery limit behind the rest (its leader's aux process turns the
    /// return into `requeue` commands, which enqueue the message again) and any other return
    /// in `returns`, ahead of the rest (`return_one`).
    pub(super) fn requeue(&mut self, unacked: Unacked, cause: RequeueCause) {
        // Its stream still holds it: a reader of a closed channel just stops reading.
        if unacked.from_stream {
            return;
        }
        let Some(state) = self.queues.get_mut(&unacked.queue) else {
            self.ledger.dropped += 1;
            self.events.push(BrokerEvent::Dropped {
                queue: unacked.queue,
                copy: unacked.message.copy,
                publish: unacked.message.publish,
                reason: DropReason::QueueDeleted,
            });
            return;
        };
        let mut message = unacked.message;
        message.redelivered = true;
        let mut key = unacked.key;
        let mut place = RequeuePlace::Original;
        if let Some(args) = self.topology.queue(unacked.queue).map(|queue| &queue.args)
            && args.quorum
        {
            let count = message.delivery_count.unwrap_or(0) + 1;
            message.delivery_count = Some(count);
            if quorum::past_limit(count, args.delivery_limit) {
                return self.dead_letter_or_drop(unacked.queue, message, DeathReason::DeliveryLimit);
            }
            if cause == RequeueCause::Nack && args.delivery_limit.is_none() {
                // Priorities do not order a quorum queue: every message is at level 0.
                key = (Reverse(0), state.next_seq);
                state.next_seq += 1;
                place = RequeuePlace::Tail;
            } else {
                key = (Reverse(u8::MAX), state.next_return);
                state.next_return += 1;
                place = RequeuePlace::Head;
            }
        }
        state.ready_bytes += message.body_bytes();
        let (copy, publish) = (message.copy, message.publish);
        // The expiry computed at enqueue stays: requeueing does not restart the TTL clock.
        state.ready.insert(key, Arc::new(Ready { message, expires_at: unacked.expires_at }));
        self.events.push(BrokerEvent::Requeued { queue: unacked.queue, copy, publish, place });
    }

    pub(super) fn remove_consumer(&mut self, consumer_id: ConsumerId) {
        let Some(consumer) = self.consumers.remove(&consumer_id) else { return };
        let queue = consumer.queue;
        let Some(state) = self.queues.get_mut(&queue) else { return };
        state.consumers.retain(|id| *id != consumer_id);
        state.active.retain(|id| *id != consumer_id);
        state.last_used = self.now;
        let auto_delete = self.topology.queue(queue).is_some_and(|queue| queue.spec.auto_delete);
        // RabbitMQ 3.10's basic.cancel does not run the queue: a single active consumer taking
        // over gets messages at the next publish, ack or requeue, not at the cancel itself.
        if auto_delete && state.ever_consumed && state.consumers.is_empty() {
            self.remove_queue(queue, QueueDeletion::AutoDelete);
        }
    }
}

fn unknown_tag(delivery_tag: u64) -> AmqpError {
    AmqpError::PreconditionFailed(format!("unknown delivery tag {delivery_tag}"))
}

/// 3.10.8's consumer argument checks (see [`Broker::consume_with_arguments`]) in its order
/// and words; the consumer's priority when they pass.
fn check_consume_arguments(queue: &str, quorum: bool, arguments: &FieldTable) -> Result<i64, AmqpError> {
    let invalid = |argument: &str, reason: String| {
        AmqpError::PreconditionFailed(format!("invalid arg '{argument}' for queue '{queue}' in vhost '/': {reason}"))
    };
    let priority = match arguments.get("x-priority") {
        None => 0,
        Some(FieldValue::Int(priority)) => *priority,
        Some(other) => {
            return Err(invalid("x-priority", format!("\"expected integer, got {}\"", other.amqp_type_name())));
        }
    };
    if !quorum
        && let Some(other) =
            arguments.get("x-cancel-on-ha-failover").filter(|value| !matches!(value, FieldValue::Bool(_)))
    {
        return Err(invalid("x-cancel-on-ha-failover", format!("{{unacceptable_type,{}}}", other.amqp_type_name())));
    }
    let (queue_type, other_types): (&str, &[&str]) = if quorum {
        ("rabbit_quorum_queue", &["x-cancel-on-ha-failover", "x-stream-offset"])
    } else {
        ("rabbit_classic_queue", &["x-stream-offset"])
    };
    if let Some(argument) = arguments.keys().find(|key| other_types.contains(&key.as_str())) {
        return Err(AmqpError::PreconditionFailed(format!(
            "invalid arg '{argument}' for queue '{queue}' in vhost '/' of queue type {queue_type}"
        )));
    }
    Ok(priority)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(entries: &[(&str, FieldValue)]) -> FieldTable {
        entries.iter().map(|(key, value)| (key.to_string(), value.clone())).collect()
    }

    #[test]
    fn consumer_arguments_are_checked_as_rabbitmq_checks_them() {
        let refusal = |quorum: bool, entries: &[(&str, FieldValue)]| {
            check_consume_arguments("q", quorum, &table(entries)).unwrap_err().to_string()
        };
        assert_eq!(check_consume_arguments("q", false, &table(&[("x-priority", FieldValue::Int(-3))])), Ok(-3));
        assert_eq!(check_consume_arguments("q", true, &table(&[("x-foo", FieldValue::Str("a".into()))])), Ok(0));
        assert_eq!(
            refusal(false, &[("x-priority", FieldValue::Str("banana".into()))]),
            "406 PRECONDITION_FAILED: invalid arg 'x-priority' for queue 'q' in vhost '/': \"expected integer, got longstr\""
        );
        assert_eq!(
            refusal(true, &[("x-priority", FieldValue::Void)]),
            "406 PRECONDITION_FAILED: invalid arg 'x-priority' for queue 'q' in vhost '/': \"expected integer, got void\""
        );
        assert_eq!(
            refusal(false, &[("x-cancel-on-ha-failover", FieldValue::Int(1))]),
            "406 PRECONDITION_FAILED: invalid arg 'x-cancel-on-ha-failover' for queue 'q' in vhost '/': \
             {unacceptable_type,long}"
        );
        // The values are checked before the keys another queue type takes.
        assert_eq!(
            refusal(
                true,
                &[("x-priority", FieldValue::Table(FieldTable::new())), ("x-stream-offset", FieldValue::Int(1))]
            ),
            "406 PRECONDITION_FAILED: invalid arg 'x-priority' for queue 'q' in vhost '/': \"expected integer, got table\""
        );
        assert_eq!(
            refusal(true, &[("x-stream-offset", FieldValue::Str("last".into()))]),
            "406 PRECONDITION_FAILED: invalid arg 'x-stream-offset' for queue 'q' in vhost '/' of queue type \
             rabbit_quorum_queue"
        );
        assert_eq!(
            refusal(true, &[("x-cancel-on-ha-failover", FieldValue::Bool(true))]),
            "406 PRECONDITION_FAILED: invalid arg 'x-cancel-on-ha-failover' for queue 'q' in vhost '/' of queue type \
             rabbit_quorum_queue"
        );
    }
}
