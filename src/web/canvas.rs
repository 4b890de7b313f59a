//! The canvas region: the SVG the topology is drawn on, with its toolbar and notices.
//!
//! Everything drawn comes from `scene::view::build` over the editor's document, selection
//! and route preview; pointer events go to the editor's gesture state machine as they are
//! (see `canvas_events.rs`). The `<svg>` has role "group" rather than SVG's implicit "img",
//! because an image's children are presentational and the nodes must stay focusable buttons.

use yew::prelude::*;

use super::app::{use_editor, use_playback_frame};
use super::canvas_events::use_canvas_events;
use super::dom::canvas_size;
use super::edge::{EdgeShape, edge_name};
use super::files::open_first;
use super::interventions::{end_touch, open_menu, start_long_press};
use super::language::use_lang;
use super::node::NodeShape;
use super::node::NodeStatus;
use super::notice::{connect_feedback, notice};
use super::run_layer::RunLayer;
use super::toolbar::CanvasToolbar;
use crate::editor::connect::check;
use crate::editor::gesture::Gesture;
use crate::editor::view::{CULL_ABOVE, Lit, NodeView, build, node_label};
use crate::editor::{Action, Item};
use crate::editor::{EdgeId, NodeId, NodeKind};
use crate::engine::SortedMap;
use crate::explain::kinds::node_detail;
use crate::explain::lang::Lang;
use crate::explain::run::{badge, declared_detail, kind_slug, outcome, outcome_detail};
use crate::scene::geometry::{Point, Rect};
use crate::sim::Place;
use crate::studio::stage::{Badge, ClientState, StageNode, stage_in};
use crate::studio::{MenuTarget, StudioAction};

/// A document compared by identity: every edit makes a new one, and holding it keeps its
/// address from being reused by a later one.
#[derive(Clone)]
struct SameDoc(std::rc::Rc<crate::editor::Document>);

