//! File problems in English.

use crate::explain::keys::ProblemWords;
use crate::explain::lang::English;

impl ProblemWords for English {
    fn kind_bool(&self) -> String {
        "a boolean".into()
    }
    fn kind_number(&self) -> String {
        "a number".into()
    }
    fn kind_string(&self) -> String {
        "a string".into()
    }
    fn kind_array(&self) -> String {
        "an array".into()
    }
    fn kind_object(&self) -> String {
        "an object".into()
    }

    fn expected_u8(&self) -> String {
        "a whole number from 0 to 255".into()
    }
    fn expected_u16(&self) -> String {
        "a whole number from 0 to 65535".into()
    }
    fn expected_u32(&self) -> String {
        "a whole number from 0 to 4294967295".into()
    }
    fn expected_u64(&self) -> String {
        "a whole number from 0 to 18446744073709551615".into()
    }
    fn expected_i64(&self) -> String {
        "a whole number".into()
    }
    fn expected_f64(&self) -> String {
        "a number".into()
    }
    fn expected_string(&self) -> String {
        "a string (in double quotes)".into()
    }
    fn expected_bool(&self) -> String {
        "true or false".into()
    }
    fn expected_array(&self) -> String {
        "an array ([...])".into()
    }
    fn expected_object(&self) -> String {
        "an object ({...})".into()
    }
    fn expected_object_with_kind(&self) -> String {
        "an object ({...}) with a \"kind\"".into()
    }

    fn got_string(&self, value: &str) -> String {
        format!("the string {value:?}").replace('`', "'")
    }
    fn got_array(&self) -> String {
        "an array".into()
    }
    fn got_object(&self) -> String {
        "an object".into()
    }

    fn one_of_two(&self, first: &str, second: &str) -> String {
        format!("{first} or {second}")
    }
    fn one_of_many(&self, names: &str) -> String {
        format!("one of {names}")
    }

    fn too_many_entries(&self, entries: u64, max: u64) -> String {
        format!("{entries} entries are more than {max}, the most Kaiten opens in one file")
    }
    fn file_too_large(&self, max_mib: u64) -> String {
        format!("the file is larger than {max_mib} MiB, the most Kaiten opens")
    }
    fn not_utf8(&self, offset: u64) -> String {
        format!("the file is not UTF-8 text (invalid byte at offset {offset}); save it as UTF-8")
    }
    fn byte_order_mark(&self) -> String {
        "the file starts with a byte-order mark (U+FEFF); save it as UTF-8 without a BOM".into()
    }
    fn symlink_loop(&self) -> String {
        "cannot read the file: it is a symbolic link that leads back to itself (a loop of links)".into()
    }
    fn permission_denied(&self) -> String {
        "cannot read the file: permission denied (the file or a folder on its path does not let you read it)".into()
    }
    fn is_a_directory(&self) -> String {
        "cannot read the file: it is a directory, not a file".into()
    }
    fn cannot_read(&self, error: &str) -> String {
        format!("cannot read the file: {error}")
    }
    fn duplicate_key(&self, key: &str) -> String {
        format!("the key \"{key}\" appears twice in this object")
    }
    fn json_ends_early(&self, line: u64, column: u64) -> String {
        format!("the JSON ends too early (line {line} column {column})")
    }
    fn json_too_deep(&self, line: u64, column: u64) -> String {
        format!("the JSON nests arrays and objects too deeply, more than 127 levels (line {line} column {column})")
    }
    fn invalid_json(&self, error: &str, line: u64, column: u64) -> String {
        format!("not valid JSON: {error} at line {line} column {column}")
    }

    fn wrong_type(&self, expected: &str, got: &str) -> String {
        format!("expected {expected}, got {got}")
    }
    fn invalid_length(&self, length: u64, expected: &str) -> String {
        format!("invalid length {length}, expected {expected}")
    }
    fn missing_field(&self, field: &str) -> String {
        format!("missing field '{field}'")
    }
    fn unknown_field(&self, found: &str, expected: &str) -> String {
        format!("unknown field '{found}', expected {expected}")
    }
    fn unknown_field_no_fields(&self, found: &str) -> String {
        format!("unknown field '{found}', there are no fields")
    }
    fn unknown_variant(&self, found: &str, expected: &str) -> String {
        format!("unknown variant '{found}', expected {expected}")
    }
    fn unknown_variant_no_variants(&self, found: &str) -> String {
        format!("unknown variant '{found}', there are no variants")
    }
    fn duplicate_field(&self, field: &str) -> String {
        format!("duplicate field '{field}'")
    }
    fn serde(&self, text: &str) -> String {
        text.replace('`', "'")
    }

