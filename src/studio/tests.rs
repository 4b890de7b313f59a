//! Playback, scrubbing and editing while paused, driven through `Studio::apply` as the web
//! app drives it.

use super::stage::{Badge, ClientState, stage};
use super::*;
use crate::sim::{CallOutcome, Place, TraceEvent};

fn client_state(studio: &Studio, name: &str) -> (ClientState, Option<CallOutcome>) {
    let run = studio.run().expect("runs");
    let stage = stage(&run, studio.display_time);
    let place =
        (0..32).map(|idx| Place::Actor(crate::sim::ActorId(idx))).find(|place| run.name(*place) == name).unwrap();
    stage
        .badges
        .into_iter()
        .find_map(|badge| match badge.badge {
            Badge::Client { state, outcome, .. } if badge.place == place => Some((state, outcome)),
            _ => None,
        })
        .unwrap()
}

fn step_until(mut studio: Studio, mut done: impl FnMut(&Studio) -> bool) -> Studio {
    for _ in 0..10_000 {
        if done(&studio) {
            return studio;
        }
        studio = studio.apply(StudioAction::Step);
    }
    panic!("condition never met");
}

#[test]
fn rpc_call_blocks_the_caller_until_the_reply_brings_42() {
    let studio = Studio::with_builtin("rpc-call");
    assert_eq!(
        studio.heading().map(|(title, _)| title),
        Some("oslo.messaging RPC call: request, blocked caller, reply")
    );
    let studio =
        step_until(studio, |studio| matches!(client_state(studio, "conductor").0, ClientState::Blocked { .. }));
    let ClientState::Blocked { remaining_ms, .. } = client_state(&studio, "conductor").0 else { unreachable!() };
    assert!(remaining_ms <= 5000 && remaining_ms > 4000, "{remaining_ms}");
    let studio = step_until(studio, |studio| client_state(studio, "conductor").1.is_some());
    assert_eq!(
        client_state(&studio, "conductor").1,
        Some(CallOutcome::Returned { method: "add".into(), value: "42".into() })
    );
    let run = studio.run().unwrap();
    let kinds: Vec<MessageKind> =
        sequence::sequence(&run, sequence::ARROWS_SHOWN).arrows.iter().map(|arrow| arrow.arrow.kind).collect();
    assert!(kinds.contains(&MessageKind::Call) && kinds.contains(&MessageKind::Reply), "{kinds:?}");
    let text =
        sequence::mermaid(&sequence::sequence(&run, sequence::ARROWS_SHOWN), &|label| format!("{:?}", label.kind()));
    assert!(text.starts_with("sequenceDiagram\n") && text.contains("participant") && text.contains("->>"), "{text}");
    assert!(run.places.values().any(|place| place.name.starts_with("reply_")), "the reply queue is drawn");
    assert!(run.places.values().any(|place| place.name == "(default)"), "the default exchange is drawn");
}

#[test]
fn step_back_restores_exactly_the_previous_picture() {
    let mut studio = Studio::with_builtin("rpc-call");
    for _ in 0..12 {
        studio = studio.apply(StudioAction::Step);
    }
    let before = {
        let run = studio.run().unwrap();
        (stage(&run, studio.display_time), sequence::sequence(&run, sequence::ARROWS_SHOWN), run.trace_end())
    };
    let studio = studio.apply(StudioAction::Step).apply(StudioAction::StepBack);
    let run = studio.run().unwrap();
    assert_eq!(
        (stage(&run, studio.display_time), sequence::sequence(&run, sequence::ARROWS_SHOWN), run.trace_end()),
        before
    );
}

#[test]
fn a_cast_never_blocks_its_caller() {
    let mut studio = Studio::with_builtin("rpc-cast");
    let mut handled = false;
    while studio.run().unwrap().session.position() < studio.run().unwrap().end {
        assert!(!matches!(client_state(&studio, "scheduler").0, ClientState::Blocked { .. }));
        studio = studio.apply(StudioAction::Step);
        handled |= studio.run().unwrap().arrows_so_far().iter().any(|arrow| arrow.kind == MessageKind::Cast);
    }
    assert!(handled);
}

#[test]
fn a_call_nobody_answers_in_time_raises_messaging_timeout() {
    let studio = step_until(Studio::with_builtin("rpc-timeout"), |studio| client_state(studio, "caller").1.is_some());
    let outcome = client_state(&studio, "caller").1;
    assert!(
        matches!(&outcome, Some(CallOutcome::Raised { class, .. }) if class.ends_with("MessagingTimeout")),
        "{outcome:?}"
    );
}