impl PartialEq for SameDoc {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Screen pixels around the canvas whose contents are drawn already, so a pan shows no gap.
const CULL_MARGIN: f64 = 200.0;

#[component]
pub fn Canvas() -> Html {
    let editor = use_editor();
    let lang = use_lang();
    use_playback_frame();
    let svg = use_node_ref();
    let events = use_canvas_events(editor.clone(), svg.clone());
    {
        // Fit a picked scenario or a started lesson once it is laid out on the canvas (after
        // the render, so the canvas has its final size), at a zoom where names stay readable;
        // and again on entering or leaving Present, which changes the canvas and the zoom.
        let editor = editor.clone();
        let lesson = editor.studio().lesson.as_ref().map(|view| view.lesson.name.clone());
        let present = editor.studio().present;
        use_effect_with((editor.studio().pick.clone(), lesson, present), move |(_, _, present)| {
            let size = canvas_size();
            editor.send(if *present { StudioAction::FitPresent(size) } else { StudioAction::FitReadable(size) })
        });
    }
    // The document's drawing changes with the document and the selection only: not with
    // playback frames, nor with a zoom or a pan (which a big topology would pay for in full).
    let drawn = {
        let editor = editor.clone();
        let deps = (SameDoc(editor.doc.clone()), editor.selection.clone(), lang);
        use_memo(deps, move |(_, _, lang)| {
            build(&editor.doc, &editor.selection, editor.preview().as_ref(), &|node| {
                node_detail(*lang, &editor.doc, node)
            })
        })
    };
    // A big topology draws what is in view (and what is selected), once the canvas has a size.
    let size = canvas_size();
    let view = (drawn.nodes.len() > CULL_ABOVE && size.width > 0.0 && size.height > 0.0).then(|| {
        let shown = editor.view.visible(size);
        let margin = CULL_MARGIN / editor.view.scale;
        Rect {
            x: shown.x - margin,
            y: shown.y - margin,
            width: shown.width + 2.0 * margin,
            height: shown.height + 2.0 * margin,
        }
    });
    let mut scene = view.map_or_else(|| (*drawn).clone(), |view| drawn.in_view(view));
    let studio = editor.studio();
    let run = studio.run();
    let stage = run.as_ref().map(|run| stage_in(run, studio.display_time, view)).unwrap_or_default();
    let mut statuses: SortedMap<NodeId, NodeStatus> = SortedMap::new();
    if let Some(run) = &run {
        for badge in &stage.badges {
            if let Some(node) = run.node(badge.place).or_else(|| place_node(badge.place)) {
                statuses.insert(node, node_status(lang, &badge.badge));
            }
        }
        for edge in &mut scene.edges {
            if matches!(edge.id, EdgeId::Binding(binding) if stage.routed.contains(&binding)) {
                edge.lit = Lit::Matched;
            }
        }
        for node in &mut scene.nodes {
            if stage.lit.iter().any(|place| run.node(*place) == Some(node.id)) {
                node.lit = Lit::Matched;
            }
        }
    }
    drop(run);
    let run_nodes: Vec<NodeView> = stage.nodes.iter().filter_map(|node| run_node_view(lang, node)).collect();
    let target = editor.connect_target().map(|(from, to)| (to, check(&editor.doc, from, to).is_ok()));
    let on_select = {
        let editor = editor.clone();
        Callback::from(move |item: Item| editor.dispatch(Action::Select(item)))
    };
    let on_menu = {
        let editor = editor.clone();
        Callback::from(move |(item, event): (Item, MouseEvent)| {
            editor.dispatch(Action::Select(item));
            open_menu(&editor, &event, MenuTarget::Item(item));
        })
    };
    let on_press = {
        let editor = editor.clone();
        Callback::from(move |(item, event): (Item, PointerEvent)| {
            start_long_press(&editor, &event, MenuTarget::Item(item))
        })
    };
    let on_canvas_menu = {
        let editor = editor.clone();
        Callback::from(move |event: MouseEvent| open_menu(&editor, &event, MenuTarget::Broker))
    };
    let edges = scene.edges.iter().map(|edge| {
        let name = edge_name(lang, &editor.doc, edge);
        html! { <EdgeShape key={format!("{:?}", edge.id)} view={edge.clone()} {name} on_select={on_select.clone()} /> }
    });
    let nodes = scene.nodes.iter().map(|node| {
        let drop = target.filter(|(to, _)| *to == node.id).map(|(_, ok)| ok);
        let status = statuses.get(&node.id).cloned();
        html! { <NodeShape key={format!("{:?}", node.id)} view={node.clone()} {drop} on_select={on_select.clone()} on_menu={on_menu.clone()} on_press={on_press.clone()} {status} /> }
    });
    let run_node_shapes = run_nodes.iter().map(|node| {
        let status = statuses.get(&node.id).cloned();
        html! { <NodeShape key={format!("run-{:?}", node.id)} view={node.clone()} drop={None::<bool>} on_select={on_select.clone()} on_menu={on_menu.clone()} on_press={on_press.clone()} {status} /> }
    });
    let line = match editor.gesture {
        Gesture::Connecting { from, at, .. } => {
            scene.node(from).and_then(|node| node.out_port).map(|start| (start, at))
        }
        _ => None,
    };
    let class = classes!(
        "canvas",
        editor.space_held.then_some("space-held"),
        matches!(editor.gesture, Gesture::Panning { moved: true, .. }).then_some("panning"),
        matches!(editor.gesture, Gesture::Connecting { .. }).then_some("connecting"),
    );
    let transform = editor.view.svg_transform();
    // A file dropped on the canvas opens like one picked with "Open".
    let on_drag_over = Callback::from(|event: DragEvent| event.prevent_default());
    let on_drop = {
        let studio = editor.dispatcher();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            open_first(event.data_transfer().and_then(|data| data.files()), studio.clone());
        })
    };
    html! {
        <div class="canvas-area" ondragover={on_drag_over} ondrop={on_drop}>
            <svg ref={svg} {class} role="group" aria-label={lang.words().canvas()} tabindex="-1"
                onpointerdown={events.onpointerdown} onpointermove={events.onpointermove}
                onpointerup={events.onpointerup} onpointercancel={events.onpointercancel} onwheel={events.onwheel}
                ontouchend={Callback::from(|event: TouchEvent| end_touch(&event))} oncontextmenu={on_canvas_menu}>
                { canvas_defs(transform.clone()) }
                <rect class="canvas-background" width="100%" height="100%" fill="url(#canvas-grid)" />
                <g class="world" {transform}>
                    <g class="edges">{ for edges }</g>
                    <g class="nodes">{ for nodes }</g>
                    <g class="nodes run-nodes">{ for run_node_shapes }</g>
                    <RunLayer stage={stage.clone()} token_scale={(0.9 / editor.view.scale).clamp(1.0, 2.5)} />
                    if let Some((start, end)) = line {
                        <line class="connect-line" x1={start.x.to_string()} y1={start.y.to_string()}
                            x2={end.x.to_string()} y2={end.y.to_string()} />
                    }
                    if let Some(rect) = editor.gesture.band() {
                        <rect class="rubber-band" x={rect.x.to_string()} y={rect.y.to_string()}
                            width={rect.width.to_string()} height={rect.height.to_string()} />
                    }
                </g>
            </svg>
            <CanvasToolbar />
            { connect_feedback(&editor, lang) }
            { notice(&editor, lang) }
            if drawn.nodes.is_empty() {
                <p class="canvas-hint">{ lang.words().canvas_hint() }</p>
            }
        </div>
    }
}

