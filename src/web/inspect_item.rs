//! The inspector for one selected node or edge: what it is, its fields (with any refused
//! value and the reason), a way to connect it without dragging, and for a producer the
//! live route preview.

use yew::prelude::*;

use super::app::use_editor;
use super::connect_to::ConnectTo;
use super::field::FieldInput;
use super::route_preview::RoutePreviewPanel;
use crate::editor::fields::{fields_of, value};
use crate::editor::{Action, Document, EdgeId, Item, NodeId, NodeKind};
use crate::engine::ExchangeKind;
use crate::explain::edit::field_problem;

#[derive(Properties, PartialEq)]
pub struct ItemInspectorProps {
    pub item: Item,
}

#[component]
pub fn ItemInspector(props: &ItemInspectorProps) -> Html {
    let editor = use_editor();
    let item = props.item;
    let doc = &editor.doc;
    let (title, kind, about) = describe(doc, item);
    let on_change = {
        let editor = editor.clone();
        Callback::from(move |(field, text)| editor.dispatch(Action::SetField { item, field, text }))
    };
    let fields = fields_of(doc, item).into_iter().map(|field| {
        let draft = editor.drafts.get(&(item, field));
        let text = draft.map_or_else(|| value(doc, item, field), |draft| draft.text.clone());
        let problem = draft.map(|draft| AttrValue::from(field_problem(&draft.problem)));
        html! { <FieldInput key={format!("{field:?}")} {field} value={text} {problem} on_change={on_change.clone()} /> }
    });
    let class = classes!("item-details", kind.map(|kind| format!("kind-{}", kind.slug())));
    let connectable = matches!(item, Item::Node(node) if doc.kind(node).is_some_and(NodeKind::has_out_port));
    let producer = matches!(item, Item::Node(node) if doc.kind(node) == Some(NodeKind::Producer));
    html! {
        <section {class} aria-label={title.clone()}>
            <h3><span class="kind-swatch" aria-hidden="true"></span>{ title }</h3>
            <p class="muted">{ about }</p>
            <div class="fields">{ for fields }</div>
            if let (true, Item::Node(node)) = (connectable, item) {
                <ConnectTo {node} />
            }
            if producer {
                <RoutePreviewPanel />
            }
        </section>
    }
}

/// A heading, the kind (for its colour), and a sentence on what the item does.
fn describe(doc: &Document, item: Item) -> (String, Option<NodeKind>, String) {
    let name = |node: NodeId| doc.name(node).unwrap_or_default().to_string();
    match item {
        Item::Node(node) => {
            let kind = doc.kind(node);
            let about = kind.map_or("", NodeKind::summary);
            let label = kind.map_or("", NodeKind::label);
            (name(node), kind, format!("{label}. {about}"))
        }
        Item::Edge(id) => {
            let Some(edge) = doc.edge(id) else { return (String::new(), None, String::new()) };
            let (from, to) = (name(edge.from), name(edge.to));
            match id {
                EdgeId::Binding(binding) => {
                    let kind = doc.topology.binding(binding).and_then(|b| doc.topology.exchange(b.source)).map(|x| x.spec.kind);
                    let rule = match kind {
                        Some(ExchangeKind::Direct) => "a message goes this way when its routing key equals the binding key.",
                        Some(ExchangeKind::Topic) => "the binding key is a pattern of words: * stands for one word, # for zero or more.",
                        Some(ExchangeKind::Fanout) => "a fanout exchange ignores keys and copies every message to every binding.",
                        _ => "the message's headers are checked against these arguments; x-match says whether all or any must match.",
                    };
                    (format!("Binding {from} → {to}"), Some(NodeKind::Exchange), format!("Exchange {from} routes to {to}: {rule}"))
                }
                EdgeId::Publish(_) => (format!("{from} → {to}"), Some(NodeKind::Producer), format!("{from} publishes every message to exchange {to}. Delete this edge to disconnect them.")),
                EdgeId::Consume(_) => (format!("{from} → {to}"), Some(NodeKind::Consumer), format!("{to} consumes the messages of queue {from}. Delete this edge to disconnect them.")),
            }
        }
    }
}
