//! Fuzzing the readers of what a user opens (issue 13): arbitrary bytes, and real documents
//! (the built-in scenarios, the differential corpus's definitions, the hostile corpus)
//! mutated byte by byte, spliced, or with a value at a random JSON path changed to another
//! type, go into `Scenario::from_file`, `Definitions::parse` and the studio's Open; real share
//! links cut short, bit-flipped or mixed with other text go into the studio's link opener.
//! None may panic; each either loads or gives at least one problem with a message, and a
//! refused one leaves the studio's document as it was. What loads builds and runs a few
//! hundred steps. Inputs that once broke something are named files in `tests/hostile/`;
//! proptest keeps its own regressions in `tests/fuzz_parsers.proptest-regressions`.

use kaiten::explain::lang::Lang;
use std::path::Path;
use std::rc::Rc;
use std::sync::LazyLock;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use kaiten::formats::definitions::Definitions;
use kaiten::formats::scenario::Scenario;
use kaiten::sim::{Session, Until};
use kaiten::studio::share::SHARE_PREFIX;
use kaiten::studio::{Studio, StudioAction};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use serde_json::Value;

/// The real documents the mutations start from, read once.
static SEEDS: LazyLock<Vec<Vec<u8>>> = LazyLock::new(seeds);

fn seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds = Vec::new();
    for (dir, suffix) in [("src/scenarios", ".json"), ("tests/corpus", ".defs.json"), ("tests/hostile", "")] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir)).unwrap().map(|entry| entry.unwrap().path()).collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().unwrap().to_str().unwrap();
            if name.ends_with(suffix) && name != "expected.json" && !name.ends_with(".rs") {
                seeds.push(std::fs::read(&path).unwrap());
            }
        }
    }
    seeds
}

/// One change to a document's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Delete {
        at: usize,
        len: usize,
    },
    Insert {
        at: usize,
        bytes: Vec<u8>,
    },
    Replace {
        at: usize,
        byte: u8,
    },
    /// A run of another seed's bytes in place of a run of these.
    Splice {
        seed: usize,
        from: usize,
        len: usize,
        at: usize,
    },
    /// The value at a JSON path (picked by index) becomes another kind of value.
    Retype {
        path: usize,
        value: usize,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let bytes = prop_oneof![
        proptest::collection::vec(any::<u8>(), 1..8),
        proptest::sample::select(vec![
            b"{".to_vec(),
            b"}".to_vec(),
            b"[".to_vec(),
            b"]".to_vec(),
            b",".to_vec(),
            b"\"".to_vec(),
            b"\\".to_vec(),
            b":".to_vec(),
            b"null".to_vec(),
            b"1e999".to_vec(),
            b"-0".to_vec(),
            b"\xef\xbb\xbf".to_vec(),
            b"\"name\": \"x\",".to_vec(),
            b"\"kaiten_scenario\": 1,".to_vec(),
        ]),
    ];
    prop_oneof![
        (any::<usize>(), 1..64usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), bytes).prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Replace { at, byte }),
        (any::<usize>(), any::<usize>(), 1..256usize, any::<usize>())
            .prop_map(|(seed, from, len, at)| Mutation::Splice { seed, from, len, at }),
        (any::<usize>(), any::<usize>()).prop_map(|(path, value)| Mutation::Retype { path, value }),
        (any::<usize>(), any::<usize>()).prop_map(|(path, value)| Mutation::Retype { path, value }),
    ]
}

/// Values of every kind, and some that are wrong in interesting ways.
fn replacement(idx: usize) -> Value {
    let values = [
        Value::Null,
        Value::Bool(true),
        serde_json::json!(-1),
        serde_json::json!(0),
        serde_json::json!(u64::MAX),
        serde_json::json!(i64::MIN),
        serde_json::json!(1.5e300),
        serde_json::json!(""),
        serde_json::json!("<script>alert(1)</script>"),
        serde_json::json!("x".repeat(10_000)),
        serde_json::json!([]),
        serde_json::json!({}),
        serde_json::json!([{"name": "q"}]),
        serde_json::json!({"kind": "consumer"}),
    ];
    values[idx % values.len()].clone()
}

