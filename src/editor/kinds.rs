//! The kinds of node the palette offers (their words are `explain::kinds`), and which
//! way messages can flow through each kind (what may be connected to what).

use crate::formats::scenario::ActorSpec;
use crate::scene::layout::Band;

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

    /// A CSS-friendly name, used for the kind's colour and for new nodes' names.
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

    /// The kind an actor of a scenario is drawn as.
    pub fn of_actor(actor: &ActorSpec) -> NodeKind {
        match actor {
            ActorSpec::Producer(_) => NodeKind::Producer,
            ActorSpec::Consumer(_) => NodeKind::Consumer,
            ActorSpec::RpcClient(_) => NodeKind::RpcClient,
            ActorSpec::RpcServer(_) => NodeKind::RpcServer,
            ActorSpec::Notifier(_) => NodeKind::Notifier,
            ActorSpec::NotificationListener(_) => NodeKind::Listener,
        }
    }

    /// Whether an edge may start here: producers publish, exchanges route, queues deliver.
    pub fn has_out_port(self) -> bool {
        matches!(self, NodeKind::Producer | NodeKind::Exchange | NodeKind::Queue)
    }

    /// Whether an edge may end here.
    pub fn has_in_port(self) -> bool {
        matches!(self, NodeKind::Exchange | NodeKind::Queue | NodeKind::Consumer)
    }

    /// Where the automatic layout puts this kind.
    pub fn band(self) -> Band {
        match self {
            NodeKind::Producer | NodeKind::RpcClient | NodeKind::Notifier => Band::Senders,
            NodeKind::Exchange => Band::Exchanges,
            NodeKind::Queue => Band::Queues,
            NodeKind::Consumer | NodeKind::RpcServer | NodeKind::Listener => Band::Receivers,
        }
    }
}
