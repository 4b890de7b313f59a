//! Words next to the pointer: while a connection is dragged over a node that would refuse
//! it, why (live, as a status); after a refused drop, why (as an alert, until the next
//! press or Escape). The sentences come from `explain::edit`.

use yew::prelude::*;

use super::dom::canvas_size;
use crate::editor::connect::check;
use crate::editor::gesture::Gesture;
use crate::editor::state::EditorState;
use crate::explain::edit::refusal;
use crate::explain::lang::Lang;
use crate::scene::geometry::Point;

/// Widest a notice gets, to decide on which side of the pointer it fits.
const NOTICE_WIDTH: f64 = 300.0;

fn placed(at: Point) -> String {
    let size = canvas_size();
    let x = if at.x + 16.0 + NOTICE_WIDTH > size.width { (at.x - 16.0 - NOTICE_WIDTH).max(8.0) } else { at.x + 16.0 };
    let y = (at.y + 16.0).min((size.height - 96.0).max(8.0));
    format!("left: {x:.0}px; top: {y:.0}px; max-width: {NOTICE_WIDTH}px")
}

/// While a connection is dragged over a node that would refuse it, why. A plain function
/// rather than a component, as the canvas renders it (a component costs about a kilobyte of
/// wasm of its own).
pub fn connect_feedback(editor: &EditorState, lang: Lang) -> Html {
    let Gesture::Connecting { at, .. } = editor.gesture else { return html! {} };
    let Some((from, to)) = editor.connect_target() else { return html! {} };
    match check(&editor.doc, from, to) {
        Ok(()) => html! {},
        Err(why) => html! {
            <p class="notice notice-live" role="status" style={placed(editor.view.to_screen(at))}>{ refusal(lang, &why) }</p>
        },
    }
}

/// Why the last drop was refused, until the next press or Escape.
pub fn notice(editor: &EditorState, lang: Lang) -> Html {
    let Some(notice) = &editor.notice else { return html! {} };
    html! {
        <p class="notice" role="alert" style={placed(notice.at)}>{ refusal(lang, &notice.refusal) }</p>
    }
}
