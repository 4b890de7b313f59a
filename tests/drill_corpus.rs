//! The topic drill's questions in the differential corpus: `tests/corpus/topic-drill.*.json`
//! must be exactly what `lesson::drill::corpus` generates for `CORPUS_SEEDS` (so a changed
//! drill must re-bless them, and `kaiten verify-corpus tests/corpus` then checks the new
//! questions against a real RabbitMQ), and every question's corpus answer must be the answer
//! the drill gives the learner. `UPDATE_EXPECT=1 cargo test --test drill_corpus` writes the
//! three files anew.

use std::path::{Path, PathBuf};

use kaiten::formats::script::{self, Script};
use kaiten::lesson::drill::{self, CORPUS_SEEDS, Difficulty};
use kaiten::lesson::oracle::{Answer, Choice, answer};
use kaiten::lesson::{Ask, Step};

fn corpus_path(suffix: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/corpus/topic-drill.{suffix}.json"))
}

/// A script as the corpus writes it: one step a line.
fn script_text(script: &Script) -> String {
    let lines: Vec<String> = script.iter().map(|step| serde_json::to_string(step).unwrap()).collect();
    format!("[\n{}\n]\n", lines.join(",\n"))
}

fn pretty(value: &serde_json::Value) -> String {
    format!("{}\n", serde_json::to_string_pretty(value).unwrap())
}

#[test]
fn the_corpus_pair_is_what_the_drill_generates() {
    let (definitions, script) = drill::corpus(CORPUS_SEEDS);
    let document = script::run(definitions.topology.clone(), &script).unwrap().document();
    let files =
        [("defs", pretty(&definitions.to_json())), ("script", script_text(&script)), ("expected", pretty(&document))];
    let mut drifted = Vec::new();
    for (suffix, generated) in &files {
        let path = corpus_path(suffix);
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(&path, generated).unwrap();
        } else if std::fs::read_to_string(&path).unwrap_or_default() != *generated {
            drifted.push(path.display().to_string());
        }
    }
    assert!(
        drifted.is_empty(),
        "{drifted:?} differ from what src/lesson/drill.rs generates \
         (UPDATE_EXPECT=1 cargo test --test drill_corpus writes them; then run kaiten verify-corpus tests/corpus)"
    );
}

#[test]
fn every_corpus_answer_is_the_answer_the_drill_gives() {
    let (definitions, script) = drill::corpus(CORPUS_SEEDS);
    let record = script::run(definitions.topology.clone(), &script).unwrap();
    let document = record.document();
    let publishes = document["publishes"].as_array().unwrap();
    let questions: Vec<(Difficulty, u64)> =
        Difficulty::ALL.into_iter().flat_map(|difficulty| CORPUS_SEEDS.map(move |seed| (difficulty, seed))).collect();
    assert!(questions.len() >= 200, "the corpus holds at least 200 questions, not {}", questions.len());
    assert_eq!(publishes.len(), questions.len(), "one publish per question");
    let mut n_routed = 0;
    for ((difficulty, seed), publish) in questions.iter().zip(publishes) {
        let name = drill::corpus_name(*difficulty, *seed);
        let lesson = drill::lesson(*seed, *difficulty);
        let Step::Predict(predict) = &lesson.steps[0] else { panic!("a drill is one question") };
        assert!(matches!(predict.ask, Ask::Routed { .. }));
        let oracle = answer(&lesson.scenario, 0, &predict.ask).unwrap();
        let Answer::Choices(choices) = &oracle.answer else { panic!("{name}: a routed question has choices") };
        let mut told: Vec<String> = choices
            .iter()
            .map(|choice| match choice {
                Choice::Queue(queue) => format!("{name}-{queue}"),
                other => panic!("{name}: a routed answer names queues, not {other:?}"),
            })
            .collect();
        told.sort();
        let routed: Vec<String> =
            publish["routed"].as_array().unwrap().iter().map(|queue| queue.as_str().unwrap().to_string()).collect();
        assert_eq!(routed, told, "{name}: the corpus routes where the drill says");
        // What verify-corpus reads back from the broker: the message in exactly those queues.
        for queue in record.queues.keys().filter(|queue| queue.starts_with(&format!("{name}-q"))) {
            let held = document["queues"][queue].as_array().unwrap();
            let expected: Vec<serde_json::Value> =
                if routed.contains(queue) { vec![serde_json::Value::from(name.as_str())] } else { Vec::new() };
            assert_eq!(held, &expected, "{name}: queue {queue}");
        }
        n_routed += usize::from(!routed.is_empty());
    }
    // Questions are neither all "nowhere" nor all "everywhere".
    assert!((50..180).contains(&n_routed), "{n_routed} of {} questions route somewhere", questions.len());
}
