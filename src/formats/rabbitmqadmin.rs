//! A topology as a POSIX shell script of `rabbitmqadmin` commands, which a real RabbitMQ runs
//! to get the same exchanges, queues, bindings, policies and operator policies; for either
//! client (`Client`): rabbitmqadmin v2, the RabbitMQ team's Rust CLI of RabbitMQ 4
//! (`rabbitmqadmin --vhost=V declare queue --name=q ...`), or v1, the management plugin's
//! deprecated Python client (`rabbitmqadmin --vhost=V declare queue name=q ...`).
//!
//! Every argument is one word in single quotes (`'--name=value'` for v2, `'name=value'` for
//! v1), so no name, key or argument value (quotes, `$`, backticks, newlines, leading dashes)
//! is ever read by the shell, nor taken for an option by the client.
//! v2's `declare exchange` has no `internal` option, so an internal exchange is imported
//! instead, as a one-exchange definitions document piped to `definitions import_into_vhost`
//! (the document one single-quoted word too).
//! The script reads two environment variables: `VHOST` (default `/`, which must exist) and
//! `RABBITMQADMIN`, the command to run (default `rabbitmqadmin`; set it to add options such
//! as `--host host -u user -p password`, or `-H host` for v1).

use serde_json::json;

use crate::engine::Topology;
use crate::engine::policy::PolicyKind;
use crate::engine::topology::{Destination, ExchangeSpec};
use crate::engine::value::table_to_json;
use crate::formats::Diagnostic;

/// Which rabbitmqadmin a script is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Client {
    /// rabbitmqadmin v2 (`cargo install rabbitmqadmin`), whose options are `--name=value`.
    V2,
    /// The Python rabbitmqadmin v1 that RabbitMQ's management plugin serves (deprecated
    /// since RabbitMQ 4), whose arguments are `name=value`.
    V1,
}

