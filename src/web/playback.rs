//! The playback bar: stepping and playing the simulation over virtual time.
//!
//! The controls are disabled until a topology exists to run; the simulator issue wires them
//! to the engine's session (the timer only dispatches ticks, the engine decides what happens).

use yew::prelude::*;

#[component]
pub fn Playback() -> Html {
    html! {
        <div class="playback" role="toolbar" aria-label="Playback">
            <PlaybackButton label="Step back" icon="⏮" />
            <PlaybackButton label="Play" icon="▶" />
            <PlaybackButton label="Step" icon="⏭" />
            <output class="clock" aria-label="Virtual time">{ "0 ms" }</output>
            <p class="playback-status muted">{ "Draw a topology to run it." }</p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct PlaybackButtonProps {
    label: AttrValue,
    icon: AttrValue,
}

#[component]
fn PlaybackButton(props: &PlaybackButtonProps) -> Html {
    html! {
        <button type="button" class="playback-button" disabled=true title={&props.label}>
            <span class="icon" aria-hidden="true">{ &props.icon }</span>
            <span class="label">{ &props.label }</span>
        </button>
    }
}
