//! The `?` overlay: every shortcut and gesture, from `explain::shortcuts`.

use yew::prelude::*;

use super::app::use_editor;
use super::language::use_lang;
use crate::editor::Action;
use crate::explain::shortcuts::shortcuts;

#[component]
pub fn ShortcutsOverlay() -> Html {
    let editor = use_editor();
    let lang = use_lang();
    let words = lang.words();
    if !editor.shortcuts_open {
        return html! {};
    }
    let close = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| editor.dispatch(Action::ToggleShortcuts))
    };
    // A click on the card itself must not reach the backdrop, which closes the overlay.
    let keep_open = Callback::from(|event: MouseEvent| event.stop_propagation());
    html! {
        <div class="overlay" onclick={close.clone()}>
            <div class="overlay-card" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onclick={keep_open}>
                <h2 id="shortcuts-title">{ words.shortcuts_title() }</h2>
                <table class="shortcuts">
                    <tbody>
                        { for shortcuts(lang).into_iter().map(|(keys, what)| html! {
                            <tr><th scope="row"><kbd>{ keys }</kbd></th><td>{ what }</td></tr>
                        }) }
                    </tbody>
                </table>
                <button type="button" class="overlay-close" onclick={close}>{ words.close() }</button>
            </div>
        </div>
    }
}
