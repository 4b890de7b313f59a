//! File problems in words: each `formats::Problem` variant is one key of `ProblemWords`
//! (two where it may offer a near name), its fields the key's arguments. The CLI, the web
//! app and the tests all word a `Diagnostic` here, in the language they speak.

use crate::engine::policy::PolicyProblem;
use crate::explain::lang::{Catalogue, Lang};
use crate::formats::{Diagnostic, Expected, Got, JsonKind, Problem};

/// RabbitMQ's refusal text exactly as the broker sends it, then, where Kaiten knows the
/// reason's term (`{value_negative,-5}`), why in plain words beside it.
pub fn broker_refusal(w: &dyn Catalogue, text: &str) -> String {
    use crate::engine::RefusalReason;
    let reason = match RefusalReason::of_text(text) {
        None => return text.to_string(),
        Some(RefusalReason::ValueNegative(value)) => w.reason_value_negative(&value),
        Some(RefusalReason::ValueZero) => w.reason_value_zero(),
        Some(RefusalReason::ValueTooLarge(value)) => w.reason_value_too_large(&value),
        Some(RefusalReason::MaxValueExceeded(value)) => w.reason_max_value_exceeded(&value),
        Some(RefusalReason::UnsupportedQueueType(name)) => w.reason_unsupported_queue_type(&name),
        Some(RefusalReason::NotAnInteger(kind)) => w.reason_not_an_integer(&kind),
        Some(RefusalReason::UnacceptableType(kind)) => w.reason_unacceptable_type(&kind),
        Some(RefusalReason::InvalidOverflow) => w.reason_invalid_overflow(),
        Some(RefusalReason::ServerNamed(queue_type)) => w.reason_server_named(&queue_type),
        Some(RefusalReason::InvalidDlxStrategy) => w.reason_invalid_dlx_strategy(),
    };
    w.broker_because(text, &reason)
}

/// One problem with a file, a link or kept work: where, then what.
pub fn problem(lang: Lang, diagnostic: &Diagnostic) -> String {
    let what = words(lang, &diagnostic.problem);
    if diagnostic.path.is_empty() { what } else { lang.words().problem_at(&diagnostic.path, &what) }
}

/// What a file carries that the simulation keeps (and writes back) but does not act on, as
/// one notice: `kept, not simulated: vhost "orders" (3 entries), queues[2].arguments.x-queue-version, ...`.
/// None when the diagnostics are all of that kind and there are none.
pub fn kept_notice(lang: Lang, diagnostics: &[Diagnostic]) -> Option<String> {
    let w = lang.words();
    let mut vhosts: Vec<(&str, u64)> = Vec::new();
    let mut items = Vec::new();
    for diagnostic in diagnostics {
        let path = &diagnostic.path;
        match &diagnostic.problem {
            Problem::OtherVhost { vhost } => match vhosts.iter_mut().find(|(name, _)| name == vhost) {
                Some((_, count)) => *count += 1,
                None => vhosts.push((vhost, 1)),
            },
            Problem::KeyKept { suggestion: Some(near) } => items.push(w.kept_key_did_you_mean(path, near)),
            Problem::ReservedExchangeKept { name } => items.push(w.kept_named(path, name)),
            Problem::PolicyKeysNotSimulated { keys } => items.extend(keys.iter().map(|key| format!("{path}.{key}"))),
            Problem::ParameterNotApplied { component } => items.push(w.kept_named(path, component)),
            Problem::KeyKept { suggestion: None } | Problem::ArgumentNotSimulated => items.push(path.clone()),
            _ => items.push(problem(lang, diagnostic)),
        }
    }
    let vhosts = vhosts.into_iter().map(|(vhost, count)| w.kept_vhost(vhost, count));
    let all: Vec<String> = vhosts.chain(items).collect();
    (!all.is_empty()).then(|| w.kept_not_simulated(&w.list(&all)))
}

