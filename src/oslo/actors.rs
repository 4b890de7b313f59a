//! What the oslo.messaging actors share: applying a declaration plan through the actor
//! context, the seeded generator as an id source, labels for trace lines, and a step
//! script with gaps.

use serde::{Deserialize, Serialize};

use crate::engine::{AmqpError, ConsumeOptions, ConsumerId, Delivery, FieldTable, SimTime};
use crate::oslo::declare::{Declaration, Plan};
use crate::oslo::ids::IdSource;
use crate::oslo::note::OsloNote;
use crate::sim::ActorCtx;
use crate::sim::rng::SimRng;
use crate::sim::trace::{Label, Note};

impl IdSource for SimRng {
    fn next_u64(&mut self) -> u64 {
        SimRng::next_u64(self)
    }
}

/// Carries out declarations on the actor's channel, stopping at the first refusal.
pub fn declare(ctx: &mut ActorCtx<'_>, declarations: &[Declaration]) -> Result<(), AmqpError> {
    for declaration in declarations {
        match declaration {
            Declaration::Exchange(spec) => {
                ctx.declare_exchange(spec.clone())?;
            }
            Declaration::Queue(spec) => {
                ctx.declare_queue(spec.clone())?;
            }
            Declaration::Binding { exchange, queue, routing_key } => {
                let queue_id = ctx
                    .broker()
                    .topology()
                    .queue_by_name(queue)
                    .ok_or_else(|| AmqpError::NotFound(format!("no queue '{queue}' in vhost '/'")))?
                    .id;
                ctx.bind_queue(exchange, queue_id, routing_key, FieldTable::new())?;
            }
        }
    }
    Ok(())
}

/// Declares a plan and consumes from its queues (acks required, `prefetch` 0 = unlimited).
/// Refusals are noted; returns the consumers and their queues when everything succeeded.
pub fn listen(ctx: &mut ActorCtx<'_>, plan: &Plan, tag: &str, prefetch: u32) -> Option<Vec<(ConsumerId, String)>> {
    let result = declare(ctx, &plan.declarations).and_then(|()| {
        let mut consumers = Vec::new();
        for (index, queue) in plan.consume.iter().enumerate() {
            let consumer_tag = format!("{tag}-{}", index + 1);
            let consumer = ctx.consume(queue, ConsumeOptions { consumer_tag, prefetch, no_ack: false })?;
            consumers.push((consumer, queue.clone()));
        }
        Ok(consumers)
    });
    match result {
        Ok(consumers) => Some(consumers),
        Err(error) => {
            ctx.note(Note::Refused { error });
            None
        }
    }
}

/// The first half of a graceful stop (`MessageHandlingServer.stop()`): cancels `consumers`
/// and deletes the `owned` queues, noting what it did (consumers already gone are skipped).
pub fn stop_consuming(ctx: &mut ActorCtx<'_>, consumers: Vec<(ConsumerId, String)>, owned: Vec<String>) {
    let mut queues = Vec::new();
    for (consumer, queue) in consumers {
        if ctx.broker().consumer_channel(consumer).is_some() {
            queues.push(queue);
            ctx.cancel(consumer);
        }
    }
    let mut deleted = Vec::new();
    for queue in owned {
        match ctx.delete_queue(&queue) {
            Ok(()) => deleted.push(queue),
            Err(error) => ctx.note(Note::Refused { error }),
        }
    }
    ctx.note(Note::client(OsloNote::StoppedConsuming { queues, deleted }));
}

/// An id as message labels show it: its first eight characters (`1dcfbfbb`).
pub fn short(id: &str) -> String {
    id.chars().take(8).collect()
}

/// Notes a delivery's arrival with an oslo label.
pub fn note_received(ctx: &mut ActorCtx<'_>, delivery: &Delivery, label: Label) {
    ctx.note(Note::Received {
        label,
        queue: delivery.queue,
        delivery_tag: delivery.delivery_tag,
        redelivered: delivery.message.redelivered,
    });
}

/// The pause before a scripted step, after the previous one finished.
pub fn default_after_ms() -> SimTime {
    50
}

/// How many times a scripted step runs.
pub fn one() -> u32 {
    1
}

/// A position in a script of steps that each repeat `count` times.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub step: usize,
    pub repeat: u32,
}

impl Cursor {
    /// Moves past one run of the current step, given each step's count.
    pub fn advance(&mut self, count: impl Fn(usize) -> u32) {
        self.repeat += 1;
        if self.repeat >= count(self.step).max(1) {
            self.step += 1;
            self.repeat = 0;
        }
    }
}
