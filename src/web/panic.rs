//! Turns a Rust panic into a visible error banner, so a bug never leaves a blank page.
//!
//! The release bundle is built with `-Cpanic=immediate-abort` (it drops every panic message
//! from the wasm; see ARCHITECTURE.md, "Bundle size"), so a panic there is a wasm trap: a
//! `WebAssembly.RuntimeError` that reaches the window as an `error` event (from an event
//! handler or timer) or an `unhandledrejection` (from the first render or a future). This
//! module listens for those. The instance is unreliable after a trap, so the banner is
//! built with plain DOM calls rather than through Yew, and it offers a plain link to reload.
//! Debug builds keep panic messages and log them to the console, with their stack.

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, ErrorEvent, PromiseRejectionEvent};

use crate::explain::lang::Lang;

const BANNER_ID: &str = "panic-banner";

/// Shows the banner whenever the wasm instance traps, for the rest of the page's life.
pub fn watch_for_traps() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let window = gloo::utils::window();
    EventListener::new(&window, "error", |event| {
        if let Some(event) = event.dyn_ref::<ErrorEvent>() {
            show_if_trap(&event.error());
        }
    })
    .forget();
    EventListener::new(&window, "unhandledrejection", |event| {
        if let Some(event) = event.dyn_ref::<PromiseRejectionEvent>() {
            show_if_trap(&event.reason());
        }
    })
    .forget();
}

/// Shows the banner when `error` is a wasm trap; other script errors are not Kaiten's.
fn show_if_trap(error: &JsValue) {
    if let Some(trap) = error.dyn_ref::<js_sys::WebAssembly::RuntimeError>() {
        // Nothing useful is left to do if the page has no document or body.
        let _ = show_banner(&String::from(trap.to_string()));
    }
}

fn show_banner(message: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    if let Some(old) = document.get_element_by_id(BANNER_ID) {
        old.remove();
    }
    let banner = document.create_element("div").ok()?;
    banner.set_id(BANNER_ID);
    banner.set_class_name("panic-banner");
    banner.set_attribute("role", "alert").ok()?;
    // The page's language, as the Language switch last set it on <html lang>.
    let lang = document
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
        .and_then(|tag| Lang::from_tag(&tag))
        .unwrap_or_default();
    let words = lang.words();
    let title = text_element(&document, "strong", &words.panic_title())?;
    let detail = text_element(&document, "code", message)?;
    let reload = text_element(&document, "a", &words.panic_reload())?;
    reload.set_attribute("href", "").ok()?;
    // Spaces between the parts, so the alert reads as sentences and copies cleanly.
    banner.append_with_node_1(&title).ok()?;
    banner.append_with_str_1(" ").ok()?;
    banner.append_with_node_1(&detail).ok()?;
    banner.append_with_str_1(" ").ok()?;
    banner.append_with_node_1(&reload).ok()?;
    document.body()?.prepend_with_node_1(&banner).ok()
}

fn text_element(document: &Document, tag: &str, text: &str) -> Option<web_sys::Element> {
    let element = document.create_element(tag).ok()?;
    element.set_text_content(Some(text));
    Some(element)
}
