//! The keys of the editor's words: what each kind of node is, what a selected edge does,
//! why a connection or an inspector value is refused, and where the live route preview
//! says a producer's message would go. Every refusal is a whole sentence per case (no
//! "A {kind} already has this name"), so each language keeps its own grammar.

use crate::explain::lang::words;

words! {
    /// The editor's words.
    pub trait EditWords {
        // The kinds of node, and what each does.
        fn kind_producer(&self);
        fn kind_exchange(&self);
        fn kind_queue(&self);
        fn kind_consumer(&self);
        fn kind_rpc_client(&self);
        fn kind_rpc_server(&self);
        fn kind_notifier(&self);
        fn kind_listener(&self);
        fn summary_producer(&self);
        fn summary_exchange(&self);
        fn summary_queue(&self);
        fn summary_consumer(&self);
        fn summary_rpc_client(&self);
        fn summary_rpc_server(&self);
        fn summary_notifier(&self);
        fn summary_listener(&self);
        fn node_about(&self, kind: text, summary: text);

        // What a selected edge does.
        fn binding_title(&self, exchange: text, destination: text);
        fn binding_about_direct(&self, exchange: text, destination: text);
        fn binding_about_topic(&self, exchange: text, destination: text);
        fn binding_about_fanout(&self, exchange: text, destination: text);
        fn binding_about_headers(&self, exchange: text, destination: text);
        fn publish_about(&self, producer: text, exchange: text);
        fn consume_about(&self, queue: text, consumer: text);

        // Why a connection is refused.
        fn same_node(&self);
        fn already_connected(&self);
        fn already_bound(&self, binding_key: text);
        fn broker_refuses_binding(&self, error: text);
        fn oslo_not_wired(&self);
        fn producer_to_queue(&self);
        fn producer_to_non_exchange(&self);
        fn exchange_to_consumer(&self);
        fn nothing_flows_into_producer(&self);
        fn queue_to_exchange(&self);
        fn queue_to_non_consumer(&self);
        fn consumer_to_queue(&self);
        fn consumer_to_non_queue(&self);
        fn cannot_connect(&self);

        // Why an inspector value is refused.
        fn value_required(&self);
        fn name_taken_producer(&self);
        fn name_taken_exchange(&self);
        fn name_taken_queue(&self);
        fn name_taken_consumer(&self);
        fn name_taken_rpc_client(&self);
        fn name_taken_rpc_server(&self);
        fn name_taken_notifier(&self);
        fn name_taken_listener(&self);
        fn whole_number(&self);
        fn whole_number_up_to(&self, max: number);
        fn range_expected(&self);
        fn low_above_high(&self);
        fn not_a_choice(&self);
        fn header_line(&self, line: number);
        fn rabbitmq_would_refuse(&self, error: text);

        // Where the route preview says the next message goes.
        fn preview_returned(&self, routing_key: text);
        fn preview_dropped(&self, routing_key: text);
        fn preview_one_queue(&self, routing_key: text, queue: text);
        fn preview_queues(&self, routing_key: text, queues: text, last: text);
    }
}
