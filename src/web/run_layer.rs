//! What the canvas draws for the run on top of the document: the links the run made,
//! messages on the wire as tokens (one shape and colour per kind, so they read in grey too),
//! marks where a message was dropped or expired, and the legend. Tokens are images named
//! after their kind and label; clicking one inspects the message.

use yew::prelude::*;

use super::app::use_editor;
use crate::explain::run::{kind_name, kind_slug};
use crate::sim::MessageKind;
use crate::studio::stage::{Stage, Token};
use crate::studio::{LEGEND, StudioAction};

/// A token's outline, centred on the origin, about 14 units across.
pub fn token_shape(kind: MessageKind) -> &'static str {
    match kind {
        MessageKind::Plain => "M-6 0a6 6 0 1 0 12 0a6 6 0 1 0-12 0z",
        MessageKind::Call => "M0 -8L8 0 0 8-8 0z",
        MessageKind::Reply => "M-7 0a7 7 0 1 0 14 0a7 7 0 1 0-14 0zM-3 0a3 3 0 1 0 6 0a3 3 0 1 0-6 0z",
        MessageKind::Cast => "M-6 -6h12v12h-12z",
        MessageKind::FanoutCast => "M0 -8L8 6H-8z",
        MessageKind::Notification => "M0 -8L2.4 -2.4 8 -2.4 3.6 1.6 5 8 0 4.4-5 8-3.6 1.6-8 -2.4-2.4 -2.4z",
        MessageKind::DeadLettered => "M-7 -4L-4 -7 0 -3 4 -7 7 -4 3 0 7 4 4 7 0 3-4 7-7 4-3 0z",
        MessageKind::Returned => "M-7 -5h10a5 5 0 0 1 0 10h-10zM-3 -8l-5 3 5 3z",
        MessageKind::Settle => "M-3.5 0a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0-7 0z",
    }
}

#[derive(Properties, PartialEq)]
pub struct RunLayerProps {
    pub stage: Stage,
    /// How much tokens are enlarged so they stay visible when the canvas is zoomed out.
    pub token_scale: f64,
}

#[component]
pub fn RunLayer(props: &RunLayerProps) -> Html {
    let stage = &props.stage;
    html! {
        <g class="run-layer">
            { for stage.edges.iter().map(|edge| html! { <path class="edge run-edge" d={edge.curve.svg_path()} /> }) }
            { for stage.tokens.iter().map(|token| html! { <TokenShape token={token.clone()} scale={props.token_scale} /> }) }
            { for stage.marks.iter().map(|mark| html! {
                <g class={classes!("mark", mark.expired.then_some("expired"))}
                    transform={format!("translate({} {})", mark.at.x, mark.at.y)} role="img"
                    aria-label={if mark.expired { "expired" } else { "dropped" }}>
                    <path d="M-6 -6L6 6M6 -6L-6 6" />
                </g>
            }) }
        </g>
    }
}

#[derive(Properties, PartialEq)]
struct TokenProps {
    token: Token,
    scale: f64,
}

#[component]
fn TokenShape(props: &TokenProps) -> Html {
    let editor = use_editor();
    let token = &props.token;
    let onclick = {
        let message = token.message;
        Callback::from(move |event: MouseEvent| {
            event.stop_propagation();
            editor.send(StudioAction::Inspect(Some(message)));
        })
    };
    let onpointerdown = Callback::from(|event: PointerEvent| event.stop_propagation());
    let label = if token.label.is_empty() { format!("#{}", token.message.0) } else { token.label.clone() };
    html! {
        <g class={format!("token kind-{}", kind_slug(token.kind))} data-kind={kind_slug(token.kind)} role="img"
            aria-label={format!("{} {label}", kind_name(token.kind))}
            transform={format!("translate({:.1} {:.1}) scale({:.2})", token.at.x, token.at.y, props.scale)} {onclick} {onpointerdown}>
            <title>{ format!("{}: {label}", kind_name(token.kind)) }</title>
            <path d={token_shape(token.kind)} />
        </g>
    }
}

#[derive(Properties, PartialEq)]
pub struct LegendProps {
    pub shown: bool,
}

/// The legend: each kind's shape and name (hidden, not removed, while nothing runs).
#[component]
pub fn Legend(props: &LegendProps) -> Html {
    html! {
        <ul class="legend" aria-label="Legend" hidden={!props.shown}>
            { for LEGEND.iter().map(|kind| html! {
                <li>
                    <svg viewBox="-9 -9 18 18" aria-hidden="true" focusable="false" class={format!("token kind-{}", kind_slug(*kind))}>
                        <path d={token_shape(*kind)} />
                    </svg>
                    { kind_name(*kind) }
                </li>
            }) }
            <li>
                <svg viewBox="-9 -9 18 18" aria-hidden="true" focusable="false" class="mark"><path d="M-6 -6L6 6M6 -6L-6 6" /></svg>
                { "Dropped or expired" }
            </li>
        </ul>
    }
}
