//! The language the page speaks: the browser's (`navigator.languages`) until the user picks
//! one with the "Language" switch in the header, which is remembered (localStorage). The
//! `<html lang>` attribute follows, so fonts and screen readers do too.

use gloo::storage::{LocalStorage, Storage};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::explain::lang::Lang;

/// The localStorage key of the picked language.
const KEY: &str = "kaiten.lang";

/// The language and a way to change it, for every region.
#[derive(Clone, PartialEq)]
pub struct Speech {
    pub lang: Lang,
    pub set: Callback<Lang>,
}

/// The page's language: kept, else the browser's, else English.
#[hook]
pub fn use_language() -> Speech {
    let lang = use_state(|| {
        let kept: Option<String> = LocalStorage::get(KEY).ok();
        kept.as_deref().and_then(Lang::from_tag).unwrap_or_else(browser_language)
    });
    use_effect_with(*lang, |lang| {
        if let Some(root) = gloo::utils::document().document_element() {
            root.set_attribute("lang", lang.tag()).ok();
        }
    });
    let set = {
        let lang = lang.clone();
        Callback::from(move |picked: Lang| {
            // A browser that keeps nothing still switches, for this visit.
            LocalStorage::set(KEY, picked.tag()).ok();
            lang.set(picked);
        })
    };
    Speech { lang: *lang, set }
}

/// The language every region speaks (English outside the app's provider).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Speech>().map(|speech| speech.lang).unwrap_or_default()
}

/// The language the browser asks for first, of those the app speaks.
pub fn browser_language() -> Lang {
    let languages = gloo::utils::window().navigator().languages();
    let tags: Vec<String> = languages.iter().filter_map(|tag| tag.as_string()).collect();
    Lang::negotiate(tags.iter().map(String::as_str))
}

/// The "Language" switch: each language by its own name.
#[component]
pub fn LanguageSwitch() -> Html {
    let Some(speech) = use_context::<Speech>() else { return html! {} };
    let onchange = {
        let set = speech.set.clone();
        Callback::from(move |event: Event| {
            let tag = event.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(lang) = Lang::from_tag(&tag) {
                set.emit(lang);
            }
        })
    };
    html! {
        <div class="language-switch">
            <label for="language-switch">{ speech.lang.words().language() }</label>
            <select id="language-switch" {onchange}>
                { for Lang::ALL.iter().map(|lang| html! {
                    <option value={lang.tag()} lang={lang.tag()} selected={*lang == speech.lang}>{ lang.own_name() }</option>
                }) }
            </select>
        </div>
    }
}
