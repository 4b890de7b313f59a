//! Keyboard shortcuts, listened for on the whole window: the key mapping itself is the
//! yew-free `editor::shortcuts::action_for`; this only feeds it browser key events.
//! Space is special: held down (outside buttons and fields), it turns a drag into a pan.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use super::dom::focus_in_control;
use crate::editor::shortcuts::{KeyPress, action_for};
use crate::editor::{Action, EditorState};

#[hook]
pub fn use_shortcuts(editor: UseReducerDispatcher<EditorState>) {
    use_effect_with((), move |_| {
        let window = gloo::utils::window();
        let keydown = {
            let editor = editor.clone();
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
                                editor.dispatch(Action::Space(true));
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
                    if let Some(action) = action_for(press) {
                        event.prevent_default();
                        editor.dispatch(action);
                    }
                },
            )
        };
        let keyup = EventListener::new(&window, "keyup", move |event| {
            if event.dyn_ref::<KeyboardEvent>().is_some_and(|event| event.key() == " ") {
                editor.dispatch(Action::Space(false));
            }
        });
        move || drop((keydown, keyup))
    });
}
