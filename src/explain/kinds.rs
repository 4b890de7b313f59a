//! Words for the kinds of node the palette offers: each kind's name, its palette button's
//! text and accessible name, what it does in a message bus, and the second line a node of
//! the canvas shows under its name.

use crate::editor::document::{Document, NodeId};
use crate::editor::kinds::NodeKind;
use crate::explain::lang::Lang;
use crate::formats::scenario::ActorSpec;
use crate::sim::actors::Processing;

/// A kind's name, as the palette's legend and a node's role description say it.
pub fn kind_label(lang: Lang, kind: NodeKind) -> String {
    let words = lang.words();
    match kind {
        NodeKind::Producer => words.kind_producer(),
        NodeKind::Exchange => words.kind_exchange(),
        NodeKind::Queue => words.kind_queue(),
        NodeKind::Consumer => words.kind_consumer(),
        NodeKind::RpcClient => words.kind_rpc_client(),
        NodeKind::RpcServer => words.kind_rpc_server(),
        NodeKind::Notifier => words.kind_notifier(),
        NodeKind::Listener => words.kind_listener(),
    }
}

/// The palette button's visible text, which its accessible name contains.
pub fn palette_label(lang: Lang, kind: NodeKind) -> String {
    match kind {
        NodeKind::Listener => lang.words().palette_listener(),
        other => kind_label(lang, other),
    }
}

/// The palette button's accessible name (the English ones are what the end-to-end tests find).
pub fn add_label(lang: Lang, kind: NodeKind) -> String {
    let words = lang.words();
    match kind {
        NodeKind::Producer => words.add_producer(),
        NodeKind::Exchange => words.add_exchange(),
        NodeKind::Queue => words.add_queue(),
        NodeKind::Consumer => words.add_consumer(),
        NodeKind::RpcClient => words.add_rpc_client(),
        NodeKind::RpcServer => words.add_rpc_server(),
        NodeKind::Notifier => words.add_notifier(),
        NodeKind::Listener => words.add_listener(),
    }
}

/// One or two sentences: what the kind does in a message bus.
pub fn summary(lang: Lang, kind: NodeKind) -> String {
    let words = lang.words();
    match kind {
        NodeKind::Producer => words.summary_producer(),
        NodeKind::Exchange => words.summary_exchange(),
        NodeKind::Queue => words.summary_queue(),
        NodeKind::Consumer => words.summary_consumer(),
        NodeKind::RpcClient => words.summary_rpc_client(),
        NodeKind::RpcServer => words.summary_rpc_server(),
        NodeKind::Notifier => words.summary_notifier(),
        NodeKind::Listener => words.summary_listener(),
    }
}

/// A node's second line on the canvas: an exchange's type, a queue's limits, what an actor does.
pub fn node_detail(lang: Lang, doc: &Document, node: NodeId) -> String {
    let words = lang.words();
    match node {
        NodeId::Exchange(id) => doc.topology.exchange(id).map_or_else(String::new, |exchange| {
            let kind = exchange.spec.kind.as_str();
            if exchange.spec.internal { words.detail_exchange_internal(kind) } else { words.detail_exchange(kind) }
        }),
        NodeId::Queue(id) => doc.topology.queue(id).map_or_else(String::new, |queue| {
            let args = &queue.args;
            if args.stream {
                return words.detail_stream();
            }
            let mut parts = Vec::new();
            if args.quorum {
                parts.push(words.detail_quorum_queue());
            }
            parts.extend(args.max_length.map(|max| words.detail_max(max)));
            parts.extend(args.message_ttl.map(|ms| words.detail_ttl(ms)));
            parts.extend(args.max_priority.map(|max| words.detail_priority(u64::from(max))));
            parts.extend(args.dead_letter_exchange.as_ref().map(|_| words.detail_dlx()));
            if parts.is_empty() { words.detail_classic_queue() } else { parts.join(" · ") }
        }),
        NodeId::Actor(key) => match doc.actor(key) {
            Some(ActorSpec::Producer(config)) if config.routing_key.is_empty() => words.detail_no_routing_key(),
            Some(ActorSpec::Producer(config)) => words.detail_key(&config.routing_key),
            Some(ActorSpec::Consumer(config)) => {
                let prefetch = if config.prefetch == 0 { "∞".to_string() } else { config.prefetch.to_string() };
                let time = match config.processing_ms {
                    Processing::Fixed(ms) => format!("{ms} ms"),
                    Processing::Uniform([low, high]) => format!("{low}–{high} ms"),
                    Processing::Exponential(mean) => format!("~{mean} ms"),
                };
                words.detail_prefetch(&prefetch, &time)
            }
            Some(ActorSpec::RpcClient(config)) => words.detail_calls(config.target.topic.as_deref().unwrap_or("?")),
            Some(ActorSpec::RpcServer(config)) => words.detail_serves(config.target.topic.as_deref().unwrap_or("?")),
            Some(ActorSpec::Notifier(config)) => words.detail_notifies(&config.topics.join(", ")),
            Some(ActorSpec::NotificationListener(config)) => match &config.pool {
                Some(pool) => words.detail_pool(pool),
                None => words.detail_listens(),
            },
            None => String::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::create::add_node;
    use crate::scene::geometry::Point;

    #[test]
    fn a_new_exchange_and_queue_say_what_they_are() {
        let mut doc = Document::default();
        let exchange = add_node(&mut doc, NodeKind::Exchange, Point::default());
        let queue = add_node(&mut doc, NodeKind::Queue, Point::new(230.0, 0.0));
        assert_eq!(node_detail(Lang::En, &doc, exchange), "direct exchange");
        assert_eq!(node_detail(Lang::En, &doc, queue), "classic queue");
        assert_eq!(node_detail(Lang::ZhCn, &doc, exchange), "direct 交换机");
    }
}
