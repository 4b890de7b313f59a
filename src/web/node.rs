//! One node on the canvas: a box in its kind's colour with a glyph, its name and a detail
//! line, and its ports. It is a focusable button named after the node (the lines drawn with it
//! are its description); Enter selects it.

use yew::prelude::*;

use super::language::use_lang;
use crate::editor::view::{Lit, NodeView, PORT_RADIUS};
use crate::editor::{Item, NodeKind};
use crate::explain::kinds::kind_label;

#[derive(Properties, PartialEq)]
pub struct NodeShapeProps {
    pub view: NodeView,
    /// While a connection is dragged over this node: whether dropping here would connect.
    pub drop: Option<bool>,
    pub on_select: Callback<Item>,
    /// Asks for the node's interventions menu (a `contextmenu` event).
    pub on_menu: Callback<(Item, MouseEvent)>,
    /// A pointer went down on the node (a finger held there opens the menu).
    pub on_press: Callback<(Item, PointerEvent)>,
    /// What the node is doing in the run shown, if one is.
    #[prop_or_default]
    pub status: Option<NodeStatus>,
}

/// A node's state in the run, as words and data for drawing and tests.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeStatus {
    pub line: String,
    /// A caller's last outcome, with its full text for the tooltip.
    pub outcome: Option<(String, String)>,
    /// `idle`, `busy`, `blocked`, `done`, `stopped`, or `queue`.
    pub state: &'static str,
    pub received: u64,
    /// Up to a few waiting messages (queues): their kinds' slugs.
    pub waiting: Vec<&'static str>,
}

#[component]
pub fn NodeShape(props: &NodeShapeProps) -> Html {
    let node = &props.view;
    let lang = use_lang();
    let (width, height) = (node.rect.width, node.rect.height);
    let onkeydown = {
        let (item, on_select) = (Item::Node(node.id), props.on_select.clone());
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" {
                event.prevent_default();
                on_select.emit(item);
            }
        })
    };
    let oncontextmenu = {
        let (item, on_menu) = (Item::Node(node.id), props.on_menu.clone());
        Callback::from(move |event: MouseEvent| on_menu.emit((item, event)))
    };
    let onpointerdown = {
        let (item, on_press) = (Item::Node(node.id), props.on_press.clone());
        Callback::from(move |event: PointerEvent| on_press.emit((item, event)))
    };
    let class = classes!(
        "node",
        format!("kind-{}", node.kind.slug()),
        node.selected.then_some("selected"),
        (node.lit == Lit::Matched).then_some("lit"),
        props.drop.map(|ok| if ok { "drop-ok" } else { "drop-refused" }),
        props.status.as_ref().map(|status| format!("state-{}", status.state)),
    );
    let status = props.status.as_ref();
    let middle = (height / 2.0).to_string();
    // The button is named by the node's name alone (as the canvas's links and the tests call
    // it); the lines under the name are its description.
    let description = [Some(node.detail.as_str()), status.map(|status| status.line.as_str())]
        .into_iter()
        .chain([status.and_then(|status| status.outcome.as_ref()).map(|(_, full)| full.as_str())])
        .flatten()
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(". ");
    html! {
        // The button is the box, named by the node's whole name. The words drawn over and under
        // it are outside it, hidden from assistive technology: the name as drawn may be cut
        // (`node.label`), and a name must hold every word its control shows (WCAG 2.5.3); the
        // other lines are the button's description. Pointer and key handlers sit on the
        // frame, which the button's events bubble to.
        <g {class} {onkeydown} {oncontextmenu} {onpointerdown} transform={format!("translate({} {})", node.rect.x, node.rect.y)}>
            <g class="node-button" role="button" tabindex="0" aria-label={node.name.clone()} aria-description={description}
                aria-pressed={node.selected.to_string()} aria-roledescription={kind_label(lang, node.kind).to_ascii_lowercase()}
                data-state={status.map(|status| status.state)} data-received={status.map(|status| status.received.to_string())}>
                <rect class="node-box" width={width.to_string()} height={height.to_string()} rx="10" />
                <rect class="node-stripe" width="6" height={height.to_string()} rx="3" />
                <g class="node-glyph" transform={format!("translate(23 {middle})")}><path d={glyph(node.kind)} /></g>
                if node.in_port.is_some() {
                    <circle class="port port-in" cx="0" cy={middle.clone()} r="4" />
                }
                if node.out_port.is_some() {
                    <circle class="port port-out" cx={width.to_string()} cy={middle} r={PORT_RADIUS.to_string()} />
                }
            </g>
            <text class="node-name" x="42" y="24" aria-hidden="true">{ node.label.clone() }</text>
            <text class="node-detail" x="42" y="42" aria-hidden="true">{ node.detail.clone() }</text>
            if let Some(status) = status {
                <text class="node-status" x="4" y={(height + 15.0).to_string()} aria-hidden="true">{ status.line.clone() }</text>
                { for status.waiting.iter().enumerate().map(|(idx, slug)| html! {
                    <g class={format!("waiting kind-{slug}")} transform={format!("translate({} {})", width - 14.0 - idx as f64 * 14.0, height - 10.0)}>
                        <circle r="5" />
                    </g>
                }) }
                if let Some((short, full)) = &status.outcome {
                    <text class="node-outcome" x="4" y={(height + 31.0).to_string()} aria-hidden="true"><title>{ full.clone() }</title>{ short.clone() }</text>
                }
            }
        </g>
    }
}

/// A small line drawing per kind, centred on the origin, about 18 units wide.
fn glyph(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Producer => "M-9 0h14M0 -6l6 6-6 6M-9 -7v14",
        NodeKind::Exchange => "M-9 0h6M-3 0l9-7M-3 0h9M-3 0l9 7",
        NodeKind::Queue => "M-9 -7h18v14h-18zM-3 -7v14M3 -7v14",
        NodeKind::Consumer => "M-9 0h12M-3 -6l6 6-6 6M8 -8v16",
        NodeKind::RpcClient => "M-9 -3h16M3 -7l4 4-4 4M9 3h-16M-3 -1l-4 4 4 4",
        NodeKind::RpcServer => "M-8 -8h16v7h-16zM-8 1h16v7h-16zM4 -5h1M4 4h1",
        NodeKind::Notifier => "M-6 4v-5a6 6 0 0 1 12 0v5l2 2h-16zM-2 8a2 2 0 0 0 4 0",
        NodeKind::Listener => "M-8 6a8 8 0 0 1 0-12M-4 3a4 4 0 0 1 0-6M2 0h7",
    }
}
