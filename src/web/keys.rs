//! Keyboard shortcuts and pasting, listened for on the whole window: the key mapping itself
//! is the yew-free `studio::action_for`; this only feeds it browser key events.
//! Ctrl+V outside a text field is left to the `paste` event, which knows what is pasted: a
//! file or a JSON document opens like "Open" (`studio::files::paste_action`), anything else
//! pastes the copied nodes.
//! Space is special: tapped, it plays or pauses; held down (outside buttons and fields), it
//! turns a drag into a pan.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, KeyboardEvent};
use yew::prelude::*;

use super::dom::focus_in_control;
use super::files::open_first;
use crate::editor::Action;
use crate::editor::shortcuts::KeyPress;
use crate::explain::lang::Lang;
use crate::studio::files::paste_action;
use crate::studio::{Studio, StudioAction, action_for};

#[hook]
pub fn use_shortcuts(studio: UseReducerDispatcher<Studio>, nothing_selected: bool, lang: Lang) {
    let selection = use_mut_ref(|| nothing_selected);
    *selection.borrow_mut() = nothing_selected;
    use_effect_with(lang, move |lang| {
        let pasted = lang.words().pasted_source();
        let window = gloo::utils::window();
        let keydown = {
            let studio = studio.clone();
            EventListener::new_with_options(
                &window,
                "keydown",
                EventListenerOptions::enable_prevent_default(),
                move |event| {
                    let Some(event) = event.dyn_ref::<KeyboardEvent>() else { return };
                    if event.key() == " " {
                        if !focus_in_control(event.target(), true) {
                            event.prevent_default();
                            if !event.repeat() {
                                studio.dispatch(StudioAction::Edit(Action::Space(true)));
                            }
                        }
                        return;
                    }
                    let press = KeyPress {
                        key: &event.key(),
                        command: event.ctrl_key() || event.meta_key(),
                        shift: event.shift_key(),
                        in_field: focus_in_control(event.target(), false),
                    };
                    if press.command && !press.in_field && press.key.eq_ignore_ascii_case("v") {
                        return;
                    }
                    if let Some(action) = action_for(press, *selection.borrow()) {
                        event.prevent_default();
                        studio.dispatch(action);
                    }
                },
            )
        };
        let paste = {
            let studio = studio.clone();
            EventListener::new_with_options(
                &window,
                "paste",
                EventListenerOptions::enable_prevent_default(),
                move |event| {
                    let Some(event) = event.dyn_ref::<ClipboardEvent>() else { return };
                    if focus_in_control(event.target(), false) {
                        return;
                    }
                    event.prevent_default();
                    let data = event.clipboard_data();
                    let files = data.as_ref().and_then(|data| data.files()).filter(|files| files.length() > 0);
                    if files.is_some() {
                        open_first(files, studio.clone());
                        return;
                    }
                    let text = data.and_then(|data| data.get_data("text/plain").ok()).unwrap_or_default();
                    studio.dispatch(paste_action(&pasted, &text));
                },
            )
        };
        let keyup = EventListener::new(&window, "keyup", move |event| {
            if event.dyn_ref::<KeyboardEvent>().is_some_and(|event| event.key() == " ") {
                studio.dispatch(StudioAction::Edit(Action::Space(false)));
            }
        });
        move || drop((keydown, paste, keyup))
    });
}