/// The dot grid, panning and zooming with the drawing's `transform`, and the edges'
/// arrowheads (plain, lit by the route preview, selected).
fn canvas_defs(transform: String) -> Html {
    html! {
        <defs>
            <pattern id="canvas-grid" width="24" height="24" patternUnits="userSpaceOnUse"
                patternTransform={transform}>
                <circle class="canvas-grid-dot" cx="1" cy="1" r="1" />
            </pattern>
            { for ["plain", "matched", "selected"].map(|kind| html! {
                <marker id={format!("arrow-{kind}")} class={format!("arrow arrow-{kind}")} viewBox="0 0 10 10"
                    refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="13" markerHeight="13" orient="auto">
                    <path d="M0 1L10 5 0 9z" />
                </marker>
            }) }
        </defs>
    }
}

/// The canvas node of an exchange or queue the run declared (engine ids are node ids).
fn place_node(place: Place) -> Option<NodeId> {
    match place {
        Place::Exchange(id) => Some(NodeId::Exchange(id)),
        Place::Queue(id) => Some(NodeId::Queue(id)),
        _ => None,
    }
}

/// A node the run declared, drawn like the document's own.
fn run_node_view(lang: Lang, node: &StageNode) -> Option<NodeView> {
    let id = place_node(node.place)?;
    let middle = node.rect.y + node.rect.height / 2.0;
    Some(NodeView {
        id,
        kind: node.kind,
        name: node.name.clone(),
        label: node_label(&node.name),
        detail: declared_detail(lang, node.builtin),
        rect: node.rect,
        out_port: (node.kind == NodeKind::Exchange).then(|| Point::new(node.rect.right(), middle)),
        in_port: Some(Point::new(node.rect.x, middle)),
        selected: false,
        lit: Lit::Plain,
    })
}

fn node_status(lang: Lang, node_badge: &Badge) -> NodeStatus {
    match node_badge {
        Badge::Gone => {
            NodeStatus { line: badge(lang, node_badge), outcome: None, state: "gone", received: 0, waiting: Vec::new() }
        }
        Badge::Queue { waiting, .. } => NodeStatus {
            line: badge(lang, node_badge),
            outcome: None,
            state: "queue",
            received: 0,
            waiting: waiting.iter().map(|(_, kind)| kind_slug(*kind)).collect(),
        },
        Badge::Client { state, received, outcome: last, .. } => NodeStatus {
            line: badge(lang, node_badge),
            outcome: last.as_ref().map(|last| (outcome(lang, last), outcome_detail(lang, last))),
            state: match state {
                ClientState::Idle => "idle",
                ClientState::Busy { .. } => "busy",
                ClientState::Blocked { .. } => "blocked",
                ClientState::Done => "done",
                ClientState::Stopped => "stopped",
                ClientState::Paused => "paused",
            },
            received: *received,
            waiting: Vec::new(),
        },
    }
}
