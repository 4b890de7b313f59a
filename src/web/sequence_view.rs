//! The sequence diagram of the run so far: lifelines, one arrow per hop (the current step's
//! highlighted, the future not drawn), each arrow a button that seeks there; "Copy as
//! Mermaid" and "Download SVG".

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::app::use_editor;
use crate::explain::run::kind_slug;
use crate::studio::StudioAction;
use crate::studio::sequence::{mermaid, sequence};

const COLUMN: f64 = 150.0;
const ROW: f64 = 26.0;
const TOP: f64 = 44.0;

#[component]
pub fn SequenceDiagram() -> Html {
    let editor = use_editor();
    let svg_ref = use_node_ref();
    let Some(run) = editor.studio().run() else {
        return html! { <section class="sequence" aria-label="Sequence diagram"><p class="muted">{ "Nothing has run yet." }</p></section> };
    };
    let diagram = sequence(&run);
    drop(run);
    let text = mermaid(&diagram);
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
        let name = format!(
            "{}: {} → {} at {} ms",
            arrow.label,
            diagram.lifelines[arrow.from].name,
            diagram.lifelines[arrow.to].name,
            arrow.arrow.departs
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
                    { format!("{} ({} ms)", arrow.label, arrow.arrow.departs) }
                </text>
            </g>
        }
    });
    let copy = {
        let text = text.clone();
        Callback::from(move |_: MouseEvent| copy_text(&text))
    };
    let download = {
        let svg_ref = svg_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(svg) = svg_ref.cast::<web_sys::Element>() {
                download_svg(&svg.outer_html());
            }
        })
    };
    html! {
        <section class="sequence" aria-label="Sequence diagram">
            <div class="sequence-actions">
                <button type="button" onclick={copy}>{ "Copy as Mermaid" }</button>
                <button type="button" onclick={download}>{ "Download SVG" }</button>
            </div>
            <div class="sequence-scroll">
                <svg ref={svg_ref} xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Sequence diagram"
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

/// Puts text on the clipboard (and on `window.__lastCopied`, which tests read).
fn copy_text(text: &str) {
    let window = gloo::utils::window();
    let _ = js_sys::Reflect::set(&window, &"__lastCopied".into(), &text.into());
    let _ = window.navigator().clipboard().write_text(text);
}

/// Saves the diagram as `sequence.svg`.
fn download_svg(svg: &str) {
    let parts = js_sys::Array::of1(&svg.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let document = gloo::utils::document();
    if let Some(link) = document.create_element("a").ok().and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        link.set_href(&url);
        link.set_download("sequence.svg");
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
