//! The inspector: details of whatever is selected, and the editing fields for it.

use yew::prelude::*;

use super::lesson::LessonPanel;

use super::app::use_editor;
use super::inspect_item::ItemInspector;
use super::interventions::Interventions;
use super::language::use_lang;
use super::message_inspector::MessageInspector;
use super::run_text::RunTextView;
use crate::studio::MenuTarget;

#[component]
pub fn Inspector() -> Html {
    let editor = use_editor();
    let words = use_lang().words();
    let body = match editor.single_selection() {
        Some(item) => html! { <ItemInspector {item} /> },
        None if editor.selection.is_empty() => html! {
            <div class="inspector-empty">
                <p class="muted">{ words.nothing_selected() }</p>
                <p class="muted">{ words.inspector_hint() }</p>
                <Interventions target={MenuTarget::Broker} />
            </div>
        },
        None => html! {
            <p class="muted">{ words.items_selected(editor.selection.len() as u64) }</p>
        },
    };
    html! {
        <aside class="inspector" aria-label={words.inspector()}>
            <RunTextView />
            <LessonPanel />
            <h2>{ words.inspector() }</h2>
            if let Some(message) = editor.studio().inspected {
                <MessageInspector {message} />
            }
            { body }
        </aside>
    }
}