/// The script that declares `topology` with `client`. Refused, naming the entity, when a name
/// or value holds a NUL character, which no shell word can carry.
pub fn commands(topology: &Topology, client: Client) -> Result<String, Diagnostic> {
    let mut script = String::from(match client {
        Client::V2 => {
            "#!/bin/sh\n\
             # Kaiten topology as rabbitmqadmin v2 commands (the RabbitMQ team's CLI: cargo install rabbitmqadmin).\n\
             # VHOST (default /) is the existing vhost to declare into; RABBITMQADMIN (default\n\
             # rabbitmqadmin) is the command, with any options: RABBITMQADMIN='rabbitmqadmin --host host -u user -p pass'.\n\
             set -eu\n\
             vhost=\"${VHOST:-/}\"\n\
             admin() { ${RABBITMQADMIN:-rabbitmqadmin} --vhost=\"$vhost\" \"$@\"; }\n"
        }
        Client::V1 => {
            "#!/bin/sh\n\
             # Kaiten topology as rabbitmqadmin commands (the Python rabbitmqadmin v1).\n\
             # VHOST (default /) is the existing vhost to declare into; RABBITMQADMIN (default\n\
             # rabbitmqadmin) is the command, with any options: RABBITMQADMIN='rabbitmqadmin -H host -u user -p pass'.\n\
             set -eu\n\
             vhost=\"${VHOST:-/}\"\n\
             admin() { ${RABBITMQADMIN:-rabbitmqadmin} --vhost=\"$vhost\" declare \"$@\"; }\n"
        }
    });
    let mut out = Script { text: &mut script, client };
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
        out.declare(what, &format!("policies[{idx}]"), &words)?;
    }
    for exchange in topology.exchanges().filter(|exchange| !exchange.is_builtin()) {
        let spec = &exchange.spec;
        let place = format!("exchange '{}'", spec.name);
        match client {
            Client::V2 if spec.internal => out.import_exchange(spec, &place)?,
            Client::V2 => {
                let words = [
                    ("name", spec.name.clone()),
                    ("type", spec.kind.as_str().to_string()),
                    ("durable", spec.durable.to_string()),
                    ("auto-delete", spec.auto_delete.to_string()),
                    ("arguments", table_to_json(&spec.arguments).to_string()),
                ];
                out.declare("exchange", &place, &words)?;
            }
            Client::V1 => {
                let words = [
                    ("name", spec.name.clone()),
                    ("type", spec.kind.as_str().to_string()),
                    ("durable", spec.durable.to_string()),
                    ("auto_delete", spec.auto_delete.to_string()),
                    ("internal", spec.internal.to_string()),
                    ("arguments", table_to_json(&spec.arguments).to_string()),
                ];
                out.declare("exchange", &place, &words)?;
            }
        }
    }
    for queue in topology.queues() {
        let spec = &queue.spec;
        let arguments = table_to_json(&spec.arguments).to_string();
        let place = format!("queue '{}'", spec.name);
        match client {
            Client::V2 => {
                // v2 always sends `x-queue-type` (`classic` unless told otherwise), so the type
                // is the queue's own.
                let quorum = spec.arguments.get("x-queue-type").and_then(|value| value.as_str()) == Some("quorum");
                let words = [
                    ("name", spec.name.clone()),
                    ("type", if quorum { "quorum" } else { "classic" }.to_string()),
                    ("durable", spec.durable.to_string()),
                    ("auto-delete", spec.auto_delete.to_string()),
                    ("arguments", arguments),
                ];
                out.declare("queue", &place, &words)?;
            }
            Client::V1 => {
                let words = [
                    ("name", spec.name.clone()),
                    ("durable", spec.durable.to_string()),
                    ("auto_delete", spec.auto_delete.to_string()),
                    ("arguments", arguments),
                ];
                out.declare("queue", &place, &words)?;
            }
        }
    }
    for binding in topology.bindings() {
        let source = topology.exchange(binding.source).map_or("", |exchange| exchange.name());
        let (destination, destination_type) = match binding.destination {
            Destination::Queue(queue) => (topology.queue(queue).map_or("", |queue| queue.name()), "queue"),
            Destination::Exchange(exchange) => {
                (topology.exchange(exchange).map_or("", |exchange| exchange.name()), "exchange")
            }
        };
        let (type_word, key_word) = match client {
            Client::V2 => ("destination-type", "routing-key"),
            Client::V1 => ("destination_type", "routing_key"),
        };
        let words = [
            ("source", source.to_string()),
            ("destination", destination.to_string()),
            (type_word, destination_type.to_string()),
            (key_word, binding.routing_key.clone()),
            ("arguments", table_to_json(&binding.arguments).to_string()),
        ];
        let place = format!("binding '{source}' -> '{destination}'");
        out.declare("binding", &place, &words)?;
    }
    Ok(script)
}

/// The script being written, for one client.
struct Script<'a> {
    text: &'a mut String,
    client: Client,
}

impl Script<'_> {
    /// Appends `admin declare WHAT '--name=value'...` (v2) or `admin WHAT 'name=value'...`
    /// (v1), or says which entity cannot be written.
    fn declare(&mut self, what: &str, place: &str, words: &[(&str, String)]) -> Result<(), Diagnostic> {
        let prefix = match self.client {
            Client::V2 => "--",
            Client::V1 => "",
        };
        let mut line = String::from(match self.client {
            Client::V2 => "admin declare ",
            Client::V1 => "admin ",
        });
        line.push_str(what);
        for (name, value) in words {
            refuse_nul(place, name, value)?;
            line.push(' ');
            line.push_str(&quoted(&format!("{prefix}{name}={value}")));
        }
        self.text.push_str(&line);
        self.text.push('\n');
        Ok(())
    }

    /// Appends a v2 import of one exchange as a definitions document (for what `declare
    /// exchange` cannot say: `internal`).
    fn import_exchange(&mut self, spec: &ExchangeSpec, place: &str) -> Result<(), Diagnostic> {
        // Refused as `declare` refuses it, though JSON would escape it: the same names export
        // with either command.
        refuse_nul(place, "name", &spec.name)?;
        let arguments = table_to_json(&spec.arguments);
        let document = json!({"exchanges": [{
            "name": spec.name,
            "type": spec.kind.as_str(),
            "durable": spec.durable,
            "auto_delete": spec.auto_delete,
            "internal": spec.internal,
            "arguments": arguments,
        }]});
        self.text.push_str("printf '%s\\n' ");
        self.text.push_str(&quoted(&document.to_string()));
        self.text.push_str(" | admin definitions import_into_vhost --stdin\n");
        Ok(())
    }
}