/// What is wrong, without where.
pub fn words(lang: Lang, problem: &Problem) -> String {
    let w = lang.words();
    match problem {
        Problem::TooManyEntries { entries, max } => w.too_many_entries(*entries, *max),
        Problem::FileTooLarge { max_mib } => w.file_too_large(*max_mib),
        Problem::NotUtf8 { offset } => w.not_utf8(*offset),
        Problem::ByteOrderMark => w.byte_order_mark(),
        Problem::SymlinkLoop => w.symlink_loop(),
        Problem::PermissionDenied => w.permission_denied(),
        Problem::IsADirectory => w.is_a_directory(),
        Problem::CannotRead { error } => w.cannot_read(error),
        Problem::DuplicateKey { key } => w.duplicate_key(key),
        Problem::JsonEndsEarly { line, column } => w.json_ends_early(*line, *column),
        Problem::JsonTooDeep { line, column } => w.json_too_deep(*line, *column),
        Problem::InvalidJson { error, line, column } => w.invalid_json(error, *line, *column),

        Problem::WrongType { expected: wanted, got: found } => w.wrong_type(&expected(w, wanted), &got(w, found)),
        Problem::InvalidLength { length, expected: wanted } => w.invalid_length(*length, &expected(w, wanted)),
        Problem::MissingField { field } => w.missing_field(field),
        Problem::UnknownField { found, expected: names } if names.is_empty() => w.unknown_field_no_fields(found),
        Problem::UnknownField { found, expected: names } => w.unknown_field(found, &one_of(w, names)),
        Problem::UnknownVariant { found, expected: names } if names.is_empty() => w.unknown_variant_no_variants(found),
        Problem::UnknownVariant { found, expected: names } => w.unknown_variant(found, &one_of(w, names)),
        Problem::DuplicateField { field } => w.duplicate_field(field),
        Problem::Serde { text } => w.serde(text),
        Problem::WrongKind { expected: wanted, got: found } => w.wrong_type(&kind(w, *wanted), &kind(w, *found)),

        Problem::ScenarioNotObject { got: found } => w.scenario_not_object(&kind(w, *found)),
        Problem::ScenarioVersion { reads, file } => w.scenario_version(*reads, *file),
        Problem::NoActorNamed { name, suggestion: None } => w.no_actor_named(name),
        Problem::NoActorNamed { name, suggestion: Some(near) } => w.no_actor_named_did_you_mean(name, near),
        Problem::ActorsShareName { name } => w.actors_share_name(name),
        Problem::NoQueueNamed { name, suggestion: None } => w.no_queue_named(name),
        Problem::NoQueueNamed { name, suggestion: Some(near) } => w.no_queue_named_did_you_mean(name, near),
        Problem::InvalidRegex { error } => w.invalid_regex(error),
        Problem::BoundsReversed { low, high } => w.bounds_reversed(*low, *high),
        Problem::TemplateTooLarge { bound, max } => w.template_too_large(*bound, *max),
        Problem::ActorNotObject { got: found } => w.actor_not_object(&kind(w, *found)),
        Problem::ActorKindMissing { kinds } => w.actor_kind_missing(&w.list(kinds)),
        Problem::UnknownActorKind { found, suggestion: None, kinds } => w.unknown_actor_kind(found, &w.list(kinds)),
        Problem::UnknownActorKind { found, suggestion: Some(near), kinds } => {
            w.unknown_actor_kind_did_you_mean(found, near, &w.list(kinds))
        }
        Problem::StepNotObject { got: found } => w.step_not_object(&kind(w, *found)),
        Problem::StepNamesNoAction { actions } => w.step_names_no_action(&w.list(actions)),
        Problem::UnknownStepAction { found, suggestion: None, actions } => {
            w.unknown_step_action(found, &w.list(actions))
        }
        Problem::UnknownStepAction { found, suggestion: Some(near), actions } => {
            w.unknown_step_action_did_you_mean(found, near, &w.list(actions))
        }
        Problem::StepNamesSeveral { names } => w.step_names_several(names.len() as u64, &w.list(names)),
        Problem::NotAProbability { value } => w.not_a_probability(value),

        Problem::DefinitionsNotObject { got: found } => w.definitions_not_object(&kind(w, *found)),
        Problem::IntegerTooLarge { number, max } => w.integer_too_large(number, max),
        Problem::ParameterNotApplied { .. } => w.parameter_not_applied(),
        Problem::PolicyKeysNotSimulated { keys } => w.policy_keys_not_simulated(&w.list(keys)),
        Problem::ApplyToInvalid { found } => w.apply_to_invalid(found),
        Problem::UnknownExchangeType { found } => w.unknown_exchange_type(found),
        Problem::BuiltinExchangeType { name, kind } => w.builtin_exchange_type(name, kind),
        Problem::AlternateExchangeNotName { got: found } => w.alternate_exchange_not_name(found),
        Problem::QuorumNeedsArgument => w.quorum_needs_argument(),
        Problem::ArgumentsMakeQuorum => w.arguments_make_quorum(),
        Problem::QueueTypeNotSimulated { found } => w.queue_type_not_simulated(found),
        Problem::NoExchange { name } => w.no_exchange(name),
        Problem::NoQueue { name } => w.no_queue(name),
        Problem::DefaultExchangeBound => w.default_exchange_bound(),
        Problem::XMatchInvalid { found } => w.x_match_invalid(found),
        Problem::OtherVhost { vhost } => w.other_vhost(vhost),
        Problem::KeyKept { suggestion: None } => w.key_kept(),
        Problem::KeyKept { suggestion: Some(near) } => w.key_kept_did_you_mean(near),
        Problem::ArgumentNotSimulated => w.argument_not_simulated(),
        Problem::ReservedExchangeKept { name } => w.reserved_exchange_kept(name),
        Problem::Broker { text } => w.broker(&broker_refusal(w, text)),
        Problem::Policy { problem } => policy(w, problem),

        Problem::LessonVersion { reads, file } => w.lesson_version(*reads, *file),
        Problem::LessonWithoutSteps => w.lesson_without_steps(),
        Problem::NoBuiltinLesson { name, names } => w.no_lesson(name, &w.list(names)),
        Problem::LessonUnavailable { name } => w.lesson_unavailable(name),
        Problem::AnswerTyped => w.answer_typed(),
        Problem::KindMissing { kinds } => w.kind_missing(&w.list(kinds)),
        Problem::UnknownKind { found, suggestion: None, kinds } => w.unknown_kind(found, &w.list(kinds)),
        Problem::UnknownKind { found, suggestion: Some(near), kinds } => {
            w.unknown_kind_did_you_mean(found, near, &w.list(kinds))
        }
        Problem::ScriptNotArray { got: found } => w.script_not_array(&kind(w, *found)),
        Problem::ScriptStepNotObject { got: found } => w.script_step_not_object(&kind(w, *found)),
        Problem::ScriptStepEmpty { actions } => w.script_step_empty(&w.list(actions)),
        Problem::ScriptStepSeveral { names } => {
            let quoted: Vec<String> = names.iter().map(|name| format!("\"{name}\"")).collect();
            w.script_step_several(names.len() as u64, &w.list(&quoted))
        }
        Problem::UnknownScriptAction { found, suggestion: None, actions } => {
            w.unknown_script_action(found, &w.list(actions))
        }
        Problem::UnknownScriptAction { found, suggestion: Some(near), actions } => {
            w.unknown_script_action_did_you_mean(found, near, &w.list(actions))
        }
        Problem::NoUnsettledDelivery { message_id, queue: None } => w.no_unsettled_delivery(message_id),
        Problem::NoUnsettledDelivery { message_id, queue: Some(queue) } => {
            w.no_unsettled_delivery_from(message_id, queue)
        }
        Problem::ConsumerTagInUse { tag } => w.consumer_tag_in_use(tag),
        Problem::NoConsumerTag { tag } => w.no_consumer_tag(tag),

        Problem::NulInShellWord { name } => w.nul_in_shell_word(name),
        Problem::NotAShareLink => w.not_a_share_link(),
        Problem::ShareLinkTooLong => w.share_link_too_long(),
        Problem::ShareLinkNotBase64 => w.share_link_not_base64(),
        Problem::ShareLinkCut => w.share_link_cut(),
        Problem::ShareLinkNotText => w.share_link_not_text(),
        Problem::SavedVersion { version } => w.saved_version(*version),
        Problem::NoBuiltinScenario { name } => w.no_builtin_scenario(name),
        Problem::NoBuiltinScenarioOf { name, names } => w.no_builtin_scenario_of(name, &w.list(names)),
        Problem::NoFileOrBuiltin { suggestion: None, names, .. } => w.no_file_or_builtin(&w.list(names)),
        Problem::NoFileOrBuiltin { suggestion: Some(near), names, .. } => {
            w.no_file_or_builtin_did_you_mean(near, &w.list(names))
        }
        Problem::UnknownOption { option, suggestion: None, options } => w.unknown_option(option, &w.list(options)),
        Problem::UnknownOption { option, suggestion: Some(near), options } => {
            w.unknown_option_did_you_mean(option, near, &w.list(options))
        }
        Problem::BadOption { option, value, values } => w.bad_option(option, value, &w.list(values)),
        Problem::BadNumberOption { option, value, min, max } => w.bad_number_option(option, value, *min, *max),
        Problem::UnknownMessage { kind, kinds } => w.unknown_message(kind, &w.list(kinds)),
        Problem::MessageNeeds { kind, member } => w.message_needs(kind, member),
    }
}

