//! The header's "Lessons" button and the lesson list it opens (the built-in curriculum by
//! part, each lesson with its state; the topic drill by difficulty; Export and Import
//! progress), and the first-visit offer of the first lesson. Dialogs within the page, as
//! "New" is; Escape closes them.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::app::{EditorContext, use_editor};
use super::dom::{download, read_file};
use super::language::use_lang;
use crate::explain::lang::Lang;
use crate::explain::lesson::part;
use crate::lesson::Part;
use crate::lesson::drill::Difficulty;
use crate::studio::StudioAction;
use crate::studio::lesson::{LessonAction, LessonState};

fn send(editor: &EditorContext, action: LessonAction) -> Callback<MouseEvent> {
    let editor = editor.clone();
    Callback::from(move |_: MouseEvent| editor.send(StudioAction::Lesson(action.clone())))
}

/// Closes a dialog on Escape and keeps its keys from the canvas's shortcuts.
fn dialog_keys(editor: &EditorContext, close: LessonAction) -> Callback<KeyboardEvent> {
    let editor = editor.clone();
    Callback::from(move |event: KeyboardEvent| {
        event.stop_propagation();
        if event.key() == "Escape" {
            editor.send(StudioAction::Lesson(close.clone()));
        }
    })
}

fn state_words(lang: Lang, state: Option<LessonState>) -> String {
    let w = lang.words();
    match state {
        None => w.state_not_started(),
        Some(LessonState::Started) => w.state_started(),
        Some(LessonState::Shown) => w.state_shown(),
        Some(LessonState::Solved) => w.state_solved(),
    }
}

fn difficulty_words(lang: Lang, difficulty: Difficulty) -> String {
    let w = lang.words();
    match difficulty {
        Difficulty::Easy => w.difficulty_easy(),
        Difficulty::Medium => w.difficulty_medium(),
        Difficulty::Hard => w.difficulty_hard(),
    }
}

/// A fresh seed per drill attempt: the browser's random numbers pick which question comes,
/// the engine then answers it deterministically.
fn drill_seed() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64
}

#[component]
pub fn LessonsButton() -> Html {
    let editor = use_editor();
    let words = use_lang().words();
    let open = editor.studio().lessons_open;
    html! {
        <button type="button" class="lessons-button" aria-expanded={open.to_string()}
            onclick={send(&editor, LessonAction::ShowList(!open))}>{ words.lessons() }</button>
    }
}

#[component]
pub fn LessonList() -> Html {
    let editor = use_editor();
    let lang = use_lang();
    let close_ref = use_node_ref();
    let open = editor.studio().lessons_open;
    {
        let close_ref = close_ref.clone();
        use_effect_with(open, move |open| {
            if *open && let Some(button) = close_ref.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    if !open {
        return html! {};
    }
    let words = lang.words();
    let tag = lang.tag();
    let progress = &editor.studio().progress;
    let groups = Part::ALL.into_iter().map(|each| {
        let items = crate::lesson::LISTED.iter().filter(|lesson| lesson.part == each).map(|lesson| {
            let state = progress.get(lesson.name).map(|progress| progress.state);
            let edits = progress.get(lesson.name).and_then(|progress| progress.fewest_edits);
            html! {
                <li>
                    <button type="button" class="lesson-item" onclick={send(&editor, LessonAction::Start(lesson.name.to_string()))}>
                        <span class="lesson-item-title">{ lesson.title(tag) }</span>
                        <span class={classes!("lesson-state", state.map(|_| "lesson-state-on"))}>
                            { state_words(lang, state) }
                            if let Some(edits) = edits { { " · " }{ words.fewest_edits(edits) } }
                        </span>
                    </button>
                </li>
            }
        });
        html! {
            <section class="lesson-part">
                <h3>{ part(lang, each) }</h3>
                <ul>{ for items }</ul>
            </section>
        }
    });
    let drills = Difficulty::ALL.map(|difficulty| {
        let editor = editor.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            editor.send(StudioAction::Lesson(LessonAction::Drill { difficulty, seed: drill_seed() }));
        });
        html! { <button type="button" {onclick}>{ difficulty_words(lang, difficulty) }</button> }
    });
    let make = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| {
            editor.send(StudioAction::Lesson(LessonAction::ShowList(false)));
            editor.send(StudioAction::Author(super::author::open(lang)));
        })
    };
    let export = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| {
            download("kaiten-progress.json", "application/json", &editor.studio().progress_file());
        })
    };
    let import = {
        let studio = editor.dispatcher();
        Callback::from(move |event: Event| {
            let input = event.target_unchecked_into::<HtmlInputElement>();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                let studio = studio.clone();
                read_file(file, move |_, bytes| {
                    studio.dispatch(StudioAction::ImportProgress(String::from_utf8_lossy(&bytes).into_owned()));
                });
            }
            input.set_value("");
        })
    };
    html! {
        <div class="dialog-backdrop">
            <div class="dialog lesson-list" role="dialog" aria-modal="true" aria-labelledby="lesson-list-title"
                onkeydown={dialog_keys(&editor, LessonAction::ShowList(false))}>
                <div class="lesson-list-head">
                    <h2 id="lesson-list-title">{ words.lesson_list() }</h2>
                    <button type="button" ref={close_ref} onclick={send(&editor, LessonAction::ShowList(false))}>{ words.close() }</button>
                </div>
                { for groups }
                <section class="lesson-part">
                    <h3>{ words.drill_title() }</h3>
                    <div class="lesson-buttons" role="group" aria-label={words.difficulty()}>{ for drills }</div>
                </section>
                <div class="lesson-buttons">
                    <button type="button" onclick={make}>{ words.make_lesson() }</button>
                    <button type="button" onclick={export}>{ words.export_progress() }</button>
                    <label class="file-open">{ words.import_progress() }
                        <input type="file" accept=".json,application/json" onchange={import} />
                    </label>
                </div>
            </div>
        </div>
    }
}

/// The first-visit offer: the first lesson, the lesson list, the scenarios.
#[component]
pub fn Welcome() -> Html {
    let editor = use_editor();
    let start_ref = use_node_ref();
    let shown = editor.studio().welcome;
    {
        let start_ref = start_ref.clone();
        use_effect_with(shown, move |shown| {
            if *shown && let Some(button) = start_ref.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    if !shown {
        return html! {};
    }
    let words = use_lang().words();
    let scenarios = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| {
            editor.send(StudioAction::Lesson(LessonAction::Dismiss));
            if let Some(picker) = gloo::utils::document().get_element_by_id("scenario-picker")
                && let Ok(picker) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(picker)
            {
                let _ = picker.focus();
            }
        })
    };
    html! {
        <div class="dialog-backdrop">
            <div class="dialog welcome" role="dialog" aria-modal="true" aria-labelledby="welcome-title"
                aria-describedby="welcome-text" onkeydown={dialog_keys(&editor, LessonAction::Dismiss)}>
                <h2 id="welcome-title">{ words.welcome_title() }</h2>
                <p id="welcome-text">{ words.welcome_text() }</p>
                <div class="dialog-buttons">
                    <button type="button" class="primary" ref={start_ref}
                        onclick={send(&editor, LessonAction::Start("message-bus".into()))}>{ words.start_here() }</button>
                    <button type="button" onclick={send(&editor, LessonAction::ShowList(true))}>{ words.welcome_lessons() }</button>
                    <button type="button" onclick={scenarios}>{ words.welcome_scenarios() }</button>
                    <button type="button" onclick={send(&editor, LessonAction::Dismiss)}>{ words.dismiss() }</button>
                </div>
            </div>
        </div>
    }
}
