//! Tidy rules, checked by `cargo test` (as rust-analyzer's `xtask/src/tidy.rs` does): the
//! engine stays free of browser, CLI, clock and unordered-map code, and every module says
//! what it owns.

use std::path::{Path, PathBuf};

/// Folders that make up the engine: everything but the web app and the CLI binary.
const ENGINE_DIRS: &[&str] =
    &["src/engine", "src/sim", "src/oslo", "src/formats", "src/explain", "src/scenarios", "src/editor", "src/scene"];

/// Words engine code must not use, and why.
const BANNED: &[(&str, &str)] = &[
    ("HashMap", "iteration order would differ between runs; use BTreeMap"),
    ("HashSet", "iteration order would differ between runs; use BTreeSet"),
    ("std::time", "time is virtual: read the simulator's clock"),
    ("Instant", "time is virtual: read the simulator's clock"),
    ("SystemTime", "time is virtual: read the simulator's clock"),
    ("thread_rng", "randomness comes from the run's seeded SimRng"),
    ("OsRng", "randomness comes from the run's seeded SimRng"),
    ("from_entropy", "randomness comes from the run's seeded SimRng"),
    ("yew", "the engine never imports the UI"),
    ("web_sys", "the engine never imports the UI"),
    ("gloo", "the engine never imports the UI"),
    ("wasm_bindgen", "the engine never imports the UI"),
    ("clap", "the engine never imports the CLI"),
    ("lapin", "the engine never imports the CLI"),
    ("tokio", "the engine never imports the CLI"),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

fn files_under(dirs: &[&str]) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in dirs {
        rust_files(&root.join(dir), &mut files);
    }
    files.sort();
    files
}

#[test]
fn engine_code_uses_no_banned_names() {
    let mut problems = Vec::new();
    for file in files_under(ENGINE_DIRS) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (line_idx, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for (word, why) in BANNED {
                if line.contains(word) {
                    problems.push(format!("{}:{}: `{word}`: {why}", file.display(), line_idx + 1));
                }
            }
        }
    }
    assert!(problems.is_empty(), "banned names in engine code:\n{}", problems.join("\n"));
}

#[test]
fn every_module_says_what_it_owns() {
    let missing: Vec<String> = files_under(&["src", "tests", "benches", "examples"])
        .into_iter()
        .filter(|file| !std::fs::read_to_string(file).unwrap().starts_with("//!"))
        .map(|file| file.display().to_string())
        .collect();
    assert!(missing.is_empty(), "files without a `//!` module doc:\n{}", missing.join("\n"));
}
