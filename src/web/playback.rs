//! The playback bar: Play/Pause, Step, Step back, Reset, the speed, the timeline slider
//! over the whole run, the virtual clock and where playback is. While playing, a timer
//! sends the studio the wall time that passed (`Tick`); the studio decides what happens.
//! Paused, it has the studio compute a run still being computed, a slice a frame.

use gloo::timers::callback::Interval;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::app::{use_editor, use_playback_frame};
use super::language::use_lang;
use crate::explain::intervention::scripted;
use crate::explain::run::{clock, nothing_to_play, position};
use crate::studio::{SPEEDS, Studio, StudioAction};

// Icon outlines in a 16 by 16 box, drawn inline: symbol fonts vary too much between systems.
const STEP_BACK: &str = "M3 3h2v10H3zM13 3v10L6 8z";
const PLAY: &str = "M4 2.5v11L13.5 8z";
const PAUSE: &str = "M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z";
const STEP: &str = "M11 3h2v10h-2zM3 3v10l7-5z";
const RESET: &str = "M3 3h2v10H3zM14 3v10L9 8zM9 3v10L4 8z";
/// Wall milliseconds between playback ticks (about 60 a second).
const TICK_MS: u32 = 16;

/// While `playing`, sends a `Tick` with the wall time passed since the last one; while not
/// playing but the run is still `computing`, a `ComputeSlice` each frame until it is complete
/// (a playing run computes what it reaches itself).
#[hook]
pub fn use_playback_timer(playing: bool, computing: bool, studio: UseReducerDispatcher<Studio>) {
    use_effect_with((playing, computing), move |(playing, computing)| {
        let playing = *playing;
        let timer = (playing || *computing).then(|| {
            let mut last = js_sys::Date::now();
            Interval::new(TICK_MS, move || {
                if playing {
                    let now = js_sys::Date::now();
                    studio.dispatch(StudioAction::Tick(now - last));
                    last = now;
                } else {
                    studio.dispatch(StudioAction::ComputeSlice);
                }
            })
        });
        move || drop(timer)
    });
}

#[component]
pub fn Playback() -> Html {
    let editor = use_editor();
    use_playback_frame();
    let lang = use_lang();
    let words = lang.words();
    let studio = editor.studio();
    let run = studio.run();
    let (at, end, now, cut) = run
        .as_ref()
        .map_or((0, 0, 0, false), |run| (run.session.position(), run.end, studio.display_time as u64, run.cut));
    drop(run);
    let runs = studio.run().is_some();
    let send = |action: StudioAction| {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| editor.send(action.clone()))
    };
    let on_speed = {
        let editor = editor.clone();
        Callback::from(move |event: Event| {
            let index = event.target_unchecked_into::<HtmlSelectElement>().value().parse().unwrap_or(2);
            editor.send(StudioAction::SetSpeed(index));
        })
    };
    let on_seek = {
        let editor = editor.clone();
        Callback::from(move |event: InputEvent| {
            if let Ok(position) = event.target_unchecked_into::<HtmlInputElement>().value().parse() {
                editor.send(StudioAction::Seek(position));
            }
        })
    };
    let status = if runs { position(lang, at, end, cut) } else { nothing_to_play(lang, &studio.problems) };
    // Where each intervention happens, as a share of the timeline.
    let marks: Vec<(f64, String)> = studio
        .run()
        .map(|run| {
            run.doc
                .settings
                .script
                .iter()
                .map(|step| (run.position_at(step.at_ms) as f64 / run.end.max(1) as f64 * 100.0, scripted(lang, step)))
                .collect()
        })
        .unwrap_or_default();
    let (play_label, play_icon) = if studio.playing { (words.pause(), PAUSE) } else { (words.play(), PLAY) };
    html! {
        <div class="playback" role="toolbar" aria-label={words.playback()}>
            { playback_button(words.reset(), RESET, !runs || at == 0, send(StudioAction::Reset)) }
            { playback_button(words.step_back(), STEP_BACK, !runs || at == 0, send(StudioAction::StepBack)) }
            { playback_button(play_label, play_icon, !runs, send(StudioAction::TogglePlay)) }
            { playback_button(words.step(), STEP, !runs || at >= end, send(StudioAction::Step)) }
            <div class="speed">
                <label for="playback-speed">{ words.speed() }</label>
                <select id="playback-speed" onchange={on_speed} disabled={!runs}>
                    { for SPEEDS.iter().enumerate().map(|(idx, speed)| html! {
                        <option value={idx.to_string()} selected={idx == studio.speed}>{ format!("{speed}x") }</option>
                    }) }
                </select>
            </div>
            <div class="timeline-track">
                <input class="timeline" type="range" aria-label={words.timeline()} min="0" max={end.to_string()}
                    value={at.to_string()} disabled={!runs} oninput={on_seek} />
                <ul class="timeline-marks" aria-label={words.timeline_marks()}>
                    { for marks.into_iter().map(|(left, name)| html! {
                        <li class="timeline-mark" style={format!("left: {left:.2}%")} title={name.clone()} aria-label={name}></li>
                    }) }
                </ul>
            </div>
            <output class="clock" aria-label={words.virtual_time()}>{ clock(lang, now) }</output>
            <p class="playback-status muted">{ status }</p>
        </div>
    }
}

/// A button of the bar: an icon, with its label beside it on wide screens. A plain function
/// rather than a component: a component costs about a kilobyte of wasm of its own.
fn playback_button(label: String, icon: &'static str, disabled: bool, onclick: Callback<MouseEvent>) -> Html {
    html! {
        <button type="button" class="playback-button" {disabled} title={label.clone()} aria-label={label.clone()} {onclick}>
            <svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <path d={icon} />
            </svg>
            <span class="label" aria-hidden="true">{ label }</span>
        </button>
    }
}
