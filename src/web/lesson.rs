//! The region named "Lesson" beside the canvas: the lesson's title, "Step 2 of 7", Back and
//! Next, the caption; a question as a real form (a group named by the question, one checkbox
//! or radio per choice, Check answer) with the verdict and the engine's explanation in a live
//! status region that takes the focus; a task's goals as a list named "Goals", with Hint and
//! Show solution. What it shows comes from `studio::lesson`; the words from `explain::lesson`.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::app::use_editor;
use super::language::use_lang;
use crate::explain::lang::Lang;
use crate::explain::lesson::{choice, right_answer, verdict, why};
use crate::lesson::Step;
use crate::studio::StudioAction;
use crate::studio::lesson::{LessonAction, LessonView};

fn send(editor: &super::app::EditorContext, action: LessonAction) -> Callback<MouseEvent> {
    let editor = editor.clone();
    Callback::from(move |_: MouseEvent| editor.send(StudioAction::Lesson(action.clone())))
}

#[component]
pub fn LessonPanel() -> Html {
    let editor = use_editor();
    let lang = use_lang();
    let verdict_ref = use_node_ref();
    let checked = editor.studio().lesson.as_ref().and_then(|view| view.right);
    {
        // After Check answer the focus moves to the verdict, so a screen reader reads it.
        let verdict_ref = verdict_ref.clone();
        use_effect_with(checked, move |checked| {
            if checked.is_some()
                && let Some(element) = verdict_ref.cast::<web_sys::HtmlElement>()
            {
                let _ = element.focus();
            }
        });
    }
    let Some(view) = editor.studio().lesson.as_ref() else { return html! {} };
    let words = lang.words();
    let tag = lang.tag();
    let n_steps = view.lesson.steps.len() as u64;
    let last = view.step + 1 == view.lesson.steps.len();
    let body = match view.current() {
        Step::Say(say) => html! { <p class="lesson-text">{ say.text.get(tag) }</p> },
        Step::Predict(predict) => {
            question(&editor, lang, view, predict.question.get(tag), predict.after.get(tag), verdict_ref)
        }
        Step::Task(task) => {
            let goals = task.goals.iter().zip(&view.goals).map(|(goal, met)| {
                let status = if *met { words.goal_done() } else { words.goal_not_done() };
                html! {
                    <li class={classes!("goal", met.then_some("goal-done"))}>
                        <span aria-hidden="true">{ if *met { "✓ " } else { "○ " } }</span>
                        { goal.name.get(tag) }{ " — " }<span class="goal-status">{ status }</span>
                    </li>
                }
            });
            let hints =
                task.hints.iter().take(view.hints).map(|hint| html! { <p class="lesson-hint">{ hint.get(tag) }</p> });
            let done = if view.task_done() && view.shown {
                words.task_shown()
            } else if view.task_done() {
                words.task_solved()
            } else {
                String::new()
            };
            html! {
                <>
                    <p class="lesson-text">{ task.text.get(tag) }</p>
                    <h4 id="lesson-goals">{ words.goals() }</h4>
                    <ul class="goals" aria-labelledby="lesson-goals">{ for goals }</ul>
                    <p class="lesson-verdict" role="status">{ done }</p>
                    { for hints }
                    <div class="lesson-buttons">
                        <button type="button" onclick={send(&editor, LessonAction::Hint)}
                            disabled={view.hints >= task.hints.len()}>{ words.hint() }</button>
                        <button type="button" onclick={send(&editor, LessonAction::ShowSolution)}
                            disabled={view.task_done()}>{ words.show_solution() }</button>
                    </div>
                    <p class="muted lesson-edits">{ words.edits_used(view.edits, task.solution.len() as u64) }</p>
                </>
            }
        }
    };
    html! {
        <section class="lesson" aria-label={words.lesson_region()}>
            <h2>{ words.lesson_region() }</h2>
            <h3 id="lesson-title">{ view.lesson.title.get(tag) }</h3>
            <p class="muted">{ words.step_of(view.step as u64 + 1, n_steps) }</p>
            { body }
            <div class="lesson-nav">
                <button type="button" onclick={send(&editor, LessonAction::Back)} disabled={view.step == 0}>{ words.back() }</button>
                <button type="button" onclick={send(&editor, LessonAction::Next)}>
                    { if last { words.finish() } else { words.next() } }
                </button>
                <button type="button" onclick={send(&editor, LessonAction::Leave)}>{ words.leave_lesson() }</button>
            </div>
        </section>
    }
}

/// A predict step: the form, then (once checked) the verdict, the answer and why.
fn question(
    editor: &super::app::EditorContext,
    lang: Lang,
    view: &LessonView,
    text: &str,
    after: &str,
    verdict_ref: NodeRef,
) -> Html {
    let words = lang.words();
    let Some(oracle) = view.oracle.as_deref() else {
        return html! { <p class="lesson-text">{ text.to_string() }</p> };
    };
    let locked = view.right.is_some();
    let inputs = if oracle.numeric {
        let onchange = {
            let editor = editor.clone();
            Callback::from(move |event: Event| {
                let value = event.target_unchecked_into::<HtmlInputElement>().value();
                editor.send(StudioAction::Lesson(LessonAction::Number(value.trim().parse().ok())));
            })
        };
        html! {
            <label class="lesson-number">{ words.your_number() }
                <input type="number" min="0" inputmode="numeric" disabled={locked} {onchange}
                    value={view.number.map(|number| number.to_string()).unwrap_or_default()} />
            </label>
        }
    } else {
        let kind = if oracle.multiple { "checkbox" } else { "radio" };
        html! {
            { for oracle.choices.iter().map(|each| {
                let on = view.chosen.contains(each);
                let onchange = {
                    let (editor, each) = (editor.clone(), each.clone());
                    Callback::from(move |_: Event| editor.send(StudioAction::Lesson(LessonAction::Choose(each.clone()))))
                };
                html! {
                    <label class="lesson-choice">
                        <input type={kind} name="lesson-choice" checked={on} disabled={locked} {onchange} />
                        { choice(lang, each) }
                    </label>
                }
            }) }
        }
    };
    let onsubmit = {
        let editor = editor.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            editor.send(StudioAction::Lesson(LessonAction::Check));
        })
    };
    let verdict_block = view.right.map(|right| {
        let lines = why(lang, oracle);
        html! {
            <>
                <p class={classes!("lesson-verdict", if right { "right" } else { "not-quite" })}>
                    <strong>{ verdict(lang, right) }</strong>{ " " }{ right_answer(lang, oracle) }
                </p>
                <ul class="lesson-why">{ for lines.into_iter().map(|line| html! { <li>{ line }</li> }) }</ul>
                if !after.is_empty() { <p class="lesson-text">{ after.to_string() }</p> }
            </>
        }
    });
    html! {
        <>
            <form class="lesson-question" {onsubmit}>
                <fieldset>
                    <legend>{ text.to_string() }</legend>
                    { inputs }
                </fieldset>
                <button type="submit" disabled={locked}>{ words.check_answer() }</button>
            </form>
            <div class="lesson-status" role="status" aria-live="polite" tabindex="-1" ref={verdict_ref}>
                { verdict_block.unwrap_or_default() }
            </div>
            // Outside the form, so that it is never taken for its submit button.
            if locked {
                <button type="button" onclick={send(editor, LessonAction::TryAgain)}>{ words.try_again() }</button>
            }
        </>
    }
}
