//! The few DOM measurements the app needs: where the canvas is on the page, so pointer
//! positions can be turned into canvas coordinates and buttons can zoom around its centre.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::scene::geometry::{Point, Size};

/// The canvas `<svg>`, found by its class (there is exactly one).
fn canvas() -> Option<Element> {
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
