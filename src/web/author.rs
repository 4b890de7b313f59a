//! "Make a lesson from this canvas" (in the lesson list): a dialog over the draft of
//! `studio::author`: the lesson's name and title, its captions, a question (a producer of the
//! canvas and a routing key, with the engine's answer shown as they change), a "fix this"
//! task (a binding taken away for the learner to put back, goals ticked from a list), what
//! `kaiten lesson check` says of it, and Try, Save lesson file.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::app::{EditorContext, use_editor};
use super::dom::download;
use super::language::use_lang;
use crate::explain::lang::Lang;
use crate::explain::lesson::report;
use crate::explain::problem;
use crate::studio::StudioAction;
use crate::studio::author::{AuthorAction, GoalPick};

/// The action that opens a draft in the page's language, with its default words.
pub fn open(lang: Lang) -> AuthorAction {
    let w = lang.words();
    AuthorAction::Open {
        lang: lang.tag().to_string(),
        question: w.draft_question(),
        task: w.draft_task(),
        goal_names: vec![w.draft_goal_routed(), w.draft_goal_no_loss(), w.draft_goal_no_drops()],
    }
}

fn on_text(editor: &EditorContext, make: fn(String) -> AuthorAction) -> Callback<InputEvent> {
    let editor = editor.clone();
    Callback::from(move |event: InputEvent| {
        let value = match event.target_dyn_into::<HtmlTextAreaElement>() {
            Some(area) => area.value(),
            None => event.target_unchecked_into::<HtmlInputElement>().value(),
        };
        editor.send(StudioAction::Author(make(value)));
    })
}

fn send(editor: &EditorContext, action: AuthorAction) -> Callback<MouseEvent> {
    let editor = editor.clone();
    Callback::from(move |_: MouseEvent| editor.send(StudioAction::Author(action.clone())))
}

