//! The few DOM services the app needs: where the canvas is on the page (so pointer positions
//! become canvas coordinates and buttons zoom around its centre), reading a file the user
//! picked or dropped, and saving a text or an address's contents as a download.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::scene::geometry::{Point, Size};

/// The canvas `<svg>`, found by its class (there is exactly one).
pub fn canvas() -> Option<Element> {
    gloo::utils::document().query_selector("svg.canvas").ok().flatten()
}

/// The canvas's size in CSS pixels (zero before it is mounted).
pub fn canvas_size() -> Size {
    canvas().map_or_else(Size::default, |svg| {
        let rect = svg.get_bounding_client_rect();
        Size::new(rect.width(), rect.height())
    })
}

/// A page (client) position in `element`'s own coordinates.
pub fn local_point(element: &Element, client_x: i32, client_y: i32) -> Point {
    let rect = element.get_bounding_client_rect();
    Point::new(f64::from(client_x) - rect.left(), f64::from(client_y) - rect.top())
}

/// A page position in canvas coordinates, if it is over the canvas.
pub fn canvas_point(client_x: i32, client_y: i32) -> Option<Point> {
    let svg = canvas()?;
    let size = canvas_size();
    let at = local_point(&svg, client_x, client_y);
    (at.x >= 0.0 && at.y >= 0.0 && at.x <= size.width && at.y <= size.height).then_some(at)
}

/// Whether keys typed now belong to a form control (or a button or link, for Space).
pub fn focus_in_control(target: Option<web_sys::EventTarget>, buttons_too: bool) -> bool {
    let Some(element) = target.and_then(|target| target.dyn_into::<HtmlElement>().ok()) else { return false };
    match element.tag_name().to_ascii_lowercase().as_str() {
        "input" | "textarea" | "select" => true,
        "button" | "a" => buttons_too,
        _ => element.is_content_editable(),
    }
}

/// Reads a file the user picked or dropped and hands its bytes to `done` (with its name):
/// at most one byte more than `formats::MAX_FILE_BYTES`, so a huge file is refused by its
/// size without being read whole.
pub fn read_file(file: web_sys::File, done: impl FnOnce(String, Vec<u8>) + 'static) {
    let Ok(reader) = web_sys::FileReader::new() else { return };
    let name = file.name();
    let Ok(head) = file.slice_with_f64_and_f64(0.0, (crate::formats::MAX_FILE_BYTES + 1) as f64) else { return };
    let source = reader.clone();
    let onload = wasm_bindgen::closure::Closure::once_into_js(move || {
        let bytes = source.result().map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec()).unwrap_or_default();
        done(name, bytes);
    });
    reader.set_onload(Some(onload.unchecked_ref()));
    let _ = reader.read_as_array_buffer(&head);
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    download_href(name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Offers what `href` (a `blob:` or `data:` address) holds as a file download named `name`.
pub fn download_href(name: &str, href: &str) {
    let document = gloo::utils::document();
    if let Some(link) = document.create_element("a").ok().and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        link.set_href(href);
        link.set_download(name);
        link.click();
    }
}

/// Puts text on the clipboard (and on `window.__lastCopied`, which tests read).
pub fn copy_text(text: &str) {
    let window = gloo::utils::window();
    let _ = js_sys::Reflect::set(&window, &"__lastCopied".into(), &text.into());
    let _ = window.navigator().clipboard().write_text(text);
}

/// This page's address without its query and fragment.
pub fn page_address() -> String {
    let location = gloo::utils::window().location();
    format!("{}{}", location.origin().unwrap_or_default(), location.pathname().unwrap_or_default())
}

/// The address of the folder this page is served from (where `embed.html` is too).
pub fn page_folder() -> String {
    let address = page_address();
    match address.rfind('/') {
        Some(slash) => address[..=slash].to_string(),
        None => address,
    }
}

/// The address's fragment (`#...`), if any.
pub fn fragment() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}
