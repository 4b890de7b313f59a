//! Finding a scenario by what a user typed: a file path, else a built-in name.

use crate::formats::Problem;
use crate::formats::scenario::{Diagnostic, Scenario};
use crate::formats::suggest::did_you_mean;

/// Loads `reference` as a file ([`Scenario::from_file`]: a scenario file or definitions)
/// if `read_file` finds it, else as a built-in name.
/// Errors name the file or list the built-ins, with a suggestion for near misses.
pub fn resolve(reference: &str, read_file: impl Fn(&str) -> Option<Vec<u8>>) -> Result<Scenario, Vec<Diagnostic>> {
    if let Some(bytes) = read_file(reference) {
        return Scenario::from_file(reference, &bytes)
            .map_err(|errors| errors.into_iter().map(|error| error.within(reference)).collect());
    }
    if let Some(builtin) = super::builtin(reference) {
        return builtin;
    }
    let names: Vec<&str> = super::names().collect();
    Err(vec![Diagnostic::new(
        reference,
        Problem::NoFileOrBuiltin {
            name: reference.to_string(),
            suggestion: did_you_mean(reference, &names),
            names: names.iter().map(|name| name.to_string()).collect(),
        },
    )])
}
