//! The native command-line interface. Placeholder until the CLI issue work lands.
fn main() {}
