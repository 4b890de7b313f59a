//! Files in and out of the browser, without web types: a scenario file or a RabbitMQ
//! definitions document (as `rabbitmqctl export_definitions` or the management UI writes it)
//! opens onto the canvas; the canvas saves as a scenario file or exports as definitions,
//! `rabbitmqadmin` commands or an AsyncAPI document.
//! A file that does not load is reported with its JSON path and changes nothing.

use crate::editor::{Document, NodeId};
use crate::formats::definitions::Form;
use crate::formats::scenario::{Diagnostic, Scenario};
use crate::lesson::Lesson;
use crate::studio::lesson::LessonAction;
use crate::studio::{NotSimulated, Pick, Studio, StudioAction};

impl Studio {
    /// Opens a file's text onto the canvas ("My topology"), as one undo step; a file that
    /// does not load leaves everything as it was and says why in `problems`.
    pub(crate) fn open(mut self, name: &str, bytes: &[u8]) -> Studio {
        if let Some(lesson) = lesson_from(bytes) {
            return match lesson {
                Ok(lesson) => self.lesson_action(LessonAction::StartLesson(std::rc::Rc::new(lesson))),
                Err(problems) => {
                    self.refuse(name, problems);
                    self
                }
            };
        }
        match document_from(name, bytes) {
            Ok((doc, unsaved, not_simulated)) => {
                if self.pick == Pick::MyTopology {
                    self.my_topology = None;
                }
                self.show(doc, Pick::MyTopology, &unsaved);
                if !not_simulated.is_empty() {
                    self.not_simulated = Some(NotSimulated { source: name.to_string(), diagnostics: not_simulated });
                }
            }
            Err(problems) => self.refuse(name, problems),
        }
        self
    }

    /// Clears the canvas for a new topology ("My topology"), as one undo step, so Undo
    /// brings the old document back.
    pub(crate) fn start_new(mut self) -> Studio {
        if self.pick == Pick::MyTopology {
            self.my_topology = None;
        }
        self.show(Document::default(), Pick::MyTopology, &[]);
        self
    }

    /// The canvas as a scenario file (topology, actors, script, layout).
    pub fn scenario_file(&self) -> String {
        self.editor.doc.to_scenario().to_json()
    }

    /// The canvas's topology as a shell script of `rabbitmqadmin` commands for `client` (v2 or
    /// the deprecated Python v1), or why a name cannot be written in one.
    pub fn rabbitmqadmin_file(&self, client: crate::formats::rabbitmqadmin::Client) -> Result<String, Diagnostic> {
        crate::formats::rabbitmqadmin::commands(&self.editor.doc.topology, client)
    }

    /// The canvas as an AsyncAPI 3.0 document (JSON) with AMQP bindings: exchanges and
    /// queues as channels, producers and consumers as operations.
    pub fn asyncapi_file(&self) -> String {
        let doc = &self.editor.doc;
        let title = if doc.settings.title.is_empty() { &doc.settings.name } else { &doc.settings.title };
        let actors: Vec<_> = doc.actors().map(|(_, actor)| actor.clone()).collect();
        let document = crate::formats::asyncapi::document(title, &doc.topology, &actors);
        serde_json::to_string_pretty(&document).expect("AsyncAPI documents serialize")
    }

    /// The canvas's topology as RabbitMQ definitions JSON, which `rabbitmqctl
    /// import_definitions` and the management UI import.
    pub fn definitions_file(&self) -> String {
        self.definitions_file_as(self.definitions_form())
    }

    /// The form of definitions the canvas came in: one vhost's export, or the whole broker's
    /// (also what a drawing started here is).
    pub fn definitions_form(&self) -> Form {
        self.editor.doc.definitions().form()
    }

    /// The canvas's topology as definitions of the given form: a whole broker's (`rabbitmqctl
    /// import_definitions`, `POST /api/definitions`) or one vhost's (`POST
    /// /api/definitions/{vhost}`, the management UI's import into a vhost).
    pub fn definitions_file_as(&self, form: Form) -> String {
        let definitions = self.editor.doc.definitions().to_json_as(form);
        serde_json::to_string_pretty(&definitions).expect("definitions serialize")
    }
}

/// What pasting `text` (outside a text field) does: a JSON object (a scenario file or
/// definitions) opens like a file named `name`, with the same refusals; anything else
/// pastes the nodes copied with Ctrl+C.
pub fn paste_action(name: &str, text: &str) -> StudioAction {
    if text.trim_start().starts_with('{') {
        StudioAction::Open { name: name.to_string(), bytes: text.as_bytes().to_vec() }
    } else {
        StudioAction::Edit(crate::editor::Action::Paste)
    }
}

