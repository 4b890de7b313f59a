//! The run as text: what a screen reader reads out at the moment shown (where playback is,
//! the last thing that happened, what is on the wire, each queue's depth and each client's
//! state), as data for the web app's "Run as text" region (T), which `explain` words.
//! Built from the same stage the canvas draws, so the two always agree.

use crate::editor::kinds::NodeKind;
use crate::sim::{Hop, TraceEntry};
use crate::studio::run::Run;
use crate::studio::stage::{Badge, stage};

/// Entries before the last step that are described too, so that the messages it speaks of
/// have their names (as Present's last lines of the log do).
const NAMING_ENTRIES: usize = 24;

/// A message on the wire, with the names of where it comes from and goes to.
#[derive(Debug, Clone, PartialEq)]
pub struct WireItem {
    pub hop: Hop,
    pub from: String,
    pub to: String,
}

/// A queue or a client and what it shows on the canvas.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeLine {
    pub name: String,
    pub kind: Option<NodeKind>,
    pub badge: Badge,
}

/// The run at one moment, for reading rather than looking.
#[derive(Debug, Clone, PartialEq)]
pub struct RunText<'a> {
    pub position: u64,
    pub end: u64,
    pub cut: bool,
    /// The entries of the last step, oldest first (empty at the start).
    pub last_step: &'a [TraceEntry],
    /// A few entries before it, which name the messages it speaks of.
    pub before: &'a [TraceEntry],
    pub wire: Vec<WireItem>,
    /// In reading order along the flow: the canvas's columns left to right, each top down.
    pub nodes: Vec<NodeLine>,
}

/// `run` at `display_time`, as text.
pub fn run_text(run: &Run, display_time: f64) -> RunText<'_> {
    let shown = run.trace_so_far();
    let start = match shown.last() {
        Some(last) => shown.iter().rposition(|entry| entry.step != last.step).map_or(0, |idx| idx + 1),
        None => shown.len(),
    };
    let (before, last_step) = shown.split_at(start);
    let before = &before[before.len().saturating_sub(NAMING_ENTRIES)..];
    let wire = run
        .session
        .world()
        .in_flight()
        .into_iter()
        .map(|hop| WireItem { hop: hop.clone(), from: run.name(hop.from), to: run.name(hop.to) })
        .collect();
    let mut badges = stage(run, display_time).badges;
    crate::engine::order::sort_by(&mut badges, |a, b| {
        a.rect.x.total_cmp(&b.rect.x).then(a.rect.y.total_cmp(&b.rect.y))
    });
    let nodes = badges
        .into_iter()
        .map(|badge| NodeLine { name: run.name(badge.place), kind: run.kind(badge.place), badge: badge.badge })
        .collect();
    RunText { position: run.session.position(), end: run.end, cut: run.cut, last_step, before, wire, nodes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::studio::{Studio, StudioAction};

    #[test]
    fn the_text_says_what_the_canvas_shows_at_each_step() {
        let mut studio = Studio::with_builtin("rpc-call");
        let run = studio.run().unwrap();
        let text = run_text(&run, studio.display_time);
        assert_eq!((text.position, text.last_step.len(), text.wire.len()), (0, 0, 0));
        let names: Vec<&str> = text.nodes.iter().map(|node| node.name.as_str()).collect();
        assert_eq!(names, ["conductor", "compute-host1", "compute-host2"], "the clients, along the flow");
        drop(run);
        // Step until a request is on the wire to the broker.
        let mut on_wire = None;
        for _ in 0..40 {
            studio = studio.apply(StudioAction::Step);
            let run = studio.run().unwrap();
            let text = run_text(&run, studio.display_time);
            assert!(!text.last_step.is_empty(), "every step says what happened");
            assert!(text.last_step.iter().all(|entry| entry.step == text.last_step[0].step), "one step's entries");
            if let Some(item) = text.wire.first() {
                on_wire = Some((item.from.clone(), item.hop.message));
                let queues: Vec<&str> = text
                    .nodes
                    .iter()
                    .filter(|node| matches!(node.badge, Badge::Queue { .. }))
                    .map(|node| node.name.as_str())
                    .collect();
                assert!(queues.contains(&"compute"), "the queues the servers declared: {queues:?}");
                let names: Vec<&str> = text.nodes.iter().map(|node| node.name.as_str()).collect();
                let at = |name: &str| names.iter().position(|each| *each == name).unwrap();
                assert!(
                    at("conductor") < at("compute") && at("compute") < at("compute-host1"),
                    "along the flow: {names:?}"
                );
                break;
            }
        }
        let (from, _) = on_wire.expect("the call goes on the wire");
        assert_eq!(from, "conductor");
    }
}
