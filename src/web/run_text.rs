//! The run as text (T): a region in the inspector's column that says in words what the
//! canvas shows at the moment on screen: where playback is and what the last step did (a
//! polite live region while paused, so each Step is read out), what is on the wire, and each
//! queue's and client's state. Focus moves to it when it opens; T or Escape hides it.

use web_sys::HtmlElement;
use yew::prelude::*;

use super::app::{use_editor, use_playback_frame};
use super::language::use_lang;
use crate::explain::run::{nothing_to_play, run_text};
use crate::studio::StudioAction;
use crate::studio::text_view;

#[component]
pub fn RunTextView() -> Html {
    let editor = use_editor();
    use_playback_frame();
    let lang = use_lang();
    let region = use_node_ref();
    let studio = editor.studio();
    let shown = studio.text_view;
    {
        let region = region.clone();
        use_effect_with(shown, move |shown| {
            if let Some(element) = region.cast::<HtmlElement>().filter(|_| *shown) {
                let _ = element.focus();
            }
        });
    }
    if !shown {
        return html! {};
    }
    let words = lang.words();
    let hide = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| editor.send(StudioAction::ToggleTextView))
    };
    let list = |lines: Vec<String>, empty: String| match lines.is_empty() {
        true => html! { <p class="muted">{ empty }</p> },
        false => html! { <ul>{ for lines.into_iter().map(|line| html! { <li>{ line }</li> }) }</ul> },
    };
    let body = match studio.run() {
        None => html! { <p>{ nothing_to_play(lang, &studio.problems) }</p> },
        Some(run) => {
            let text = text_view::run_text(&run, studio.display_time);
            let said = run_text(lang, &text, studio.display_time as u64, run.session.world());
            // Read out on each step while paused; while playing it would never stop talking.
            let live = if studio.playing { "off" } else { "polite" };
            html! {
                <>
                    <div class="run-text-now" aria-live={live}>
                        <p><strong>{ said.moment }</strong></p>
                        <h3>{ words.run_text_last() }</h3>
                        { list(said.last, words.run_text_nothing_yet()) }
                    </div>
                    <h3>{ words.run_text_wire() }</h3>
                    { list(said.wire, words.run_text_wire_empty()) }
                    <h3>{ words.run_text_nodes() }</h3>
                    { list(said.nodes, String::new()) }
                </>
            }
        }
    };
    html! {
        <section class="run-text" aria-label={words.run_as_text()} tabindex="-1" ref={region}>
            <h2>{ words.run_as_text() }</h2>
            { body }
            <button type="button" onclick={hide} title="T">{ words.close() }</button>
        </section>
    }
}
