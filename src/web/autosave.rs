//! Keeps the user's work in the browser's localStorage: restored when the page opens (unless
//! it opens a share link), saved after every change of the document, of the picked scenario,
//! or of the paused position (not while a shared scenario is shown play-only).
//! Storage that is full or unavailable (private windows) shows a warning; it never stops
//! the app.
//! When another tab of Kaiten saves different work (the `storage` event), this tab stops
//! saving, so neither silently destroys the other's work, until the user loads the other
//! tab's version or keeps this one.

use gloo::events::EventListener;
use gloo::storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;
use web_sys::StorageEvent;
use yew::prelude::*;

use super::dom::fragment;
use crate::studio::share::SHARE_PREFIX;
use crate::studio::{Studio, StudioAction};

/// The localStorage key of the kept work.
const KEY: &str = "kaiten.work";

/// What the page shows about keeping work: a warning while saving fails, and, after another
/// tab saved different work, the two choices.
pub struct Autosave {
    pub warning: Option<String>,
    pub other_tab_saved: bool,
    /// Loads the other tab's work here.
    pub load: Callback<MouseEvent>,
    /// Keeps this tab's work (and saves it over the other's).
    pub keep: Callback<MouseEvent>,
}

/// Restores kept work once, then saves on every change, unless another tab saved since.
#[hook]
pub fn use_autosave(studio: &UseReducerHandle<Studio>) -> Autosave {
    let warning = use_state(|| None::<String>);
    // The other tab's saved text, until the user chooses.
    let other = use_state(|| None::<String>);
    // What this tab saved last, so its own text coming back is no news.
    let last_saved = use_mut_ref(String::new);
    {
        let dispatcher = studio.dispatcher();
        let (other, last_saved) = (other.clone(), last_saved.clone());
        use_effect_with((), move |_| {
            // A share link opens instead (play only); the kept work stays as it is.
            let fragment = fragment();
            if fragment.starts_with(SHARE_PREFIX) {
                dispatcher.dispatch(StudioAction::OpenShared(fragment));
            } else if let Ok(Some(text)) = LocalStorage::raw().get_item(KEY) {
                dispatcher.dispatch(StudioAction::Restore(text));
            } else {
                // A first visit: offer the first lesson rather than a blank canvas.
                dispatcher.dispatch(StudioAction::Welcome);
            }
            let listener = EventListener::new(&gloo::utils::window(), "storage", move |event| {
                let Some(event) = event.dyn_ref::<StorageEvent>() else { return };
                if event.key().as_deref() != Some(KEY) {
                    return;
                }
                match event.new_value() {
                    Some(text) if text != *last_saved.borrow() => other.set(Some(text)),
                    _ => {}
                }
            });
            move || drop(listener)
        });
    }
    let doc = std::rc::Rc::as_ptr(&studio.editor.doc) as usize;
    let position = (!studio.playing).then(|| studio.run().map_or(0, |run| run.session.position()));
    // Lessons' progress, the step of the lesson followed and the first-visit offer are kept too.
    let lesson = studio.lesson.as_ref().map(|view| (view.lesson.name.clone(), view.step));
    let progress = studio.progress.clone();
    let welcome = studio.welcome;
    {
        let (studio, warning, last_saved) = (studio.clone(), warning.clone(), last_saved.clone());
        let waiting = other.is_some();
        use_effect_with(
            (doc, studio.pick.clone(), position, studio.shared, waiting, lesson, progress, welcome),
            move |_| {
                if studio.shared || waiting {
                    return;
                }
                let text = studio.saved_work();
                let result = LocalStorage::raw().set_item(KEY, &text);
                *last_saved.borrow_mut() = text;
                let problem = result.err().map(|error| format!("{error:?}"));
                if *warning != problem {
                    warning.set(problem);
                }
            },
        );
    }
    let load = {
        let (other, dispatcher) = (other.clone(), studio.dispatcher());
        Callback::from(move |_: MouseEvent| {
            if let Some(text) = (*other).clone() {
                *last_saved.borrow_mut() = text.clone();
                dispatcher.dispatch(StudioAction::Restore(text));
            }
            other.set(None);
        })
    };
    let keep = {
        let other = other.clone();
        Callback::from(move |_: MouseEvent| other.set(None))
    };
    Autosave { warning: (*warning).clone(), other_tab_saved: other.is_some(), load, keep }
}
