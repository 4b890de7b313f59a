//! The inspector for one selected node or edge: what it is, its fields (with any refused
//! value and the reason), a way to connect it without dragging, and for a producer the
//! live route preview.

use yew::prelude::*;

use super::app::use_editor;
use super::connect_to::ConnectTo;
use super::field::FieldInput;
use super::interventions::Interventions;
use super::language::use_lang;
use super::route_preview::RoutePreviewPanel;
use crate::editor::fields::{Field, fields_of, value};
use crate::editor::{Action, Document, EdgeId, Item, NodeKind};
use crate::explain::edit::{field_problem, item_summary};
use crate::studio::MenuTarget;

#[derive(Properties, PartialEq)]
pub struct ItemInspectorProps {
    pub item: Item,
}

#[component]
pub fn ItemInspector(props: &ItemInspectorProps) -> Html {
    let editor = use_editor();
    let lang = use_lang();
    let item = props.item;
    let doc = &editor.doc;
    let (title, about) = item_summary(lang, doc, item);
    let kind = colour_of(doc, item);
    let on_change = {
        let editor = editor.clone();
        Callback::from(move |(field, text)| editor.dispatch(Action::SetField { item, field, text }))
    };
    let input = |field: &Field| {
        let draft = editor.drafts.get(&(item, *field));
        let text = draft.map_or_else(|| value(doc, item, *field), |draft| draft.text.clone());
        let problem =
            draft.and_then(|draft| draft.problem.as_ref()).map(|problem| AttrValue::from(field_problem(lang, problem)));
        html! { <FieldInput key={format!("{field:?}")} field={*field} value={text} {problem} on_change={on_change.clone()} /> }
    };
    // A producer's route preview sits right under its routing key, where the typing happens.
    let fields = fields_of(doc, item);
    let split = fields.iter().position(|field| *field == Field::RoutingKey).map_or(fields.len(), |at| at + 1);
    let (head, tail) = fields.split_at(split);
    let class = classes!("item-details", kind.map(|kind| format!("kind-{}", kind.slug())));
    let connectable = matches!(item, Item::Node(node) if doc.kind(node).is_some_and(NodeKind::has_out_port));
    let producer = matches!(item, Item::Node(node) if doc.kind(node) == Some(NodeKind::Producer));
    html! {
        <section {class} aria-label={title.clone()}>
            <h3><span class="kind-swatch" aria-hidden="true"></span>{ title }</h3>
            <p class="muted">{ about }</p>
            if let (true, Item::Node(node)) = (connectable, item) {
                <ConnectTo {node} />
            }
            <div class="fields">{ for head.iter().map(input) }</div>
            if producer {
                <RoutePreviewPanel />
            }
            <div class="fields">{ for tail.iter().map(input) }</div>
            <Interventions target={MenuTarget::Item(item)} />
        </section>
    }
}

/// The kind whose colour the inspector's heading takes.
fn colour_of(doc: &Document, item: Item) -> Option<NodeKind> {
    match item {
        Item::Node(node) => doc.kind(node),
        Item::Edge(EdgeId::Binding(_)) => Some(NodeKind::Exchange),
        Item::Edge(EdgeId::Publish(_)) => Some(NodeKind::Producer),
        Item::Edge(EdgeId::Consume(_)) => Some(NodeKind::Consumer),
    }
}
