//! The English catalogue: every word trait, in English.

mod run;
mod trace;
mod ui;
