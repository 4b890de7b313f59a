//! A run's explained trace as text, exactly as `kaiten run NAME` prints it: a heading, what
//! to watch, one line per trace entry with its details, and a summary. The CLI writes it
//! and `tests/snapshots.rs` pins it for every built-in scenario, so both read the same words.

use std::io::Write;

use crate::explain::Describer;
use crate::explain::lang::Lang;
use crate::formats::scenario::Scenario;
use crate::sim::Session;
use crate::studio::Pick;

/// Text for a terminal: control characters (newlines, escape codes) in names and texts
/// from a file are shown escaped (`\n`, `\u{1b}`), so they cannot forge output lines or
/// drive the terminal.
pub fn escape_controls(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars()
        .map(|character| match character {
            '\n' => "\\n".to_string(),
            '\r' => "\\r".to_string(),
            '\t' => "\\t".to_string(),
            control if control.is_control() => control.escape_unicode().to_string(),
            other => other.to_string(),
        })
        .collect()
}

/// How far [`write_transcript`] runs a session: on while this says so and the run is not
/// finished (the CLI's `--until` and `--max-steps`).
pub type KeepGoing<'a> = &'a mut dyn FnMut(&Session) -> bool;

/// Runs `session` (a run of `scenario`, picked as `pick`, which decides whether its title is
/// said in the language's own words, with `seed`) on while `keep_going` says so, and writes
/// its explained trace in `lang`. Each step's entries are explained against the world right
/// after that step, so a routing decision is explained with the bindings it was made with
/// and a queue deleted later is still named.
pub fn write_transcript(
    out: &mut impl Write,
    lang: Lang,
    pick: &Pick,
    scenario: &Scenario,
    seed: u64,
    session: &mut Session,
    keep_going: KeepGoing<'_>,
) -> std::io::Result<()> {
    let w = lang.words();
    let (title, watch) = crate::explain::scenarios::heading(lang, pick, &scenario.title, &scenario.watch);
    writeln!(out, "{}", w.run_heading(&escape_controls(&scenario.name), &escape_controls(&title), seed))?;
    if !watch.is_empty() {
        writeln!(out, "{}", w.what_to_watch(&escape_controls(&watch)))?;
    }
    let mut describer = Describer::new(lang);
    let mut events = 0;
    let mut entries = Vec::new();
    while !session.is_finished() && keep_going(session) && session.advance_into(&mut entries) {
        for entry in entries.drain(..) {
            events += 1;
            let description = describer.describe(&entry, session.world());
            writeln!(out, "{:>7} ms  {}", entry.time, escape_controls(&description.sentence))?;
            for detail in description.details {
                writeln!(out, "{:>12}{}", "", escape_controls(&detail))?;
            }
        }
    }
    let [p50, p95, p99] = session.world().stats().latency_percentiles();
    let show = |value: Option<u64>| value.map_or_else(|| w.no_latency(), |ms| w.latency_ms(ms));
    let latency = w.latency(&show(p50), &show(p95), &show(p99));
    let (steps, time) = (session.position(), session.now());
    let summary = if session.is_finished() {
        w.summary_finished(events, steps, time, &latency)
    } else {
        w.summary_stopped(events, steps, time, &latency)
    };
    writeln!(out, "{summary}")
}

/// [`write_transcript`] into a string, run to the end or while `keep_going` says so.
pub fn transcript(
    lang: Lang,
    pick: &Pick,
    scenario: &Scenario,
    seed: u64,
    session: &mut Session,
    keep_going: KeepGoing<'_>,
) -> String {
    let mut bytes = Vec::new();
    write_transcript(&mut bytes, lang, pick, scenario, seed, session, keep_going)
        .expect("writing to a Vec cannot fail");
    String::from_utf8(bytes).expect("the transcript is UTF-8")
}