    fn scenario_not_object(&self, got: &str) -> String {
        format!("a scenario must be a JSON object ({{\"kaiten_scenario\": 1, ...}}), not {got}")
    }
    fn scenario_version(&self, reads: u64, file: u64) -> String {
        format!("this Kaiten reads scenario version {reads}, the file is version {file}")
    }
    fn no_actor_named(&self, name: &str) -> String {
        format!("no actor named '{name}'")
    }
    fn no_actor_named_did_you_mean(&self, name: &str, suggestion: &str) -> String {
        format!("no actor named '{name}' (did you mean '{suggestion}'?)")
    }
    fn actors_share_name(&self, name: &str) -> String {
        format!("two actors are named '{name}'")
    }
    fn no_queue_named(&self, name: &str) -> String {
        format!("no queue named '{name}'")
    }
    fn no_queue_named_did_you_mean(&self, name: &str, suggestion: &str) -> String {
        format!("no queue named '{name}' (did you mean '{suggestion}'?)")
    }
    fn invalid_regex(&self, error: &str) -> String {
        format!("not a valid regular expression: {error}")
    }
    fn bounds_reversed(&self, low: u64, high: u64) -> String {
        format!("the lower bound {low} is above the upper bound {high}")
    }
    fn template_too_large(&self, bound: u64, max: u64) -> String {
        format!(
            "expands to up to {bound} bytes per message (with {{n}} and {{name}} filled in); \
             at most {max} bytes are allowed"
        )
    }
    fn actor_not_object(&self, got: &str) -> String {
        format!("an actor must be an object ({{\"kind\": ...}}), not {got}")
    }
    fn actor_kind_missing(&self, kinds: &str) -> String {
        format!("missing: say what the actor is, one of {kinds}")
    }
    fn unknown_actor_kind(&self, found: &str, kinds: &str) -> String {
        format!("unknown actor kind '{found}'; the kinds are {kinds}")
    }
    fn unknown_actor_kind_did_you_mean(&self, found: &str, suggestion: &str, kinds: &str) -> String {
        format!("unknown actor kind '{found}' (did you mean '{suggestion}'?); the kinds are {kinds}")
    }
    fn step_not_object(&self, got: &str) -> String {
        format!("a script step must be an object ({{\"at_ms\": 100, \"stop_actor\": \"name\"}}), not {got}")
    }
    fn step_names_no_action(&self, actions: &str) -> String {
        format!("the step names no action; the actions are {actions}")
    }
    fn unknown_step_action(&self, found: &str, actions: &str) -> String {
        format!("unknown action '{found}'; the actions are {actions}")
    }
    fn unknown_step_action_did_you_mean(&self, found: &str, suggestion: &str, actions: &str) -> String {
        format!("unknown action '{found}' (did you mean '{suggestion}'?); the actions are {actions}")
    }
    fn step_names_several(&self, count: u64, names: &str) -> String {
        format!("a step names exactly one action besides at_ms, this one has {count}: {names}")
    }
    fn not_a_probability(&self, value: &str) -> String {
        format!("{value} is not a probability between 0 and 1")
    }