#[component]
pub fn LessonMaker() -> Html {
    let editor = use_editor();
    let lang = use_lang();
    let w = lang.words();
    let studio = editor.studio();
    let Some(draft) = studio.draft.clone() else { return html! {} };
    let producers = studio.draft_producers();
    let bindings = studio.draft_bindings();
    let answer = studio.draft_answer();
    let verdict = match studio.draft_check() {
        // A draft is written in one language: its missing translations are not news.
        Ok(checked) => {
            report(lang, &draft.name, &crate::lesson::check::Report { untranslated: Vec::new(), ..checked }).join(" ")
        }
        Err(problems) => problems.iter().map(|diagnostic| problem(lang, diagnostic)).collect::<Vec<_>>().join("; "),
    };
    let captions = draft.captions.iter().enumerate().map(|(idx, caption)| {
        let oninput = {
            let editor = editor.clone();
            Callback::from(move |event: InputEvent| {
                let text = event.target_unchecked_into::<HtmlTextAreaElement>().value();
                editor.send(StudioAction::Author(AuthorAction::Caption(idx, text)));
            })
        };
        let label = w.draft_caption(idx as u64 + 1);
        html! {
            <div class="draft-caption">
                <textarea aria-label={label.clone()} value={caption.clone()} {oninput} rows="2" />
                <button type="button" onclick={send(&editor, AuthorAction::RemoveCaption(idx))}
                    aria-label={w.draft_remove_caption(idx as u64 + 1)}>{ w.remove() }</button>
            </div>
        }
    });
    let on_producer = {
        let editor = editor.clone();
        Callback::from(move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            editor.send(StudioAction::Author(AuthorAction::Producer((!value.is_empty()).then_some(value))));
        })
    };
    let on_broken = {
        let editor = editor.clone();
        Callback::from(move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            editor.send(StudioAction::Author(AuthorAction::Broken(value.parse().ok())));
        })
    };
    let broken_at = draft.broken.as_ref().and_then(|broken| bindings.iter().position(|binding| binding == broken));
    let goals = GoalPick::ALL.iter().zip(&draft.goal_names).map(|(goal, name)| {
        let goal = *goal;
        let editor = editor.clone();
        let on = draft.goals.contains(&goal);
        let onchange = Callback::from(move |event: Event| {
            let checked = event.target_unchecked_into::<HtmlInputElement>().checked();
            editor.send(StudioAction::Author(AuthorAction::Goal(goal, checked)));
        });
        html! { <label class="draft-goal"><input type="checkbox" checked={on} {onchange} />{ name.clone() }</label> }
    });
    let save = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(file) = editor.studio().draft_file() {
                let name =
                    format!("{}.json", editor.studio().draft.as_ref().map_or("lesson", |draft| draft.name.as_str()));
                download(&name, "application/json", &serde_json::to_string_pretty(&file).unwrap_or_default());
            }
        })
    };
    let onkeydown = {
        let editor = editor.clone();
        Callback::from(move |event: KeyboardEvent| {
            event.stop_propagation();
            if event.key() == "Escape" {
                editor.send(StudioAction::Author(AuthorAction::Close));
            }
        })
    };
    let answer = match answer {
        Some(queues) if queues.is_empty() => w.draft_answer_none(),
        Some(queues) => w.draft_answer(&queues.iter().map(|queue| w.quoted(queue)).collect::<Vec<_>>().join(", ")),
        None => String::new(),
    };
    html! {
        <div class="dialog-backdrop">
            <div class="dialog lesson-maker" role="dialog" aria-modal="true" aria-labelledby="lesson-maker-title" {onkeydown}>
                <div class="lesson-list-head">
                    <h2 id="lesson-maker-title">{ w.make_lesson() }</h2>
                    <button type="button" onclick={send(&editor, AuthorAction::Close)}>{ w.close() }</button>
                </div>
                <label class="field">{ w.draft_name() }
                    <input type="text" value={draft.name.clone()} oninput={on_text(&editor, AuthorAction::Name)} /></label>
                <label class="field">{ w.draft_title() }
                    <input type="text" value={draft.title.clone()} oninput={on_text(&editor, AuthorAction::Title)} /></label>
                <fieldset>
                    <legend>{ w.draft_captions() }</legend>
                    { for captions }
                    <button type="button" onclick={send(&editor, AuthorAction::AddCaption)}>{ w.draft_add_caption() }</button>
                </fieldset>
                <fieldset>
                    <legend>{ w.draft_question_legend() }</legend>
                    <label class="field" for="draft-producer">{ w.draft_producer() }</label>
                        <select id="draft-producer" onchange={on_producer}>
                            <option value="" selected={draft.producer.is_none()}>{ w.draft_no_question() }</option>
                            { for producers.iter().map(|name| html! {
                                <option value={name.clone()} selected={draft.producer.as_deref() == Some(name.as_str())}>{ name.clone() }</option>
                            }) }
                        </select>
                    <label class="field">{ w.draft_routing_key() }
                        <input type="text" value={draft.routing_key.clone()} oninput={on_text(&editor, AuthorAction::RoutingKey)} /></label>
                    <label class="field">{ w.draft_question_words() }
                        <input type="text" value={draft.question.clone()} oninput={on_text(&editor, AuthorAction::Question)} /></label>
                    <p class="draft-answer" role="status">{ answer }</p>
                </fieldset>
                <fieldset>
                    <legend>{ w.draft_task_legend() }</legend>
                    <label class="field" for="draft-broken">{ w.draft_broken() }</label>
                        <select id="draft-broken" onchange={on_broken}>
                            <option value="" selected={broken_at.is_none()}>{ w.draft_no_task() }</option>
                            { for bindings.iter().enumerate().map(|(idx, binding)| html! {
                                <option value={idx.to_string()} selected={broken_at == Some(idx)}>
                                    { format!("{} -> {} ({})", binding.source, binding.destination, w.quoted(&binding.routing_key)) }
                                </option>
                            }) }
                        </select>
                    <label class="field">{ w.draft_task_words() }
                        <input type="text" value={draft.task.clone()} oninput={on_text(&editor, AuthorAction::Task)} /></label>
                    <div role="group" aria-label={w.goals()}>{ for goals }</div>
                </fieldset>
                <p class="draft-check" role="status" aria-label={w.draft_check()}>{ verdict }</p>
                <div class="dialog-buttons">
                    <button type="button" class="primary" onclick={send(&editor, AuthorAction::Try)}>{ w.draft_try() }</button>
                    <button type="button" onclick={save}>{ w.draft_save() }</button>
                </div>
            </div>
        </div>
    }
}
