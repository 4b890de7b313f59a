//! Words for the built-in scenarios: each one's title and "what to watch", by scenario name.
//! English keeps the scenario file's own text (the files are user documents and stay as they
//! are); other languages say them from their catalogue (`zh_cn/scenarios.rs`).

use crate::explain::lang::Lang;
use crate::studio::Pick;

/// A built-in scenario's title and what to watch in `lang`, if the language has its own.
fn said(lang: Lang, name: &str) -> Option<(&'static str, &'static str)> {
    match lang {
        Lang::En => None,
        Lang::ZhCn => crate::explain::zh_cn::scenarios::SCENARIOS
            .iter()
            .find(|(builtin, _, _)| *builtin == name)
            .map(|(_, title, watch)| (*title, *watch)),
    }
}

/// A built-in scenario's title, as the Scenario picker shows it; `title` is the file's own.
pub fn scenario_title(lang: Lang, name: &str, title: &str) -> String {
    said(lang, name).map_or(title, |(title, _)| title).to_string()
}

/// The About region's title and what to watch for what is picked; `title` and `watch` are
/// the document's own, shown for English and for anything not built in.
pub fn heading(lang: Lang, pick: &Pick, title: &str, watch: &str) -> (String, String) {
    let said = match pick {
        Pick::Builtin(name) => said(lang, name),
        Pick::MyTopology => None,
    };
    let (title, watch) = said.unwrap_or((title, watch));
    (title.to_string(), watch.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every built-in scenario has a Chinese title and what to watch, and nothing else does.
    #[test]
    fn every_builtin_scenario_is_said_in_chinese() {
        let names: Vec<&str> = crate::scenarios::names().collect();
        for name in &names {
            let (title, watch) = said(Lang::ZhCn, name).unwrap_or_else(|| panic!("{name} has no Chinese title"));
            assert!(!title.is_empty() && !watch.is_empty(), "{name}");
        }
        for (name, _, _) in crate::explain::zh_cn::scenarios::SCENARIOS {
            assert!(names.contains(name), "{name} is not a built-in scenario");
        }
        assert_eq!(scenario_title(Lang::En, "rpc-call", "Own"), "Own");
    }
}
