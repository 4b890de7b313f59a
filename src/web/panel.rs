//! The panel under the canvas: tabs for the event log, the sequence diagram and the charts
//! of the current run.

use yew::prelude::*;

use super::app::{use_editor, use_playback_frame};
use super::charts::Charts;
use super::event_log::EventLog;
use super::sequence_view::SequenceDiagram;
use crate::studio::{Panel, StudioAction};

const TABS: [(Panel, &str); 3] =
    [(Panel::Log, "Event log"), (Panel::Sequence, "Sequence diagram"), (Panel::Charts, "Charts")];

#[component]
pub fn RunPanel() -> Html {
    let editor = use_editor();
    use_playback_frame();
    let shown = editor.studio().panel;
    let tabs = TABS.iter().map(|(panel, name)| {
        let (editor, panel) = (editor.clone(), *panel);
        let onclick = Callback::from(move |_: MouseEvent| editor.send(StudioAction::ShowPanel(panel)));
        html! {
            <button type="button" role="tab" class="tab" aria-selected={(panel == shown).to_string()} {onclick}>
                { *name }
            </button>
        }
    });
    html! {
        <section class="run-panel" aria-label="Run">
            <div class="tabs" role="tablist" aria-label="Run views">{ for tabs }</div>
            <div class="tab-body" role="tabpanel">
                { match shown {
                    Panel::Log => html! { <EventLog /> },
                    Panel::Sequence => html! { <SequenceDiagram /> },
                    Panel::Charts => html! { <Charts /> },
                } }
            </div>
        </section>
    }
}
