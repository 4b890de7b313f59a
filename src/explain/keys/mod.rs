//! The keys of Kaiten's words, one trait per area, each method a key with typed arguments;
//! every language implements every trait (`en/`, `zh_cn/`).

pub mod cli;
pub mod differences;
pub mod edit;
pub mod intervention;
pub mod lesson;
pub mod oslo;
pub mod problems;
pub mod run;
pub mod trace;
pub mod ui;

pub use cli::CliWords;
pub use differences::DifferenceWords;
pub use edit::EditWords;
pub use intervention::InterventionWords;
pub use lesson::LessonWords;
pub use oslo::OsloWords;
pub use problems::ProblemWords;
pub use run::RunWords;
pub use trace::TraceWords;
pub use ui::UiWords;
