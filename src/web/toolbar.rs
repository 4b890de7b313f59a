//! The canvas toolbar: undo, redo and delete on the left; zoom, fit-to-view and the
//! shortcuts list on the right. The buttons' names are stable: the end-to-end tests use them.

use yew::prelude::*;

use super::app::use_editor;
use super::dom::canvas_size;
use super::language::use_lang;
use crate::editor::Action;
use crate::editor::state::ZOOM_STEP;
use crate::explain::lang::Catalogue;
use crate::studio::StudioAction;

// Icon outlines in a 16 by 16 box, drawn inline: symbol fonts vary too much between systems.
const UNDO: &str = "M6 3L2 7l4 4M2 7h8a4 4 0 0 1 0 8H7";
const REDO: &str = "M10 3l4 4-4 4M14 7H6a4 4 0 0 0 0 8h3";
const DELETE: &str = "M3 4h10M6 4V2h4v2M4 4l1 10h6l1-10M7 7v5M9 7v5";
const ZOOM_OUT: &str = "M7 2a5 5 0 1 1 0 10A5 5 0 0 1 7 2zM11 11l3.5 3.5M4.5 7h5";
const ZOOM_IN: &str = "M7 2a5 5 0 1 1 0 10A5 5 0 0 1 7 2zM11 11l3.5 3.5M4.5 7h5M7 4.5v5";
const FIT: &str = "M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4M5 6h6v4H5z";
const HELP: &str = "M8 1.5a6.5 6.5 0 1 1 0 13 6.5 6.5 0 0 1 0-13zM6 6a2 2 0 1 1 2.5 2c-.4.2-.5.5-.5 1v.5M8 11.5v.5";

#[component]
pub fn CanvasToolbar() -> Html {
    let editor = use_editor();
    let words = use_lang().words();
    let act = |make: fn() -> Action| {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| editor.dispatch(make()))
    };
    let zoom = |factor: f64| {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| editor.dispatch(Action::Zoom { factor, canvas: canvas_size() }))
    };
    let fit = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| editor.send(StudioAction::FitAll(canvas_size())))
    };
    let percent = format!("{:.0}%", editor.view.scale * 100.0);
    html! {
        <div class="canvas-toolbar" role="toolbar" aria-label={words.canvas_tools()}>
            // A play-only view (a link, the embedded player) has nothing to undo or delete.
            if !editor.studio().shared {
            <div class="tool-group">
                { tool_button(words, words.undo(), "Ctrl+Z", UNDO, !editor.can_undo(), act(|| Action::Undo)) }
                { tool_button(words, words.redo(), "Ctrl+Shift+Z", REDO, !editor.can_redo(), act(|| Action::Redo)) }
                { tool_button(words, words.delete(), "Delete", DELETE, editor.selection.is_empty(), act(|| Action::Delete)) }
            </div>
            }
            <div class="tool-group">
                { tool_button(words, words.zoom_out(), "wheel", ZOOM_OUT, false, zoom(1.0 / ZOOM_STEP)) }
                <output class="zoom-level" aria-label={words.zoom()}>{ percent }</output>
                { tool_button(words, words.zoom_in(), "wheel", ZOOM_IN, false, zoom(ZOOM_STEP)) }
                { tool_button(words, words.fit_to_view(), "", FIT, false, fit) }
                { tool_button(words, words.keyboard_shortcuts(), "?", HELP, false, act(|| Action::ToggleShortcuts)) }
            </div>
        </div>
    }
}

/// An icon button whose tooltip names its shortcut (`keys`, if any). A plain function rather
/// than a component: a component costs about a kilobyte of wasm of its own.
fn tool_button(
    words: &dyn Catalogue,
    label: String,
    keys: &str,
    icon: &'static str,
    disabled: bool,
    onclick: Callback<MouseEvent>,
) -> Html {
    let title = if keys.is_empty() { label.clone() } else { words.with_keys(&label, keys) };
    html! {
        <button type="button" class="tool-button" aria-label={label} {title} {disabled} {onclick}>
            <svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d={icon} /></svg>
        </button>
    }
}
