//! The English catalogue: every word trait, in English.

mod oslo;
mod run;
mod trace;
