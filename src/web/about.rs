//! Above the canvas: a built-in scenario's title and what to watch, and why a file, a link
//! or kept work could not be opened.

use yew::prelude::*;

use super::app::use_editor;
use crate::explain::run::{problem, shared_banner};
use crate::studio::StudioAction;

#[component]
pub fn About() -> Html {
    let editor = use_editor();
    // Always the same element, hidden when empty: a component whose root changes between
    // nothing and an element trips yew's sibling bookkeeping.
    let (title, watch) = editor.studio().heading().unwrap_or_default();
    let problems: Vec<String> = editor.studio().problems.iter().map(problem).collect();
    let shared = editor.studio().shared;
    let edit_copy = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| editor.send(StudioAction::EditCopy))
    };
    html! {
        <>
            <section class="about" aria-label="About this scenario" hidden={title.is_empty()}>
                <h2>{ title }</h2>
                <p title={watch.to_string()}>{ watch }</p>
            </section>
            <div class="shared-banner" hidden={!shared}>
                <p>{ shared_banner() }</p>
                <button type="button" onclick={edit_copy}>{ "Edit a copy" }</button>
            </div>
            <div class="problems" role="alert" hidden={problems.is_empty()}>
                { for problems.iter().map(|problem| html! { <p>{ problem.clone() }</p> }) }
            </div>
        </>
    }
}
