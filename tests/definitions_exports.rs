//! Definitions as RabbitMQ 3.8 to 4.2 export them (`tests/definitions/`, each fixture's
//! source in its README): every file opens, in the studio as the browser opens it and in the
//! engine, saves back byte for byte, and says once what it keeps but does not simulate. What
//! each file becomes (its simulated topology and its notice, in English and Chinese) is pinned
//! in `tests/definitions/expected/` (`UPDATE_EXPECT=1 cargo test --test definitions_exports`
//! rewrites them).

use std::fmt::Write;
use std::path::{Path, PathBuf};

use expect_test::expect_file;
use kaiten::engine::topology::Destination;
use kaiten::explain::kept_notice;
use kaiten::explain::lang::Lang;
use kaiten::formats::definitions::{Definitions, Form};
use kaiten::studio::{Studio, StudioAction};
use serde_json::Value;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/definitions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 9, "the fixtures are there: {files:?}");
    files
}

/// The simulated topology, a line an entity, then the notice in both languages.
fn summary(definitions: &Definitions, notices: &[kaiten::formats::Diagnostic]) -> String {
    let topology = &definitions.topology;
    let mut out = format!("form: {:?}\n", definitions.form());
    for exchange in topology.exchanges().filter(|exchange| !exchange.is_builtin()) {
        writeln!(out, "exchange {} ({})", exchange.name(), exchange.spec.kind.as_str()).unwrap();
    }
    for queue in topology.queues() {
        let kind = match (queue.args.quorum, queue.args.stream) {
            (true, _) => "quorum",
            (_, true) => "stream",
            _ => "classic",
        };
        writeln!(out, "queue {} ({kind})", queue.name()).unwrap();
    }
    for binding in topology.bindings() {
        let source = topology.exchange(binding.source).unwrap().name();
        let destination = match binding.destination {
            Destination::Queue(queue) => format!("queue {}", topology.queue(queue).unwrap().name()),
            Destination::Exchange(exchange) => format!("exchange {}", topology.exchange(exchange).unwrap().name()),
        };
        writeln!(out, "binding {source} -> {destination} '{}'", binding.routing_key).unwrap();
    }
    for lang in Lang::ALL.iter() {
        writeln!(out, "{}: {}", lang.tag(), kept_notice(*lang, notices).unwrap_or_default()).unwrap();
    }
    out
}

#[test]
fn every_release_opens_and_says_what_it_keeps() {
    for path in fixtures() {
        let bytes = std::fs::read(&path).unwrap();
        let text = std::str::from_utf8(&bytes).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        let (definitions, notices) = Definitions::parse(text).unwrap_or_else(|error| panic!("{name}: {error:?}"));
        assert!(definitions.topology.queues().count() >= 2, "{name}: the queues are simulated");
        let stem = name.trim_end_matches(".json");
        expect_file![format!("definitions/expected/{stem}.txt")].assert_eq(&summary(&definitions, &notices));
        // Unchanged, it is written back as it came (a byte-order mark aside).
        assert_eq!(definitions.save(), text.trim_start_matches('\u{feff}'), "{name} saves back byte for byte");
    }
}

#[test]
fn the_studio_opens_every_release_and_shows_one_notice() {
    for path in fixtures() {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let bytes = std::fs::read(&path).unwrap();
        let studio = Studio::default().apply(StudioAction::Open { name: name.clone(), bytes });
        assert!(studio.problems.is_empty(), "{name}: {:?}", studio.problems);
        assert!(studio.editor.doc.topology.queues().count() >= 2, "{name} is drawn");
        let kept = studio.not_simulated.as_ref().unwrap_or_else(|| panic!("{name} has a notice"));
        assert_eq!(kept.source, name);
        let exported: Value = serde_json::from_str(&studio.definitions_file()).unwrap();
        let original: Value =
            serde_json::from_str(std::fs::read_to_string(&path).unwrap().trim_start_matches('\u{feff}')).unwrap();
        assert_eq!(exported, original, "{name}: Export definitions writes the file back");
    }
}

