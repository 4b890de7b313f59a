//! Sentences for the editor: why a connection is refused, why an inspector value is
//! refused, and where the live route preview says a producer's message would go. As
//! everywhere in `explain`, the editor hands over data and only this module picks words.

use crate::editor::connect::Refusal;
use crate::editor::fields::FieldProblem;
use crate::editor::kinds::{Family, NodeKind};
use crate::editor::preview::RoutePreview;
use crate::editor::{Document, EdgeId, Item};
use crate::engine::ExchangeKind;
use crate::explain::kinds::{kind_label, summary};
use crate::explain::lang::{Catalogue, Lang};
use crate::explain::render::explanation_lines;

/// A heading and a sentence on what a selected node or edge does, for the inspector.
pub fn item_summary(lang: Lang, doc: &Document, item: Item) -> (String, String) {
    let w = lang.words();
    let name = |node| doc.name(node).unwrap_or_default().to_string();
    let edge = match item {
        Item::Node(node) => {
            let about = doc.kind(node).map_or_else(
                || w.node_about("", ""),
                |kind| w.node_about(&kind_label(lang, kind), &summary(lang, kind)),
            );
            return (name(node), about);
        }
        Item::Edge(id) => doc.edge(id),
    };
    let Some(edge) = edge else { return (String::new(), String::new()) };
    let (from, to) = (name(edge.from), name(edge.to));
    match edge.id {
        EdgeId::Binding(binding) => {
            let source = doc.topology.binding(binding).and_then(|binding| doc.topology.exchange(binding.source));
            let about = match source.map(|exchange| exchange.spec.kind) {
                Some(ExchangeKind::Direct) => w.binding_about_direct(&from, &to),
                Some(ExchangeKind::Topic) => w.binding_about_topic(&from, &to),
                Some(ExchangeKind::Fanout) => w.binding_about_fanout(&from, &to),
                _ => w.binding_about_headers(&from, &to),
            };
            (w.binding_title(&from, &to), about)
        }
        EdgeId::Publish(_) => (format!("{from} → {to}"), w.publish_about(&from, &to)),
        EdgeId::Consume(_) => (format!("{from} → {to}"), w.consume_about(&from, &to)),
    }
}

/// Why a connection was refused, with what to do instead.
pub fn refusal(lang: Lang, refusal: &Refusal) -> String {
    let w = lang.words();
    match refusal {
        Refusal::SameNode => w.same_node(),
        Refusal::AlreadyConnected => w.already_connected(),
        Refusal::AlreadyBound { binding_key } => w.already_bound(&w.quoted(binding_key)),
        Refusal::Engine(error) => {
            w.broker_refuses_binding(&crate::explain::problems::broker_refusal(w, &error.to_string()))
        }
        Refusal::NotAllowed { from, to } => not_allowed(w, *from, *to),
    }
}

fn not_allowed(w: &dyn Catalogue, from: NodeKind, to: NodeKind) -> String {
    use NodeKind::*;
    if from.family() == Family::Oslo || to.family() == Family::Oslo {
        return w.oslo_not_wired();
    }
    match (from, to) {
        (Producer, Queue) => w.producer_to_queue(),
        (Producer, _) => w.producer_to_non_exchange(),
        (Exchange, Consumer) => w.exchange_to_consumer(),
        (_, Producer) => w.nothing_flows_into_producer(),
        (Queue, Exchange) => w.queue_to_exchange(),
        (Queue, _) => w.queue_to_non_consumer(),
        (Consumer, Queue) => w.consumer_to_queue(),
        (Consumer, _) => w.consumer_to_non_queue(),
        _ => w.cannot_connect(),
    }
}

/// Why an inspector value was refused.
pub fn field_problem(lang: Lang, problem: &FieldProblem) -> String {
    let w = lang.words();
    match problem {
        FieldProblem::Required => w.value_required(),
        FieldProblem::NameTaken { kind } => match kind {
            NodeKind::Producer => w.name_taken_producer(),
            NodeKind::Exchange => w.name_taken_exchange(),
            NodeKind::Queue => w.name_taken_queue(),
            NodeKind::Consumer => w.name_taken_consumer(),
            NodeKind::RpcClient => w.name_taken_rpc_client(),
            NodeKind::RpcServer => w.name_taken_rpc_server(),
            NodeKind::Notifier => w.name_taken_notifier(),
            NodeKind::Listener => w.name_taken_listener(),
        },
        FieldProblem::WholeNumber { max: None } => w.whole_number(),
        FieldProblem::WholeNumber { max: Some(max) } => w.whole_number_up_to(*max),
        FieldProblem::Range => w.range_expected(),
        FieldProblem::LowAboveHigh => w.low_above_high(),
        FieldProblem::NotAChoice => w.not_a_choice(),
        FieldProblem::HeaderLine { line } => w.header_line(*line as u64),
        FieldProblem::Engine(error) => {
            w.rabbitmq_would_refuse(&crate::explain::problems::broker_refusal(w, &error.to_string()))
        }
    }
}

