//! Sentences for the editor: why a connection is refused, why an inspector value is
//! refused, and where the live route preview says a producer's message would go. As
//! everywhere in `explain`, the editor hands over data and only this module picks words.

use crate::editor::connect::Refusal;
use crate::editor::fields::FieldProblem;
use crate::editor::kinds::{Family, NodeKind};
use crate::editor::preview::RoutePreview;
use crate::editor::{Document, EdgeId, Item};
use crate::engine::ExchangeKind;
use crate::explain::render::explanation_lines;

/// A heading and a sentence on what a selected node or edge does, for the inspector.
pub fn item_summary(doc: &Document, item: Item) -> (String, String) {
    let name = |node| doc.name(node).unwrap_or_default().to_string();
    let edge = match item {
        Item::Node(node) => {
            let kind = doc.kind(node);
            let about = format!("{}. {}", kind.map_or("", NodeKind::label), kind.map_or("", NodeKind::summary));
            return (name(node), about);
        }
        Item::Edge(id) => doc.edge(id),
    };
    let Some(edge) = edge else { return (String::new(), String::new()) };
    let (from, to) = (name(edge.from), name(edge.to));
    match edge.id {
        EdgeId::Binding(binding) => {
            let source = doc.topology.binding(binding).and_then(|binding| doc.topology.exchange(binding.source));
            let rule = match source.map(|exchange| exchange.spec.kind) {
                Some(ExchangeKind::Direct) => "a message goes this way when its routing key equals the binding key.",
                Some(ExchangeKind::Topic) => {
                    "the binding key is a pattern of words: * stands for one word, # for zero or more."
                }
                Some(ExchangeKind::Fanout) => {
                    "a fanout exchange ignores keys and copies every message to every binding."
                }
                _ => {
                    "the message's headers are checked against these arguments; x-match says whether all or any must match."
                }
            };
            (format!("Binding {from} → {to}"), format!("Exchange {from} routes to {to}: {rule}"))
        }
        EdgeId::Publish(_) => (
            format!("{from} → {to}"),
            format!("{from} publishes every message to exchange {to}. Delete this edge to disconnect them."),
        ),
        EdgeId::Consume(_) => (
            format!("{from} → {to}"),
            format!("{to} consumes the messages of queue {from}. Delete this edge to disconnect them."),
        ),
    }
}

/// Why a connection was refused, with what to do instead.
pub fn refusal(refusal: &Refusal) -> String {
    match refusal {
        Refusal::SameNode => "Drop the connection on another node.".into(),
        Refusal::AlreadyConnected => "These two are already connected.".into(),
        Refusal::AlreadyBound { binding_key } => format!(
            "This exchange is already bound to it with binding key '{binding_key}'. \
             Select that binding to change its key before adding another."
        ),
        Refusal::Engine(error) => format!("The broker refuses this binding: {error}"),
        Refusal::NotAllowed { from, to } => not_allowed(*from, *to),
    }
}

fn not_allowed(from: NodeKind, to: NodeKind) -> String {
    use NodeKind::*;
    if from.family() == Family::Oslo || to.family() == Family::Oslo {
        return "oslo.messaging actors are not wired by hand: each declares its own exchange, queues and \
                bindings from its target (topic and server). Set those in the inspector."
            .into();
    }
    match (from, to) {
        (Producer, Queue) => "A producer never publishes straight to a queue: it publishes to an exchange, whose \
                              bindings route to queues. Connect the producer to an exchange."
            .into(),
        (Producer, _) => "A producer publishes to an exchange: drop the connection on an exchange.".into(),
        (Exchange, Consumer) => "An exchange routes to queues, never straight to a consumer: bind it to a queue, \
                                 then connect the queue to the consumer."
            .into(),
        (_, Producer) => {
            "Nothing flows into a producer; it only publishes. Drag from the producer to an exchange.".into()
        }
        (Queue, Exchange) => "A queue only delivers to consumers. To pass its messages on to an exchange, set a \
                              dead-letter exchange in the queue's inspector."
            .into(),
        (Queue, _) => "A queue delivers to consumers: drop the connection on a consumer.".into(),
        (Consumer, Queue) => {
            "Messages flow from the queue to the consumer: drag from the queue's port to the consumer.".into()
        }
        (Consumer, _) => "A consumer only receives: drag from a queue to the consumer.".into(),
        _ => format!(
            "A {} cannot be connected to a {}.",
            from.label().to_ascii_lowercase(),
            to.label().to_ascii_lowercase()
        ),
    }
}

