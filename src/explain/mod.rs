//! Words: the one place that turns data into sentences, for the CLI and the UI alike:
//! trace entries and the engine's routing explanations (`render`), oslo.messaging notes
//! (`oslo`), interventions (`intervention`), the editor's refusals and previews (`edit`), the run view's labels
//! (`run`), the palette's node kinds (`kinds`), the inspector's field labels (`fields`), file problems (`problems`), where a simulated run and a real broker disagree (`differences`), the `?` overlay (`shortcuts`), built-in scenarios' titles (`scenarios`) and a run's explained trace as the CLI prints it (`transcript`).
//! Each language is one catalogue (`lang`, the keys in `keys/`, `en/`, `zh_cn/`). It sits above every layer it words; a UI language is a new renderer here.

pub mod differences;
pub mod edit;
mod en;
pub mod fields;
pub mod intervention;
pub mod keys;
pub mod kinds;
pub mod lang;
pub mod lesson;
pub mod oslo;
pub mod problems;
pub mod render;
pub mod run;
pub mod scenarios;
pub mod shortcuts;
pub mod transcript;
mod zh_cn;

pub use problems::{kept_notice, problem};
pub use render::{Describer, describe, describe_drop, explanation_lines, label_words};
