//! The header's "New" button and the dialog, within the page, that asks before the canvas is
//! cleared (Undo brings the old document back). The words come from `explain::run`.

use yew::prelude::*;

use super::app::use_editor;
use super::language::use_lang;
use crate::studio::StudioAction;

#[component]
pub fn NewButton() -> Html {
    let editor = use_editor();
    let asking = use_state(|| false);
    let cancel_ref = use_node_ref();
    {
        // The dialog opens with the focus on "Cancel", the choice that loses nothing.
        let cancel_ref = cancel_ref.clone();
        use_effect_with(*asking, move |asking| {
            if *asking && let Some(button) = cancel_ref.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    let set = |value: bool| {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(value))
    };
    let clear = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| {
            asking.set(false);
            editor.send(StudioAction::New);
        })
    };
    let onkeydown = {
        let asking = asking.clone();
        Callback::from(move |event: KeyboardEvent| {
            // Keys belong to the dialog, not to the canvas's shortcuts.
            event.stop_propagation();
            if event.key() == "Escape" {
                asking.set(false);
            }
        })
    };
    let words = use_lang().words();
    html! {
        <>
            <button type="button" onclick={set(true)}>{ words.new_document() }</button>
            if *asking {
                <div class="dialog-backdrop">
                    <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="new-title"
                        aria-describedby="new-text" {onkeydown}>
                        <h2 id="new-title">{ words.new_question() }</h2>
                        <p id="new-text">{ words.new_consequence() }</p>
                        <div class="dialog-buttons">
                            <button type="button" class="danger" onclick={clear}>{ words.clear_canvas() }</button>
                            <button type="button" ref={cancel_ref} onclick={set(false)}>{ words.cancel() }</button>
                        </div>
                    </div>
                </div>
            }
        </>
    }
}
