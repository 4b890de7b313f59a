//! Above the canvas, for a built-in scenario: its title and what to watch.

use yew::prelude::*;

use super::app::use_editor;

#[component]
pub fn About() -> Html {
    let editor = use_editor();
    // Always the same element, hidden when empty: a component whose root changes between
    // nothing and an element trips yew's sibling bookkeeping.
    let (title, watch) = editor.studio().heading().unwrap_or_default();
    html! {
        <section class="about" aria-label="About this scenario" hidden={title.is_empty()}>
            <h2>{ title }</h2>
            <p title={watch.to_string()}>{ watch }</p>
        </section>
    }
}
