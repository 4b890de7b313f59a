//! A topology as a POSIX shell script of `rabbitmqadmin declare` commands (the management
//! plugin's command-line client), which a real RabbitMQ runs to get the same exchanges,
//! queues, bindings, policies and operator policies.
//!
//! Every argument is one `name=value` word in single quotes, so no name, key or argument
//! value (quotes, `$`, backticks, newlines, leading dashes) is ever read by the shell.
//! The script reads two environment variables: `VHOST` (default `/`, which must exist) and
//! `RABBITMQADMIN`, the command to run (default `rabbitmqadmin`; set it to add options such
//! as `-H host -u user -p password`).

use crate::engine::Topology;
use crate::engine::policy::PolicyKind;
use crate::engine::topology::Destination;
use crate::engine::value::table_to_json;
use crate::formats::Diagnostic;

/// The script that declares `topology`. Refused, naming the entity, when a name or value
/// holds a NUL character, which no shell word can carry.
pub fn commands(topology: &Topology) -> Result<String, Diagnostic> {
    let mut script = String::from(
        "#!/bin/sh\n\
         # Kaiten topology as rabbitmqadmin commands.\n\
         # VHOST (default /) is the existing vhost to declare into; RABBITMQADMIN (default\n\
         # rabbitmqadmin) is the command, with any options: RABBITMQADMIN='rabbitmqadmin -H host -u user -p pass'.\n\
         set -eu\n\
         vhost=\"${VHOST:-/}\"\n\
         admin() { ${RABBITMQADMIN:-rabbitmqadmin} --vhost=\"$vhost\" declare \"$@\"; }\n",
    );
    for (idx, policy) in topology.policies().iter().enumerate() {
        let what = match policy.kind {
            PolicyKind::User => "policy",
            PolicyKind::Operator => "operator_policy",
        };
        let words = [
            ("name", policy.name.clone()),
            ("pattern", policy.pattern.clone()),
            ("apply-to", policy.apply_to.as_str().to_string()),
            ("priority", policy.priority.to_string()),
            ("definition", table_to_json(&policy.definition).to_string()),
        ];
        line(&mut script, what, &format!("policies[{idx}]"), &words)?;
    }
    for exchange in topology.exchanges().filter(|exchange| !exchange.is_builtin()) {
        let spec = &exchange.spec;
        let words = [
            ("name", spec.name.clone()),
            ("type", spec.kind.as_str().to_string()),
            ("durable", spec.durable.to_string()),
            ("auto_delete", spec.auto_delete.to_string()),
            ("internal", spec.internal.to_string()),
            ("arguments", table_to_json(&spec.arguments).to_string()),
        ];
        line(&mut script, "exchange", &format!("exchange '{}'", spec.name), &words)?;
    }
    for queue in topology.queues() {
        let spec = &queue.spec;
        let words = [
            ("name", spec.name.clone()),
            ("durable", spec.durable.to_string()),
            ("auto_delete", spec.auto_delete.to_string()),
            ("arguments", table_to_json(&spec.arguments).to_string()),
        ];
        line(&mut script, "queue", &format!("queue '{}'", spec.name), &words)?;
    }
    for binding in topology.bindings() {
        let source = topology.exchange(binding.source).map_or("", |exchange| exchange.name());
        let (destination, destination_type) = match binding.destination {
            Destination::Queue(queue) => (topology.queue(queue).map_or("", |queue| queue.name()), "queue"),
            Destination::Exchange(exchange) => {
                (topology.exchange(exchange).map_or("", |exchange| exchange.name()), "exchange")
            }
        };
        let words = [
            ("source", source.to_string()),
            ("destination", destination.to_string()),
            ("destination_type", destination_type.to_string()),
            ("routing_key", binding.routing_key.clone()),
            ("arguments", table_to_json(&binding.arguments).to_string()),
        ];
        let place = format!("binding '{source}' -> '{destination}'");
        line(&mut script, "binding", &place, &words)?;
    }
    Ok(script)
}

/// Appends `admin WHAT 'name=value'...`, or says which entity cannot be written.
fn line(script: &mut String, what: &str, place: &str, words: &[(&str, String)]) -> Result<(), Diagnostic> {
    script.push_str("admin ");
    script.push_str(what);
    for (name, value) in words {
        if value.contains('\0') {
            return Err(Diagnostic::new(place, crate::formats::Problem::NulInShellWord { name: name.to_string() }));
        }
        script.push(' ');
        script.push_str(&quoted(&format!("{name}={value}")));
    }
    script.push('\n');
    Ok(())
}

/// `text` as one POSIX shell word: in single quotes, each `'` written as `'\''`.
pub fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::definitions::Definitions;

    fn script_for(definitions: &str) -> String {
        commands(&Definitions::parse(definitions).unwrap().0.topology).unwrap()
    }

    #[test]
    fn every_entity_is_one_quoted_command() {
        let script = script_for(
            r#"{"exchanges":[{"name":"orders","type":"topic","arguments":{"alternate-exchange":"ae"}},
                {"name":"ae","type":"fanout","internal":true}],
               "queues":[{"name":"created","arguments":{"x-max-length":10}}],
               "bindings":[{"source":"orders","destination":"created","destination_type":"queue","routing_key":"order.*"},
                           {"source":"orders","destination":"ae","destination_type":"exchange","routing_key":""}],
               "policies":[{"name":"ttl","pattern":"^c","apply-to":"queues","definition":{"message-ttl":60},"priority":2}]}"#,
        );
        let commands: Vec<&str> = script.lines().filter(|line| line.starts_with("admin ")).collect();
        assert_eq!(
            commands,
            [
                r#"admin policy 'name=ttl' 'pattern=^c' 'apply-to=queues' 'priority=2' 'definition={"message-ttl":60}'"#,
                r#"admin exchange 'name=orders' 'type=topic' 'durable=true' 'auto_delete=false' 'internal=false' 'arguments={"alternate-exchange":"ae"}'"#,
                r#"admin exchange 'name=ae' 'type=fanout' 'durable=true' 'auto_delete=false' 'internal=true' 'arguments={}'"#,
                r#"admin queue 'name=created' 'durable=true' 'auto_delete=false' 'arguments={"x-max-length":10}'"#,
                r#"admin binding 'source=orders' 'destination=created' 'destination_type=queue' 'routing_key=order.*' 'arguments={}'"#,
                r#"admin binding 'source=orders' 'destination=ae' 'destination_type=exchange' 'routing_key=' 'arguments={}'"#,
            ]
        );
        assert!(script.starts_with("#!/bin/sh\n"));
    }

    #[test]
    fn quotes_dollars_and_newlines_stay_literal() {
        assert_eq!(quoted("it's $(rm -rf /) `x`\n-"), "'it'\\''s $(rm -rf /) `x`\n-'");
        let script = script_for(r#"{"queues":[{"name":"a'b $HOME"}]}"#);
        assert!(script.contains(r#"admin queue 'name=a'\''b $HOME'"#), "{script}");
    }

    #[test]
    fn a_nul_character_is_refused_naming_the_entity() {
        let (definitions, _) = Definitions::parse(r#"{"queues":[{"name":"a\u0000b"}]}"#).unwrap();
        let problem = commands(&definitions.topology).unwrap_err();
        assert_eq!(problem.path, "queue 'a\0b'");
        assert!(matches!(problem.problem, crate::formats::Problem::NulInShellWord { .. }), "{problem:?}");
    }
}
