//! The editor's words in English.

use crate::explain::keys::EditWords;
use crate::explain::lang::English;

impl EditWords for English {
    fn kind_producer(&self) -> String {
        "Producer".into()
    }
    fn kind_exchange(&self) -> String {
        "Exchange".into()
    }
    fn kind_queue(&self) -> String {
        "Queue".into()
    }
    fn kind_consumer(&self) -> String {
        "Consumer".into()
    }
    fn kind_rpc_client(&self) -> String {
        "RPC client".into()
    }
    fn kind_rpc_server(&self) -> String {
        "RPC server".into()
    }
    fn kind_notifier(&self) -> String {
        "Notifier".into()
    }
    fn kind_listener(&self) -> String {
        "Notification listener".into()
    }
    fn summary_producer(&self) -> String {
        "Publishes messages to an exchange, each with a routing key and optional headers.".into()
    }
    fn summary_exchange(&self) -> String {
        "Receives published messages and routes copies to queues or other exchanges by its type (direct, fanout, topic or headers) and its bindings."
            .into()
    }
    fn summary_queue(&self) -> String {
        "Holds messages in order until a consumer takes them; its arguments set limits, expiry and dead-lettering."
            .into()
    }
    fn summary_consumer(&self) -> String {
        "Takes messages from a queue, processes them and acknowledges or rejects each one.".into()
    }
    fn summary_rpc_client(&self) -> String {
        "Makes oslo.messaging calls (waits for a reply or a timeout) and casts (fire and forget) to a target.".into()
    }
    fn summary_rpc_server(&self) -> String {
        "Listens on a topic and server name, runs the called method and sends the reply back.".into()
    }
    fn summary_notifier(&self) -> String {
        "Emits oslo.messaging notifications on a topic with a priority such as info or error.".into()
    }
    fn summary_listener(&self) -> String {
        "Receives notifications for the topics and priorities it subscribes to.".into()
    }
    fn node_about(&self, kind: &str, summary: &str) -> String {
        format!("{kind}. {summary}")
    }

    fn binding_title(&self, exchange: &str, destination: &str) -> String {
        format!("Binding {exchange} → {destination}")
    }
    fn binding_about_direct(&self, exchange: &str, destination: &str) -> String {
        format!(
            "Exchange {exchange} routes to {destination}: a message goes this way when its routing key equals the binding key."
        )
    }
    fn binding_about_topic(&self, exchange: &str, destination: &str) -> String {
        format!(
            "Exchange {exchange} routes to {destination}: the binding key is a pattern of words: * stands for one word, # for zero or more."
        )
    }
    fn binding_about_fanout(&self, exchange: &str, destination: &str) -> String {
        format!(
            "Exchange {exchange} routes to {destination}: a fanout exchange ignores keys and copies every message to every binding."
        )
    }
    fn binding_about_headers(&self, exchange: &str, destination: &str) -> String {
        format!(
            "Exchange {exchange} routes to {destination}: the message's headers are checked against these arguments; x-match says whether all or any must match."
        )
    }
    fn publish_about(&self, producer: &str, exchange: &str) -> String {
        format!("{producer} publishes every message to exchange {exchange}. Delete this edge to disconnect them.")
    }
    fn consume_about(&self, queue: &str, consumer: &str) -> String {
        format!("{consumer} consumes the messages of queue {queue}. Delete this edge to disconnect them.")
    }

