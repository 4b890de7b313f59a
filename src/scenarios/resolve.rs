//! Finding a scenario by what a user typed: a file path, else a built-in name.

use crate::formats::scenario::{Diagnostic, Scenario, did_you_mean};

/// Loads `reference` as a scenario file if `read_file` finds it, else as a built-in name.
/// Errors name the file or list the built-ins, with a suggestion for near misses.
pub fn resolve(reference: &str, read_file: impl Fn(&str) -> Option<String>) -> Result<Scenario, Vec<Diagnostic>> {
    if let Some(text) = read_file(reference) {
        return Scenario::from_json(&text).map_err(|errors| {
            errors
                .into_iter()
                .map(|error| Diagnostic::new(format!("{reference}: {}", error.path), error.message))
                .collect()
        });
    }
    if let Some(builtin) = super::builtin(reference) {
        return builtin;
    }
    let names: Vec<&str> = super::names().collect();
    Err(vec![Diagnostic::new(
        reference,
        format!(
            "no such file and no built-in scenario of that name{}; built-ins: {}",
            did_you_mean(reference, &names),
            names.join(", ")
        ),
    )])
}
