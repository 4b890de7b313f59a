//! What the canvas draws for the run on top of the document: the links the run made,
//! messages on the wire as tokens (one shape and colour per kind, so they read in grey too),
//! marks where a message was dropped or expired, and the legend. Tokens are images named
//! after their kind and label; clicking one inspects the message.

use yew::prelude::*;

use super::app::use_editor;
use super::interventions::{open_menu, start_long_press};
use super::language::use_lang;
use crate::explain::lang::Lang;
use crate::explain::run::{kind_name, kind_slug, message_label, token_name, tokens_on_the_wire};
use crate::sim::MessageKind;
use crate::studio::stage::{Stage, Token};
use crate::studio::{LEGEND, MenuTarget, StudioAction};

/// A token's outline as a relative path from its centre (so one path can hold many tokens:
/// `M x y` then the outline), about 14 units across.
pub fn token_shape(kind: MessageKind) -> &'static str {
    match kind {
        MessageKind::Plain => "m-6 0a6 6 0 1 0 12 0a6 6 0 1 0 -12 0z",
        MessageKind::Call => "m0 -8l8 8 -8 8 -8 -8z",
        MessageKind::Reply => "m-7 0a7 7 0 1 0 14 0a7 7 0 1 0 -14 0zm4 0a3 3 0 1 0 6 0a3 3 0 1 0 -6 0z",
        MessageKind::Cast => "m-6 -6h12v12h-12z",
        MessageKind::FanoutCast => "m0 -8l8 14h-16z",
        MessageKind::Notification => "m0 -8l2.4 5.6 5.6 0 -4.4 4 1.4 6.4 -5 -3.6 -5 3.6 1.4 -6.4 -4.4 -4 5.6 0z",
        MessageKind::DeadLettered => "m-7 -4l3 -3 4 4 4 -4 3 3 -4 4 4 4 -3 3 -4 -4 -4 4 -3 -3 4 -4z",
        MessageKind::Returned => "m-7 -5h10a5 5 0 0 1 0 10h-10zm4 -3l-5 3 5 3z",
        MessageKind::Settle => "m-3.5 0a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0 -7 0z",
    }
}

/// Above this many tokens, each kind's tokens are drawn as one path: a busy canvas stays
/// fast, at the cost of clicking a single token (the log and the sequence diagram still
/// reach every message).
const SEPARATE_TOKENS: usize = 40;

#[derive(Properties, PartialEq)]
pub struct RunLayerProps {
    pub stage: Stage,
    /// How much tokens are enlarged so they stay visible when the canvas is zoomed out.
    pub token_scale: f64,
}

#[component]
pub fn RunLayer(props: &RunLayerProps) -> Html {
    let stage = &props.stage;
    let lang = use_lang();
    let few = stage.tokens.len() <= SEPARATE_TOKENS;
    let (separate, batched): (&[Token], &[Token]) = if few { (&stage.tokens, &[]) } else { (&[], &stage.tokens) };
    html! {
        <g class="run-layer">
            { for stage.edges.iter().map(|edge| html! { <path class="edge run-edge" d={edge.curve.svg_path()} /> }) }
            // Both groups are always there (one of them empty), so switching between them
            // never swaps one kind of list for another.
            <g class="tokens">
                { for separate.iter().map(|token| html! { <TokenShape key={token.key.clone()} token={token.clone()} scale={props.token_scale} /> }) }
            </g>
            <g class="token-batches">{ for LEGEND.iter().map(|kind| token_batch(lang, batched, *kind)) }</g>
            { for stage.marks.iter().map(|mark| html! {
                <g class={classes!("mark", mark.expired.then_some("expired"))}
                    transform={format!("translate({} {})", mark.at.x, mark.at.y)} role="img"
                    aria-label={if mark.expired { lang.words().mark_expired() } else { lang.words().mark_dropped() }}>
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
    let lang = use_lang();
    let token = &props.token;
    let onclick = {
        let (editor, message) = (editor.clone(), token.message);
        Callback::from(move |event: MouseEvent| {
            event.stop_propagation();
            editor.send(StudioAction::Inspect(Some(message)));
        })
    };
    let oncontextmenu = {
        let (editor, message) = (editor.clone(), token.message);
        Callback::from(move |event: MouseEvent| {
            editor.send(StudioAction::Inspect(Some(message)));
            open_menu(&editor, &event, MenuTarget::Message(message));
        })
    };
    let onpointerdown = {
        let (editor, message) = (editor.clone(), token.message);
        Callback::from(move |event: PointerEvent| {
            event.stop_propagation();
            start_long_press(&editor, &event, MenuTarget::Message(message));
        })
    };
    let label = message_label(lang, &token.label, token.message);
    html! {
        <g class={format!("token kind-{}", kind_slug(token.kind))} data-kind={kind_slug(token.kind)} role="img"
            aria-label={token_name(lang, token.kind, &label)}
            transform={format!("translate({:.1} {:.1}) scale({:.2})", token.at.x, token.at.y, props.scale)} {onclick} {onpointerdown} {oncontextmenu}>
            <title>{ lang.words().token_title(&kind_name(lang, token.kind), &label) }</title>
            <path d={format!("M0 0{}", token_shape(token.kind))} />
        </g>
    }
}

/// Every token of one kind as one path, named by their count.
fn token_batch(lang: Lang, tokens: &[Token], kind: MessageKind) -> Html {
    let mut path = String::new();
    let mut count = 0;
    for token in tokens.iter().filter(|token| token.kind == kind) {
        path.push_str(&format!("M{:.1} {:.1}{}", token.at.x, token.at.y, token_shape(kind)));
        count += 1;
    }
    html! {
        <path class={format!("token token-batch kind-{}", kind_slug(kind))} data-kind={kind_slug(kind)} d={path}
            role={(count > 0).then_some("img")} aria-hidden={(count == 0).then_some("true")}
            aria-label={(count > 0).then(|| tokens_on_the_wire(lang, kind, count))} />
    }
}

/// The legend: each kind's shape and name (hidden, not removed, while nothing runs). A plain
/// function rather than a component: a component costs about a kilobyte of wasm of its own.
pub fn legend(lang: Lang, shown: bool) -> Html {
    let words = lang.words();
    html! {
        <ul class="legend" aria-label={words.legend()} hidden={!shown}>
            { for LEGEND.iter().map(|kind| html! {
                <li>
                    <svg viewBox="-9 -9 18 18" aria-hidden="true" focusable="false" class={format!("token kind-{}", kind_slug(*kind))}>
                        <path d={format!("M0 0{}", token_shape(*kind))} />
                    </svg>
                    { kind_name(lang, *kind) }
                </li>
            }) }
            <li>
                <svg viewBox="-9 -9 18 18" aria-hidden="true" focusable="false" class="mark"><path d="M-6 -6L6 6M6 -6L-6 6" /></svg>
                { words.dropped_or_expired() }
            </li>
        </ul>
    }
}
