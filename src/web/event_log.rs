//! The event log: one line per trace entry up to the current position (the newest few
//! hundred that pass the filters), each a button that seeks there, with the engine's
//! explanation (binding by binding) behind "Why". The current line is marked and kept in
//! view. Sentences come from `explain`, described only for the lines listed. Present shows
//! the last two lines instead ([`PresentLog`]).

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::app::{use_editor, use_playback_frame};
use super::language::use_lang;
use crate::engine::BrokerEvent;
use crate::explain::Describer;
use crate::explain::lang::Lang;
use crate::explain::run::entry_kind_name;
use crate::sim::{Place, TraceEvent};
use crate::studio::log::log_lines_before;
use crate::studio::{EntryKind, LogFilter, RunRef, Studio, StudioAction};

/// Present's last two lines of the log, large under the playback bar, for the back row.
#[component]
pub fn PresentLog() -> Html {
    let editor = use_editor();
    use_playback_frame();
    let lang = use_lang();
    let Some(run) = editor.studio().run() else { return html! {} };
    let end = run.trace_end();
    // Earlier lines name the messages the last two speak of.
    let mut describer = Describer::new(lang);
    let lines: Vec<String> = (end.saturating_sub(24)..end)
        .filter_map(|idx| run.entry(idx))
        .map(|entry| describer.describe(entry, run.session.world()).sentence)
        .collect();
    let last = &lines[lines.len().saturating_sub(2)..];
    html! {
        <ol class="present-log" aria-label={lang.words().event_log()} aria-live="polite">
            { for last.iter().map(|line| html! { <li>{ line.clone() }</li> }) }
        </ol>
    }
}

#[component]
pub fn EventLog() -> Html {
    let editor = use_editor();
    use_playback_frame();
    let lang = use_lang();
    let throttle = use_mut_ref(|| (0_u64, 0.0_f64));
    let studio = editor.studio();
    let Some(run) = studio.run_ref() else {
        return html! { <section class="event-log" aria-label={lang.words().event_log()}><p class="muted">{ lang.words().nothing_has_run() }</p></section> };
    };
    let trace_end = shown_end(&throttle, run.0.borrow().trace_end(), studio.playing);
    let current = if studio.playing { trace_end.checked_sub(1) } else { studio.current_entry() };
    let places: Vec<(Place, String)> = {
        let run = run.0.borrow();
        run.involved.iter().map(|place| (*place, run.name(*place))).collect()
    };
    html! {
        <section class="event-log" aria-label={lang.words().event_log()}>
            <LogFilters filter={studio.filter} {places} {lang} />
            <LogLines {run} {trace_end} filter={studio.filter} {current}
                explained={studio.explained} studio={editor.dispatcher()} {lang} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct LogLinesProps {
    run: RunRef,
    /// With `run`, what the lines depend on: the lines re-render only when one changes, not
    /// on every playback frame.
    trace_end: u64,
    filter: LogFilter,
    current: Option<u64>,
    explained: Option<u64>,
    studio: UseReducerDispatcher<Studio>,
    lang: Lang,
}

#[component]
fn LogLines(props: &LogLinesProps) -> Html {
    let list = use_node_ref();
    {
        // Follow the current line: scroll the panel (not the page) so it is in view.
        let list = list.clone();
        use_effect_with((props.trace_end, props.current), move |_| follow_current(&list));
    }
    // The open explanation is worded against the world its entry happened in (the bindings
    // routing saw, which later declarations or deletions change), replayed once per line opened.
    let explained_world = use_memo((props.run.clone(), props.explained), |(run, explained)| {
        let run = run.0.borrow();
        explained.and_then(|idx| run.entry(idx)).map(|entry| run.session.world_at(entry.step))
    });
    let run = props.run.0.borrow();
    let lines = log_lines_before(&run, &props.filter, props.trace_end);
    let words = props.lang.words();
    let mut describer = Describer::new(props.lang);
    for idx in &lines {
        if let Some(message) = run.entry(*idx).and_then(|entry| entry.event.message())
            && let Some((_, label)) = run.messages.get(&message)
        {
            describer.remember(message, label.clone());
        }
    }
    let send = |action: StudioAction| {
        let studio = props.studio.clone();
        Callback::from(move |_: MouseEvent| studio.dispatch(action.clone()))
    };
    let items: Html = lines
        .iter()
        .filter_map(|idx| {
            let entry = run.entry(*idx)?;
            // A routing line is explained from its message's arrival (its routing key and
            // headers), which a filter or the window's start may have left out: read that first.
            if let TraceEvent::Broker(BrokerEvent::Routed { publish, .. } | BrokerEvent::Unroutable { publish, .. }) =
                &entry.event
                && let Some(arrival) = run.arrival_of(*publish)
            {
                describer.describe(arrival, run.session.world());
            }
            let open = props.explained == Some(*idx);
            let world = explained_world.as_ref().as_ref().filter(|_| open).unwrap_or(run.session.world());
            let description = describer.describe(entry, world);
            let why = (!description.details.is_empty()).then(|| send(StudioAction::ToggleExplanation(*idx)));
            let inspect = entry.event.message().map(|message| send(StudioAction::Inspect(Some(message))));
            let current = props.current == Some(*idx);
            let intervention = EntryKind::of(&entry.event) == EntryKind::Intervention;
            Some(html! {
                <li key={idx.to_string()} class={classes!("log-line", current.then_some("current"), intervention.then_some("intervention"))}
                    aria-current={current.then_some("step")}>
                    <button type="button" class="log-seek" onclick={send(StudioAction::SeekEntry(*idx))}>
                        <span class="log-time">{ words.log_time(entry.time) }</span>{ description.sentence.clone() }
                    </button>
                    if let Some(inspect) = inspect {
                        <button type="button" class="log-inspect" onclick={inspect} title={words.log_inspect()}>{ words.log_message() }</button>
                    }
                    if let Some(why) = why {
                        <button type="button" class="log-why" aria-expanded={open.to_string()} onclick={why}>{ words.log_why() }</button>
                    }
                    if open {
                        <ul class="log-details">{ for description.details.iter().map(|line| html! { <li>{ line.clone() }</li> }) }</ul>
                    }
                </li>
            })
        })
        .collect();
    html! { <ol class="log-lines" ref={list}>{ items }</ol> }
}

#[derive(Properties, PartialEq)]
struct LogFiltersProps {
    filter: LogFilter,
    places: Vec<(Place, String)>,
    lang: Lang,
}

#[component]
fn LogFilters(props: &LogFiltersProps) -> Html {
    let editor = use_editor();
    let filter = props.filter;
    let (lang, words) = (props.lang, props.lang.words());
    let on_kind = {
        let editor = editor.clone();
        Callback::from(move |event: Event| {
            let index: usize = event.target_unchecked_into::<HtmlSelectElement>().selected_index().max(0) as usize;
            let kind = index.checked_sub(1).and_then(|idx| EntryKind::ALL.get(idx).copied());
            editor.send(StudioAction::Filter(LogFilter { kind, ..filter }));
        })
    };
    let on_place = {
        let (editor, places) = (editor.clone(), props.places.clone());
        Callback::from(move |event: Event| {
            let index: usize = event.target_unchecked_into::<HtmlSelectElement>().selected_index().max(0) as usize;
            let place = index.checked_sub(1).and_then(|idx| places.get(idx)).map(|(place, _)| *place);
            editor.send(StudioAction::Filter(LogFilter { place, ..filter }));
        })
    };
    let clear_message = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| editor.send(StudioAction::Filter(LogFilter { message: None, ..filter })))
    };
    let only_message = editor.studio().inspected.map(|message| {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| {
            editor.send(StudioAction::Filter(LogFilter { message: Some(message), ..filter }))
        })
    });
    html! {
        <div class="log-filters">
            <label for="log-show">{ words.log_show() }</label>
                <select id="log-show" onchange={on_kind}>
                    <option selected={filter.kind.is_none()}>{ words.log_all() }</option>
                    { for EntryKind::ALL.iter().map(|kind| html! {
                        <option selected={filter.kind == Some(*kind)}>{ entry_kind_name(lang, *kind) }</option>
                    }) }
                </select>
            <label for="log-node">{ words.log_node() }</label>
                <select id="log-node" onchange={on_place}>
                    <option selected={filter.place.is_none()}>{ words.log_all_nodes() }</option>
                    { for props.places.iter().map(|(place, name)| html! {
                        <option selected={filter.place == Some(*place)}>{ name.clone() }</option>
                    }) }
                </select>
            if filter.message.is_some() {
                <button type="button" onclick={clear_message}>{ words.log_all_messages() }</button>
            } else if let Some(only) = only_message {
                <button type="button" onclick={only}>{ words.log_only_inspected() }</button>
            }
        </div>
    }
}