    fn same_node(&self) -> String {
        "Drop the connection on another node.".into()
    }
    fn already_connected(&self) -> String {
        "These two are already connected.".into()
    }
    fn already_bound(&self, binding_key: &str) -> String {
        format!(
            "This exchange is already bound to it with binding key {binding_key}. Select that binding to change its key before adding another."
        )
    }
    fn broker_refuses_binding(&self, error: &str) -> String {
        format!("The broker refuses this binding: {error}")
    }
    fn oslo_not_wired(&self) -> String {
        "oslo.messaging actors are not wired by hand: each declares its own exchange, queues and bindings from its target (topic and server). Set those in the inspector."
            .into()
    }
    fn producer_to_queue(&self) -> String {
        "A producer never publishes straight to a queue: it publishes to an exchange, whose bindings route to queues. Connect the producer to an exchange."
            .into()
    }
    fn producer_to_non_exchange(&self) -> String {
        "A producer publishes to an exchange: drop the connection on an exchange.".into()
    }
    fn exchange_to_consumer(&self) -> String {
        "An exchange routes to queues, never straight to a consumer: bind it to a queue, then connect the queue to the consumer."
            .into()
    }
    fn nothing_flows_into_producer(&self) -> String {
        "Nothing flows into a producer; it only publishes. Drag from the producer to an exchange.".into()
    }
    fn queue_to_exchange(&self) -> String {
        "A queue only delivers to consumers. To pass its messages on to an exchange, set a dead-letter exchange in the queue's inspector."
            .into()
    }
    fn queue_to_non_consumer(&self) -> String {
        "A queue delivers to consumers: drop the connection on a consumer.".into()
    }
    fn consumer_to_queue(&self) -> String {
        "Messages flow from the queue to the consumer: drag from the queue's port to the consumer.".into()
    }
    fn consumer_to_non_queue(&self) -> String {
        "A consumer only receives: drag from a queue to the consumer.".into()
    }
    fn cannot_connect(&self) -> String {
        "These two cannot be connected.".into()
    }

    fn value_required(&self) -> String {
        "This needs a value.".into()
    }
    fn name_taken_producer(&self) -> String {
        "A producer already has this name; names on the canvas are unique.".into()
    }
    fn name_taken_exchange(&self) -> String {
        "An exchange already has this name; names on the canvas are unique.".into()
    }
    fn name_taken_queue(&self) -> String {
        "A queue already has this name; names on the canvas are unique.".into()
    }
    fn name_taken_consumer(&self) -> String {
        "A consumer already has this name; names on the canvas are unique.".into()
    }
    fn name_taken_rpc_client(&self) -> String {
        "An RPC client already has this name; names on the canvas are unique.".into()
    }
    fn name_taken_rpc_server(&self) -> String {
        "An RPC server already has this name; names on the canvas are unique.".into()
    }
    fn name_taken_notifier(&self) -> String {
        "A notifier already has this name; names on the canvas are unique.".into()
    }
    fn name_taken_listener(&self) -> String {
        "A notification listener already has this name; names on the canvas are unique.".into()
    }
    fn whole_number(&self) -> String {
        "Enter a whole number, 0 or more.".into()
    }
    fn whole_number_up_to(&self, max: u64) -> String {
        format!("Enter a whole number from 0 to {max}.")
    }
    fn range_expected(&self) -> String {
        "Enter low-high in milliseconds, like 50-150.".into()
    }
    fn low_above_high(&self) -> String {
        "The low bound is above the high bound.".into()
    }
    fn not_a_choice(&self) -> String {
        "Pick one of the choices.".into()
    }
    fn header_line(&self, line: u64) -> String {
        format!("Line {line}: write name = value, or just name.")
    }
    fn rabbitmq_would_refuse(&self, error: &str) -> String {
        format!("RabbitMQ would refuse this: {error}")
    }

    fn preview_returned(&self, routing_key: &str) -> String {
        format!(
            "A message with routing key {routing_key} matches no binding: it is mandatory, so the broker returns it."
        )
    }
    fn preview_dropped(&self, routing_key: &str) -> String {
        format!("A message with routing key {routing_key} matches no binding: the broker drops it.")
    }
    fn preview_one_queue(&self, routing_key: &str, queue: &str) -> String {
        format!("A message with routing key {routing_key} goes to queue {queue}.")
    }
    fn preview_queues(&self, routing_key: &str, queues: &str, last: &str) -> String {
        format!("A message with routing key {routing_key} goes to queues {queues} and {last}.")
    }
}
