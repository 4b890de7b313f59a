//! Fetches a built-in lesson's file when the studio asks for one. The browser bundle carries
//! no lesson texts (they were its largest data): each is `lessons/NAME.json` beside the app,
//! copied by Trunk (`index.html`), so starting a built-in lesson here is a fetch from the same
//! origin, handed to the studio as `LessonAction::Loaded`.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::studio::lesson::LessonAction;
use crate::studio::{Studio, StudioAction};

/// Fetches `studio.lesson_fetch` whenever it names a lesson.
#[hook]
pub fn use_lesson_fetch(fetch: Option<String>, studio: UseReducerDispatcher<Studio>) {
    use_effect_with(fetch, move |fetch| {
        if let Some(name) = fetch.clone() {
            yew::platform::spawn_local(async move {
                let text = fetch_text(&format!("lessons/{name}.json")).await;
                studio.dispatch(StudioAction::Lesson(LessonAction::Loaded { name, text }));
            });
        }
    });
}

/// The body of a successful response (`None` for a failed fetch or an error status).
async fn fetch_text(url: &str) -> Option<String> {
    let response = JsFuture::from(gloo::utils::window().fetch_with_str(url)).await.ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?).await.ok()?.as_string()
}
