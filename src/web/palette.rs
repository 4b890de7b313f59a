//! The palette: one button per node kind, grouped by vocabulary. Clicking (or Enter, or a
//! tap) places a node in a free spot in view; dragging a button onto the canvas places the
//! node where it is dropped (see `palette_drag.rs`).

use yew::prelude::*;

use super::app::use_editor;
use super::dom::canvas_size;
use super::language::use_lang;
use super::palette_drag::use_palette_drag;
use crate::editor::{Action, Family, NodeKind};
use crate::explain::kinds::{add_label, kind_label, palette_label, summary};

#[component]
pub fn Palette() -> Html {
    let words = use_lang().words();
    let groups = Family::ALL.into_iter().map(|family| {
        let items = NodeKind::ALL.into_iter().filter(|kind| kind.family() == family);
        html! {
            <section class="palette-group" aria-label={family.label()}>
                <h3>{ family.label() }</h3>
                <ul>
                    { for items.map(|kind| html! { <li key={kind.slug()}><PaletteItem {kind} /></li> }) }
                </ul>
            </section>
        }
    });
    html! {
        <aside class="palette" aria-label={words.palette()}>
            <h2>{ words.palette() }</h2>
            <div class="palette-groups">{ for groups }</div>
            <p class="palette-hint muted">{ words.palette_hint() }</p>
        </aside>
    }
}

#[derive(Properties, PartialEq)]
pub struct PaletteItemProps {
    pub kind: NodeKind,
}

#[component]
fn PaletteItem(props: &PaletteItemProps) -> Html {
    let kind = props.kind;
    let editor = use_editor();
    let lang = use_lang();
    let drag = use_palette_drag(kind, editor.dispatcher());
    let onclick = {
        let dragged = drag.dragged.clone();
        Callback::from(move |_: MouseEvent| {
            // The click that ends a drag has already placed the node where it was dropped.
            if dragged.replace(false) {
                return;
            }
            editor.dispatch(Action::AddNode { kind, at: None, canvas: canvas_size() });
        })
    };
    html! {
        <>
            <button type="button" class={classes!("palette-item", format!("kind-{}", kind.slug()))}
                aria-label={add_label(lang, kind)} title={summary(lang, kind)} {onclick}
                onpointerdown={drag.onpointerdown} onpointermove={drag.onpointermove}
                onpointerup={drag.onpointerup} onpointercancel={drag.onpointercancel}>
                <span class="kind-swatch" aria-hidden="true"></span>
                <span class="palette-label">{ palette_label(lang, kind) }</span>
            </button>
            if let Some(at) = drag.ghost {
                <div class={classes!("palette-ghost", format!("kind-{}", kind.slug()))}
                    style={format!("left: {}px; top: {}px", at.x, at.y)} aria-hidden="true">
                    <span class="kind-swatch"></span>{ kind_label(lang, kind) }
                </div>
            }
        </>
    }
}
