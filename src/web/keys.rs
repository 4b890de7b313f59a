//! Keyboard shortcuts, listened for on the whole window: the key mapping itself is the
//! yew-free `studio::action_for`; this only feeds it browser key events.
//! Space is special: tapped, it plays or pauses; held down (outside buttons and fields), it
//! turns a drag into a pan.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use super::dom::focus_in_control;
use crate::editor::Action;
use crate::editor::shortcuts::KeyPress;
use crate::studio::{Studio, StudioAction, action_for};

#[hook]
pub fn use_shortcuts(studio: UseReducerDispatcher<Studio>, nothing_selected: bool) {
    let selection = use_mut_ref(|| nothing_selected);
    *selection.borrow_mut() = nothing_selected;
    use_effect_with((), move |_| {
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
                    if let Some(action) = action_for(press, *selection.borrow()) {
                        event.prevent_default();
                        studio.dispatch(action);
                    }
                },
            )
        };
        let keyup = EventListener::new(&window, "keyup", move |event| {
            if event.dyn_ref::<KeyboardEvent>().is_some_and(|event| event.key() == " ") {
                studio.dispatch(StudioAction::Edit(Action::Space(false)));
            }
        });
        move || drop((keydown, keyup))
    });
}
