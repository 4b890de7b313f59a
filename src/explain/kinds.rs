//! Words for the kinds of node the palette offers: each kind's name, its palette button's
//! text and accessible name, and what it does in a message bus.

use crate::editor::kinds::NodeKind;
use crate::explain::lang::Lang;

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
