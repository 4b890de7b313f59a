//! The English catalogue: every word trait, in English.

mod cli;
mod differences;
mod edit;
mod intervention;
mod lesson;
mod oslo;
mod problems;
mod run;
mod trace;
mod ui;