    fn definitions_not_object(&self, got: &str) -> String {
        format!("the document must be a JSON object ({{\"queues\": [...], ...}}), not {got}")
    }
    fn integer_too_large(&self, number: &str, max: &str) -> String {
        format!("{number} is too large: an AMQP argument holds integers up to {max}")
    }
    fn parameter_not_applied(&self) -> String {
        "kept verbatim but not applied: of runtime parameters, the simulation acts on operator policies only".into()
    }
    fn policy_keys_not_simulated(&self, keys: &str) -> String {
        format!("kept but not simulated: {keys}")
    }
    fn apply_to_invalid(&self, found: &str) -> String {
        format!("\"{found}\" is not one of queues, classic_queues, quorum_queues, streams, exchanges, all")
    }
    fn unknown_exchange_type(&self, found: &str) -> String {
        format!("unknown exchange type \"{found}\": Kaiten simulates direct, fanout, topic and headers")
    }
    fn builtin_exchange_type(&self, name: &str, kind: &str) -> String {
        format!("the built-in exchange \"{name}\" is of type {kind}")
    }
    fn alternate_exchange_not_name(&self, got: &str) -> String {
        format!("expected an exchange name (a string), got {got}")
    }
    fn quorum_needs_argument(&self) -> String {
        "a quorum queue needs \"x-queue-type\": \"quorum\" in its arguments, as RabbitMQ exports it".into()
    }
    fn arguments_make_quorum(&self) -> String {
        "its arguments make it a quorum queue (\"x-queue-type\": \"quorum\"), so its type is \"quorum\"".into()
    }
    fn queue_type_not_simulated(&self, found: &str) -> String {
        format!("\"{found}\" queues are not simulated; Kaiten models classic and quorum queues")
    }
    fn no_exchange(&self, name: &str) -> String {
        format!("no exchange named \"{name}\"")
    }
    fn no_queue(&self, name: &str) -> String {
        format!("no queue named \"{name}\"")
    }
    fn default_exchange_bound(&self) -> String {
        "the default exchange cannot be bound: every queue is bound to it by name (403 ACCESS_REFUSED)".into()
    }
    fn x_match_invalid(&self, found: &str) -> String {
        format!("\"{found}\" is not one of all, any, all-with-x, any-with-x (406 PRECONDITION_FAILED)")
    }
    fn other_vhost(&self, vhost: &str) -> String {
        format!("vhost \"{vhost}\" is kept verbatim but not simulated (Kaiten simulates one vhost a file)")
    }
    fn key_kept(&self) -> String {
        "kept, not simulated: RabbitMQ's import ignores this member".into()
    }
    fn key_kept_did_you_mean(&self, suggestion: &str) -> String {
        format!("kept, not simulated: RabbitMQ's import ignores this member (did you mean '{suggestion}'?)")
    }
    fn argument_not_simulated(&self) -> String {
        "kept, not simulated: the broker model does not act on this argument".into()
    }
    fn kept_not_simulated(&self, items: &str) -> String {
        format!("kept, not simulated: {items}")
    }
    fn kept_vhost(&self, vhost: &str, entries: u64) -> String {
        let noun = if entries == 1 { "entry" } else { "entries" };
        format!("vhost \"{vhost}\" ({entries} {noun})")
    }
    fn kept_key_did_you_mean(&self, path: &str, suggestion: &str) -> String {
        format!("{path} (did you mean '{suggestion}'?)")
    }
    fn kept_named(&self, path: &str, name: &str) -> String {
        format!("{path} (\"{name}\")")
    }
    fn reserved_exchange_kept(&self, name: &str) -> String {
        format!("\"{name}\" is a reserved amq.* name, which RabbitMQ's import skips: kept, not simulated")
    }
    fn broker(&self, text: &str) -> String {
        text.into()
    }
    fn broker_because(&self, text: &str, reason: &str) -> String {
        format!("{text} (Kaiten: {reason})")
    }
    fn reason_value_negative(&self, value: &str) -> String {
        format!("{value} is negative; the value must be 0 or more")
    }
    fn reason_value_zero(&self) -> String {
        "an x-expires of 0 would delete the queue at once; it must be at least 1 ms".into()
    }
    fn reason_value_too_large(&self, value: &str) -> String {
        format!("{value} ms is more than RabbitMQ's limit of 315360000000 ms (ten years)")
    }
    fn reason_max_value_exceeded(&self, value: &str) -> String {
        format!("{value} is above the maximum of 255")
    }
    fn reason_unsupported_queue_type(&self, name: &str) -> String {
        format!("\"{name}\" is not a queue type; RabbitMQ 3.10 knows classic, quorum and stream")
    }
    fn reason_not_an_integer(&self, kind: &str) -> String {
        format!("the value must be an integer, not a {kind}")
    }
    fn reason_unacceptable_type(&self, kind: &str) -> String {
        format!("a value of AMQP type {kind} is not accepted here")
    }
    fn reason_invalid_overflow(&self) -> String {
        "x-overflow must be drop-head, reject-publish or reject-publish-dlx".into()
    }
    fn reason_server_named(&self, queue_type: &str) -> String {
        format!(
            "only a classic queue can be declared without a name for RabbitMQ to name it; give the {queue_type} a name"
        )
    }
    fn reason_invalid_dlx_strategy(&self) -> String {
        "x-dead-letter-strategy must be at-most-once or at-least-once".into()
    }
    fn lesson_version(&self, reads: u64, file: u64) -> String {
        format!("this Kaiten reads lesson version {reads}, the file is version {file}")
    }
    fn lesson_without_steps(&self) -> String {
        "a lesson needs at least one step".into()
    }
    fn answer_typed(&self) -> String {
        "a question does not name its answer: the engine computes it from the scenario".into()
    }
    fn kind_missing(&self, kinds: &str) -> String {
        format!("missing \"kind\": one of {kinds}")
    }
    fn unknown_kind(&self, found: &str, kinds: &str) -> String {
        format!("unknown kind \"{found}\"; the kinds are {kinds}")
    }
    fn unknown_kind_did_you_mean(&self, found: &str, suggestion: &str, kinds: &str) -> String {
        format!("unknown kind \"{found}\" (did you mean '{suggestion}'?); the kinds are {kinds}")
    }
    fn policy_invalid_pattern(&self, error: &str) -> String {
        format!("not a valid regular expression: {error}")
    }
    fn policy_operator_key_not_allowed(&self, allowed: &str) -> String {
        format!("an operator policy may set only {allowed}")
    }
    fn policy_expected_integer(&self, least: u64, got: &str) -> String {
        format!("expected an integer of at least {least}, got {got}")
    }
    fn policy_not_an_overflow(&self, found: &str) -> String {
        format!("'{found}' is not one of drop-head, reject-publish, reject-publish-dlx")
    }
    fn policy_expected_string(&self, got: &str) -> String {
        format!("expected a string, got {got}")
    }

