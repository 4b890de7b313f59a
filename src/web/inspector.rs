//! The inspector: details of whatever is selected, and the editing fields for it.

use yew::prelude::*;

use super::app::use_editor;
use super::inspect_item::ItemInspector;
use super::interventions::Interventions;
use super::message_inspector::MessageInspector;
use crate::studio::MenuTarget;

#[component]
pub fn Inspector() -> Html {
    let editor = use_editor();
    let body = match editor.single_selection() {
        Some(item) => html! { <ItemInspector {item} /> },
        None if editor.selection.is_empty() => html! {
            <div class="inspector-empty">
                <p class="muted">{ "Nothing is selected. Select a node or an edge to see and edit its settings here." }</p>
                <p class="muted">{ "Select a producer and type a routing key: the bindings it would match light up." }</p>
                <Interventions target={MenuTarget::Broker} />
            </div>
        },
        None => html! {
            <p class="muted">{ format!("{} items selected. Delete removes them all; Ctrl+C copies the nodes.",
                editor.selection.len()) }</p>
        },
    };
    html! {
        <aside class="inspector" aria-label="Inspector">
            <h2>{ "Inspector" }</h2>
            if let Some(message) = editor.studio().inspected {
                <MessageInspector {message} />
            }
            { body }
        </aside>
    }
}
