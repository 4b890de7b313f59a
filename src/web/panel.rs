//! The panel under the canvas: tabs for the event log, the sequence diagram and the charts
//! of the current run.

use yew::prelude::*;

use super::app::{use_editor, use_playback_frame};
use super::charts::Charts;
use super::event_log::EventLog;
use super::language::use_lang;
use super::sequence_view::SequenceDiagram;
use crate::explain::lang::Lang;
use crate::studio::{Panel, StudioAction};

/// A panel's tab name.
fn tab_name(lang: Lang, panel: Panel) -> String {
    let words = lang.words();
    match panel {
        Panel::Log => words.event_log(),
        Panel::Sequence => words.sequence_diagram(),
        Panel::Charts => words.charts(),
    }
}

#[derive(Properties, PartialEq)]
pub struct RunPanelProps {
    /// The views it has tabs for (the embedded player's `panes`), every one by default.
    #[prop_or(vec![Panel::Log, Panel::Sequence, Panel::Charts])]
    pub panes: Vec<Panel>,
}

#[component]
pub fn RunPanel(props: &RunPanelProps) -> Html {
    let editor = use_editor();
    use_playback_frame();
    let lang = use_lang();
    let panes = &props.panes;
    let asked = editor.studio().panel;
    let shown = if panes.contains(&asked) { asked } else { panes.first().copied().unwrap_or(asked) };
    let tabs = panes.iter().copied().map(|panel| {
        let editor = editor.clone();
        let onclick = Callback::from(move |_: MouseEvent| editor.send(StudioAction::ShowPanel(panel)));
        html! {
            <button type="button" role="tab" class="tab" aria-selected={(panel == shown).to_string()} {onclick}>
                { tab_name(lang, panel) }
            </button>
        }
    });
    html! {
        <section class="run-panel" aria-label={lang.words().run()}>
            <div class="tabs" role="tablist" aria-label={lang.words().run_views()}>{ for tabs }</div>
            // Focusable, so that a keyboard can scroll a long log or a wide diagram.
            <div class="tab-body" role="tabpanel" tabindex="0">
                { match shown {
                    Panel::Log => html! { <EventLog /> },
                    Panel::Sequence => html! { <SequenceDiagram /> },
                    Panel::Charts => html! { <Charts /> },
                } }
            </div>
        </section>
    }
}
