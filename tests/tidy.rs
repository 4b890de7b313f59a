//! Tidy rules, checked by `cargo test` (as rust-analyzer's `xtask/src/tidy.rs` does): the
//! engine stays free of browser, CLI, clock and unordered-map code, and every module says
//! what it owns.

use std::path::{Path, PathBuf};

/// Folders that make up the engine: everything but the web app and the CLI binary.
const ENGINE_DIRS: &[&str] = &[
    "src/engine",
    "src/sim",
    "src/oslo",
    "src/formats",
    "src/explain",
    "src/scenarios",
    "src/editor",
    "src/scene",
    "src/studio",
];

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

/// The layer order, read from the line of ARCHITECTURE.md that starts with "Layers:", so the
/// document and the check cannot drift apart.
fn layers() -> Vec<String> {
    let architecture = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md")).unwrap();
    let line = architecture
        .lines()
        .find_map(|line| line.strip_prefix("Layers: "))
        .expect("ARCHITECTURE.md has a Layers: line");
    line.split('<').map(|layer| layer.trim().trim_matches('`').to_string()).collect()
}

#[test]
fn layers_point_one_way() {
    let layers = layers();
    assert!(layers.len() >= 8, "{layers:?}");
    let mut problems = Vec::new();
    for (rank, layer) in layers.iter().enumerate() {
        let dir = format!("src/{layer}");
        if !Path::new(env!("CARGO_MANIFEST_DIR")).join(&dir).is_dir() {
            problems.push(format!("ARCHITECTURE.md names layer `{layer}` but {dir} does not exist"));
            continue;
        }
        let above = &layers[rank + 1..];
        for file in files_under(&[&dir]) {
            let text = std::fs::read_to_string(&file).unwrap();
            for (line_idx, line) in text.lines().enumerate() {
                if line.trim_start().starts_with("//") {
                    continue;
                }
                for higher in above {
                    if line.contains(&format!("crate::{higher}::")) || line.contains(&format!("crate::{higher};")) {
                        problems.push(format!(
                            "{}:{}: `{layer}` uses `{higher}`, a layer above it",
                            file.display(),
                            line_idx + 1
                        ));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "layering broken (see ARCHITECTURE.md, Layers):\n{}", problems.join("\n"));
}
