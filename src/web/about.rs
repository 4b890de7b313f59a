//! Above the canvas: a built-in scenario's title and what to watch, what an opened file
//! keeps but does not simulate, and why a file, a link or kept work could not be opened.

use yew::prelude::*;

use super::app::use_editor;
use super::language::use_lang;
use crate::explain::scenarios::heading;
use crate::explain::{kept_notice, problem};
use crate::studio::StudioAction;

#[component]
pub fn About() -> Html {
    let editor = use_editor();
    let lang = use_lang();
    let words = lang.words();
    // Always the same element, hidden when empty: a component whose root changes between
    // nothing and an element trips yew's sibling bookkeeping.
    let (title, watch) = {
        let studio = editor.studio();
        studio.heading().map(|(title, watch)| heading(lang, &studio.pick, title, watch)).unwrap_or_default()
    };
    let problems: Vec<String> = editor.studio().problems.iter().map(|each| problem(lang, each)).collect();
    let not_simulated = editor.studio().not_simulated.as_ref().and_then(|kept| {
        kept_notice(lang, &kept.diagnostics).map(|notice| lang.words().problem_at(&kept.source, &notice))
    });
    let shared = editor.studio().shared;
    let edit_copy = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| editor.send(StudioAction::EditCopy))
    };
    html! {
        <>
            <section class="about" aria-label={words.about_scenario()} hidden={title.is_empty()}>
                <h2>{ title }</h2>
                <p title={watch.to_string()}>{ watch }</p>
            </section>
            <div class="shared-banner" hidden={!shared}>
                <p>{ words.shared_banner() }</p>
                <button type="button" onclick={edit_copy}>{ words.edit_copy() }</button>
            </div>
            <p class="not-simulated" role="status" hidden={not_simulated.is_none()}>
                { not_simulated.unwrap_or_default() }
            </p>
            <div class="problems" role="alert" hidden={problems.is_empty()}>
                { for problems.iter().map(|problem| html! { <p>{ problem.clone() }</p> }) }
            </div>
        </>
    }
}