/// Why an inspector value was refused.
pub fn field_problem(problem: &FieldProblem) -> String {
    match problem {
        FieldProblem::Required => "This needs a value.".into(),
        FieldProblem::NameTaken { kind } => {
            format!("A {} already has this name; names on the canvas are unique.", kind.label().to_ascii_lowercase())
        }
        FieldProblem::WholeNumber { max: None } => "Enter a whole number, 0 or more.".into(),
        FieldProblem::WholeNumber { max: Some(max) } => format!("Enter a whole number from 0 to {max}."),
        FieldProblem::Range => "Enter low-high in milliseconds, like 50-150.".into(),
        FieldProblem::LowAboveHigh => "The low bound is above the high bound.".into(),
        FieldProblem::NotAChoice => "Pick one of the choices.".into(),
        FieldProblem::HeaderLine { line } => format!("Line {line}: write name = value, or just name."),
        FieldProblem::Engine(error) => format!("RabbitMQ would refuse this: {error}"),
    }
}

/// One sentence: where the producer's next message would go.
pub fn preview_summary(preview: &RoutePreview) -> String {
    let key = &preview.routing_key;
    let queues: Vec<String> = preview.explanation.queues.iter().map(|name| format!("'{name}'")).collect();
    match queues.as_slice() {
        [] if preview.mandatory => {
            format!("A message with routing key '{key}' matches no binding: it is mandatory, so the broker returns it.")
        }
        [] => format!("A message with routing key '{key}' matches no binding: the broker drops it."),
        [one] => format!("A message with routing key '{key}' goes to queue {one}."),
        [first @ .., last] => {
            format!("A message with routing key '{key}' goes to queues {} and {last}.", first.join(", "))
        }
    }
}

/// One line per binding the preview tried, saying whether it matched and why.
pub fn preview_lines(preview: &RoutePreview) -> Vec<String> {
    explanation_lines(&preview.explanation, std::slice::from_ref(&preview.routing_key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::NodeId;
    use crate::editor::fields::Field;
    use crate::editor::state::Action;
    use crate::editor::state::tests::orders;
    use crate::engine::AmqpError;

    #[test]
    fn refusals_say_what_to_do_instead() {
        let producer_to_queue = refusal(&Refusal::NotAllowed { from: NodeKind::Producer, to: NodeKind::Queue });
        assert!(producer_to_queue.contains("Connect the producer to an exchange"));
        let backwards = refusal(&Refusal::NotAllowed { from: NodeKind::Consumer, to: NodeKind::Queue });
        assert!(backwards.contains("from the queue's port"));
        let oslo = refusal(&Refusal::NotAllowed { from: NodeKind::Exchange, to: NodeKind::RpcServer });
        assert!(oslo.starts_with("oslo.messaging actors"));
        let engine = refusal(&Refusal::Engine(AmqpError::AccessRefused("no".into())));
        assert_eq!(engine, "The broker refuses this binding: 403 ACCESS_REFUSED: no");
    }

    #[test]
    fn inspector_summaries() {
        let (state, nodes) = orders();
        let (title, about) = item_summary(&state.doc, Item::Node(nodes[1]));
        assert_eq!(title, "exchange-1");
        assert!(about.starts_with("Exchange. Receives published messages"));
        let binding = state.doc.edges().into_iter().find(|edge| edge.to == nodes[2]).unwrap();
        let (title, about) = item_summary(&state.doc, Item::Edge(binding.id));
        assert_eq!(title, "Binding exchange-1 → queue-1");
        assert!(about.ends_with("* stands for one word, # for zero or more."));
    }

    #[test]
    fn field_problems() {
        assert_eq!(field_problem(&FieldProblem::WholeNumber { max: Some(255) }), "Enter a whole number from 0 to 255.");
        assert_eq!(
            field_problem(&FieldProblem::NameTaken { kind: NodeKind::Queue }),
            "A queue already has this name; names on the canvas are unique."
        );
    }

    #[test]
    fn the_preview_names_the_queues_and_explains_each_binding() {
        let (state, nodes) = orders();
        let NodeId::Actor(producer) = nodes[0] else { unreachable!() };
        let set = |state: crate::editor::EditorState, key: &str| {
            state.apply(Action::SetField { item: Item::Node(nodes[0]), field: Field::RoutingKey, text: key.into() })
        };
        let state = set(state, "order.created");
        let preview = crate::editor::preview::route_preview(&state.doc, producer).unwrap();
        assert_eq!(
            preview_summary(&preview),
            "A message with routing key 'order.created' goes to queues 'queue-1' and 'queue-2'."
        );
        assert_eq!(
            preview_lines(&preview),
            [
                "'exchange-1' binding 'order.*' -> 'queue-1': matched, 'order.created' fits with * = 'created'",
                "'exchange-1' binding 'order.#' -> 'queue-2': matched, 'order.created' fits with # = 'created'",
            ]
        );
        let state = set(state, "order.created.eu");
        let preview = crate::editor::preview::route_preview(&state.doc, producer).unwrap();
        assert_eq!(preview_summary(&preview), "A message with routing key 'order.created.eu' goes to queue 'queue-2'.");
        assert!(preview_lines(&preview)[0].contains("no match"));
        let state = set(state, "invoice.paid");
        let preview = crate::editor::preview::route_preview(&state.doc, producer).unwrap();
        assert!(preview_summary(&preview).ends_with("the broker drops it."));
    }
}
