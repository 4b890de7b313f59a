//! Headless AMQP scripts: a JSON array of client steps (publish, get, ack, nack, reject,
//! consume, cancel, advance-time, declare, case) and the runner that plays one against the [`Broker`].
//!
//! This is the headless contract of `kaiten amqp`, and how the engine is checked from
//! outside: `kaiten verify` plays the same script against a real RabbitMQ and compares the
//! two [`RunRecord`]s. The runner is pure and clock-free: time moves only on
//! `advance-time` steps, in virtual milliseconds.
//!
//! Each `consume` gets its own channel (so its prefetch is its own) and `get` uses one
//! channel of its own; `ack`, `nack` and `reject` name a delivery by its `message_id` (the
//! oldest unsettled delivery carrying it, optionally only from one queue) and go to the
//! channel that delivery came on. README.md ("Headless AMQP scripts") documents the steps.
//!
//! [`steps`] holds the steps and their parser, [`run`] the runner against the engine,
//! [`record`] what a client observes (the output document), [`diff`] where two records
//! disagree.

mod diff;
mod record;
mod run;
mod steps;

pub use diff::{Counted, Difference, Refusal, differences};
pub use record::{DeathRecord, MessageRecord, PublishRecord, RunRecord, first_death_headers};
pub use run::{ChannelKey, Readback, RunOptions, UnsettledDeliveries, engine_publish, run, run_with};
pub use steps::{
    AckStep, AdvanceTimeStep, CancelStep, CaseStep, ConsumeStep, DeclareStep, GetStep, NackStep, PublishProperties,
    PublishStep, RejectStep, Step, parse,
};

use crate::formats::Diagnostic;
use crate::formats::problem::Problem;

/// A script: steps played in order.
pub type Script = Vec<Step>;

/// A script that does not parse, or a step the broker cannot carry out: a JSON path into the
/// script, such as `[3].publish.properties.priority` (`$` for the whole script), and the problem.
pub type ScriptError = Diagnostic;

fn at_step(step_idx: usize, step: &Step, problem: Problem) -> ScriptError {
    ScriptError::new(format!("[{step_idx}].{}", step.name()), problem)
}

/// The translated case (a `case` step) that the `index`th step of kind `of` falls in, if any:
/// where a corpus difference comes from.
pub fn case_of(script: &Script, of: Counted, index: usize) -> Option<&CaseStep> {
    let mut current = None;
    let mut seen = 0;
    for step in script {
        match (step, of) {
            (Step::Case(case), _) => current = Some(case),
            (Step::Publish(_), Counted::Publishes) | (Step::Get(_), Counted::Gets) => {
                if seen == index {
                    return current;
                }
                seen += 1;
            }
            _ => {}
        }
    }
    None
}
