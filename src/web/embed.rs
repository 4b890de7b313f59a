//! The embeddable player, the root of `embed.html`: the canvas, the playback bar and the run
//! views an address asks for, play only (a lesson's tasks stay editable). It keeps no work and
//! reads no storage (a sandboxed iframe has none), and speaks the `postMessage` protocol of
//! `studio::embed` with the page around it: commands in, reports out, its height as
//! `resize`, and Escape as `escape` (the loader then gives the focus back to the host page).

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{KeyboardEvent, MessageEvent};
use yew::prelude::*;

use super::app::{EditorContext, PlaybackFrame, provide};
use super::canvas::Canvas;
use super::keys::use_shortcuts;
use super::language::{Speech, browser_language};
use super::lesson::LessonPanel;
use super::lesson_fetch::use_lesson_fetch;
use super::overlay::ShortcutsOverlay;
use super::panel::RunPanel;
use super::playback::{Playback, use_playback_timer};
use super::run_layer::legend;
use crate::explain::lang::Lang;
use crate::explain::problem;
use crate::formats::scenario::Diagnostic;
use crate::studio::embed::{Controls, EmbedOptions, Reporter, Theme, command, message};
use crate::studio::{Studio, StudioAction};

/// Posts a message to the page around the player (nothing when the player is the page).
fn post(message: &serde_json::Value) {
    let window = gloo::utils::window();
    let Ok(Some(parent)) = window.parent() else { return };
    if parent == window {
        return;
    }
    if let Ok(value) = js_sys::JSON::parse(&message.to_string()) {
        let _ = parent.post_message(&value, "*");
    }
}

fn post_problem(lang: Lang, diagnostic: &Diagnostic) {
    post(&message("error", serde_json::json!({"message": problem(lang, diagnostic)})));
}

/// The options and the studio the address asks for, read once.
struct Start {
    options: EmbedOptions,
    studio: Studio,
    problems: Vec<Diagnostic>,
}

fn start() -> Start {
    let location = gloo::utils::window().location();
    let tags: Vec<&str> = Lang::ALL.iter().map(|lang| lang.tag()).collect();
    let (options, mut problems) = EmbedOptions::parse(&location.search().unwrap_or_default(), &tags);
    let (studio, more) = Studio::embedded(&options, &location.hash().unwrap_or_default());
    problems.extend(more);
    Start { options, studio, problems }
}

#[component]
pub fn Embed() -> Html {
    let start = use_memo((), |_| start());
    let handle = use_reducer(|| start.studio.clone());
    let lang = start.options.lang.as_deref().and_then(Lang::from_tag).unwrap_or_else(browser_language);
    use_effect_with((lang, start.options.theme), |(lang, theme)| {
        if let Some(root) = gloo::utils::document().document_element() {
            root.set_attribute("lang", lang.tag()).ok();
            match theme {
                Theme::Auto => root.remove_attribute("data-theme").ok(),
                Theme::Light => root.set_attribute("data-theme", "light").ok(),
                Theme::Dark => root.set_attribute("data-theme", "dark").ok(),
            };
        }
    });
    use_shortcuts(handle.dispatcher(), handle.editor.selection.is_empty(), lang);
    use_playback_timer(handle.playing, handle.computing(), handle.dispatcher());
    use_lesson_fetch(handle.lesson_fetch.clone(), handle.dispatcher());
    {
        // Commands from the host page; a bad one is answered with an `error`.
        let studio = handle.dispatcher();
        use_effect_with(lang, move |lang| {
            let lang = *lang;
            let window = gloo::utils::window();
            let own = window.clone();
            let listener = EventListener::new(&window, "message", move |event| {
                let Some(event) = event.dyn_ref::<MessageEvent>() else { return };
                let from_self = event.source().and_then(|source| source.dyn_into::<web_sys::Window>().ok());
                if from_self.is_some_and(|source| source == own) {
                    return;
                }
                let text = js_sys::JSON::stringify(&event.data()).ok().and_then(|text| text.as_string());
                let Some(data) = text.and_then(|text| serde_json::from_str(&text).ok()) else { return };
                match command(&data) {
                    Some(Ok(command)) => studio.dispatch(StudioAction::Embed(command)),
                    Some(Err(diagnostic)) => post_problem(lang, &diagnostic),
                    None => {}
                }
            });
            let escape = EventListener::new(&gloo::utils::window(), "keydown", |event| {
                let Some(event) = event.dyn_ref::<KeyboardEvent>() else { return };
                if event.key() == "Escape" {
                    if let Some(active) = gloo::utils::document().active_element()
                        && let Some(active) = active.dyn_ref::<web_sys::HtmlElement>()
                    {
                        let _ = active.blur();
                    }
                    post(&message("escape", serde_json::json!({})));
                }
            });
            move || drop((listener, escape))
        });
    }
    {
        // Reports after every change: ready, step, ended, lesson verdicts, problems, height.
        let reporter = use_mut_ref(Reporter::default);
        let said = use_mut_ref(Vec::<Diagnostic>::new);
        let height = use_mut_ref(|| 0);
        let problems = start.problems.clone();
        let studio = handle.clone();
        use_effect(move || {
            for message in reporter.borrow_mut().report(&studio) {
                post(&message);
            }
            let mut said = said.borrow_mut();
            let now: Vec<Diagnostic> = problems.iter().chain(&studio.problems).cloned().collect();
            for diagnostic in now.iter().filter(|diagnostic| !said.contains(diagnostic)) {
                post_problem(lang, diagnostic);
            }
            *said = now;
            let page = gloo::utils::document()
                .query_selector(".embed")
                .ok()
                .flatten()
                .map_or(0, |player| player.get_bounding_client_rect().height().ceil() as i32);
            if *height.borrow() != page {
                *height.borrow_mut() = page;
                post(&message("resize", serde_json::json!({"height": page})));
            }
        });
    }
    let options = &start.options;
    let words = lang.words();
    let runs = handle.run().is_some();
    let in_lesson = handle.lesson.is_some();
    let problems: Vec<String> =
        start.problems.iter().chain(&handle.problems).map(|diagnostic| problem(lang, diagnostic)).collect();
    let controls = match options.controls {
        Controls::None => "none",
        Controls::Play => "play",
        Controls::Full => "full",
    };
    let style = options.height.map(|height| format!("height: {height}px")).unwrap_or_default();
    let title = handle.editor.doc.settings.name.clone();
    let speech = Speech { lang, set: Callback::noop() };
    let playback = PlaybackFrame(handle.revision());
    let editor = EditorContext::new(handle);
    let page = html! {
        <>
            <section class={classes!("embed", options.height.is_some().then_some("embed-sized"))}
                data-controls={controls} {style} aria-label={words.player(&title)}>
                if !problems.is_empty() {
                    <ul class="embed-problems" role="alert">
                        { for problems.into_iter().map(|text| html! { <li>{ text }</li> }) }
                    </ul>
                }
                <div class="embed-body">
                    <div class="stage-area">
                        <Canvas />
                        { legend(lang, runs) }
                    </div>
                    if in_lesson {
                        <aside class="embed-lesson"><LessonPanel /></aside>
                    }
                </div>
                if options.controls != Controls::None {
                    <Playback />
                }
                if !options.panes.is_empty() {
                    <RunPanel panes={options.panes.clone()} />
                }
            </section>
            <ShortcutsOverlay />
        </>
    };
    provide(speech, editor, playback, page)
}
