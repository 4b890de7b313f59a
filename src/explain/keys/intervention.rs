//! The keys of the interventions' words: what the user did to a run and what it did, what
//! they asked for when it did nothing, and the names of the run view's intervention
//! buttons and scripted steps.

use crate::explain::lang::words;

words! {
    /// The interventions' words.
    pub trait InterventionWords {
        // What an intervention did.
        fn had_no_effect(&self, attempted: text, why: text);
        fn dropped_publish(&self, label: text, from: text, to: text);
        fn dropped_deliver(&self, label: text, from: text, to: text);
        fn dropped_settle(&self, label: text, from: text, to: text);
        fn dropped_return(&self, label: text, from: text, to: text);
        fn duplicated(&self, message: number, copy: number);
        fn crashed(&self, actor: text);
        fn asked_to_stop(&self, actor: text);
        fn restarted(&self, actor: text);
        fn paused(&self, actor: text);
        fn resumed(&self, actor: text, waited: number);
        fn normal_pace(&self, actor: text);
        fn slowed(&self, actor: text, factor: number);
        fn cut_off(&self, actor: text, until: number);
        fn bound(&self, queue: text, exchange: text, binding_key: text);
        fn unbound(&self, queue: text, exchange: text, binding_key: text);
        fn purged(&self, queue: text, messages: number);
        fn queue_deleted(&self, queue: text);
        fn lost_queues(&self, queues: text);
        fn lost_exchanges(&self, exchanges: text);
        fn lost_transient_messages(&self, messages: number);
        fn broker_restarted_lost(&self, lost: text);
        fn broker_restarted_nothing_lost(&self);

        // The intervention as the user asked for it.
        fn attempt_drop(&self, message: number);
        fn attempt_duplicate(&self, message: number);
        fn attempt_crash(&self, actor: text);
        fn attempt_stop(&self, actor: text);
        fn attempt_restart(&self, actor: text);
        fn attempt_pause(&self, actor: text);
        fn attempt_resume(&self, actor: text);
        fn attempt_slow(&self, actor: text, factor: number);
        fn attempt_cut_off(&self, actor: text, ms: number);
        fn attempt_bind(&self, queue: text, exchange: text);
        fn attempt_unbind(&self, queue: text, exchange: text);
        fn attempt_purge(&self, queue: text);
        fn attempt_delete(&self, queue: text);
        fn attempt_restart_broker(&self);

        // Why it did nothing.
        fn not_in_flight(&self);
        fn not_a_publish(&self);
        fn not_running(&self);
        fn already_paused(&self);
        fn not_paused(&self);
        fn no_such_queue(&self, queue: text);
        fn no_such_binding(&self);
        fn broker_refused(&self, error: text);

        // The run view's buttons.
        fn button_crash(&self, actor: text);
        fn button_stop_gracefully(&self, actor: text);
        fn button_restart(&self, actor: text);
        fn button_pause(&self, actor: text);
        fn button_resume(&self, actor: text);
        fn button_normal_speed(&self, actor: text);
        fn button_slow(&self, actor: text, factor: number);
        fn button_cut_off(&self, actor: text, seconds: text);
        fn button_drop(&self);
        fn button_duplicate(&self);
        fn button_bind(&self, queue: text, exchange: text);
        fn button_unbind(&self);
        fn button_purge(&self, queue: text);
        fn button_delete(&self, queue: text);
        fn button_restart_broker(&self);
        fn button_bind_to_picked(&self, queue: text);

        // Scripted steps on the timeline.
        fn scripted_drop(&self, message: number);
        fn scripted_duplicate(&self, message: number);
        fn scripted_unbind(&self, queue: text, exchange: text);
        fn scripted_at(&self, what: text, at_ms: number);

        // The panel, the menu and the timeline's marks.
        fn break_it(&self);
        fn forks_here(&self);
        fn bind_exchange_label(&self);
        fn bind_key_label(&self);
        fn menu_name(&self);
        fn nothing_to_break(&self);
    }
}
