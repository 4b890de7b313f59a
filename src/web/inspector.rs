//! The inspector: details of whatever is selected.

use yew::prelude::*;

use super::app::use_ui;
use super::kinds::NodeKind;

#[component]
pub fn Inspector() -> Html {
    let ui = use_ui();
    let body = match ui.selected_kind {
        Some(kind) => html! { <KindDetails {kind} /> },
        None => html! {
            <p class="muted">{ "Nothing is selected. Select something to see its details here." }</p>
        },
    };
    html! {
        <aside class="inspector" aria-label="Inspector">
            <h2>{ "Inspector" }</h2>
            { body }
        </aside>
    }
}

#[derive(Properties, PartialEq)]
pub struct KindDetailsProps {
    pub kind: NodeKind,
}

#[component]
fn KindDetails(props: &KindDetailsProps) -> Html {
    let kind = props.kind;
    html! {
        <section class={classes!("kind-details", format!("kind-{}", kind.slug()))} aria-label={kind.label()}>
            <h3><span class="kind-swatch" aria-hidden="true"></span>{ kind.label() }</h3>
            <p class="muted">{ kind.family().label() }</p>
            <p>{ kind.summary() }</p>
        </section>
    }
}