/// Scrolls the log's scrolling panel so that the current line is visible.
fn follow_current(list: &NodeRef) {
    use wasm_bindgen::JsCast;
    let Some(list) = list.cast::<web_sys::HtmlElement>() else { return };
    let Some(panel) =
        list.closest(".tab-body").ok().flatten().and_then(|panel| panel.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let current = list
        .query_selector(".log-line.current")
        .ok()
        .flatten()
        .and_then(|line| line.dyn_into::<web_sys::HtmlElement>().ok());
    let Some(line) = current.or_else(|| list.last_element_child().and_then(|line| line.dyn_into().ok())) else {
        return;
    };
    let (top, bottom) =
        (line.offset_top() - list.offset_top(), line.offset_top() - list.offset_top() + line.offset_height());
    let (view_top, view_height) = (panel.scroll_top(), panel.client_height());
    if top < view_top || bottom > view_top + view_height {
        panel.set_scroll_top((bottom - view_height + 8).max(0));
    }
}

/// Wall milliseconds between log refreshes while playing: a busy run adds entries every
/// frame, and re-rendering the log that often costs more than the rest of the page.
const LOG_REFRESH_MS: f64 = 250.0;

/// The end of the entries the log shows: the run's own when paused, refreshed at most every
/// [`LOG_REFRESH_MS`] while playing (and at once when the run goes back).
fn shown_end(throttle: &std::rc::Rc<std::cell::RefCell<(u64, f64)>>, trace_end: u64, playing: bool) -> u64 {
    let mut state = throttle.borrow_mut();
    let now = js_sys::Date::now();
    if !playing || trace_end < state.0 || now - state.1 >= LOG_REFRESH_MS {
        *state = (trace_end, now);
    }
    state.0
}
