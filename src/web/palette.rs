//! The palette: the kinds of node a learner can draw, grouped by vocabulary.
//!
//! Selecting a kind shows what it does in the inspector; the editor issue makes the same
//! items place nodes on the canvas.

use yew::prelude::*;

use super::app::use_ui;
use super::kinds::{Family, NodeKind};
use super::state::UiAction;

#[component]
pub fn Palette() -> Html {
    let ui = use_ui();
    let on_toggle = {
        let ui = ui.clone();
        Callback::from(move |kind| ui.dispatch(UiAction::ToggleKind(kind)))
    };
    let groups = Family::ALL.into_iter().map(|family| {
        let items = NodeKind::ALL.into_iter().filter(|kind| kind.family() == family);
        html! {
            <section class="palette-group" aria-label={family.label()}>
                <h3>{ family.label() }</h3>
                <ul>
                    { for items.map(|kind| html! {
                        <li key={kind.slug()}>
                            <PaletteItem {kind} selected={ui.selected_kind == Some(kind)}
                                on_toggle={on_toggle.clone()} />
                        </li>
                    }) }
                </ul>
            </section>
        }
    });
    html! {
        <aside class="palette" aria-label="Palette">
            <h2>{ "Palette" }</h2>
            <div class="palette-groups">{ for groups }</div>
        </aside>
    }
}

#[derive(Properties, PartialEq)]
pub struct PaletteItemProps {
    pub kind: NodeKind,
    pub selected: bool,
    pub on_toggle: Callback<NodeKind>,
}

#[component]
fn PaletteItem(props: &PaletteItemProps) -> Html {
    let kind = props.kind;
    let onclick = props.on_toggle.reform(move |_: MouseEvent| kind);
    html! {
        <button type="button" class={classes!("palette-item", format!("kind-{}", kind.slug()))}
            aria-pressed={props.selected.to_string()} {onclick}>
            <span class="kind-swatch" aria-hidden="true"></span>
            { kind.label() }
        </button>
    }
}