    fn script_not_array(&self, got: &str) -> String {
        format!("a script must be a JSON array of steps ([{{\"publish\": {{...}}}}, ...]), not {got}")
    }
    fn script_step_not_object(&self, got: &str) -> String {
        format!("a step must be an object with one key naming its action, such as {{\"publish\": {{...}}}}; got {got}")
    }
    fn script_step_empty(&self, actions: &str) -> String {
        format!("an empty step: name one action ({actions})")
    }
    fn script_step_several(&self, count: u64, names: &str) -> String {
        format!("a step names exactly one action, this one has {count}: {names}; write them as separate steps")
    }
    fn unknown_script_action(&self, found: &str, actions: &str) -> String {
        format!("unknown action \"{found}\"; the actions are {actions}")
    }
    fn unknown_script_action_did_you_mean(&self, found: &str, suggestion: &str, actions: &str) -> String {
        format!("unknown action \"{found}\" (did you mean '{suggestion}'?); the actions are {actions}")
    }
    fn no_unsettled_delivery(&self, message_id: &str) -> String {
        format!("no unsettled delivery of message \"{message_id}\"")
    }
    fn no_unsettled_delivery_from(&self, message_id: &str, queue: &str) -> String {
        format!("no unsettled delivery of message \"{message_id}\" from queue \"{queue}\"")
    }
    fn consumer_tag_in_use(&self, tag: &str) -> String {
        format!("consumer tag \"{tag}\" is already in use (530 NOT_ALLOWED)")
    }
    fn no_consumer_tag(&self, tag: &str) -> String {
        format!("no consumer with tag \"{tag}\"")
    }

    fn nul_in_shell_word(&self, name: &str) -> String {
        format!("its {name} holds a NUL character, which no shell command can carry")
    }
    fn not_a_share_link(&self) -> String {
        "this is not a Kaiten share link; ask for the link again".into()
    }
    fn share_link_too_long(&self) -> String {
        "the link is too long; ask for the link again".into()
    }
    fn share_link_not_base64(&self) -> String {
        "the link is damaged (not base64); ask for the link again".into()
    }
    fn share_link_cut(&self) -> String {
        "the link is cut short or damaged; ask for the link again".into()
    }
    fn share_link_not_text(&self) -> String {
        "the link is damaged (not text); ask for the link again".into()
    }
    fn saved_version(&self, version: u64) -> String {
        format!("version {version} is not one this Kaiten reads")
    }
    fn no_builtin_scenario(&self, name: &str) -> String {
        format!("there is no built-in scenario named '{name}'")
    }
    fn no_builtin_scenario_of(&self, name: &str, names: &str) -> String {
        format!("there is no built-in scenario named '{name}' (there are: {names})")
    }
    fn no_file_or_builtin(&self, names: &str) -> String {
        format!("no such file and no built-in scenario of that name; built-ins: {names}")
    }
    fn no_file_or_builtin_did_you_mean(&self, suggestion: &str, names: &str) -> String {
        format!("no such file and no built-in scenario of that name (did you mean '{suggestion}'?); built-ins: {names}")
    }
    fn unknown_option(&self, option: &str, options: &str) -> String {
        format!("the player has no option '{option}' (it has: {options})")
    }
    fn unknown_option_did_you_mean(&self, option: &str, suggestion: &str, options: &str) -> String {
        format!("the player has no option '{option}' (did you mean '{suggestion}'? it has: {options})")
    }
    fn bad_option(&self, option: &str, value: &str, values: &str) -> String {
        format!("option '{option}': '{value}' is not one of {values}")
    }
    fn bad_number_option(&self, option: &str, value: &str, min: u64, max: u64) -> String {
        format!("option '{option}': '{value}' is not a whole number from {min} to {max}")
    }
    fn unknown_message(&self, kind: &str, kinds: &str) -> String {
        format!("the player takes no message of kind '{kind}' (it takes: {kinds})")
    }
    fn message_needs(&self, kind: &str, member: &str) -> String {
        format!("a '{kind}' message needs '{member}'")
    }
}
