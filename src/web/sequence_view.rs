//! The sequence diagram of the run so far: lifelines, one arrow per hop (the current step's
//! highlighted, the future not drawn), each arrow a button that seeks there; "Copy as
//! Mermaid" and "Download SVG".

use yew::prelude::*;

use super::app::{use_editor, use_playback_frame};
use super::dom::{copy_text, download};
use super::language::use_lang;
use crate::explain::label_words;
use crate::explain::run::kind_slug;
use crate::studio::StudioAction;
use crate::studio::sequence::{ARROWS_SHOWN, mermaid, sequence};

const COLUMN: f64 = 150.0;
const ROW: f64 = 26.0;
const TOP: f64 = 44.0;

#[component]
pub fn SequenceDiagram() -> Html {
    let editor = use_editor();
    use_playback_frame();
    let words = use_lang().words();
    let svg_ref = use_node_ref();
    let Some(run_ref) = editor.studio().run_ref() else {
        return html! { <section class="sequence" aria-label={words.sequence_diagram()}><p class="muted">{ words.nothing_has_run() }</p></section> };
    };
    let diagram = sequence(&run_ref.0.borrow(), ARROWS_SHOWN);
    let width = (diagram.lifelines.len().max(1) as f64) * COLUMN;
    let height = TOP + (diagram.arrows.len() as f64 + 1.0) * ROW;
    let x = |column: usize| COLUMN / 2.0 + column as f64 * COLUMN;
    let lifelines = diagram.lifelines.iter().enumerate().map(|(column, line)| {
        html! {
            <g class="lifeline">
                <text x={x(column).to_string()} y="18" text-anchor="middle">{ line.name.clone() }</text>
                <line x1={x(column).to_string()} y1="26" x2={x(column).to_string()} y2={height.to_string()} />
            </g>
        }
    });
    let arrows = diagram.arrows.iter().enumerate().map(|(row, arrow)| {
        let y = TOP + row as f64 * ROW + ROW / 2.0;
        let (from, to) = (x(arrow.from), x(arrow.to));
        let label = label_words(words, &arrow.label);
        let name = words.arrow_name(
            &label,
            &diagram.lifelines[arrow.from].name,
            &diagram.lifelines[arrow.to].name,
            arrow.arrow.departs,
        );
        let onclick = {
            let (editor, entry) = (editor.clone(), arrow.arrow.entry);
            Callback::from(move |_: MouseEvent| editor.send(StudioAction::SeekEntry(entry)))
        };
        let class = classes!("seq-arrow", format!("kind-{}", kind_slug(arrow.arrow.kind)), arrow.current.then_some("current"));
        html! {
            <g {class} role="button" aria-label={name} data-kind={kind_slug(arrow.arrow.kind)} {onclick}>
                <line x1={from.to_string()} y1={y.to_string()} x2={to.to_string()} y2={y.to_string()} marker-end="url(#seq-arrowhead)" />
                <text x={((from + to) / 2.0).to_string()} y={(y - 4.0).to_string()} text-anchor="middle">
                    { words.arrow_label(&label, arrow.arrow.departs) }
                </text>
            </g>
        }
    });
    // The whole diagram so far, made only when asked for.
    let copy = Callback::from(move |_: MouseEvent| {
        copy_text(&mermaid(&sequence(&run_ref.0.borrow(), usize::MAX), &|label| label_words(words, label)))
    });
    let download = {
        let svg_ref = svg_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(svg) = svg_ref.cast::<web_sys::Element>() {
                download("sequence.svg", "image/svg+xml", &svg.outer_html());
            }
        })
    };
    html! {
        <section class="sequence" aria-label={words.sequence_diagram()}>
            <div class="sequence-actions">
                <button type="button" onclick={copy}>{ words.copy_mermaid() }</button>
                <button type="button" onclick={download}>{ words.download_svg() }</button>
            </div>
            <div class="sequence-scroll" tabindex="0">
                <svg ref={svg_ref} xmlns="http://www.w3.org/2000/svg" role="img" aria-label={words.sequence_diagram()}
                    width={width.to_string()} height={height.to_string()} viewBox={format!("0 0 {width} {height}")}>
                    <defs>
                        <marker id="seq-arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto">
                            <path d="M0 1L10 5 0 9z" />
                        </marker>
                    </defs>
                    { for lifelines }
                    { for arrows }
                </svg>
            </div>
        </section>
    }
}