/// The lesson a file holds, if it is a lesson file (`"kaiten_lesson"`), checked.
fn lesson_from(bytes: &[u8]) -> Option<Result<Lesson, Vec<Diagnostic>>> {
    let text = crate::formats::file_text(bytes).ok()?;
    let document = crate::formats::parse_json(text).ok()?;
    crate::lesson::is_lesson(&document).then(|| Lesson::from_value(document))
}

/// The document a file describes (see [`Scenario::from_file`]), its nodes the file gives no
/// position (laid out automatically), and what it carries that the simulation keeps but does
/// not act on.
type Opened = (Document, Vec<NodeId>, Vec<Diagnostic>);
fn document_from(name: &str, bytes: &[u8]) -> Result<Opened, Vec<Diagnostic>> {
    let scenario = Scenario::from_file(name, bytes)?;
    let (doc, not_simulated) = Document::from_scenario_noting(&scenario)?;
    let unsaved = doc.unsaved_positions(&scenario);
    Ok((doc, unsaved, not_simulated))
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use serde_json::Value;

    use super::*;
    use crate::editor::Action;
    use crate::engine::QueueSpec;
    use crate::formats::MAX_FILE_BYTES;

    const DEFINITIONS: &str = r#"{
        "rabbit_version": "3.10.8",
        "exchanges": [{"name": "orders", "vhost": "/", "type": "topic", "durable": true, "auto_delete": false, "internal": false, "arguments": {}}],
        "queues": [{"name": "created", "vhost": "/", "durable": true, "auto_delete": false, "arguments": {"x-max-length": 10}}],
        "bindings": [{"source": "orders", "vhost": "/", "destination": "created", "destination_type": "queue", "routing_key": "order.*", "arguments": {}}]
    }"#;

    fn open(text: &str) -> Studio {
        Studio::default().apply(StudioAction::Open { name: "defs.json".into(), bytes: text.into() })
    }

    #[test]
    fn definitions_open_laid_out_and_export_again() {
        let studio = open(DEFINITIONS);
        assert!(studio.problems.is_empty(), "{:?}", studio.problems);
        let doc = &studio.editor.doc;
        assert_eq!(doc.nodes().len(), 2);
        assert!(doc.nodes().iter().all(|node| doc.position(*node).is_some()));
        let exported: Value = serde_json::from_str(&studio.definitions_file()).unwrap();
        assert_eq!(exported["bindings"][0]["routing_key"], "order.*");
        assert_eq!(exported["queues"][0]["arguments"]["x-max-length"], 10);
    }

    /// A whole `rabbitmqctl export_definitions` document: users, permissions, vhosts,
    /// parameters and policies around the topology.
    const EVERYTHING: &str = r#"{"bindings":[{"arguments":{},"destination":"q","destination_type":"queue","routing_key":"k","source":"x","vhost":"/"},{"arguments":{},"destination":"q2","destination_type":"queue","routing_key":"","source":"amq.fanout","vhost":"other"}],"exchanges":[{"arguments":{},"auto_delete":false,"durable":true,"name":"x","type":"direct","vhost":"/"}],"global_parameters":[{"name":"cluster_name","value":"rabbit@kaiten"}],"parameters":[{"component":"federation-upstream","name":"up","value":{"uri":"amqp://elsewhere"},"vhost":"/"},{"component":"operator_policy","name":"op","value":{"apply-to":"queues","definition":{"max-length":5},"pattern":".*","priority":0},"vhost":"/"}],"permissions":[{"configure":".*","read":".*","user":"alice","vhost":"/","write":"^x$"}],"policies":[{"apply-to":"queues","definition":{"message-ttl":60000},"name":"ttl","pattern":"^q","priority":1,"vhost":"/"}],"queues":[{"arguments":{},"auto_delete":false,"durable":true,"name":"q","type":"classic","vhost":"/"},{"arguments":{},"auto_delete":false,"durable":true,"name":"q2","type":"classic","vhost":"other"}],"rabbit_version":"3.10.8","rabbitmq_version":"3.10.8","topic_permissions":[{"exchange":"x","read":".*","user":"alice","vhost":"/","write":".*"}],"users":[{"hashing_algorithm":"rabbit_password_hashing_sha256","limits":{},"name":"alice","password_hash":"kI3GCqW5JLMJa4iX1lo7X4D6XbYqlLgxIs30+P6tENUV2POR","tags":["monitoring"]}],"vhosts":[{"limits":[],"metadata":{"description":"Default virtual host","tags":[]},"name":"/"},{"limits":[],"metadata":{"description":"","tags":[]},"name":"other"}]}"#;

    #[test]
    fn definitions_keep_what_they_carry_through_open_edit_save_and_export() {
        let studio = open(EVERYTHING);
        assert!(studio.problems.is_empty(), "{:?}", studio.problems);
        let queue = studio.editor.doc.topology.queue_by_name("q").unwrap();
        assert_eq!((queue.args.max_length, queue.args.message_ttl), (Some(5), Some(60_000)), "policies apply");
        let exported: Value = serde_json::from_str(&studio.definitions_file()).unwrap();
        assert_eq!(exported, serde_json::from_str::<Value>(EVERYTHING).unwrap());

        // Through a scenario file (and so autosave and share links) too.
        let saved = studio.scenario_file();
        let reopened =
            Studio::default().apply(StudioAction::Open { name: "saved.json".into(), bytes: saved.into_bytes() });
        assert_eq!(reopened.definitions_file(), studio.definitions_file());

        // An edit changes the topology's entries only.
        let mut edited = studio.clone();
        Rc::make_mut(&mut edited.editor.doc).topology.declare_queue(QueueSpec::new("new")).unwrap();
        let exported: Value = serde_json::from_str(&edited.definitions_file()).unwrap();
        let original: Value = serde_json::from_str(EVERYTHING).unwrap();
        for member in
            ["users", "permissions", "topic_permissions", "vhosts", "parameters", "global_parameters", "policies"]
        {
            assert_eq!(exported[member], original[member], "{member}");
        }
        let names: Vec<&str> =
            exported["queues"].as_array().unwrap().iter().map(|q| q["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["q", "q2", "new"]);
    }

    #[test]
    fn new_clears_the_canvas_and_undo_brings_the_old_document_back() {
        for studio in [open(DEFINITIONS), Studio::with_builtin("topics")] {
            let before = studio.scenario_file();
            let cleared = studio.apply(StudioAction::New);
            assert!(cleared.editor.doc.nodes().is_empty());
            assert_eq!(cleared.pick, Pick::MyTopology);
            let back = cleared.apply(StudioAction::Edit(Action::Undo));
            assert_eq!(back.scenario_file(), before);
        }
    }

    #[test]
    fn pasted_text_opens_like_a_file_and_anything_else_pastes_nodes() {
        let pasted =
            open(DEFINITIONS).apply(paste_action("pasted text", "  {\"queues\": [{\"name\": \"q\", \"durable\": 1}]}"));
        assert_eq!(pasted.problems[0].path, "pasted text: queues[0].durable");
        let pasted = Studio::default().apply(paste_action("pasted text", DEFINITIONS));
        assert_eq!(pasted.editor.doc.nodes().len(), 2);
        assert_eq!(paste_action("pasted text", "orders"), StudioAction::Edit(Action::Paste));
    }

    #[test]
    fn a_scenario_file_round_trips() {
        let studio = Studio::with_builtin("topics");
        let reopened = Studio::default()
            .apply(StudioAction::Open { name: "topics.json".into(), bytes: studio.scenario_file().into_bytes() });
        assert!(reopened.problems.is_empty(), "{:?}", reopened.problems);
        assert_eq!(reopened.scenario_file(), studio.scenario_file());
        assert!(reopened.run().is_some());
    }

    #[test]
    fn a_file_that_does_not_load_changes_nothing_and_names_the_place() {
        let before = open(DEFINITIONS);
        let doc = before.editor.doc.clone();
        let cases = [
            ("{", ""),
            ("[]", ""),
            (
                r#"{"queues": [{"name": "q", "arguments": {"x-max-length": "many"}}]}"#,
                "queues[0].arguments.x-max-length",
            ),
            ("\u{feff}{\"kaiten_scenario\": 1, \"name\": \"s\"}", ""),
        ];
        for (text, path) in cases {
            let after = before.clone().apply(StudioAction::Open { name: "bad.json".into(), bytes: text.into() });
            assert!(std::rc::Rc::ptr_eq(&doc, &after.editor.doc), "{text}");
            assert!(!after.problems.is_empty(), "{text}");
            assert!(after.problems[0].path.starts_with("bad.json"), "{:?}", after.problems);
            assert!(after.problems[0].path.contains(path), "{text}: {:?}", after.problems);
        }
        let huge = format!("[{}]", "0,".repeat(MAX_FILE_BYTES / 2));
        let after = before.clone().apply(StudioAction::Open { name: "huge.json".into(), bytes: huge.into_bytes() });
        assert!(
            matches!(after.problems[0].problem, crate::formats::Problem::FileTooLarge { .. }),
            "{:?}",
            after.problems
        );
    }
}
