//! Kaiten: a message-bus simulator.
//!
//! The library is the engine (broker model, simulator, oslo.messaging layer, file formats,
//! explanations, view geometry) plus, on wasm32 only, the Yew web app in [`web`].
//! Nothing outside `web` may use a browser crate; see ARCHITECTURE.md.

pub mod editor;
pub mod engine;
pub mod explain;
pub mod formats;
pub mod lesson;
pub mod oslo;
pub mod scenarios;
pub mod scene;
pub mod sim;
pub mod studio;

#[cfg(target_arch = "wasm32")]
pub mod web;
