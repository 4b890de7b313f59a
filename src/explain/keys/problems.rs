//! The keys of the words for file problems (`formats::Problem`): one key per kind of problem,
//! and where a problem may offer a near name, a second key that says it too ("did you mean"),
//! so each language keeps its own word order. Lists arrive joined with the trace's
//! `list_separator`; code words (`null`, numbers as written, serde's own text) are no keys.

use crate::explain::lang::words;

words! {
    /// What is wrong with a file, a link, saved work or a script.
    pub trait ProblemWords {
        // Kinds of JSON value, as a problem names what it found or wanted.
        fn kind_bool(&self);
        fn kind_number(&self);
        fn kind_string(&self);
        fn kind_array(&self);
        fn kind_object(&self);

        // What serde wanted.
        fn expected_u8(&self);
        fn expected_u16(&self);
        fn expected_u32(&self);
        fn expected_u64(&self);
        fn expected_i64(&self);
        fn expected_f64(&self);
        fn expected_string(&self);
        fn expected_bool(&self);
        fn expected_array(&self);
        fn expected_object(&self);
        fn expected_object_with_kind(&self);

        // What serde found instead.
        fn got_string(&self, value: text);
        fn got_array(&self);
        fn got_object(&self);

        // The names a field or variant may take.
        fn one_of_two(&self, first: text, second: text);
        fn one_of_many(&self, names: text);

        // Reading a file.
        fn too_many_entries(&self, entries: number, max: number);
        fn file_too_large(&self, max_mib: number);
        fn not_utf8(&self, offset: number);
        fn byte_order_mark(&self);
        fn symlink_loop(&self);
        fn permission_denied(&self);
        fn is_a_directory(&self);
        fn cannot_read(&self, error: text);
        fn duplicate_key(&self, key: text);
        fn json_ends_early(&self, line: number, column: number);
        fn json_too_deep(&self, line: number, column: number);
        fn invalid_json(&self, error: text, line: number, column: number);

        // Serde's complaints about a value.
        fn wrong_type(&self, expected: text, got: text);
        fn invalid_length(&self, length: number, expected: text);
        fn missing_field(&self, field: text);
        fn unknown_field(&self, found: text, expected: text);
        fn unknown_field_no_fields(&self, found: text);
        fn unknown_variant(&self, found: text, expected: text);
        fn unknown_variant_no_variants(&self, found: text);
        fn duplicate_field(&self, field: text);
        fn serde(&self, text: text);

        // Scenario files.
        fn scenario_not_object(&self, got: text);
        fn scenario_version(&self, reads: number, file: number);
        fn no_actor_named(&self, name: text);
        fn no_actor_named_did_you_mean(&self, name: text, suggestion: text);
        fn actors_share_name(&self, name: text);
        fn no_queue_named(&self, name: text);
        fn no_queue_named_did_you_mean(&self, name: text, suggestion: text);
        fn invalid_regex(&self, error: text);
        fn bounds_reversed(&self, low: number, high: number);
        fn template_too_large(&self, bound: number, max: number);
        fn actor_not_object(&self, got: text);
        fn actor_kind_missing(&self, kinds: text);
        fn unknown_actor_kind(&self, found: text, kinds: text);
        fn unknown_actor_kind_did_you_mean(&self, found: text, suggestion: text, kinds: text);
        fn step_not_object(&self, got: text);
        fn step_names_no_action(&self, actions: text);
        fn unknown_step_action(&self, found: text, actions: text);
        fn unknown_step_action_did_you_mean(&self, found: text, suggestion: text, actions: text);
        fn step_names_several(&self, count: number, names: text);
        fn not_a_probability(&self, value: text);

        // RabbitMQ definitions.
        fn definitions_not_object(&self, got: text);
        fn integer_too_large(&self, number: text, max: text);
        fn parameter_not_applied(&self);
        fn policy_keys_not_simulated(&self, keys: text);
        fn apply_to_invalid(&self, found: text);
        fn unknown_exchange_type(&self, found: text);
        fn builtin_exchange_type(&self, name: text, kind: text);
        fn alternate_exchange_not_name(&self, got: text);
        fn quorum_needs_argument(&self);
        fn arguments_make_quorum(&self);
        fn queue_type_not_simulated(&self, found: text);
        fn no_exchange(&self, name: text);
        fn no_queue(&self, name: text);
        fn default_exchange_bound(&self);
        fn x_match_invalid(&self, found: text);
        fn other_vhost(&self, vhost: text);
        fn key_kept(&self);
        fn key_kept_did_you_mean(&self, suggestion: text);
        fn argument_not_simulated(&self);
        fn reserved_exchange_kept(&self, name: text);
        // One notice for all that a file carries and the simulation keeps but does not act on.
        fn kept_not_simulated(&self, items: text);
        fn kept_vhost(&self, vhost: text, entries: number);
        fn kept_key_did_you_mean(&self, path: text, suggestion: text);
        fn kept_named(&self, path: text, name: text);
        fn broker(&self, text: text);
        // RabbitMQ's refusal text, unchanged, then why in plain words.
        fn broker_because(&self, text: text, reason: text);
        fn reason_value_negative(&self, value: text);
        fn reason_value_zero(&self);
        fn reason_value_too_large(&self, value: text);
        fn reason_max_value_exceeded(&self, value: text);
        fn reason_unsupported_queue_type(&self, name: text);
        fn reason_not_an_integer(&self, kind: text);
        fn reason_unacceptable_type(&self, kind: text);
        fn reason_invalid_overflow(&self);
        fn reason_server_named(&self, queue_type: text);
        fn reason_invalid_dlx_strategy(&self);

        // Lesson files.
        fn lesson_version(&self, reads: number, file: number);
        fn lesson_without_steps(&self);
        fn answer_typed(&self);
        fn kind_missing(&self, kinds: text);
        fn unknown_kind(&self, found: text, kinds: text);
        fn unknown_kind_did_you_mean(&self, found: text, suggestion: text, kinds: text);
        fn policy_invalid_pattern(&self, error: text);
        fn policy_operator_key_not_allowed(&self, allowed: text);
        fn policy_expected_integer(&self, least: number, got: text);
        fn policy_not_an_overflow(&self, found: text);
        fn policy_expected_string(&self, got: text);

        // Headless AMQP scripts.
        fn script_not_array(&self, got: text);
        fn script_step_not_object(&self, got: text);
        fn script_step_empty(&self, actions: text);
        fn script_step_several(&self, count: number, names: text);
        fn unknown_script_action(&self, found: text, actions: text);
        fn unknown_script_action_did_you_mean(&self, found: text, suggestion: text, actions: text);
        fn no_unsettled_delivery(&self, message_id: text);
        fn no_unsettled_delivery_from(&self, message_id: text, queue: text);
        fn consumer_tag_in_use(&self, tag: text);
        fn no_consumer_tag(&self, tag: text);

        // Exports, links, saved work and built-in scenarios.
        fn nul_in_shell_word(&self, name: text);
        fn not_a_share_link(&self);
        fn share_link_too_long(&self);
        fn share_link_not_base64(&self);
        fn share_link_cut(&self);
        fn share_link_not_text(&self);
        fn saved_version(&self, version: number);
        fn no_builtin_scenario(&self, name: text);
        fn no_builtin_scenario_of(&self, name: text, names: text);
        fn no_file_or_builtin(&self, names: text);
        fn no_file_or_builtin_did_you_mean(&self, suggestion: text, names: text);
        fn unknown_option(&self, option: text, options: text);
        fn unknown_option_did_you_mean(&self, option: text, suggestion: text, options: text);
        fn bad_option(&self, option: text, value: text, values: text);
        fn bad_number_option(&self, option: text, value: text, min: number, max: number);
        fn unknown_message(&self, kind: text, kinds: text);
        fn message_needs(&self, kind: text, member: text);
    }
}
