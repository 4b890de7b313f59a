//! The kinds of node the palette offers, with the words the UI shows for each.
//!
//! Plain data, no yew: the editor issue moves node kinds next to the topology they describe.

/// A node kind a learner can draw: four AMQP 0-9-1 roles and four oslo.messaging roles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeKind {
    Producer,
    Exchange,
    Queue,
    Consumer,
    RpcClient,
    RpcServer,
    Notifier,
    Listener,
}

/// Which vocabulary a kind belongs to; the palette shows one group per family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Amqp,
    Oslo,
}

impl Family {
    pub const ALL: [Family; 2] = [Family::Amqp, Family::Oslo];

    pub fn label(self) -> &'static str {
        match self {
            Family::Amqp => "AMQP 0-9-1",
            Family::Oslo => "oslo.messaging",
        }
    }
}

impl NodeKind {
    pub const ALL: [NodeKind; 8] = [
        NodeKind::Producer,
        NodeKind::Exchange,
        NodeKind::Queue,
        NodeKind::Consumer,
        NodeKind::RpcClient,
        NodeKind::RpcServer,
        NodeKind::Notifier,
        NodeKind::Listener,
    ];

    pub fn family(self) -> Family {
        match self {
            NodeKind::Producer | NodeKind::Exchange | NodeKind::Queue | NodeKind::Consumer => Family::Amqp,
            NodeKind::RpcClient | NodeKind::RpcServer | NodeKind::Notifier | NodeKind::Listener => Family::Oslo,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            NodeKind::Producer => "Producer",
            NodeKind::Exchange => "Exchange",
            NodeKind::Queue => "Queue",
            NodeKind::Consumer => "Consumer",
            NodeKind::RpcClient => "RPC client",
            NodeKind::RpcServer => "RPC server",
            NodeKind::Notifier => "Notifier",
            NodeKind::Listener => "Notification listener",
        }
    }

    /// A CSS-friendly name, used for the kind's colour.
    pub fn slug(self) -> &'static str {
        match self {
            NodeKind::Producer => "producer",
            NodeKind::Exchange => "exchange",
            NodeKind::Queue => "queue",
            NodeKind::Consumer => "consumer",
            NodeKind::RpcClient => "rpc-client",
            NodeKind::RpcServer => "rpc-server",
            NodeKind::Notifier => "notifier",
            NodeKind::Listener => "listener",
        }
    }

    /// One or two sentences for the inspector: what the kind does in a message bus.
    pub fn summary(self) -> &'static str {
        match self {
            NodeKind::Producer => "Publishes messages to an exchange, each with a routing key and optional headers.",
            NodeKind::Exchange => {
                "Receives published messages and routes copies to queues or other exchanges by its type (direct, fanout, topic or headers) and its bindings."
            }
            NodeKind::Queue => {
                "Holds messages in order until a consumer takes them; its arguments set limits, expiry and dead-lettering."
            }
            NodeKind::Consumer => "Takes messages from a queue, processes them and acknowledges or rejects each one.",
            NodeKind::RpcClient => {
                "Makes oslo.messaging calls (waits for a reply or a timeout) and casts (fire and forget) to a target."
            }
            NodeKind::RpcServer => {
                "Listens on a topic and server name, runs the called method and sends the reply back."
            }
            NodeKind::Notifier => {
                "Emits oslo.messaging notifications on a topic with a priority such as info or error."
            }
            NodeKind::Listener => "Receives notifications for the topics and priorities it subscribes to.",
        }
    }
}