#[test]
fn seeking_gives_the_same_picture_as_stepping() {
    let mut stepped = Studio::with_builtin("notifications");
    for _ in 0..20 {
        stepped = stepped.apply(StudioAction::Step);
    }
    let position = stepped.run().unwrap().session.position();
    let end = stepped.run().unwrap().end;
    let sought =
        Studio::with_builtin("notifications").apply(StudioAction::Seek(end)).apply(StudioAction::Seek(position));
    let (a, b) = (stepped.run().unwrap(), sought.run().unwrap());
    assert_eq!(stage(&a, stepped.display_time), stage(&b, sought.display_time));
    assert_eq!(a.trace_end(), b.trace_end());
}

#[test]
fn playing_moves_tokens_along_their_hop_and_stops_at_the_end() {
    let mut studio = Studio::with_builtin("rpc-call").apply(StudioAction::TogglePlay);
    assert!(studio.playing);
    let mut seen_token_move = false;
    let mut last: Option<(PublishId, f64)> = None;
    for _ in 0..20_000 {
        studio = studio.apply(StudioAction::Tick(16.0));
        let run = studio.run().unwrap();
        let stage = stage(&run, studio.display_time);
        if let (Some(token), Some((message, x))) = (stage.tokens.first(), last)
            && token.message == message
            && token.at.x != x
        {
            seen_token_move = true;
        }
        last = stage.tokens.first().map(|token| (token.message, token.at.x));
        drop(run);
        if !studio.playing {
            break;
        }
    }
    assert!(seen_token_move, "a token travels between frames");
    assert!(!studio.playing, "playing stops at the end");
    let run = studio.run().unwrap();
    assert_eq!(run.session.position(), run.end);
}

#[test]
fn an_edit_while_paused_reruns_at_the_same_time_and_undo_brings_the_old_run_back() {
    let mut studio = Studio::with_builtin("work-queues");
    for _ in 0..30 {
        studio = studio.apply(StudioAction::Step);
    }
    let (time, old_end) = (studio.run().unwrap().session.now(), studio.run().unwrap().end);
    let old_doc = studio.editor.doc.clone();
    let old_run = studio.run.clone().unwrap();
    // A new queue changes the topology, so the run is computed again.
    let canvas = crate::scene::geometry::Size::new(800.0, 600.0);
    studio =
        studio.apply(StudioAction::Edit(Action::AddNode { kind: crate::editor::NodeKind::Queue, at: None, canvas }));
    assert!(!Rc::ptr_eq(&old_run, studio.run.as_ref().unwrap()));
    assert!(!Rc::ptr_eq(&old_doc, &studio.editor.doc));
    let new_time = studio.run().unwrap().session.now();
    assert!(new_time <= time && new_time + 1000 >= time, "{new_time} vs {time}");
    studio = studio.apply(StudioAction::Edit(Action::Undo));
    assert!(Rc::ptr_eq(&studio.run().unwrap().doc, &studio.editor.doc));
    assert_eq!(studio.run().unwrap().session.now(), time);
    assert_eq!(studio.run().unwrap().end, old_end);
}

#[test]
fn the_log_filters_by_kind_node_and_message() {
    let mut studio = Studio::with_builtin("rpc-call");
    for _ in 0..40 {
        studio = studio.apply(StudioAction::Step);
    }
    let run = studio.run().unwrap();
    let all = log::log_lines(&run, &LogFilter::default());
    assert_eq!(all.len() as u64, run.trace_end().min(log::LOG_LINES as u64));
    let hops = log::log_lines(&run, &LogFilter { kind: Some(EntryKind::Hop), ..LogFilter::default() });
    assert!(!hops.is_empty() && hops.len() < all.len());
    assert!(hops.iter().all(|idx| matches!(run.entry(*idx).unwrap().event, TraceEvent::Hop(_))));
    let conductor = Place::Actor(crate::sim::ActorId(2));
    let mine = log::log_lines(&run, &LogFilter { place: Some(conductor), ..LogFilter::default() });
    assert!(mine.iter().all(|idx| log::entry_involves(&run.entry(*idx).unwrap().event, conductor)));
    let first = run.arrows_so_far()[0].message;
    let path = log::log_lines(&run, &LogFilter { message: Some(first), ..LogFilter::default() });
    assert!(path.len() >= 3, "publish, arrival, routing: {path:?}");
    assert!(path.windows(2).all(|pair| pair[0] < pair[1]), "each entry once, in order: {path:?}");
}