/// Refuses a NUL character in a value, which no shell word can carry, naming the entity.
fn refuse_nul(place: &str, name: &str, value: &str) -> Result<(), Diagnostic> {
    if value.contains('\0') {
        return Err(Diagnostic::new(place, crate::formats::Problem::NulInShellWord { name: name.to_string() }));
    }
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

    fn script_for(definitions: &str, client: Client) -> String {
        commands(&Definitions::parse(definitions).unwrap().0.topology, client).unwrap()
    }

    const EVERY_KIND: &str = r#"{"exchanges":[{"name":"orders","type":"topic","arguments":{"alternate-exchange":"ae"}},
            {"name":"ae","type":"fanout","internal":true}],
           "queues":[{"name":"created","arguments":{"x-max-length":10}},
                     {"name":"votes","durable":true,"arguments":{"x-queue-type":"quorum"}}],
           "bindings":[{"source":"orders","destination":"created","destination_type":"queue","routing_key":"order.*"},
                       {"source":"orders","destination":"ae","destination_type":"exchange","routing_key":""}],
           "policies":[{"name":"ttl","pattern":"^c","apply-to":"queues","definition":{"message-ttl":60},"priority":2}]}"#;

    fn admin_lines(script: &str) -> Vec<&str> {
        script.lines().filter(|line| line.starts_with("admin ") || line.starts_with("printf ")).collect()
    }

    #[test]
    fn every_entity_is_one_quoted_v2_command() {
        let script = script_for(EVERY_KIND, Client::V2);
        assert_eq!(
            admin_lines(&script),
            [
                r#"admin declare policy '--name=ttl' '--pattern=^c' '--apply-to=queues' '--priority=2' '--definition={"message-ttl":60}'"#,
                r#"admin declare exchange '--name=orders' '--type=topic' '--durable=true' '--auto-delete=false' '--arguments={"alternate-exchange":"ae"}'"#,
                r#"printf '%s\n' '{"exchanges":[{"name":"ae","type":"fanout","durable":true,"auto_delete":false,"internal":true,"arguments":{}}]}' | admin definitions import_into_vhost --stdin"#,
                r#"admin declare queue '--name=created' '--type=classic' '--durable=true' '--auto-delete=false' '--arguments={"x-max-length":10}'"#,
                r#"admin declare queue '--name=votes' '--type=quorum' '--durable=true' '--auto-delete=false' '--arguments={"x-queue-type":"quorum"}'"#,
                r#"admin declare binding '--source=orders' '--destination=created' '--destination-type=queue' '--routing-key=order.*' '--arguments={}'"#,
                r#"admin declare binding '--source=orders' '--destination=ae' '--destination-type=exchange' '--routing-key=' '--arguments={}'"#,
            ]
        );
        assert!(script.starts_with("#!/bin/sh\n"));
        assert!(script.contains(r#"admin() { ${RABBITMQADMIN:-rabbitmqadmin} --vhost="$vhost" "$@"; }"#), "{script}");
        assert!(script.contains(r#"vhost="${VHOST:-/}""#), "{script}");
    }

    #[test]
    fn every_entity_is_one_quoted_v1_command() {
        let script = script_for(EVERY_KIND, Client::V1);
        assert_eq!(
            admin_lines(&script),
            [
                r#"admin policy 'name=ttl' 'pattern=^c' 'apply-to=queues' 'priority=2' 'definition={"message-ttl":60}'"#,
                r#"admin exchange 'name=orders' 'type=topic' 'durable=true' 'auto_delete=false' 'internal=false' 'arguments={"alternate-exchange":"ae"}'"#,
                r#"admin exchange 'name=ae' 'type=fanout' 'durable=true' 'auto_delete=false' 'internal=true' 'arguments={}'"#,
                r#"admin queue 'name=created' 'durable=true' 'auto_delete=false' 'arguments={"x-max-length":10}'"#,
                r#"admin queue 'name=votes' 'durable=true' 'auto_delete=false' 'arguments={"x-queue-type":"quorum"}'"#,
                r#"admin binding 'source=orders' 'destination=created' 'destination_type=queue' 'routing_key=order.*' 'arguments={}'"#,
                r#"admin binding 'source=orders' 'destination=ae' 'destination_type=exchange' 'routing_key=' 'arguments={}'"#,
            ]
        );
        assert!(script.starts_with("#!/bin/sh\n"));
        assert!(script.contains(r#"admin() { ${RABBITMQADMIN:-rabbitmqadmin} --vhost="$vhost" declare "$@"; }"#));
    }

    #[test]
    fn operator_policies_are_declared_as_such() {
        let definitions = r#"{"parameters":[{"vhost":"/","component":"operator_policy","name":"cap",
            "value":{"pattern":"^-","apply-to":"queues","definition":{"max-length":5},"priority":0}}]}"#;
        assert_eq!(
            admin_lines(&script_for(definitions, Client::V2)),
            [
                r#"admin declare operator_policy '--name=cap' '--pattern=^-' '--apply-to=queues' '--priority=0' '--definition={"max-length":5}'"#
            ]
        );
    }

    #[test]
    fn quotes_dollars_newlines_and_dashes_stay_literal() {
        assert_eq!(quoted("it's $(rm -rf /) `x`\n-"), "'it'\\''s $(rm -rf /) `x`\n-'");
        let script = script_for(r#"{"queues":[{"name":"a'b $HOME"}]}"#, Client::V1);
        assert!(script.contains(r#"admin queue 'name=a'\''b $HOME'"#), "{script}");
        // A leading dash is part of the option word, never an option of its own.
        let script = script_for(r#"{"queues":[{"name":"-dash"},{"name":"a'b $HOME"}]}"#, Client::V2);
        assert!(script.contains(r#"admin declare queue '--name=-dash' "#), "{script}");
        assert!(script.contains(r#"admin declare queue '--name=a'\''b $HOME' "#), "{script}");
        // The imported document of an internal exchange is one quoted word as well.
        let script = script_for(r#"{"exchanges":[{"name":"it's","type":"direct","internal":true}]}"#, Client::V2);
        assert!(script.contains(r#"printf '%s\n' '{"exchanges":[{"name":"it'\''s","#), "{script}");
    }

    #[test]
    fn a_nul_character_is_refused_naming_the_entity() {
        for client in [Client::V2, Client::V1] {
            let (definitions, _) = Definitions::parse(r#"{"queues":[{"name":"a\u0000b"}]}"#).unwrap();
            let problem = commands(&definitions.topology, client).unwrap_err();
            assert_eq!(problem.path, "queue 'a\0b'");
            assert!(matches!(problem.problem, crate::formats::Problem::NulInShellWord { .. }), "{problem:?}");
        }
        let internal = r#"{"exchanges":[{"name":"x\u0000","type":"direct","internal":true}]}"#;
        let (definitions, _) = Definitions::parse(internal).unwrap();
        let problem = commands(&definitions.topology, Client::V2).unwrap_err();
        assert_eq!(problem.path, "exchange 'x\0'");
    }
}