/// Every JSON pointer in `value`, in document order.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                pointers(member, format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (idx, item) in items.iter().enumerate() {
                pointers(item, format!("{at}/{idx}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

fn mutate(seeds: &[Vec<u8>], seed: usize, mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = seeds[seed % seeds.len()].clone();
    for mutation in mutations {
        let len = bytes.len();
        match mutation {
            Mutation::Delete { at, len: n } if len > 0 => {
                let at = at % len;
                bytes.drain(at..(at + n).min(len));
            }
            Mutation::Insert { at, bytes: inserted } => {
                let at = at % (len + 1);
                bytes.splice(at..at, inserted.iter().copied());
            }
            Mutation::Replace { at, byte } if len > 0 => bytes[at % len] = *byte,
            Mutation::Splice { seed, from, len: n, at } => {
                let other = &seeds[seed % seeds.len()];
                if !other.is_empty() {
                    let from = from % other.len();
                    let piece = &other[from..(from + n).min(other.len())];
                    let at = at % (len + 1);
                    bytes.splice(at..(at + piece.len()).min(len), piece.iter().copied());
                }
            }
            Mutation::Retype { path, value } => {
                if let Ok(mut document) = serde_json::from_slice::<Value>(&bytes) {
                    let mut all = Vec::new();
                    pointers(&document, String::new(), &mut all);
                    let pointer = &all[path % all.len()];
                    if pointer.is_empty() {
                        document = replacement(*value);
                    } else if let Some(slot) = document.pointer_mut(pointer) {
                        *slot = replacement(*value);
                    }
                    bytes = document.to_string().into_bytes();
                }
            }
            _ => {}
        }
    }
    bytes
}

/// A file's problems, checked: at least one, each with a message.
fn check_refusal(problems: &[kaiten::formats::Diagnostic]) -> Result<(), TestCaseError> {
    prop_assert!(!problems.is_empty(), "refused without a reason");
    for problem in problems {
        for lang in Lang::ALL {
            let said = kaiten::explain::problems::words(lang, &problem.problem);
            prop_assert!(!said.trim().is_empty(), "a problem without words: {problem:?}");
        }
    }
    Ok(())
}

/// Reads `bytes` as a file; what loads is built and run for a few hundred steps.
fn read_and_run(bytes: &[u8]) -> Result<(), TestCaseError> {
    match Scenario::from_file("fuzzed.json", bytes) {
        Ok(scenario) => match scenario.build(scenario.seed) {
            Ok(world) => {
                let mut session = Session::new(world);
                session.run_until(Until::Step(300));
            }
            Err(problems) => check_refusal(&problems)?,
        },
        Err(problems) => check_refusal(&problems)?,
    }
    if let Ok(text) = std::str::from_utf8(bytes)
        && let Err(error) = Definitions::parse(text)
    {
        prop_assert!(!kaiten::explain::problems::words(Lang::En, &error.problem).is_empty(), "{error:?}");
    }
    Ok(())
}

/// A link either opens play-only or is refused, named as a share link, changing nothing.
fn check_link(before: &Studio, after: &Studio) -> Result<(), TestCaseError> {
    let refused = after.problems.iter().any(|problem| problem.path.starts_with("share link"));
    prop_assert_eq!(refused, Rc::ptr_eq(&before.editor.doc, &after.editor.doc), "{:?}", after.problems);
    if refused {
        check_refusal(&after.problems)?;
    } else {
        prop_assert!(after.shared, "a link that opened is play-only");
    }
    Ok(())
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    }
}

/// A studio with work on its canvas.
fn studio_with_work() -> Studio {
    Studio::with_builtin("topics").apply(StudioAction::Open {
        name: "work.json".into(),
        bytes: br#"{"queues": [{"name": "created"}], "exchanges": [{"name": "orders", "type": "topic"}]}"#.to_vec(),
    })
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn arbitrary_bytes_never_panic_the_readers(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        read_and_run(&bytes)?;
    }

    #[test]
    fn mutated_documents_never_panic_the_readers(
        seed in any::<usize>(),
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        read_and_run(&mutate(&SEEDS, seed, &mutations))?;
    }
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn the_studio_opens_or_refuses_a_mutated_file_and_a_refusal_changes_nothing(
        seed in any::<usize>(),
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        let before = studio_with_work();
        let bytes = mutate(&SEEDS, seed, &mutations);
        let after = before.clone().apply(StudioAction::Open { name: "fuzzed.json".into(), bytes });
        // A refusal names the file and changes nothing; a file that opens may still say why
        // it cannot run.
        let refused = after.problems.iter().any(|problem| problem.path.starts_with("fuzzed.json"));
        prop_assert_eq!(refused, Rc::ptr_eq(&before.editor.doc, &after.editor.doc), "{:?}", after.problems);
        if refused {
            check_refusal(&after.problems)?;
        }
    }

    #[test]
    fn a_cut_flipped_or_forged_share_link_opens_or_is_refused_and_changes_nothing(
        builtin in 0..3usize,
        cut in proptest::option::of(any::<usize>()),
        flips in proptest::collection::vec((any::<usize>(), 0..8u8), 0..4),
        noise in proptest::collection::vec(any::<u8>(), 0..16),
    ) {
        let name = ["topics", "rpc-call", "work-queues"][builtin];
        let mut link = Studio::with_builtin(name).share_fragment(builtin == 1).into_bytes();
        if let Some(cut) = cut {
            link.truncate(cut % (link.len() + 1));
        }
        for (at, bit) in flips {
            if !link.is_empty() {
                let at = at % link.len();
                link[at] ^= 1 << bit;
            }
        }
        link.extend(noise);
        let fragment = String::from_utf8_lossy(&link).into_owned();
        let before = studio_with_work();
        let after = before.clone().apply(StudioAction::OpenShared(fragment));
        check_link(&before, &after)?;
    }

    #[test]
    fn a_link_whose_packed_text_is_forged_opens_or_is_refused_and_changes_nothing(
        builtin in 0..3usize,
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        let name = ["topics", "rpc-call", "work-queues"][builtin];
        let mut studio = Studio::with_builtin(name);
        for _ in 0..5 {
            studio = studio.apply(StudioAction::Step);
        }
        let texts: Vec<Vec<u8>> = [studio.saved_work(), Studio::with_builtin("rpc-call").saved_work()]
            .map(String::into_bytes)
            .to_vec();
        let text = mutate(&texts, 0, &mutations);
        let packed = miniz_oxide::deflate::compress_to_vec(&text, 6);
        let fragment = format!("{SHARE_PREFIX}{}", URL_SAFE_NO_PAD.encode(packed));
        let before = studio_with_work();
        let after = before.clone().apply(StudioAction::OpenShared(fragment));
        check_link(&before, &after)?;
    }
}
