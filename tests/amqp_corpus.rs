//! The verification corpus, without a broker: every `NAME.defs.json` + `NAME.script.json`
//! pair in `tests/corpus` runs through the simulation and must give `NAME.expected.json`,
//! the output document `kaiten amqp` prints. The pairs themselves are checked against a real
//! RabbitMQ by `kaiten verify-corpus tests/corpus` (`scripts/dev test`); this test keeps the
//! simulation from drifting between those runs. `UPDATE_EXPECT=1 cargo test` re-blesses.

use std::path::{Path, PathBuf};

use kaiten::formats::definitions::Definitions;
use kaiten::formats::script;

fn pairs() -> Vec<(String, PathBuf, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut pairs: Vec<(String, PathBuf, PathBuf)> = std::fs::read_dir(&dir)
        .expect("tests/corpus exists")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let stem = path.file_name()?.to_str()?.strip_suffix(".defs.json")?.to_string();
            let script = dir.join(format!("{stem}.script.json"));
            Some((stem, path, script))
        })
        .collect();
    pairs.sort();
    pairs
}

#[test]
fn the_corpus_gives_its_expected_documents() {
    let pairs = pairs();
    assert!(pairs.len() >= 8, "the corpus has its pairs");
    let mut n_publishes = 0;
    let mut mismatches = Vec::new();
    for (name, defs_path, script_path) in &pairs {
        let (definitions, _) = Definitions::parse(&std::fs::read_to_string(defs_path).unwrap()).unwrap();
        let steps = script::parse(&std::fs::read_to_string(script_path).unwrap()).unwrap();
        n_publishes += steps.iter().filter(|step| matches!(step, script::Step::Publish(_))).count();
        let document = script::run(definitions.topology, &steps).unwrap().document();
        let actual = format!("{}\n", serde_json::to_string_pretty(&document).unwrap());
        let expected_path = defs_path.with_file_name(format!("{name}.expected.json"));
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            mismatches.push(name.clone());
        }
    }
    assert!(n_publishes >= 300, "the corpus covers at least 300 publishes, not {n_publishes}");
    assert!(mismatches.is_empty(), "documents differ for {mismatches:?} (UPDATE_EXPECT=1 re-blesses)");
}

#[test]
fn corpus_definitions_round_trip() {
    for (name, defs_path, _) in pairs() {
        let text = std::fs::read_to_string(&defs_path).unwrap();
        let (definitions, diagnostics) = Definitions::parse(&text).unwrap();
        assert!(diagnostics.is_empty(), "{name}: {diagnostics:?}");
        let original: serde_json::Value = serde_json::from_str(&text).unwrap();
        let saved: serde_json::Value = serde_json::from_str(&definitions.save()).unwrap();
        assert_eq!(saved, original, "{name}");
    }
}

/// The cases translated from RabbitMQ's own suites: each names the test it comes from, and
/// there are as many as the corpus promises (README, "Proven against RabbitMQ").
#[test]
fn translated_cases_name_the_test_they_come_from() {
    let mut n_cases = 0;
    for (name, _, script_path) in pairs() {
        let steps = script::parse(&std::fs::read_to_string(&script_path).unwrap()).unwrap();
        for step in &steps {
            if let script::Step::Case(case) = step {
                n_cases += 1;
                assert!(!case.name.trim().is_empty(), "{name}: a case without a name");
                assert!(
                    case.from.ends_with("SUITE.erl") || case.from.ends_with(".java"),
                    "{name}: case {} says it comes from {:?}, not a suite file",
                    case.name,
                    case.from
                );
            }
        }
    }
    assert!(n_cases >= MIN_TRANSLATED_CASES, "the corpus holds {n_cases} translated cases, not {MIN_TRANSLATED_CASES}");
}

const MIN_TRANSLATED_CASES: usize = 250;
