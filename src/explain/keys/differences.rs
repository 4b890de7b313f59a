//! The keys of the words `kaiten verify` uses for where the simulation and a real broker
//! disagree (`formats::script::Difference`).

use crate::explain::lang::words;

words! {
    /// One difference between the simulation and the broker, and its parts.
    pub trait DifferenceWords {
        fn publish_count(&self, simulated: number, broker: number);
        fn get_count(&self, simulated: number, broker: number);
        fn publish_differs(&self, index: number, simulated: text, broker: text);
        fn declarations_differ(&self, simulated: text, broker: text);
        fn consumes_differ(&self, simulated: text, broker: text);
        fn get_differs(&self, index: number, simulated: text, broker: text);
        fn deliveries_differ(&self, tag: text, simulated: text, broker: text);
        fn queue_differs(&self, name: text, simulated: text, broker: text);
        fn queue_only_simulated(&self, name: text);
        fn queue_only_on_broker(&self, name: text);

        /// A publish's outcome where the side saw where it was routed (`queues`, a JSON list).
        fn outcome_routed(&self, queues: text, returned: text, rejected: text);
        /// A publish's outcome where the side cannot see routing (a real broker).
        fn outcome(&self, returned: text, rejected: text);
        fn yes(&self);
        fn no(&self);
        fn refused(&self, code: number, text: text);
        fn declared(&self);
        fn get_empty(&self);
        /// A message (its JSON form) that was redelivered.
        fn redelivered(&self, message: text);
        /// A message (its JSON form and what precedes) with an `original-expiration` from `queue`.
        fn original_expiration(&self, message: text, expiration: text, queue: text);
    }
}