fn kind(w: &dyn Catalogue, kind: JsonKind) -> String {
    match kind {
        JsonKind::Null => "null".into(),
        JsonKind::Bool => w.kind_bool(),
        JsonKind::Number => w.kind_number(),
        JsonKind::String => w.kind_string(),
        JsonKind::Array => w.kind_array(),
        JsonKind::Object => w.kind_object(),
    }
}

fn expected(w: &dyn Catalogue, expected: &Expected) -> String {
    match expected {
        Expected::U8 => w.expected_u8(),
        Expected::U16 => w.expected_u16(),
        Expected::U32 => w.expected_u32(),
        Expected::U64 => w.expected_u64(),
        Expected::I64 => w.expected_i64(),
        Expected::F64 => w.expected_f64(),
        Expected::String => w.expected_string(),
        Expected::Bool => w.expected_bool(),
        Expected::Array => w.expected_array(),
        Expected::Object => w.expected_object(),
        Expected::ObjectWithKind => w.expected_object_with_kind(),
        Expected::Other(serde) => serde.replace('`', "'"),
    }
}

fn got(w: &dyn Catalogue, got: &Got) -> String {
    match got {
        Got::Number(value) => value.clone(),
        Got::String(value) => w.got_string(value),
        Got::Bool(value) => value.to_string(),
        Got::Array => w.got_array(),
        Got::Object => w.got_object(),
        Got::Null => "null".into(),
        Got::Other(serde) => serde.replace('`', "'"),
    }
}