#[test]
fn step_back_undoes_step_at_every_position() {
    let mut studio = Studio::with_builtin("rpc-call");
    loop {
        let before = studio.run().unwrap().session.position();
        let picture = {
            let run = studio.run().unwrap();
            (stage(&run, studio.display_time), run.trace_end())
        };
        studio = studio.apply(StudioAction::Step);
        let after = studio.run().unwrap().session.position();
        if after == before {
            break;
        }
        studio = studio.apply(StudioAction::StepBack);
        let run = studio.run().unwrap();
        assert_eq!(run.session.position(), before, "Step {before} -> {after}, then Step back");
        assert_eq!((stage(&run, studio.display_time), run.trace_end()), picture);
        drop(run);
        studio = studio.apply(StudioAction::Step);
    }
}

#[test]
fn an_unknown_scenario_name_is_refused_with_the_known_ones_and_nothing_changes() {
    let studio = Studio::with_builtin("rpc-call");
    let doc = studio.editor.doc.clone();
    let studio = studio.apply(StudioAction::Pick(Pick::Builtin("rpc-cal".into())));
    assert!(Rc::ptr_eq(&doc, &studio.editor.doc));
    assert_eq!(studio.pick, Pick::Builtin("rpc-call".into()));
    let crate::formats::Problem::NoBuiltinScenarioOf { name, names } = &studio.problems[0].problem else {
        panic!("{:?}", studio.problems)
    };
    assert_eq!(name, "rpc-cal");
    assert!(names.iter().any(|known| known == "rpc-call"), "{names:?}");
}

#[test]
fn the_generated_load_opens_by_name() {
    let studio = Studio::with_builtin("load");
    let run = studio.run().unwrap();
    assert_eq!(run.doc.nodes().len(), 101, "one exchange, 40 queues, 20 producers, 40 consumers");
    assert!(run.end > 1000);
}

#[test]
fn dragging_a_node_keeps_the_run_and_its_position() {
    let mut studio = Studio::with_builtin("work-queues");
    for _ in 0..10 {
        studio = studio.apply(StudioAction::Step);
    }
    let before = (studio.run().unwrap().session.position(), studio.run.clone().unwrap());
    let queue =
        studio.editor.doc.nodes().into_iter().find(|node| matches!(node, crate::editor::NodeId::Queue(_))).unwrap();
    studio = studio
        .apply(StudioAction::Edit(Action::Select(crate::editor::Item::Node(queue))))
        .apply(StudioAction::Edit(Action::Nudge { dx: 40.0, dy: 0.0 }));
    assert!(Rc::ptr_eq(&before.1, studio.run.as_ref().unwrap()), "the same run, not a new simulation");
    assert_eq!(studio.run().unwrap().session.position(), before.0);
    assert!(Rc::ptr_eq(&studio.run().unwrap().doc, &studio.editor.doc));
    studio = studio.apply(StudioAction::Edit(Action::Undo));
    assert!(Rc::ptr_eq(&before.1, studio.run.as_ref().unwrap()));
}

#[test]
fn step_then_step_back_returns_even_from_a_position_that_shows_nothing() {
    let mut studio = Studio::with_builtin("rpc-call");
    for position in [3, 28, 29] {
        studio = studio.apply(StudioAction::Seek(position));
        let at = studio.run().unwrap().session.position();
        studio = studio.apply(StudioAction::Step).apply(StudioAction::StepBack);
        assert_eq!(studio.run().unwrap().session.position(), at);
    }
}

#[test]
fn my_topology_comes_back_after_a_built_in_scenario() {
    let canvas = crate::scene::geometry::Size::new(800.0, 600.0);
    let studio = Studio::default().apply(StudioAction::Edit(Action::AddNode {
        kind: crate::editor::NodeKind::Queue,
        at: None,
        canvas,
    }));
    let studio =
        studio.apply(StudioAction::Pick(Pick::Builtin("rpc-call".into()))).apply(StudioAction::Pick(Pick::MyTopology));
    assert_eq!(studio.editor.doc.nodes().len(), 1);
    assert!(studio.editor.doc.node_named("queue-1").is_some());
}