fn open(name: &str) -> (Definitions, Value) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/definitions").join(name);
    let text = std::fs::read_to_string(path).unwrap();
    (Definitions::parse(&text).unwrap().0, serde_json::from_str(&text).unwrap())
}

fn names(section: &Value) -> Vec<String> {
    section.as_array().unwrap().iter().map(|entry| entry["name"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_single_vhost_export_opens_into_its_vhost_and_writes_either_form() {
    let (definitions, original) = open("4.1-vhost.json");
    assert_eq!(definitions.form(), Form::SingleVhost);
    // The vhost's default queue type is quorum: its quorum queue is one.
    assert!(definitions.topology.queue_by_name("orders.created").unwrap().args.quorum);

    let cluster = definitions.to_json_as(Form::Cluster);
    assert_eq!(cluster["rabbitmq_definition_format"], "cluster");
    assert_eq!(cluster["vhosts"][0]["name"], "orders");
    assert_eq!(cluster["vhosts"][0]["metadata"]["default_queue_type"], "quorum");
    assert_eq!(cluster["vhosts"][0]["description"], "Order processing");
    assert!(cluster.get("original_vhost_name").is_none());
    for section in ["exchanges", "queues", "bindings", "policies"] {
        assert!(
            cluster[section].as_array().unwrap().iter().all(|entry| entry["vhost"] == "orders"),
            "{section} name their vhost"
        );
    }
    assert_eq!(names(&cluster["queues"]), names(&original["queues"]), "the stream is there too");

    // The cluster form opens into the same topology (vhost `/` is simulated: name it so).
    let mut as_root = cluster.clone();
    as_root["vhosts"][0]["name"] = Value::from("/");
    for section in ["exchanges", "queues", "bindings", "policies"] {
        for entry in as_root[section].as_array_mut().unwrap() {
            entry["vhost"] = Value::from("/");
        }
    }
    let (reopened, _) = Definitions::parse(&as_root.to_string()).unwrap();
    assert_eq!(reopened.topology.queues().count(), definitions.topology.queues().count());
    assert_eq!(reopened.topology.bindings().count(), definitions.topology.bindings().count());

    // Opened from a cluster export, one vhost's form keeps that vhost's entries only.
    let (cluster_file, original) = open("4.1-cluster.json");
    let single = cluster_file.to_json_as(Form::SingleVhost);
    assert_eq!(single["rabbitmq_definition_format"], "single_virtual_host");
    assert_eq!(single["original_vhost_name"], "/");
    for member in ["users", "vhosts", "permissions", "topic_permissions", "global_parameters"] {
        assert!(single.get(member).is_none(), "{member} belongs to the broker");
    }
    let in_root: Vec<&Value> =
        original["queues"].as_array().unwrap().iter().filter(|entry| entry["vhost"] == "/").collect();
    assert_eq!(single["queues"].as_array().unwrap().len(), in_root.len());
    assert!(single["queues"].as_array().unwrap().iter().all(|entry| entry.get("vhost").is_none()));
    let (reopened, _) = Definitions::parse(&single.to_string()).unwrap();
    assert_eq!(reopened.form(), Form::SingleVhost);
    assert_eq!(reopened.topology.queues().count(), cluster_file.topology.queues().count());
}

#[test]
fn what_rabbitmq_refuses_is_still_refused_with_its_path() {
    let (_, original) = open("4.1-vhost.json");
    let mut dangling = original.clone();
    dangling["bindings"][0]["destination"] = Value::from("nowhere");
    let error = Definitions::parse(&dangling.to_string()).unwrap_err();
    assert_eq!(error.path, "bindings[0].destination");
    let mut wrong = original;
    wrong["queues"][0]["durable"] = Value::from("yes");
    assert_eq!(Definitions::parse(&wrong.to_string()).unwrap_err().path, "queues[0].durable");
}
