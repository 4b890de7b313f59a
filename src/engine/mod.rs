//! The broker model: AMQP 0-9-1 exchanges, bindings, queues and consumers as RabbitMQ
//! implements them. Pure and clock-free: operations take the virtual time as an argument.

pub mod broker;
pub mod error;
pub mod explanation;
pub mod headers;
pub mod message;
pub mod order;
pub mod policy;
pub mod quorum;
pub mod sorted_map;
pub mod sorted_set;
pub mod stream;
pub mod topic;
pub mod topology;
pub mod value;

pub use broker::{
    Broker, BrokerEvent, ChannelId, Confirm, ConnectionId, ConsumeOptions, ConsumerId, Delivery, DropReason, Publish,
    PublishOutcome, RequeuePlace,
};
pub use error::{AmqpError, RefusalReason};
pub use message::{CopyId, Death, DeathReason, EntryReason, Message, Properties, PublishId, SimTime};
pub use sorted_map::SortedMap;
pub use sorted_set::SortedSet;
pub use topology::{
    Binding, BindingId, Destination, Exchange, ExchangeId, ExchangeKind, ExchangeSpec, Queue, QueueId, QueueSpec,
    Topology,
};
pub use value::{FieldTable, FieldValue};
