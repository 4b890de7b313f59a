//! The live route preview of the selected producer: where its next message would go, and
//! for each binding tried, whether it matched and why. The words are `explain::edit`'s.

use yew::prelude::*;

use super::app::use_editor;
use super::language::use_lang;
use crate::explain::edit::{preview_lines, preview_summary};

#[component]
pub fn RoutePreviewPanel() -> Html {
    let editor = use_editor();
    let lang = use_lang();
    let Some(preview) = editor.preview() else {
        return html! {
            <p class="muted route-preview-hint">{ lang.words().connect_producer_first() }</p>
        };
    };
    html! {
        <section class="route-preview" aria-label={lang.words().route_preview()} aria-live="polite">
            <h4>{ lang.words().where_the_next_message_goes() }</h4>
            <p class="route-summary">{ preview_summary(lang, &preview) }</p>
            <ul class="route-lines">
                { for preview_lines(lang, &preview).into_iter().map(|line| html! { <li>{ line }</li> }) }
            </ul>
        </section>
    }
}