/// The names a field or variant may take, each quoted: `'a'`, `'a' or 'b'`, `one of 'a', 'b', 'c'`.
fn one_of(w: &dyn Catalogue, names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("'{name}'")).collect();
    match quoted.as_slice() {
        [one] => one.clone(),
        [first, second] => w.one_of_two(first, second),
        many => w.one_of_many(&w.list(many)),
    }
}

/// What is wrong with a policy, in `w`'s language.
fn policy(w: &dyn Catalogue, problem: &PolicyProblem) -> String {
    match problem {
        PolicyProblem::InvalidPattern { error } => w.policy_invalid_pattern(error),
        PolicyProblem::OperatorKeyNotAllowed { allowed } => w.policy_operator_key_not_allowed(&w.list(allowed)),
        PolicyProblem::ExpectedInteger { least, got } => w.policy_expected_integer(*least, got),
        PolicyProblem::NotAnOverflow { found } => w.policy_not_an_overflow(found),
        PolicyProblem::ExpectedString { got } => w.policy_expected_string(got),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::definitions::Definitions;
    use crate::formats::scenario::Scenario;
    use crate::formats::script::parse;

    /// A problem as the CLI and the English UI show it.
    trait English {
        fn english(&self) -> String;
    }

    impl English for Diagnostic {
        fn english(&self) -> String {
            problem(Lang::En, self)
        }
    }

    #[test]
    fn problems_word_differently_in_each_language_but_keep_their_arguments() {
        let cases = [
            Diagnostic::new(
                "actors[0].queue",
                Problem::NoQueueNamed { name: "taks".into(), suggestion: Some("tasks".into()) },
            ),
            Diagnostic::new("seed", Problem::WrongType { expected: Expected::U64, got: Got::String("one".into()) }),
            Diagnostic::new("", Problem::NotUtf8 { offset: 25 }),
            Diagnostic::new(
                "queues[0].durabel",
                Problem::UnknownField { found: "durabel".into(), expected: vec!["name".into(), "durable".into()] },
            ),
            Diagnostic::new(
                "policies[0].definition.max-length",
                Problem::Policy { problem: PolicyProblem::ExpectedInteger { least: 0, got: "\"ten\"".into() } },
            ),
        ];
        let english: Vec<String> = cases.iter().map(|each| problem(Lang::En, each)).collect();
        let chinese: Vec<String> = cases.iter().map(|each| problem(Lang::ZhCn, each)).collect();
        assert_eq!(
            english,
            [
                "actors[0].queue: no queue named 'taks' (did you mean 'tasks'?)",
                "seed: expected a whole number from 0 to 18446744073709551615, got the string \"one\"",
                "the file is not UTF-8 text (invalid byte at offset 25); save it as UTF-8",
                "queues[0].durabel: unknown field 'durabel', expected 'name' or 'durable'",
                "policies[0].definition.max-length: expected an integer of at least 0, got \"ten\"",
            ]
        );
        for (chinese, english) in chinese.iter().zip(&english) {
            assert_ne!(chinese, english);
        }
        for (said, kept) in chinese.iter().zip([
            &["actors[0].queue", "'taks'", "'tasks'", "队列"][..],
            &["seed", "18446744073709551615", "\"one\"", "字符串"],
            &["25", "UTF-8"],
            &["queues[0].durabel", "'durabel'", "'name'", "'durable'", "字段"],
            &["policies[0].definition.max-length", "0", "\"ten\"", "整数"],
        ]) {
            for kept in kept {
                assert!(said.contains(kept), "{said} leaves out {kept}");
            }
        }
    }

    // Definitions.

    fn error_of(text: &str) -> String {
        Definitions::parse(text).unwrap_err().english()
    }

    #[test]
    fn policies_apply_and_are_written_back() {
        let text = r#"{"queues":[{"name":"orders","arguments":{"x-max-length":9}}],
            "exchanges":[{"name":"x","type":"direct"}],
            "policies":[{"vhost":"/","name":"cap","pattern":"^ord","apply-to":"queues","priority":1,
                         "definition":{"max-length":4,"ha-mode":"all"}},
                        {"vhost":"/","name":"ae","pattern":"^x$","apply-to":"exchanges","definition":{"alternate-exchange":"amq.fanout"}}],
            "parameters":[{"vhost":"/","component":"operator_policy","name":"op",
                           "value":{"pattern":".*","apply-to":"queues","definition":{"max-length":2},"priority":0}}]}"#;
        let (definitions, diagnostics) = Definitions::parse(text).unwrap();
        assert_eq!(definitions.topology.queue_by_name("orders").unwrap().args.max_length, Some(2));
        assert_eq!(definitions.topology.exchange_by_name("x").unwrap().alternate_exchange(), Some("amq.fanout"));
        assert_eq!(
            diagnostics.iter().map(English::english).collect::<Vec<_>>(),
            ["policies[0].definition: kept but not simulated: ha-mode"]
        );
        let written = Definitions::new(definitions.topology.clone()).to_json();
        assert_eq!(written["policies"].as_array().unwrap().len(), 2);
        assert_eq!(written["parameters"][0]["component"], "operator_policy");
        let (again, _) = Definitions::parse(&written.to_string()).unwrap();
        assert_eq!(again.topology.policies(), definitions.topology.policies());
        assert_eq!(
            error_of(r#"{"policies":[{"name":"p","pattern":"(","definition":{}}]}"#),
            "policies[0].pattern: not a valid regular expression: found open group without closing ')'"
        );
        assert_eq!(
            error_of(r#"{"queues":[{"name":"q","arguments":{"x-dead-letter-routing-key":"k"}}]}"#),
            "queues[0].arguments.x-dead-letter-routing-key: invalid arg 'x-dead-letter-routing-key' for queue 'q' in \
             vhost '/': routing_key_but_no_dlx_defined (406 PRECONDITION_FAILED)"
        );
    }

    #[test]
    fn a_refusal_keeps_rabbitmqs_text_and_says_why_beside_it() {
        assert_eq!(
            error_of(r#"{"queues":[{"name":"q","arguments":{"x-max-length":-5}}]}"#),
            "queues[0].arguments.x-max-length: invalid arg 'x-max-length' for queue 'q' in vhost '/': \
             {value_negative,-5} (Kaiten: -5 is negative; the value must be 0 or more)"
        );
        let problem = Problem::Broker {
            text: "invalid arg 'x-queue-type' for queue 'q' in vhost '/': \"unsupported queue type 'fake'\"".into(),
        };
        assert_eq!(
            words(Lang::ZhCn, &problem),
            "RabbitMQ 会拒绝：invalid arg 'x-queue-type' for queue 'q' in vhost '/': \"unsupported queue type \
             'fake'\"（Kaiten：“fake”不是队列类型；RabbitMQ 3.10 只认 classic、quorum 和 stream）"
        );
        let problem =
            Problem::Broker { text: "Cannot declare a server-named queue for type rabbit_quorum_queue".into() };
        assert_eq!(
            words(Lang::En, &problem),
            "Cannot declare a server-named queue for type rabbit_quorum_queue (Kaiten: only \
             a classic queue can be declared without a name for RabbitMQ to name it; give the rabbit_quorum_queue a \
             name)"
        );
        assert_eq!(
            words(Lang::ZhCn, &problem),
            "RabbitMQ 会拒绝：Cannot declare a server-named queue for type rabbit_quorum_queue（Kaiten：只有 classic \
             队列可以不带名字声明、由 RabbitMQ 命名；请给这个 rabbit_quorum_queue 起个名字）"
        );
    }

    #[test]
    fn big_integers_duplicates_and_a_bom_are_refused_in_words() {
        assert_eq!(
            error_of(r#"{"queues":[{"name":"q","arguments":{"x-max-length":9223372036854775808}}]}"#),
            "queues[0].arguments.x-max-length: 9223372036854775808 is too large: an AMQP argument holds integers up \
             to 9223372036854775807"
        );
        assert_eq!(
            error_of(r#"{"queues":[{"name":"q","durable":true,"durable":false}]}"#),
            r#"queues[0]: the key "durable" appears twice in this object"#
        );
        // RabbitMQ's import skips a byte-order mark; so does Kaiten's.
        assert!(Definitions::parse("\u{feff}{}").is_ok());
        assert_eq!(error_of("[]"), r#"the document must be a JSON object ({"queues": [...], ...}), not an array"#);
        assert_eq!(
            error_of(r#"{"queues":[{"name":"q","durable":"yes"}]}"#),
            r#"queues[0].durable: expected true or false, got the string "yes""#
        );
    }

    #[test]
    fn errors_name_the_json_path() {
        assert_eq!(
            error_of(
                r#"{"queues":[{"name":"q"}],"bindings":[{"source":"amq.direct","destination":"q","destination_type":"queue"},{"source":"amq.direct","destination":"q","destination_type":"queue"},{"source":"amq.direct","destination":"q9","destination_type":"queue","routing_key":"k"}]}"#
            ),
            r#"bindings[2].destination: no queue named "q9""#
        );
        assert!(
            error_of(r#"{"queues":[{"name":"q","arguments":{"x-overflow":"sideways"}}]}"#)
                .starts_with("queues[0].arguments.x-overflow: ")
        );
        assert!(
            error_of(r#"{"queues":[{"name":"q","durable":"yes"}]}"#).starts_with("queues[0].durable: expected true")
        );
        assert!(error_of(r#"{"exchanges":[{"name":"x","type":"nope"}]}"#).starts_with("exchanges[0].type: unknown"));
        assert!(
            error_of(r#"{"bindings":[{"source":"nope","destination":"q","destination_type":"queue"}]}"#)
                .starts_with("bindings[0].source: no exchange named")
        );
        assert!(error_of(r#"{"exchanges":[{"name":"h","type":"headers"}],"queues":[{"name":"q"}],"bindings":[{"source":"h","destination":"q","destination_type":"queue","arguments":{"x-match":"some"}}]}"#)
            .starts_with("bindings[0].arguments.x-match: "));
        assert!(error_of(r#"{"queues": 3}"#).starts_with("queues: expected an array"));
    }

    #[test]
    fn other_vhosts_are_kept_with_a_diagnostic_and_policies_applied() {
        let text = r#"{"queues":[{"name":"elsewhere","vhost":"other","durable":true,"auto_delete":false,"arguments":{}},{"name":"q","vhost":"/","durable":true,"auto_delete":false,"arguments":{}}],"policies":[{"vhost":"/","name":"p","pattern":".*","apply-to":"queues","definition":{"max-length":1},"priority":0}]}"#;
        let (definitions, diagnostics) = Definitions::parse(text).unwrap();
        assert_eq!(diagnostics.len(), 1, "the policy is applied: {diagnostics:?}");
        assert_eq!(definitions.save(), text);
        assert!(definitions.topology.queue_by_name("elsewhere").is_none());
        assert_eq!(definitions.topology.queue_by_name("q").unwrap().args.max_length, Some(1));
    }

    // Scenario files.

    fn problems_of(document: serde_json::Value) -> Vec<String> {
        let scenario = Scenario::from_json(&document.to_string()).unwrap_or_else(|errors| panic!("{errors:?}"));
        scenario.build(1).err().unwrap_or_default().iter().map(English::english).collect()
    }

    #[test]
    fn templates_that_would_expand_to_gigabytes_are_refused_at_load() {
        let name = "n".repeat(100_000);
        let problems = problems_of(serde_json::json!({
            "kaiten_scenario": 1, "name": "bomb",
            "actors": [{"kind": "producer", "name": name, "body": "{name}".repeat(50_000),
                        "headers": {"h": "{name}{name}{name}{name}{name}{name}{name}{name}{name}{name}{name}"}}]
        }));
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("actors[0].body: expands to up to 5000300000 bytes per message"));
        assert!(problems[1].starts_with("actors[0].headers.h: expands to up to"));
        let fine = problems_of(serde_json::json!({
            "kaiten_scenario": 1, "name": "fine",
            "actors": [{"kind": "producer", "name": "P", "body": "{name} {n} ".repeat(1_000)}]
        }));
        assert!(fine.is_empty(), "{fine:?}");
    }

    fn load_error(text: &str) -> Vec<String> {
        Scenario::from_json(text).unwrap_err().iter().map(English::english).collect()
    }

    // The oslo actors' steps, targets, methods and endpoints are read by hand
    // (formats::actors); these are the problems serde's derived readers gave.
    #[test]
    fn nested_oslo_settings_name_their_path() {
        let problems = load_error(
            r#"{"kaiten_scenario": 1, "name": "x", "actors": [
                {"kind": "rpc_client", "name": "c", "target": {"topic": "t", "fanot": true}, "steps": []},
                {"kind": "rpc_client", "name": "c2", "target": {"topic": "t"}, "transport": {"prefetch": -1},
                 "steps": [{"action": "call", "method": "m"}]},
                {"kind": "rpc_client", "name": "c3", "target": {"topic": "t"},
                 "steps": [{"action": "call", "method": "m", "prepare": {"timeout_ms": "soon"}}, {"action": "cast"}]},
                {"kind": "rpc_client", "name": "c4", "target": {"topic": "t"}, "steps": {"action": "cast"}},
                {"kind": "rpc_server", "name": "s", "target": {"topic": "t", "server": "h"},
                 "endpoints": [{"name": "e", "target": null, "methods": [{"name": "m", "behaviour": {"return": "1"}, "line": "x"}]}]},
                {"kind": "rpc_server", "name": "s2", "target": {"topic": "t", "server": "h"}, "endpoints": [{"name": "e"}]},
                {"kind": "notifier", "name": "n", "publisher_id": "p", "steps": [{"priority": "info", "event_type": "e", "count": true}]},
                {"kind": "notification_listener", "name": "l", "targets": [{"topic": 5}],
                 "endpoints": [{"name": "e", "handlers": [{"priority": "info", "result": "handled"}], "filter_rule": null}]},
                {"kind": "notification_listener", "name": "l2",
                 "endpoints": [{"name": "e", "handlers": [{"priority": "info", "duration": 5}], "filter_rule": {"payload": {"k": 1}}}]},
                {"kind": "notification_listener", "name": "l3",
                 "endpoints": [{"name": "e", "handlers": [], "filter_rule": {"publisher_id": null, "context": []}}]}
            ]}"#,
        );
        assert_eq!(
            problems,
            [
                "actors[0].target.fanot: unknown field 'fanot', expected one of 'exchange', 'topic', 'namespace', 'version', 'server', 'fanout', 'legacy_namespaces'",
                "actors[1].transport.prefetch: expected a whole number from 0 to 4294967295, got -1",
                "actors[2].steps[0].prepare.timeout_ms: expected a whole number from 0 to 18446744073709551615, got the string \"soon\"",
                "actors[3].steps: expected an array ([...]), got an object",
                "actors[4].endpoints[0].methods[0].line: expected a whole number from 0 to 4294967295, got the string \"x\"",
                "actors[5].endpoints[0]: missing field 'methods'",
                "actors[6].steps[0].count: expected a whole number from 0 to 4294967295, got true",
                "actors[7].targets[0].topic: expected a string (in double quotes), got 5",
                "actors[8].endpoints[0].handlers[0].duration: unknown field 'duration', expected one of 'priority', 'result', 'duration_ms'",
                "actors[9].endpoints[0].filter_rule.context: expected an object ({...}), got an array",
            ]
        );
    }

    #[test]
    fn problems_name_the_field_in_plain_words() {
        assert_eq!(
            load_error("[]"),
            ["scenario: a scenario must be a JSON object ({\"kaiten_scenario\": 1, ...}), not an array"]
        );
        assert!(load_error("\u{feff}{}")[0].starts_with("scenario: the file starts with a byte-order mark"));
        let problems = load_error(
            r#"{"kaiten_scenario": 1, "name": "x", "actors": [
                {"kind": "producer", "name": "p", "priority": 300},
                {"kind": "rpc_client", "name": "c", "target": {"topic": "t"},
                 "steps": [{"action": "cast", "method": "m", "count": -1}]},
                {"kind": "consumer", "name": "k", "queue": "q", "prefetch": "ten"},
                {"kind": "poducer", "name": "z"},
                {"name": "nokind"}
            ]}"#,
        );
        assert_eq!(
            problems,
            [
                "actors[0].priority: expected a whole number from 0 to 255, got 300",
                "actors[1].steps[0].count: expected a whole number from 0 to 4294967295, got -1",
                "actors[2].prefetch: expected a whole number from 0 to 4294967295, got the string \"ten\"",
                "actors[3].kind: unknown actor kind 'poducer' (did you mean 'producer'?); the kinds are producer, \
                 consumer, rpc_client, rpc_server, notifier, notification_listener",
                "actors[4].kind: missing: say what the actor is, one of producer, consumer, rpc_client, rpc_server, \
                 notifier, notification_listener",
            ]
        );
        assert_eq!(
            load_error(
                r#"{"kaiten_scenario": 1, "name": "x", "script": [{"at_ms": 5, "teleport": "P"}, {"at_ms": 5}]}"#
            ),
            [
                "script[0].teleport: unknown action 'teleport'; the actions are stop_actor, stop_gracefully, restart_actor, pause_actor, resume_actor, slow_actor, cut_off, drop_message, duplicate_message, bind, unbind, purge_queue, delete_queue, restart_broker",
                "script[1]: the step names no action; the actions are stop_actor, stop_gracefully, restart_actor, pause_actor, resume_actor, slow_actor, cut_off, drop_message, duplicate_message, bind, unbind, purge_queue, delete_queue, restart_broker"
            ]
        );
        assert_eq!(
            load_error(r#"{"kaiten_scenario": 1, "name": "x", "name": "y"}"#),
            ["scenario: the key \"name\" appears twice in this object"]
        );
    }

    #[test]
    fn an_invalid_filter_rule_is_refused_when_the_file_loads() {
        let problems = problems_of(serde_json::json!({
            "kaiten_scenario": 1, "name": "filters",
            "actors": [{"kind": "notification_listener", "name": "l", "targets": [{"topic": "notifications"}],
                        "endpoints": [{"name": "e", "handlers": [{"priority": "info"}],
                                       "filter_rule": {"event_type": "compute.(instance"}}]}]
        }));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("actors[0].endpoints[0].filter_rule: not a valid regular expression: "),
            "{problems:?}"
        );
    }

    // Headless scripts.

    #[test]
    fn parse_errors_name_the_step() {
        let error = parse(r#"[{"publish": {"exchange": "x"}}, {"publish": {"properties": {"priority": "high"}}}]"#)
            .unwrap_err();
        assert!(error.path.starts_with("[1].publish.properties.priority"), "{error:?}");
        let error = parse(r#"[{"teleport": {}}]"#).unwrap_err();
        assert!(
            error.english().starts_with("[0]: unknown action \"teleport\"; the actions are publish, "),
            "{error:?}"
        );
        let error = parse(r#"[{"publsh": {}}]"#).unwrap_err();
        assert!(error.english().contains("(did you mean 'publish'?)"), "{error:?}");
        assert_eq!(
            parse("[{}]").unwrap_err().english(),
            "[0]: an empty step: name one action (publish, get, ack, nack, reject, consume, cancel, advance-time, declare, case)"
        );
        assert_eq!(
            parse(r#"[{"get": {"queue": "q"}, "ack": {"message_id": "m"}}]"#).unwrap_err().english(),
            "[0]: a step names exactly one action, this one has 2: \"get\", \"ack\"; write them as separate steps"
        );
        assert_eq!(
            parse(r#"["publish"]"#).unwrap_err().english(),
            "[0]: a step must be an object with one key naming its action, such as {\"publish\": {...}}; got a string"
        );
        assert_eq!(
            parse(r#"{"publish": {}}"#).unwrap_err().english(),
            "$: a script must be a JSON array of steps ([{\"publish\": {...}}, ...]), not an object"
        );
        assert_eq!(
            parse(r#"[{"publish": {"properties": {"priority": 256}}}]"#).unwrap_err().english(),
            "[0].publish.properties.priority: expected a whole number from 0 to 255, got 256"
        );
        assert_eq!(parse(r#"[{"advance-time": {}}]"#).unwrap_err().english(), "[0].advance-time: missing field 'ms'");
        assert!(parse("\u{feff}[]").unwrap_err().english().starts_with("$: the file starts with a byte-order mark"));
        assert_eq!(
            parse(r#"[{"get": {"queue": "a", "queue": "b"}}]"#).unwrap_err().english(),
            "[0].get: the key \"queue\" appears twice in this object"
        );
    }
}
