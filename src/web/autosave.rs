//! Keeps the user's work in the browser's localStorage: restored when the page opens (unless
//! it opens a share link), saved after every change of the document, of the picked scenario,
//! or of the paused position (not while a shared scenario is shown play-only).
//! Storage that is full or unavailable (private windows) shows a warning; it never stops
//! the app.

use gloo::storage::{LocalStorage, Storage};
use yew::prelude::*;

use super::dom::fragment;
use crate::explain::run::storage_warning;
use crate::studio::share::SHARE_PREFIX;
use crate::studio::{Studio, StudioAction};

/// The localStorage key of the kept work.
const KEY: &str = "kaiten.work";

/// Restores kept work once, then saves on every change; returns a warning while saving fails.
#[hook]
pub fn use_autosave(studio: &UseReducerHandle<Studio>) -> Option<String> {
    let warning = use_state(|| None::<String>);
    {
        let dispatcher = studio.dispatcher();
        use_effect_with((), move |_| {
            // A share link opens instead (play only); the kept work stays as it is.
            let fragment = fragment();
            if fragment.starts_with(SHARE_PREFIX) {
                dispatcher.dispatch(StudioAction::OpenShared(fragment));
            } else if let Ok(Some(text)) = LocalStorage::raw().get_item(KEY) {
                dispatcher.dispatch(StudioAction::Restore(text));
            }
        });
    }
    let doc = std::rc::Rc::as_ptr(&studio.editor.doc) as usize;
    let position = (!studio.playing).then(|| studio.run().map_or(0, |run| run.session.position()));
    {
        let (studio, warning) = (studio.clone(), warning.clone());
        use_effect_with((doc, studio.pick.clone(), position, studio.shared), move |_| {
            if studio.shared {
                return;
            }
            let result = LocalStorage::raw().set_item(KEY, &studio.saved_work());
            let problem = result.err().map(|error| storage_warning(&format!("{error:?}")));
            if *warning != problem {
                warning.set(problem);
            }
        });
    }
    (*warning).clone()
}
