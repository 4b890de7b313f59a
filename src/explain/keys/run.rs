//! The keys of the run view's words: the language switch, message kinds, log filters, what
//! nodes show while the run is on, call outcomes and where playback is.

use crate::explain::lang::words;

words! {
    /// The run view's words.
    pub trait RunWords {
        fn language(&self);

        fn kind_plain(&self);
        fn kind_call(&self);
        fn kind_reply(&self);
        fn kind_cast(&self);
        fn kind_fanout_cast(&self);
        fn kind_notification(&self);
        fn kind_dead_lettered(&self);
        fn kind_returned(&self);
        fn kind_settle(&self);

        fn entries_on_the_wire(&self);
        fn entries_broker(&self);
        fn entries_clients(&self);
        fn entries_interventions(&self);

        fn queue_badge(&self, ready: number, unacked: number);
        fn client_blocked(&self, remaining_ms: number);
        fn client_busy(&self, unacked: number);
        fn client_idle_received(&self, received: number);
        fn client_idle_sent(&self, sent: number);
        fn client_done(&self, sent: number);
        fn client_stopped(&self);
        fn client_paused(&self, unacked: number);
        fn gone_from_the_broker(&self);

        fn call_returned(&self, method: text, value: text);
        fn call_raised(&self, method: text, class: text);
        fn call_raised_remote(&self, method: text, class: text, remote: text);
        fn call_raised_detail(&self, method: text, class: text, message: text);

        fn clock(&self, time_ms: number);
        fn position(&self, position: number, end: number);
        fn position_cut(&self, position: number, end: number);

        fn run_as_text(&self);
        fn run_text_moment(&self, position: text, clock: text);
        fn run_text_last(&self);
        fn run_text_nothing_yet(&self);
        fn run_text_wire(&self);
        fn run_text_wire_empty(&self);
        fn run_text_wire_item(&self, message: text, leg: text);
        fn run_text_nodes(&self);
        fn run_text_node(&self, name: text, kind: text, badge: text);
    }
}
