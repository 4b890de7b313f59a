//! The browser app: a Yew 0.23 client-side renderer over the engine, compiled for wasm32 only.
//!
//! [`start`] is the only entry point (called by `src/main.rs`).
//! It watches for panics first, so that even a panic during the first render shows a
//! banner instead of a blank page, then mounts [`app::App`] into `#app` from `index.html`
//! (or [`embed::Embed`], the play-only player, in `embed.html`).
//! Components are small and do one job each; they read the root state (the yew-free
//! `studio::Studio`) from a context and hold no logic beyond mapping it to markup and
//! browser events to `studio::StudioAction`s.

mod about;
mod app;
mod author;
mod autosave;
mod canvas;
mod canvas_events;
mod charts;
mod connect_to;
mod console_api;
mod dom;
mod edge;
mod embed;
mod event_log;
mod export;
mod field;
mod files;
mod header;
mod inspect_item;
mod inspector;
mod interventions;
mod keys;
mod language;
mod lesson;
mod lesson_fetch;
mod lessons;
mod message_inspector;
mod new_document;
mod node;
mod notice;
mod overlay;
mod palette;
mod palette_drag;
mod panel;
mod panic;
mod playback;
mod route_preview;
mod run_layer;
mod run_text;
mod sequence_view;
mod toolbar;

/// Watches for panics (wasm traps) and mounts the app into the page's `#app` element: the
/// whole app, or the embeddable player where the page says so (`embed.html`'s
/// `<div id="app" data-player="embed">`, written by `scripts/embed-page.mjs`).
pub fn start() {
    panic::watch_for_traps();
    let root = gloo::utils::document().get_element_by_id("app").expect("index.html has an element with id \"app\"");
    if root.get_attribute("data-player").as_deref() == Some("embed") {
        yew::Renderer::<embed::Embed>::with_root(root).render();
    } else {
        yew::Renderer::<app::App>::with_root(root).render();
    }
}
