//! Turns a Rust panic into a visible error banner, so a bug never leaves a blank page.
//!
//! A panic aborts the wasm instance, so the banner is built with plain DOM calls rather than
//! through Yew, and it offers a plain link to reload rather than anything that needs wasm.
//! The panic is also logged to the console, with its stack, for whoever is debugging.

use std::panic::PanicHookInfo;

use web_sys::Document;

use crate::explain::lang::Lang;

const BANNER_ID: &str = "panic-banner";

/// Replaces Yew's default hook (which only logs) with [`on_panic`].
pub fn install_hook() {
    yew::set_custom_panic_hook(Box::new(on_panic));
}

fn on_panic(info: &PanicHookInfo<'_>) {
    console_error_panic_hook::hook(info);
    // Nothing useful is left to do if the page has no document or body.
    let _ = show_banner(&describe(info));
}

/// The panic's message followed by where it happened, in one line a user can copy into a bug report.
fn describe(info: &PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("unknown panic payload");
    match info.location() {
        Some(location) => format!("{message} (at {location})"),
        None => message.to_owned(),
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
