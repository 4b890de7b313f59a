//! One inspector field, drawn by its shape: a text box, a multi-line box, a check box or a
//! row of radio buttons. Every change is sent at once; a refused value stays in the field
//! with the reason under it (and `aria-invalid`), and never reaches the engine.

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::language::use_lang;
use crate::editor::fields::{Field, Shape};
use crate::explain::fields::{choice_label, field_hint, field_label};

#[derive(Properties, PartialEq)]
pub struct FieldInputProps {
    pub field: Field,
    pub value: AttrValue,
    /// Why the value shown is refused.
    pub problem: Option<AttrValue>,
    pub on_change: Callback<(Field, String)>,
}

#[component]
pub fn FieldInput(props: &FieldInputProps) -> Html {
    let field = props.field;
    let lang = use_lang();
    let id = format!("field-{field:?}").to_ascii_lowercase();
    let problem_id = format!("{id}-problem");
    let send = props.on_change.reform(move |text: String| (field, text));
    let invalid = props.problem.is_some().to_string();
    let described = props.problem.as_ref().map(|_| problem_id.clone());
    // Always there (hidden when empty), so the control keeps its place and its focus.
    let problem = html! {
        <p class="field-problem" id={problem_id} hidden={props.problem.is_none()}>
            { props.problem.clone().unwrap_or_default() }
        </p>
    };
    let control = match field.shape() {
        Shape::Text => html! {
            <input type="text" {id} class="field-input" value={props.value.clone()} aria-invalid={invalid}
                aria-describedby={described} spellcheck="false" autocomplete="off"
                oninput={send.reform(|event: InputEvent| event.target_unchecked_into::<HtmlInputElement>().value())} />
        },
        Shape::Lines => html! {
            <textarea {id} class="field-input" rows="3" value={props.value.clone()} aria-invalid={invalid}
                aria-describedby={described} spellcheck="false"
                oninput={send.reform(|event: InputEvent| event.target_unchecked_into::<HtmlTextAreaElement>().value())} />
        },
        Shape::Check => {
            return html! {
                <div class="field field-check">
                    <label><input type="checkbox" checked={props.value == "true"}
                        onchange={send.reform(|event: Event| event.target_unchecked_into::<HtmlInputElement>().checked().to_string())} />
                        { field_label(lang, field) }</label>
                    { problem }
                </div>
            };
        }
        Shape::Choice(choices) => {
            let options = choices.iter().map(|value| {
                let onchange = send.reform(move |_: Event| value.to_string());
                html! { <label class="choice"><input type="radio" name={id.clone()} value={*value}
                checked={props.value == *value} {onchange} />{ choice_label(lang, value) }</label> }
            });
            return html! {
                <fieldset class="field field-choice">
                    <legend>{ field_label(lang, field) }</legend>
                    <div class="choices">{ for options }</div>
                    { problem }
                </fieldset>
            };
        }
    };
    html! {
        <div class="field">
            <label for={format!("field-{field:?}").to_ascii_lowercase()}>{ field_label(lang, field) }</label>
            { control }
            { problem }
            if let Some(hint) = field_hint(lang, field) {
                <p class="field-hint">{ hint }</p>
            }
        </div>
    }
}
