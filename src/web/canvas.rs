//! The canvas region: the SVG surface the topology is drawn on.
//!
//! The `<svg>` has role "group" rather than SVG's implicit "img", because an image's children
//! are presentational and the nodes drawn inside it must stay focusable buttons.

use yew::prelude::*;

use super::app::use_ui;
use super::state::UiAction;

#[component]
pub fn Canvas() -> Html {
    let ui = use_ui();
    let onclick = Callback::from(move |_: MouseEvent| ui.dispatch(UiAction::ClearSelection));
    html! {
        <main class="canvas-area">
            <svg class="canvas" role="group" aria-label="Canvas" {onclick}>
                <defs>
                    <pattern id="canvas-grid" width="24" height="24" patternUnits="userSpaceOnUse">
                        <circle class="canvas-grid-dot" cx="1" cy="1" r="1" />
                    </pattern>
                </defs>
                <rect class="canvas-background" width="100%" height="100%" fill="url(#canvas-grid)" />
            </svg>
            <p class="canvas-hint">{ "The canvas is empty. Pick a node kind in the palette to see what it does." }</p>
        </main>
    }
}
