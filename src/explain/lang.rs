//! The languages Kaiten speaks, and how words are looked up: every sentence and label is a
//! key with typed arguments (a method of one of the word traits in `keys/`), and each
//! language is one catalogue that implements them all (`en/`, `zh_cn/`).
//!
//! Why plain traits rather than Fluent: the compiler then refuses a catalogue that lacks a
//! key or a key whose arguments differ, an argument a language forgets is an unused
//! variable (denied by clippy), each language keeps its own word order and plural rules in
//! ordinary code, and nothing is parsed at run time or added to the wasm bundle.

use crate::explain::keys::{
    CliWords, DifferenceWords, EditWords, InterventionWords, LessonWords, OsloWords, ProblemWords, RunWords,
    TraceWords, UiWords,
};

/// A language of the UI and the CLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    ZhCn,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The BCP 47 tag (`en`, `zh-CN`), as `lang` attributes and `--lang` take it.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language's own name, as the language switch shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhCn => "中文",
        }
    }

    /// The language a tag or locale asks for: `zh`, `zh-CN`, `zh-Hans`, `zh_CN.UTF-8` are
    /// Simplified Chinese, `en` and `en-GB` English; anything else is none of ours.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_', '.']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::ZhCn),
            _ => None,
        }
    }

    /// The first of `preferred` (most wanted first) that Kaiten speaks, else English.
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Lang {
        preferred.into_iter().find_map(Lang::from_tag).unwrap_or_default()
    }

    /// The language's catalogue.
    pub fn words(self) -> &'static dyn Catalogue {
        match self {
            Lang::En => &English,
            Lang::ZhCn => &Chinese,
        }
    }
}

/// Everything one language says: every word trait.
pub trait Catalogue:
    TraceWords
    + RunWords
    + OsloWords
    + InterventionWords
    + EditWords
    + CliWords
    + DifferenceWords
    + UiWords
    + ProblemWords
    + LessonWords
    + Sync
{
    /// `names` as one list, joined with this language's separator.
    fn list(&self, names: &[String]) -> String {
        names.join(&self.list_separator())
    }

    /// `names`, each quoted, as one list.
    fn quoted_list(&self, names: &[String]) -> String {
        names.iter().map(|name| self.quoted(name)).collect::<Vec<_>>().join(&self.list_separator())
    }
}
impl<T> Catalogue for T where
    T: TraceWords
        + RunWords
        + OsloWords
        + InterventionWords
        + EditWords
        + CliWords
        + DifferenceWords
        + UiWords
        + ProblemWords
        + LessonWords
        + Sync
{
}

/// The English catalogue (`en/`).
pub struct English;
/// The Simplified Chinese catalogue (`zh_cn/`).
pub struct Chinese;

/// Declares a word trait: one method per key, each argument `text` (`&str`) or `number`
/// (`u64`), returning the words. It also declares `samples`, which calls every key with a
/// distinct sentinel per argument, for the test that every language uses every argument.
macro_rules! words {
    ($(#[$trait_doc:meta])* pub trait $trait:ident {
        $( $(#[$doc:meta])* fn $name:ident(&self $(, $arg:ident: $kind:ident)* $(,)?); )*
    }) => {
        $(#[$trait_doc])*
        pub trait $trait {
            $( $(#[$doc])* fn $name(&self $(, $arg: words!(@type $kind))*) -> String; )*
        }

        /// Every key of this trait called with sentinels: (key, words, the sentinels).
        #[cfg(test)]
        pub(crate) fn samples(words: &dyn $trait) -> Vec<(&'static str, String, Vec<String>)> {
            let mut samples = Vec::new();
            let mut next: u64 = 900_001;
            $(
                #[allow(unused_mut, reason = "a key without arguments pushes no sentinel")]
                let mut expected: Vec<String> = Vec::new();
                $( let $arg = words!(@sentinel $kind, $arg, next, expected); next += 1; )*
                samples.push((stringify!($name), words.$name($(words!(@pass $kind, $arg)),*), expected));
            )*
            let _ = next;
            samples
        }
    };
    (@type text) => { &str };
    (@type number) => { u64 };
    (@sentinel text, $arg:ident, $next:ident, $expected:ident) => {{
        let sentinel = format!("⟦{}{}⟧", stringify!($arg), $next);
        $expected.push(sentinel.clone());
        sentinel
    }};
    (@sentinel number, $arg:ident, $next:ident, $expected:ident) => {{
        $expected.push($next.to_string());
        $next
    }};
    (@pass text, $arg:ident) => { &$arg };
    (@pass number, $arg:ident) => { $arg };
}
pub(crate) use words;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_locales_pick_a_language() {
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_tag("zh_CN.UTF-8"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_tag("zh-Hans"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr-FR"), None);
        assert_eq!(Lang::negotiate(["fr-FR", "zh-TW", "en"]), Lang::ZhCn);
        assert_eq!(Lang::negotiate(["fr-FR", "de"]), Lang::En);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
    }

    /// Every key of every word trait is in every language, and uses every argument it is
    /// given: a catalogue that drops a placeholder fails here.
    #[test]
    fn every_language_says_every_key_with_every_argument() {
        for lang in Lang::ALL {
            let words = lang.words();
            let all = crate::explain::keys::trace::samples(words)
                .into_iter()
                .chain(crate::explain::keys::run::samples(words))
                .chain(crate::explain::keys::oslo::samples(words))
                .chain(crate::explain::keys::intervention::samples(words))
                .chain(crate::explain::keys::edit::samples(words))
                .chain(crate::explain::keys::cli::samples(words))
                .chain(crate::explain::keys::differences::samples(words))
                .chain(crate::explain::keys::ui::samples(words))
                .chain(crate::explain::keys::problems::samples(words))
                .chain(crate::explain::keys::lesson::samples(words));
            for (key, said, sentinels) in all {
                assert!(!said.trim().is_empty(), "{lang:?} says nothing for {key}");
                for sentinel in sentinels {
                    assert!(said.contains(&sentinel), "{lang:?} {key} leaves out {sentinel}: {said}");
                }
            }
        }
    }
}
