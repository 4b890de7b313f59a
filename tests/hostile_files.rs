//! Hostile files (issue 13): every file of `tests/hostile/`, and the huge ones made here,
//! opened in the studio as the browser opens them (its bytes, by name) and given to the CLI.
//! Each is refused with the message `tests/hostile/expected.json` gives, the same in both,
//! and the studio's document is left exactly as it was; a file expected to load (markup in
//! names) loads with its names as they are.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::rc::Rc;
use std::time::Instant;

use kaiten::explain::lang::Lang;
use kaiten::explain::{kept_notice, problem};
use kaiten::formats::MAX_FILE_BYTES;
use kaiten::studio::{Studio, StudioAction};
use serde_json::{Value, json};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

/// File name -> the one line the user sees when the file is refused (`NAME: PATH: message`);
/// null for a file that opens and runs; `{"cannot run": "PATH: message"}` for one that opens
/// (a drawing can hold it, so it must reopen) but cannot run, which is said instead;
/// `{"kept": "NAME: kept, not simulated: ..."}` for one that opens and runs, saying once what
/// it keeps without acting on it (as RabbitMQ's import ignores members it does not know).
fn expected() -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string(corpus_dir().join("expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The inputs too big to commit, made at test time: a 50 MB file, a million bindings,
/// small files with a hundred thousand queues or twenty thousand actors, 100,000 nested
/// arrays and objects.
fn generated() -> Vec<(&'static str, Vec<u8>)> {
    let mut fifty_mb = b"{\"queues\": [".to_vec();
    fifty_mb.extend(std::iter::repeat_n(b' ', 50_000_000));
    fifty_mb.extend(b"]}");
    let bindings: Vec<String> = (0..1_000_000)
        .map(|idx| format!(r#"{{"source":"x","destination":"q","destination_type":"queue","routing_key":"k{idx}"}}"#))
        .collect();
    let million = format!(
        r#"{{"exchanges":[{{"name":"x","type":"direct"}}],"queues":[{{"name":"q"}}],"bindings":[{}]}}"#,
        bindings.join(",")
    );
    let queues: Vec<String> = (0..100_000).map(|idx| format!(r#"{{"name":"q{idx}"}}"#)).collect();
    let queues = format!(r#"{{"queues":[{}]}}"#, queues.join(","));
    let consumers: Vec<String> =
        (0..20_000).map(|idx| format!(r#"{{"kind":"consumer","name":"c{idx}","queue":"q{idx}"}}"#)).collect();
    let consumers = format!(r#"{{"kaiten_scenario":1,"name":"many","actors":[{}]}}"#, consumers.join(","));
    let arrays = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let objects = format!("{}{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    let in_scenario = format!(r#"{{"kaiten_scenario": 1, "name": "deep", "title": {arrays}}}"#);
    vec![
        ("defs-50-mb.json", fifty_mb),
        ("defs-a-million-bindings.json", million.into_bytes()),
        ("drawing-a-hundred-thousand-queues.json", queues.into_bytes()),
        ("scenario-twenty-thousand-actors.json", consumers.into_bytes()),
        ("defs-deep-arrays.json", arrays.into_bytes()),
        ("defs-deep-objects.json", objects.into_bytes()),
        ("scenario-deep-nesting.json", in_scenario.into_bytes()),
    ]
}

/// Every hostile file: the committed corpus, then the generated ones.
fn corpus() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.file_name().unwrap() != "expected.json")
        .map(|path| (path.file_name().unwrap().to_str().unwrap().to_string(), std::fs::read(&path).unwrap()))
        .collect();
    files.sort();
    files.extend(generated().into_iter().map(|(name, bytes)| (name.to_string(), bytes)));
    files
}

/// A studio with a document on its canvas, as a user would have before opening a file.
fn studio_with_work() -> Studio {
    let definitions = json!({"exchanges": [{"name": "orders", "type": "topic"}], "queues": [{"name": "created"}],
        "bindings": [{"source": "orders", "destination": "created", "destination_type": "queue", "routing_key": "order.*"}]});
    let studio = Studio::default()
        .apply(StudioAction::Open { name: "work.json".into(), bytes: definitions.to_string().into_bytes() });
    assert!(studio.problems.is_empty(), "{:?}", studio.problems);
    studio
}

#[test]
fn the_corpus_and_its_expectations_match() {
    let expected = expected();
    let names: Vec<String> = corpus().into_iter().map(|(name, _)| name).collect();
    for name in &names {
        assert!(expected.contains_key(name), "{name} has no expected message");
    }
    for name in expected.keys() {
        assert!(names.contains(name), "{name} is expected but is not in the corpus");
    }
}

#[test]
fn the_studio_refuses_each_hostile_file_with_its_message_and_changes_nothing() {
    let expected = expected();
    let before = studio_with_work();
    let saved = before.scenario_file();
    let mut failures = Vec::new();
    for (name, bytes) in corpus() {
        let started = Instant::now();
        let after = before.clone().apply(StudioAction::Open { name: name.clone(), bytes });
        let took = started.elapsed();
        eprintln!("{name}: {} ms", took.as_millis());
        let shown: Vec<String> = after.problems.iter().map(|shown| problem(Lang::En, shown)).collect();
        match &expected[&name] {
            Value::String(message) => {
                if shown != [message.clone()] {
                    failures.push(format!("{name}: expected {message:?}, got {shown:?}"));
                }
                if !Rc::ptr_eq(&before.editor.doc, &after.editor.doc) || after.scenario_file() != saved {
                    failures.push(format!("{name}: the document changed"));
                }
            }
            Value::Object(opens) if opens.contains_key("kept") => {
                let notice = after.not_simulated.as_ref().and_then(|kept| {
                    kept_notice(Lang::En, &kept.diagnostics).map(|notice| format!("{}: {notice}", kept.source))
                });
                if !shown.is_empty() || notice.as_deref() != opens["kept"].as_str() {
                    failures.push(format!("{name}: expected it to open with {opens:?}, got {shown:?} {notice:?}"));
                }
            }
            Value::Object(opens) => {
                if shown != [opens["cannot run"].as_str().unwrap()] {
                    failures.push(format!("{name}: expected it to open and not run, got {shown:?}"));
                }
            }
            _ => {
                if !shown.is_empty() {
                    failures.push(format!("{name}: expected it to load, got {shown:?}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn names_with_markup_load_as_they_are() {
    let bytes = std::fs::read(corpus_dir().join("scenario-markup-names.json")).unwrap();
    let studio = Studio::default().apply(StudioAction::Open { name: "markup.json".into(), bytes });
    let doc = &studio.editor.doc;
    assert_eq!(doc.settings.name, "<script>alert(1)</script>");
    assert!(doc.node_named("<img src=x onerror=alert(1)>").is_some());
    let bytes = std::fs::read(corpus_dir().join("defs-markup-names.json")).unwrap();
    let studio = Studio::default().apply(StudioAction::Open { name: "markup.json".into(), bytes });
    assert!(studio.editor.doc.node_named("<script>alert(1)</script>").is_some());
    assert_eq!(studio.editor.doc.edges().len(), 1);
}

fn kaiten(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kaiten")).current_dir(dir).args(args).output().expect("kaiten runs")
}

#[test]
fn the_cli_refuses_the_same_files_with_the_same_messages() {
    let expected = expected();
    let dir = std::env::temp_dir().join(format!("kaiten-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("empty.script.json"), "[]").unwrap();
    let mut failures = Vec::new();
    for (name, bytes) in corpus() {
        std::fs::write(dir.join(&name), &bytes).unwrap();
        // Definitions also go through `kaiten amqp` (which, headless, reads more entries than
        // are drawn: the `drawing-` files).
        let mut commands = vec![vec!["run", name.as_str()]];
        if name.starts_with("defs-") {
            commands.push(vec!["amqp", "--definitions", name.as_str(), "--script", "empty.script.json"]);
        }
        for args in commands {
            let output = kaiten(&dir, &args);
            let stderr = String::from_utf8_lossy(&output.stderr);
            match &expected[&name] {
                Value::String(message) => {
                    let what = if args[0] == "run" { "scenario" } else { "definitions" };
                    let want = format!("kaiten: error: cannot load {what}:\n  {message}\n");
                    if output.status.code() != Some(2) || stderr != want {
                        failures.push(format!("{args:?}: expected {want:?}, got {:?} {stderr:?}", output.status));
                    }
                }
                Value::Object(opens) if opens.contains_key("kept") => {
                    let want = format!("kaiten: notice: {}\n", opens["kept"].as_str().unwrap());
                    if !output.status.success() || !stderr.starts_with(&want) {
                        failures.push(format!("{args:?}: expected it to load with {want:?}, got {stderr:?}"));
                    }
                }
                Value::Object(opens) => {
                    let want = format!(":\n  {}\n", opens["cannot run"].as_str().unwrap());
                    let starts = stderr.starts_with("kaiten: error: cannot start scenario");
                    if output.status.code() != Some(2) || !starts || !stderr.ends_with(&want) {
                        failures.push(format!("{args:?}: expected it not to run, got {stderr:?}"));
                    }
                }
                _ => {
                    if !output.status.success() {
                        failures.push(format!("{args:?}: expected it to load, got {stderr:?}"));
                    }
                }
            }
        }
        std::fs::remove_file(dir.join(&name)).unwrap();
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn a_file_one_byte_over_the_limit_is_refused_by_its_size() {
    let bytes = vec![b' '; MAX_FILE_BYTES + 1];
    let studio = Studio::default().apply(StudioAction::Open { name: "big.json".into(), bytes });
    assert_eq!(
        studio.problems.iter().map(|shown| problem(Lang::En, shown)).collect::<Vec<_>>(),
        ["big.json: the file is larger than 16 MiB, the most Kaiten opens"]
    );
}
