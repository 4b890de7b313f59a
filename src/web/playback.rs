//! The playback bar: stepping and playing the simulation over virtual time.
//!
//! The controls are disabled until a topology exists to run; the simulator issue wires them
//! to the engine's session (the timer only dispatches ticks, the engine decides what happens).

use yew::prelude::*;

// Icon outlines in a 16 by 16 box, drawn inline: symbol fonts vary too much between systems.
const STEP_BACK: &str = "M3 3h2v10H3zM13 3v10L6 8z";
const PLAY: &str = "M4 2.5v11L13.5 8z";
const STEP: &str = "M11 3h2v10h-2zM3 3v10l7-5z";

#[component]
pub fn Playback() -> Html {
    html! {
        <div class="playback" role="toolbar" aria-label="Playback">
            <PlaybackButton label="Step back" icon={STEP_BACK} />
            <PlaybackButton label="Play" icon={PLAY} />
            <PlaybackButton label="Step" icon={STEP} />
            <output class="clock" aria-label="Virtual time">{ "0 ms" }</output>
            <p class="playback-status muted">{ "Draw a topology to run it." }</p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct PlaybackButtonProps {
    label: AttrValue,
    /// SVG path data for the icon.
    icon: &'static str,
}

#[component]
fn PlaybackButton(props: &PlaybackButtonProps) -> Html {
    html! {
        <button type="button" class="playback-button" disabled=true title={&props.label}>
            <svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <path d={props.icon} />
            </svg>
            <span class="label">{ &props.label }</span>
        </button>
    }
}