#[test]
fn a_stopped_server_shows_as_stopped() {
    let studio = Studio::with_builtin("rpc-long-call");
    let end = studio.run().unwrap().end;
    let studio = studio.apply(StudioAction::Seek(end));
    assert_eq!(client_state(&studio, "host2").0, ClientState::Stopped);
}

#[test]
fn crashing_both_servers_mid_call_forks_the_run_and_undo_brings_the_old_future_back() {
    let studio = Studio::with_builtin("rpc-call");
    let original = crate::sim::trace_digest(&studio.run().unwrap().trace);
    // Wait until the first request is with a server, being worked on.
    let studio = step_until(studio, |studio| {
        let run = studio.run().unwrap();
        run.session
            .world()
            .actors()
            .any(|(_, actor)| matches!(actor.status().state, crate::sim::ActorState::Busy { .. }))
    });
    let before = studio.run().unwrap().session.now();
    let studio = ["compute-host1", "compute-host2"]
        .into_iter()
        .fold(studio, |studio, name| studio.apply(StudioAction::Intervene(ScriptAction::StopActor(name.into()))));
    assert!(studio.run().unwrap().session.now() > before, "the run moved to the intervention");
    assert_eq!(studio.editor.doc.settings.script.len(), 2);
    let end = studio.run().unwrap().end;
    let studio = studio.apply(StudioAction::Seek(end));
    match client_state(&studio, "conductor").1 {
        Some(CallOutcome::Raised { class, .. }) => assert!(class.ends_with("MessagingTimeout"), "{class}"),
        other => panic!("the call should time out: {other:?}"),
    }
    let studio = studio.apply(StudioAction::Edit(Action::Undo)).apply(StudioAction::Edit(Action::Undo));
    assert!(studio.editor.doc.settings.script.is_empty());
    assert_eq!(crate::sim::trace_digest(&studio.run().unwrap().trace), original, "the old future, byte for byte");
    assert_eq!(studio.run().unwrap().session.now(), before, "back at the moment the first crash was made");
}

#[test]
fn the_run_view_offers_what_applies_to_a_node_and_a_message() {
    let studio = Studio::with_builtin("consumer-crash-before-ack");
    let studio = step_until(studio, |studio| !studio.run().unwrap().session.world().in_flight().is_empty());
    let run = studio.run().unwrap();
    let world = run.session.world();
    let worker = studio.editor.doc.node_named("worker-a").unwrap();
    let offered = intervene::for_item(&studio.editor.doc, world, crate::editor::Item::Node(worker));
    let keys: Vec<&str> = offered.iter().map(ScriptAction::key).collect();
    assert_eq!(keys, ["stop_actor", "restart_actor", "pause_actor", "slow_actor", "cut_off"]);
    let queue = studio.editor.doc.node_named("work").unwrap();
    let keys: Vec<&str> = intervene::for_item(&studio.editor.doc, world, crate::editor::Item::Node(queue))
        .iter()
        .map(ScriptAction::key)
        .collect();
    assert_eq!(keys, ["purge_queue", "delete_queue"]);
    let message = world.in_flight()[0].message;
    let keys: Vec<&str> = intervene::for_message(world, message).iter().map(ScriptAction::key).collect();
    assert_eq!(keys, ["drop_message", "duplicate_message"]);
}

#[test]
fn interventions_travel_in_the_scenario_file_and_the_share_link() {
    let studio = Studio::with_builtin("work-queues");
    let studio = step_until(studio, |studio| studio.run().unwrap().session.now() >= 100);
    let studio = studio.apply(StudioAction::Intervene(ScriptAction::StopActor("fast".into())));
    let digest = crate::sim::trace_digest(&studio.run().unwrap().trace);
    let file = studio.scenario_file();
    assert!(file.contains("\"stop_actor\": \"fast\""), "{file}");
    let link = studio.share_fragment(true);
    let opened = Studio::default().apply(StudioAction::OpenShared(link));
    assert_eq!(opened.editor.doc.settings.script, studio.editor.doc.settings.script);
    assert_eq!(crate::sim::trace_digest(&opened.run().unwrap().trace), digest, "the same run, byte for byte");
    assert_eq!(opened.run().unwrap().session.position(), studio.run().unwrap().session.position());
}

