//! Dragging a palette button onto the canvas: the button captures the pointer, a ghost
//! follows it, and releasing over the canvas places the node there. Touch presses are left
//! to the browser (they scroll the palette on a phone); a tap places the node by click.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use super::dom::{canvas_point, canvas_size};
use crate::editor::{Action, NodeKind};
use crate::scene::geometry::Point;
use crate::studio::{Studio, StudioAction};

/// Pixels the pointer must travel before a press becomes a drag.
const DRAG_START: f64 = 6.0;

/// The handlers to put on a palette button, and the drag's visible state.
pub struct PaletteDrag {
    pub onpointerdown: Callback<PointerEvent>,
    pub onpointermove: Callback<PointerEvent>,
    pub onpointerup: Callback<PointerEvent>,
    pub onpointercancel: Callback<PointerEvent>,
    /// Where the ghost is drawn (page coordinates) while dragging.
    pub ghost: Option<Point>,
    /// Set when a drag ended, so the click that follows does not place a second node.
    pub dragged: Rc<RefCell<bool>>,
}

fn client(event: &PointerEvent) -> Point {
    Point::new(f64::from(event.client_x()), f64::from(event.client_y()))
}

#[hook]
pub fn use_palette_drag(kind: NodeKind, editor: UseReducerDispatcher<Studio>) -> PaletteDrag {
    // The press being tracked: pointer id and where it started.
    let press = use_mut_ref(|| None::<(i32, Point)>);
    let ghost = use_state_eq(|| None::<Point>);
    let dragged = use_mut_ref(|| false);
    let onpointerdown = {
        let (press, dragged) = (press.clone(), dragged.clone());
        Callback::from(move |event: PointerEvent| {
            *dragged.borrow_mut() = false;
            if event.pointer_type() == "touch" || event.button() != 0 {
                return;
            }
            // Yew delegates events, so the button is found from the pressed element.
            let pressed = event.target().and_then(|target| target.dyn_into::<Element>().ok());
            if let Some(button) = pressed.and_then(|element| element.closest("button").ok().flatten()) {
                let _ = button.set_pointer_capture(event.pointer_id());
            }
            *press.borrow_mut() = Some((event.pointer_id(), client(&event)));
        })
    };
    let onpointermove = {
        let (press, ghost) = (press.clone(), ghost.clone());
        Callback::from(move |event: PointerEvent| {
            let Some((pointer, start)) = *press.borrow() else { return };
            if pointer == event.pointer_id() && (ghost.is_some() || start.distance(client(&event)) > DRAG_START) {
                ghost.set(Some(client(&event)));
            }
        })
    };
    let onpointerup = {
        let (press, ghost, dragged) = (press.clone(), ghost.clone(), dragged.clone());
        Callback::from(move |event: PointerEvent| {
            if press.borrow_mut().take().is_none() || ghost.is_none() {
                return;
            }
            ghost.set(None);
            *dragged.borrow_mut() = true;
            if let Some(at) = canvas_point(event.client_x(), event.client_y()) {
                editor.dispatch(StudioAction::Edit(Action::AddNode { kind, at: Some(at), canvas: canvas_size() }));
            }
        })
    };
    let onpointercancel = {
        let ghost = ghost.clone();
        Callback::from(move |_: PointerEvent| {
            press.borrow_mut().take();
            ghost.set(None);
        })
    };
    PaletteDrag { onpointerdown, onpointermove, onpointerup, onpointercancel, ghost: *ghost, dragged }
}
