//! One edge on the canvas: a curve with an arrowhead and, for bindings, the binding key at
//! its middle. Matched bindings of the route preview are drawn lit, tried-and-unmatched
//! ones faded. Edges are focusable buttons named after what they connect.

use yew::prelude::*;

use crate::editor::view::{EdgeView, Lit};
use crate::editor::{Document, EdgeId, Item};
use crate::explain::lang::Lang;
use crate::scene::geometry::Point;

/// Width of one character of an edge label (the label font is monospace), for its backdrop.
const LABEL_CHAR_WIDTH: f64 = 6.7;

#[derive(Properties, PartialEq)]
pub struct EdgeShapeProps {
    pub view: EdgeView,
    /// The accessible name, such as "Binding order.* from orders to created".
    pub name: AttrValue,
    pub on_select: Callback<Item>,
}

#[component]
pub fn EdgeShape(props: &EdgeShapeProps) -> Html {
    let edge = &props.view;
    let onkeydown = {
        let (item, on_select) = (Item::Edge(edge.id), props.on_select.clone());
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" {
                event.prevent_default();
                on_select.emit(item);
            }
        })
    };
    let lit = match edge.lit {
        Lit::Plain => "plain",
        Lit::Matched => "matched",
        Lit::Unmatched => "unmatched",
    };
    let arrow = if edge.selected {
        "selected"
    } else if edge.lit == Lit::Matched {
        "matched"
    } else {
        "plain"
    };
    let kind = match edge.id {
        EdgeId::Binding(_) => "edge-binding",
        EdgeId::Publish(_) => "edge-publish",
        EdgeId::Consume(_) => "edge-consume",
    };
    let path = edge.curve.svg_path();
    let middle = edge.curve.at(0.5);
    html! {
        <g class={classes!("edge", kind, edge.selected.then_some("selected"))} data-lit={lit} role="button"
            tabindex="0" aria-label={props.name.clone()} aria-pressed={edge.selected.to_string()} {onkeydown}>
            <path class="edge-hit" d={path.clone()} />
            <path class="edge-line" d={path} marker-end={format!("url(#arrow-{arrow})")} />
            if let Some(text) = &edge.label {
                { edge_label(text, middle) }
            }
        </g>
    }
}

/// The binding key on a rounded backdrop, centred on the curve's middle.
fn edge_label(text: &str, middle: Point) -> Html {
    let width = text.chars().count() as f64 * LABEL_CHAR_WIDTH + 12.0;
    html! {
        <g class="edge-label" transform={format!("translate({:.1} {:.1})", middle.x, middle.y)}>
            <rect x={(-width / 2.0).to_string()} y="-10" width={width.to_string()} height="20" rx="10" />
            <text text-anchor="middle" y="4">{ text }</text>
        </g>
    }
}

/// What an edge connects, in words a screen reader reads out.
pub fn edge_name(lang: Lang, doc: &Document, edge: &EdgeView) -> AttrValue {
    let words = lang.words();
    let name = |node| doc.name(node).unwrap_or_default();
    let (from, to) = (name(edge.from), name(edge.to));
    let text = match edge.id {
        EdgeId::Binding(id) => {
            let key = doc.topology.binding(id).map_or("", |binding| binding.routing_key.as_str());
            if key.is_empty() { words.binding_edge(from, to) } else { words.binding_edge_key(key, from, to) }
        }
        EdgeId::Publish(_) => words.publishes_to(from, to),
        EdgeId::Consume(_) => words.consumes_from(to, from),
    };
    AttrValue::from(text)
}
