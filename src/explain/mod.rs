//! Explanations: structured reasons computed from the engine's data, and the one place
//! that turns them (and every trace entry) into sentences, for the CLI and the UI alike.
//! A later UI language adds a renderer here; nothing else produces words.

pub mod edit;
pub mod oslo;
pub mod render;
pub mod route;

pub use render::{Describer, describe, describe_drop, explanation_lines};
pub use route::{BindingVerdict, HopExplanation, RouteExplanation, Verdict, explain_route};