#[test]
fn a_half_hour_of_nothing_plays_in_seconds() {
    // A crashed server's fanout queue expires unused after 30 minutes of virtual time.
    let studio = Studio::with_builtin("rpc-call");
    let studio = studio.apply(StudioAction::Intervene(ScriptAction::StopActor("compute-host1".into())));
    let mut studio = studio.apply(StudioAction::TogglePlay);
    let mut wall_ms = 0.0;
    while studio.playing {
        studio = studio.apply(StudioAction::Tick(16.0));
        wall_ms += 16.0;
        assert!(wall_ms < 120_000.0, "still playing after two minutes of wall time");
    }
    assert!(studio.run().unwrap().session.now() > 1_800_000, "the run reached the expiry");
    assert!(wall_ms < 60_000.0, "played in {wall_ms} ms");
}

#[test]
fn present_is_entered_with_f_left_with_escape_and_fits_names_for_a_room() {
    use crate::editor::shortcuts::KeyPress;
    use crate::scene::geometry::{NAME_PX, PRESENT_NAME_PX, Size};
    let press = |key| KeyPress { key, command: false, shift: false, in_field: false };
    let studio = Studio::with_builtin("rpc-call");
    let f = action_for(press("f"), true).unwrap();
    let studio = studio.apply(f).apply(StudioAction::FitPresent(Size::new(1280.0, 560.0)));
    assert!(studio.present);
    assert!(NAME_PX * studio.editor.view.scale >= PRESENT_NAME_PX, "{:?}", studio.editor.view);
    assert_eq!(action_for(KeyPress { in_field: true, ..press("f") }, true), None, "typing an f in a field");
    let escape = action_for(press("Escape"), true).unwrap();
    assert!(!studio.apply(escape).present);
}

#[test]
fn the_run_as_text_is_shown_with_t_and_hidden_with_t_or_escape() {
    use crate::editor::shortcuts::KeyPress;
    let press = |key| KeyPress { key, command: false, shift: false, in_field: false };
    let studio = Studio::with_builtin("rpc-call");
    let shown = studio.apply(action_for(press("t"), true).unwrap());
    assert!(shown.text_view);
    assert!(!shown.clone().apply(action_for(press("T"), true).unwrap()).text_view);
    assert!(!shown.apply(action_for(press("Escape"), true).unwrap()).text_view);
    assert_eq!(action_for(KeyPress { in_field: true, ..press("t") }, true), None, "typing a t in a field");
}

#[test]
fn every_routing_decision_finds_its_message_arrival_however_far_back() {
    // The event log words a routing line from its message's arrival (routing key, headers),
    // which may lie any number of entries earlier.
    let studio = Studio::with_builtin("notifications");
    let run = studio.run().unwrap();
    let mut routed = 0;
    for (idx, entry) in run.trace.iter().enumerate() {
        if let TraceEvent::Broker(crate::engine::BrokerEvent::Routed { publish, .. }) = &entry.event {
            let arrival = run.arrival_of(*publish).expect("a routed message arrived first");
            let arrived_at = run.trace.iter().position(|candidate| std::ptr::eq(candidate, arrival)).unwrap();
            assert!(arrived_at < idx);
            assert!(matches!(&arrival.event, TraceEvent::Arrived { publish: arrived, .. } if arrived == publish));
            routed += 1;
        }
    }
    assert!(routed >= 5, "the scenario routes messages: {routed}");
}

#[test]
fn a_long_run_opens_computed_in_part_and_finishes_between_frames() {
    // The canvas load scenario (about 64,000 steps) opens with its first steps computed; the
    // web app sends ComputeSlice between frames until it is complete.
    let mut studio = Studio::with_builtin("load");
    assert!(studio.computing());
    let first = studio.run().unwrap().end;
    assert_eq!(first, super::run::FIRST_STEPS);
    // Playing past what is computed computes on.
    studio = studio.apply(StudioAction::TogglePlay);
    for _ in 0..10_000 {
        if studio.run().unwrap().session.position() > first {
            break;
        }
        studio = studio.apply(StudioAction::Tick(100.0));
    }
    assert!(studio.run().unwrap().session.position() > first, "playback went past the first slice");
    studio = studio.apply(StudioAction::Pause);
    let mut slices = 0;
    while studio.computing() {
        studio = studio.apply(StudioAction::ComputeSlice);
        slices += 1;
    }
    let whole = Run::new(studio.editor.doc.clone()).unwrap();
    let run = studio.run().unwrap();
    assert!(slices > 10, "{slices} slices");
    assert_eq!((run.end, run.trace.len(), run.arrows.len()), (whole.end, whole.trace.len(), whole.arrows.len()));
    assert_eq!(run.depth, whole.depth);
    assert_eq!(run.involved, whole.involved);
}