/// One sentence: where the producer's next message would go.
pub fn preview_summary(lang: Lang, preview: &RoutePreview) -> String {
    let w = lang.words();
    let key = w.quoted(&preview.routing_key);
    let queues: Vec<String> = preview.explanation.queues.iter().map(|name| w.quoted(name)).collect();
    match queues.as_slice() {
        [] if preview.mandatory => w.preview_returned(&key),
        [] => w.preview_dropped(&key),
        [one] => w.preview_one_queue(&key, one),
        [first @ .., last] => w.preview_queues(&key, &w.list(first), last),
    }
}

/// One line per binding the preview tried, saying whether it matched and why.
pub fn preview_lines(lang: Lang, preview: &RoutePreview) -> Vec<String> {
    explanation_lines(lang, &preview.explanation, std::slice::from_ref(&preview.routing_key))
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
        let producer_to_queue =
            refusal(Lang::En, &Refusal::NotAllowed { from: NodeKind::Producer, to: NodeKind::Queue });
        assert!(producer_to_queue.contains("Connect the producer to an exchange"));
        let backwards = refusal(Lang::En, &Refusal::NotAllowed { from: NodeKind::Consumer, to: NodeKind::Queue });
        assert!(backwards.contains("from the queue's port"));
        let oslo = refusal(Lang::En, &Refusal::NotAllowed { from: NodeKind::Exchange, to: NodeKind::RpcServer });
        assert!(oslo.starts_with("oslo.messaging actors"));
        let engine = refusal(Lang::En, &Refusal::Engine(AmqpError::AccessRefused("no".into())));
        assert_eq!(engine, "The broker refuses this binding: 403 ACCESS_REFUSED: no");
    }

    #[test]
    fn inspector_summaries() {
        let (state, nodes) = orders();
        let (title, about) = item_summary(Lang::En, &state.doc, Item::Node(nodes[1]));
        assert_eq!(title, "exchange-1");
        assert!(about.starts_with("Exchange. Receives published messages"));
        let binding = state.doc.edges().into_iter().find(|edge| edge.to == nodes[2]).unwrap();
        let (title, about) = item_summary(Lang::En, &state.doc, Item::Edge(binding.id));
        assert_eq!(title, "Binding exchange-1 → queue-1");
        assert!(about.ends_with("* stands for one word, # for zero or more."));
    }

    #[test]
    fn an_engine_refusal_keeps_rabbitmqs_text_with_kaitens_words_beside() {
        let problem = FieldProblem::Engine(AmqpError::PreconditionFailed(
            "invalid arg 'x-max-length' for queue 'q' in vhost '/': \"expected integer, got longstr\"".into(),
        ));
        assert_eq!(
            field_problem(Lang::En, &problem),
            "RabbitMQ would refuse this: 406 PRECONDITION_FAILED: invalid arg 'x-max-length' for queue 'q' in vhost \
             '/': \"expected integer, got longstr\" (Kaiten: the value must be an integer, not a longstr)"
        );
        assert_eq!(
            field_problem(Lang::ZhCn, &problem),
            "RabbitMQ 会拒绝这个值：406 PRECONDITION_FAILED: invalid arg 'x-max-length' for queue 'q' in vhost '/': \
             \"expected integer, got longstr\"（Kaiten：取值必须是整数，而不是 longstr）"
        );
    }

    #[test]
    fn field_problems() {
        assert_eq!(
            field_problem(Lang::En, &FieldProblem::WholeNumber { max: Some(255) }),
            "Enter a whole number from 0 to 255."
        );
        assert_eq!(
            field_problem(Lang::En, &FieldProblem::NameTaken { kind: NodeKind::Queue }),
            "A queue already has this name; names on the canvas are unique."
        );
        assert_eq!(
            field_problem(Lang::En, &FieldProblem::NameTaken { kind: NodeKind::Exchange }),
            "An exchange already has this name; names on the canvas are unique."
        );
        assert_eq!(
            field_problem(Lang::ZhCn, &FieldProblem::NameTaken { kind: NodeKind::Exchange }),
            "已有交换机叫这个名字；画布上的名字必须唯一。"
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
            preview_summary(Lang::En, &preview),
            "A message with routing key 'order.created' goes to queues 'queue-1' and 'queue-2'."
        );
        assert_eq!(
            preview_lines(Lang::En, &preview),
            [
                "'exchange-1' binding 'order.*' -> 'queue-1': matched, 'order.created' fits with * = 'created'",
                "'exchange-1' binding 'order.#' -> 'queue-2': matched, 'order.created' fits with # = 'created'",
            ]
        );
        let state = set(state, "order.created.eu");
        let preview = crate::editor::preview::route_preview(&state.doc, producer).unwrap();
        assert_eq!(
            preview_summary(Lang::En, &preview),
            "A message with routing key 'order.created.eu' goes to queue 'queue-2'."
        );
        assert!(preview_lines(Lang::En, &preview)[0].contains("no match"));
        let state = set(state, "invoice.paid");
        let preview = crate::editor::preview::route_preview(&state.doc, producer).unwrap();
        assert!(preview_summary(Lang::En, &preview).ends_with("the broker drops it."));
        assert_eq!(
            preview_summary(Lang::ZhCn, &preview),
            "路由键为 'invoice.paid' 的消息不匹配任何绑定：broker 会丢弃它。"
        );
    }
}
