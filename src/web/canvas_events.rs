//! The canvas's pointer and wheel handlers: each browser event becomes one editor action
//! with the position in canvas coordinates; the gesture logic is the editor's (yew-free).
//! The canvas captures the pointer on a press, so a drag keeps going outside it.

use super::interventions::end_long_press;
use web_sys::{Element, SvgElement, WheelEvent};
use yew::prelude::*;

use super::app::EditorContext;
use super::dom::local_point;
use crate::editor::Action;
use crate::editor::gesture::{Gesture, Phase, PointerInput};

/// Wheel deltas in lines or pages are turned into pixels.
const LINE_PIXELS: f64 = 16.0;
const PAGE_PIXELS: f64 = 400.0;
/// A trackpad pinch arrives as a wheel with Ctrl held and small deltas: zoom faster.
const PINCH_WHEEL_BOOST: f64 = 6.0;

pub struct CanvasEvents {
    pub onpointerdown: Callback<PointerEvent>,
    pub onpointermove: Callback<PointerEvent>,
    pub onpointerup: Callback<PointerEvent>,
    pub onpointercancel: Callback<PointerEvent>,
    pub onwheel: Callback<WheelEvent>,
}

/// `PointerEvent.button` of the secondary (usually right) mouse button.
const SECONDARY_BUTTON: i16 = 2;

#[hook]
pub fn use_canvas_events(editor: EditorContext, svg: NodeRef) -> CanvasEvents {
    let pointer = |phase: Phase| {
        let (editor, svg) = (editor.clone(), svg.clone());
        Callback::from(move |event: PointerEvent| {
            let Some(element) = svg.cast::<Element>() else { return };
            if phase != Phase::Down {
                end_long_press(&event, phase != Phase::Move);
            }
            // Hovering with nothing held changes nothing: skip the re-render.
            if phase == Phase::Move && editor.gesture == Gesture::Idle {
                return;
            }
            // The secondary button opens the interventions menu (`contextmenu`), nothing else.
            if event.button() == SECONDARY_BUTTON {
                return;
            }
            if phase == Phase::Down {
                let _ = element.set_pointer_capture(event.pointer_id());
                // Take focus from any inspector field, so Delete and arrows act on the canvas.
                if let Some(svg) = svg.cast::<SvgElement>() {
                    let _ = svg.focus();
                }
            }
            editor.dispatch(Action::Pointer(PointerInput {
                phase,
                pointer: event.pointer_id(),
                at: local_point(&element, event.client_x(), event.client_y()),
                shift: event.shift_key(),
                middle: event.button() == 1,
                touch: event.pointer_type() == "touch",
            }));
        })
    };
    let onwheel = {
        let (editor, svg) = (editor.clone(), svg.clone());
        Callback::from(move |event: WheelEvent| {
            let Some(element) = svg.cast::<Element>() else { return };
            event.prevent_default();
            let unit = match event.delta_mode() {
                WheelEvent::DOM_DELTA_LINE => LINE_PIXELS,
                WheelEvent::DOM_DELTA_PAGE => PAGE_PIXELS,
                _ => 1.0,
            };
            let boost = if event.ctrl_key() { PINCH_WHEEL_BOOST } else { 1.0 };
            let at = local_point(&element, event.client_x(), event.client_y());
            editor.dispatch(Action::Wheel { at, delta_y: event.delta_y() * unit * boost });
        })
    };
    CanvasEvents {
        onpointerdown: pointer(Phase::Down),
        onpointermove: pointer(Phase::Move),
        onpointerup: pointer(Phase::Up),
        onpointercancel: pointer(Phase::Cancel),
        onwheel,
    }
}
